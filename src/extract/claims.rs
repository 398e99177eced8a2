//! Claims: sentences that assert something checkable — attributed to a source ("said",
//! "according to"), carrying a figure (money, percentages, counts, dates, durations) or hedged
//! ("likely", "believed to") — with their source and cue words.

use super::attribution::{self, Clause};
use super::resolve::Resolver;
use super::words::{self, tok};
use super::{Attribution, Claim, Cue, CueKind, Quote};
use crate::document::{Document, Span, TokenKind};
use crate::lexicon::{self, Reporting};

/// The reporting clauses of every sentence (empty for boilerplate), by sentence index.
pub fn clauses(doc: &Document) -> Vec<Vec<Clause>> {
    doc.sentences
        .iter()
        .map(|s| {
            if s.boilerplate {
                Vec::new()
            } else {
                let r = words::range(s);
                attribution::clauses(doc, r.start, r.end)
            }
        })
        .collect()
}

/// The sources the document names outright (no pronouns), in position order: what a later
/// "he" or "they" may stand for.
pub fn named_sources(
    doc: &Document,
    clauses: &[Vec<Clause>],
    resolver: &Resolver,
) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = clauses
        .iter()
        .flatten()
        .filter(|c| !resolver.is_quoted(c.cue.start))
        .filter_map(|c| c.source)
        .filter(|&(a, b)| !(a == b && words::pronoun(tok(doc, a)).is_some()))
        .filter_map(|s| resolver.attribution(s, &[]))
        .collect();
    out.sort_by_key(|a| a.span.start);
    out
}

/// Every claim of the document, in order.
pub fn find(
    doc: &Document,
    quotes: &[Quote],
    clauses: &[Vec<Clause>],
    resolver: &Resolver,
    prior: &[Attribution],
) -> Vec<Claim> {
    let mut out = Vec::new();
    for (index, (s, clauses)) in doc.sentences.iter().zip(clauses).enumerate() {
        if s.boilerplate {
            continue;
        }
        // Quotes are in order and do not overlap: binary search keeps this linear overall.
        let inside = |pos: u32| {
            let i = quotes.partition_point(|q| q.outer.end <= pos);
            quotes.get(i).is_some_and(|q| q.outer.start <= pos)
        };
        let lo = quotes.partition_point(|q| q.outer.end <= s.span.start);
        let quoted_here: Vec<&Quote> = quotes
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|q| q.outer.start < s.span.end)
            .collect();
        // A reporting verb inside a quote is the speaker's wording, not an attribution.
        let mut cues: Vec<Cue> = clauses
            .iter()
            .filter(|c| !inside(c.cue.start))
            .filter(|c| c.reporting == Reporting::Claim || !quoted_here.is_empty())
            .map(|c| Cue {
                span: c.cue,
                kind: CueKind::Attribution,
            })
            .collect();
        let r = words::range(s);
        cues.extend(figures(doc, r.start, r.end).into_iter().map(|span| Cue {
            span,
            kind: CueKind::Figure,
        }));
        cues.extend(hedges(doc, s.span).into_iter().map(|span| Cue {
            span,
            kind: CueKind::Hedge,
        }));
        if cues.is_empty() || !reads_as_prose(doc, s) {
            continue;
        }
        cues.sort_by_key(|c| (c.span.start, c.span.end));
        cues.dedup_by_key(|c| c.span);
        let source = clauses
            .iter()
            .filter(|c| !inside(c.cue.start))
            .find_map(|c| c.source)
            .and_then(|src| resolver.attribution(src, prior))
            .or_else(|| quoted_here.iter().find_map(|q| q.speaker.clone()));
        out.push(Claim {
            span: s.span,
            sentence: index,
            source,
            cues,
            counterparts: Vec::new(),
        });
    }
    out
}

const SPELLED: [&str; 40] = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "dozen",
    "dozens",
    "half",
    "twice",
    "tens",
];

const SCALES: [&str; 8] = [
    "million", "billion", "trillion", "thousand", "hundred", "percent", "%", "bn",
];

const MONTHS: [&str; 21] = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
];

/// Figures in tokens `start..end`: "$48.7 million", "12%", "1,240", "Jan. 14", "forty minutes".
pub fn figures(doc: &Document, start: usize, end: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let t = tok(doc, i);
        let number = doc
            .tokens
            .get(i)
            .is_some_and(|k| k.kind == TokenKind::Number);
        let spelled = SPELLED.contains(&t.to_lowercase().as_str());
        if !number && !spelled {
            i += 1;
            continue;
        }
        let mut first = i;
        if i > start && matches!(tok(doc, i - 1), "$" | "€" | "£" | "¥") {
            first = i - 1;
        } else if i > start + 1 && tok(doc, i - 1) == "." && MONTHS.contains(&tok(doc, i - 2)) {
            first = i - 2;
        } else if i > start && (MONTHS.contains(&tok(doc, i - 1)) || tok(doc, i - 1) == "May") {
            first = i - 1;
        }
        let mut last = i;
        while last + 1 < end && SCALES.contains(&tok(doc, last + 1).to_lowercase().as_str()) {
            last += 1;
        }
        if last + 2 < end && tok(doc, last + 1) == "per" && tok(doc, last + 2) == "cent" {
            last += 2;
        }
        // A clock time is one figure: "11:40" (and "11:40 p.m.").
        if last + 2 < end
            && tok(doc, last + 1) == ":"
            && doc
                .tokens
                .get(last + 2)
                .is_some_and(|k| k.kind == TokenKind::Number)
            && doc
                .tokens
                .get(last)
                .zip(doc.tokens.get(last + 2))
                .is_some_and(|(a, b)| a.span.end + 1 == b.span.start)
        {
            last += 2;
        }
        out.push(words::span_of(doc, first, last));
        i = last + 1;
    }
    out
}

/// Whether a sentence is prose that can assert something: not a date line or timestamp, and
/// not a headline, crosshead or byline in capitals or title case: at least two words in
/// lowercase, and a third of all words (title case leaves only "of", "the", "and" small).
fn reads_as_prose(doc: &Document, s: &crate::document::Sentence) -> bool {
    let text = doc.slice(s.span);
    if crate::document::is_date_line(text) {
        return false;
    }
    let (mut all, mut lowercase) = (0, 0);
    for i in words::range(s).filter(|&i| words::is_word(doc, i)) {
        all += 1;
        lowercase += usize::from(words::starts_lower(tok(doc, i)));
    }
    lowercase >= 2 && 3 * lowercase >= all
}

/// Hedging words and phrases in a sentence.
fn hedges(doc: &Document, span: Span) -> Vec<Span> {
    let text = doc.slice(span);
    lexicon::hedges()
        .find_iter(text)
        .filter(|m| lexicon::whole_word(text, m.start(), m.end()))
        .map(|m| {
            Span::new(
                span.start as usize + m.start(),
                span.start as usize + m.end(),
            )
        })
        .collect()
}
