//! Reporting clauses: a reporting verb ("said", "concluded") or phrase ("according to") and the
//! words naming its source — the subject before the verb (skipping appositions such as ", a
//! spokeswoman,"), the name after it (`“…,” said X`), or the phrase after "according to".

use super::words::{glued, is_quote_mark, tok};
use crate::document::{Document, Span};
use crate::lexicon::{self, Reporting};

/// A reporting cue and its source, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub cue: Span,
    /// First token of the cue.
    pub at: usize,
    pub reporting: Reporting,
    /// First and last token of the words naming the source.
    pub source: Option<(usize, usize)>,
}

/// Words that may stand between a subject and its verb: "has also said", "did not say".
const AUXILIARIES: [&str; 31] = [
    "has",
    "have",
    "had",
    "also",
    "did",
    "does",
    "do",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "not",
    "n't",
    "never",
    "then",
    "again",
    "later",
    "earlier",
    "once",
    "still",
    "first",
    "had",
    "already",
    "often",
    "always",
    "sometimes",
    "just",
    "now",
];

/// Words that open an adverbial phrase, never a subject: "With leaders worried, …", "for his".
const PREPOSITIONS: [&str; 14] = [
    "with", "without", "for", "in", "on", "at", "from", "to", "by", "about", "despite", "during",
    "amid", "against",
];

/// Determiners that name no one without their noun: "his", "its".
const BARE_DETERMINERS: [&str; 7] = ["his", "her", "its", "their", "our", "my", "your"];

/// Words before a verb form that make it a noun: "the report", "its claims", "of estimates".
const NOUN_MAKERS: [&str; 24] = [
    "the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my", "your",
    "whose", "some", "any", "no", "every", "each", "of", "in", "for", "with", "by",
];

/// Words that end a subject when read backwards from its verb.
const SUBJECT_STOPS: [&str; 21] = [
    "that", "which", "who", "whom", "and", "but", "or", "because", "when", "while", "after",
    "before", "if", "as", "since", "although", "though", "where", "so", "nor", "than",
];

/// Words that end a source read forwards once it has begun.
const SOURCE_STOPS: [&str; 16] = [
    "that", "in", "on", "at", "during", "after", "before", "from", "to", "as", "when", "while",
    "because", "and", "but", "if",
];

const BE: [&str; 7] = ["is", "are", "was", "were", "be", "been", "being"];

fn breaks_phrase(doc: &Document, i: usize) -> bool {
    let t = tok(doc, i);
    if t == "." {
        // A period glued to an abbreviation or initial belongs to the name ("Dr.", "U.S.").
        let prev = i.checked_sub(1).map_or("", |p| tok(doc, p));
        return !(glued(doc, i.wrapping_sub(1), i)
            && (lexicon::abbreviation(prev).is_some()
                || prev.chars().count() == 1
                || prev.contains('.')));
    }
    if matches!(t, "’" | "'") && i > 0 && glued(doc, i - 1, i) && tok(doc, i - 1).ends_with('s') {
        return false; // a plural possessive: "the Insurers’ Association"
    }
    is_quote_mark(t)
        || matches!(
            t,
            "," | ";" | ":" | "—" | "–" | "--" | "!" | "?" | "|" | "…" | ""
        )
        || spaced_hyphen(doc, i)
}

/// A hyphen standing alone, or doubled ("--"), is a dash ("London - The Coast Guard said"),
/// not part of a name ("Al-Amin", "R-Ky.").
fn spaced_hyphen(doc: &Document, i: usize) -> bool {
    let prev = i.wrapping_sub(1);
    tok(doc, i) == "-"
        && (!glued(doc, prev, i) || tok(doc, prev) == "-")
        && (!glued(doc, i, i + 1) || tok(doc, i + 1) == "-")
}

fn is_adverb(t: &str) -> bool {
    t.len() > 4 && t.ends_with("ly") && t.chars().all(|c| c.is_ascii_lowercase())
}

/// Appositions and relative clauses between a subject and its verb: ", a spokeswoman,",
/// ", 67,", ", which owns the dam,".
fn is_apposition(doc: &Document, first: usize, close: usize) -> bool {
    let t = tok(doc, first);
    // ", proprietor of the dam,": a short phrase in lowercase.
    let short_lowercase =
        close - first <= 8 && super::words::starts_lower(t) && !SUBJECT_STOPS.contains(&t);
    short_lowercase
        || matches!(
            t,
            "a" | "an"
                | "the"
                | "who"
                | "which"
                | "whose"
                | "whom"
                | "where"
                | "its"
                | "his"
                | "her"
        )
        || t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty()
        || lexicon::role_noun(t).is_some()
        // ", R-Ky.,": party and state.
        || matches!(t, "R" | "D" | "I") && tok(doc, first + 1) == "-"
        || ["R-", "D-", "I-"].iter().any(|p| t.starts_with(p))
}

