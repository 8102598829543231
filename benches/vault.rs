//! Vault benchmarks (criterion, run with `cargo bench -p ntk-core --bench vault`).
//!
//! With 5,000 households stored (two children and a completed assessment each) it measures:
//! the durable save of one rating (criterion's distribution, and p50/p99 of an own sample of
//! 2,000 saves), the same workload on plain rusqlite without encryption (same schema shape, same
//! pragmas, same audit writes) and the ratio, alternating save by save with SQLCipher and with
//! the vault at an earlier commit when those programs are given; unlocking the session on that vault (Standard key
//! derivation profile, the quick integrity check and the households index build); the index's
//! build time and memory; listing and searching all households through the session, served by
//! the index. Figures are printed, never asserted; lines starting `FIGURE` are read by
//! `scripts/bench.sh` for its table.
//!
//! `NTK_BENCH_HOUSEHOLDS` changes the number of households (default 5000), `NTK_BENCH_SAVES`
//! the number of measured saves per store (default 2000). The data and the saved ratings come
//! from `shared/save_workload.rs`, which the earlier-commit program shares.

#[path = "shared/save_workload.rs"]
mod save_workload;

use chrono::Utc;
use criterion::{criterion_group, Criterion};
use ntk_core::app::Session;
use ntk_core::assessment::*;
use ntk_core::toolkit::ToolkitDefinition;
use ntk_core::vault::Vault;
use rusqlite::{params, Connection, OptionalExtension};
use save_workload::{env, households, PASS};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

/// Measured saves per store, `NTK_BENCH_SAVES` (default 2000): at 2,000 the p99 is the 20th
/// slowest save, steady from run to run where the 5th slowest of 500 was not.
fn saves() -> usize {
    std::env::var("NTK_BENCH_SAVES")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2000)
}

struct Fixture {
    _dir: tempfile::TempDir,
    vault: Vault,
    plain: Plain,
    draft: Assessment,
    path: std::path::PathBuf,
}

fn setup() -> Fixture {
    let dir = tempfile::tempdir_in(std::env::var_os("NTK_BENCH_DIR").unwrap_or_else(|| ".".into()))
        .unwrap();
    let n = households();
    let t = Instant::now();
    let w = save_workload::workload(n);
    let path = dir.path().join("vault.ntk");
    let vault = save_workload::vault(&path, &w);
    let plain = Plain::create(
        &dir.path().join("plain.db"),
        &w.doc,
        &w.draft,
        w.def.clone(),
    );
    eprintln!(
        "setup: {n} households in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Fixture {
        _dir: dir,
        vault,
        plain,
        draft: w.draft,
        path,
    }
}

/// The same workload on plain rusqlite: same tables, same pragmas, JSON bodies in clear, the
/// same reads, validation and audit writes per rating.
struct Plain {
    conn: Connection,
    def: ToolkitDefinition,
    seq: u64,
}

