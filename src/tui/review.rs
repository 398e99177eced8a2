//! Review in the reader: a verdict and a note on the current claim, quote or difference, saved
//! at once to the session file; verdicts shown in the gutter and the panel; a filter for what is
//! left to review; export of the review from the reader.

use super::app::{App, InputPurpose, Mode};
use super::input::InputLine;
use super::items::Kind;
use super::keymap::{Code, Key};
use super::search::Scope;
use crate::document::{DocId, Span};
use crate::review::{ExportFormat, Item, ItemKind, Mark, ReviewError, Session};

/// Which items the panel lists, by their review state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ReviewFilter {
    #[default]
    All,
    Unreviewed,
    /// Only items with this verdict.
    Verdict(String),
}

impl ReviewFilter {
    pub fn label(&self) -> String {
        match self {
            ReviewFilter::All => "all items".to_string(),
            ReviewFilter::Unreviewed => "unreviewed only".to_string(),
            ReviewFilter::Verdict(v) => format!("only “{v}”"),
        }
    }
}

impl App {
    /// The reviewable item at the cursor: the quote or claim last jumped to while the cursor is
    /// on it, else the first quote (then claim) in the cursor sentence — quotes and claims are
    /// what a fact-checker reviews first; else the sentence itself if it differs between
    /// versions (with two or more documents open).
    pub fn review_target(&self) -> Option<Item> {
        let f = self.screen.focus;
        let cur = self.cursor(f);
        let jumped = self
            .item
            .filter(|i| matches!(i.kind, Kind::Quote | Kind::Claim))
            .filter(|&i| self.item_here(&[i.kind]) == Some(i));
        if let Some(it) = jumped.or_else(|| self.item_here(&[Kind::Quote, Kind::Claim])) {
            return self.quote_or_claim(it);
        }
        if self.model.doc_count() > 1 && self.model.is_difference(f, cur, f) {
            return self.difference(f, cur);
        }
        None
    }

    pub(super) fn quote_or_claim(&self, it: super::items::Item) -> Option<Item> {
        let corpus = &self.model.corpus;
        let items = self.items();
        let kind = if it.kind == Kind::Quote {
            ItemKind::Quote
        } else {
            ItemKind::Claim
        };
        let mut target = Item::new(kind, corpus.get(it.doc)?, items.span(it)?);
        for c in items.counterparts(it) {
            let other = super::items::Item {
                kind: it.kind,
                doc: c.doc,
                index: c.index,
            };
            if let (Some(d), Some(span)) = (corpus.get(other.doc), items.span(other)) {
                target = target.with_counterpart(d, span);
            }
        }
        Some(target)
    }

    pub(super) fn difference(&self, f: DocId, cur: u32) -> Option<Item> {
        let docs = &self.model.corpus.documents;
        let d = self.model.corpus.get(f)?;
        let mut target = Item::new(ItemKind::Difference, d, d.sentences.get(cur as usize)?.span);
        for other in docs.iter().filter(|o| o.id != f) {
            if let Some(range) = self.model.counterpart(f, cur, other.id)
                && let (Some(first), Some(last)) = (
                    other.sentences.get(range.start as usize),
                    other.sentences.get(range.end.saturating_sub(1) as usize),
                )
            {
                let span = Span {
                    start: first.span.start,
                    end: last.span.end,
                };
                target = target.with_counterpart(other, span);
            }
        }
        Some(target)
    }

    fn need_target(&mut self) -> Option<Item> {
        if self.review.session.is_none() {
            self.status.message =
                Some("no review session (the reader opens one; render needs --session)".into());
            return None;
        }
        let target = self.review_target();
        if target.is_none() {
            self.status.message = Some(
                "nothing to review here: go to a claim (]a), a quote (]q) or a difference (]c)"
                    .into(),
            );
        }
        target
    }

    pub(super) fn start_verdict(&mut self) {
        if self.need_target().is_some() {
            self.mode = Mode::Verdict;
        }
    }

    /// A key while the verdict picker is open: a digit picks, 0 clears, anything else cancels.
    pub(super) fn pick_verdict(&mut self, key: Key) {
        self.mode = Mode::Normal;
        let digit = match key.code {
            Code::Char(c) => c.to_digit(10),
            _ => None,
        };
        let Some(n) = digit else {
            self.status.message = Some("no verdict given".into());
            return;
        };
        let Some(target) = self.review_target() else {
            return;
        };
        let Some(session) = self.review.session.as_mut() else {
            return;
        };
        let result = if n == 0 {
            session
                .clear_verdict(&target)
                .map(|()| "verdict cleared".to_string())
        } else {
            match session.verdicts().get(n as usize - 1).cloned() {
                Some(v) => session
                    .set_verdict(&target, &v)
                    .map(|()| format!("{}: {v}", target.kind.name())),
                None => {
                    self.status.message = Some(format!(
                        "no verdict {n}: there are {}",
                        session.verdicts().len()
                    ));
                    return;
                }
            }
        };
        self.after_change(result);
    }

