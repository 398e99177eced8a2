//! The status line: the search prompt, pending keys, a message, or where the cursor is; and on
//! the right the layout, sync state and key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::app::{App, Geometry, InputPurpose, Layout};
use crate::tui::items::{Item, Kind};
use crate::tui::model::Mark;
use crate::tui::search::Scope;
use crate::tui::wrap;

pub fn draw(app: &App, _geo: &Geometry, area: Rect, buf: &mut Buffer) {
    let style = app.theme.status;
    buf.set_style(area, style);
    let review = app
        .review
        .as_ref()
        .map(|r| {
            if r.is_writable() {
                format!("{} · ", r.progress(app.review_total()))
            } else {
                "review read-only · ".to_string()
            }
        })
        .unwrap_or_default();
    let right = format!(
        "{}{review}{} · {} · ? help · q quit ",
        app.progress
            .as_deref()
            .map(|p| format!("{p} · "))
            .unwrap_or_default(),
        match app.effective_layout() {
            Layout::Aligned => "aligned",
            Layout::Reading => "reading",
        },
        if app.sync { "sync" } else { "free" },
    );
    let left = if let Some(input) = &app.input {
        let (sigil, hint) = match (app.input_purpose, input.scope()) {
            (InputPurpose::Note, _) => (
                "note: ",
                "   [Enter saves, empty clears, Esc cancels]".to_string(),
            ),
            (InputPurpose::Filter, _) => ("filter: ", "   [Enter keeps, Esc clears]".to_string()),
            (InputPurpose::Search, scope) => (
                "/",
                format!(
                    "   [{}; Tab switches, Enter searches, Esc cancels]",
                    if scope == Scope::AllPanes {
                        "all panes"
                    } else {
                        "this pane"
                    }
                ),
            ),
        };
        let before = &input.text()[..input.cursor()];
        let prompt = format!(" {sigil}{}", input.text());
        buf.set_stringn(
            area.x,
            area.y,
            format!("{prompt}{hint}"),
            usize::from(area.width),
            style,
        );
        // Show the cursor as a reversed cell.
        let cx = area.x + 1 + wrap::width(sigil) as u16 + wrap::width(before) as u16;
        if cx < area.x + area.width {
            let cell = &mut buf[(cx, area.y)];
            cell.set_style(style.add_modifier(ratatui::style::Modifier::REVERSED));
        }
        return;
    } else if app.picking_verdict {
        app.verdict_prompt()
    } else if let Some(hint) = app.pending_hint() {
        format!(" {hint}")
    } else if let Some(msg) = &app.message {
        format!(" {msg}")
    } else {
        position(app)
    };
    let right_w = wrap::width(&right) as u16;
    let room = if right_w + 10 < area.width {
        area.width - right_w
    } else {
        area.width
    };
    let left = if wrap::width(&left) >= usize::from(room) {
        let keep: String = left
            .chars()
            .take(usize::from(room).saturating_sub(2))
            .collect();
        format!("{keep}… ")
    } else {
        left
    };
    buf.set_stringn(area.x, area.y, &left, usize::from(room), style);
    if room < area.width {
        buf.set_string(area.x + room, area.y, &right, style);
    }
}

fn position(app: &App) -> String {
    let doc = app.focus;
    let Some(d) = app.model.corpus.documents.get(doc) else {
        return String::new();
    };
    let n = d.sentences.len();
    if n == 0 {
        return format!(" {}: empty", d.origin);
    }
    let cur = app.cursor.get(doc).copied().unwrap_or(0);
    let what = match app.model.mark(doc, cur, doc) {
        Mark::Pending => "aligning…",
        Mark::Boilerplate => "boilerplate",
        Mark::Identical => "identical in the others",
        Mark::Paraphrase => "reworded in another version",
        Mark::Moved => "moved in another version",
        Mark::Unique => "only in this version",
    };
    let warn = d
        .warnings
        .first()
        .map(|w| format!(" · ⚠ {w}"))
        .unwrap_or_default();
    if let Some(item) = app.item_here(&[Kind::Quote, Kind::Claim, Kind::Mention])
        && app.item == Some(item)
    {
        return format!(" {}{warn}", describe(app, item));
    }
    format!(" {} · sentence {}/{} · {what}{warn}", d.origin, cur + 1, n)
}

/// "quote 4/11 · Lena Reyl · in 3 versions", "entity 2/9 · Ilse Marand · person · …".
fn describe(app: &App, item: Item) -> String {
    let items = app.items();
    let (at, of) = items.ordinal(item);
    match item.kind {
        Kind::Mention => {
            let entity = items.entity_of(item).and_then(|e| items.0.entity(e));
            match entity {
                Some(e) => format!(
                    "entity {at}/{of} · {} · {} · {} mentions in all (* follows)",
                    e.name,
                    e.class.name(),
                    e.mentions.len()
                ),
                None => format!("entity {at}/{of}"),
            }
        }
        kind => {
            let versions = items.counterparts(item).len() + 1;
            let drift = if items.drifts(item) {
                " · ≠ drifts (d shows)"
            } else {
                ""
            };
            let who = match kind {
                Kind::Quote => app.item_detail(item),
                _ => format!("source: {}", app.item_detail(item)),
            };
            format!(
                "{} {at}/{of} · {who} · in {versions} version{}{drift}",
                kind.name(),
                if versions == 1 { "" } else { "s" }
            )
        }
    }
}