impl Plain {
    fn create(
        path: &Path,
        doc: &serde_json::Value,
        draft: &Assessment,
        def: ToolkitDefinition,
    ) -> Plain {
        let mut conn = Connection::open(path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
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
        .unwrap();
        let tx = conn.transaction().unwrap();
        let mut all = vec![];
        for e in doc["households"].as_array().unwrap() {
            let h: Household = serde_json::from_value(e["household"].clone()).unwrap();
            let a: Vec<Assessment> = serde_json::from_value(e["assessments"].clone()).unwrap();
            all.push((h, a));
        }
        all.last_mut().unwrap().1.push(draft.clone());
        for (h, as_) in &all {
            tx.execute(
                "INSERT INTO households VALUES (?1, 0, ?2)",
                params![h.id.as_str(), serde_json::to_vec(h).unwrap()],
            )
            .unwrap();
            for a in as_ {
                let mut shell = a.clone();
                shell.ratings.clear();
                tx.execute(
                    "INSERT INTO assessments VALUES (?1, ?2, 0, 0, ?3)",
                    params![
                        a.id.as_str(),
                        h.id.as_str(),
                        serde_json::to_vec(&shell).unwrap()
                    ],
                )
                .unwrap();
                for (p, r) in a.ratings.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO ratings VALUES (?1, ?2, ?3, 0, ?4)",
                        params![
                            format!("{}:{}:{:?}", a.id, r.item, r.subject),
                            a.id.as_str(),
                            p as i64,
                            serde_json::to_vec(
                                &serde_json::json!({"rating": r, "saved_at": Utc::now()})
                            )
                            .unwrap()
                        ],
                    )
                    .unwrap();
                }
            }
        }
        tx.commit().unwrap();
        Plain { conn, def, seq: 0 }
    }

    fn save_rating(&mut self, assessment: &Id, r: &Rating) {
        let (hid, body): (String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT household_id, body FROM assessments WHERE id = ?1",
                [assessment.as_str()],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        let mut a: Assessment = serde_json::from_slice(&body).unwrap();
        let hb: Vec<u8> = self
            .conn
            .query_row("SELECT body FROM households WHERE id = ?1", [&hid], |x| {
                x.get(0)
            })
            .unwrap();
        let h: Household = serde_json::from_slice(&hb).unwrap();
        a.ensure_editable().unwrap();
        a.ratings = vec![r.clone()];
        validate(&a, &h, &self.def).unwrap();
        let now = Utc::now();
        let tx = self.conn.unchecked_transaction().unwrap();
        tx.execute(
            "INSERT INTO ratings(id, assessment_id, position, updated_at, body) VALUES (?1, ?2,
               (SELECT COALESCE(MAX(position) + 1, 0) FROM ratings WHERE assessment_id = ?2), ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
            params![
                format!("{}:{}:{:?}", assessment, r.item, r.subject),
                assessment.as_str(),
                now.timestamp_millis(),
                serde_json::to_vec(&serde_json::json!({"rating": r, "saved_at": now})).unwrap()
            ],
        )
        .unwrap();
        let head: Option<Vec<u8>> = tx
            .query_row("SELECT body FROM meta WHERE key = 'audit_head'", [], |x| {
                x.get(0)
            })
            .optional()
            .unwrap();
        let prev =
            head.map(|b| serde_json::from_slice::<serde_json::Value>(&b).unwrap()["hash"].clone());
        self.seq += 1;
        let entry = serde_json::to_vec(&serde_json::json!({
            "seq": self.seq, "at": now, "who": "Bench", "action": "save_rating",
            "table": "ratings", "record_id": "x", "prev_hash": prev,
        }))
        .unwrap();
        tx.execute(
            "INSERT INTO audit VALUES (?1, ?2, ?3)",
            params![self.seq as i64, now.timestamp_millis(), entry],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO meta VALUES ('audit_head', ?1) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
            [serde_json::to_vec(&serde_json::json!({"seq": self.seq, "hash": "0".repeat(64)})).unwrap()],
        )
        .unwrap();
        tx.commit().unwrap();
    }
}

/// Saves made by each store before the measured ones (filling caches, settling the log).
const WARM_UP: usize = 20;

/// A program that runs the same save workload in its own process, in its serving mode: given
/// the number of households, it builds its store, prints `READY`, then makes one save per line
/// it reads and prints that save's time in ms. Such programs: SQLCipher (`bench/sqlcipher`, path
/// in `NTK_SQLCIPHER_BIN`), the vault at an earlier commit (`bench/earlier`, built by
/// `scripts/bench-earlier.sh`, path in `NTK_EARLIER_BIN`) and, beside the earlier one, this
/// benchmark itself in its serving mode (`save_workload::serve` on this core, the code the
/// earlier program runs), so that before and after are measured the same way.
struct Served {
    child: std::process::Child,
    to: Option<std::process::ChildStdin>,
    from: std::io::BufReader<std::process::ChildStdout>,
}

