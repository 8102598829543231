//! End to end: the real app, built by cargo, driven through WebDriver under a private X display
//! (tauri-driver starting Debian's WebKitWebDriver), with a fresh data folder.
//!
//! One practitioner's afternoon in order: first run and recovery key; a household with two
//! children; ratings in three areas with carer placements and impact examples; the app killed
//! and started again, the wrong passphrase, then everything found; completing; a review with
//! changed levels and the comparison; the exported sheet read back with pdftotext; hostile text
//! shown as text; and the auto-lock with a short test setting. Screenshots of each main screen
//! go to `artifacts/screenshots/`.
//!
//! A second test starts the app as on a machine set to en-US (`LANG=en_US.UTF-8`) and checks
//! that 29 / 07 / 2026 typed as a date of birth is stored as 29 July 2026.
//!
//! Then the Family view on the demo household (a second test): nothing the family must not see
//! anywhere in the page, no way out but the passphrase, and locking keeps it; after it closes,
//! none of the demo's names or free text is in any file of the app's web data or cache folders.

#[path = "e2e/harness.rs"]
mod harness;

use harness::{App, Run};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "kitchen table visit 2026";
const SCRIPT_NAME: &str = "Rivers <script>window.__pwned = 1</script> \"family\" & 'co'";
const RTL_NAME: &str = "مريم الحسن";
const CHILD_TWO: &str = "Jay O'Neil";
/// The creation time of the review's sheet (both the app and `ntk` honour `SOURCE_DATE_EPOCH`).
const SHEET_EPOCH: &str = "1788000000";

/// The assessment id in the current `#/toolkit/<id>` or `#/summary/<id>` route.
async fn route_id(app: &App) -> String {
    let hash = app.js("return location.hash;").await;
    let hash = hash.as_str().unwrap_or_default().to_string();
    hash.rsplit('/').next().unwrap_or_default().to_string()
}

async fn wait_saved(app: &App) {
    app.wait_text("#save-state", "Saved at").await;
}

