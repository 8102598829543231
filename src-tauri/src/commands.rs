//! The commands the interface calls (one per row of `docs/ipc.md`). Each takes the state, makes
//! one core call and maps the error; the rules live in `ntk_core::app`.
//!
//! Every command is `async` in Tauri's sense, so it runs off the window's main thread: key
//! derivation and exports take a noticeable moment and the window must stay responsive. Key
//! derivation (create, unlock, recover) happens before the vault mutex is taken.

use crate::dto::*;
use crate::error::ErrorDto;
use crate::state::AppState;
use crate::{lock_now, LockReason, DEMO_PASSPHRASE};
use ntk_core::app;
use ntk_core::assessment::Household;
use ntk_core::vault::{self, KdfProfile, Vault, VaultEnv};
use ntk_core::{SystemClock, SystemEntropy};
use tauri::{AppHandle, State};

type Res<T> = Result<T, ErrorDto>;

fn saved() -> Res<Saved> {
    Ok(Saved {
        saved_at: chrono::Utc::now(),
    })
}

/// Whether a vault exists and is unlocked, and the demo details.
#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> Res<AppStatus> {
    Ok(AppStatus {
        vault_exists: vault::exists(&state.path),
        unlocked: state.is_unlocked(),
        demo: state.demo,
        demo_passphrase: state.demo.then_some(DEMO_PASSPHRASE),
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Create the vault (first run) and return the recovery key, shown once.
#[tauri::command(async)]
pub fn create_vault(state: State<'_, AppState>, input: PassphraseInput) -> Res<Created> {
    let (mut v, key) = Vault::create(
        &state.path,
        &input.passphrase,
        KdfProfile::Standard,
        VaultEnv::system(),
    )?;
    app::active_definition(&mut v)?;
    let recovery_key = key.to_string();
    state.set_unlocked(v);
    Ok(Created { recovery_key })
}

/// Unlock with the passphrase.
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, input: PassphraseInput) -> Res<Empty> {
    let v = Vault::unlock(&state.path, &input.passphrase, VaultEnv::system())?;
    state.set_unlocked(v);
    Ok(Empty {})
}

/// Unlock with the recovery key and set a new passphrase.
#[tauri::command(async)]
pub fn recover(state: State<'_, AppState>, input: RecoverInput) -> Res<Empty> {
    let v = Vault::recover(
        &state.path,
        &input.recovery_key,
        &input.new_passphrase,
        VaultEnv::system(),
    )?;
    state.set_unlocked(v);
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

/// Change the passphrase (re-wraps the data key only). The vault is held for the two key
/// derivations so nothing else writes while its key slot is replaced.
#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, input: ChangePassphraseInput) -> Res<Empty> {
    state.with_vault(|v| Ok(v.change_passphrase(&input.old, &input.new)?))?;
    Ok(Empty {})
}

/// The settings.
#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Res<SettingsDto> {
    state.with_vault(|v| Ok(v.settings()?.into()))
}

/// Save the settings.
#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, input: SettingsDto) -> Res<Saved> {
    let minutes = input.auto_lock_minutes;
    if !(1..=240).contains(&minutes) {
        return Err(ErrorDto::new(
            "invalid",
            "Auto-lock must be between 1 and 240 minutes.",
        ));
    }
    state.with_vault(|v| Ok(v.save_settings(&input.into())?))?;
    state.set_auto_lock_minutes(minutes);
    saved()
}