fn is_dash(doc: &Document, i: usize) -> bool {
    matches!(tok(doc, i), "—" | "–" | "--") || spaced_hyphen(doc, i)
}

/// Whether tokens `first..end` are a short capitalised name: "Laurence H. Tribe".
fn is_name(doc: &Document, first: usize, end: usize) -> bool {
    end > first
        && end - first <= 6
        && (first..end).all(|k| super::words::starts_upper(tok(doc, k)) || tok(doc, k) == ".")
        && lexicon::role_noun(tok(doc, first)).is_none()
}

/// The subject of the verb at `verb`, read backwards but not before `start`.
pub fn subject_before(doc: &Document, start: usize, verb: usize) -> Option<(usize, usize)> {
    let mut j = verb;
    while j > start {
        let t = tok(doc, j - 1);
        if AUXILIARIES.contains(&t) || BE.contains(&t) || is_adverb(t) {
            j -= 1;
        } else {
            break;
        }
    }
    // "Ana Ruiz, head of Lenz Media -- the firm that owns the station -- told me": an aside
    // between dashes, then the title after the name.
    if j > start + 1 && is_dash(doc, j - 1) {
        let mut close = j - 1;
        while close > start && is_dash(doc, close - 1) {
            close -= 1;
        }
        let mut open = (start + 1..close)
            .rev()
            .take(40)
            .find(|&k| is_dash(doc, k))?;
        while open > start + 1 && is_dash(doc, open - 1) {
            open -= 1;
        }
        let before = subject_before(doc, start, open);
        let titled = before.filter(|&(i, _)| {
            i > start + 1 && tok(doc, i - 1) == "," && is_apposition(doc, i, open)
        });
        return match titled {
            Some((i, _)) => subject_before(doc, start, i - 1).or(before),
            None => before,
        };
    }
    // Skip appositions back to the subject: "Halvor Dunne, 67, who has lived there, said".
    let mut skipped = false;
    while j > start && tok(doc, j - 1) == "," {
        let close = j - 1;
        match (start..close).rev().take(30).find(|&k| tok(doc, k) == ",") {
            Some(open) if is_apposition(doc, open + 1, close) => {
                j = open + 1;
                skipped = true;
            }
            _ if skipped => break,
            // "Another critic, Laurence Tribe, likened": the name set off after a nominal.
            Some(open) if is_name(doc, open + 1, close) => return Some((open + 1, close - 1)),
            _ => return None,
        }
    }
    if skipped {
        j -= 1;
    }
    // "Sen. Marta Quill (D-Ore.) said": the party and state between a name and its verb.
    if j > start && tok(doc, j - 1) == ")" {
        match (start..j - 1).rev().take(8).find(|&k| tok(doc, k) == "(") {
            Some(open) if open > start => j = open,
            _ => return None,
        }
    }
    let mut i = j;
    while i > start && j - i < 16 {
        let t = tok(doc, i - 1);
        // Another reporting verb starts another clause: "US officials said | they believe".
        // "Neera Tanden and Blair Effron said": two names make one subject.
        let joins_names = t == "and"
            && i - 1 > start
            && super::words::starts_upper(tok(doc, i - 2))
            && super::words::starts_upper(tok(doc, i));
        if breaks_phrase(doc, i - 1)
            || SUBJECT_STOPS.contains(&t.to_lowercase().as_str()) && !joins_names
            || lexicon::reporting_verb(t).is_some()
        {
            break;
        }
        i -= 1;
    }
    if i < j {
        return subject_of(doc, i, j - 1);
    }
    // "an assessment that said": the subject is the noun before the relative pronoun.
    if j > start + 1 && matches!(tok(doc, j - 1), "that" | "which" | "who") {
        return subject_before(doc, start, j - 1);
    }
    None
}

