//! Per-character styles of a pane's text, in layers: the sentence's role, entities, quotes and
//! claim cues, changed words, the current item and its counterparts, the cursor, search matches.
//! Each line looks up only the annotations that overlap it.

use crate::document::DocId;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::compare::Relation;
use crate::document::structure::Role;
use crate::document::{Document, Span as TextSpan};
use crate::extract::DocExtraction;
use crate::tui::app::App;
use crate::tui::items::{Item, Kind};
use crate::tui::wrap;

pub struct Styler<'a> {
    app: &'a App,
    doc: DocId,
    search: &'a [TextSpan],
    extraction: Option<&'a DocExtraction>,
    /// The current item and its counterparts in this document.
    current: Vec<TextSpan>,
}

impl<'a> Styler<'a> {
    pub fn new(app: &'a App, doc: DocId) -> Styler<'a> {
        let items = app.items();
        let current = app.item.map_or_else(Vec::new, |item| {
            let mut spans: Vec<TextSpan> = Vec::new();
            if item.doc == doc {
                spans.extend(items.span(item));
            }
            spans.extend(
                items
                    .counterpart_in(item, doc)
                    .and_then(|c: Item| items.span(c)),
            );
            spans
        });
        Styler {
            app,
            doc,
            search: app.search.as_ref().map_or(&[], |s| s.in_doc(doc)),
            extraction: app
                .screen
                .annotations
                .then(|| app.model.extraction.document(doc))
                .flatten(),
            current,
        }
    }

    /// Annotation layers overlapping `line`: entities, quotes, claim cues.
    fn annotations(&self, line: wrap::Line) -> Vec<(TextSpan, Style)> {
        let Some(x) = self.extraction else {
            return Vec::new();
        };
        let t = &self.app.theme;
        let (lo, hi) = (line.start as u32, line.end as u32);
        let mut out = Vec::new();
        let from = x.quotes.partition_point(|q| q.span.end <= lo);
        for q in x.quotes[from..].iter().take_while(|q| q.span.start < hi) {
            out.push((q.span, t.quote));
        }
        let from = x.claims.partition_point(|c| c.span.end <= lo);
        for c in x.claims[from..].iter().take_while(|c| c.span.start < hi) {
            out.extend(c.cues.iter().map(|cue| (cue.span, t.claim)));
        }
        let from = x.mentions.partition_point(|m| m.span.end <= lo);
        for m in x.mentions[from..].iter().take_while(|m| m.span.start < hi) {
            out.push((m.span, t.entity));
        }
        out
    }

    pub fn line(
        &self,
        d: &Document,
        line: wrap::Line,
        sentences: &std::ops::Range<u32>,
    ) -> Vec<Span<'static>> {
        let t = &self.app.theme;
        let text = d.text.get(line.start..line.end).unwrap_or("");
        let annotations = self.annotations(line);
        let paragraph = sentence_at(d, line.start, sentences)
            .and_then(|s| d.sentences.get(s as usize))
            .map(|s| s.paragraph);
        let markup = match paragraph {
            Some(p) => self.app.markup(self.doc, p),
            None => Default::default(),
        };
        let pane = self.app.panes.get(self.doc);
        let role = paragraph
            .and_then(|p| pane?.roles.get(p as usize).copied())
            .unwrap_or(Role::Body);
        let structure = match role {
            Role::Title => t.header,
            Role::Heading => t.base.add_modifier(Modifier::BOLD),
            Role::Byline => t.dim.add_modifier(Modifier::ITALIC),
            Role::BlockQuote => t.base.add_modifier(Modifier::ITALIC),
            Role::ListItem | Role::Body => t.base,
        };
        let dateline = pane.and_then(|p| p.dateline);
        // Changed words as the engine's view from the focused document has them.
        let changed = self.app.model.changed(
            self.doc,
            TextSpan::new(line.start, line.end),
            self.app.focus(),
        );
        let moved = self.app.model.moved(
            self.doc,
            TextSpan::new(line.start, line.end),
            self.app.focus(),
        );
        let first_match = self
            .search
            .partition_point(|m| (m.end as usize) <= line.start);
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run = String::new();
        let mut run_style = None;
        for (i, c) in text.char_indices() {
            let at = line.start + i;
            let mut style = structure;
            if dateline.is_some_and(|s| (s.start as usize) <= at && at < s.end as usize) {
                style = style.add_modifier(Modifier::BOLD);
            }
            if let Some((_, m)) = markup
                .iter()
                .find(|(s, _)| (s.start as usize) <= at && at < s.end as usize)
            {
                style = style.patch(*m);
            }
            let sentence = sentence_at(d, at, sentences);
            if let Some(s) = sentence {
                style = match self.app.model.mark(self.doc, s, self.app.focus()) {
                    Some(Relation::OnlyHere) => style.patch(t.unique),
                    Some(Relation::Moved) => style.patch(t.moved),
                    Some(Relation::Boilerplate) => style.patch(t.dim),
                    _ => style,
                };
            }
            for (span, role) in &annotations {
                if (span.start as usize) <= at && at < span.end as usize {
                    style = style.patch(*role);
                }
            }
            if let Some(s) = sentence {
                if covers(changed, at) {
                    style = style.patch(t.changed);
                } else if covers(moved, at) {
                    // Words moved within their sentence: the quieter mark of moved sentences.
                    style = style.patch(t.moved);
                }
                if self.app.cursor_on(self.doc, s) {
                    style = style.patch(t.selection);
                }
            }
            if covers(&self.current, at) {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            }
            let near = &self.search[first_match.min(self.search.len())..];
            let near = &near[..near.partition_point(|m| (m.start as usize) <= at)];
            if covers(near, at) {
                style = style.patch(t.search);
            }
            if run_style != Some(style) && !run.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    run_style.unwrap_or_default(),
                ));
            }
            run_style = Some(style);
            run.push(if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            });
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, run_style.unwrap_or_default()));
        }
        spans
    }
}

