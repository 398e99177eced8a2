//! A file open in the reader changed on disk. The worker reads the changed documents again and
//! segments them into a new corpus; the reader then keeps each cursor on its sentence (found by
//! its text, as review marks are), re-anchors the review's marks and says so, and the analysis
//! of the new corpus runs on the worker. A file that vanished, or cannot be read any more,
//! keeps its last text, with a warning.

use std::sync::Arc;

use super::app::{App, Mode, Overlay, Pane};
use super::model::ReaderModel;
use crate::document::{Corpus, DocId, Document, LoadOptions, Origin, Source, load};
use crate::review::{Anchor, Reanchored, reanchor};

/// What reading a document again found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// The same text (a save without changes, a touch).
    Same,
    /// It cannot be read any more: the reason, naming the file.
    Failed(String),
}

/// A corpus with some documents read again.
#[derive(Debug)]
pub struct Reloaded {
    /// The new corpus (the same one when nothing changed).
    pub corpus: Arc<Corpus>,
    pub outcomes: Vec<(DocId, Outcome)>,
}

impl Reloaded {
    pub fn changed(&self) -> bool {
        self.outcomes.iter().any(|(_, o)| *o == Outcome::Changed)
    }

    /// Reading again broke down (a panic in segmenting): every document keeps its text.
    pub fn failed(corpus: &Arc<Corpus>, docs: &[DocId], reason: &str) -> Reloaded {
        let outcomes = docs
            .iter()
            .filter_map(|&d| corpus.get(d))
            .map(|d| {
                let why = format!("{}: could not be read again ({reason})", d.origin);
                (d.id, Outcome::Failed(why))
            })
            .collect();
        Reloaded {
            corpus: Arc::clone(corpus),
            outcomes,
        }
    }
}

/// Read `docs` of `corpus` again from their files (on the worker: this reads and segments).
pub fn read_again(corpus: &Arc<Corpus>, docs: &[DocId], options: &LoadOptions) -> Reloaded {
    let mut next: Option<Corpus> = None;
    let mut outcomes = Vec::new();
    for &id in docs {
        let Some(d) = corpus.get(id) else { continue };
        let Origin::File(path) = &d.origin else {
            continue;
        };
        let outcome = match load::load(&Source::Path(path.clone()), options) {
            Ok(loaded) if loaded.text == d.text => Outcome::Same,
            Ok(loaded) => {
                next.get_or_insert_with(|| Corpus::clone(corpus))
                    .replace(id, loaded);
                Outcome::Changed
            }
            Err(e) => Outcome::Failed(e.to_string()),
        };
        outcomes.push((id, outcome));
    }
    Reloaded {
        corpus: next.map_or_else(|| Arc::clone(corpus), Arc::new),
        outcomes,
    }
}

/// The sentence of `new` that is the cursor sentence of `old`: found by its text (as a review
/// mark is: exactly, else with spacing and quotes folded); else the nearest earlier sentence
/// found word for word, and as many sentences on; else the same number. The flag says whether
/// the sentence itself was found. This runs on the reader's thread, so only the cursor sentence
/// gets the folded search (which copies the whole text); the earlier ones are plain searches.
pub fn same_sentence(old: &Document, cursor: u32, new: &Document) -> (u32, bool) {
    let last = new.sentences.len().saturating_sub(1) as u32;
    let index_at = |start: u32| new.sentences.partition_point(|x| x.span.end <= start) as u32;
    let Some(s) = old.sentences.get(cursor as usize) else {
        return (cursor.min(last), false);
    };
    match reanchor(&new.text, s.span, old.slice(s.span)) {
        Anchor::Same => return (index_at(s.span.start).min(last), true),
        Anchor::Moved(span) => return (index_at(span.start).min(last), true),
        Anchor::Lost => {}
    }
    // Bounded: an edit that loses this many sentences in a row leaves the cursor where it was.
    for back in 1..=cursor.min(50) {
        let Some(s) = old.sentences.get((cursor - back) as usize) else {
            continue;
        };
        let text = old.slice(s.span);
        let old_start = s.span.start as usize;
        let found = new
            .text
            .match_indices(text)
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(old_start));
        if let (false, Some(at)) = (text.is_empty(), found) {
            return ((index_at(at as u32) + back).min(last), false);
        }
    }
    (cursor.min(last), false)
}

/// The file name of a document, as the pane header shows it.
fn name(d: &Document) -> String {
    let origin = d.origin.to_string();
    origin.rsplit('/').next().unwrap_or(&origin).to_string()
}

impl App {
    /// Take documents read again from disk: new text and panes for the changed ones, cursors on
    /// their sentences, review marks re-anchored and saved, warnings for files gone.
    pub fn reloaded(&mut self, r: Reloaded) {
        let old = Arc::clone(&self.model.corpus);
        let mut said: Vec<String> = Vec::new();
        let mut changed = Vec::new();
        for (doc, outcome) in &r.outcomes {
            let Some(pane) = self.panes.get_mut(*doc) else {
                continue;
            };
            let file = old.get(*doc).map(name).unwrap_or_default();
            match outcome {
                Outcome::Changed => changed.push(*doc),
                Outcome::Same if pane.stale.take().is_some() => {
                    said.push(format!("{file} is back on disk, unchanged"))
                }
                Outcome::Same => {}
                Outcome::Failed(reason) => {
                    said.push(format!("{reason} — showing its last text"));
                    pane.stale = Some(reason.clone());
                }
            }
        }
        if !changed.is_empty() {
            said.insert(0, self.take_changed(&old, r.corpus, &changed));
        }
        if !said.is_empty() {
            self.say(said.join(" · "));
        }
    }

