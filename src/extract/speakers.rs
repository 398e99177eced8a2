//! Who said each quote: a reporting clause right after it (`“…,” X said`, `“…,” said X`), right
//! before it (`X said: “…”`, `X called Y “…”`), elsewhere in its sentence (`according to X`);
//! else the next quote's speaker (`“…” and “…,” he added`) or the previous quote's in the same or
//! the previous paragraph. Short quotes in running text are marked as scare quotes.

use super::attribution::{self, Clause};
use super::quotes::Found;
use super::resolve::Resolver;
use super::words::{self, is_opening_mark, is_quote_mark, tok};
use super::{Attribution, Quote, Via};
use crate::document::{Document, TokenKind};

/// A quote of at most this many words set inside a sentence is a term or scare quote.
const SCARE_WORDS: usize = 3;

/// Reporting verbs further than this many tokens from a quote are not its "said".
const NEAR: usize = 12;

struct Site {
    open: usize,
    close: usize,
    sentence: usize,
    paragraph: u32,
    /// The paragraph of the closing mark: a later one when the quote ran on.
    closing_paragraph: u32,
    /// The opening mark is the first thing in its paragraph.
    opens: bool,
    /// Token range of the sentences the quote touches.
    start: usize,
    end: usize,
}

enum Explicit {
    Source((usize, usize)),
    /// Words that name the speaker only if they name someone: the subject of the verb whose
    /// object the quote is (`Kell likened it to “…”`), a name before a dash (`Kell — “…” —`),
    /// or after "by" (`“…” by Kell`).
    Someone((usize, usize)),
    /// `“…” and “…,” she said`: the next quote's speaker.
    Chain,
    None,
}

/// Attach speakers to the quotes found by their marks; `prior` are the document's explicit
/// sources in position order, for pronouns.
pub fn attribute(
    doc: &Document,
    found: Vec<Found>,
    resolver: &Resolver,
    prior: &[Attribution],
) -> Vec<Quote> {
    let sites: Vec<Option<Site>> = found.iter().map(|f| site(doc, f)).collect();
    let in_quote = |pos: u32| {
        let i = found.partition_point(|f| f.outer.end <= pos);
        found.get(i).is_some_and(|f| f.outer.start <= pos)
    };
    let headline = title_paragraph(doc);
    let title_start = headline
        .and_then(|p| doc.paragraphs.get(p as usize))
        .map_or(0, |p| p.span.start);
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    let mut chained = Vec::with_capacity(found.len());
    for (f, site) in found.iter().zip(&sites) {
        let Some(site) = site else {
            continue;
        };
        let following = after(doc, site);
        // `“We won,” she tweeted`: a reporting clause right after the marks makes a quote of
        // any length; only a short term in someone else's running text is a scare quote.
        let reported = !matches!(following, Explicit::None);
        let explicit = following
            .or_else(|| before(doc, site, &in_quote))
            .or_else(|| governed(doc, site))
            .or_else(|| in_sentence(doc, site, &in_quote))
            .or_else(|| lead_in(doc, site, &in_quote));
        let resolve = |e: &Explicit| match *e {
            Explicit::Source(tokens) => resolver.attribution(tokens, prior),
            Explicit::Someone(tokens) => resolver
                .attribution(tokens, prior)
                .filter(|a| resolver.names_someone(a)),
            _ => None,
        };
        let mut speaker = resolve(&explicit);
        if speaker.is_none() && matches!(explicit, Explicit::Someone(_)) {
            let rest = in_sentence(doc, site, &in_quote).or_else(|| lead_in(doc, site, &in_quote));
            speaker = resolve(&rest);
        }
        // "Kell Sees ‘Personal Insult’ in Vote": a headline quotes the person it names; its
        // capitals make any other phrase there ("Rally Nationwide To") no source.
        let phrase_only = speaker.as_ref().is_none_or(|s| {
            s.entity.is_none() && s.via == Via::Explicit && words::pronoun(&s.name).is_none()
        });
        if Some(site.paragraph) == headline && phrase_only {
            speaker = resolver.first_person(title_start, f.outer.start);
        }
        chained.push(matches!(explicit, Explicit::Chain));
        quotes.push(Quote {
            span: f.inner,
            outer: f.outer,
            sentence: site.sentence,
            scare: !reported && is_scare(doc, f, site),
            speaker,
            counterparts: Vec::new(),
        });
    }
    let places: Vec<Place> = sites
        .iter()
        .flatten()
        .map(|s| Place {
            paragraph: s.paragraph,
            closing: s.closing_paragraph,
            opens: s.opens,
        })
        .collect();
    inherit(&mut quotes, &chained, &places);
    quotes
}

