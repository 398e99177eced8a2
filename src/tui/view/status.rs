//! The status line: the search prompt, pending keys, a message, or where the cursor is; and on
//! the right the layout, sync state and key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::compare::Relation;
use crate::document::DocId;
use crate::tui::action::Action;
use crate::tui::app::{App, Geometry, InputPurpose, Layout, Mode};
use crate::tui::input::InputLine;
use crate::tui::items::{Item, Kind};
use crate::tui::search::Scope;
use crate::tui::wrap;

pub fn draw(app: &App, _geo: &Geometry, area: Rect, buf: &mut Buffer) {
    let style = app.theme.status;
    buf.set_style(area, style);
    if let Mode::Input { line, purpose } = &app.mode {
        draw_input(app, line, *purpose, area, buf);
        return;
    }
    // What the user asked for, or where the cursor is, comes first.
    let left = if app.mode == Mode::Verdict {
        app.verdict_prompt()
    } else if let Some(hint) = app.pending_hint() {
        format!(" {hint}")
    } else if let Some(msg) = &app.status.message {
        format!(" {msg}")
    } else {
        position(app)
    };
    // The right side gives way first: the key hints, then the review progress, then the layout
    // and sync state; only then is the left cut, between its parts or words, never inside one.
    let width = usize::from(area.width);
    let left_w = wrap::width(&left);
    let right = [
        right_side(app, true, true),
        right_side(app, false, true),
        right_side(app, false, false),
        String::new(),
    ]
    .into_iter()
    .find(|r| r.is_empty() || left_w + wrap::width(r) <= width)
    .unwrap_or_default();
    let room = width - wrap::width(&right).min(width);
    buf.set_stringn(area.x, area.y, fit(&left, room), room, style);
    if !right.is_empty() {
        buf.set_string(area.x + room as u16, area.y, &right, style);
    }
}

/// The right side: review progress, layout, sync and — when there is room — the live keys for
/// help and quit.
fn right_side(app: &App, with_keys: bool, with_progress: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = &app.status.progress {
        parts.push(p.clone());
    }
    if let Some(r) = app.review.session.as_ref().filter(|_| with_progress) {
        parts.push(if r.is_writable() {
            r.progress(app.review_total()).to_string()
        } else {
            "review read-only".to_string()
        });
    }
    // Layout and sync are about versions side by side: nothing to say of one document.
    if app.model.doc_count() > 1 {
        parts.push(
            match app.effective_layout() {
                Layout::Aligned => "aligned",
                Layout::Reading => "reading",
            }
            .to_string(),
        );
        parts.push(if app.screen.sync { "sync" } else { "free" }.to_string());
    }
    if with_keys {
        for (action, what) in [(Action::Help, "help"), (Action::Quit, "quit")] {
            if let Some(key) = app.keymap.keys_for(action).first() {
                parts.push(format!("{key} {what}"));
            }
        }
    }
    format!(" {} ", parts.join(" · "))
}