impl Served {
    /// Starts the program named by the environment variable `var`, if it is set; `ready`
    /// waits for it to finish building its store.
    fn spawn(var: &str) -> Option<Served> {
        Some(Served::start(std::env::var_os(var)?.into()))
    }

    fn start(bin: std::path::PathBuf) -> Served {
        use std::process::{Command, Stdio};
        let mut child = Command::new(&bin)
            .arg(households().to_string())
            .env("NTK_BENCH_SERVE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        let to = child.stdin.take().unwrap();
        let from = std::io::BufReader::new(child.stdout.take().unwrap());
        Served {
            child,
            to: Some(to),
            from,
        }
    }

    fn ready(&mut self, what: &str) {
        use std::io::BufRead;
        let mut line = String::new();
        self.from.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "READY", "the {what} program did not start");
    }

    fn save(&mut self) -> f64 {
        use std::io::{BufRead, Write};
        let to = self.to.as_mut().unwrap();
        writeln!(to, "save").unwrap();
        to.flush().unwrap();
        let mut line = String::new();
        self.from.read_line(&mut line).unwrap();
        line.trim()
            .parse()
            .expect("a time in ms from the served program")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        // Closing its input ends the program, which removes its files.
        self.to = None;
        let _ = self.child.wait();
    }
}

fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

