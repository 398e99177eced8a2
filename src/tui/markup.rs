//! Markdown documents keep their markup on screen, highlighted by syntect with the theme's own
//! scopes (headings, emphasis, links, list marks). Highlighting is per paragraph, on demand.

use ratatui::style::{Modifier, Style};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme as SynTheme};
use syntect::parsing::SyntaxSet;

use super::theme::{self, Depth};
use crate::document::Span;

pub struct Markup {
    syntaxes: SyntaxSet,
    theme: SynTheme,
    depth: Depth,
}

impl Markup {
    pub fn new(theme: SynTheme, depth: Depth) -> Markup {
        Markup {
            syntaxes: SyntaxSet::load_defaults_nonewlines(),
            theme,
            depth,
        }
    }

    /// Styled byte ranges of a paragraph's markup (`text` starts at byte `base` of the
    /// document); plain prose is left out so the reader's own roles show through.
    pub fn paragraph(&self, text: &str, base: usize) -> Vec<(Span, Style)> {
        let Some(syntax) = self.syntaxes.find_syntax_by_extension("md") else {
            return Vec::new();
        };
        let plain = self.theme.settings.foreground;
        let mut h = HighlightLines::new(syntax, &self.theme);
        let mut out = Vec::new();
        let mut offset = base;
        for line in text.split('\n') {
            if let Ok(regions) = h.highlight_line(line, &self.syntaxes) {
                let mut at = offset;
                for (style, piece) in regions {
                    let styled = Some(style.foreground) != plain || !style.font_style.is_empty();
                    if styled && !piece.trim().is_empty() {
                        out.push((Span::new(at, at + piece.len()), self.convert(style)));
                    }
                    at += piece.len();
                }
            }
            offset += line.len() + 1;
        }
        out
    }

    fn convert(&self, style: syntect::highlighting::Style) -> Style {
        let mut m = Modifier::empty();
        if style.font_style.contains(FontStyle::BOLD) {
            m |= Modifier::BOLD;
        }
        if style.font_style.contains(FontStyle::ITALIC) {
            m |= Modifier::ITALIC;
        }
        if style.font_style.contains(FontStyle::UNDERLINE) {
            m |= Modifier::UNDERLINED;
        }
        let s = Style::default().add_modifier(m);
        match self.depth {
            Depth::None => s,
            depth => s.fg(theme::convert(style.foreground, depth)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_emphasis_are_styled() {
        let theme = theme::load_syntect("parallax-dark").unwrap();
        let m = Markup::new(theme, Depth::Truecolor);
        let text = "# Flood report\nSome **bold** words.";
        let spans = m.paragraph(text, 100);
        assert!(!spans.is_empty());
        let covered = |word: &str| {
            let at = 100 + text.find(word).unwrap();
            spans
                .iter()
                .any(|(s, _)| (s.start as usize) <= at && at < s.end as usize)
        };
        assert!(covered("Flood"), "{spans:?}");
        assert!(covered("**bold"), "{spans:?}");
        assert!(!covered("Some"), "plain prose stays plain: {spans:?}");
    }
}
