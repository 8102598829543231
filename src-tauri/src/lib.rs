//! The desktop shell around the core: the window, the commands the interface calls, the state
//! between them, the auto-lock and the demo start. No rules live here; see `ntk_core::app`.

pub mod commands;
pub mod state;
pub mod test_hooks;
pub mod webkit;

use ntk_core::app::{AppError, ErrorReport, Session};
use ntk_core::vault::{KdfProfile, VaultEnv};
use serde::Serialize;
use state::AppState;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// The demo vault's passphrase; the unlock screen shows it in demo mode.
pub const DEMO_PASSPHRASE: &str = "demo-passphrase";

/// The event the window receives when the vault locks.
pub const LOCKED_EVENT: &str = "vault-locked";

/// The event the window receives while the data key rotates: `{ done, total }` records.
pub const REKEY_PROGRESS_EVENT: &str = "rekey-progress";

/// Why the vault locked (the `vault-locked` payload).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// Nobody used the app for the auto-lock time.
    Idle,
    /// The user or the interface asked.
    Manual,
}

#[derive(Serialize, Clone)]
struct LockedPayload {
    reason: LockReason,
}

/// Drop the vault (zeroizing its keys) and tell the window.
pub fn lock_now(app: &AppHandle, state: &AppState, reason: LockReason) {
    if state.lock_session() || reason == LockReason::Manual {
        // A window that is already gone cannot be told; the vault is locked either way.
        let _ = app.emit(LOCKED_EVENT, LockedPayload { reason });
    }
}

/// Whether the app was asked to start on the demo vault (`--demo` or `NTK_DEMO=1`).
pub fn demo_requested(args: impl IntoIterator<Item = String>, env_demo: Option<String>) -> bool {
    args.into_iter().any(|a| a == "--demo") || env_demo.is_some_and(|v| v == "1" || v == "true")
}

/// The test-only idle override from `NTK_AUTOLOCK_SECONDS` (read only in a `test-hooks` build).
pub fn idle_override(value: Option<String>) -> Option<Duration> {
    value
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
}

/// The vault file in the app's data folder.
pub fn vault_file(data_dir: &Path, demo: bool) -> PathBuf {
    data_dir.join(if demo { "demo-vault.ntk" } else { "vault.ntk" })
}

/// Create the demo vault with the demo household if it does not exist yet (the same core calls
/// as `ntk vault init` followed by `ntk demo`).
pub fn ensure_demo_vault(path: &Path) -> Result<(), ErrorReport> {
    if ntk_core::vault::exists(path) {
        return Ok(());
    }
    let (mut s, _key) = Session::create(
        path,
        DEMO_PASSPHRASE,
        KdfProfile::Standard,
        VaultEnv::system(),
    )?;
    s.load_demo()?;
    Ok(())
}

/// The creation time of a summary sheet exported now (see [`ntk_core::app::sheet_time`]).
pub fn sheet_time() -> chrono::DateTime<chrono::Utc> {
    ntk_core::app::sheet_time(
        chrono::Utc::now(),
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
    )
}

/// Where to write an exported sheet: `NTK_EXPORT_DIR` (a `test-hooks` build) or the folder the user picks in
/// a native save dialog (`cancelled` if they close it).
pub fn export_target(app: &AppHandle, file_name: &str) -> Result<PathBuf, AppError> {
    save_target(
        app,
        file_name,
        "Save the summary sheet",
        ("PDF document", "pdf"),
    )
}

/// The backup file to restore: the one the user picks in a native open dialog (`cancelled` if
/// they close it), or `NTK_IMPORT_FILE` in a build with the
/// `test-hooks` feature ([`test_hooks`]).
pub fn backup_source(app: &AppHandle) -> Result<PathBuf, AppError> {
    if let Some(f) = test_hooks::import_file() {
        return Ok(f);
    }
    use tauri_plugin_dialog::DialogExt;
    let chosen = app
        .dialog()
        .file()
        .set_title("Restore from a backup")
        .add_filter("Vault backup", &["ntk"])
        .blocking_pick_file();
    let chosen = chosen.ok_or(AppError::Cancelled)?;
    chosen.into_path().map_err(|_| AppError::Invalid {
        message: "Choose a file on this computer.".into(),
    })
}

/// Where to write an exported file: `NTK_EXPORT_DIR` (a `test-hooks` build) or the place the user picks in a
/// native save dialog titled `title`, offering `filter` (its name and extension).
pub fn save_target(
    app: &AppHandle,
    file_name: &str,
    title: &str,
    filter: (&str, &str),
) -> Result<PathBuf, AppError> {
    if let Some(dir) = test_hooks::export_dir() {
        return Ok(dir.join(file_name));
    }
    use tauri_plugin_dialog::DialogExt;
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file();
    let chosen = chosen.ok_or(AppError::Cancelled)?;
    chosen.into_path().map_err(|_| AppError::Invalid {
        message: "Choose a folder on this computer to save the sheet in.".into(),
    })
}

