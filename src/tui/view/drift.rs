//! The drift view: one quote or claim as every version words it, one above the other, with the
//! words that differ from the focused version highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::document::{Document, Span as TextSpan};
use crate::tui::app::App;
use crate::tui::items::Item;

pub fn draw(app: &App, item: Item, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let items = app.items();
    let counterparts = items.counterparts(item);
    // The focused wording shows what the first other one lacks; each other wording what the
    // focused one lacks — the evidence the analysis computed with the engine's word diff.
    let mut versions: Vec<(Item, &[TextSpan])> = vec![(
        item,
        counterparts
            .first()
            .map_or(&[][..], |c| c.changed_words.0.as_slice()),
    )];
    versions.extend(counterparts.iter().map(|c| {
        let other = Item {
            kind: item.kind,
            doc: c.doc,
            index: c.index,
        };
        (other, c.changed_words.1.as_slice())
    }));
    let mut lines: Vec<Line> = Vec::new();
    for (n, &(v, changed)) in versions.iter().enumerate() {
        let (Some(d), Some(span)) = (app.model.corpus.get(v.doc), items.span(v)) else {
            continue;
        };
        let name = d.origin.name();
        lines.push(Line::from(vec![
            Span::styled(format!("{}:{name}", v.doc.number()), t.header),
            Span::styled(format!(" — {}", app.item_detail(v)), t.dim),
        ]));
        lines.push(styled_text(d, span, changed, t.base, t.changed));
        // Under each other version, the figures that differ from the focused one.
        let figures = n
            .checked_sub(1)
            .and_then(|i| counterparts.get(i))
            .map_or(&[][..], |c| c.figures.as_slice());
        let focused = app.model.corpus.get(item.doc);
        for f in figures {
            let text = |doc: Option<&Document>, s: Option<TextSpan>| match (doc, s) {
                (Some(doc), Some(s)) => format!("“{}”", doc.slice(s)),
                _ => "—".to_string(),
            };
            let what = format!(
                "  {} {} ({}): {} → {}",
                if f.changed() { "#" } else { "±" },
                match f.change() {
                    "changed" => "figure changed",
                    "missing" => "figure missing here",
                    _ => "figure added here",
                },
                f.kind.name(),
                text(focused, f.ours),
                text(Some(d), f.theirs),
            );
            lines.push(Line::from(Span::styled(
                what,
                if f.changed() { t.changed } else { t.dim },
            )));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Highlighted: words the other wording does not share. Any key closes.",
        t.dim,
    )));
    let title = format!(" {} in {} versions ", item.kind.name(), versions.len());
    super::overlay(app, area, 100, &title, lines, 0, buf);
}

/// The passage with its changed spans highlighted; line breaks read as spaces, so a quote that
/// runs over paragraphs reads as one passage.
fn styled_text<'a>(
    d: &'a Document,
    span: TextSpan,
    changed: &[TextSpan],
    base: Style,
    highlight: Style,
) -> Line<'a> {
    let piece = |start: u32, end: u32, style: Style| {
        (end > start).then(|| Span::styled(flat(d.slice(TextSpan { start, end })), style))
    };
    let mut spans = Vec::new();
    let mut at = span.start;
    for c in changed.iter().filter(|c| span.contains(**c)) {
        spans.extend(piece(at, c.start.max(at), base));
        spans.extend(piece(c.start.max(at), c.end, highlight));
        at = at.max(c.end);
    }
    spans.extend(piece(at, span.end, base));
    Line::from(spans)
}

fn flat(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
