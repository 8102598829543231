//! The commands the interface calls (one per row of `docs/ipc.md`). Each takes the state, makes
//! one call to the core's [`Session`] and lets the core's [`ErrorReport`] cross as it is: the
//! rules, the words and the error codes all live in `ntk_core::app`.
//!
//! Every command is `async` in Tauri's sense, so it runs off the window's main thread: key
//! derivation and exports take a noticeable moment and the window must stay responsive. Key
//! derivation (create, unlock, recover) happens before the session mutex is taken.
//!
//! Before any of these runs, the invoke handler asks [`AppState::gate`]: while the Family view is
//! on, only the Family view's own commands get here.

use crate::state::AppState;
use crate::{lock_now, LockReason, DEMO_PASSPHRASE, REKEY_PROGRESS_EVENT};
use ntk_core::app::ipc::*;
use ntk_core::app::{
    AppError, AssessmentListItem, AssessmentView, BackupMoment, BackupsView, ChronologyImported,
    ChronologyView, ConflictReview, DefinitionInfo, EraseRequest, ErasuresView, ErrorReport,
    HandoverImported, HistoryView, HouseholdListItem, IntegrityView, ReceivedItem, ReportPreview,
    Restored, Saved, Session,
};
use ntk_core::assessment::Household;
use ntk_core::family::FamilyView;
use ntk_core::limits::{self, Limits};
use ntk_core::vault::{self, KdfProfile, Settings, VaultEnv};
use tauri::Emitter;
use tauri::{AppHandle, State};

type Res<T> = Result<T, ErrorReport>;

/// Whether a vault exists and is unlocked, and the demo details.
#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> Res<AppStatus> {
    Ok(AppStatus {
        vault_exists: vault::exists(&state.path),
        unlocked: state.is_unlocked(),
        demo: state.demo,
        demo_passphrase: state.demo.then_some(DEMO_PASSPHRASE),
        version: env!("CARGO_PKG_VERSION"),
        family_view: state.family_view().is_some(),
    })
}

/// The limits the core enforces, so the interface can say them before a button is pressed.
#[tauri::command(async)]
pub fn get_limits() -> Res<Limits> {
    Ok(limits::limits())
}

/// Create the vault (first run) and return the recovery key, shown once.
#[tauri::command(async)]
pub fn create_vault(state: State<'_, AppState>, input: PassphraseInput) -> Res<Created> {
    let (s, key) = Session::create(
        &state.path,
        input.passphrase,
        KdfProfile::Standard,
        VaultEnv::system(),
    )?;
    state.set_unlocked(s);
    Ok(Created {
        recovery_key: key.to_string(),
    })
}

/// Unlock with the passphrase. The first unlock of a day makes a backup generation; a failed
/// one leaves a notice (`get_backups`) and never stops the unlock.
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, input: PassphraseInput) -> Res<Empty> {
    let mut s = Session::unlock(&state.path, input.passphrase, VaultEnv::system())?;
    let _ = s.auto_backup(BackupMoment::Daily);
    state.set_unlocked(s);
    Ok(Empty {})
}

/// Unlock with the recovery key and set a new passphrase.
#[tauri::command(async)]
pub fn recover(state: State<'_, AppState>, input: RecoverInput) -> Res<Empty> {
    state.set_unlocked(Session::recover(
        &state.path,
        input.recovery_key,
        input.new_passphrase,
        VaultEnv::system(),
    )?);
    Ok(Empty {})
}

/// Lock now: the keys are zeroized and the `vault-locked` event tells the window.
#[tauri::command(async)]
pub fn lock(app: AppHandle, state: State<'_, AppState>) -> Res<Empty> {
    lock_now(&app, &state, LockReason::Manual);
    Ok(Empty {})
}

/// The user did something: restart the idle timer.
#[tauri::command(async)]
pub fn activity(state: State<'_, AppState>) -> Res<Empty> {
    state.touch();
    Ok(Empty {})
}

/// Change the passphrase. The session is held while the data key rotates (every record is
/// re-sealed) so nothing else writes meanwhile; the window is told the progress through the
/// `rekey-progress` event.
#[tauri::command(async)]
pub fn change_passphrase(
    app: AppHandle,
    state: State<'_, AppState>,
    input: ChangePassphraseInput,
) -> Res<PassphraseChanged> {
    let issued = state.with_session(|s| {
        s.change_passphrase(&input.old, &input.new, &mut |p| {
            let _ = app.emit(REKEY_PROGRESS_EVENT, p);
        })
    })?;
    Ok(PassphraseChanged {
        recovery_key: issued.map(|k| k.to_string()),
    })
}

