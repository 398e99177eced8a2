//! Re-anchoring: finding again, in an edited document, the text a mark covers. Exact text first,
//! then with whitespace runs, curly quotes and dashes folded; of several places, the one nearest
//! the old span wins, so a repeated phrase keeps its own mark.

use crate::document::Span;

/// Where a mark's text is in the document's current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Still at its span.
    Same,
    /// Found elsewhere (or with different whitespace or quotes).
    Moved(Span),
    /// Not in the text any more.
    Lost,
}

pub fn reanchor(text: &str, span: Span, covered: &str) -> Anchor {
    if covered.is_empty() {
        // An empty mark matches anywhere; it can only stay where it was.
        return if text.get(span.range()).is_some() {
            Anchor::Same
        } else {
            Anchor::Lost
        };
    }
    if text.get(span.range()) == Some(covered) {
        return Anchor::Same;
    }
    let old = span.start as usize;
    let exact = nearest(text.match_indices(covered).map(|(i, _)| i), old)
        .map(|i| Span::new(i, i + covered.len()));
    match exact.or_else(|| folded_match(text, covered, old)) {
        Some(found) => Anchor::Moved(found),
        None => Anchor::Lost,
    }
}

fn nearest(starts: impl Iterator<Item = usize>, old: usize) -> Option<usize> {
    starts.min_by_key(|&i| i.abs_diff(old))
}

fn folded_match(text: &str, covered: &str, old: usize) -> Option<Span> {
    let needle = Folded::new(covered.trim());
    let hay = Folded::new(text);
    if needle.text.is_empty() {
        return None;
    }
    let at = nearest(hay.text.match_indices(&needle.text).map(|(i, _)| i), old)?;
    let start = hay.origin.get(at)?.0;
    let end = hay.origin.get(at + needle.text.len() - 1)?.1;
    Some(Span::new(start, end))
}

/// Text with whitespace, quotes and dashes folded, remembering for each byte the original
/// character's byte range.
struct Folded {
    text: String,
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn new(source: &str) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(source.len()),
            origin: Vec::with_capacity(source.len()),
        };
        let mut in_space = false;
        for (i, c) in source.char_indices() {
            let end = i + c.len_utf8();
            if c.is_whitespace() {
                if !in_space {
                    folded.push(' ', i, end);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            folded.push(fold(c), i, end);
        }
        folded
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n((start, end), c.len_utf8()));
    }
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Span {
        let i = text.find(needle).unwrap();
        Span::new(i, i + needle.len())
    }

    #[test]
    fn unchanged_text_stays() {
        let t = "One. Two words here. Three.";
        assert_eq!(reanchor(t, at(t, "Two words"), "Two words"), Anchor::Same);
    }

    #[test]
    fn moved_text_is_found_nearest_the_old_place() {
        let old = "A said yes. B said no. A said yes.";
        let new = "Intro. A said yes. B said no. A said yes.";
        let second = Span::new(23, 34);
        assert_eq!(old.get(second.range()), Some("A said yes."));
        let Anchor::Moved(found) = reanchor(new, second, "A said yes.") else {
            panic!("not found");
        };
        assert_eq!(found.start, 30, "the second occurrence, not the first");
    }

    #[test]
    fn whitespace_quotes_and_dashes_are_folded() {
        let new = "He said \u{201C}it was  cautious\non paper\u{201D} \u{2014} then left.";
        let Anchor::Moved(found) =
            reanchor(new, Span::new(0, 5), "\"it was cautious on paper\" - then")
        else {
            panic!("not found");
        };
        assert_eq!(
            &new[found.range()],
            "\u{201C}it was  cautious\non paper\u{201D} \u{2014} then"
        );
    }

    #[test]
    fn vanished_text_is_lost() {
        assert_eq!(
            reanchor("Nothing like it.", Span::new(0, 4), "1,240 homes"),
            Anchor::Lost
        );
        assert_eq!(reanchor("short", Span::new(10, 12), ""), Anchor::Lost);
    }
}
