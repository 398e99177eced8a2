//! Colour themes: syntect `.tmTheme` files (ours embedded, syntect's built-ins, the user's theme
//! folder, or a path) mapped to the reader's roles, then reduced to what the terminal can show.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use syntect::highlighting::{Color as SynColor, FontStyle, Theme as SynTheme, ThemeSet};
use syntect::parsing::ScopeStack;

use crate::config::ColorSetting;

const OURS: &[(&str, &str)] = &[
    (
        "parallax-dark",
        include_str!("../../assets/themes/parallax-dark.tmTheme"),
    ),
    (
        "parallax-light",
        include_str!("../../assets/themes/parallax-light.tmTheme"),
    ),
];

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Truecolor,
    Ansi256,
    Ansi16,
    None,
}

impl Depth {
    /// From the config setting, then `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn detect(setting: ColorSetting) -> Depth {
        let env = |k: &str| std::env::var(k).unwrap_or_default();
        match setting {
            ColorSetting::Truecolor => Depth::Truecolor,
            ColorSetting::Ansi256 => Depth::Ansi256,
            ColorSetting::Ansi16 => Depth::Ansi16,
            ColorSetting::None => Depth::None,
            ColorSetting::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
                Depth::None
            }
            ColorSetting::Auto => {
                let colorterm = env("COLORTERM");
                let term = env("TERM");
                if colorterm.contains("truecolor") || colorterm.contains("24bit") {
                    Depth::Truecolor
                } else if term.contains("256") {
                    Depth::Ansi256
                } else if term == "dumb" {
                    Depth::None
                } else {
                    Depth::Ansi16
                }
            }
        }
    }
}

/// The reader's styles, one per role.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    /// The syntect theme behind the roles, for Markdown markup, and the depth it was fitted to.
    pub syntect: SynTheme,
    pub depth: Depth,
    pub base: Style,
    pub dim: Style,
    pub changed: Style,
    pub unique: Style,
    pub moved: Style,
    pub entity: Style,
    pub quote: Style,
    pub claim: Style,
    pub gutter: Style,
    pub selection: Style,
    pub search: Style,
    pub header: Style,
    pub header_focused: Style,
    pub status: Style,
    pub markup: Style,
}