/// Issue a new recovery key, confirmed with the passphrase; the old one stops working. The data
/// key rotates, with progress as for a passphrase change. The key is returned to be shown once.
#[tauri::command(async)]
pub fn new_recovery_key(
    app: AppHandle,
    state: State<'_, AppState>,
    input: PassphraseInput,
) -> Res<Created> {
    let key = state.with_session(|s| {
        s.new_recovery_key(&input.passphrase, &mut |p| {
            let _ = app.emit(REKEY_PROGRESS_EVENT, p);
        })
    })?;
    Ok(Created {
        recovery_key: key.to_string(),
    })
}

/// What the integrity checks found so far (the quick check at unlock, the full one once run).
#[tauri::command(async)]
pub fn get_integrity(state: State<'_, AppState>) -> Res<IntegrityView> {
    state.with_session(|s| Ok(s.integrity()))
}

/// Run the full integrity check (the interface calls it in the background after unlocking).
#[tauri::command(async)]
pub fn check_integrity(state: State<'_, AppState>) -> Res<IntegrityView> {
    state.with_session(|s| s.check_integrity())
}

/// The settings.
#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Res<Settings> {
    state.with_session(|s| s.settings())
}

/// Save the settings (the auto-lock timer follows them).
#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, input: Settings) -> Res<Saved> {
    state.with_session(|s| s.save_settings(input))
}

/// The "How to use the toolkit" page from the active definition's guidance.
#[tauri::command(async)]
pub fn get_help(state: State<'_, AppState>) -> Res<ntk_core::guidance::HelpPage> {
    state.with_session(|s| s.help())
}

/// The backups section of Settings: the folder, the generations, the notice of a failed
/// automatic backup.
#[tauri::command(async)]
pub fn get_backups(state: State<'_, AppState>) -> Res<BackupsView> {
    let pending = state.take_backup_notice();
    state.with_session(|s| {
        let mut v = s.backups()?;
        v.notice = v.notice.or(pending);
        Ok(v)
    })
}

/// Restore a backup (a listed generation, or a file picked in the native open dialog) over the
/// vault: verified first, the current file kept aside, then reopened.
#[tauri::command(async)]
pub fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    input: RestoreBackupInput,
) -> Res<Restored> {
    let file = match input.path {
        Some(p) => std::path::PathBuf::from(p),
        None => crate::backup_source(&app)?,
    };
    state.with_session(|s| s.restore_backup(&file, &input.passphrase))
}

/// Erase a household, leaving a tombstone with no personal data.
#[tauri::command(async)]
pub fn erase_household(state: State<'_, AppState>, input: EraseRequest) -> Res<Saved> {
    state.with_session(|s| s.erase_household(input))
}

/// The danger zone's words and reasons, and the erased households.
#[tauri::command(async)]
pub fn get_erasures(state: State<'_, AppState>) -> Res<ErasuresView> {
    state.with_session(|s| s.erasures_view())
}

/// The stored toolkit definitions.
#[tauri::command(async)]
pub fn list_definitions(state: State<'_, AppState>) -> Res<Vec<DefinitionInfo>> {
    state.with_session(|s| s.list_definitions())
}

/// Validate and store a partnership's definition file.
#[tauri::command(async)]
pub fn import_definition(state: State<'_, AppState>, input: JsonInput) -> Res<DefinitionInfo> {
    state.with_session(|s| s.import_definition(&input.json))
}

/// Make a stored definition the one new assessments use.
#[tauri::command(async)]
pub fn set_active_definition(state: State<'_, AppState>, input: HashInput) -> Res<Empty> {
    state.with_session(|s| s.set_active_definition(&input.hash))?;
    Ok(Empty {})
}

/// Households matching a search ("" lists all).
#[tauri::command(async)]
pub fn list_households(
    state: State<'_, AppState>,
    input: QueryInput,
) -> Res<Vec<HouseholdListItem>> {
    state.with_session(|s| s.households(&input.query))
}

/// Households with a review due today or earlier.
#[tauri::command(async)]
pub fn reviews_due(state: State<'_, AppState>) -> Res<Vec<HouseholdListItem>> {
    state.with_session(|s| s.reviews_due())
}

/// One household.
#[tauri::command(async)]
pub fn get_household(state: State<'_, AppState>, input: IdInput) -> Res<Household> {
    state.with_session(|s| s.household(&input.id))
}

/// Create or update a household; new ones (empty ids) get ids and timestamps.
#[tauri::command(async)]
pub fn save_household(state: State<'_, AppState>, input: Household) -> Res<Household> {
    state.with_session(|s| s.save_household(input))
}

/// A household's assessments, oldest first.
#[tauri::command(async)]
pub fn list_assessments(
    state: State<'_, AppState>,
    input: HouseholdIdInput,
) -> Res<Vec<AssessmentListItem>> {
    state.with_session(|s| s.assessments(&input.household_id))
}

/// Start an initial assessment.
#[tauri::command(async)]
pub fn new_assessment(state: State<'_, AppState>, input: HouseholdIdInput) -> Res<AssessmentView> {
    state.with_session(|s| s.new_assessment(&input.household_id))
}

