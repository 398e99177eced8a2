//! Files open in the reader, watched on disk. Each file's directory is watched rather than the
//! file: editors that save by writing a new file and renaming it over the old one replace the
//! file itself, which a watch on the old file would lose. A burst of events (a save is often
//! several) becomes one report of the documents touched, once the burst has been quiet a moment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::document::{Corpus, DocId, Origin};

/// A burst is over after this long without events…
const QUIET: Duration = Duration::from_millis(150);
/// …or after this long in all, for a file written to without a pause.
const LONGEST: Duration = Duration::from_secs(1);

/// The watch; dropping it stops the watching thread.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// Each file document's path as its directory's events name it (the directory made absolute),
/// and, for a symbolic link, the file it points to as that file's directory names it.
fn targets(corpus: &Corpus) -> Vec<(PathBuf, DocId)> {
    let mut out = Vec::new();
    for d in &corpus.documents {
        let Origin::File(p) = &d.origin else { continue };
        let Some(name) = p.file_name() else { continue };
        let dir = match p.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let Ok(dir) = std::fs::canonicalize(dir) else {
            continue;
        };
        let path = dir.join(name);
        if let Ok(real) = std::fs::canonicalize(&path)
            && real != path
        {
            out.push((real, d.id));
        }
        out.push((path, d.id));
    }
    out
}

/// Watch the documents of `corpus` that are files (`None` when none is). `report` receives the
/// documents touched by each burst of changes and returns false once nobody listens.
pub fn start(
    corpus: &Corpus,
    report: impl FnMut(Vec<DocId>) -> bool + Send + 'static,
) -> Result<Option<Watch>, String> {
    let targets = targets(corpus);
    if targets.is_empty() {
        return Ok(None);
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    let dirs: BTreeSet<&Path> = targets.iter().filter_map(|(p, _)| p.parent()).collect();
    for dir in dirs {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::thread::Builder::new()
        .name("parallax-watch".to_string())
        .spawn(move || debounce(&rx, &targets, report))
        .map_err(|e| e.to_string())?;
    Ok(Some(Watch { _watcher: watcher }))
}

/// The documents an event touches. Reads (ours included, when reloading) are not changes.
fn touched(event: notify::Result<Event>, targets: &[(PathBuf, DocId)]) -> Vec<DocId> {
    let Ok(event) = event else {
        return Vec::new();
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    targets
        .iter()
        .filter(|(path, _)| event.paths.iter().any(|p| p == path))
        .map(|&(_, doc)| doc)
        .collect()
}

fn debounce(
    rx: &Receiver<notify::Result<Event>>,
    targets: &[(PathBuf, DocId)],
    mut report: impl FnMut(Vec<DocId>) -> bool,
) {
    while let Ok(event) = rx.recv() {
        let mut docs: BTreeSet<DocId> = touched(event, targets).into_iter().collect();
        if docs.is_empty() {
            continue;
        }
        let start = Instant::now();
        while start.elapsed() < LONGEST {
            match rx.recv_timeout(QUIET) {
                Ok(event) => docs.extend(touched(event, targets)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if !report(docs.into_iter().collect()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LoadOptions, Source};

    #[test]
    fn a_save_by_rename_and_a_removal_are_reported_once_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("story.txt");
        std::fs::write(&file, "First text.").unwrap();
        let corpus = Corpus::load(&[Source::Path(file.clone())], &LoadOptions::default()).unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = start(&corpus, move |docs| tx.send(docs).is_ok())
            .unwrap()
            .unwrap();
        let wait = || rx.recv_timeout(Duration::from_secs(10)).unwrap();

        // Another file in the directory is no news; an editor's save by rename is.
        std::fs::write(dir.path().join("other.txt"), "x").unwrap();
        let temp = dir.path().join(".story.txt.swp");
        std::fs::write(&temp, "Second text.").unwrap();
        std::fs::rename(&temp, &file).unwrap();
        assert_eq!(wait(), vec![DocId(0)]);

        std::fs::remove_file(&file).unwrap();
        assert_eq!(wait(), vec![DocId(0)]);
        assert!(rx.recv_timeout(Duration::from_millis(400)).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_reports_changes_to_the_file_it_points_to() {
        let (here, there) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let real = there.path().join("real.txt");
        std::fs::write(&real, "First text.").unwrap();
        let link = here.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let corpus = Corpus::load(&[Source::Path(link)], &LoadOptions::default()).unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = start(&corpus, move |docs| tx.send(docs).is_ok())
            .unwrap()
            .unwrap();
        std::fs::write(&real, "Second text.").unwrap();
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            vec![DocId(0)]
        );
    }

    #[test]
    fn nothing_is_watched_without_files() {
        let mut corpus = Corpus::default();
        corpus.push(crate::document::load::from_bytes(Origin::Stdin, b"Text.", None).unwrap());
        assert!(start(&corpus, |_| true).unwrap().is_none());
    }
}