/// The median of `n` timings of `f`, in milliseconds.
fn median_ms(n: usize, mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The stores whose saves alternate.
#[derive(Clone, Copy, PartialEq)]
enum Store {
    Vault,
    Plain,
    SqlCipher,
    Earlier,
    This,
}

fn benches(c: &mut Criterion) {
    let mut fx = setup();
    let draft = fx.draft.clone();
    let ratings = draft.ratings.clone();
    let sample = saves();

    // The stores' saves alternate, one save of each in turn, so that all of them meet the disk
    // in the same state (its sync time changes from one minute to the next on a shared
    // machine); the order turns by one store every round, so that no store always follows
    // the same other store's sync.
    let mut sqlcipher = Served::spawn("NTK_SQLCIPHER_BIN");
    let mut earlier = Served::spawn("NTK_EARLIER_BIN");
    // This core served in its own process, like SQLCipher and the earlier core: the like-for-like
    // comparison with both (the vault saving inside this process is measured too, for reference).
    let mut this = (earlier.is_some() || sqlcipher.is_some())
        .then(|| Served::start(std::env::current_exe().unwrap()));
    if let Some(s) = sqlcipher.as_mut() {
        s.ready("SQLCipher");
    }
    if let Some(e) = earlier.as_mut() {
        e.ready("earlier vault");
    }
    if let Some(t) = this.as_mut() {
        t.ready("this vault");
    }
    let mut stores = vec![Store::Vault, Store::Plain];
    if sqlcipher.is_some() {
        stores.push(Store::SqlCipher);
    }
    if earlier.is_some() {
        stores.push(Store::Earlier);
    }
    if this.is_some() {
        stores.push(Store::This);
    }
    let (mut vt, mut pt, mut st, mut et, mut tt) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..sample + WARM_UP {
        let r = save_workload::sample_rating(&draft, i);
        for k in 0..stores.len() {
            let store = stores[(i + k) % stores.len()];
            let (ms, into) = match store {
                Store::Vault => {
                    let t = Instant::now();
                    fx.vault.save_rating(&draft.id, r.clone()).unwrap();
                    (t.elapsed().as_secs_f64() * 1000.0, &mut vt)
                }
                Store::Plain => {
                    let t = Instant::now();
                    fx.plain.save_rating(&draft.id, &r);
                    (t.elapsed().as_secs_f64() * 1000.0, &mut pt)
                }
                Store::SqlCipher => (sqlcipher.as_mut().unwrap().save(), &mut st),
                Store::Earlier => (earlier.as_mut().unwrap().save(), &mut et),
                Store::This => (this.as_mut().unwrap().save(), &mut tt),
            };
            if i >= WARM_UP {
                into.push(ms);
            }
        }
    }
    drop(sqlcipher);
    drop(earlier);
    drop(this);
    // The p99 of each half of the rounds, to show how steady the p99 is.
    let halves = |v: &[f64]| {
        (v.len() >= 2).then(|| {
            let (a, b) = v.split_at(v.len() / 2);
            (percentiles(a.to_vec()).1, percentiles(b.to_vec()).1)
        })
    };
    let spread = [
        ("vault", halves(&vt)),
        ("plain", halves(&pt)),
        ("SQLCipher", halves(&st)),
        ("earlier", halves(&et)),
        ("this", halves(&tt)),
    ];
    let (v50, v99) = percentiles(vt);
    let (p50, p99) = percentiles(pt);
    // Save i of every store ran in round i, in the same disk state: the median of the per-round
    // ratios holds when the disk changes state during the run, which moves every store's p50.
    let paired = |a: &[f64], b: &[f64]| {
        let r: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y).collect();
        percentiles(r).0
    };
    let paired_this = (!tt.is_empty()).then(|| paired(&tt, &et));
    let sqlcipher_p = (!st.is_empty()).then(|| percentiles(st));
    if let Some((s50, s99)) = sqlcipher_p {
        println!("SQLCIPHER save_rating durable, alternating with the vault: p50 {s50:.3} ms, p99 {s99:.3} ms ({sample} saves)");
        println!("SQLCIPHER_SAVE_P50_MS={s50:.3} SQLCIPHER_SAVE_P99_MS={s99:.3}");
        println!("FIGURE sqlcipher_save_p50_ms {s50:.3}");
        println!("FIGURE sqlcipher_save_p99_ms {s99:.3}");
    }
    let this_p = (!tt.is_empty()).then(|| percentiles(tt));
    if let Some((t50, t99)) = this_p {
        println!("THIS save_rating durable, this core served in its own process like SQLCipher: p50 {t50:.3} ms, p99 {t99:.3} ms ({sample} saves)");
        println!("THIS_SAVE_P50_MS={t50:.3} THIS_SAVE_P99_MS={t99:.3}");
        println!("FIGURE this_save_p50_ms {t50:.3}");
        println!("FIGURE this_save_p99_ms {t99:.3}");
        if let Some((s50, s99)) = sqlcipher_p {
            // Both in their own process, driven the same way.
            println!(
                "RATIO this (served)/SQLCipher: p50 {:.2}x, p99 {:.2}x (target: at most 1.0x)",
                t50 / s50,
                t99 / s99
            );
        }
    }
    if !et.is_empty() {
        let rev = std::env::var("NTK_EARLIER_REV").unwrap_or_else(|_| "earlier".into());
        let (e50, e99) = percentiles(et);
        println!("EARLIER ({rev}) save_rating durable, alternating with the vault: p50 {e50:.3} ms, p99 {e99:.3} ms ({sample} saves)");
        if let Some((t50, t99)) = this_p {
            println!(
                "RATIO this/earlier (the same serving code on each core, each in its own process): p50 {:.2}x, p99 {:.2}x (target: at most 1.10x)",
                t50 / e50,
                t99 / e99
            );
            if let Some(m) = paired_this {
                println!("PAIRED this/earlier, median of the {sample} per-round ratios: {m:.2}x");
                println!("FIGURE this_earlier_paired {m:.3}");
            }
        }
        println!(
            "RATIO vault in this benchmark/earlier: p50 {:.2}x, p99 {:.2}x",
            v50 / e50,
            v99 / e99
        );
        println!("EARLIER_SAVE_P50_MS={e50:.3} EARLIER_SAVE_P99_MS={e99:.3}");
        println!("FIGURE earlier_save_p50_ms {e50:.3}");
        println!("FIGURE earlier_save_p99_ms {e99:.3}");
        let halves = spread
            .iter()
            .filter_map(|(name, h)| h.map(|(a, b)| format!("{name} {a:.3} / {b:.3}")))
            .collect::<Vec<_>>()
            .join(", ");
        println!(
            "P99 of the first and second half of the rounds ({} saves each), ms: {halves}",
            sample / 2
        );
    }
    println!("VAULT save_rating durable: p50 {v50:.3} ms, p99 {v99:.3} ms ({sample} saves)");
    println!("PLAIN save_rating durable: p50 {p50:.3} ms, p99 {p99:.3} ms ({sample} saves)");
    println!(
        "RATIO vault/plain: p50 {:.2}x, p99 {:.2}x",
        v50 / p50,
        v99 / p99
    );
    println!("VAULT_SAVE_P50_MS={v50:.3} VAULT_SAVE_P99_MS={v99:.3}");
    println!("FIGURE save_p50_ms {v50:.3}");
    println!("FIGURE save_p99_ms {v99:.3}");
    println!("FIGURE plain_save_p50_ms {p50:.3}");
    println!("FIGURE plain_save_p99_ms {p99:.3}");

    // The session as the app meets it: unlock (Argon2id, the quick check, the index build),
    // then list and search, served by the index.
    let unlock_ms = median_ms(5, || {
        black_box(Session::unlock(&fx.path, PASS, env()).unwrap());
    });
    let session = Session::unlock(&fx.path, PASS, env()).unwrap();
    let n = session.households("").unwrap().len();
    let list_ms = median_ms(51, || {
        black_box(session.households("").unwrap());
    });
    let found = session.households("child 4999").unwrap().len();
    let search_ms = median_ms(51, || {
        black_box(session.households("child 4999").unwrap());
    });
    let search_wide_ms = median_ms(51, || {
        black_box(session.households("ng7 3").unwrap());
    });
    drop(session);
    let build_ms = median_ms(11, || {
        black_box(fx.vault.rebuild_index().unwrap());
    });
    let stats = fx.vault.index_stats().unwrap();
    println!(
        "SESSION unlock {unlock_ms:.0} ms; list {n} households {list_ms:.2} ms; search ({found} found) \
         {search_ms:.2} ms, (\"ng7 3\") {search_wide_ms:.2} ms; index build {build_ms:.1} ms, \
         {} bytes for {} households",
        stats.bytes, stats.households
    );
    println!("FIGURE unlock_ms {unlock_ms:.1}");
    println!("FIGURE list_ms {list_ms:.3}");
    println!("FIGURE search_ms {search_ms:.3}");
    println!("FIGURE search_wide_ms {search_wide_ms:.3}");
    println!("FIGURE index_build_ms {build_ms:.2}");
    println!("FIGURE index_bytes {}", stats.bytes);
    println!("FIGURE index_households {}", stats.households);

    let mut g = c.benchmark_group("vault");
    g.sample_size(100);
    let mut i = 0usize;
    g.bench_function("save_rating_durable", |b| {
        b.iter(|| {
            i += 1;
            let mut r = ratings[i % ratings.len()].clone();
            r.evidence = format!("criterion {i}");
            fx.vault.save_rating(&draft.id, r).unwrap();
        })
    });
    g.bench_function("plain_rusqlite_save_rating_durable", |b| {
        b.iter(|| {
            i += 1;
            let mut r = ratings[i % ratings.len()].clone();
            r.evidence = format!("criterion {i}");
            fx.plain.save_rating(&draft.id, &r);
        })
    });
    g.sample_size(20);
    g.bench_function("list_households_indexed", |b| {
        b.iter(|| black_box(fx.vault.list_households().unwrap()))
    });
    g.bench_function("search_households_indexed", |b| {
        b.iter(|| black_box(fx.vault.search_households("ng7 3").unwrap()))
    });
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| black_box(fx.vault.rebuild_index().unwrap()))
    });
    g.finish();
}

criterion_group!(vault, benches);

fn main() {
    // Started by itself as the current core's served save program (see `Served`).
    if std::env::var_os("NTK_BENCH_SERVE").is_some() {
        save_workload::serve(households());
        return;
    }
    vault();
    Criterion::default().configure_from_args().final_summary();
}