async fn wait_hash(app: &App, prefix: &str) -> String {
    let deadline = Instant::now() + harness::UI_WAIT;
    loop {
        let hash = app.js("return location.hash;").await;
        let hash = hash.as_str().unwrap_or_default().to_string();
        if hash.starts_with(prefix) && !hash.ends_with("/new") {
            return hash;
        }
        assert!(
            Instant::now() < deadline,
            "never reached {prefix}; at {hash}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Nothing injected ran and the page has only the script it was built with.
async fn assert_no_injection(app: &App) {
    let pwned = app.js("return typeof window.__pwned;").await;
    assert_eq!(pwned, "undefined", "an injected script ran");
    let scripts = app
        .js("return document.querySelectorAll('body script').length;")
        .await;
    assert_eq!(scripts, 0, "a script element was injected into the page");
}

/// Choose a level card, a carer placement and record an impact example for one item.
async fn rate(app: &App, item: &str, level: u8, carer: u8, impact: &str) {
    let key = item.replace('.', "_");
    app.click(&format!("label[for='level-{key}-{level}']"))
        .await;
    wait_saved(app).await;
    app.click(&format!("label[for='carer-{key}-{carer}']"))
        .await;
    wait_saved(app).await;
    app.set_value(&format!("#impact-{key}"), impact).await;
    app.js(&format!(
        "document.getElementById('impact-{key}').dispatchEvent(new Event('blur'));"
    ))
    .await;
    // The save indicator only says "Saved at" once the command has resolved.
    tokio::time::sleep(Duration::from_millis(700)).await;
    wait_saved(app).await;
}

async fn checked(app: &App, id: &str) -> bool {
    app.js(&format!(
        "const e = document.getElementById('{id}'); return !!(e && e.checked);"
    ))
    .await
        == true
}

async fn value(app: &App, id: &str) -> String {
    app.js(&format!(
        "const e = document.getElementById('{id}'); return e ? e.value : null;"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Type a date into the day, month and year boxes of the date input `id`.
async fn type_date(app: &App, id: &str, day: &str, month: &str, year: &str) {
    app.type_into(&format!("#{id}-day"), day).await;
    app.type_into(&format!("#{id}-month"), month).await;
    app.type_into(&format!("#{id}-year"), year).await;
}

async fn first_run(app: &App) -> String {
    app.wait("#setup-passphrase").await;
    app.screenshot("01-first-run").await;
    app.type_into("#setup-passphrase", PASSPHRASE).await;
    app.type_into("#setup-passphrase-confirm", PASSPHRASE).await;
    app.click("#setup-create").await;
    let key = app
        .wait("#recovery-key")
        .await
        .text()
        .await
        .expect("key text");
    app.screenshot("02-recovery-key").await;
    app.click("#recovery-confirm").await;
    app.click("#recovery-continue").await;
    app.type_into("#practitioner-name", "Sam Okafor").await;
    app.type_into("#practitioner-role", "Health visitor").await;
    app.type_into("#practitioner-agency", "Community health")
        .await;
    app.click("#setup-finish").await;
    app.wait("#new-household").await;
    key
}

async fn create_household(app: &App) {
    app.click("#new-household").await;
    app.type_into("#household-name", SCRIPT_NAME).await;
    app.type_into("#household-postcode", "NG1 1AA").await;
    app.click("#add-carer").await;
    app.type_into("#carer-name-0", "Alex Rivers").await;
    app.type_into("#carer-relationship-0", "Mother").await;
    app.click("#add-child").await;
    app.set_value("#child-name-0", RTL_NAME).await;
    type_date(app, "child-date-0", "12", "4", "2019").await;
    app.click("#add-child").await;
    app.type_into("#child-name-1", CHILD_TWO).await;
    type_date(app, "child-date-1", "30", "9", "2022").await;
    app.click("#save-household").await;
    wait_hash(app, "#/household/").await;
    wait_saved(app).await;
    app.screenshot("03-household").await;
}

/// The app's window process loads no OpenGL driver (the WebKit tuning in `webkit.rs` keeps GTK
/// and WebKit's window side away from it: about 17 MB less memory), while the page it shows
/// works, as every step of the test around this check shows.
fn assert_window_process_without_opengl() {
    let pids = harness::app_pids();
    assert!(!pids.is_empty(), "the app is not running");
    for pid in pids {
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap();
        let drivers: Vec<&str> = maps
            .lines()
            .filter_map(|l| l.split_whitespace().nth(5))
            .filter(|path| {
                ["libLLVM", "_dri.so", "libGLX_mesa", "libEGL_mesa"]
                    .iter()
                    .any(|name| path.contains(name))
            })
            .collect();
        assert!(
            drivers.is_empty(),
            "the app's window process (pid {pid}) loaded an OpenGL driver: {drivers:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practitioner_completes_and_reviews_a_toolkit_in_the_real_app() {
    let _turn = harness::one_app_at_a_time().await;
    let run = Run::start();
    let long_text = "Long evidence. ".repeat(334); // 5,010 characters

    // First run: set-up, recovery key, practitioner details, a household, three areas rated.
    let app = run.start_app(&[]).await;
    let key = first_run(&app).await;
    assert!(
        key.split(|c: char| c == '-' || c.is_whitespace())
            .filter(|g| !g.is_empty())
            .count()
            >= 4,
        "the recovery key is not shown in groups: {key:?}"
    );
    assert!(run.vault_file().is_file(), "no vault in the data folder");
    app.screenshot("04-households").await;
    create_household(&app).await;
    assert_no_injection(&app).await;
    assert_window_process_without_opengl();

    app.click("#new-assessment").await;
    let hash = wait_hash(&app, "#/toolkit/").await;
    let assessment = hash.rsplit('/').next().unwrap().to_string();
    app.click("#child-tab-0").await;
    app.click("#area-tab-1").await;
    rate(
        &app,
        "1.1",
        3,
        1,
        &format!("Lunch box often empty. {RTL_NAME} said she was hungry."),
    )
    .await;
    app.set_value("#evidence-1_1", &long_text).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    wait_saved(&app).await;
    app.click("#area-tab-3").await;
    rate(&app, "3.1", 2, 2, "Stairgate in place; left alone briefly.").await;
    app.click("#area-tab-5").await;
    rate(&app, "5.1", 4, 1, "<b>Shouting</b> heard \"most nights\"").await;
    app.screenshot("05-toolkit").await;
    assert_no_injection(&app).await;

    // A crash: the process is killed outright. Every "saved" change must be there.
    app.kill().await;
    // The review is exported with a fixed creation time, so `ntk` can be asked for the same bytes.
    let app = run.start_app(&[("SOURCE_DATE_EPOCH", SHEET_EPOCH)]).await;
    app.wait("#unlock-passphrase").await;
    app.screenshot("06-unlock").await;
    app.type_into("#unlock-passphrase", "not the passphrase")
        .await;
    app.click("#unlock-submit").await;
    let msg = app.wait_text("#unlock-error", "not right").await;
    assert!(msg.to_lowercase().contains("passphrase"), "{msg}");
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    let link = app.wait("a.household-link").await;
    let shown = link.text().await.expect("household text");
    assert!(
        shown.contains(SCRIPT_NAME),
        "name not shown as text: {shown:?}"
    );
    assert_no_injection(&app).await;

    app.js(&format!("location.hash = '#/toolkit/{assessment}';"))
        .await;
    app.click("#child-tab-0").await;
    app.click("#area-tab-1").await;
    app.wait("#impact-1_1").await;
    assert!(checked(&app, "level-1_1-3").await, "level of 1.1 lost");
    assert!(
        checked(&app, "carer-1_1-1").await,
        "carer placement of 1.1 lost"
    );
    assert!(value(&app, "impact-1_1").await.contains(RTL_NAME));
    assert_eq!(value(&app, "evidence-1_1").await, long_text);
    app.click("#area-tab-5").await;
    app.wait("#impact-5_1").await;
    assert!(checked(&app, "level-5_1-4").await, "level of 5.1 lost");
    assert_eq!(
        value(&app, "impact-5_1").await,
        "<b>Shouting</b> heard \"most nights\""
    );

    // Complete, then review with changed levels and see the comparison.
    app.click("#open-summary-link").await;
    app.wait("#complete-assessment").await;
    app.screenshot("07-summary").await;
    // Completing first shows what may be missing; "Go back" completes nothing, confirming does.
    app.click("#complete-assessment").await;
    app.wait_text("#completion-check", "Check before you complete")
        .await;
    app.screenshot("07b-check-before-completing").await;
    app.click("#cancel-complete").await;
    app.click("#complete-assessment").await;
    app.wait_text("#completion-check", "Check before you complete")
        .await;
    app.click("#confirm-complete").await;
    app.wait("#start-review").await;
    app.click("#start-review").await;
    let review_hash = wait_hash(&app, "#/toolkit/").await;
    assert!(
        !review_hash.ends_with(&assessment),
        "no new review was started"
    );
    let review = route_id(&app).await;
    app.click("#child-tab-0").await;
    app.click("#area-tab-1").await;
    rate(&app, "1.1", 1, 1, "Packed lunch every day now.").await;
    app.click("#area-tab-5").await;
    rate(&app, "5.1", 4, 2, "Still frequent arguments.").await;
    app.click("#open-summary-link").await;
    let comparison = app.wait_text("#comparison", "1.1").await;
    assert!(
        comparison.to_lowercase().contains("improved"),
        "the comparison does not show the improvement: {comparison}"
    );
    app.js("document.getElementById('comparison').scrollIntoView({block: 'start'});")
        .await;
    app.screenshot("08-review-comparison").await;

    // Export the review's sheet and read it back.
    app.click("#export-pdf").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let pdf = loop {
        let found = std::fs::read_dir(run.exports())
            .expect("exports folder")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"));
        if let Some(p) = found {
            break p;
        }
        assert!(
            Instant::now() < deadline,
            "no PDF was exported for {review}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let text = std::process::Command::new(harness::tool("pdftotext", "install poppler-utils"))
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        CHILD_TWO,
        "OFFICIAL-SENSITIVE",
        "Packed lunch every day now.",
        "Sam Okafor",
    ] {
        assert!(text.contains(needle), "the sheet lacks {needle:?}");
    }
    let household = app
        .js("return document.querySelector('.breadcrumb a[href^=\"#/household/\"]').getAttribute('href');")
        .await;
    let household = household
        .as_str()
        .expect("a household link")
        .trim_start_matches("#/household/")
        .to_string();
    app.close().await;

    // `ntk export-pdf` on the same vault and assessment gives the very same bytes: one core call.
    let ntk = harness::app_bin().with_file_name("ntk");
    assert!(
        ntk.is_file(),
        "the ntk tool is not built beside the app: {}",
        ntk.display()
    );
    let out = run.exports().join("from-ntk.pdf");
    let mut child = std::process::Command::new(&ntk)
        .args(["export-pdf", "--vault"])
        .arg(run.vault_file())
        .args(["--household", &household, "--assessment", &review, "--out"])
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", SHEET_EPOCH)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ntk runs");
    {
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{PASSPHRASE}").unwrap();
    }
    let done = child.wait_with_output().expect("ntk finishes");
    assert!(
        done.status.success(),
        "ntk export-pdf failed: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(&out).unwrap(),
        "the app and ntk exported different bytes for the same assessment"
    );

    // Auto-lock: with a short test setting the app locks on its own and shows the unlock screen.
    let app = run.start_app(&[("NTK_AUTOLOCK_SECONDS", "3")]).await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.wait("a.household-link").await;
    let locked_at = Instant::now();
    app.wait("#unlock-passphrase").await;
    assert!(
        locked_at.elapsed() < Duration::from_secs(15),
        "the auto-lock took too long"
    );
    let cleared = app
        .js("return document.body.textContent.includes('Rivers');")
        .await;
    assert_eq!(
        cleared, false,
        "decrypted data still on screen after locking"
    );
    app.close().await;
}

/// The environment of a machine set up for the United States: `LANG` and `LC_ALL` set to
/// `en_US.UTF-8`. Where the system has not generated that locale, it is compiled into the run's
/// folder with `localedef` and found through `LOCPATH`, so the setting takes effect rather than
/// falling back to "C" unnoticed.
fn us_locale(run: &Run) -> Vec<(String, String)> {
    const LOCALE: &str = "en_US.UTF-8";
    let mut env = vec![
        ("LANG".to_string(), LOCALE.to_string()),
        ("LC_ALL".to_string(), LOCALE.to_string()),
    ];
    let installed = std::process::Command::new("locale")
        .arg("-a")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == "en_US.utf8")
        })
        .unwrap_or(false);
    if !installed {
        let dir = run.dir.path().join("locales");
        std::fs::create_dir_all(&dir).expect("locale folder");
        let made =
            std::process::Command::new(harness::tool("localedef", "install the locales package"))
                .args(["-i", "en_US", "-f", "UTF-8"])
                .arg(dir.join(LOCALE))
                .status()
                .expect("localedef runs");
        assert!(
            made.success(),
            "localedef could not make {LOCALE}; install the locales package"
        );
        env.push(("LOCPATH".to_string(), dir.to_str().unwrap().to_string()));
    }
    // The locale is real: the C library writes a date in it month first, with the full year.
    let shown = std::process::Command::new("date")
        .args(["-d", "2026-07-29", "+%x"])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("date runs");
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout).trim(),
        "07/29/2026",
        "the {LOCALE} locale is not in effect"
    );
    env
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_date_typed_on_a_machine_set_to_en_us_is_stored_as_typed() {
    let _turn = harness::one_app_at_a_time().await;
    let run = Run::start();
    let env = us_locale(&run);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let app = run.start_app(&env).await;
    first_run(&app).await;
    assert_eq!(
        app.js("return navigator.language;").await,
        "en-US",
        "the app's web view does not run in en-US"
    );

    app.click("#new-household").await;
    app.type_into("#household-name", "Locale family").await;
    app.click("#add-child").await;
    app.type_into("#child-name-0", "Robin Locale").await;
    type_date(&app, "child-date-0", "29", "07", "2026").await;
    app.click("#save-household").await;
    let hash = wait_hash(&app, "#/household/").await;
    wait_saved(&app).await;
    let household = hash.trim_start_matches("#/household/").to_string();

    // Load the page again: the boxes show what the vault holds, day first.
    app.c().refresh().await.expect("reload");
    app.wait("#child-date-0-day").await;
    app.wait_text("#child-date-0 legend", "Date of birth").await;
    assert_eq!(value(&app, "child-date-0-day").await, "29");
    assert_eq!(value(&app, "child-date-0-month").await, "7");
    assert_eq!(value(&app, "child-date-0-year").await, "2026");
    app.js("document.getElementById('child-date-0').scrollIntoView({block: 'center'});")
        .await;
    app.screenshot("09-date-en-us").await;

    // And the household as the core stored it: 29 July 2026.
    let stored = app
        .c()
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI__.core.invoke('get_household', { input: { id: arguments[0] } })\
               .then((h) => done(h.children[0].birth), (e) => done({ failed: e }));",
            vec![household.into()],
        )
        .await
        .expect("get_household");
    assert_eq!(
        stored,
        serde_json::json!({ "kind": "born", "date": "2026-07-29" }),
        "the date of birth was not stored as 29 July 2026"
    );
    app.close().await;
}

const DEMO_PASSPHRASE: &str = "demo-passphrase";
const OTHER_HOUSEHOLD: &str = "Otherfamily household";
const OTHER_POSTCODE: &str = "ZZ1 1ZZ";
const OTHER_CARER: &str = "Morwenna Otherfamily";

/// Every text of an assessment view (as the backend sent it) that the family must never see.
fn must_not_show(view: &serde_json::Value) -> Vec<String> {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let list = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    let a = &view["assessment"];
    let mut out = Vec::new();
    for r in list(&a["ratings"]) {
        out.extend([s(&r["evidence"]), s(&r["impact"]), s(&r["child_view"])]);
        if s(&r["shared_text"]).is_empty() {
            out.push(s(&r["strengths"]));
        }
        for c in list(&r["per_child"]) {
            out.extend([s(&c["impact"]), s(&c["child_view"]), s(&c["level_reason"])]);
        }
    }
    out.extend(list(&a["visits"]).iter().map(|v| s(&v["notes"])));
    out.extend(list(&a["child_views"]).iter().map(|n| s(&n["text"])));
    for key in [
        "background",
        "poverty_context",
        "analysis",
        "practitioner_notes",
        "carer_view",
        "strengths",
    ] {
        out.push(s(&a[key]));
    }
    out.push(s(&a["decision"]["next_steps"]));
    out.push(s(&a["practitioner"]["email"]));
    for p in list(&view["text"]["prompts"]) {
        out.extend([s(&p["headline"]), s(&p["action"])]);
    }
    for area in list(&view["definition"]["areas"]) {
        for item in list(&area["items"]) {
            for alert in list(&item["alerts"]) {
                out.extend([s(&alert["title"]), s(&alert["text"])]);
            }
            out.extend(list(&item["prompts"]).iter().map(s));
        }
    }
    let h = &view["household"];
    out.extend([s(&h["reference"]), s(&h["address"]["postcode"])]);
    out.extend(list(&h["children"]).iter().map(|c| s(&c["birth"]["date"])));
    out.extend([
        OTHER_HOUSEHOLD.to_string(),
        OTHER_POSTCODE.to_string(),
        OTHER_CARER.to_string(),
    ]);
    let mut out: Vec<String> = out
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| t.chars().count() >= 3)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Everything the page holds: its HTML, and every form value and attribute value.
async fn page_source(app: &App) -> String {
    let v = app
        .js(
            "const values = [...document.querySelectorAll('input, textarea, select')].map((e) => e.value);\
             const attrs = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value));\
             return [document.documentElement.outerHTML, document.documentElement.textContent, ...values, ...attrs].join('\\n');",
        )
        .await;
    v.as_str().expect("the page source").to_string()
}

/// The page holds none of `hidden`, and the practitioner's frame is not in it.
async fn assert_family_safe(app: &App, hidden: &[String], when: &str) {
    let source = page_source(app).await;
    for t in hidden {
        assert!(
            !source.contains(t.as_str()),
            "{when}: the family view holds {:?}",
            t.chars().take(60).collect::<String>()
        );
    }
    let chrome = app
        .js("return ['app-nav', 'lock-button', 'contacts-button', 'save-state', 'view', 'export-pdf']\
             .filter((id) => document.getElementById(id) !== null);")
        .await;
    assert_eq!(
        chrome,
        serde_json::json!([]),
        "{when}: practitioner screens in the page"
    );
    app.wait_text(".family-banner-text", "shown to the family")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_family_view_of_the_demo_shows_nothing_it_must_not_and_leaves_only_with_the_passphrase()
{
    let _turn = harness::one_app_at_a_time().await;
    let run = Run::start();
    let app = run.start_app(&[("NTK_DEMO", "1")]).await;
    app.type_into("#unlock-passphrase", DEMO_PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.wait("a.household-link").await;

    // A second household, through the interface.
    app.click("#new-household").await;
    app.type_into("#household-name", OTHER_HOUSEHOLD).await;
    app.type_into("#household-postcode", OTHER_POSTCODE).await;
    app.click("#add-carer").await;
    app.type_into("#carer-name-0", OTHER_CARER).await;
    app.click("#save-household").await;
    wait_hash(&app, "#/household/").await;
    wait_saved(&app).await;

    // The demo household's first assessment, and what its practitioner view holds.
    app.js("location.hash = '#/households';").await;
    app.wait_text("#household-list", OTHER_HOUSEHOLD).await;
    let (code, households) = app
        .invoke("list_households", Some(serde_json::json!({ "query": "" })))
        .await;
    assert_eq!(code, "ok");
    let demo = households
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] != OTHER_HOUSEHOLD)
        .expect("the demo household")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, assessments) = app
        .invoke(
            "list_assessments",
            Some(serde_json::json!({ "household_id": demo })),
        )
        .await;
    let assessment = assessments[0]["id"].as_str().unwrap().to_string();
    let (code, view) = app
        .invoke(
            "get_assessment",
            Some(serde_json::json!({ "id": assessment })),
        )
        .await;
    assert_eq!(code, "ok");
    let hidden = must_not_show(&view);
    assert!(hidden.len() > 40, "the demo fills these texts: {hidden:?}");

    // The summary shows practitioner texts (so the checks below can fail), then the family view.
    app.js(&format!("location.hash = '#/summary/{assessment}';"))
        .await;
    app.wait("#profile-title").await;
    let before = page_source(&app).await;
    assert!(
        hidden.iter().any(|t| before.contains(t.as_str())),
        "the summary shows practitioner texts"
    );
    app.click("#family-view-button").await;
    app.wait("#family-banner").await;
    app.screenshot("12-family-view").await;
    assert_family_safe(&app, &hidden, "entering").await;
    let status = app.invoke("app_status", None).await.1;
    assert_eq!(status["family_view"], true);

    // The backend refuses everything else, whatever the page asks.
    for (command, input) in [
        (
            "get_assessment",
            Some(serde_json::json!({ "id": assessment })),
        ),
        ("list_households", Some(serde_json::json!({ "query": "" }))),
        ("get_settings", None),
        (
            "export_pdf",
            Some(serde_json::json!({ "assessment_id": assessment })),
        ),
        (
            "enter_family_view",
            Some(serde_json::json!({ "assessment_id": assessment })),
        ),
    ] {
        let (code, _) = app.invoke(command, input).await;
        assert_eq!(code, "family_view", "{command} was not refused");
    }

    // Every link and button it can reach: only "Leave the family view", which asks for the
    // passphrase; a wrong one stays.
    let reachable = app
        .js("return [...document.querySelectorAll('a, button')]\
             .filter((e) => !e.closest('dialog')).map((e) => e.id || e.textContent);")
        .await;
    assert_eq!(reachable, serde_json::json!(["family-leave"]));
    let in_dialog = app
        .js("return [...document.querySelectorAll('dialog a, dialog button')].map((e) => e.id);")
        .await;
    assert_eq!(
        in_dialog,
        serde_json::json!(["family-leave-submit", "family-leave-cancel"])
    );
    app.click("#family-leave").await;
    app.wait("#family-leave-dialog[open] #family-leave-passphrase")
        .await;
    app.click("#family-leave-cancel").await;
    assert_family_safe(&app, &hidden, "after Stay in the family view").await;
    app.click("#family-leave").await;
    app.type_into("#family-leave-passphrase", "not the passphrase")
        .await;
    app.click("#family-leave-submit").await;
    app.wait_text("#family-leave-error", "not right").await;
    app.click("#family-leave-cancel").await;
    assert_family_safe(&app, &hidden, "after a wrong passphrase").await;

    // A route typed in or a reload changes nothing (after the reload, the app no longer knows
    // which page the family view was shown from, so leaving goes to the households list).
    app.js("location.hash = '#/households';").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_family_safe(&app, &hidden, "after a new route").await;
    app.js("location.reload();").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.wait("#family-banner").await;
    assert_family_safe(&app, &hidden, "after a reload").await;

    // Locking keeps the family view: unlocking returns to it.
    let (code, _) = app.invoke("lock", None).await;
    assert_eq!(code, "ok");
    app.wait("#unlock-passphrase").await;
    app.type_into("#unlock-passphrase", DEMO_PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.wait("#family-banner").await;
    assert_family_safe(&app, &hidden, "after locking and unlocking").await;

    // The right passphrase returns to the practitioner's screens.
    app.click("#family-leave").await;
    app.type_into("#family-leave-passphrase", DEMO_PASSPHRASE)
        .await;
    app.click("#family-leave-submit").await;
    app.wait("#household-search").await;
    assert_eq!(
        app.js("return document.getElementById('family-frame') === null;")
            .await,
        true
    );
    let status = app.invoke("app_status", None).await.1;
    assert_eq!(status["family_view"], false);
    let (code, _) = app
        .invoke(
            "get_assessment",
            Some(serde_json::json!({ "id": assessment })),
        )
        .await;
    assert_eq!(code, "ok");
    app.close().await;

    // What the web engine kept on disk for the app (its web data under $XDG_DATA_HOME and its
    // caches under $XDG_CACHE_HOME, both in this run's folder) holds none of the demo's names
    // or free text, in UTF-8 or UTF-16.
    let mut needles = hidden.clone();
    for h in households.as_array().unwrap() {
        needles.push(h["name"].as_str().unwrap_or_default().to_string());
    }
    let household = &view["household"];
    for key in ["children", "carers"] {
        for p in household[key].as_array().cloned().unwrap_or_default() {
            needles.push(p["name"].as_str().unwrap_or_default().to_string());
        }
    }
    needles.retain(|t| t.chars().count() >= 3);
    needles.sort();
    needles.dedup();
    assert!(needles.len() > 40, "the demo's strings: {needles:?}");
    let roots = [run.dir.path().join("data"), run.dir.path().join("cache")];
    let mut files = Vec::new();
    for root in &roots {
        files_under(root, &mut files);
    }
    // The walk reaches the app's folder: the (demo) vault and the web engine's own files.
    let app_dir = run.dir.path().join("data/app.neglecttoolkit.desktop");
    let in_app_dir: Vec<_> = files.iter().filter(|f| f.starts_with(&app_dir)).collect();
    assert!(
        in_app_dir
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "ntk"))
            && in_app_dir
                .iter()
                .any(|f| !f.to_string_lossy().contains("vault.ntk")),
        "the walk reaches the app's vault and web data: {files:?}"
    );
    // The search finds a name written in UTF-16 (so it can fail).
    let probe = run.dir.path().join("logs/probe.bin");
    let mut bytes = b"\x00header".to_vec();
    bytes.extend(needles[0].encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&probe, bytes).unwrap();
    assert_eq!(leaks_in(&[probe], &needles).len(), 1);
    let leaks = leaks_in(&files, &needles);
    assert!(
        leaks.is_empty(),
        "the app's web data or cache holds the demo's text: {leaks:?}"
    );
}

/// Every file under `dir` (none if it does not exist).
fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => files_under(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

/// Each `(file, text)` where a file's bytes hold one of `needles` in UTF-8 or UTF-16LE.
fn leaks_in(files: &[std::path::PathBuf], needles: &[String]) -> Vec<(String, String)> {
    let forms: Vec<(&String, Vec<u8>, Vec<u8>)> = needles
        .iter()
        .map(|n| {
            let utf16 = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
            (n, n.as_bytes().to_vec(), utf16)
        })
        .collect();
    let holds = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    let mut found = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        for (n, utf8, utf16) in &forms {
            if holds(&bytes, utf8) || holds(&bytes, utf16) {
                found.push((f.display().to_string(), n.chars().take(40).collect()));
            }
        }
    }
    found
}
