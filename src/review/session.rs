//! The open session: its marks, who may write it ([`Access`]), and the changes a reviewer makes
//! — verdicts, notes, removals — each refused with the reason when the session is read-only,
//! and saved atomically by [`Session::save`]. Opening lives in `open.rs`.

use std::fmt;
use std::path::{Path, PathBuf};

use super::export::{self, ExportFormat, Summary};
use super::file::{self, DocRecord, Mark, SessionFile};
use super::lock::Lock;
use super::{Item, ItemKind, ReviewError};
use crate::document::{DocId, Span};

/// A review session over a set of documents.
#[derive(Debug)]
pub struct Session {
    pub(super) path: PathBuf,
    pub(super) data: SessionFile,
    /// The opened documents are `data.documents[..open_docs]`, in `DocId` order; any after them
    /// are documents of the session that were not opened this time.
    pub(super) open_docs: usize,
    pub(super) verdicts: Vec<String>,
    pub(super) access: Access,
    /// Held while the session is writable; released on drop.
    pub(super) lock: Option<Lock>,
    pub(super) dirty: bool,
}

/// Whether changes can be made and saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Writable,
    ReadOnly(ReadOnlyReason),
}

/// Why a session is read-only. Its `Display` is the one line to show the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another process (or another handle in this one) has the session open.
    Locked { lock: PathBuf, pid: Option<u32> },
    /// The session file is corrupt, truncated, newer or unreadable; it is kept untouched.
    /// [`Session::start_fresh`] can continue in a new file beside it.
    Unusable { path: PathBuf, problem: String },
    /// The session file's permissions forbid writing.
    FileReadOnly(PathBuf),
    /// The session's directory cannot be written (or created).
    Unwritable { dir: PathBuf, reason: String },
    /// The platform has no data directory (no home); `--session FILE` can name one.
    NoDataDir,
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::Locked { lock, pid } => {
                let owner = pid.map_or("another parallax".to_string(), |p| {
                    format!("another parallax (pid {p})")
                });
                write!(
                    f,
                    "{owner} has this review open (lock {}); read-only here",
                    lock.display()
                )
            }
            ReadOnlyReason::Unusable { path, problem } => write!(
                f,
                "{} {problem}; it is kept as it is and the review is read-only",
                path.display()
            ),
            ReadOnlyReason::FileReadOnly(path) => {
                write!(
                    f,
                    "{} is read-only; review changes cannot be saved",
                    path.display()
                )
            }
            ReadOnlyReason::Unwritable { dir, reason } => write!(
                f,
                "cannot write in {} ({reason}); review changes cannot be saved",
                dir.display()
            ),
            ReadOnlyReason::NoDataDir => f.write_str(
                "no data directory to keep the review in (no home directory); use --session FILE",
            ),
        }
    }
}

/// What [`Session::open`] found, for the reader to show.
#[derive(Debug)]
pub struct OpenOutcome {
    pub session: Session,
    /// One line each: stale lock taken over, interrupted save recovered, unreadable files left
    /// alone, documents edited since the last time.
    pub notices: Vec<String>,
    /// Marks whose span changed because their document was edited.
    pub reanchored: Vec<u64>,
    /// Marks whose text is no longer in their document (kept, flagged `orphaned`).
    pub orphaned: Vec<u64>,
}

/// Reviewed items out of the items the reader knows of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub reviewed: usize,
    pub total: usize,
    pub orphaned: usize,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} reviewed", self.reviewed, self.total)?;
        if self.orphaned > 0 {
            write!(f, ", {} orphaned", self.orphaned)?;
        }
        Ok(())
    }
}