    /// Install a corpus in which `changed` documents have new text; returns what to say.
    fn take_changed(&mut self, old: &Corpus, corpus: Arc<Corpus>, changed: &[DocId]) -> String {
        // Each cursor's line on screen, to keep it there: the text around it may have moved.
        let geo = self.geometry();
        let page = usize::from(geo.body_height.max(1));
        let above: Vec<(DocId, usize)> = changed
            .iter()
            .map(|&d| {
                let line = self
                    .sentence_pos(d, self.cursor(d), &geo)
                    .and_then(|pos| self.measure(d, &geo).distance(self.top(d), pos, page))
                    .filter(|&line| line < page)
                    .unwrap_or(page / 3);
                (d, line)
            })
            .collect();
        let mut lost = Vec::new();
        for &d in changed {
            let (Some(before), Some(after)) = (old.get(d), corpus.get(d)) else {
                continue;
            };
            let (cursor, found) = same_sentence(before, self.cursor(d), after);
            if !found && !before.sentences.is_empty() {
                lost.push(name(after));
            }
            if let Some(pane) = self.panes.get_mut(d) {
                *pane = Pane {
                    cursor,
                    ..Pane::new(after)
                };
            }
        }
        // Everything keyed by text positions or by the old analysis goes.
        self.caches.clear_text();
        self.search = None;
        self.item = None;
        self.aligned.folded.clear();
        if matches!(
            self.mode,
            Mode::Verdict | Mode::Overlay(Overlay::Drift { .. } | Overlay::Evidence { .. })
        ) {
            self.mode = Mode::Normal;
        }
        let mut marks = Reanchored::default();
        let mut saved = None;
        if let Some(session) = self.review.session.as_mut() {
            for &d in changed {
                if let Some(doc) = corpus.get(d) {
                    let r = session.document_changed(d, doc);
                    marks.moved += r.moved;
                    marks.orphaned += r.orphaned;
                }
            }
            saved = Some(session.save());
        }
        self.install(ReaderModel::unanalysed(Arc::clone(&corpus)));
        self.status.progress = Some("aligning".to_string());
        let geo = self.geometry();
        for &(d, line) in &above {
            if let Some(pos) = self.sentence_pos(d, self.cursor(d), &geo) {
                let top = self.measure(d, &geo).backward(pos, line);
                if let Some(pane) = self.panes.get_mut(d) {
                    pane.top = top;
                }
            }
        }
        self.reveal_cursor();
        let names: Vec<String> = changed
            .iter()
            .filter_map(|&d| corpus.get(d).map(name))
            .collect();
        let mut message = format!("{} changed on disk: reloaded", names.join(", "));
        if !lost.is_empty() {
            message.push_str(&format!(
                " (the cursor sentence of {} was edited: cursor kept near it)",
                lost.join(", ")
            ));
        }
        // The session records the new text in any case; only moved marks are worth a word.
        if marks.moved + marks.orphaned > 0 {
            message.push_str(&format!(
                "; review: {} mark(s) re-anchored, {} orphaned",
                marks.moved, marks.orphaned
            ));
            if let Some(Ok(true)) = saved {
                message.push_str(" (saved)");
            }
        }
        if let Some(Err(e)) = saved {
            message.push_str(&format!("; {e}"));
        }
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LoadOptions, Source};

    fn doc(text: &str) -> Document {
        let loaded = load::from_bytes(Origin::Stdin, text.as_bytes(), None).unwrap();
        let mut corpus = Corpus::default();
        corpus.push(loaded);
        corpus.documents.remove(0)
    }

    #[test]
    fn the_cursor_keeps_its_sentence_by_text() {
        let old = doc("Alpha runs. Beta walks. Gamma sleeps.\n\nDelta reads.");
        let new = doc("A new opening line. Alpha runs. Gamma sleeps.\n\nDelta reads.");
        // Gamma is still sentence 2 (Beta gone, an opening added); Alpha is now 1.
        assert_eq!(same_sentence(&old, 2, &new), (2, true));
        assert_eq!(same_sentence(&old, 0, &new), (1, true));
        // Beta is gone: the nearest earlier sentence found (Alpha, now 1), one on.
        assert_eq!(same_sentence(&old, 1, &new), (2, false));
    }

    #[test]
    fn reading_again_finds_changed_same_and_vanished_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "One sentence here. Another one.").unwrap();
        std::fs::write(&b, "Second file text.").unwrap();
        let sources = [Source::Path(a.clone()), Source::Path(b.clone())];
        let corpus = Arc::new(Corpus::load(&sources, &LoadOptions::default()).unwrap());
        let docs = [DocId(0), DocId(1)];
        let same = read_again(&corpus, &docs, &LoadOptions::default());
        assert!(!same.changed());
        assert!(Arc::ptr_eq(&same.corpus, &corpus));

        std::fs::write(&a, "One sentence here. A third one. Another one.").unwrap();
        std::fs::remove_file(&b).unwrap();
        let r = read_again(&corpus, &docs, &LoadOptions::default());
        assert_eq!(r.outcomes[0], (DocId(0), Outcome::Changed));
        assert!(matches!(&r.outcomes[1], (DocId(1), Outcome::Failed(m)) if m.contains("b.txt")));
        assert_eq!(r.corpus.documents[0].sentences.len(), 3);
        assert_eq!(r.corpus.documents[1].text, corpus.documents[1].text);

        std::fs::create_dir(&b).unwrap();
        let r = read_again(&corpus, &[DocId(1)], &LoadOptions::default());
        assert!(matches!(&r.outcomes[0], (_, Outcome::Failed(m)) if m.contains("directory")));
    }
}