/// Start a review of a completed assessment.
#[tauri::command(async)]
pub fn start_review(state: State<'_, AppState>, input: PreviousIdInput) -> Res<AssessmentView> {
    state.with_session(|s| s.start_review(&input.previous_id))
}

/// An assessment with its summary and comparison.
#[tauri::command(async)]
pub fn get_assessment(state: State<'_, AppState>, input: IdInput) -> Res<AssessmentView> {
    state.with_session(|s| s.assessment_view(&input.id))
}

/// Save one rating; resolves only once it is committed.
#[tauri::command(async)]
pub fn save_rating(state: State<'_, AppState>, input: SaveRatingInput) -> Res<Saved> {
    state.with_session(|s| s.save_rating(&input.assessment_id, input.rating))
}

/// Replace some free-text or structured parts of an assessment.
#[tauri::command(async)]
pub fn update_assessment(state: State<'_, AppState>, input: UpdateAssessmentInput) -> Res<Saved> {
    state.with_session(|s| s.update_assessment(&input.assessment_id, input.patch))
}

/// Complete (lock) an assessment.
#[tauri::command(async)]
pub fn complete_assessment(state: State<'_, AppState>, input: IdInput) -> Res<AssessmentView> {
    state.with_session(|s| s.complete(&input.id))
}

/// Reopen a completed assessment to amend it.
#[tauri::command(async)]
pub fn amend_assessment(state: State<'_, AppState>, input: AmendInput) -> Res<AssessmentView> {
    state.with_session(|s| s.amend(&input.id, &input.reason))
}

/// Discard a draft with a reason (kept in the audit trail).
#[tauri::command(async)]
pub fn discard_assessment(state: State<'_, AppState>, input: DiscardInput) -> Res<Saved> {
    state.with_session(|s| s.discard(&input.id, &input.reason))
}

/// Export the summary sheet to a file the user chooses (or `NTK_EXPORT_DIR` in tests).
#[tauri::command(async)]
pub fn export_pdf(app: AppHandle, state: State<'_, AppState>, input: ExportInput) -> Res<Exported> {
    // Make the sheet first (holding the session), then ask where to put it (not holding it).
    let at = crate::sheet_time();
    let options = input.sheet_options();
    let sheet = state.with_session(|s| s.summary_sheet_with(&input.assessment_id, at, &options))?;
    let path = crate::export_target(&app, &sheet.file_name)?;
    ntk_core::export::write_atomic(&path, &sheet.bytes).map_err(AppError::from)?;
    Ok(Exported::new(&path, sheet.warning))
}

/// A household's chronology, for the Timeline view.
#[tauri::command(async)]
pub fn get_chronology(state: State<'_, AppState>, input: HouseholdIdInput) -> Res<ChronologyView> {
    state.with_session(|s| s.chronology(&input.household_id))
}

/// A household's History (who changed what, when and why; never the content), the same lines
/// as `ntk vault audit --household`.
#[tauri::command(async)]
pub fn get_history(state: State<'_, AppState>, input: HouseholdIdInput) -> Res<HistoryView> {
    state.with_session(|s| s.household_history(&input.household_id))
}

/// Record a chronology entry (an empty id is a new one) or correct one.
#[tauri::command(async)]
pub fn save_chronology_entry(
    state: State<'_, AppState>,
    input: ChronologyEntryInput,
) -> Res<Saved> {
    state.with_session(|s| s.save_chronology_entry(&input.household_id, input.entry))
}

/// Remove a chronology entry recorded in error, with the reason.
#[tauri::command(async)]
pub fn remove_chronology_entry(
    state: State<'_, AppState>,
    input: ChronologyRemoveInput,
) -> Res<Saved> {
    state.with_session(|s| {
        s.remove_chronology_entry(&input.household_id, &input.entry_id, &input.reason)
    })
}

/// Merge a CSV chronology (its text, read by the window from a file the user chose).
#[tauri::command(async)]
pub fn import_chronology_csv(
    state: State<'_, AppState>,
    input: ChronologyFileInput,
) -> Res<ChronologyImported> {
    state.with_session(|s| s.import_chronology_csv(&input.household_id, input.csv.as_bytes()))
}

/// Export a household's chronology as CSV to a file the user chooses (or `NTK_EXPORT_DIR`).
#[tauri::command(async)]
pub fn export_chronology_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    input: HouseholdIdInput,
) -> Res<Exported> {
    let file = state.with_session(|s| s.chronology_csv(&input.household_id))?;
    let path = crate::save_target(
        &app,
        &file.file_name,
        "Save the chronology",
        ("CSV file", "csv"),
    )?;
    ntk_core::export::write_atomic(&path, &file.bytes).map_err(AppError::from)?;
    Ok(Exported::new(&path, file.warning))
}

