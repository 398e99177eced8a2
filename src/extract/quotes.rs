//! Finding direct quotations: pairing straight and curly double quotes, guillemets and single
//! quotes used as quotation marks (never apostrophes: `Trump’s`, `’90s`, `rock ’n’ roll`),
//! continuing a quote into the next paragraph when that paragraph opens with a mark, and dropping
//! marks that never close without losing the rest of the document.

use crate::document::{Document, Span};

/// A quotation found by its marks, before speakers are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The words inside the marks, trimmed of spaces.
    pub inner: Span,
    /// With the marks.
    pub outer: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark whose neighbours do not tell.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    role: Role,
    /// `„`, which `“` closes in German-style typesetting.
    low: bool,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    start: usize,
    inner_start: usize,
    low: bool,
}

/// Words that follow an apostrophe at the start of a word: `’n’`, `'em`, `'til`.
const ELISIONS: [&str; 12] = [
    "n", "em", "tis", "twas", "til", "cause", "bout", "s", "re", "ll", "ve", "d",
];

/// Every quotation in the document, in order.
pub fn find(doc: &Document) -> Vec<Found> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut carried: Option<Open> = None;
    let paragraphs: Vec<Span> = doc
        .paragraphs
        .iter()
        .filter(|p| !p.boilerplate)
        .map(|p| p.span)
        .collect();
    for (n, para) in paragraphs.iter().enumerate() {
        let found = marks(text, *para);
        let last_single_close = found
            .iter()
            .rev()
            .find(|m| m.family == Family::Single && m.role == Role::Close)
            .map_or(0, |m| m.pos);
        let mut open = carried.take();
        let mut skip_first = open.is_some();
        for mark in &found {
            if skip_first {
                // The mark that reopens a quote continued from the previous paragraph.
                skip_first = false;
                continue;
            }
            open = step(open, *mark, last_single_close, text, &mut out);
        }
        if let Some(o) = open {
            let continues = paragraphs.get(n + 1).is_some_and(|next| {
                marks(text, *next).first().is_some_and(|m| {
                    m.pos == next.start as usize && m.family == o.family && m.role != Role::Close
                })
            });
            if continues {
                carried = Some(o);
            }
        }
    }
    out
}

/// Apply one mark to the open quote; returns the quote still open afterwards.
fn step(
    open: Option<Open>,
    mark: Mark,
    last_single_close: usize,
    text: &str,
    out: &mut Vec<Found>,
) -> Option<Open> {
    let opening = |m: Mark| Open {
        family: m.family,
        start: m.pos,
        inner_start: m.pos + m.len,
        low: m.low,
    };
    let Some(o) = open else {
        return (mark.role != Role::Close).then(|| opening(mark));
    };
    if mark.family != o.family {
        let nested = o.family != Family::Single || last_single_close > mark.pos;
        if nested {
            return Some(o);
        }
        // A single mark that never closes was an apostrophe after all.
        return step(None, mark, last_single_close, text, out);
    }
    let closes = match mark.role {
        Role::Close | Role::Either => true,
        Role::Open => o.low && text.get(mark.pos..).is_some_and(|s| s.starts_with('“')),
    };
    if !closes {
        return Some(opening(mark)); // the earlier opening mark was never closed
    }
    emit(text, o, mark, out);
    None
}

fn emit(text: &str, o: Open, close: Mark, out: &mut Vec<Found>) {
    let Some(raw) = text.get(o.inner_start..close.pos) else {
        return;
    };
    // Digits alone between marks are an identifier or a measure (`"1474387200"`, `5' 11"`),
    // never someone's words.
    if !raw.chars().any(char::is_alphabetic) {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    out.push(Found {
        inner: Span::new(o.inner_start + lead, o.inner_start + lead + body.len()),
        outer: Span::new(o.start, close.pos + close.len),
    });
}

fn is_boundary_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{<—–-/\"“”‘’«»„".contains(c))
}

fn is_boundary_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}>—–-…\"“”‘’«»".contains(c))
}

/// Whether the word starting at `rest` is an elision like `’n’` or `'em`, not a quotation.
fn elision_follows(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    ELISIONS.contains(&word.as_str())
}

/// The quotation marks of one paragraph, each with its role guessed from its neighbours.
fn marks(text: &str, para: Span) -> Vec<Mark> {
    let Some(body) = text.get(para.range()) else {
        return Vec::new();
    };
    let base = para.start as usize;
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut next = chars.peek().map(|&(_, n)| n);
        let before = is_boundary_before(prev);
        // `''` typeset for a double quotation mark (old wire and archive text).
        if c == '\'' && next == Some('\'') {
            chars.next();
            next = chars.peek().map(|&(_, n)| n);
            out.push(Mark {
                pos: base + i,
                len: 2,
                family: Family::Double,
                role: straight_role(before, is_boundary_after(next)),
                low: false,
            });
            prev = Some(c);
            continue;
        }
        let rest = body.get(i + c.len_utf8()..).unwrap_or("");
        let after = is_boundary_after(next);
        let letter_next = next.is_some_and(char::is_alphabetic);
        let found = match c {
            '"' => Some((Family::Double, straight_role(before, after), false)),
            '“' => Some((Family::Double, Role::Open, false)),
            '„' => Some((Family::Double, Role::Open, true)),
            '”' if before && !after => Some((Family::Double, Role::Either, false)),
            '”' => Some((Family::Double, Role::Close, false)),
            '«' => Some((Family::Guillemet, Role::Open, false)),
            '»' => Some((Family::Guillemet, Role::Close, false)),
            '‘' | '\'' if before && letter_next && !elision_follows(rest) => {
                Some((Family::Single, Role::Open, false))
            }
            '‘' | '’' | '\''
                if !before
                    && after
                    && !closes_elision(body, i)
                    && !prev.is_some_and(char::is_numeric) =>
            {
                Some((Family::Single, Role::Close, false))
            }
            _ => None,
        };
        if let Some((family, role, low)) = found {
            out.push(Mark {
                pos: base + i,
                len: c.len_utf8(),
                family,
                role,
                low,
            });
        }
        prev = Some(c);
    }
    drop_plural_possessives(body, base, &mut out);
    out
}

fn straight_role(before: bool, after: bool) -> Role {
    match (before, after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// The second mark of `’n’` / `'n'`.
fn closes_elision(body: &str, i: usize) -> bool {
    let head = body.get(..i).unwrap_or("");
    let mut back = head.chars().rev();
    matches!(
        (back.next(), back.next(), back.next()),
        (Some('n' | 'N'), Some('’' | '\'' | '‘'), _)
    )
}

/// `the players’ union`: a single closing mark after an `s` and before a lowercase word is a
/// plural possessive when a later single mark can close the quote instead.
fn drop_plural_possessives(body: &str, base: usize, marks: &mut Vec<Mark>) {
    let Some(last_close) = marks
        .iter()
        .rposition(|m| m.family == Family::Single && m.role == Role::Close)
    else {
        return;
    };
    let mut index = 0;
    marks.retain(|m| {
        let keep = index >= last_close
            || m.family != Family::Single
            || m.role != Role::Close
            || !possessive_here(body, m.pos - base, m.len);
        index += 1;
        keep
    });
}

fn possessive_here(body: &str, i: usize, len: usize) -> bool {
    let before = body.get(..i).and_then(|s| s.chars().next_back());
    let mut after = body.get(i + len..).unwrap_or("").chars();
    before == Some('s') && after.next() == Some(' ') && after.next().is_some_and(char::is_lowercase)
}
