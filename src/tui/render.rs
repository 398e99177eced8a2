//! `parallax render`: the reader's screen after a sequence of keys, drawn by the same code into
//! ratatui's `TestBackend` and printed as plain text or ANSI.

use std::fmt::Write;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use super::{App, Setup, analyse, keymap, view};
use crate::document::Corpus;

/// Parse `COLSxROWS`.
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (c, r) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("--size {s}: expected COLSxROWS, e.g. 120x35"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
    };
    match (parse(c), parse(r)) {
        (Some(c), Some(r)) => Ok((c, r)),
        _ => Err(format!(
            "--size {s}: columns and rows must be numbers from 1 to 1000"
        )),
    }
}

/// The reader without a terminal, drawing into ratatui's `TestBackend`: the code path of
/// `render`, and what tests and benchmarks drive.
pub struct Screen {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Screen {
    /// The reader as it first appears: the text, with the analysis not yet run.
    pub fn new(corpus: Arc<Corpus>, setup: Setup, size: (u16, u16)) -> Screen {
        let mut app = setup.app(corpus);
        app.resize(size.0, size.1);
        Screen {
            app,
            terminal: Terminal::new(TestBackend::new(size.0, size.1))
                .unwrap_or_else(|never| match never {}),
        }
    }

    /// Run the comparison here and now, as the reader's worker thread does.
    pub fn analyse(&mut self) {
        let corpus = Arc::clone(&self.app.model.corpus);
        self.app.install(analyse(corpus));
    }

    /// Press keys written in the config notation; stops at a quit.
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        if keys.is_empty() {
            return Ok(());
        }
        for key in keymap::parse_sequence(keys).map_err(|e| format!("--keys: {e}"))? {
            self.app.handle_key(key.to_event());
            if self.app.quit {
                break;
            }
        }
        Ok(())
    }

    /// Draw the current state (only changed cells reach the backend, as in the terminal).
    pub fn draw(&mut self) {
        let app = &self.app;
        let _ = self.terminal.draw(|f| view::draw(app, f));
    }

    /// The last drawn screen as text; with `color`, ANSI escapes.
    pub fn text(&self, color: bool) -> String {
        to_text(self.terminal.backend().buffer(), color)
    }
}

/// The screen after `keys`, with the analysis complete.
pub fn render(
    corpus: Corpus,
    setup: Setup,
    size: (u16, u16),
    keys: &str,
    color: bool,
) -> Result<String, String> {
    let mut screen = Screen::new(Arc::new(corpus), setup, size);
    screen.analyse();
    screen.press(keys)?;
    screen.draw();
    Ok(screen.text(color))
}

/// A buffer as lines of text; with `color`, SGR escapes wherever the style changes.
pub fn to_text(buf: &Buffer, color: bool) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in area.y..area.y + area.height {
        let mut line = String::new();
        let mut current = Style::default();
        let mut skip = 0usize;
        for x in area.x..area.x + area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            skip = super::wrap::width(symbol).saturating_sub(1);
            if color {
                let style = cell.style();
                if style != current {
                    line.push_str(&sgr(style));
                    current = style;
                }
            }
            line.push_str(if symbol.is_empty() { " " } else { symbol });
        }
        if color {
            line.push_str("\x1b[0m");
        } else {
            line.truncate(line.trim_end().len());
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn sgr(style: Style) -> String {
    let mut codes = vec!["0".to_string()];
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(fg) = style.fg.and_then(|c| color_code(c, false)) {
        codes.push(fg);
    }
    if let Some(bg) = style.bg.and_then(|c| color_code(c, true)) {
        codes.push(bg);
    }
    let mut s = String::new();
    let _ = write!(s, "\x1b[{}m", codes.join(";"));
    s
}

fn color_code(c: Color, bg: bool) -> Option<String> {
    let base = if bg { 40 } else { 30 };
    let simple = |n: u8, bright: bool| {
        Some(format!(
            "{}",
            base + u16::from(n) + if bright { 60 } else { 0 }
        ))
    };
    match c {
        Color::Reset => None,
        Color::Black => simple(0, false),
        Color::Red => simple(1, false),
        Color::Green => simple(2, false),
        Color::Yellow => simple(3, false),
        Color::Blue => simple(4, false),
        Color::Magenta => simple(5, false),
        Color::Cyan => simple(6, false),
        Color::Gray => simple(7, false),
        Color::DarkGray => simple(0, true),
        Color::LightRed => simple(1, true),
        Color::LightGreen => simple(2, true),
        Color::LightYellow => simple(3, true),
        Color::LightBlue => simple(4, true),
        Color::LightMagenta => simple(5, true),
        Color::LightCyan => simple(6, true),
        Color::White => simple(7, true),
        Color::Indexed(n) => Some(format!("{};5;{n}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("120x35"), Ok((120, 35)));
        assert!(parse_size("120").is_err());
        assert!(parse_size("0x5").is_err());
        assert!(parse_size("axb").is_err());
    }
}