/// The stored toolkit definitions.
#[tauri::command(async)]
pub fn list_definitions(state: State<'_, AppState>) -> Res<Vec<DefinitionDto>> {
    state.with_vault(|v| {
        Ok(app::list_definitions(v)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

/// Validate and store a partnership's definition file.
#[tauri::command(async)]
pub fn import_definition(state: State<'_, AppState>, input: JsonInput) -> Res<ImportedDefinition> {
    state.with_vault(|v| Ok(app::import_definition(v, &input.json)?.into()))
}

/// Make a stored definition the one new assessments use.
#[tauri::command(async)]
pub fn set_active_definition(state: State<'_, AppState>, input: HashInput) -> Res<Empty> {
    state.with_vault(|v| app::set_active_definition(v, &input.hash))?;
    Ok(Empty {})
}

/// Households matching a search ("" lists all).
#[tauri::command(async)]
pub fn list_households(
    state: State<'_, AppState>,
    input: QueryInput,
) -> Res<Vec<HouseholdSummaryDto>> {
    state.with_vault(|v| {
        let list = if input.query.trim().is_empty() {
            v.list_households()?
        } else {
            v.search_households(input.query.trim())?
        };
        Ok(list.into_iter().map(Into::into).collect())
    })
}

/// Households with a review due today or earlier.
#[tauri::command(async)]
pub fn reviews_due(state: State<'_, AppState>) -> Res<Vec<HouseholdSummaryDto>> {
    let today = chrono::Local::now().date_naive();
    state.with_vault(|v| Ok(v.reviews_due(today)?.into_iter().map(Into::into).collect()))
}

/// One household.
#[tauri::command(async)]
pub fn get_household(state: State<'_, AppState>, input: IdInput) -> Res<Household> {
    state.with_vault(|v| Ok(v.household(&input.id)?))
}

/// Create or update a household; new ones (empty ids) get ids and timestamps.
#[tauri::command(async)]
pub fn save_household(state: State<'_, AppState>, input: Household) -> Res<Household> {
    state.with_vault(|v| app::save_household(v, input, &SystemClock, &mut SystemEntropy))
}

/// A household's assessments, oldest first.
#[tauri::command(async)]
pub fn list_assessments(
    state: State<'_, AppState>,
    input: HouseholdIdInput,
) -> Res<Vec<AssessmentListItemDto>> {
    state.with_vault(|v| {
        Ok(app::list_assessments(v, &input.household_id)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

/// Start an initial assessment.
#[tauri::command(async)]
pub fn new_assessment(
    state: State<'_, AppState>,
    input: HouseholdIdInput,
) -> Res<AssessmentViewDto> {
    state.with_vault(|v| {
        Ok(app::new_assessment(v, &input.household_id, &SystemClock, &mut SystemEntropy)?.into())
    })
}

/// Start a review of a completed assessment.
#[tauri::command(async)]
pub fn start_review(state: State<'_, AppState>, input: PreviousIdInput) -> Res<AssessmentViewDto> {
    state.with_vault(|v| {
        Ok(app::start_review(v, &input.previous_id, &SystemClock, &mut SystemEntropy)?.into())
    })
}

/// An assessment with its summary and comparison.
#[tauri::command(async)]
pub fn get_assessment(state: State<'_, AppState>, input: IdInput) -> Res<AssessmentViewDto> {
    state.with_vault(|v| Ok(app::assessment_view(v, &input.id)?.into()))
}

/// Save one rating; resolves only once it is committed.
#[tauri::command(async)]
pub fn save_rating(state: State<'_, AppState>, input: SaveRatingInput) -> Res<Saved> {
    state.with_vault(|v| app::save_rating(v, &input.assessment_id, input.rating))?;
    saved()
}

/// Replace some free-text or structured parts of an assessment.
#[tauri::command(async)]
pub fn update_assessment(state: State<'_, AppState>, input: UpdateAssessmentInput) -> Res<Saved> {
    state.with_vault(|v| {
        app::update_assessment(v, &input.assessment_id, input.patch, &SystemClock)
    })?;
    saved()
}

/// Complete (lock) an assessment.
#[tauri::command(async)]
pub fn complete_assessment(state: State<'_, AppState>, input: IdInput) -> Res<AssessmentViewDto> {
    state.with_vault(|v| Ok(app::complete(v, &input.id, &SystemClock)?.into()))
}

/// Reopen a completed assessment to amend it.
#[tauri::command(async)]
pub fn amend_assessment(state: State<'_, AppState>, input: AmendInput) -> Res<AssessmentViewDto> {
    state.with_vault(|v| Ok(app::amend(v, &input.id, &input.reason, &SystemClock)?.into()))
}

/// Export the summary sheet to a file the user chooses (or `NTK_EXPORT_DIR` in tests).
#[tauri::command(async)]
pub fn export_pdf(app: AppHandle, state: State<'_, AppState>, input: ExportInput) -> Res<Exported> {
    // Make the sheet first (holding the vault), then ask where to put it (not holding it).
    let sheet =
        state.with_vault(|v| app::export_pdf_bytes(v, &input.assessment_id, &SystemClock))?;
    let path = crate::export_target(&app, &sheet.file_name)?;
    ntk_core::export::write_atomic(&path, &sheet.bytes).map_err(ErrorDto::from)?;
    Ok(Exported {
        path: path.display().to_string(),
    })
}
