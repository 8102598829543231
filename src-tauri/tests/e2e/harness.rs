//! Starting and stopping the real app under WebDriver: a private X display (Xvfb), one
//! `tauri-driver` per app start (it starts Debian's WebKitWebDriver, which starts the app), a
//! fresh data folder per run, screenshots, and helpers that wait for the interface.
//!
//! A missing tool is a failure with a message saying how to install it, never a skip:
//! `scripts/test.sh` installs everything.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary: `NTK_APP_BIN` if set (the measuring tool uses the release build), else the
/// one cargo built for this test.
pub fn app_bin() -> PathBuf {
    std::env::var_os("NTK_APP_BIN")
        .map(PathBuf::from)
        .or_else(|| option_env!("CARGO_BIN_EXE_ntk-app").map(PathBuf::from))
        .expect("set NTK_APP_BIN to the app binary")
}

/// How long to wait for the interface to show something.
pub const UI_WAIT: Duration = Duration::from_secs(20);

/// Find a tool on PATH or in cargo's bin folder, or fail saying how to get it.
pub fn tool(name: &str, install: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is not installed; {install} (scripts/test.sh does this)"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

/// Stop a child politely (SIGTERM), then wait; SIGKILL only if it will not go.
pub fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A private X server for the whole test.
pub struct Display {
    child: Child,
    /// The `DISPLAY` value, e.g. `:93`.
    pub name: String,
}

impl Display {
    /// Start Xvfb on the first free display number from 90.
    pub fn start(log_dir: &Path) -> Display {
        let xvfb = tool("Xvfb", "install the xvfb package");
        let n = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("no free X display number");
        let name = format!(":{n}");
        let log = std::fs::File::create(log_dir.join("xvfb.log")).expect("log file");
        let child = Command::new(xvfb)
            .args([&name, "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("Xvfb could not start");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "Xvfb did not start on {name}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Display { child, name }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// Where one test run keeps its data, logs, exports and screenshots.
pub struct Run {
    /// The temporary folder (removed at the end).
    pub dir: tempfile::TempDir,
    /// The X display.
    pub display: Display,
}

impl Run {
    /// A fresh run: a new data folder and a private display.
    pub fn start() -> Run {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["data", "config", "cache", "exports", "logs"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("temp sub-folder");
        }
        let display = Display::start(&dir.path().join("logs"));
        Run { dir, display }
    }

    /// The folder exports are written to (`NTK_EXPORT_DIR`).
    pub fn exports(&self) -> PathBuf {
        self.dir.path().join("exports")
    }

    /// The app's vault file.
    pub fn vault_file(&self) -> PathBuf {
        self.dir
            .path()
            .join("data/app.neglecttoolkit.desktop/vault.ntk")
    }

    /// Start the app with extra environment variables and open a WebDriver session on it.
    pub async fn start_app(&self, extra_env: &[(&str, &str)]) -> App {
        let driver_bin = tool(
            "tauri-driver",
            "run `cargo install tauri-driver --version ^2 --locked`",
        );
        tool("WebKitWebDriver", "install the webkit2gtk-driver package");
        let port = free_port();
        let native_port = free_port();
        let log_path = self
            .dir
            .path()
            .join(format!("logs/tauri-driver-{port}.log"));
        let log = std::fs::File::create(&log_path).expect("driver log");
        let mut cmd = Command::new(driver_bin);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", &self.display.name)
        .env("XDG_DATA_HOME", self.dir.path().join("data"))
        .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
        .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
        .env("NTK_EXPORT_DIR", self.exports())
        .env_remove("NTK_DEMO")
        .env_remove("NTK_AUTOLOCK_SECONDS")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut driver = cmd.spawn().expect("tauri-driver could not start");
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_bin() }),
        );
        let started = Instant::now();
        let client = loop {
            let attempt = tokio::time::timeout(
                Duration::from_secs(30),
                ClientBuilder::native()
                    .capabilities(caps.clone())
                    .connect(&url),
            )
            .await;
            match attempt {
                Ok(Ok(c)) => break c,
                other => {
                    if started.elapsed() > Duration::from_secs(60) {
                        terminate(&mut driver);
                        panic!(
                            "no WebDriver session with the app ({other:?}); see {}",
                            log_path.display()
                        );
                    }
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
            }
        };
        App {
            client: Some(client),
            driver,
            display: self.display.name.clone(),
        }
    }
}

/// One running app with its WebDriver session.
pub struct App {
    client: Option<Client>,
    driver: Child,
    /// The X display the app draws on (`DISPLAY`).
    display: String,
}

impl App {
    /// The WebDriver client.
    pub fn c(&self) -> &Client {
        self.client.as_ref().expect("session open")
    }

    /// Wait for an element matching `css`.
    pub async fn wait(&self, css: &str) -> Element {
        self.c()
            .wait()
            .at_most(UI_WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("'{css}' did not appear: {e}"))
    }

    /// Wait until `css` exists and its text contains `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + UI_WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(e) = self.c().find(Locator::Css(css)).await {
                if let Ok(t) = e.text().await {
                    if t.contains(needle) {
                        return t;
                    }
                    last = t;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("'{css}' never contained {needle:?}; last text: {last:?}");
    }

    /// Click the element matching `css` once it is there: scrolled to the middle of the
    /// window (clear of the fixed "call 999" bar), found again if the view re-rendered.
    pub async fn click(&self, css: &str) {
        let mut last = String::new();
        for _ in 0..5 {
            let e = self.wait(css).await;
            let _ = self
                .c()
                .execute(
                    "const e = document.querySelector(arguments[0]);\
                     if (e) e.scrollIntoView({block: 'center'});",
                    vec![css.into()],
                )
                .await;
            match e.click().await {
                Ok(()) => return,
                Err(err) => last = err.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        panic!("could not click '{css}': {last}");
    }

    /// Replace the text of the field matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let e = self.wait(css).await;
        e.clear()
            .await
            .unwrap_or_else(|err| panic!("could not clear '{css}': {err}"));
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("could not type into '{css}': {err}"));
    }

    /// Set a field's value directly and fire `input` and `change` (for very long or
    /// right-to-left text that typing key by key would make slow or reorder).
    pub async fn set_value(&self, css: &str, text: &str) {
        self.wait(css).await;
        self.c()
            .execute(
                "const e = document.querySelector(arguments[0]); e.focus(); e.value = arguments[1];\
                 e.dispatchEvent(new Event('input', {bubbles: true}));\
                 e.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![css.into(), text.into()],
            )
            .await
            .unwrap_or_else(|err| panic!("could not set '{css}': {err}"));
    }

    /// Run a script in the page and return its value.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.c()
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Save a screenshot of the window under `artifacts/screenshots/<name>.png`.
    ///
    /// Taken from the X display (ImageMagick's `import`), cropped to the window, rather than
    /// through WebDriver: without accelerated compositing (`src/webkit.rs`) WebKitGTK answers a
    /// WebDriver screenshot only after its next paint, which a page with nothing moving on it
    /// never makes. The picture is what the user sees.
    pub async fn screenshot(&self, name: &str) {
        let rect = self.c().get_window_rect().await.expect("window rect");
        let (x, y, w, h) = rect;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        // Let the last change reach the screen first.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let import = tool("import", "install the imagemagick package");
        let status = Command::new(import)
            .args(["-display", &self.display, "-window", "root", "-crop"])
            .arg(format!("{w}x{h}+{x}+{y}"))
            .arg("+repage")
            .arg(dir.join(format!("{name}.png")))
            .stderr(Stdio::null())
            .status()
            .expect("import could not start");
        assert!(status.success(), "the screenshot {name} failed");
    }

    /// Kill the app process outright (as a crash or power cut would), then end the session.
    pub async fn kill(mut self) {
        for pid in app_pids() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
        }
        terminate(&mut self.driver);
    }

    /// Close the app normally, and wait (up to 10 s) until its process has gone, so that the
    /// next step finds the vault free: on a busy machine the app can still be saving and
    /// releasing the vault after the WebDriver session has ended.
    pub async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
        }
        terminate(&mut self.driver);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !app_pids().is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

/// Process ids of running copies of this test's app binary.
pub fn app_pids() -> Vec<u32> {
    let bin = app_bin();
    let want = std::fs::canonicalize(&bin).unwrap_or(bin);
    let mut pids = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == want) {
                pids.push(pid);
            }
        }
    }
    pids
}

