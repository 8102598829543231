//! The desktop shell around the core: window, commands and state.

/// Start the app.
pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the Neglect Toolkit app");
}
