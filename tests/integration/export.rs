//! Integration tests of `ntk_core::export`: the summary sheet checked with the tools a reader's
//! machine would use (poppler's pdftotext, pdffonts and pdftoppm, and qpdf), and the atomic
//! writer checked against real folders.
//!
//! These tests need poppler-utils and qpdf; they fail (never skip) when the tools are missing.

#[path = "export/fixture.rs"]
pub mod fixture;

#[path = "export/cli.rs"]
mod cli;

#[path = "export/words.rs"]
mod words;

#[path = "export/demo.rs"]
mod demo_sheet;

#[path = "export/decision.rs"]
mod decision_sheet;
#[path = "export/first_page.rs"]
mod first_page;
#[path = "export/review.rs"]
mod review_sheet;

#[path = "export/old_version.rs"]
mod old_version;
#[path = "export/scripts.rs"]
mod scripts;

use fixture::Fixture;
use ntk_core::assessment::{item_applies, PlacedBy, Subject};
use ntk_core::export::{self, summary_sheet, ExportError, SheetInput};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// Run a tool; panic with a clear message if it is not installed or fails.
fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is needed by these tests ({e}); install poppler-utils and qpdf")
    });
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

struct Exported {
    fx: Fixture,
    bytes: Vec<u8>,
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

/// The full fixture, exported once for all tests that only read it.
fn exported() -> &'static Exported {
    static E: OnceLock<Exported> = OnceLock::new();
    E.get_or_init(|| {
        let fx = fixture::full();
        let bytes = summary_sheet(&fx.input()).expect("the full fixture exports");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.pdf");
        export::write_atomic(&path, &bytes).unwrap();
        // A copy to look at (pdftoppm) after a test run.
        let sample = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-sheet-fixture.pdf");
        export::write_atomic(&sample, &bytes).unwrap();
        Exported {
            fx,
            bytes,
            _dir: dir,
            path,
        }
    })
}

fn text_of(path: &Path) -> String {
    tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"])
}

/// The page furniture (marking, footer, page numbers) removed, so that text flowing across a
/// page break compares as one run.
fn body_text(raw: &str) -> String {
    raw.lines()
        .filter(|l| {
            let l = l.trim();
            l != "OFFICIAL-SENSITIVE"
                && !l.starts_with("Neglect Toolkit summary sheet ·")
                && !(l.starts_with("Page ") && l.contains(" of "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words as sequences of letters and digits only, so that punctuation added by the layout
/// ("Present: a; b.") does not matter but every word and its order does.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Find `needle` as a contiguous run in `hay` at or after `from`.
fn find_run(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from);
    }
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()] == *needle)
}

/// The grid's lines for the placements of a rating: "Name: level" each, the unnamed carer of
/// a version-1 record as "The carer".
fn placement_cells(fx: &Fixture, r: &ntk_core::assessment::Rating) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(l) = r.carer_level {
        out.push(format!("The carer: {}", level_text(fx, Some(l))));
    }
    for p in &r.placements {
        let name = match &p.by {
            PlacedBy::Carer { carer_id } => fx
                .household
                .carers
                .iter()
                .find(|c| &c.id == carer_id)
                .unwrap()
                .name
                .clone(),
            PlacedBy::Child { child_id } => format!(
                "{} (young person)",
                fx.household
                    .children
                    .iter()
                    .find(|c| &c.id == child_id)
                    .unwrap()
                    .name
            ),
        };
        out.push(match p.level {
            Some(_) => format!("{name}: {}", level_text(fx, p.level)),
            None => format!("{name}: no level chosen"),
        });
    }
    out
}

fn level_text(fx: &Fixture, l: Option<u8>) -> String {
    match l {
        Some(l) => format!("{l} · {}", fx.def.level(l).unwrap().label),
        None => fx.def.scale.not_assessed_label.clone(),
    }
}