/// Every theme by name: ours, syntect's, then the user's folder (later names win).
pub fn available(user_dir: Option<&Path>) -> BTreeMap<String, Source> {
    let mut out = BTreeMap::new();
    for &(name, _) in OURS {
        out.insert(name.to_string(), Source::Ours(name));
    }
    for name in ThemeSet::load_defaults().themes.keys() {
        out.insert(name.clone(), Source::Builtin(name.clone()));
    }
    if let Some(dir) = user_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "tmTheme")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                out.insert(stem.to_string(), Source::File(path.clone()));
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
pub enum Source {
    Ours(&'static str),
    Builtin(String),
    File(PathBuf),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::Ours(_) => "parallax".to_string(),
            Source::Builtin(_) => "syntect built-in".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// The user's theme folder: `themes/` beside the config file.
pub fn user_dir() -> Option<PathBuf> {
    crate::config::default_path().and_then(|p| p.parent().map(|d| d.join("themes")))
}

/// Load a theme by name (or by path to a `.tmTheme` file) and fit it to `depth`.
pub fn load(name: &str, depth: Depth) -> Result<Theme, String> {
    let syn = load_syntect(name)?;
    Ok(Theme::from_syntect(name, &syn, depth))
}

/// The syntect theme behind a name, for Markdown highlighting too.
pub fn load_syntect(name: &str) -> Result<SynTheme, String> {
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "tmTheme") || name.contains('/') {
        return ThemeSet::get_theme(path).map_err(|e| format!("{name}: not a usable theme: {e}"));
    }
    match available(user_dir().as_deref()).remove(name) {
        Some(Source::Ours(n)) => {
            let text = OURS.iter().find(|(o, _)| *o == n).map_or("", |(_, t)| t);
            ThemeSet::load_from_reader(&mut Cursor::new(text))
                .map_err(|e| format!("{name}: bundled theme does not parse: {e}"))
        }
        Some(Source::Builtin(n)) => ThemeSet::load_defaults()
            .themes
            .remove(&n)
            .ok_or_else(|| format!("{name}: unknown theme")),
        Some(Source::File(p)) => {
            ThemeSet::get_theme(&p).map_err(|e| format!("{}: not a usable theme: {e}", p.display()))
        }
        None => Err(format!(
            "unknown theme `{name}` (see `parallax themes` for the list)"
        )),
    }
}

impl Theme {
    fn from_syntect(name: &str, t: &SynTheme, depth: Depth) -> Theme {
        let mut theme = Theme::mapped(name, t, depth);
        if depth == Depth::Ansi16 {
            theme.use_ansi_palette();
        }
        // Whatever the theme and terminal, changed words must stand out from shared ones.
        if theme.changed == theme.base {
            theme.changed = theme
                .changed
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        theme
    }

    /// On 16-colour terminals the user's palette decides the real colours, so roles take the
    /// conventional ANSI colours rather than whatever the theme's RGB values round to.
    fn use_ansi_palette(&mut self) {
        let fg = |c: Color| Style::default().fg(c);
        self.base = Style::default();
        self.dim = fg(Color::DarkGray);
        self.changed = fg(Color::Yellow).add_modifier(Modifier::BOLD);
        self.unique = fg(Color::Green);
        self.moved = fg(Color::Magenta).add_modifier(Modifier::ITALIC);
        self.entity = fg(Color::Blue);
        self.quote = fg(Color::Yellow);
        self.claim = fg(Color::Cyan).add_modifier(Modifier::UNDERLINED);
        self.gutter = fg(Color::DarkGray);
        self.selection = Style::default().add_modifier(Modifier::REVERSED);
        self.search = Style::default().fg(Color::Black).bg(Color::Yellow);
        self.header = Style::default().add_modifier(Modifier::BOLD);
        self.header_focused = Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        self.status = Style::default().add_modifier(Modifier::REVERSED);
        self.markup = fg(Color::DarkGray);
    }

    fn mapped(name: &str, t: &SynTheme, depth: Depth) -> Theme {
        let s = &t.settings;
        let fg = s.foreground.unwrap_or(SynColor::WHITE);
        let bg = s.background.unwrap_or(SynColor::BLACK);
        let paint = |c: SynColor| convert(c, depth);
        let scope = |names: &[&str]| lookup(t, names);
        let role = |names: &[&str], fallback: Modifier| -> Style {
            let (color, font) = scope(names).unwrap_or((fg, FontStyle::empty()));
            let style = Style::default()
                .fg(paint(color))
                .add_modifier(modifiers(font));
            if depth == Depth::None {
                Style::default().add_modifier(fallback)
            } else {
                style
            }
        };
        let base = Style::default().fg(paint(fg));
        let selection = match depth {
            Depth::None => Style::default().add_modifier(Modifier::REVERSED),
            _ => Style::default().bg(paint(s.line_highlight.or(s.selection).unwrap_or(bg))),
        };
        let search = match depth {
            Depth::None => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            _ => Style::default()
                .fg(paint(bg))
                .bg(paint(s.find_highlight.unwrap_or(SynColor {
                    r: 229,
                    g: 192,
                    b: 123,
                    a: 255,
                }))),
        };
        let gutter_color = s.gutter_foreground.unwrap_or(fg);
        Theme {
            name: name.to_string(),
            syntect: t.clone(),
            depth,
            base,
            dim: role(&["parallax.boilerplate", "comment"], Modifier::DIM),
            changed: role(
                &["parallax.changed", "markup.changed", "keyword"],
                Modifier::BOLD | Modifier::UNDERLINED,
            ),
            unique: role(
                &["parallax.unique", "markup.inserted", "string"],
                Modifier::ITALIC,
            ),
            moved: role(
                &["parallax.moved", "constant.language", "constant"],
                Modifier::ITALIC,
            ),
            entity: role(
                &["parallax.entity", "entity.name", "support.type"],
                Modifier::BOLD,
            ),
            quote: role(&["parallax.quote", "string"], Modifier::ITALIC),
            claim: role(
                &["parallax.claim", "constant.numeric"],
                Modifier::UNDERLINED,
            ),
            gutter: if depth == Depth::None {
                Style::default()
            } else {
                Style::default().fg(paint(gutter_color))
            },
            selection,
            search,
            header: base.add_modifier(Modifier::BOLD),
            header_focused: if depth == Depth::None {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::default()
                    .fg(paint(bg))
                    .bg(paint(gutter_color))
                    .add_modifier(Modifier::BOLD)
            },
            status: if depth == Depth::None {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
                    .fg(paint(fg))
                    .bg(paint(s.selection.unwrap_or(bg)))
            },
            markup: role(&["punctuation.definition", "comment"], Modifier::DIM),
        }
    }
}

/// The colour and font of the first of `names` the theme styles, by the best-matching rule.
fn lookup(t: &SynTheme, names: &[&str]) -> Option<(SynColor, FontStyle)> {
    names.iter().find_map(|name| {
        let stack = ScopeStack::from_str(name).ok()?;
        t.scopes
            .iter()
            .filter_map(|item| {
                let power = item.scope.does_match(stack.as_slice())?;
                let fg = item.style.foreground?;
                Some((
                    power,
                    fg,
                    item.style.font_style.unwrap_or_else(FontStyle::empty),
                ))
            })
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
            .map(|(_, fg, font)| (fg, font))
    })
}

fn modifiers(font: FontStyle) -> Modifier {
    let mut m = Modifier::empty();
    if font.contains(FontStyle::BOLD) {
        m |= Modifier::BOLD;
    }
    if font.contains(FontStyle::ITALIC) {
        m |= Modifier::ITALIC;
    }
    if font.contains(FontStyle::UNDERLINE) {
        m |= Modifier::UNDERLINED;
    }
    m
}

/// An RGB colour as the terminal can show it.
pub fn convert(c: SynColor, depth: Depth) -> Color {
    match depth {
        Depth::Truecolor => Color::Rgb(c.r, c.g, c.b),
        Depth::Ansi256 => Color::Indexed(nearest_256(c.r, c.g, c.b)),
        Depth::Ansi16 => nearest_16(c.r, c.g, c.b),
        Depth::None => Color::Reset,
    }
}

fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    const STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let idx = |v: u8| {
        STEPS
            .iter()
            .enumerate()
            .min_by_key(|(_, s)| (i32::from(**s) - i32::from(v)).abs())
            .map_or(0, |(i, _)| i as u8)
    };
    let (ri, gi, bi) = (idx(r), idx(g), idx(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    let cube_rgb = (STEPS[ri as usize], STEPS[gi as usize], STEPS[bi as usize]);
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let gray_i = ((avg.saturating_sub(8)) / 10).min(23) as u8;
    let gray = 8 + 10 * gray_i;
    let dist = |(a, b2, c): (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(a, r) + d(b2, g) + d(c, b)
    };
    if dist((gray, gray, gray)) < dist(cube_rgb) {
        232 + gray_i
    } else {
        cube
    }
}

fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    const PALETTE: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    PALETTE
        .iter()
        .min_by_key(|(_, (pr, pg, pb))| d(*pr, r) + d(*pg, g) + d(*pb, b))
        .map_or(Color::Reset, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_theme_loads_at_every_depth() {
        let names: Vec<String> = available(None).into_keys().collect();
        assert!(names.contains(&"parallax-dark".to_string()));
        assert!(names.contains(&"InspiredGitHub".to_string()));
        for name in &names {
            for depth in [Depth::Truecolor, Depth::Ansi256, Depth::Ansi16, Depth::None] {
                let t = load(name, depth).unwrap_or_else(|e| panic!("{e}"));
                assert_ne!(t.changed, t.base, "{name} marks changed words");
            }
        }
    }

    #[test]
    fn our_themes_style_every_role() {
        for (name, _) in OURS {
            let t = load_syntect(name).unwrap();
            for role in [
                "parallax.changed",
                "parallax.unique",
                "parallax.moved",
                "parallax.entity",
                "parallax.quote",
                "parallax.claim",
                "comment",
            ] {
                assert!(lookup(&t, &[role]).is_some(), "{name} lacks {role}");
            }
        }
    }

    #[test]
    fn bad_names_and_files_are_refused() {
        assert!(
            load("no-such-theme", Depth::Truecolor)
                .unwrap_err()
                .contains("unknown theme")
        );
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("broken.tmTheme");
        std::fs::write(&bad, "<plist>nope").unwrap();
        let e = load(bad.to_str().unwrap(), Depth::Truecolor).unwrap_err();
        assert!(e.contains("broken.tmTheme: not a usable theme"), "{e}");
    }

    #[test]
    fn colours_reduce_to_the_terminal() {
        let c = SynColor {
            r: 240,
            g: 164,
            b: 93,
            a: 255,
        };
        assert_eq!(convert(c, Depth::Truecolor), Color::Rgb(240, 164, 93));
        assert!(matches!(convert(c, Depth::Ansi256), Color::Indexed(n) if n >= 16));
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_16(250, 250, 250), Color::White);
    }
}