/// `s` in `cols` columns: whole when it fits, else cut after its last part (" · ") or word
/// that fits, ending in "…".
fn fit(s: &str, cols: usize) -> String {
    if wrap::width(s) <= cols {
        return s.to_string();
    }
    let budget = cols.saturating_sub(1);
    let cut_at = |sep: &str| {
        s.match_indices(sep)
            .map(|(i, _)| i)
            .filter(|&i| wrap::width(&s[..i]) <= budget)
            .last()
            .filter(|&i| !s[..i].trim().is_empty())
    };
    if let Some(i) = cut_at(" · ").or_else(|| cut_at(" ")) {
        return format!("{}…", s[..i].trim_end());
    }
    // One long word: cut it rather than show nothing.
    let mut out = String::new();
    for c in s.chars() {
        if wrap::width(&out) + wrap::width(c.encode_utf8(&mut [0; 4])) > budget {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The input line: prompt, the text scrolled so the cursor stays visible, and a hint when
/// there is room.
fn draw_input(app: &App, input: &InputLine, purpose: InputPurpose, area: Rect, buf: &mut Buffer) {
    let style = app.theme.status;
    let (sigil, hint) = match (purpose, input.scope()) {
        (InputPurpose::Note, _) => (
            "note: ",
            "  [Enter saves, empty clears, Esc cancels]".to_string(),
        ),
        (InputPurpose::Filter, _) => ("filter: ", "  [Enter keeps, Esc clears]".to_string()),
        (InputPurpose::Search, scope) => (
            "/",
            format!(
                "  [{}; Tab switches, Enter searches, Esc cancels]",
                if scope == Scope::AllPanes {
                    "all panes"
                } else {
                    "this pane"
                }
            ),
        ),
    };
    let width = usize::from(area.width);
    let prefix = format!(" {sigil}");
    let room = width.saturating_sub(wrap::width(&prefix) + 1).max(1);
    let text = input.text();
    let before = &text[..input.cursor()];
    // Scroll sideways: keep the cursor inside the visible part of the text.
    let mut start = 0;
    while wrap::width(&before[start..]) >= room {
        start += before[start..].chars().next().map_or(1, char::len_utf8);
    }
    let shown = &text[start..];
    let line = if wrap::width(shown) + wrap::width(&hint) + wrap::width(&prefix) <= width {
        format!("{prefix}{shown}{hint}")
    } else {
        format!("{prefix}{shown}")
    };
    buf.set_stringn(area.x, area.y, line, width, style);
    let cx = area.x as usize + wrap::width(&prefix) + wrap::width(&before[start..]);
    if cx < usize::from(area.x + area.width) {
        buf[(cx as u16, area.y)].set_style(style.add_modifier(Modifier::REVERSED));
    }
}

fn position(app: &App) -> String {
    let doc = app.screen.focus;
    let Some(d) = app.model.corpus.get(doc) else {
        return String::new();
    };
    let n = d.sentences.len();
    let name = d.origin.name();
    if n == 0 {
        return format!(" {name}: empty");
    }
    let cur = app.cursor(doc);
    let what = match app.model.mark(doc, cur, doc) {
        None => "aligning…",
        Some(Relation::Boilerplate) => "boilerplate",
        Some(Relation::Identical) => "identical in every other version",
        Some(Relation::Partial) => "in some versions, missing from others",
        Some(Relation::Reworded) => "reworded in another version",
        Some(Relation::Moved) => "moved in another version",
        Some(Relation::OnlyHere) => "only in this version",
    };
    // How the file was read first, then what extraction says of it ("English only").
    let extraction = app.model.extraction.document(doc);
    let warn = d
        .warnings
        .first()
        .or_else(|| extraction.and_then(|x| x.warnings.first()))
        .map(|w| format!(" · ⚠ {w}"))
        .unwrap_or_default();
    if let Some(item) = app.item_here(&[Kind::Quote, Kind::Claim, Kind::Mention])
        && app.item == Some(item)
    {
        return format!(" {}{warn}", describe(app, item));
    }
    let progress = reading_progress(app, doc);
    if app.model.doc_count() < 2 {
        return format!(" sentence {}/{n} · {progress} · {name}{warn}", cur + 1);
    }
    format!(
        " sentence {}/{n} · {progress} · {what} · {name}{warn}",
        cur + 1
    )
}

/// Words a minute of attentive reading, for the time left.
const READING_SPEED: usize = 230;

/// "40% · 3 min left": how far into the document the cursor is (by its text), and the reading
/// time of what follows.
fn reading_progress(app: &App, doc: DocId) -> String {
    let Some(d) = app.model.corpus.get(doc) else {
        return String::new();
    };
    let at = d
        .sentences
        .get(app.cursor(doc) as usize)
        .map_or(0, |s| s.span.start as usize);
    let done = at as f64 / d.text.len().max(1) as f64;
    let words = app.panes.get(doc).map_or(0, |p| p.words);
    let left = (words as f64 * (1.0 - done)) as usize;
    let minutes = left.div_ceil(READING_SPEED);
    let time = if left == 0 {
        "end".to_string()
    } else if minutes <= 1 {
        "1 min left".to_string()
    } else {
        format!("{minutes} min left")
    };
    format!("{}% · {time}", (done * 100.0).floor())
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