/// The subject among tokens `first..=last` read back from a verb: none when they are a bare
/// possessive ("for his") or an adverbial phrase ("With leaders worried"), except for the name
/// that closes one ("In a television interview Kell declared" → "Kell").
fn subject_of(doc: &Document, first: usize, last: usize) -> Option<(usize, usize)> {
    let opening = tok(doc, first).to_lowercase();
    if first == last && BARE_DETERMINERS.contains(&opening.as_str()) {
        return None;
    }
    if !PREPOSITIONS.contains(&opening.as_str()) {
        return Some((first, last));
    }
    let mut name = last + 1;
    while name > first + 2 && super::words::starts_upper(tok(doc, name - 1)) {
        name -= 1;
    }
    (name <= last).then_some((name, last))
}

/// Where "and" stands before the verb at `verb` (past auxiliaries): "… and did not consider".
fn coordinated(doc: &Document, start: usize, verb: usize) -> Option<usize> {
    let mut j = verb;
    while j > start && (AUXILIARIES.contains(&tok(doc, j - 1)) || is_adverb(tok(doc, j - 1))) {
        j -= 1;
    }
    (j > start && tok(doc, j - 1) == "and").then(|| j - 1)
}

/// The subject of the verb just before a coordinating "and": "I laughed and said".
fn first_verb_subject(doc: &Document, start: usize, and: usize) -> Option<(usize, usize)> {
    let verb = and.checked_sub(1).filter(|&v| v > start)?;
    let t = tok(doc, verb);
    let verb_like = super::words::starts_lower(t)
        && (t.ends_with("ed") || lexicon::reporting_verb(t).is_some());
    verb_like
        .then(|| subject_before(doc, start, verb))
        .flatten()
}

/// The subject a sentence opens with, past an opening phrase set off by a comma ("During the
/// speech, Kell attacked …"): a name, a noun phrase or a personal pronoun.
fn opening_subject(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    let at = |s: usize| {
        let t = tok(doc, s);
        if super::words::pronoun(t).is_some() || matches!(t, "I" | "We" | "It") {
            return Some((s, s));
        }
        leading_subject(doc, s, end)
    };
    // `"Kell walked on stage, chanting …`: a stray mark before the subject, not one opening a
    // quotation that closes before the verb.
    let mut start = start;
    if is_quote_mark(tok(doc, start)) && (start + 1..end).all(|k| !is_quote_mark(tok(doc, k))) {
        start += 1;
    }
    at(start).or_else(|| {
        let opener = tok(doc, start).to_lowercase();
        if !lexicon::stopwords().contains(opener.as_str()) {
            return None;
        }
        let comma = (start..end).take(16).find(|&k| tok(doc, k) == ",")?;
        (comma + 1 < end).then(|| at(comma + 1)).flatten()
    })
}

/// The noun phrase a sentence opens with: "The Carvanian Insurers' Association".
fn leading_subject(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    let first = tok(doc, start);
    if !super::words::starts_upper(first)
        || lexicon::stopwords().contains(first.to_lowercase().as_str())
            && !matches!(first, "The" | "A" | "An")
    {
        return None;
    }
    let mut i = start + 1;
    while i < end {
        let t = tok(doc, i);
        let inside = super::words::starts_upper(t)
            || matches!(t, "of" | "the" | "and" | "’" | "'" | ".")
            || t == "-" && !spaced_hyphen(doc, i)
            || !super::words::is_word(doc, i) && !breaks_phrase(doc, i);
        if !inside {
            break;
        }
        i += 1;
    }
    (i > start + usize::from(matches!(first, "The" | "A" | "An"))).then(|| (start, i - 1))
}

/// A source named after its cue: `said Dr. Lena Reyl, a hydrologist`, `according to the study`.
pub fn source_after(doc: &Document, from: usize, end: usize) -> Option<(usize, usize)> {
    // "adding that its value rose": a clause, not a name.
    if SOURCE_STOPS.contains(&tok(doc, from)) {
        return None;
    }
    let mut i = from;
    while i < end && i - from < 16 {
        let t = tok(doc, i);
        if breaks_phrase(doc, i) || i > from && SOURCE_STOPS.contains(&t) {
            break;
        }
        i += 1;
    }
    // A trailing period closes the sentence, not a name.
    while i > from && tok(doc, i - 1) == "." && breaks_phrase(doc, i - 1) {
        i -= 1;
    }
    (i > from).then(|| (from, i - 1))
}

fn closes_quote(doc: &Document, i: usize) -> bool {
    matches!(tok(doc, i), "”" | "\"" | "’" | "'" | "»")
}

