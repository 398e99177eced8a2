//! Opening a session: choosing the file, taking the lock, settling a save a crash interrupted,
//! reading the file (never overwriting one it cannot read), pairing its documents with the
//! opened ones and re-anchoring marks in documents edited since. Also a fresh start beside an
//! unusable file.

use std::fs;
use std::path::{Path, PathBuf};

use super::anchor::{Anchor, reanchor};
use super::file::{self, DocRecord, SessionFile};
use super::find::{self, Choice};
use super::lock::{Lock, LockError};
use super::session::{Access, OpenOutcome, ReadOnlyReason, Session};
use super::{Place, ReviewError, data_dir};
use crate::document::{Corpus, Origin};

impl Session {
    /// Opens the session of `corpus` at `place`. It always opens: when the session cannot be
    /// written, [`Session::access`] says why and every change is refused; nothing already stored
    /// is ever dropped or overwritten by opening.
    pub fn open(corpus: &Corpus, place: &Place, verdicts: &[String]) -> OpenOutcome {
        let opened = records(corpus);
        let hashes: Vec<&str> = opened.iter().map(|d| d.hash.as_str()).collect();
        let key = file::key_of(&hashes);
        let mut notices = Vec::new();
        let dir = match place {
            Place::File(path) => {
                return open_at(path.clone(), None, corpus, opened, verdicts, notices);
            }
            Place::Dir(dir) => dir.clone(),
            Place::DataDir => match data_dir() {
                Some(dir) => dir,
                None => {
                    let session =
                        new_session(PathBuf::from(format!("{key}.json")), opened, verdicts);
                    return OpenOutcome {
                        session: session.read_only(ReadOnlyReason::NoDataDir),
                        notices,
                        reanchored: Vec::new(),
                        orphaned: Vec::new(),
                    };
                }
            },
        };
        let found = find::find(&dir, &opened, &key);
        notices.extend(found.passed_over);
        match found.choice {
            Choice::New(path) | Choice::Resume(path) => {
                open_at(path, None, corpus, opened, verdicts, notices)
            }
            Choice::Unusable(path, problem) => open_at(
                path,
                Some(problem.to_string()),
                corpus,
                opened,
                verdicts,
                notices,
            ),
        }
    }

    /// Continues a session whose file cannot be read in a new file beside it
    /// (`NAME.fresh-N.json`), leaving the unreadable one as it is. Returns the new path, which
    /// the reader should show; with `--session` the user must name it next time.
    pub fn start_fresh(&mut self) -> Result<PathBuf, ReviewError> {
        match &self.access {
            Access::Writable => return Ok(self.path.clone()),
            Access::ReadOnly(ReadOnlyReason::Unusable { .. }) => {}
            Access::ReadOnly(other) => return Err(ReviewError::ReadOnly(other.to_string())),
        }
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "session".to_string());
        let (path, lock) = (1..1000)
            .map(|n| self.path.with_file_name(format!("{stem}.fresh-{n}.json")))
            .filter(|p| !p.exists())
            .find_map(|p| {
                let lock = Lock::acquire(&file::sibling(&p, ".lock")).ok()?;
                Some((p, lock.0))
            })
            .ok_or_else(|| ReviewError::Save {
                path: self.path.display().to_string(),
                reason: "no fresh session file can be created beside it".to_string(),
            })?;
        let old = std::mem::replace(&mut self.path, path.clone());
        self.lock = Some(lock);
        self.access = Access::Writable;
        self.dirty = true;
        if let Err(e) = self.save() {
            self.path = old;
            self.lock = None;
            self.access = Access::ReadOnly(ReadOnlyReason::Unwritable {
                dir: parent(&path).to_path_buf(),
                reason: e.to_string(),
            });
            self.dirty = false;
            return Err(e);
        }
        Ok(path)
    }

    fn read_only(mut self, reason: ReadOnlyReason) -> Session {
        self.access = Access::ReadOnly(reason);
        self.lock = None;
        self.dirty = false;
        self
    }
}

