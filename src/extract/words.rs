//! Small facts about tokens that every extractor asks: capitals, acronyms, quote marks,
//! possessives, and where a token sits among the sentences.

use crate::document::{Document, Sentence, Span, TokenKind};

/// The text of token `i` ("" past the end).
pub fn tok(doc: &Document, i: usize) -> &str {
    doc.tokens.get(i).map_or("", |t| doc.slice(t.span))
}

pub fn is_word(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}

pub fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

pub fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Every letter a capital, and at least two of them ("NWA", "U.S", "BRENNICK").
pub fn all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// An initialism: "FBI", "ODNI", "U.S" (the segmenter leaves the final period apart), "G7".
pub fn is_acronym(s: &str) -> bool {
    let core = strip_possessive(s);
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    all_caps(core)
        && (2..=5).contains(&letters)
        && core.starts_with(|c: char| c.is_alphabetic())
        && core
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '&')
}

/// "Trump’s" → "Trump"; "Insurers’" stays (a plural possessive inside a name).
pub fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .or_else(|| s.strip_suffix("’S"))
        .or_else(|| s.strip_suffix("'S"))
        .unwrap_or(s)
}

pub fn is_opening_mark(s: &str) -> bool {
    matches!(s, "“" | "„" | "«" | "‘")
}

pub fn is_quote_mark(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "”" | "„" | "«" | "»" | "‘" | "’" | "'" | "‹" | "›"
    )
}

/// Whether tokens `a` and `b` touch, with no space between them.
pub fn glued(doc: &Document, a: usize, b: usize) -> bool {
    match (doc.tokens.get(a), doc.tokens.get(b)) {
        (Some(x), Some(y)) => x.span.end == y.span.start,
        _ => false,
    }
}

/// The span from the start of token `first` to the end of token `last` (inclusive).
pub fn span_of(doc: &Document, first: usize, last: usize) -> Span {
    match (doc.tokens.get(first), doc.tokens.get(last)) {
        (Some(a), Some(b)) if a.span.start <= b.span.end => Span {
            start: a.span.start,
            end: b.span.end,
        },
        _ => Span::default(),
    }
}

/// Index of the first token that starts at or after byte `pos`.
pub fn token_at_or_after(doc: &Document, pos: u32) -> usize {
    doc.tokens.partition_point(|t| t.span.start < pos)
}

/// Index of the sentence that holds token `i`, if any.
pub fn sentence_of_token(doc: &Document, i: usize) -> Option<usize> {
    let i = i as u32;
    let n = doc.sentences.partition_point(|s| s.tokens.end <= i);
    doc.sentences
        .get(n)
        .filter(|s| s.tokens.contains(&i))
        .map(|_| n)
}

/// The token range of a sentence as `usize`.
pub fn range(s: &Sentence) -> std::ops::Range<usize> {
    s.tokens.start as usize..s.tokens.end as usize
}

/// Subject pronouns and the gender they ask for; `Some(None)` for "they"/"it"-like ones.
pub fn pronoun(s: &str) -> Option<Option<crate::lexicon::Gender>> {
    use crate::lexicon::Gender;
    match s {
        "he" | "He" | "him" => Some(Some(Gender::Male)),
        "she" | "She" | "her" => Some(Some(Gender::Female)),
        "they" | "They" => Some(None),
        _ => None,
    }
}

/// A single capital letter: a middle initial ("Anton J. Kessel").
pub fn is_initial(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// A word in capitals too long for an acronym ("BRENNICK" in a dateline): its case says
/// nothing, so it only counts where the corpus already knows the name.
pub fn all_caps_long(s: &str) -> bool {
    all_caps(s) && s.chars().filter(|c| c.is_alphabetic()).count() > 5
}
