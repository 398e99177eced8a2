//! Drawing the reader: panes, status line and overlays. Everything here reads the `App` and
//! writes a frame; nothing changes state (caches aside).

mod help;
mod panes;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::App;

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
    panes::draw(app, &geo, body, buf);
    let status = Rect {
        x: area.x,
        y: area.y + area.height - 1,
        width: area.width,
        height: 1,
    };
    status::draw(app, &geo, status, buf);
    if let Some(super::app::Overlay::Help { scroll }) = &app.overlay {
        help::draw(app, *scroll, body, buf);
    }
}
