//! A document changed on disk while its session is open: its record takes the new text's hash
//! and its marks (and the counterparts kept in other marks) are looked for again by their text,
//! as when a session is reopened on an edited document.

use super::anchor::{Anchor, reanchor};
use super::file;
use super::session::Session;
use crate::document::{DocId, Document};

/// What re-anchoring a reloaded document did to its marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Marks found again at another place (or found again after being orphaned).
    pub moved: usize,
    /// Marks whose text is no longer in the document (kept, listed as orphaned).
    pub orphaned: usize,
}

impl Session {
    /// Takes the new text of an opened document: marks on it are re-anchored and the change is
    /// pending for the next [`Session::save`] (a read-only session changes only in memory).
    pub fn document_changed(&mut self, doc: DocId, document: &Document) -> Reanchored {
        let index = doc.index();
        let mut outcome = Reanchored::default();
        if index >= self.open_docs {
            return outcome;
        }
        let hash = file::hash_text(&document.text);
        let mut changed = false;
        if let Some(record) = self.data.documents.get_mut(index) {
            changed |= record.hash != hash || record.title != document.title;
            record.hash = hash;
            record.title = document.title.clone();
        }
        let text = document.text.as_str();
        for mark in &mut self.data.marks {
            if mark.doc == index {
                match reanchor(text, mark.span(), &mark.text) {
                    Anchor::Same => {
                        outcome.moved += usize::from(mark.orphaned);
                        changed |= mark.orphaned;
                        mark.orphaned = false;
                    }
                    Anchor::Moved(span) => {
                        (mark.start, mark.end, mark.orphaned) = (span.start, span.end, false);
                        outcome.moved += 1;
                        changed = true;
                    }
                    Anchor::Lost => {
                        outcome.orphaned += 1;
                        changed |= !mark.orphaned;
                        mark.orphaned = true;
                    }
                }
            }
            for c in mark.counterparts.iter_mut().filter(|c| c.doc == index) {
                let was = (c.start, c.end, c.orphaned);
                match reanchor(text, c.span(), &c.text) {
                    Anchor::Same => c.orphaned = false,
                    Anchor::Moved(span) => {
                        (c.start, c.end, c.orphaned) = (span.start, span.end, false)
                    }
                    Anchor::Lost => c.orphaned = true,
                }
                changed |= was != (c.start, c.end, c.orphaned);
            }
        }
        self.dirty |= changed && self.is_writable();
        outcome
    }
}