    /// The verdict picker's prompt for the status line.
    pub fn verdict_prompt(&self) -> String {
        let list: Vec<String> = self
            .review
            .session
            .as_ref()
            .map(|s| s.verdicts().to_vec())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .take(9)
            .map(|(i, v)| format!("{} {v}", i + 1))
            .collect();
        format!(" verdict: {} · 0 clear · Esc", list.join(" · "))
    }

    pub(super) fn start_note(&mut self) {
        let Some(target) = self.need_target() else {
            return;
        };
        if let Some(crate::review::Access::ReadOnly(reason)) =
            self.review.session.as_ref().map(|s| s.access())
        {
            self.status.message = Some(format!("review changes cannot be saved: {reason}"));
            return;
        }
        let existing = self
            .review
            .session
            .as_ref()
            .and_then(|s| s.mark(target.kind, target.doc, target.span))
            .map(|m| m.note.clone())
            .unwrap_or_default();
        let mut line = InputLine::new(Scope::FocusedPane);
        line.insert(&existing);
        self.mode = Mode::Input {
            line,
            purpose: InputPurpose::Note,
        };
    }

    pub(super) fn finish_note(&mut self, text: &str) {
        let Some(target) = self.review_target() else {
            return;
        };
        let Some(session) = self.review.session.as_mut() else {
            return;
        };
        let result = session.set_note(&target, text.trim()).map(|()| {
            if text.trim().is_empty() {
                "note cleared".to_string()
            } else {
                "note written".to_string()
            }
        });
        self.after_change(result);
    }

    pub(super) fn clear_mark(&mut self) {
        let Some(target) = self.need_target() else {
            return;
        };
        let Some(session) = self.review.session.as_mut() else {
            return;
        };
        let Some(id) = session
            .mark(target.kind, target.doc, target.span)
            .map(|m| m.id)
        else {
            self.status.message = Some("nothing recorded here".into());
            return;
        };
        let result = session
            .remove_mark(id)
            .map(|_| "verdict and note cleared".to_string());
        self.after_change(result);
    }

    /// Save at once after every change; say so if it cannot be saved.
    fn after_change(&mut self, result: Result<String, ReviewError>) {
        self.caches.panel.borrow_mut().clear();
        let Some(session) = self.review.session.as_mut() else {
            return;
        };
        self.status.message = Some(match result.and_then(|msg| session.save().map(|_| msg)) {
            Ok(msg) => format!("{msg} (saved)"),
            Err(e) => e.to_string(),
        });
    }

    pub(super) fn cycle_review_filter(&mut self) {
        let verdicts: Vec<String> = self
            .review
            .session
            .as_ref()
            .map(|s| s.verdicts().to_vec())
            .unwrap_or_default();
        self.review.filter = match &self.review.filter {
            ReviewFilter::All => ReviewFilter::Unreviewed,
            ReviewFilter::Unreviewed => verdicts
                .first()
                .cloned()
                .map_or(ReviewFilter::All, ReviewFilter::Verdict),
            ReviewFilter::Verdict(v) => verdicts
                .iter()
                .position(|x| x == v)
                .and_then(|i| verdicts.get(i + 1))
                .cloned()
                .map_or(ReviewFilter::All, ReviewFilter::Verdict),
        };
        self.panel.open = true;
        self.panel.selected = [0; 5];
        self.status.message = Some(format!("panel shows {}", self.review.filter.label()));
    }

    pub(super) fn export_review(&mut self) {
        let Some(session) = self.review.session.as_ref() else {
            self.status.message = Some("no review session to export".into());
            return;
        };
        let path = session.path().with_extension("md");
        let written = std::fs::File::create(&path)
            .map_err(ReviewError::from)
            .and_then(|mut f| session.export(ExportFormat::Md, &mut f));
        self.status.message = Some(match written {
            Ok(()) => format!("review exported to {}", path.display()),
            Err(e) => format!("{}: {e}", path.display()),
        });
    }

    /// The mark recorded on an item of this kind and span, if any.
    pub fn mark_for(&self, kind: ItemKind, doc: DocId, span: Span) -> Option<&Mark> {
        self.review.session.as_ref()?.mark(kind, doc, span)
    }

    /// A live mark overlapping a sentence, for the gutter.
    pub fn mark_in_sentence(&self, doc: DocId, sentence: u32) -> Option<&Mark> {
        let session: &Session = self.review.session.as_ref()?;
        let span = self
            .model
            .corpus
            .get(doc)?
            .sentences
            .get(sentence as usize)?
            .span;
        session.marks_in(doc, span).next()
    }
}
