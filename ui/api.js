// The one place that talks to the backend (docs/ipc.md). Every other module calls these
// functions; nothing else touches window.__TAURI__.
//
// Every command takes no argument or one argument named `input`. Errors reject with an
// ApiError carrying the backend's `code` (the UI branches on it) and a plain `message`.

/** An error from the backend: `code` to branch on, `message` to show. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

const lockedHandlers = new Set();

function tauri() {
  const t = window.__TAURI__;
  if (!t?.core || typeof t.core.invoke !== 'function') {
    throw new ApiError('internal', 'The app could not reach its data store. Close the app and open it again.');
  }
  return t;
}

function toApiError(err) {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    return new ApiError(err.code, typeof err.message === 'string' ? err.message : 'Something went wrong.');
  }
  const text = typeof err === 'string' && err.length < 300 ? err : 'Something went wrong. Try again.';
  return new ApiError('internal', text);
}

async function call(name, input) {
  let result;
  try {
    const t = tauri();
    result = input === undefined ? await t.core.invoke(name) : await t.core.invoke(name, { input });
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'locked') for (const fn of lockedHandlers) fn({ reason: 'locked' });
    throw e;
  }
  return result;
}

/**
 * Call `fn({ reason })` when the vault locks: on the backend's `vault-locked` event or when a
 * command answers `locked`.
 */
export async function onVaultLocked(fn) {
  lockedHandlers.add(fn);
  const t = window.__TAURI__;
  if (t?.event && typeof t.event.listen === 'function') {
    await t.event.listen('vault-locked', (event) => fn(event?.payload || { reason: 'manual' }));
  }
}

// Vault and session.
export const appStatus = () => call('app_status');
export const getLimits = () => call('get_limits');
export const createVault = (passphrase) => call('create_vault', { passphrase });
export const unlock = (passphrase) => call('unlock', { passphrase });
export const recover = (recovery_key, new_passphrase) => call('recover', { recovery_key, new_passphrase });
export const lock = () => call('lock');
export const activity = () => call('activity');
export const changePassphrase = (old, next) => call('change_passphrase', { old, new: next });
export const newRecoveryKey = (passphrase) => call('new_recovery_key', { passphrase });

/** Call `fn({ done, total })` while the data key rotates (a passphrase change or a new recovery key). */
export async function onRekeyProgress(fn) {
  const t = window.__TAURI__;
  if (t?.event && typeof t.event.listen === 'function') {
    return t.event.listen('rekey-progress', (event) => fn(event?.payload || { done: 0, total: 0 }));
  }
  return () => {};
}
export const getIntegrity = () => call('get_integrity');
export const checkIntegrity = () => call('check_integrity');

// Settings and definitions.
export const getSettings = () => call('get_settings');
export const saveSettings = (settings) => call('save_settings', settings);
export const listDefinitions = () => call('list_definitions');
export const importDefinition = (json) => call('import_definition', { json });
export const setActiveDefinition = (hash) => call('set_active_definition', { hash });
export const getHelp = () => call('get_help');

// Backups and erasure.
export const getBackups = () => call('get_backups');
/** Restore the generation at `path`, or (with `path` null) a file picked in the native dialog. */
export const restoreBackup = (passphrase, path = null) => call('restore_backup', path ? { passphrase, path } : { passphrase });
export const getErasures = () => call('get_erasures');
export const eraseHousehold = (household_id, confirm_name, reason, note) => call('erase_household', { household_id, confirm_name, reason, note });

// Households.
export const listHouseholds = (query = '') => call('list_households', { query });
export const reviewsDue = () => call('reviews_due');
export const getHousehold = (id) => call('get_household', { id });
export const saveHousehold = (household) => call('save_household', household);

// Assessments.
export const listAssessments = (household_id) => call('list_assessments', { household_id });
export const newAssessment = (household_id) => call('new_assessment', { household_id });
export const startReview = (previous_id) => call('start_review', { previous_id });
export const getAssessment = (id) => call('get_assessment', { id });
export const saveRating = (assessment_id, rating) => call('save_rating', { assessment_id, rating });
export const updateAssessment = (assessment_id, patch) => call('update_assessment', { assessment_id, patch });
export const completeAssessment = (id) => call('complete_assessment', { id });
export const amendAssessment = (id, reason) => call('amend_assessment', { id, reason });
export const discardAssessment = (id, reason) => call('discard_assessment', { id, reason });
export const exportPdf = (assessment_id, chronology_since = null) =>
  call('export_pdf', chronology_since ? { assessment_id, chronology_since } : { assessment_id });

// A household's chronology (never in the Family view).
export const getChronology = (household_id) => call('get_chronology', { household_id });
export const saveChronologyEntry = (household_id, entry) => call('save_chronology_entry', { household_id, entry });
export const removeChronologyEntry = (household_id, entry_id, reason) => call('remove_chronology_entry', { household_id, entry_id, reason });
export const importChronologyCsv = (household_id, csv) => call('import_chronology_csv', { household_id, csv });
export const exportChronologyCsv = (household_id) => call('export_chronology_csv', { household_id });

// A household's History: who changed what, when and why, never the content (not in the Family view).
export const getHistory = (household_id) => call('get_history', { household_id });

// Encrypted hand-overs.
export const getIdentity = () => call('get_identity');
export const exportHandover = (household_id, recipients) => call('export_handover', { household_id, recipients });
export const importHandover = () => call('import_handover');
export const listReceived = () => call('list_received');
export const resolveHandover = (household_id, keep_incoming) => call('resolve_handover', { household_id, keep_incoming });
export const reviewConflict = (household_id) => call('review_conflict', { household_id });
export const mergeHandover = (household_id, take_incoming) => call('merge_handover', { household_id, take_incoming });

// The partnership's usage report (no personal data).
export const previewUsageReport = (agency_type) => call('preview_usage_report', { agency_type });
export const saveUsageReport = (agency_type) => call('save_usage_report', { agency_type });

// The Family view (while it is on, the backend refuses every other command with `family_view`).
export const enterFamilyView = (assessment_id) => call('enter_family_view', { assessment_id });
export const getFamilyView = () => call('get_family_view');
export const leaveFamilyView = (passphrase) => call('leave_family_view', { passphrase });
