//! Drawing the reader: panes, status line and overlays. Everything here reads the `App` and
//! writes a frame; nothing changes state (caches aside).

mod drift;
mod evidence;
mod help;
mod panel;
mod panes;
mod status;
mod styler;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Mode, Overlay};
pub use panel::tabs as panel_tabs;

/// Below this size only a hint is drawn: nothing useful fits.
const MIN_WIDTH: u16 = 12;
const MIN_HEIGHT: u16 = 3;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        buf.set_stringn(
            area.x,
            area.y,
            "parallax: enlarge",
            usize::from(area.width),
            app.theme.base,
        );
        return;
    }
    let geo = app.geometry();
    let body = Rect {
        x: area.x,
        y: area.y,
        width: area.width,
        height: area.height.saturating_sub(1),
    };
    let panes_area = Rect {
        width: body.width.saturating_sub(geo.panel_width),
        ..body
    };
    panes::draw(app, &geo, panes_area, buf);
    if geo.panel_width > 0 {
        let panel_area = Rect {
            x: body.x + panes_area.width,
            width: geo.panel_width,
            ..body
        };
        panel::draw(app, panel_area, buf);
    }
    let status = Rect {
        x: area.x,
        y: area.y + area.height - 1,
        width: area.width,
        height: 1,
    };
    status::draw(app, &geo, status, buf);
    match &app.mode {
        Mode::Overlay(Overlay::Help { scroll, .. }) => help::draw(app, *scroll, body, buf),
        Mode::Overlay(Overlay::Drift { item }) => drift::draw(app, *item, body, buf),
        Mode::Overlay(Overlay::Evidence { doc, sentence }) => {
            evidence::draw(app, *doc, *sentence, body, buf)
        }
        _ => {}
    }
}

/// A bordered box centred on `area`, at most `max_width` wide and as tall as its lines, with
/// the lines wrapped and scrolled by `scroll` (clamped so the end stays in view).
fn overlay(
    app: &App,
    area: Rect,
    max_width: u16,
    title: &str,
    lines: Vec<Line>,
    scroll: usize,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(max_width);
    // Lines wrap inside the box: count the rows they take, not the lines.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = area.height.saturating_sub(2).min(rows as u16 + 2);
    if width < 10 || height < 3 {
        return;
    }
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let max_scroll = rows.saturating_sub(usize::from(height - 2));
    Paragraph::new(lines)
        .style(t.base)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(max_scroll) as u16, 0))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.gutter)
                .title(title.to_string()),
        )
        .render(rect, buf);
}
