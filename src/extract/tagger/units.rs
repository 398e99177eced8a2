//! The words the tagger reads, cut from a sentence's tokens the way CoNLL-2003 (its training
//! text) cuts them: hyphenated compounds and "AT&T" whole, an abbreviation with its period,
//! a possessive `’s` apart, curly quotes as straight ones.

use crate::document::{Document, Sentence, Span};
use crate::extract::words::{glued, is_initial, is_word, tok};
use crate::lexicon;

/// One word for the tagger: tokens `first..=last` of the document, or part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit<'a> {
    pub text: &'a str,
    pub span: Span,
    pub first: usize,
    pub last: usize,
}

/// Whether token `i` joins the unit that ends at token `end`.
fn joins(doc: &Document, end: usize, i: usize, stop: usize) -> bool {
    if !glued(doc, end, i) {
        return false;
    }
    let t = tok(doc, i);
    let prev = tok(doc, end);
    let links = |t: &str| matches!(t, "-" | "&");
    if links(t) {
        return i + 1 < stop && glued(doc, i, i + 1) && is_word_like(doc, i + 1);
    }
    if links(prev) {
        return is_word_like(doc, i);
    }
    // "U.S." and "Inc." keep their period, as CoNLL writes them.
    t == "." && (prev.contains('.') || is_initial(prev) || lexicon::abbreviation(prev).is_some())
}

fn is_word_like(doc: &Document, i: usize) -> bool {
    is_word(doc, i) || tok(doc, i).chars().next().is_some_and(char::is_numeric)
}

/// Straight forms of the quote marks CoNLL writes straight.
fn fold(text: &str) -> &str {
    match text {
        "“" | "”" | "„" | "«" | "»" => "\"",
        "‘" | "’" => "'",
        _ => text,
    }
}

/// The tagger's words of one sentence.
pub fn units<'a>(doc: &'a Document, s: &Sentence) -> Vec<Unit<'a>> {
    let (start, stop) = (s.tokens.start as usize, s.tokens.end as usize);
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(stop.saturating_sub(start));
    let mut i = start;
    while i < stop {
        let Some(first) = doc.tokens.get(i) else {
            break;
        };
        let mut last = i;
        while last + 1 < stop && joins(doc, last, last + 1, stop) {
            last += 1;
        }
        let end = doc.tokens.get(last).map_or(first.span.end, |t| t.span.end);
        let span = Span::new(first.span.start as usize, end as usize);
        let text = doc.slice(span);
        let suffix = ["’s", "'s", "’S", "'S"]
            .into_iter()
            .find(|p| text.len() > p.len() && text.ends_with(p));
        match suffix {
            Some(p) => {
                let cut = span.end as usize - p.len();
                let base = Span::new(span.start as usize, cut);
                out.push(Unit {
                    text: doc.slice(base),
                    span: base,
                    first: i,
                    last,
                });
                let rest = Span::new(cut, span.end as usize);
                let text = if p.ends_with('S') { "'S" } else { "'s" };
                out.push(Unit {
                    text,
                    span: rest,
                    first: last,
                    last,
                });
            }
            None => out.push(Unit {
                text: fold(text),
                span,
                first: i,
                last,
            }),
        }
        i = last + 1;
    }
    out
}