impl Session {
    /// The session file (or, read-only because unusable, the file left untouched).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn is_writable(&self) -> bool {
        self.access == Access::Writable
    }

    /// Changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The configured verdicts, in the order to offer them.
    pub fn verdicts(&self) -> &[String] {
        &self.verdicts
    }

    /// The session's documents: the opened ones first, in `DocId` order.
    pub fn documents(&self) -> &[DocRecord] {
        &self.data.documents
    }

    /// Every mark, orphaned ones and those on documents not opened included.
    pub fn marks(&self) -> &[Mark] {
        &self.data.marks
    }

    /// The mark on exactly this item, if any.
    pub fn mark(&self, kind: ItemKind, doc: DocId, span: Span) -> Option<&Mark> {
        self.position(kind, doc, span)
            .and_then(|i| self.data.marks.get(i))
    }

    /// Marks (not orphaned) overlapping `span` in `doc`: what a gutter line shows.
    pub fn marks_in(&self, doc: DocId, span: Span) -> impl Iterator<Item = &Mark> {
        self.data.marks.iter().filter(move |m| {
            !m.orphaned
                && m.doc == doc.index()
                && (m.start < span.end && span.start < m.end || m.span() == span)
        })
    }

    /// Reviewed (given a verdict, not orphaned) items on the opened documents, out of `total`.
    pub fn progress(&self, total: usize) -> Progress {
        let open = |m: &&Mark| m.doc < self.open_docs;
        Progress {
            reviewed: self
                .data
                .marks
                .iter()
                .filter(open)
                .filter(|m| m.verdict.is_some() && !m.orphaned)
                .count(),
            total,
            orphaned: self.data.marks.iter().filter(|m| m.orphaned).count(),
        }
    }

    /// Counts per verdict, notes and orphans over every mark, as the export shows them.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.data.marks, &self.verdicts)
    }

    /// Writes the export of this session as it is now (saved or not).
    pub fn export(
        &self,
        format: ExportFormat,
        out: &mut dyn std::io::Write,
    ) -> Result<(), ReviewError> {
        export::write(&self.data, Some(&self.path), &self.verdicts, format, out)
    }

    /// Gives `item` the verdict `verdict` (one of [`Session::verdicts`]).
    pub fn set_verdict(&mut self, item: &Item, verdict: &str) -> Result<(), ReviewError> {
        if !self.verdicts.iter().any(|v| v == verdict) {
            return Err(ReviewError::UnknownVerdict {
                verdict: verdict.to_string(),
                known: self.verdicts.join(", "),
            });
        }
        self.update(item, |m| m.verdict = Some(verdict.to_string()))
    }

    pub fn clear_verdict(&mut self, item: &Item) -> Result<(), ReviewError> {
        self.update(item, |m| m.verdict = None)
    }

    /// Sets the note on `item`; a blank note clears it. A mark with neither verdict nor note is
    /// removed.
    pub fn set_note(&mut self, item: &Item, note: &str) -> Result<(), ReviewError> {
        let note = if note.trim().is_empty() { "" } else { note };
        self.update(item, |m| m.note = note.to_string())
    }

    /// Removes the mark with this id (e.g. an orphan the reviewer has dealt with).
    pub fn remove_mark(&mut self, id: u64) -> Result<bool, ReviewError> {
        self.check_writable()?;
        let before = self.data.marks.len();
        self.data.marks.retain(|m| m.id != id);
        let removed = self.data.marks.len() != before;
        self.dirty |= removed;
        Ok(removed)
    }

    /// Writes the session if it changed: temporary file, fsync, rename, fsync of the directory.
    /// Returns whether it wrote. On error the changes stay pending and the next call retries.
    pub fn save(&mut self) -> Result<bool, ReviewError> {
        if !self.dirty {
            return Ok(false);
        }
        self.check_writable()?;
        let previous = std::mem::replace(&mut self.data.updated, file::now());
        let written = file::to_bytes(&self.data).and_then(|b| file::write_atomic(&self.path, &b));
        if let Err(e) = written {
            self.data.updated = previous;
            return Err(ReviewError::Save {
                path: self.path.display().to_string(),
                reason: e.to_string(),
            });
        }
        self.dirty = false;
        Ok(true)
    }

    fn check_writable(&self) -> Result<(), ReviewError> {
        match &self.access {
            Access::Writable => Ok(()),
            Access::ReadOnly(reason) => Err(ReviewError::ReadOnly(reason.to_string())),
        }
    }

    fn position(&self, kind: ItemKind, doc: DocId, span: Span) -> Option<usize> {
        self.data
            .marks
            .iter()
            .position(|m| m.kind == kind && m.doc == doc.index() && m.span() == span && !m.orphaned)
    }

    /// Applies `change` to the item's mark (created if needed, with the item's texts) and drops
    /// the mark if it is left with neither verdict nor note.
    fn update(&mut self, item: &Item, change: impl FnOnce(&mut Mark)) -> Result<(), ReviewError> {
        self.check_writable()?;
        for doc in std::iter::once(item.doc).chain(item.counterparts.iter().map(|c| c.0)) {
            if doc.index() >= self.open_docs {
                return Err(ReviewError::NoDocument(doc.0));
            }
        }
        let now = file::now();
        let existing = self.position(item.kind, item.doc, item.span);
        let index = existing.unwrap_or_else(|| {
            let id = self.data.marks.iter().map(|m| m.id).max().unwrap_or(0) + 1;
            self.data.marks.push(Mark {
                id,
                kind: item.kind,
                doc: item.doc.index(),
                start: item.span.start,
                end: item.span.end,
                text: item.text.clone(),
                counterparts: Vec::new(),
                verdict: None,
                note: String::new(),
                orphaned: false,
                created: now.clone(),
                updated: now.clone(),
            });
            self.data.marks.len() - 1
        });
        let Some(mark) = self.data.marks.get_mut(index) else {
            return Ok(());
        };
        let before = mark.clone();
        change(mark);
        // The reader may know more counterparts now than when the mark was made.
        if !item.counterparts.is_empty() {
            mark.counterparts = item
                .counterparts
                .iter()
                .map(|(doc, span, text)| file::Counterpart {
                    doc: doc.index(),
                    start: span.start,
                    end: span.end,
                    text: text.clone(),
                    orphaned: false,
                })
                .collect();
        }
        let empty = mark.verdict.is_none() && mark.note.is_empty();
        let changed = existing.is_none() || *mark != before;
        if empty {
            self.data.marks.remove(index);
            self.dirty |= existing.is_some();
        } else if changed {
            mark.updated = now;
            self.dirty = true;
        }
        Ok(())
    }
}
