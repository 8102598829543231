//! Benchmark of the PDF summary sheet: the full fixture (three children, seven areas, every
//! field filled, a 5,000-word analysis, a review) exported by `summary_sheet`, and, in the same
//! run, headless Chromium printing an HTML page with the same content, the way many tools make
//! such a PDF. Prints both medians and their ratio; it never fails on the figures.
//!
//! Run with `scripts/bench-export.sh` (or `cargo bench -p ntk-core --bench export`).

#[path = "../tests/integration/export/fixture.rs"]
mod fixture;

use criterion::{criterion_group, Criterion};
use ntk_core::assessment::{Birth, Subject};
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::toolkit::Scope;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/lib/chromium/chromium";

fn bench_export(c: &mut Criterion) {
    let fx = fixture::full();
    let input = fx.input();
    c.bench_function("export/summary_sheet_full_fixture", |b| {
        b.iter(|| summary_sheet(black_box(&input)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(8));
    targets = bench_export
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn level(input: &SheetInput, l: Option<u8>) -> (String, String) {
    match l.and_then(|l| input.definition.level(l)) {
        Some(sl) => (
            format!("{} · {}", sl.code, esc(&sl.label)),
            sl.colour.clone(),
        ),
        None => (
            esc(&input.definition.scale.not_assessed_label),
            "#f7f7f7".into(),
        ),
    }
}

/// The same content as the summary sheet, as one HTML page (print CSS: A4, a section per child).
fn html(input: &SheetInput) -> String {
    let a = input.assessment;
    let h = input.household;
    let def = input.definition;
    let mut o = String::from(
        "<!doctype html><html><head><meta charset=utf-8><style>\
         @page{size:A4;margin:20mm 15mm}body{font-family:'DejaVu Sans',sans-serif;font-size:9pt}\
         section{break-before:page}h1{font-size:15pt}h2{font-size:12pt;color:#1a3366}\
         table{border-collapse:collapse;width:100%}td,th{padding:3px;border-bottom:1px solid #bbb}\
         tr{break-inside:avoid}th{background:#404c60;color:#fff;text-align:left}\
         .mark{text-align:center;font-weight:bold}p{white-space:pre-wrap;margin:2px 0 2px 8px}\
         </style></head><body>",
    );
    for child in &h.children {
        o += "<section><div class=mark>OFFICIAL-SENSITIVE</div>";
        o += &format!("<h1>{}</h1>", esc(&child.name));
        let born = match child.birth {
            Birth::Born(d) => format!("Date of birth {d}"),
            Birth::Expected(d) => format!("Unborn, expected {d}"),
        };
        o += &format!(
            "<p>{born}; {}; {}; {}; {}</p>",
            esc(&child.gender),
            esc(&child.setting),
            esc(&child.additional_needs),
            esc(&child.language)
        );
        o += &format!(
            "<h2>Household</h2><p>{} ({})\n{}\n{}\nLanguage {}</p>",
            esc(&h.name),
            esc(&h.reference),
            esc(&h.address.lines.join("\n")),
            esc(&h.address.postcode),
            esc(&h.language)
        );
        for c in &h.carers {
            o += &format!(
                "<p>{} ({}), {}</p>",
                esc(&c.name),
                esc(&c.relationship),
                esc(&c.phone)
            );
        }
        let p = &a.practitioner;
        o += &format!(
            "<h2>Practitioner</h2><p>{}, {}, {}, {}, {}</p>",
            esc(&p.name),
            esc(&p.role),
            esc(&p.agency),
            esc(&p.phone),
            esc(&p.email)
        );
        o += "<h2>Visits</h2>";
        for v in &a.visits {
            o += &format!(
                "<p>{}: {}\n{}</p>",
                v.date,
                esc(&v.present.join("; ")),
                esc(&v.notes)
            );
        }
        o += "<h2>Profile</h2><table><tr><th>Item<th>Practitioner's level<th>Carer's own placement</tr>";
        for area in &def.areas {
            o += &format!(
                "<tr><td colspan=3><b>{} {}</b></tr>",
                area.number,
                esc(&area.title)
            );
            for item in &area.items {
                let subject = match item.scope {
                    Scope::Household => Subject::Household,
                    Scope::Child => Subject::Child(child.id.clone()),
                };
                let r = a.rating(&item.number, &subject);
                let (lt, lc) = level(input, r.and_then(|r| r.level));
                let (ct, cc) = level(input, r.and_then(|r| r.carer_level));
                o += &format!(
                    "<tr><td>{} {}<td style=background:{lc}><b>{lt}</b><td style=background:{cc}><b>{ct}</b></tr>",
                    item.number,
                    esc(&item.title)
                );
            }
        }
        o += "</table><h2>Evidence and impact on the child, by area</h2>";
        for (area, item) in def.items() {
            let subject = match item.scope {
                Scope::Household => Subject::Household,
                Scope::Child => Subject::Child(child.id.clone()),
            };
            if let Some(r) = a.rating(&item.number, &subject) {
                o += &format!(
                    "<h3>{} {}: {}</h3>",
                    area.number,
                    item.number,
                    esc(&item.title)
                );
                for (l, t) in [
                    ("Evidence", &r.evidence),
                    ("Impact on the child", &r.impact),
                    ("Strengths", &r.strengths),
                    ("The child's view", &r.child_view),
                ] {
                    o += &format!("<b>{l}</b><p>{}</p>", esc(t));
                }
            }
        }
        for (l, t) in [
            ("The carer's view", &a.carer_view),
            ("Strengths of the family", &a.strengths),
            ("Background", &a.background),
            ("Poverty context", &a.poverty_context),
            ("Analysis", &a.analysis),
            ("Next steps", &a.decision.next_steps),
        ] {
            o += &format!("<h2>{l}</h2><p>{}</p>", esc(t));
        }
        if let Some(cmp) = input.comparison {
            o += "<h2>Comparison with the previous assessment</h2><table>";
            for cc in cmp.children.iter().filter(|c| c.child_id == child.id) {
                for ac in &cc.areas {
                    for ic in &ac.items {
                        let (p, _) = level(input, ic.previous);
                        let (n, _) = level(input, ic.current);
                        o += &format!("<tr><td>{}<td>{p}<td>{n}<td>{:?}</tr>", ic.item, ic.change);
                    }
                }
            }
            o += "</table>";
        }
        o += "<h2>Contacts</h2><p><b>If a child is in immediate danger call 999.</b></p>";
        for c in input.contacts {
            o += &format!(
                "<p>{}: {}. {}</p>",
                esc(&c.name),
                esc(&c.phone),
                esc(&c.description)
            );
        }
        o += "<div class=mark>OFFICIAL-SENSITIVE</div></section>";
    }
    o + "</body></html>"
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn chromium_print(html_path: &Path, out: &Path, profile: &Path) -> bool {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
        && out.exists()
}

/// Medians of our export and of Chromium printing the same content, measured back to back.
fn side_by_side() {
    let fx = fixture::full();
    let input = fx.input();
    let ours_runs: Vec<Duration> = (0..31)
        .map(|_| {
            let t = Instant::now();
            black_box(summary_sheet(black_box(&input)).unwrap());
            t.elapsed()
        })
        .collect();
    let ours = median(ours_runs);
    let bytes = summary_sheet(&input).unwrap().len();
    println!(
        "summary_sheet (full fixture): median {:.1} ms over 31 runs, {bytes} bytes",
        ours.as_secs_f64() * 1e3
    );

    if !Path::new(CHROMIUM).exists() {
        println!("chromium: {CHROMIUM} not found; install Debian's chromium for the comparison");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sheet.html");
    std::fs::write(&page, html(&input)).unwrap();
    let mut runs = Vec::new();
    for i in 0..7 {
        let out = dir.path().join(format!("chromium-{i}.pdf"));
        let profile = dir.path().join(format!("profile-{i}"));
        let t = Instant::now();
        if !chromium_print(&page, &out, &profile) {
            println!("chromium: printing failed; no comparison");
            return;
        }
        runs.push(t.elapsed());
    }
    let chrome = median(runs);
    println!(
        "chromium --headless --print-to-pdf (same content as HTML): median {:.1} ms over 7 runs",
        chrome.as_secs_f64() * 1e3
    );
    println!(
        "ratio: summary_sheet is {:.1}x faster than headless Chromium",
        chrome.as_secs_f64() / ours.as_secs_f64()
    );
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    side_by_side();
}