/// Longest headline (bytes) whose quotation is taken to be the words of the person it names.
const HEADLINE_MAX: u32 = 200;

/// The paragraph holding the document's detected title, where it stands near the top and reads
/// as a headline: short, one sentence (a text without a title line offers its first paragraph).
fn title_paragraph(doc: &Document) -> Option<u32> {
    let title = doc.title.trim();
    if title.is_empty() {
        return None;
    }
    let i = doc.paragraphs.iter().take(4).position(|p| {
        p.span.end - p.span.start <= HEADLINE_MAX
            && doc.slice(p.span).trim().trim_start_matches('#').trim() == title
    })?;
    let i = u32::try_from(i).ok()?;
    let sentences = doc.sentences.iter().filter(|s| s.paragraph == i).count();
    (sentences == 1).then_some(i)
}

impl Explicit {
    fn or_else(self, f: impl FnOnce() -> Explicit) -> Explicit {
        match self {
            Explicit::None => f(),
            other => other,
        }
    }
}

fn site(doc: &Document, f: &Found) -> Option<Site> {
    let open = words::token_at_or_after(doc, f.outer.start);
    let close = words::token_at_or_after(doc, f.outer.end).checked_sub(1)?;
    let sentence = words::sentence_of_token(doc, open)?;
    let last = words::sentence_of_token(doc, close).unwrap_or(sentence);
    let first_s = doc.sentences.get(sentence)?;
    let last_s = doc.sentences.get(last).unwrap_or(first_s);
    let opens = doc
        .paragraphs
        .get(first_s.paragraph as usize)
        .is_some_and(|p| p.span.start == f.outer.start);
    Some(Site {
        open,
        close,
        sentence,
        paragraph: first_s.paragraph,
        closing_paragraph: last_s.paragraph,
        opens,
        start: first_s.tokens.start as usize,
        end: (last_s.tokens.end as usize).max(close + 1),
    })
}

fn is_scare(doc: &Document, f: &Found, site: &Site) -> bool {
    let first = words::token_at_or_after(doc, f.inner.start);
    let words_inside = doc
        .tokens
        .get(first..site.close)
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .count();
    let embedded = site.open > site.start
        && doc
            .tokens
            .get(site.open - 1)
            .is_some_and(|t| t.kind != TokenKind::Punct);
    words_inside <= SCARE_WORDS && embedded
}

/// The end of the stretch after a closing mark that can hold its reporting clause.
fn after_window(doc: &Document, from: usize, paragraph: u32) -> usize {
    let para_end = doc
        .paragraphs
        .get(paragraph as usize)
        .map_or(0, |p| p.span.end);
    let mut i = from;
    while i < from + 18 {
        let Some(t) = doc.tokens.get(i) else {
            break;
        };
        let text = tok(doc, i);
        if t.span.start >= para_end
            || is_opening_mark(text)
            || matches!(text, "!" | "?" | ";")
            || text == "." && !words::glued(doc, i.saturating_sub(1), i)
        {
            break;
        }
        if text == "." {
            let prev = tok(doc, i.saturating_sub(1));
            if crate::lexicon::abbreviation(prev).is_none() && prev.chars().count() > 1 {
                break;
            }
        }
        i += 1;
    }
    i
}

