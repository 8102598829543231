//! A lighter web engine on Linux: WebKitGTK settings for a small local app that shows documents,
//! not the web. Nothing here changes what the interface can do; it changes how WebKitGTK spends
//! memory (see BENCHMARKS.md, "App", for the figures).
//!
//! Two steps, both only on Linux (`cfg(target_os = "linux")`); elsewhere they do nothing:
//! - [`prepare`] runs first thing in `run()`, before any webview exists. It sets environment
//!   variables that GTK and WebKit's processes read (no compositing mode and no DMA-BUF
//!   renderer, so no GPU surfaces; no OpenGL in the window process, so it never loads the Mesa
//!   driver; JavaScript in the interpreter, without JIT; the system allocator with two
//!   malloc arenas) and the network process's memory-pressure limits. A variable the user
//!   already set is left as it is. The app process itself started before these were set, so
//!   only WebKit's processes (which inherit the environment) see the allocator settings.
//! - [`tune`] runs on the window's webview: hardware acceleration off, the document-viewer cache
//!   model, no page (back/forward) cache, and no media, WebGL, WebAudio or DNS prefetching.
//!
//! The web process's own memory-pressure settings are a construction property of the web
//! context, which wry creates; they are left at WebKit's defaults.
//!
//! `NTK_WEBKIT_TUNING=off` starts the app with WebKitGTK's own defaults, so `make measure-app`
//! can show both in one run.

/// The variable that turns the tuning off (`off` or `0`), for measuring.
pub const TUNING_ENV: &str = "NTK_WEBKIT_TUNING";

/// The environment WebKit's processes start with, unless already set.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    // Draw without accelerated compositing: no GL surfaces or tiles in the web process.
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    // Hand frames to the window through shared memory rather than DMA-BUF buffers, which saves
    // the window process its GPU buffer set-up.
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    // The window process draws nothing with OpenGL: GTK's GLX set-up is skipped, so the window
    // process does not load the Mesa driver (and the LLVM library it links) through it.
    ("GDK_GL", "disable"),
    // The render device the web process would be given. Left unset, the window process opens
    // an EGL display only to look up the GPU's render node, which loads the Mesa driver a second
    // way. Named here as Debian's path that never exists, the look-up is skipped and the web
    // process, which draws without the GPU anyway (no compositing, acceleration off), starts
    // its own EGL display without a device. Together with `GDK_GL` this keeps the Mesa driver
    // and LLVM out of the window process: about 17 MB PSS (see BENCHMARKS.md, "App").
    ("WEBKIT_WEB_RENDER_DEVICE_FILE", NO_RENDER_DEVICE),
    // JavaScriptCore runs the interface's few small modules in its interpreter: no JIT tiers,
    // so no executable code regions, compiler threads or profiling data (about 3 MB in the web
    // process; start-up and the time to show a screen are measured by `make measure-app`).
    ("JSC_useJIT", "0"),
    // WebKit's own allocator (bmalloc) keeps large free lists per process; WebKit's documented
    // switch to the system allocator returns memory to it sooner (about 2 MB over the three
    // processes), and lets a heap profiler such as heaptrack see WebKit's allocations.
    ("Malloc", "1"),
    // Two glibc malloc arenas per process instead of up to eight per core: WebKit's processes
    // run a dozen threads each, and every arena keeps its own free memory.
    ("MALLOC_ARENA_MAX", "2"),
];

/// A path that exists on no system (Debian reserves `/nonexistent` for exactly that), given to
/// WebKit as its render device so that the window process never looks one up.
pub const NO_RENDER_DEVICE: &str = "/nonexistent";

/// Whether the tuning applies, from the value of [`TUNING_ENV`].
pub fn tuning_enabled(value: Option<&str>) -> bool {
    !matches!(value.map(str::trim), Some("off" | "0" | "false"))
}

/// Set the environment and process-wide settings; call before the first webview is created.
#[cfg(target_os = "linux")]
pub fn prepare() {
    if !tuning_enabled(std::env::var(TUNING_ENV).ok().as_deref()) {
        return;
    }
    for (name, value) in ENVIRONMENT {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
    // The network process serves only the app's own files: ask it to drop its caches early.
    // WebKit's API needs GTK started (the window's event loop starts it again, harmlessly);
    // without a display there is no window either, and the event loop reports that.
    if gtk::init().is_err() {
        return;
    }
    let mut pressure = webkit2gtk::MemoryPressureSettings::new();
    pressure.set_memory_limit(NETWORK_MEMORY_LIMIT_MB);
    pressure.set_conservative_threshold(0.2);
    pressure.set_strict_threshold(0.4);
    webkit2gtk::WebsiteDataManager::set_memory_pressure_settings(&mut pressure);
}

/// The network process's memory limit (MB) for its memory-pressure handler.
#[cfg(target_os = "linux")]
const NETWORK_MEMORY_LIMIT_MB: u32 = 64;

/// Does nothing off Linux.
#[cfg(not(target_os = "linux"))]
pub fn prepare() {}

/// Apply the webview settings to a window.
#[cfg(target_os = "linux")]
pub fn tune<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    if !tuning_enabled(std::env::var(TUNING_ENV).ok().as_deref()) {
        return Ok(());
    }
    window.with_webview(|platform| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = platform.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
            settings.set_enable_media(false);
            settings.set_enable_mediasource(false);
            settings.set_enable_media_stream(false);
            settings.set_enable_encrypted_media(false);
            settings.set_enable_webaudio(false);
            settings.set_enable_webgl(false);
            settings.set_enable_dns_prefetching(false);
        }
    })
}

/// Does nothing off Linux.
#[cfg(not(target_os = "linux"))]
pub fn tune<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuning_is_on_unless_turned_off() {
        assert!(tuning_enabled(None));
        assert!(tuning_enabled(Some("on")));
        assert!(tuning_enabled(Some("")));
        assert!(!tuning_enabled(Some("off")));
        assert!(!tuning_enabled(Some("0")));
        assert!(!tuning_enabled(Some(" false ")));
    }

    #[test]
    fn the_environment_names_only_engine_and_allocator_variables() {
        for (name, value) in ENVIRONMENT {
            assert!(
                name.starts_with("WEBKIT_")
                    || name.starts_with("JSC_")
                    || *name == "GDK_GL"
                    || *name == "Malloc"
                    || *name == "MALLOC_ARENA_MAX",
                "{name}"
            );
            assert!(!value.is_empty());
        }
    }

    /// The value the tuning sets for `name`.
    fn value(name: &str) -> Option<&'static str> {
        ENVIRONMENT
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    #[test]
    fn the_javascript_jit_is_off_and_malloc_arenas_are_few() {
        assert_eq!(value("JSC_useJIT"), Some("0"));
        assert_eq!(value("MALLOC_ARENA_MAX"), Some("2"));
        assert_eq!(value("Malloc"), Some("1"));
    }

    #[test]
    fn the_window_process_keeps_out_of_opengl() {
        assert_eq!(value("GDK_GL"), Some("disable"));
        assert_eq!(
            value("WEBKIT_WEB_RENDER_DEVICE_FILE"),
            Some(NO_RENDER_DEVICE)
        );
        assert!(!std::path::Path::new(NO_RENDER_DEVICE).exists());
    }
}
