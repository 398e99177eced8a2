//! The lock beside a session file (`NAME.json.lock`): one writer per session. The file holds the
//! owner's pid for people and messages; an flock(2) on it is what decides, so a lock left by a
//! process that died (kill -9, lost SSH connection) is free at once and is taken over.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; released (and its file removed) on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

#[derive(Debug)]
pub enum LockError {
    /// Another live process (or another session handle in this one) holds it.
    Held { pid: Option<u32> },
    /// The lock file cannot be created: the directory is not writable.
    Io(io::Error),
}

impl Lock {
    /// Takes the lock at `path`. On success also returns the pid a previous owner left in the
    /// file without releasing it (a stale lock now taken over).
    pub fn acquire(path: &Path) -> Result<(Lock, Option<u32>), LockError> {
        // Retried because the owner may remove the file between our open and our lock.
        for _ in 0..5 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(LockError::Io)?;
            if !try_lock(&file).map_err(LockError::Io)? {
                return Err(LockError::Held {
                    pid: read_pid(&mut file),
                });
            }
            if !still_at(&file, path) {
                continue;
            }
            let stale = read_pid(&mut file).filter(|&pid| pid != std::process::id());
            write_pid(&mut file).map_err(LockError::Io)?;
            let lock = Lock {
                path: path.to_path_buf(),
                file,
            };
            return Ok((lock, stale));
        }
        Err(LockError::Io(io::Error::other(
            "the lock file keeps being replaced",
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so nobody can lock the old file after we let go of it.
        if still_at(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn write_pid(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "{}", std::process::id())?;
    file.flush()
}

/// An exclusive advisory lock (flock(2) on Unix, LockFileEx on Windows) that the system drops
/// when the holder dies.
fn try_lock(file: &File) -> io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(fs::TryLockError::WouldBlock) => Ok(false),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.lock");
        let (first, stale) = Lock::acquire(&path).unwrap();
        assert_eq!(stale, None);
        match Lock::acquire(&path) {
            Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected held, got {other:?}"),
        }
        drop(first);
        assert!(!path.exists(), "released lock leaves no file");
        assert!(Lock::acquire(&path).is_ok());
    }

    #[test]
    fn a_lock_nobody_holds_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.lock");
        fs::write(&path, "4000000\n").unwrap();
        let (_lock, stale) = Lock::acquire(&path).unwrap();
        assert_eq!(stale, Some(4_000_000));
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
    }
}
