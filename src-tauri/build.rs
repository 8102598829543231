//! Builds the shell. The app's own commands are declared here so that each needs an explicit
//! permission in `capabilities/`: the window may call exactly these and nothing else.

const COMMANDS: &[&str] = &[
    "app_status",
    "get_limits",
    "create_vault",
    "unlock",
    "recover",
    "lock",
    "activity",
    "change_passphrase",
    "new_recovery_key",
    "get_integrity",
    "check_integrity",
    "get_settings",
    "save_settings",
    "list_definitions",
    "import_definition",
    "set_active_definition",
    "list_households",
    "reviews_due",
    "get_household",
    "save_household",
    "list_assessments",
    "new_assessment",
    "start_review",
    "get_assessment",
    "save_rating",
    "update_assessment",
    "complete_assessment",
    "amend_assessment",
    "discard_assessment",
    "export_pdf",
    "get_chronology",
    "save_chronology_entry",
    "remove_chronology_entry",
    "import_chronology_csv",
    "export_chronology_csv",
    "get_identity",
    "export_handover",
    "import_handover",
    "list_received",
    "resolve_handover",
    "enter_family_view",
    "get_family_view",
    "leave_family_view",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step failed");
}
