//! `ntk vault ...`, `ntk import`, `ntk export-json`, `ntk demo`: the vault from the command line.
//!
//! Passphrases and recovery keys are read from the terminal without echo, or, when standard
//! input is not a terminal, one per line from standard input, so scripts and tests can drive
//! every command.
//!
//! Test-only, in a build with the `test-hooks` feature (the crate's tests): when the environment
//! variable `NTK_TEST_CHEAP_KDF=1` is set, `ntk vault init` creates the vault with the
//! deliberately weak test key-derivation profile so that tests run fast. No other command reads
//! it, and a release build does not have it.

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use ntk_core::app::Session;
use ntk_core::vault::{self, KdfProfile, Vault, VaultEnv};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use zeroize::Zeroizing;

/// The test-only switch for a cheap key derivation in `ntk vault init` (only in a build with the
/// `test-hooks` feature; a release build has neither the switch nor its name).
#[cfg(feature = "test-hooks")]
const TEST_CHEAP_KDF_ENV: &str = "NTK_TEST_CHEAP_KDF";

/// The cheap test profile when a test asks for it, in a test build only.
fn test_profile() -> Option<KdfProfile> {
    #[cfg(feature = "test-hooks")]
    if std::env::var(TEST_CHEAP_KDF_ENV).as_deref() == Ok("1") {
        eprintln!("warning: {TEST_CHEAP_KDF_ENV}=1: test-only weak key derivation; never use this vault for real data");
        return Some(KdfProfile::TestOnlyCheap);
    }
    None
}

/// The vault to use.
#[derive(Args)]
pub struct VaultArgs {
    /// The vault file (default: the app's data folder).
    #[arg(long)]
    pub vault: Option<PathBuf>,
}

impl VaultArgs {
    fn path(&self) -> PathBuf {
        self.vault.clone().unwrap_or_else(vault::default_path)
    }
}

/// Arguments of `ntk import`.
#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub vault: VaultArgs,
    /// The JSON file to import (the form written by `ntk export-json`).
    pub file: PathBuf,
}

/// Arguments of `ntk vault backup`.
#[derive(Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub vault: VaultArgs,
    /// Where to write the backup.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `ntk vault restore`.
#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub vault: VaultArgs,
    /// The backup file to restore (its passphrase is asked for).
    pub file: PathBuf,
}

/// Arguments of `ntk vault audit`.
#[derive(Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub vault: VaultArgs,
    /// The household whose History to print (its id); without it, the erased households.
    #[arg(long)]
    pub household: Option<String>,
}

/// Vault commands.
#[derive(Subcommand)]
pub enum Command {
    /// Create a new vault and print its recovery key once.
    Init(VaultArgs),
    /// Check that every record opens and the audit trail is unbroken (exit 0 only then).
    Verify(VaultArgs),
    /// Print a household's History: who changed what, when and why (never the content); without
    /// `--household`, the erased households' tombstones.
    Audit(AuditArgs),
    /// Write a backup of the (encrypted) vault to a file.
    Backup(BackupArgs),
    /// Replace the vault with a backup, after checking every record of the backup opens.
    Restore(RestoreArgs),
    /// Change the passphrase (reads the old one, then the new one).
    ChangePassphrase(VaultArgs),
    /// Open the vault with the recovery key and set a new passphrase.
    Recover(VaultArgs),
    /// Issue a new recovery key (reads the passphrase); the old recovery key stops working.
    NewRecoveryKey(VaultArgs),
}

/// Reads secrets from the terminal, or line by line from standard input.
pub struct Secrets {
    terminal: bool,
    lines: std::io::Lines<std::io::StdinLock<'static>>,
}

impl Secrets {
    pub fn new() -> Self {
        let stdin = std::io::stdin();
        Secrets {
            terminal: stdin.is_terminal(),
            lines: stdin.lock().lines(),
        }
    }

