//! The vault's durable rating-save workload on SQLCipher (whole-file encryption), so that the
//! cost of the vault's per-record sealing can be compared with the usual alternative.
//!
//! It builds the same table shapes as the vault with JSON bodies (encrypted by SQLCipher, not
//! per record), stores N households with two children and a completed assessment each, then
//! times S saves of one rating, each doing what the vault's `save_rating` does: read and parse
//! the assessment and household, then one transaction writing the rating, an audit entry and
//! the audit head, committed with a full sync. Prints p50 and p99.
//!
//! Usage: `ntk-bench-sqlcipher [HOUSEHOLDS] [SAVES]` (defaults 5000 and 500), in a folder given
//! by `NTK_BENCH_DIR` (default: the current folder).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use std::time::Instant;

fn text(seed: &mut u64, words: usize) -> String {
    const W: &[&str] = &[
        "kitchen", "school", "bedtime", "clean", "clothes", "nursery", "visit", "meal", "late",
        "appointment", "warm", "play", "tired", "shoes", "dentist", "homework",
    ];
    (0..words)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            W[(*seed % W.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn rating(seed: &mut u64, item: usize, child: &str) -> serde_json::Value {
    json!({"item": format!("{}.1", item + 1), "subject": {"kind": "child", "child_id": child},
           "level": 2, "carer_level": 1, "evidence": text(seed, 30), "impact": text(seed, 15),
           "strengths": "", "child_view": ""})
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let households = args.first().copied().unwrap_or(5000);
    let saves = args.get(1).copied().unwrap_or(500);
    let dir = std::env::var("NTK_BENCH_DIR").unwrap_or_else(|_| ".".into());
    let path = std::path::Path::new(&dir).join(format!("sqlcipher-bench-{}.db", std::process::id()));
    let mut conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "key", "benchmark passphrase").expect("key");
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).expect("wal");
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         CREATE TABLE meta (key TEXT PRIMARY KEY, body BLOB NOT NULL) STRICT;
         CREATE TABLE households (id TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
         CREATE TABLE assessments (id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id),
             created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
         CREATE INDEX assessments_by_household ON assessments(household_id, created_at);
         CREATE TABLE ratings (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL REFERENCES assessments(id),
             position INTEGER NOT NULL, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
         CREATE INDEX ratings_by_assessment ON ratings(assessment_id, position);
         CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;",
    )
    .expect("schema");
    let mut seed = 42u64;
    let tx = conn.transaction().expect("tx");
    for i in 0..=households {
        let hid = format!("h{i:08}");
        let children = [format!("c{i}a"), format!("c{i}b")];
        let h = json!({"id": hid, "name": format!("Household {i}"), "reference": format!("REF-{i:06}"),
            "address": {"lines": [format!("{} Long Street", i % 300), "Townton"], "postcode": format!("NG{} {}AB", i % 20, i % 9)},
            "carers": [{"id": format!("k{i}"), "name": format!("Carer {i}"), "relationship": "Mother"}],
            "children": children.iter().map(|c| json!({"id": c, "name": format!("Child {c}"),
                "birth": {"kind": "born", "date": "2018-05-17"}, "setting": "Primary school"})).collect::<Vec<_>>()});
        tx.execute("INSERT INTO households VALUES (?1, 0, ?2)", params![hid, serde_json::to_vec(&h).unwrap()])
            .expect("household");
        let aid = format!("a{i:08}");
        let a = json!({"id": aid, "household_id": hid, "status": if i == households { "draft" } else { "completed" },
            "analysis": text(&mut seed, 60)});
        tx.execute("INSERT INTO assessments VALUES (?1, ?2, 0, 0, ?3)", params![aid, hid, serde_json::to_vec(&a).unwrap()])
            .expect("assessment");
        for item in 0..7 {
            for c in &children {
                tx.execute(
                    "INSERT INTO ratings VALUES (?1, ?2, ?3, 0, ?4)",
                    params![format!("{aid}:{item}:{c}"), aid, item as i64, serde_json::to_vec(&rating(&mut seed, item, c)).unwrap()],
                )
                .expect("rating");
            }
        }
    }
    tx.commit().expect("commit");

    let draft = format!("a{households:08}");
    let mut save_one = |n: usize| -> f64 {
        let t = Instant::now();
        let (hid, body): (String, Vec<u8>) = conn
            .query_row("SELECT household_id, body FROM assessments WHERE id = ?1", [&draft], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("read assessment");
        let a: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(a["status"], "draft");
        let hb: Vec<u8> = conn.query_row("SELECT body FROM households WHERE id = ?1", [&hid], |r| r.get(0)).expect("read household");
        let h: serde_json::Value = serde_json::from_slice(&hb).unwrap();
        let child = h["children"][n % 2]["id"].as_str().unwrap().to_string();
        let item = n % 7;
        let mut r = rating(&mut seed, item, &child);
        r["evidence"] = json!(format!("sample {n}: {}", r["evidence"]));
        let tx = conn.unchecked_transaction().expect("tx");
        tx.execute(
            "INSERT INTO ratings(id, assessment_id, position, updated_at, body) VALUES (?1, ?2,
               (SELECT COALESCE(MAX(position) + 1, 0) FROM ratings WHERE assessment_id = ?2), ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
            params![format!("{draft}:{item}:{child}"), draft, n as i64, serde_json::to_vec(&json!({"rating": r, "saved_at": n})).unwrap()],
        )
        .expect("save rating");
        let head: Option<Vec<u8>> = tx
            .query_row("SELECT body FROM meta WHERE key = 'audit_head'", [], |r| r.get(0))
            .optional()
            .expect("head");
        let prev = head.map(|b| serde_json::from_slice::<serde_json::Value>(&b).unwrap()["hash"].clone());
        let entry = json!({"seq": n + 1, "who": "Bench", "action": "save_rating", "table": "ratings", "prev_hash": prev});
        tx.execute("INSERT INTO audit VALUES (?1, ?2, ?3)", params![(n + 1) as i64, n as i64, serde_json::to_vec(&entry).unwrap()])
            .expect("audit");
        tx.execute(
            "INSERT INTO meta VALUES ('audit_head', ?1) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
            [serde_json::to_vec(&json!({"seq": n + 1, "hash": "0".repeat(64)})).unwrap()],
        )
        .expect("head");
        tx.commit().expect("commit");
        t.elapsed().as_secs_f64() * 1000.0
    };
    let mut times = Vec::with_capacity(saves);
    if std::env::var_os("NTK_BENCH_SERVE").is_some() {
        // Driven by the vault benchmark, which alternates its saves with these so that both
        // meet the disk in the same state: one save per line read, its time in ms printed back.
        use std::io::{BufRead, Write};
        let mut out = std::io::stdout().lock();
        writeln!(out, "READY").expect("stdout");
        out.flush().expect("stdout");
        for (n, line) in std::io::stdin().lock().lines().enumerate() {
            if line.is_err() {
                break;
            }
            writeln!(out, "{:.6}", save_one(n)).expect("stdout");
            out.flush().expect("stdout");
        }
    } else {
        for n in 0..saves {
            times.push(save_one(n));
        }
    }
    drop(save_one);
    drop(conn);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    if times.is_empty() {
        return;
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let (p50, p99) = (at(0.5), at(0.99));
    println!("SQLCIPHER save_rating durable: p50 {p50:.3} ms, p99 {p99:.3} ms ({saves} saves, {households} households)");
    println!("SQLCIPHER_SAVE_P50_MS={p50:.3} SQLCIPHER_SAVE_P99_MS={p99:.3}");
}