/// Every text entered for child `ci`, in the order the sheet must show it.
fn expected_for_child(fx: &Fixture, ci: usize) -> Vec<String> {
    let h = &fx.household;
    let a = &fx.review;
    let c = &h.children[ci];
    // The first page: who the child is, the decision and lead, the others at home.
    let mut v = vec![c.name.clone()];
    v.extend([&c.gender, &c.setting, &c.additional_needs, &c.language].map(|s| s.clone()));
    v.push(fx.def.decision_options[0].label.clone());
    v.push(a.decision.lead_consulted.as_ref().unwrap().name.clone());
    v.extend(
        h.children
            .iter()
            .filter(|o| o.id != c.id)
            .map(|o| o.name.clone()),
    );
    for carer in &h.carers {
        v.extend([carer.name.clone(), carer.relationship.clone()]);
    }
    // Then the detail.
    v.push(h.name.clone());
    v.push(h.reference.clone());
    v.extend(h.address.lines.iter().cloned());
    v.push(h.address.postcode.clone());
    v.push(h.language.clone());
    for carer in &h.carers {
        v.extend([
            carer.name.clone(),
            carer.relationship.clone(),
            carer.phone.clone(),
        ]);
    }
    let p = &a.practitioner;
    v.extend([
        p.name.clone(),
        p.role.clone(),
        p.agency.clone(),
        p.phone.clone(),
        p.email.clone(),
    ]);
    v.push(fx.def.title.clone());
    v.push("Amended to add the grandmother's view".into());
    for visit in &a.visits {
        v.extend(visit.present.iter().cloned());
        v.push(visit.notes.clone());
    }
    // The profile grid: every item that applies to the child, with the child's own level and
    // every placement beside it.
    let on = a.latest_date();
    for (_, item) in fx.def.items() {
        if !item_applies(&fx.def, item, c, on) {
            continue;
        }
        let r = fixture::effective(&fx.def, a, &item.number, &c.id);
        v.push(item.title.clone());
        v.push(level_text(fx, r.and_then(|r| r.level_for_child(&c.id))));
        for line in r.map(|r| placement_cells(fx, r)).unwrap_or_default() {
            v.push(line);
        }
    }
    // Prompts raised by the summary rules for this child (significant harm first), in summary
    // order; their words are tested in `words.rs`, here only the alerts' own texts.
    for p in &fx.summary.prompts {
        if let ntk_core::summary::Prompt::Alert { subject, text, .. } = p {
            if matches!(subject, Subject::Household) || subject == &Subject::Child(c.id.clone()) {
                v.push(text.clone());
            }
        }
    }
    for (_, item) in fx.def.items() {
        if let Some(r) = fixture::effective(&fx.def, a, &item.number, &c.id) {
            if let Some(e) = r.child_entry(&c.id).filter(|e| e.level.is_some()) {
                v.push(e.level_reason.clone());
            }
            v.extend(r.placements.iter().map(|p| p.words.clone()));
            v.extend([
                r.impact_for_child(&c.id).to_string(),
                r.evidence.clone(),
                r.strengths.clone(),
                r.shared_text.clone(),
            ]);
            if !r.shared_text.is_empty() {
                v.push("(shared with the family)".into());
            }
            if c.can_give_view() {
                v.push(r.child_view_for(&c.id).to_string());
            }
        }
    }
    v.extend(
        a.child_views
            .iter()
            .filter(|n| n.child_id == c.id)
            .map(|n| n.text.clone()),
    );
    v.extend([
        a.carer_view.clone(),
        a.strengths.clone(),
        a.background.clone(),
        a.poverty_context.clone(),
        a.analysis.clone(),
    ]);
    v.push(fx.def.decision_options[0].label.clone());
    v.push(a.decision.lead_consulted.as_ref().unwrap().name.clone());
    v.push(a.decision.next_steps.clone());
    v.push("If a child is in immediate danger call 999.".into());
    for contact in &fx.contacts {
        v.extend([
            contact.name.clone(),
            contact.phone.clone(),
            contact.description.clone(),
        ]);
    }
    v
}