    fn read(&mut self, prompt: &str) -> anyhow::Result<Zeroizing<String>> {
        if self.terminal {
            return Ok(Zeroizing::new(
                rpassword::prompt_password(prompt).context("cannot read from the terminal")?,
            ));
        }
        match self.lines.next() {
            Some(line) => Ok(Zeroizing::new(
                line.context("cannot read standard input")?
                    .trim_end_matches('\r')
                    .to_string(),
            )),
            None => bail!(
                "standard input ended before the answer to \"{}\"",
                prompt.trim()
            ),
        }
    }

    /// A line that is not secret (shown as typed on a terminal).
    pub fn line(&mut self, prompt: &str) -> anyhow::Result<String> {
        if self.terminal {
            eprint!("{prompt}");
            std::io::stderr().flush().ok();
        }
        match self.lines.next() {
            Some(line) => Ok(line
                .context("cannot read standard input")?
                .trim_end_matches('\r')
                .to_string()),
            None => bail!(
                "standard input ended before the answer to \"{}\"",
                prompt.trim()
            ),
        }
    }

    /// A new passphrase; asked twice on a terminal.
    fn new_passphrase(&mut self, prompt: &str) -> anyhow::Result<Zeroizing<String>> {
        let p = self.read(prompt)?;
        if self.terminal {
            let again = self.read("Type it again: ")?;
            if *again != *p {
                bail!("the two passphrases differ; nothing was changed");
            }
        }
        Ok(p)
    }
}

/// Open a session on the vault named by `args`, asking for its passphrase.
pub fn unlock(args: &VaultArgs, secrets: &mut Secrets) -> anyhow::Result<Session> {
    let path = args.path();
    if !vault::exists(&path) {
        bail!(vault::VaultError::NoVault {
            path: path.display().to_string()
        });
    }
    let p = secrets.read("Passphrase: ")?;
    Ok(Session::unlock(&path, &p, VaultEnv::system())?)
}