/// Whether one of `spans` covers byte `at`.
fn covers(spans: &[TextSpan], at: usize) -> bool {
    spans
        .iter()
        .any(|s| (s.start as usize) <= at && at < s.end as usize)
}

/// The sentence of `range` that holds byte `byte`.
pub fn sentence_at(d: &Document, byte: usize, range: &std::ops::Range<u32>) -> Option<u32> {
    let slice = d.sentences.get(range.start as usize..range.end as usize)?;
    let i = slice.partition_point(|s| (s.span.end as usize) <= byte);
    (i < slice.len()).then_some(range.start + i as u32)
}

/// The gutter sign of a sentence where a quote or claim starts: `≠` when its wording drifts
/// between versions, `“` for a quote, `§` for a claim.
pub fn item_sign(app: &App, doc: DocId, sentence: usize) -> Option<(char, Style)> {
    if !app.screen.annotations {
        return None;
    }
    let x = app.model.extraction.document(doc)?;
    let items = app.items();
    let t = &app.theme;
    let quote = x
        .quotes
        .iter()
        .enumerate()
        .skip(x.quotes.partition_point(|q| q.sentence < sentence))
        .take_while(|(_, q)| q.sentence == sentence)
        .find(|(_, q)| !q.scare)
        .map(|(index, _)| Item {
            kind: Kind::Quote,
            doc,
            index,
        });
    let claim = x
        .claims
        .iter()
        .position(|c| c.sentence == sentence)
        .map(|index| Item {
            kind: Kind::Claim,
            doc,
            index,
        });
    let drift = [quote, claim]
        .into_iter()
        .flatten()
        .any(|i| items.drifts(i));
    match (quote, claim) {
        _ if drift => Some(('≠', t.changed)),
        (Some(_), _) => Some(('»', t.quote)),
        (None, Some(_)) => Some(('§', t.claim)),
        (None, None) => None,
    }
}