#[test]
fn every_entered_text_appears_in_reading_order_per_child() {
    let e = exported();
    let hay = words(&body_text(&text_of(&e.path)));
    let mut at = 0;
    for ci in 0..e.fx.household.children.len() {
        for want in expected_for_child(&e.fx, ci) {
            let needle = words(&want);
            match find_run(&hay, &needle, at) {
                Some(i) => at = i + needle.len(),
                None => {
                    let anywhere = find_run(&hay, &needle, 0).is_some();
                    panic!(
                        "child {ci}: {:?} not found after word {at} (present earlier: {anywhere})",
                        want.chars().take(80).collect::<String>()
                    );
                }
            }
        }
    }
}

#[test]
fn practitioner_only_notes_are_not_printed() {
    let e = exported();
    let text = text_of(&e.path);
    assert!(!text.contains("PRACTITIONER-ONLY"), "notes leaked");
    assert!(text.contains("Aoife Ní Bhriain"));
}

#[test]
fn the_5000_word_field_flows_over_pages_with_nothing_cut() {
    let e = exported();
    let hay = words(&body_text(&text_of(&e.path)));
    let needle = words(&e.fx.review.analysis);
    assert!(needle.len() >= 5000);
    // Once per child: the field is part of every child's sheet.
    let mut at = 0;
    for _ in 0..3 {
        at = find_run(&hay, &needle, at).expect("the whole analysis, word for word") + needle.len();
    }
    let pages = tool("pdfinfo", &[e.path.to_str().unwrap()]);
    let n: usize = pages
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(n >= 12, "{n} pages");
}

#[test]
fn every_page_has_the_marking_top_and_bottom_and_its_number_within_its_child_s_section() {
    let e = exported();
    let text = tool("pdftotext", &["-layout", e.path.to_str().unwrap(), "-"]);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 3);
    // Each child's section is numbered on its own, and its footer names the case reference and
    // the child, so that it can be sent alone.
    let starts: Vec<usize> =
        e.fx.household
            .children
            .iter()
            .map(|c| {
                pages
                    .iter()
                    .position(|p| {
                        p.lines()
                            .filter(|l| !l.trim().is_empty())
                            .nth(1)
                            .is_some_and(|l| l.trim() == c.name)
                    })
                    .unwrap_or_else(|| panic!("no section starts with {}", c.name))
            })
            .collect();
    assert_eq!(starts[0], 0);
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    for (i, p) in pages.iter().enumerate() {
        let s = starts.iter().rposition(|&st| st <= i).unwrap();
        let end = starts.get(s + 1).copied().unwrap_or(pages.len());
        let (n, m) = (i - starts[s] + 1, end - starts[s]);
        let child = &e.fx.household.children[s].name;
        let footer = format!("Case reference: {} · {child}", e.fx.household.reference);
        assert!(p.contains(&footer), "footer of page {}: {p}", i + 1);
        assert!(
            p.contains(&format!("Page {n} of {m}")),
            "number on page {}",
            i + 1
        );
    }
    for (i, p) in pages.iter().enumerate() {
        let lines: Vec<&str> = p.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines.first().unwrap().trim(),
            "OFFICIAL-SENSITIVE",
            "top of page {}",
            i + 1
        );
        assert_eq!(
            lines.last().unwrap().trim(),
            "OFFICIAL-SENSITIVE",
            "foot of page {}",
            i + 1
        );
    }
}