/// The opened documents as the session records them.
fn records(corpus: &Corpus) -> Vec<DocRecord> {
    corpus
        .documents
        .iter()
        .map(|d| DocRecord {
            hash: file::hash_text(&d.text),
            path: match &d.origin {
                // Absolute, so that the same file opened from elsewhere is recognised.
                Origin::File(p) => fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string(),
                other => other.to_string(),
            },
            title: d.title.clone(),
        })
        .collect()
}

fn new_session(path: PathBuf, opened: Vec<DocRecord>, verdicts: &[String]) -> Session {
    let now = file::now();
    Session {
        path,
        open_docs: opened.len(),
        data: SessionFile {
            version: file::VERSION,
            created: now.clone(),
            updated: now,
            documents: opened,
            marks: Vec::new(),
        },
        verdicts: verdicts.to_vec(),
        access: Access::Writable,
        lock: None,
        dirty: false,
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn open_at(
    path: PathBuf,
    known_problem: Option<String>,
    corpus: &Corpus,
    opened: Vec<DocRecord>,
    verdicts: &[String],
    mut notices: Vec<String>,
) -> OpenOutcome {
    let session = new_session(path.clone(), opened.clone(), verdicts);
    let outcome = |session, notices| OpenOutcome {
        session,
        notices,
        reanchored: Vec::new(),
        orphaned: Vec::new(),
    };
    let unusable = |problem: String| ReadOnlyReason::Unusable {
        path: path.clone(),
        problem,
    };
    if let Some(problem) = known_problem {
        return outcome(session.read_only(unusable(problem)), notices);
    }

    let dir = parent(&path).to_path_buf();
    let lock_path = file::sibling(&path, ".lock");
    let locked = fs::create_dir_all(&dir)
        .map_err(LockError::Io)
        .and_then(|()| Lock::acquire(&lock_path));
    let mut access = Access::Writable;
    let mut lock = None;
    match locked {
        Ok((held, stale)) => {
            if let Some(pid) = stale {
                notices.push(format!(
                    "took over the lock left by process {pid}, which no longer holds it"
                ));
            }
            notices.extend(settle_temp(&path));
            lock = Some(held);
        }
        Err(LockError::Held { pid }) => {
            access = Access::ReadOnly(ReadOnlyReason::Locked {
                lock: lock_path,
                pid,
            });
        }
        Err(LockError::Io(e)) => {
            access = Access::ReadOnly(ReadOnlyReason::Unwritable {
                dir,
                reason: e.to_string(),
            });
        }
    }

    // Read only now, under the lock, so the last save of a previous owner is what we get.
    let stored = match file::read(&path) {
        Ok(stored) => stored,
        Err(problem) => return outcome(session.read_only(unusable(problem.to_string())), notices),
    };
    let read_only_file = fs::metadata(&path).is_ok_and(|m| m.permissions().readonly());
    if access == Access::Writable && read_only_file {
        access = Access::ReadOnly(ReadOnlyReason::FileReadOnly(path.clone()));
    }
    let mut session = match access {
        Access::Writable => Session { lock, ..session },
        Access::ReadOnly(reason) => session.read_only(reason),
    };
    let Some(stored) = stored else {
        return outcome(session, notices);
    };
    let resumed = resume(&mut session, stored, corpus, &mut notices);
    OpenOutcome {
        session,
        notices,
        reanchored: resumed.0,
        orphaned: resumed.1,
    }
}

/// A temporary file beside the session means a save was interrupted. A complete one is that
/// last save and replaces the file; a partial one is removed. Nothing is touched when the
/// session file itself cannot be read.
fn settle_temp(path: &Path) -> Option<String> {
    let temp = file::temp_path(path);
    let bytes = fs::read(&temp).ok()?;
    if file::read(path).is_err() {
        return None;
    }
    if file::parse(&bytes).is_ok() && fs::rename(&temp, path).is_ok() {
        return Some(format!(
            "{}: recovered the last save, which was interrupted before it finished",
            path.display()
        ));
    }
    let _ = fs::remove_file(&temp);
    Some(format!(
        "{}: discarded an incomplete save; the session file is intact",
        temp.display()
    ))
}

/// Takes the stored marks into `session`: documents paired and put in the opened order, marks
/// in edited documents re-anchored. Returns the ids re-anchored and the ids orphaned.
fn resume(
    session: &mut Session,
    stored: SessionFile,
    corpus: &Corpus,
    notices: &mut Vec<String>,
) -> (Vec<u64>, Vec<u64>) {
    let opened = session.data.documents.clone();
    let pairing = find::pair(&opened, &stored.documents, true).unwrap_or(find::Pairing {
        stored: vec![None; opened.len()],
        same_text: 0,
    });
    // Stored index → index in the session; documents not opened keep their place after the rest.
    let mut to_new: Vec<Option<usize>> = vec![None; stored.documents.len()];
    let mut edited = vec![false; opened.len()];
    for (i, j) in pairing.stored.iter().enumerate() {
        if let Some(j) = *j {
            if let Some(slot) = to_new.get_mut(j) {
                *slot = Some(i);
            }
            let was = stored.documents.get(j).map(|d| d.hash.as_str());
            if let (Some(was), Some(flag), Some(now)) = (was, edited.get_mut(i), opened.get(i)) {
                *flag = was != now.hash;
            }
        }
    }
    let mut documents = opened.clone();
    for (j, doc) in stored.documents.iter().enumerate() {
        if let Some(slot @ None) = to_new.get_mut(j) {
            *slot = Some(documents.len());
            documents.push(doc.clone());
        }
    }
    let absent = documents.len() - opened.len();
    if absent > 0 {
        notices.push(format!(
            "{absent} document(s) of this review are not open; their marks are kept"
        ));
    }
    for (doc, _) in edited.iter().enumerate().filter(|(_, e)| **e) {
        if let Some(d) = opened.get(doc) {
            notices.push(format!(
                "{} changed since the last review; its marks were looked for by their text",
                d.path
            ));
        }
    }

    let remap = |doc: usize| to_new.get(doc).copied().flatten().unwrap_or(doc);
    let text_of = |doc: usize| corpus.documents.get(doc).map(|d| d.text.as_str());
    let (mut reanchored, mut orphaned) = (Vec::new(), Vec::new());
    let mut newly_orphaned = false;
    let mut marks = stored.marks;
    for mark in &mut marks {
        mark.doc = remap(mark.doc);
        let recheck = edited.get(mark.doc).copied().unwrap_or(false) || mark.orphaned;
        if let (true, Some(text)) = (recheck, text_of(mark.doc)) {
            match reanchor(text, mark.span(), &mark.text) {
                Anchor::Same => {
                    if mark.orphaned {
                        reanchored.push(mark.id);
                    }
                    mark.orphaned = false;
                }
                Anchor::Moved(span) => {
                    (mark.start, mark.end, mark.orphaned) = (span.start, span.end, false);
                    reanchored.push(mark.id);
                }
                Anchor::Lost => {
                    newly_orphaned |= !mark.orphaned;
                    mark.orphaned = true;
                    orphaned.push(mark.id);
                }
            }
        } else if mark.orphaned {
            orphaned.push(mark.id);
        }
        for c in &mut mark.counterparts {
            c.doc = remap(c.doc);
            let recheck = edited.get(c.doc).copied().unwrap_or(false) || c.orphaned;
            if let (true, Some(text)) = (recheck, text_of(c.doc)) {
                match reanchor(text, c.span(), &c.text) {
                    Anchor::Same => c.orphaned = false,
                    Anchor::Moved(span) => {
                        (c.start, c.end, c.orphaned) = (span.start, span.end, false);
                    }
                    Anchor::Lost => c.orphaned = true,
                }
            }
        }
    }

    let changed = documents != stored.documents || !reanchored.is_empty() || newly_orphaned;
    session.data = SessionFile {
        version: file::VERSION,
        created: stored.created,
        updated: stored.updated,
        documents,
        marks,
    };
    // Re-anchored spans and new paths are saved with the next save, if we may write.
    session.dirty = session.is_writable() && changed;
    (reanchored, orphaned)
}