/// Every reporting clause whose cue lies in tokens `start..end`.
pub fn clauses(doc: &Document, start: usize, end: usize) -> Vec<Clause> {
    let mut out = Vec::new();
    let (Some(a), Some(b)) = (doc.tokens.get(start), doc.tokens.get(end.saturating_sub(1))) else {
        return out;
    };
    let span = Span {
        start: a.span.start,
        end: b.span.end,
    };
    let text = doc.slice(span);
    let mut phrase_end = start;
    for m in lexicon::attribution_phrases().find_iter(text) {
        if !lexicon::whole_word(text, m.start(), m.end()) {
            continue;
        }
        let first = super::words::token_at_or_after(doc, span.start + m.start() as u32);
        let next = super::words::token_at_or_after(doc, span.start + m.end() as u32);
        if first >= end || next > end {
            continue;
        }
        phrase_end = phrase_end.max(next);
        out.push(Clause {
            cue: Span::new(
                span.start as usize + m.start(),
                span.start as usize + m.end(),
            ),
            at: first,
            reporting: Reporting::Claim,
            source: source_after(doc, next, end),
        });
    }
    for i in start..end {
        if i < phrase_end && out.iter().any(|c| c.at <= i && i < phrase_end) {
            continue;
        }
        if let Some(c) = verb_clause(doc, start, end, i) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.at);
    // "X said … and did not consider": a coordinated verb shares the subject before it, else
    // the sentence's opening noun phrase ("The association put … and said").
    for k in 0..out.len() {
        let Some(c) = out.get(k).copied() else {
            continue;
        };
        if c.source.is_some() {
            continue;
        }
        let Some(and) = coordinated(doc, start, c.at) else {
            continue;
        };
        let earlier = k
            .checked_sub(1)
            .and_then(|p| out.get(p))
            .and_then(|p| p.source);
        if let Some(slot) = out.get_mut(k) {
            slot.source = earlier
                .or_else(|| first_verb_subject(doc, start, and))
                .or_else(|| leading_subject(doc, start, c.at));
        }
    }
    out
}

fn verb_clause(doc: &Document, start: usize, end: usize, i: usize) -> Option<Clause> {
    let t = tok(doc, i);
    let lower;
    let word = if i == start && super::words::starts_upper(t) {
        lower = t.to_lowercase();
        lower.as_str()
    } else {
        t
    };
    // "as the critic put it, “…”": the idiom reports a quotation, the verb alone does not.
    let put_it = word == "put" && tok(doc, i + 1) == "it";
    let reporting = lexicon::reporting_verb(word).or(put_it.then_some(Reporting::QuoteOnly))?;
    let prev = if i > start { tok(doc, i - 1) } else { "" };
    let prev_lower = prev.to_lowercase();
    let possessive = super::words::strip_possessive(prev).len() < prev.len();
    if NOUN_MAKERS.contains(&prev_lower.as_str())
        || prev == "-" && words_glued(doc, i)
        || possessive
    {
        return None; // "the report", "so-called", "the woman’s quotes"
    }
    let participle =
        word.ends_with("ed") || matches!(word, "found" | "told" | "said" | "thought" | "written");
    let next = tok(doc, i + 1);
    let cue = doc.tokens.get(i)?.span;
    let source = if next == "by" && (prev_lower == "as" || participle) {
        // "as defined by X", "was described by X"
        source_after(doc, i + 2, end)
    } else if BE.contains(&prev_lower.as_str()) && participle {
        // "is believed to", "were found": a hedge or a passive without a source.
        return None;
    } else if i > start
        && (closes_quote(doc, i - 1) || prev == "," && i > start + 1 && closes_quote(doc, i - 2))
    {
        // `“…,” said X` — but `“…,” she said` has its subject before the verb.
        match subject_before(doc, start, i) {
            Some(s) => Some(s),
            None => source_after(doc, i + 1, end),
        }
    } else if i == start {
        // "Said Ellis: …", "Added the senator, …": the verb opens the sentence.
        source_after(doc, i + 1, end)
    } else {
        // "Kell faulted the plan, saying …": a participle after a comma shares the subject
        // that opens the sentence.
        subject_before(doc, start, i).or_else(|| {
            (prev == "," && word.ends_with("ing"))
                .then(|| opening_subject(doc, start, i))
                .flatten()
        })
    };
    Some(Clause {
        cue,
        at: i,
        reporting,
        source,
    })
}

fn words_glued(doc: &Document, i: usize) -> bool {
    i > 0 && glued(doc, i - 1, i)
}
