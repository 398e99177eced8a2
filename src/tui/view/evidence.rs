//! The "why linked" view: for the sentence at the cursor, each version's counterpart with the
//! engine's evidence for the link — the words both share, words related in meaning, names,
//! figures and the score.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::compare::LinkKind;
use crate::document::DocId;
use crate::tui::app::App;

pub fn draw(app: &App, doc: DocId, sentence: u32, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let n = app.model.doc_count();
    let mut lines: Vec<Line> = Vec::new();
    for other in (1..n as i64).map(|k| doc.cycle(k, n)) {
        let Some((c, ev)) = app.model.evidence(doc, sentence, other) else {
            continue;
        };
        let Some(d) = app.model.corpus.get(other) else {
            continue;
        };
        let name = d.origin.name();
        let kind = match c.kind {
            LinkKind::Identical => "identical",
            LinkKind::Paraphrase => "reworded",
            LinkKind::Moved => "moved",
            LinkKind::Restated => "restates",
        };
        let range = if c.sentences.len() > 1 {
            format!("sentences {}–{}", c.sentences.start + 1, c.sentences.end)
        } else {
            format!("sentence {}", c.sentences.start + 1)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}:{name}", other.number()), t.header),
            Span::styled(
                format!(" — {kind} · {range} · score {:.2}", ev.score),
                t.dim,
            ),
        ]));
        let related: Vec<String> = ev
            .related
            .iter()
            .map(|(a, b)| format!("{a} ~ {b}"))
            .collect();
        for (label, words) in [
            ("shared", ev.shared.join(", ")),
            ("related", related.join(", ")),
            ("names", ev.names.join(", ")),
            ("figures", ev.figures.join(", ")),
        ] {
            if !words.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {label:<8} "), t.changed),
                    Span::styled(words, t.base),
                ]));
            }
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Why linked: what the engine matched. Any key closes.",
        t.dim,
    )));
    let title = format!(" why sentence {} is linked ", sentence + 1);
    super::overlay(app, area, 100, &title, lines, 0, buf);
}
