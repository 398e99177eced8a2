//! The document panes: a header, the gutter of sentence marks, the wrapped text with changed
//! words, cursor and search matches styled, and an overview strip of where the differences are.

use crate::document::DocId;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::compare::Relation;
use crate::tui::app::{App, GUTTER, Geometry, STRIP};
use crate::tui::flow::{self, Block};
use crate::tui::model::Mark;
use crate::tui::wrap;

use super::styler::{self, Styler};

pub fn draw(app: &App, geo: &Geometry, area: Rect, buf: &mut Buffer) {
    let mut x = area.x;
    for (i, &doc) in geo.visible.iter().enumerate() {
        let width = if i + 1 == geo.visible.len() {
            area.x + area.width - x
        } else {
            geo.pane_width
        };
        let pane = Rect {
            x,
            y: area.y,
            width,
            height: area.height,
        };
        draw_pane(app, geo, doc, pane, buf);
        x += width;
        if i + 1 < geo.visible.len() {
            for y in area.y..area.y + area.height {
                buf.set_string(x, y, "│", app.theme.gutter);
            }
            x += 1;
        }
    }
}

fn draw_pane(app: &App, geo: &Geometry, doc: DocId, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    header(app, doc, Rect { height: 1, ..area }, buf);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let seen = text(app, geo, doc, body, buf);
    strip(app, doc, seen, body, buf);
}

fn header(app: &App, doc: DocId, area: Rect, buf: &mut Buffer) {
    let Some(d) = app.model.corpus.get(doc) else {
        return;
    };
    let focused = doc == app.screen.focus;
    let style = if focused {
        app.theme.header_focused
    } else {
        app.theme.header
    };
    buf.set_style(area, style);
    // A file gone from disk is marked whatever the focus: its text is no longer the file's.
    let stale = app.panes.get(doc).is_some_and(|p| p.stale.is_some());
    let right = if focused {
        format!(
            "{} words{} ",
            app.panes.get(doc).map_or(0, |p| p.words),
            if d.warnings.is_empty() && !stale {
                ""
            } else {
                " ⚠"
            }
        )
    } else if app.model.analysed() {
        // Rounded down: "100%" only when every word is shared.
        format!(
            "{}% shared{} ",
            (app.model.share(doc, app.screen.focus) * 100.0).floor(),
            if stale { " ⚠" } else { "" }
        )
    } else if stale {
        "⚠ ".to_string()
    } else {
        String::new()
    };
    let right_w = wrap::width(&right) as u16;
    // The short name alone (a file name; a URL without its scheme): the full origin is in the
    // status line when the pane has focus.
    let name = d.origin.name();
    let left = if d.title.is_empty() {
        format!(" {}:{name}", doc.number())
    } else {
        format!(" {}:{name} · {}", doc.number(), d.title)
    };
    let room = area.width.saturating_sub(right_w + 1);
    buf.set_stringn(
        area.x,
        area.y,
        ellipsize(&left, usize::from(room)),
        usize::from(room),
        style,
    );
    if right_w < area.width {
        buf.set_string(area.x + area.width - right_w, area.y, &right, style);
    }
}

