//! The drift view: one quote or claim as every version words it, one above the other, with the
//! words that differ from the focused version highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::document::{Document, Span as TextSpan, TokenKind};
use crate::tui::app::App;
use crate::tui::items::Item;

pub fn draw(app: &App, item: Item, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let items = app.items();
    let mut versions: Vec<Item> = vec![item];
    versions.extend(items.counterparts(item).iter().map(|c| Item {
        kind: item.kind,
        doc: c.doc.index(),
        index: c.index,
    }));
    let docs = &app.model.corpus.documents;
    let words = |it: &Item| -> Vec<(TextSpan, u32)> {
        let (Some(span), Some(d)) = (items.span(*it), docs.get(it.doc)) else {
            return Vec::new();
        };
        tokens_in(d, span)
    };
    let base = words(&item);
    let mut lines: Vec<Line> = Vec::new();
    for (n, v) in versions.iter().enumerate() {
        let Some(d) = docs.get(v.doc) else { continue };
        let own = words(v);
        // The focused wording is compared with the first other one; the others with it.
        let against = if n == 0 {
            versions.get(1).map(words).unwrap_or_default()
        } else {
            base.clone()
        };
        let changed = changed_tokens(&own, &against);
        let origin = d.origin.to_string();
        let name = origin.rsplit('/').next().unwrap_or(&origin).to_string();
        lines.push(Line::from(vec![
            Span::styled(format!("{}:{name}", v.doc + 1), t.header),
            Span::styled(format!(" — {}", app.item_detail(*v)), t.dim),
        ]));
        lines.push(styled_text(
            d,
            items.span(*v),
            &own,
            &changed,
            t.base,
            t.changed,
        ));
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Highlighted: words the other wording does not share. Any key closes.",
        t.dim,
    )));
    let title = format!(" {} in {} versions ", item.kind.name(), versions.len());
    super::overlay(app, area, 100, &title, lines, 0, buf);
}

/// The word and number tokens inside a span, with their terms.
fn tokens_in(d: &Document, span: TextSpan) -> Vec<(TextSpan, u32)> {
    let from = d.tokens.partition_point(|t| t.span.start < span.start);
    d.tokens[from..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| (t.span, t.term.0))
        .collect()
}

/// Indices of `own` tokens that the word diff against `other` does not match.
fn changed_tokens(own: &[(TextSpan, u32)], other: &[(TextSpan, u32)]) -> Vec<bool> {
    let a: Vec<u32> = own.iter().map(|t| t.1).collect();
    let b: Vec<u32> = other.iter().map(|t| t.1).collect();
    let mut changed = vec![true; a.len()];
    for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            for c in changed.iter_mut().skip(old_index).take(len) {
                *c = false;
            }
        }
    }
    changed
}

fn styled_text<'a>(
    d: &'a Document,
    span: Option<TextSpan>,
    tokens: &[(TextSpan, u32)],
    changed: &[bool],
    base: Style,
    highlight: Style,
) -> Line<'a> {
    let Some(span) = span else {
        return Line::default();
    };
    // The text between words, in the base style.
    let gap = |start: u32, end: u32| {
        (end > start).then(|| Span::styled(flat(d.slice(TextSpan { start, end })), base))
    };
    let mut spans = Vec::new();
    let mut at = span.start;
    for ((t, _), &c) in tokens.iter().zip(changed) {
        spans.extend(gap(at, t.start));
        spans.push(Span::styled(d.slice(*t), if c { highlight } else { base }));
        at = t.end;
    }
    spans.extend(gap(at, span.end));
    Line::from(spans)
}

/// Text between words with line breaks as spaces: a quote that runs over paragraphs reads as
/// one passage.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
