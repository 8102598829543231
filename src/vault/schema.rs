//! The SQLite schema, its migrations and the pragmas every connection sets. Kept apart so that
//! the list of shipped migrations is easy to see: a shipped migration is never edited, only
//! followed by a new one.
//!
//! Only ids, foreign keys, revisions and the timestamps needed for ordering are stored in clear
//! (ARCHITECTURE.md, "What the vault keeps in clear"); every `body` column is a sealed record
//! (see [`super::crypto`]).

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Version 1 of the schema.
const V1: &str = "
CREATE TABLE header (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body BLOB NOT NULL
) STRICT;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    body BLOB NOT NULL
) STRICT;
CREATE TABLE definitions (
    hash TEXT PRIMARY KEY,
    stored_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
CREATE TABLE households (
    id TEXT PRIMARY KEY,
    updated_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
CREATE INDEX assessments_by_household ON assessments(household_id, created_at);
CREATE TABLE ratings (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    position INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
CREATE INDEX ratings_by_assessment ON ratings(assessment_id, position);
CREATE TABLE quarantine (
    seq INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    quarantined_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
";

/// Version 2: each household, assessment and rating row carries its revision (bound into its
/// sealed record's associated data), and records found not to open are noted in a table, so
/// that they are still listed after a restart.
const V2: &str = "
ALTER TABLE households ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE TABLE quarantine_notes (
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    noted_at INTEGER NOT NULL,
    PRIMARY KEY (table_name, record_id)
) STRICT;
";

/// Version 3: a household's chronology, one sealed record per household.
const V3: &str = "
CREATE TABLE chronology (
    household_id TEXT PRIMARY KEY REFERENCES households(id),
    updated_at INTEGER NOT NULL,
    body BLOB NOT NULL
) STRICT;
";

/// Version 4: less in clear. The times of the last save of each household, assessment, rating
/// and chronology, and the time of each audit entry, were stored beside the sealed record but
/// never read: each sealed record carries its own. They are dropped (the table is rewritten,
/// and `secure_delete` overwrites the freed pages). `assessments.created_at` stays: it orders a
/// household's assessments. ARCHITECTURE.md lists what stays in clear and why.
const V4: &str = "
ALTER TABLE households DROP COLUMN updated_at;
ALTER TABLE assessments DROP COLUMN updated_at;
ALTER TABLE ratings DROP COLUMN updated_at;
ALTER TABLE chronology DROP COLUMN updated_at;
ALTER TABLE audit DROP COLUMN at;
";

const MIGRATIONS: &[M<'static>] = &[M::up(V1), M::up(V2), M::up(V3), M::up(V4)];

/// The schema version this code writes (`PRAGMA user_version` after migrating).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// Pragmas set on every connection: write-ahead log with a full sync at every commit (a
/// committed change survives a power cut), foreign keys, overwrite deleted content, and temporary
/// tables in memory so that nothing is spilled to a temp file.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Room for every statement of the save paths, which are prepared once and reused.
    conn.set_prepared_statement_cache_capacity(64);
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            Some(format!(
                "the database refused write-ahead logging (journal mode {mode})"
            )),
        ));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        migrations().validate().unwrap();
    }

    #[test]
    fn pragmas_take_effect() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("v.db")).unwrap();
        configure(&conn).unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let get = |p: &str| -> i64 {
            conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(get("synchronous"), 2);
        assert_eq!(get("foreign_keys"), 1);
        assert_eq!(get("secure_delete"), 1);
        assert_eq!(get("temp_store"), 2);
        assert_eq!(get("user_version"), SCHEMA_VERSION);
    }
}