/// `s` cut to `cols` columns, ending in "…" when cut.
fn ellipsize(s: &str, cols: usize) -> String {
    if wrap::width(s) <= cols {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = wrap::width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Draw the text; returns the first and last sentence seen, for the overview strip.
fn text(app: &App, geo: &Geometry, doc: DocId, area: Rect, buf: &mut Buffer) -> Option<(u32, u32)> {
    let m = app.measure(doc, geo);
    let d = app.model.corpus.get(doc)?;
    let text_x = area.x + geo.text_left + GUTTER;
    let text_w = geo.text_width;
    let mut pos = app.top(doc);
    let mut y = 0u16;
    let mut seen: Option<(u32, u32)> = None;
    let styler = Styler::new(app, doc);
    while y < area.height && pos.block < m.blocks.len() {
        let block = &m.blocks[pos.block];
        let h = m.height(pos.block);
        if let Block::Fold { rows } = block {
            let label = format!("··· {} identical rows folded · za ···", rows.len());
            buf.set_stringn(
                text_x,
                area.y + y,
                label,
                usize::from(text_w),
                app.theme.dim,
            );
            y += 1;
        } else if let Some((_, sentences)) = flow::block_text(&app.model, block, doc) {
            let gap = usize::from(matches!(
                block,
                Block::Para { gap: true, .. } | Block::Row { gap: true, .. }
            ));
            let lines = m.lines(block, doc);
            for line_idx in pos.line..h {
                if y >= area.height {
                    break;
                }
                let Some(line) = line_idx.checked_sub(gap).and_then(|i| lines.get(i)) else {
                    y += 1;
                    continue;
                };
                let sentence = styler::sentence_at(d, line.start, &sentences);
                if let Some(s) = sentence {
                    seen = Some(seen.map_or((s, s), |(a, _)| (a, s)));
                    gutter(
                        app,
                        doc,
                        s,
                        line.start,
                        area.x + geo.text_left,
                        area.y + y,
                        buf,
                    );
                }
                let spans = styler.line(d, *line, &sentences);
                buf.set_line(text_x, area.y + y, &Line::from(spans), text_w);
                y += 1;
            }
        } else {
            y += h.saturating_sub(pos.line) as u16;
        }
        pos.block += 1;
        pos.line = 0;
    }
    if d.sentences.is_empty() {
        let note = if d.text.trim().is_empty() {
            "(empty document)"
        } else {
            "(no sentences)"
        };
        buf.set_stringn(text_x, area.y, note, usize::from(text_w), app.theme.dim);
    }
    seen
}

fn mark_style(app: &App, mark: Mark) -> (char, Style) {
    let t = &app.theme;
    match mark {
        None => (' ', t.gutter),
        Some(Relation::Boilerplate) => ('·', t.dim),
        Some(Relation::Identical) => ('│', t.gutter),
        Some(Relation::Reworded) => ('~', t.changed),
        Some(Relation::Moved) => ('↕', t.moved),
        Some(Relation::Partial) => ('┆', t.changed),
        Some(Relation::OnlyHere) => ('+', t.unique),
    }
}

fn gutter(app: &App, doc: DocId, s: u32, line_start: usize, x: u16, y: u16, buf: &mut Buffer) {
    let Some(sentence) = app
        .model
        .corpus
        .get(doc)
        .and_then(|d| d.sentences.get(s as usize))
    else {
        return;
    };
    let first_line = sentence.span.start as usize >= line_start;
    let cursor = app.cursor_on(doc, s);
    let (glyph, style) = mark_style(app, app.model.mark(doc, s, app.screen.focus));
    if cursor {
        let arrow = if doc == app.screen.focus {
            "▶"
        } else {
            "▷"
        };
        buf.set_string(x, y, if first_line { arrow } else { "▕" }, app.theme.header);
    }
    let glyph = if first_line || glyph == ' ' || glyph == '│' {
        glyph
    } else {
        '▏'
    };
    buf.set_string(x + 1, y, glyph.to_string(), style);
    if !first_line {
        return;
    }
    if let Some((sign, style)) = verdict_sign(app, doc, s) {
        buf.set_string(x + 2, y, sign.to_string(), style);
    } else if let Some((sign, style)) = styler::item_sign(app, doc, s as usize) {
        buf.set_string(x + 2, y, sign.to_string(), style);
    }
}

/// A reviewed sentence shows its verdict's initial (the first verdict in the "shared" style,
/// the second in the "changed" one, others as claims), or `✎` for a note alone.
fn verdict_sign(app: &App, doc: DocId, s: u32) -> Option<(char, Style)> {
    let mark = app.mark_in_sentence(doc, s)?;
    let t = &app.theme;
    let Some(verdict) = &mark.verdict else {
        return Some(('✎', t.header));
    };
    let index = app
        .review
        .session
        .as_ref()
        .and_then(|r| r.verdicts().iter().position(|v| v == verdict));
    let style = match index {
        Some(0) => t.unique,
        Some(1) => t.changed,
        _ => t.claim,
    };
    let initial = verdict.chars().next()?.to_uppercase().next()?;
    Some((initial, style.add_modifier(ratatui::style::Modifier::BOLD)))
}

/// The overview strip: one cell per slice of the document, coloured by its strongest difference,
/// with the slice on screen marked.
fn strip(app: &App, doc: DocId, seen: Option<(u32, u32)>, body: Rect, buf: &mut Buffer) {
    if body.width <= GUTTER + STRIP || body.height == 0 {
        return;
    }
    let x = body.x + body.width - 1;
    let cells = app.strip_marks(doc, body.height);
    let n = app.model.sentence_count(doc).max(1);
    let h = usize::from(body.height);
    for (i, mark) in cells.iter().enumerate() {
        let (lo, hi) = (i * n / h, ((i + 1) * n / h).max(i * n / h + 1));
        let on_screen = seen.is_some_and(|(a, b)| (a as usize) < hi && lo <= b as usize);
        let (glyph, style) = match mark {
            Some(Relation::Reworded) => ('╎', app.theme.changed),
            Some(_) => ('▌', mark_style(app, *mark).1),
            None => ('│', app.theme.gutter),
        };
        let style = if on_screen {
            style.patch(app.theme.selection)
        } else {
            style
        };
        buf.set_string(x, body.y + i as u16, glyph.to_string(), style);
    }
}