/// The hand-over file to import: the one the user picks in a native open dialog (`cancelled` if
/// they close it), or `NTK_IMPORT_FILE` in a build with the
/// `test-hooks` feature ([`test_hooks`]).
pub fn import_source(app: &AppHandle) -> Result<PathBuf, AppError> {
    if let Some(f) = test_hooks::import_file() {
        return Ok(f);
    }
    use tauri_plugin_dialog::DialogExt;
    let chosen = app
        .dialog()
        .file()
        .set_title("Import a hand-over")
        .add_filter("age encrypted file", &["age"])
        .blocking_pick_file();
    let chosen = chosen.ok_or(AppError::Cancelled)?;
    chosen.into_path().map_err(|_| AppError::Invalid {
        message: "Choose a file on this computer.".into(),
    })
}

fn start_idle_watch(app: AppHandle) {
    std::thread::Builder::new()
        .name("auto-lock".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let state = app.state::<AppState>();
            if state.is_unlocked() && state.idle_expired() {
                lock_now(&app, &state, LockReason::Idle);
            }
        })
        .expect("the auto-lock thread could not start");
}

/// Every command the window may call (each also listed in `build.rs`, the capability file and
/// `docs/ipc.md`).
fn registered_commands() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync {
    tauri::generate_handler![
        commands::app_status,
        commands::get_limits,
        commands::create_vault,
        commands::unlock,
        commands::recover,
        commands::lock,
        commands::activity,
        commands::change_passphrase,
        commands::new_recovery_key,
        commands::get_integrity,
        commands::check_integrity,
        commands::get_settings,
        commands::save_settings,
        commands::list_definitions,
        commands::get_help,
        commands::import_definition,
        commands::set_active_definition,
        commands::list_households,
        commands::reviews_due,
        commands::get_household,
        commands::save_household,
        commands::list_assessments,
        commands::new_assessment,
        commands::start_review,
        commands::get_assessment,
        commands::save_rating,
        commands::update_assessment,
        commands::complete_assessment,
        commands::amend_assessment,
        commands::discard_assessment,
        commands::export_pdf,
        commands::get_chronology,
        commands::save_chronology_entry,
        commands::remove_chronology_entry,
        commands::import_chronology_csv,
        commands::export_chronology_csv,
        commands::get_history,
        commands::get_identity,
        commands::export_handover,
        commands::import_handover,
        commands::list_received,
        commands::resolve_handover,
        commands::review_conflict,
        commands::merge_handover,
        commands::preview_usage_report,
        commands::save_usage_report,
        commands::enter_family_view,
        commands::get_family_view,
        commands::leave_family_view,
        commands::get_backups,
        commands::restore_backup,
        commands::erase_household,
        commands::get_erasures,
    ]
}

/// Run one command from the window, unless the Family view is on and the command is not one of
/// its own: then it is refused with the `family_view` code before it runs
/// ([`AppState::gate`]). Every command from the window passes through here.
fn gated<R: tauri::Runtime>(
    invoke: tauri::ipc::Invoke<R>,
    commands: &dyn Fn(tauri::ipc::Invoke<R>) -> bool,
) -> bool {
    let webview = invoke.message.webview();
    let refused = webview
        .try_state::<AppState>()
        .and_then(|state| state.gate(invoke.message.command()).err());
    if let Some(report) = refused {
        invoke.resolver.reject(report);
        return true;
    }
    commands(invoke)
}

/// Bring the app's window to the front (a second start of the app lands here).
fn focus_main_window(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Start the app.
pub fn run() {
    webkit::prepare();
    let demo = demo_requested(std::env::args().skip(1), std::env::var("NTK_DEMO").ok());
    let idle = idle_override(test_hooks::autolock_seconds());
    let commands = registered_commands();
    ntk_core::hardening::disable_core_dumps();
    ntk_core::vault::set_program(ntk_core::vault::Program::App);
    tauri::Builder::default()
        // First, so a second start hands over before it opens anything: the running app's
        // window comes to the front instead.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main_window(app)
        }))
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let dir = app.path().app_data_dir()?;
            std::fs::create_dir_all(&dir)?;
            ntk_core::hardening::private_dir(&dir)?;
            let path = vault_file(&dir, demo);
            if demo {
                ensure_demo_vault(&path).map_err(|e| e.message)?;
            }
            app.manage(AppState::new(path, demo, idle));
            for window in app.webview_windows().values() {
                webkit::tune(window)?;
            }
            start_idle_watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(move |invoke| gated(invoke, &commands))
        .run(tauri::generate_context!())
        .expect("the Neglect Toolkit window could not start");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_asked_for_by_flag_or_environment() {
        assert!(demo_requested(["--demo".to_string()], None));
        assert!(demo_requested(Vec::<String>::new(), Some("1".into())));
        assert!(!demo_requested(Vec::<String>::new(), Some("0".into())));
        assert!(!demo_requested(["--other".to_string()], None));
    }

    #[test]
    fn idle_override_accepts_only_positive_seconds() {
        assert_eq!(
            idle_override(Some("7".into())),
            Some(Duration::from_secs(7))
        );
        assert_eq!(idle_override(Some("0".into())), None);
        assert_eq!(idle_override(Some("soon".into())), None);
        assert_eq!(idle_override(None), None);
    }

    #[test]
    fn demo_and_real_vaults_are_separate_files() {
        let d = Path::new("/data");
        assert_ne!(vault_file(d, true), vault_file(d, false));
        assert!(vault_file(d, false).ends_with("vault.ntk"));
    }
}