/// Run a `ntk vault` command.
pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    let mut secrets = Secrets::new();
    match c {
        Command::Init(a) => {
            let path = a.path();
            if vault::exists(&path) {
                bail!(vault::VaultError::AlreadyExists {
                    path: path.display().to_string()
                });
            }
            let p = secrets.new_passphrase("New passphrase: ")?;
            let profile = test_profile().unwrap_or(KdfProfile::Standard);
            let (_s, rk) = Session::create(&path, &p, profile, VaultEnv::system())?;
            println!("Created the vault at {}.", path.display());
            println!();
            println!("Recovery key (shown once; write it down and keep it somewhere safe):");
            println!();
            println!("    {rk}");
            println!();
            println!("It opens the vault if the passphrase is forgotten: `ntk vault recover`.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify(a) => {
            let v = unlock(&a, &mut secrets)?;
            let r = v.verify()?;
            if r.is_ok() {
                println!(
                    "ok: {} records open and the audit trail of {} entries is unbroken",
                    r.records_checked, r.audit_entries
                );
                Ok(ExitCode::SUCCESS)
            } else {
                println!("{} problem(s) found:", r.problems.len());
                for p in &r.problems {
                    println!("  {p}");
                }
                println!(
                    "Restore from a backup with `ntk vault restore FILE`; nothing was deleted."
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Audit(a) => {
            let v = unlock(&a.vault, &mut secrets)?;
            let Some(household) = a.household else {
                let erased = v.erasures()?;
                if erased.is_empty() {
                    println!("No household has been erased.");
                }
                for e in erased {
                    let t = &e.tombstone;
                    let note = t
                        .note
                        .as_ref()
                        .map(|n| format!(" (note: {n})"))
                        .unwrap_or_default();
                    println!(
                        "{}  {}  {}: {}{note}; {} toolkits, {} ratings",
                        t.erased_on,
                        t.id,
                        ntk_core::words::HISTORY_ERASE_HOUSEHOLD,
                        e.reason_text,
                        t.assessments,
                        t.ratings
                    );
                }
                return Ok(ExitCode::SUCCESS);
            };
            let history = v.household_history(&ntk_core::assessment::Id(household))?;
            if history.lines.is_empty() {
                println!("{}", history.empty_text);
            }
            for l in history.lines {
                println!("{}", l.text);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(b) => {
            let v = unlock(&b.vault, &mut secrets)?;
            v.backup_to(&b.out)?;
            println!("Backup written to {}.", b.out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore(r) => {
            let p = secrets.read("Passphrase of the backup: ")?;
            let target = r.vault.path();
            let kept = Vault::restore(&r.file, &target, &p, VaultEnv::system())?;
            println!("Restored {} to {}.", r.file.display(), target.display());
            if let Some(k) = kept {
                println!("The vault it replaced is kept at {}.", k.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::ChangePassphrase(a) => {
            let path = a.path();
            if !vault::exists(&path) {
                bail!(vault::VaultError::NoVault {
                    path: path.display().to_string()
                });
            }
            let old = secrets.read("Current passphrase: ")?;
            let mut s = Session::unlock(&path, &old, VaultEnv::system())?;
            let new = secrets.new_passphrase("New passphrase: ")?;
            let issued = s.change_passphrase(&old, &new, &mut rekey_progress)?;
            println!("Passphrase changed; every record is now sealed under a new key.");
            if let Some(key) = issued {
                println!("This vault needed a new recovery key; the old one no longer works.");
                print_recovery_key(&key);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Recover(a) => {
            let path = a.path();
            let key = secrets.read("Recovery key: ")?;
            let new = secrets.new_passphrase("New passphrase: ")?;
            Session::recover(&path, &key, &new, VaultEnv::system())?;
            println!("The vault is open again with the new passphrase.");
            Ok(ExitCode::SUCCESS)
        }
        Command::NewRecoveryKey(a) => {
            let path = a.path();
            let p = secrets.read("Passphrase: ")?;
            let mut s = Session::unlock(&path, &p, VaultEnv::system())?;
            let key = s.new_recovery_key(&p, &mut rekey_progress)?;
            println!("A new recovery key is issued; the old one no longer works.");
            print_recovery_key(&key);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Progress of a key rotation, on standard error (standard output keeps only the results).
fn rekey_progress(p: vault::RekeyProgress) {
    if p.total > 0 && p.done == p.total {
        eprintln!("Re-sealed {} records.", p.total);
    }
}

/// Print a recovery key with the instruction to write it down.
fn print_recovery_key(key: &vault::RecoveryKey) {
    println!("Write this recovery key down and keep it somewhere safe; it is shown only once:");
    println!();
    println!("    {key}");
    println!();
}

/// `ntk import FILE.json`.
pub fn import(a: ImportArgs) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read(&a.file).with_context(|| format!("cannot read {}", a.file.display()))?;
    let json: serde_json::Value = serde_json::from_slice(&text)
        .with_context(|| format!("{} is not JSON", a.file.display()))?;
    let mut secrets = Secrets::new();
    let mut v = unlock(&a.vault, &mut secrets)?;
    let r = v.import_json(&json)?;
    println!(
        "Imported: {} definition(s) added; households {} added, {} updated, {} unchanged; assessments {} added, {} updated, {} unchanged.",
        r.definitions_added,
        r.households_added,
        r.households_updated,
        r.households_unchanged,
        r.assessments_added,
        r.assessments_updated,
        r.assessments_unchanged
    );
    Ok(ExitCode::SUCCESS)
}

/// `ntk export-json`.
pub fn export_json(a: VaultArgs) -> anyhow::Result<ExitCode> {
    let mut secrets = Secrets::new();
    let v = unlock(&a, &mut secrets)?;
    let doc = v.export_json()?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &doc).context("cannot write to standard output")?;
    writeln!(out).context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `ntk demo`: the same core call as the app's demo start.
pub fn demo(a: VaultArgs) -> anyhow::Result<ExitCode> {
    let mut secrets = Secrets::new();
    let mut s = unlock(&a, &mut secrets)?;
    let id = s.load_demo()?;
    println!(
        "Added the fictional household \"{}\" with a completed assessment and a review.",
        s.household(&id)?.name
    );
    Ok(ExitCode::SUCCESS)
}