fn after(doc: &Document, site: &Site) -> Explicit {
    let mut i = site.close + 1;
    if tok(doc, i) == "," {
        i += 1;
    }
    let next = tok(doc, i);
    // A quote opening the next paragraph is no chain: that paragraph has its own speaker.
    let para_end = doc
        .paragraphs
        .get(site.paragraph as usize)
        .map_or(0, |p| p.span.end);
    if doc.tokens.get(i).is_none_or(|t| t.span.start >= para_end) {
        return Explicit::None;
    }
    if is_opening_mark(next) || next == "\"" && !words::glued(doc, site.close, i) {
        return Explicit::Chain;
    }
    if next == "and" && is_opening_mark(tok(doc, i + 1)) {
        return Explicit::Chain;
    }
    // `“How to Grow” by Ana Ruiz and Ivo Kell`: the authors of a quoted title or text.
    if next == "by" && words::starts_upper(tok(doc, i + 1)) {
        let mut end = i + 1;
        while words::starts_upper(tok(doc, end))
            || tok(doc, end) == "." && words::is_initial(tok(doc, end - 1))
            || tok(doc, end) == "and" && words::starts_upper(tok(doc, end + 1))
        {
            end += 1;
        }
        if end > i + 2 {
            return Explicit::Someone((i + 1, end - 1));
        }
    }
    // `“…” — Name`: a signature under a quotation.
    if matches!(next, "—" | "―" | "–" | "-") && words::starts_upper(tok(doc, i + 1)) {
        let end = after_window(doc, i + 1, site.paragraph);
        if let Some(source) = attribution::source_after(doc, i + 1, end) {
            return Explicit::Source(source);
        }
    }
    // `“…”, and according to the report, …` or `“…,” when Kell blasted him` starts another
    // clause: not this quote's "said".
    if matches!(
        next,
        "and"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "when"
            | "because"
            | "after"
            | "before"
            | "since"
            | "until"
            | "unless"
            | "if"
    ) {
        return Explicit::None;
    }
    let end = after_window(doc, site.close + 1, site.paragraph);
    attribution::clauses(doc, site.close + 1, end)
        .into_iter()
        .find(|c| c.at <= site.close + NEAR && c.source.is_some())
        .and_then(|c| c.source)
        .map_or(Explicit::None, Explicit::Source)
}

fn before(doc: &Document, site: &Site, in_quote: &dyn Fn(u32) -> bool) -> Explicit {
    let lo = site.open.saturating_sub(8).max(site.start);
    let clauses = attribution::clauses(doc, site.start, site.open);
    let best = clauses
        .iter()
        .rev()
        .filter(|c| c.at >= lo && !in_quote(c.cue.start))
        .find(|c| (c.at + 1..site.open).all(|i| !is_quote_mark(tok(doc, i))));
    best.and_then(|c| c.source)
        .map_or(Explicit::None, Explicit::Source)
}

fn in_sentence(doc: &Document, site: &Site, in_quote: &dyn Fn(u32) -> bool) -> Explicit {
    let clauses: Vec<Clause> = attribution::clauses(doc, site.start, site.end)
        .into_iter()
        .filter(|c| c.source.is_some() && !in_quote(c.cue.start))
        .collect();
    let preceding = clauses.iter().rev().find(|c| c.at < site.open);
    let following = clauses.iter().find(|c| c.at > site.close);
    preceding
        .or(following)
        .and_then(|c| c.source)
        .map_or(Explicit::None, Explicit::Source)
}

/// Irregular past tenses that can govern a quotation: "Kell went on about “…”".
const PAST_VERBS: [&str; 10] = [
    "went", "made", "gave", "took", "wrote", "spoke", "sent", "read", "sang", "cried",
];