#[test]
fn qpdf_check_passes_and_the_font_is_embedded() {
    let e = exported();
    let out = tool("qpdf", &["--check", e.path.to_str().unwrap()]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    let fonts = tool("pdffonts", &[e.path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(row.contains("DejaVu"), "{row}");
        // name type encoding emb sub uni object ID
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let e = exported();
    let again = summary_sheet(&e.fx.input()).unwrap();
    assert!(again == e.bytes, "two exports differ");
    let mut later = e.fx.input();
    later.created_at += chrono::Duration::seconds(1);
    assert!(
        summary_sheet(&later).unwrap() != e.bytes,
        "the creation time is in the file"
    );
}

#[test]
fn the_greyscale_render_exists_and_the_grid_shows_level_numbers() {
    let e = exported();
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("grey");
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "2",
            e.path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut renders: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    renders.sort();
    assert_eq!(renders.len(), 2, "{renders:?}");
    let pgm = std::fs::read(&renders[0]).unwrap();
    assert!(pgm.starts_with(b"P5"), "a greyscale image");
    let body = &pgm[pgm.len() / 2..];
    let dark = body.iter().filter(|&&b| b < 100).count();
    let light = body.iter().filter(|&&b| b > 200).count();
    assert!(
        dark > 100 && light > body.len() / 2,
        "the page has text on paper"
    );

    // The grid prints level numbers and labels as text, so greyscale loses nothing.
    // The first child's section: its overview and the detail that holds the grid.
    let first = tool(
        "pdftotext",
        &["-f", "1", "-l", "4", "-raw", e.path.to_str().unwrap(), "-"],
    );
    let c = &e.fx.household.children[0];
    for (_, item) in e.fx.def.items() {
        let r = fixture::effective(&e.fx.def, &e.fx.review, &item.number, &c.id).unwrap();
        let want = level_text(&e.fx, r.level_for_child(&c.id));
        assert!(first.contains(&want), "{} shows {want}", item.number);
    }
}

#[test]
fn an_item_not_assessed_is_never_shown_as_a_level() {
    let e = exported();
    let text = body_text(&text_of(&e.path));
    // Child 3 has one child-scope item not assessed in the fixture.
    let item = fixture::not_assessed_item(&e.fx.def);
    let line = text
        .lines()
        .find(|l| l.contains(&item.title) && l.contains("Not assessed"))
        .or_else(|| {
            let i = text
                .lines()
                .position(|l| l.ends_with(&format!("{} {}", item.number, item.title)))?;
            text.lines()
                .nth(i + 1)
                .filter(|l| l.starts_with("Not assessed"))
        });
    assert!(line.is_some(), "the not-assessed item reads as such");
}

#[test]
fn an_assessment_with_no_ratings_says_so() {
    let mut fx = fixture::full();
    fx.review.ratings.clear();
    fx.summary = ntk_core::summary::summarise(&fx.review, &fx.household, &fx.def);
    fx.summary.prompts.clear();
    let input = SheetInput {
        comparison: None,
        previous: None,
        sustained: None,
        trend: None,
        ..fx.input()
    };
    let bytes = summary_sheet(&input).unwrap();
    // Kept in the target folder so it can be looked at after a run.
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-sheet-no-ratings.pdf");
    export::write_atomic(&p, &bytes).unwrap();
    let text = text_of(&p);
    assert!(
        text.contains("No items have been rated in this assessment yet"),
        "{text}"
    );
    for l in &fx.def.scale.levels {
        assert!(
            !text.contains(&format!("{} · {}", l.code, l.label)),
            "a level is shown"
        );
    }
    // Every item that applies to a child reads as not assessed in that child's grid.
    let on = fx.review.latest_date();
    let applying: usize = fx
        .household
        .children
        .iter()
        .map(|c| {
            fx.def
                .items()
                .filter(|(_, i)| item_applies(&fx.def, i, c, on))
                .count()
        })
        .sum();
    assert!(applying > fx.def.items().count());
    assert!(text.matches("Not assessed").count() >= applying);
}

#[test]
fn unusual_text_never_breaks_the_sheet() {
    let mut fx = fixture::full();
    fx.household.children.truncate(1);
    fx.household.children[0].name =
        "Siobhán \u{202E}مرحبا\u{202C} Łukasz\u{0007}Zoë\tNguyễn 名前".into();
    fx.review.carer_view = format!("{}\r\n\u{0000}{}", "x".repeat(3000), "שלום עולם");
    fx.household.name = "N".repeat(400);
    let bytes = summary_sheet(&fx.input()).unwrap();
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-sheet-unusual-text.pdf");
    export::write_atomic(&p, &bytes).unwrap();
    let text = text_of(&p);
    for name in ["Siobhán", "Łukasz", "Zoë", "Nguyễn"] {
        assert!(text.contains(name), "{name} missing");
    }
    // The over-long word is broken across lines, never cut.
    // A line at the top of a page starts with the form feed pdftotext puts between pages.
    let xs: usize = text
        .lines()
        .map(|l| l.trim_start_matches('\x0c'))
        .filter(|l| l.chars().all(|c| c == 'x') && !l.is_empty())
        .map(|l| l.len())
        .sum();
    assert_eq!(xs, 3000);
    tool("qpdf", &["--check", p.to_str().unwrap()]);
}

#[test]
fn a_household_without_children_still_gives_a_sheet() {
    let mut fx = fixture::full();
    fx.household.children.clear();
    let bytes = summary_sheet(&fx.input()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("none.pdf");
    export::write_atomic(&p, &bytes).unwrap();
    assert!(text_of(&p).contains("No children are recorded for this household."));
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_missing_folder_gives_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let err = export::write_atomic(&missing.join("sheet.pdf"), b"%PDF").unwrap_err();
    assert!(matches!(err, ExportError::FolderMissing { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(missing.to_str().unwrap()) && msg.contains("does not exist"),
        "{msg}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_place_that_cannot_be_written_gives_a_clear_error_and_leaves_nothing() {
    // Tests may run as root, which ignores permission bits: a path under a regular file can
    // never be written by anyone.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"not a folder").unwrap();
    let err = export::write_atomic(&file.join("sheet.pdf"), b"%PDF").unwrap_err();
    assert!(
        matches!(err, ExportError::FolderNotWritable { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains(file.to_str().unwrap()) && msg.contains("cannot write"),
        "{msg}"
    );
    assert_eq!(leftovers(dir.path()), vec!["plain-file".to_string()]);
    assert_eq!(std::fs::read(&file).unwrap(), b"not a folder");
}

#[test]
fn a_read_only_mount_gives_a_clear_error_and_leaves_nothing() {
    // /proc is mounted read-only for new files on every Linux machine.
    let target = Path::new("/proc/ntk-sheet.pdf");
    let err = export::write_atomic(target, b"%PDF").unwrap_err();
    assert!(
        matches!(err, ExportError::FolderNotWritable { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("/proc"), "{err}");
    assert!(!target.exists());
}

#[test]
fn a_draft_says_so_on_every_page_and_a_completed_sheet_does_not() {
    let mut fx = fixture::full();
    assert!(ntk_core::words::draft_mark(fx.review.status).is_none());
    let e = exported();
    assert!(!text_of(&e.path).contains(ntk_core::words::DRAFT_MARK));

    for status in [
        ntk_core::assessment::Status::Draft,
        ntk_core::assessment::Status::Amending,
    ] {
        fx.review.status = status;
        let bytes = summary_sheet(&fx.input()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("draft.pdf");
        export::write_atomic(&p, &bytes).unwrap();
        let text = tool("pdftotext", &["-layout", p.to_str().unwrap(), "-"]);
        let pages: Vec<&str> = text
            .split('\x0c')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() > 3);
        for (i, page) in pages.iter().enumerate() {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(lines[0].trim(), "OFFICIAL-SENSITIVE", "page {}", i + 1);
            assert_eq!(
                lines[1].trim(),
                ntk_core::words::DRAFT_MARK,
                "{status:?}: page {} lacks the draft mark under the marking",
                i + 1
            );
        }
    }
}

#[test]
fn the_file_s_metadata_names_no_one() {
    let e = exported();
    let info = tool("pdfinfo", &[e.path.to_str().unwrap()]);
    assert!(info.contains("Title:"), "{info}");
    let h = &e.fx.household;
    let mut names: Vec<&str> = vec![h.name.as_str(), h.address.postcode.as_str()];
    names.extend(h.children.iter().map(|c| c.name.as_str()));
    names.extend(h.carers.iter().map(|c| c.name.as_str()));
    for name in names.into_iter().filter(|n| !n.is_empty()) {
        assert!(!info.contains(name), "pdfinfo shows {name:?}:\n{info}");
        // Nor anywhere in the file's uncompressed dictionaries (a second, XMP copy of the title).
        let meta = tool("pdfinfo", &["-meta", e.path.to_str().unwrap()]);
        assert!(!meta.contains(name), "the XMP metadata holds {name:?}");
    }
}