/// This vault's public key for hand-overs (`age1...`), to show and copy in Settings.
#[tauri::command(async)]
pub fn get_identity(state: State<'_, AppState>) -> Res<String> {
    state.with_session(|s| s.handover_public_key())
}

/// Encrypt one household to the recipients' public keys and save the file where the user
/// chooses (or `NTK_EXPORT_DIR`). Only ciphertext is written.
#[tauri::command(async)]
pub fn export_handover(
    app: AppHandle,
    state: State<'_, AppState>,
    input: HandoverExportInput,
) -> Res<Exported> {
    let file = state.with_session(|s| s.handover_export(&input.household_id, &input.recipients))?;
    let path = crate::save_target(
        &app,
        &file.file_name,
        "Save the hand-over",
        ("age encrypted file", "age"),
    )?;
    ntk_core::export::write_atomic(&path, &file.bytes).map_err(AppError::from)?;
    Ok(Exported::new(&path, file.warning))
}

/// Import a hand-over file the user picks (or `NTK_IMPORT_FILE`).
#[tauri::command(async)]
pub fn import_handover(app: AppHandle, state: State<'_, AppState>) -> Res<HandoverImported> {
    let path = crate::import_source(&app)?;
    let bytes = std::fs::read(&path).map_err(|e| AppError::Invalid {
        message: format!("Nothing was imported: the file could not be read ({e})."),
    })?;
    state.with_session(|s| s.handover_import(&bytes))
}

/// The households received by hand-over.
#[tauri::command(async)]
pub fn list_received(state: State<'_, AppState>) -> Res<Vec<ReceivedItem>> {
    state.with_session(|s| s.received())
}

/// Keep the stored household or take the incoming version of a conflict.
#[tauri::command(async)]
pub fn resolve_handover(state: State<'_, AppState>, input: ResolveHandoverInput) -> Res<Saved> {
    state.with_session(|s| s.resolve_handover(&input.household_id, input.keep_incoming))
}

/// The stored and incoming versions of a received household, field by field.
#[tauri::command(async)]
pub fn review_conflict(state: State<'_, AppState>, input: HouseholdIdInput) -> Res<ConflictReview> {
    state.with_session(|s| s.conflict_review(&input.household_id))
}

/// Save the merge of a conflict with the fields chosen from the incoming version.
#[tauri::command(async)]
pub fn merge_handover(state: State<'_, AppState>, input: MergeHandoverInput) -> Res<Saved> {
    state.with_session(|s| s.merge_handover(&input.household_id, &input.take_incoming))
}

fn agency_type(input: &UsageReportInput) -> &str {
    match input.agency_type.trim() {
        "" => "not stated",
        t => t,
    }
}

/// What the usage report holds, shown in Settings before it is saved.
#[tauri::command(async)]
pub fn preview_usage_report(
    state: State<'_, AppState>,
    input: UsageReportInput,
) -> Res<ReportPreview> {
    state.with_session(|s| s.usage_report_preview(agency_type(&input)))
}

/// Write the usage report (JSON, with its CSV beside it) where the user chooses (or
/// `NTK_EXPORT_DIR`): the same call as `ntk report`.
#[tauri::command(async)]
pub fn save_usage_report(
    app: AppHandle,
    state: State<'_, AppState>,
    input: UsageReportInput,
) -> Res<Exported> {
    let (name, json, csv) = state.with_session(|s| s.usage_report_files(agency_type(&input)))?;
    let path = crate::save_target(&app, &name, "Save the usage report", ("JSON file", "json"))?;
    ntk_core::export::write_atomic(&path, &json).map_err(AppError::from)?;
    ntk_core::export::write_atomic(&path.with_extension("csv"), &csv).map_err(AppError::from)?;
    Ok(Exported::new(&path, None))
}

/// Show assessment `assessment_id` to the family: from now on the shell refuses every command but
/// the Family view's own until `leave_family_view`. Returns what the family may see.
#[tauri::command(async)]
pub fn enter_family_view(state: State<'_, AppState>, input: FamilyViewInput) -> Res<FamilyView> {
    state.enter_family_view(&input.assessment_id, |s, id| s.family_view(id))
}

/// What the family may see of the assessment the Family view shows (`invalid` if it is off).
#[tauri::command(async)]
pub fn get_family_view(state: State<'_, AppState>) -> Res<FamilyView> {
    state.with_family_view(|s, id| s.family_view(id))
}

/// Leave the Family view with the passphrase; a wrong one (`wrong_passphrase`) leaves it on.
#[tauri::command(async)]
pub fn leave_family_view(state: State<'_, AppState>, input: PassphraseInput) -> Res<Empty> {
    state.leave_family_view(|s| s.verify_passphrase(&input.passphrase))?;
    Ok(Empty {})
}