/// How far before its quote a governing verb may stand: "likened the new rules to “…”".
const GOVERN_REACH: usize = 6;

/// A quote with no reporting cue is the words of whoever its clause's subject is, when a verb
/// governs it from just before (`Kell likened the rules to “…”`, `a doctor had typed “…”`),
/// or of the name a dash sets it beside (`… including the senator Ana Ruiz — “…” —`).
fn governed(doc: &Document, site: &Site) -> Explicit {
    let mut k = site.open;
    while k > site.start && matches!(tok(doc, k - 1), "—" | "–" | "-" | "--") {
        k -= 1;
    }
    if k < site.open {
        let mut first = k;
        while first > site.start
            && (words::starts_upper(tok(doc, first - 1))
                || tok(doc, first - 1) == "."
                    && words::is_initial(tok(doc, first.saturating_sub(2))))
        {
            first -= 1;
        }
        return if first + 1 < k {
            Explicit::Someone((first, k - 1))
        } else {
            Explicit::None
        };
    }
    let lo = site.open.saturating_sub(GOVERN_REACH).max(site.start + 1);
    for v in (lo..site.open).rev() {
        let t = tok(doc, v);
        if is_quote_mark(t) || matches!(t, "," | ";" | ":" | "(" | ")" | "." | "!" | "?") {
            break;
        }
        let verb = words::starts_lower(t) && (t.ends_with("ed") || PAST_VERBS.contains(&t));
        if verb && let Some(subject) = attribution::subject_before(doc, site.start, v) {
            return Explicit::Someone(subject);
        }
    }
    Explicit::None
}

/// `He said:` closing the paragraph before one that opens with the quote.
fn lead_in(doc: &Document, site: &Site, in_quote: &dyn Fn(u32) -> bool) -> Explicit {
    let previous = site
        .sentence
        .checked_sub(1)
        .and_then(|k| doc.sentences.get(k));
    let Some(prev) = previous.filter(|p| site.opens && p.paragraph + 1 == site.paragraph) else {
        return Explicit::None;
    };
    let r = words::range(prev);
    if r.is_empty() || tok(doc, r.end - 1) != ":" {
        return Explicit::None;
    }
    attribution::clauses(doc, r.start, r.end)
        .iter()
        .rev()
        .filter(|c| !in_quote(c.cue.start))
        .find_map(|c| c.source)
        .map_or(Explicit::None, Explicit::Source)
}

/// Where a quote stands among the paragraphs, for inheriting speakers.
struct Place {
    paragraph: u32,
    closing: u32,
    opens: bool,
}

/// Quotes with no clause of their own take the next quote's speaker when chained to it, else
/// the previous non-scare quote's when that one closed in the same paragraph (a quotation
/// that ran on from an earlier one included), else the previous paragraph's when they open
/// their paragraph.
fn inherit(quotes: &mut [Quote], chained: &[bool], places: &[Place]) {
    for i in (0..quotes.len()).rev() {
        if chained.get(i) != Some(&true) || quotes[i].speaker.is_some() {
            continue;
        }
        let next = quotes.get(i + 1).and_then(|q| q.speaker.clone());
        quotes[i].speaker = next.map(inherited);
    }
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() || quotes[i].scare {
            continue;
        }
        let Some(place) = places.get(i) else {
            continue;
        };
        let previous = (0..i).rev().find(|&j| !quotes[j].scare);
        let Some(j) = previous else {
            continue;
        };
        let prev_para = places.get(j).map_or(u32::MAX, |p| p.closing);
        let same = prev_para == place.paragraph;
        let opens_paragraph = place.opens && prev_para.checked_add(1) == Some(place.paragraph);
        if same || opens_paragraph {
            quotes[i].speaker = quotes[j].speaker.clone().map(inherited);
        }
    }
}

fn inherited(mut a: Attribution) -> Attribution {
    a.via = Via::Inherited;
    a
}
