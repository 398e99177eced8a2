//! The help overlay: every action with its keys from the live keymap, and a legend of the marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::App;

pub fn draw(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    let heading = |s: &str| Line::from(Span::styled(s.to_string(), t.header));
    lines.push(heading("Keys"));
    // One column for the keys, as wide as the longest list of them.
    let key_w = Action::ALL
        .iter()
        .map(|&a| app.keymap.keys_for(a).join(" ").chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let alone = app.model.doc_count() < 2;
    for &action in Action::ALL {
        let keys = app.keymap.keys_for(action);
        if keys.is_empty() || (alone && action.needs_versions()) {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{:<key_w$}", keys.join(" ")), t.changed),
            Span::styled(action.help().to_string(), t.base),
        ]));
    }
    lines.push(Line::default());
    lines.push(heading("Gutter and text"));
    let legend: [(&str, Style, &str); 13] = [
        ("│", t.gutter, "identical: the same words in every version"),
        (
            "┆",
            t.changed,
            "partial: in some versions, missing from others",
        ),
        (
            "~",
            t.changed,
            "reworded (against the focused version): changed words highlighted",
        ),
        ("↕", t.moved, "moved: found elsewhere in another version"),
        ("+", t.unique, "only in this version"),
        ("·", t.dim, "boilerplate: repeated line or page furniture"),
        ("▶", t.header, "the current sentence (▷ its counterpart)"),
        (
            "» §",
            t.quote,
            "a quote / a claim starts here (entities, quotes, claim cues styled)",
        ),
        (
            "≠",
            t.changed,
            "drift: a quote worded differently, or a figure changed, in another version",
        ),
        (
            "# ±",
            t.changed,
            "side panel: a figure changed / stated in one version only (d shows both)",
        ),
        (
            "V D N W …",
            t.unique,
            "review verdict (its initial) on the item here",
        ),
        ("✎", t.header, "a review note without a verdict"),
        (
            "╎ ▌",
            t.gutter,
            "overview strip: where the differences are (highlighted: on screen)",
        ),
    ];
    for (glyph, style, text) in legend {
        lines.push(Line::from(vec![
            Span::styled(format!("  {glyph:<14}"), style),
            Span::styled(text.to_string(), t.base),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Keys are set in the [keys] table of the config file. j/k scroll this help; any other key closes it.",
        t.dim,
    )));

    super::overlay(app, area, 92, " parallax help ", lines, scroll, buf);
}