/// Whether a test of this binary has the app running (the tests take turns: two real apps at
/// once on a small machine make the timings of both unreliable).
static APP_BUSY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A test's turn with the app; the next test's turn starts when it is dropped (also on a panic).
pub struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        APP_BUSY.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Wait until no other test of this binary runs the app, and take the turn.
pub async fn one_app_at_a_time() -> Turn {
    use std::sync::atomic::Ordering;
    while APP_BUSY
        .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    Turn
}

impl App {
    /// Call a command of the backend from the page, as a script in it could; returns `"ok"` and
    /// the result, or the error code and `null`.
    pub async fn invoke(
        &self,
        command: &str,
        input: Option<serde_json::Value>,
    ) -> (String, serde_json::Value) {
        let args = match input {
            Some(i) => serde_json::json!({ "input": i }),
            None => serde_json::json!({}),
        };
        let out = self
            .c()
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 window.__TAURI__.core.invoke(arguments[0], arguments[1]).then(\
                   (r) => done(['ok', r === undefined ? null : r]),\
                   (e) => done([(e && e.code) || String(e), null]));",
                vec![command.into(), args],
            )
            .await
            .unwrap_or_else(|e| panic!("invoking {command} failed: {e}"));
        (
            out[0].as_str().unwrap_or_default().to_string(),
            out[1].clone(),
        )
    }
}
