//! Exports: the PDF summary sheet that travels with a referral ([`pdf`]) and the careful way of
//! putting it on disk ([`write_atomic`]).
//!
//! The sheet is the only plaintext the app ever writes, and only to a place the user chose. A
//! half-written sheet is worse than none (a reader cannot tell it is incomplete), so files are
//! written to a temporary name in the same folder, flushed to the disk and renamed over the
//! target in one step.

mod chronology;
mod decision;
mod first_page;
mod layout;
pub mod pdf;
mod review_sheet;
mod shaping;

pub use chronology::ChronologyPrint;
pub use pdf::{draw_sheet, summary_sheet, summary_sheet_with_chronology, DrawnSheet, SheetInput};

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a summary sheet could not be made or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A bundled font could not be read (the program files are damaged).
    #[error("the bundled font {name} could not be read; reinstall the app")]
    Font {
        /// The font's file name.
        name: &'static str,
    },
    /// The PDF could not be serialised.
    #[error("the summary sheet could not be assembled ({reason}); please report this")]
    Pdf {
        /// What went wrong.
        reason: String,
    },
    /// The path names no file.
    #[error("{path} does not name a file; choose a file name such as summary.pdf")]
    NoFileName {
        /// The path given.
        path: PathBuf,
    },
    /// The folder to write into does not exist.
    #[error("the folder {folder} does not exist; choose an existing folder or create it first")]
    FolderMissing {
        /// The folder.
        folder: PathBuf,
    },
    /// The folder cannot be written to (read-only, not a folder, no permission, disk full).
    #[error("cannot write into the folder {folder}: {source}; choose a folder you can write to")]
    FolderNotWritable {
        /// The folder.
        folder: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing or renaming the file failed; nothing was left behind.
    #[error(
        "could not write {path}: {source}; nothing was saved, try again or choose another place"
    )]
    Write {
        /// The target file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Write `bytes` to `path` atomically: a temporary file in the same folder is written, flushed
/// to disk, renamed over `path`, and the folder itself is flushed so the rename survives a power
/// cut. On any failure the temporary file is removed and `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let name = path.file_name().ok_or_else(|| ExportError::NoFileName {
        path: path.to_path_buf(),
    })?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(ExportError::FolderNotWritable {
                folder,
                source: std::io::Error::other("it is a file, not a folder"),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ExportError::FolderMissing { folder })
        }
        Err(source) => return Err(ExportError::FolderNotWritable { folder, source }),
    }

    let tmp = folder.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The sheet holds personal data: readable by its owner only.
        options.mode(0o600);
    }
    let mut file = options
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|source| ExportError::FolderNotWritable {
            folder: folder.clone(),
            source,
        })?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(source) = written {
        // Best effort: the temporary file must not outlive a failed export.
        let _ = fs::remove_file(&tmp);
        return Err(ExportError::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    // Flush the folder entry so the rename itself is durable.
    File::open(&folder)
        .and_then(|d| d.sync_all())
        .map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_as_target_fails_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("x"), b"x").unwrap();
        let err = write_atomic(&sub, b"data").unwrap_err();
        assert!(matches!(err, ExportError::Write { .. }), "{err}");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn no_file_name_is_refused() {
        let err = write_atomic(Path::new("/"), b"x").unwrap_err();
        assert!(matches!(err, ExportError::NoFileName { .. }));
    }
}
