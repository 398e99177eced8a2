//! Per-frame lookups the view would otherwise recompute: the overview strip of each pane and
//! the Markdown markup of each paragraph, cached until the analysis or focus changes.

use crate::document::DocId;
use std::rc::Rc;

use super::app::{App, MarkupSpans, StripCells};
use super::model::Mark;
use crate::compare::Relation;
use crate::document::Format;

/// Longest Markdown paragraph (bytes) that gets markup highlighting.
const MAX_MARKUP_PARAGRAPH: usize = 16 * 1024;

impl App {
    /// The overview strip of a pane: per cell, the strongest difference among its sentences.
    pub fn strip_marks(&self, doc: DocId, height: u16) -> StripCells {
        let key = (doc, self.screen.focus, height);
        if let Some(hit) = self.caches.strip.borrow().get(&key) {
            return Rc::clone(hit);
        }
        let n = self.model.sentence_count(doc);
        let h = usize::from(height.max(1));
        let rank = |m: Mark| match m {
            Some(Relation::OnlyHere) => 3,
            Some(Relation::Moved) => 2,
            Some(Relation::Reworded | Relation::Partial) => 1,
            _ => 0,
        };
        let cells: Vec<Mark> = (0..h)
            .map(|i| {
                let (lo, hi) = (i * n / h, ((i + 1) * n / h).max(i * n / h + 1).min(n));
                (lo..hi)
                    .map(|s| self.model.mark(doc, s as u32, self.screen.focus))
                    .filter(|&m| rank(m) > 0)
                    .max_by_key(|&m| rank(m))
                    .flatten()
            })
            .collect();
        let cells = Rc::new(cells);
        self.caches
            .strip
            .borrow_mut()
            .insert(key, Rc::clone(&cells));
        cells
    }

    /// The styled markup of a Markdown paragraph (empty for other formats).
    pub fn markup(&self, doc: DocId, para: u32) -> MarkupSpans {
        let (Some(markup), Some(d)) = (&self.caches.markup, self.model.corpus.get(doc)) else {
            return Rc::default();
        };
        if d.format != Format::Markdown {
            return Rc::default();
        }
        if let Some(hit) = self.caches.markup_spans.borrow().get(&(doc, para)) {
            return Rc::clone(hit);
        }
        // Highlighting is line-local work; an enormous paragraph is left plain rather than
        // stalling the screen.
        let spans = d
            .paragraphs
            .get(para as usize)
            .filter(|p| p.span.len() <= MAX_MARKUP_PARAGRAPH)
            .map_or_else(Vec::new, |p| {
                markup.paragraph(d.slice(p.span), p.span.start as usize)
            });
        let spans = Rc::new(spans);
        self.caches
            .markup_spans
            .borrow_mut()
            .insert((doc, para), Rc::clone(&spans));
        spans
    }
}
