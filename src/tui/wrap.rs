//! Soft wrapping of document text at a pane width, correct for wide and combining characters:
//! a block of text becomes visual lines, each a byte range of the document (nothing is copied).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One visual line: a byte range into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// Columns a piece of text takes on screen; whitespace and control characters count one each,
/// because the renderer shows each of them as a single space.
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.graphemes(true)
        .map(|g| match g.chars().next() {
            Some(c) if c.is_whitespace() || c.is_control() => 1,
            _ => UnicodeWidthStr::width(g),
        })
        .sum()
}

/// Wrap `text` (which starts at byte `base` of the document) into lines of at most `cols`
/// columns, breaking at whitespace, and inside a word only when the word alone is too wide.
/// A blank line in the text (a paragraph break) always ends the line.
pub fn wrap(text: &str, base: usize, cols: usize) -> Vec<Line> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut current: Option<(Line, usize)> = None; // the line and its width so far
    let mut gap_start = 0;
    for (start, word) in words(text) {
        let w = width(word);
        let gap_text = &text[gap_start..start];
        let gap = width(gap_text);
        let paragraph_break = gap_text.matches('\n').count() > 1;
        gap_start = start + word.len();
        let (s, e) = (base + start, base + start + word.len());
        match current.as_mut() {
            Some((line, used)) if !paragraph_break && *used + gap + w <= cols => {
                line.end = e;
                *used += gap + w;
                continue;
            }
            Some((line, _)) => lines.push(*line),
            None => {}
        }
        if w <= cols {
            current = Some((Line { start: s, end: e }, w));
            continue;
        }
        // A word wider than the pane: cut it between graphemes.
        let mut piece = Line { start: s, end: s };
        let mut used = 0;
        for (i, g) in word.grapheme_indices(true) {
            let gw = width(g);
            if used + gw > cols && used > 0 {
                lines.push(piece);
                piece = Line {
                    start: s + i,
                    end: s + i,
                };
                used = 0;
            }
            piece.end = s + i + g.len();
            used += gw;
        }
        current = Some((piece, used));
    }
    lines.extend(current.map(|(line, _)| line));
    lines
}

/// Runs of non-whitespace with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(char::is_whitespace)
        .scan(0, |offset, piece| {
            let start = *offset;
            *offset += piece.len();
            let word = piece.trim_end_matches(char::is_whitespace);
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, cols: usize) -> Vec<&str> {
        wrap(text, 0, cols)
            .into_iter()
            .map(|l| &text[l.start..l.end])
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("a\nb  c", 80), vec!["a\nb  c"]);
        assert_eq!(lines("end.\n\nNext one", 80), vec!["end.", "Next one"]);
    }

    #[test]
    fn wide_and_combining_characters_fit() {
        // Each CJK character is two columns; e + combining acute is one.
        assert_eq!(lines("日本語の文", 4), vec!["日本", "語の", "文"]);
        assert_eq!(lines("cafe\u{301} ok", 5), vec!["cafe\u{301}", "ok"]);
        assert_eq!(lines("👩🏽‍🚀👩🏽‍🚀", 2), vec!["👩🏽‍🚀", "👩🏽‍🚀"]);
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        let text = "x".repeat(25) + " tail";
        let got = lines(&text, 10);
        assert_eq!(got, vec!["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx tail"]);
        assert_eq!(lines("", 10), Vec::<&str>::new());
        assert_eq!(lines("word", 0), vec!["w", "o", "r", "d"]);
    }
}
