//! Name candidates in one document: capitalised sequences (with connectors like "of the"),
//! acronyms and lexicon names, cut at titles ("Russian President Vladimir Putin" → "Russian",
//! "Vladimir Putin"), stripped of possessives and sentence-initial common words.

use std::collections::HashSet;

use super::entities::{Evidence, Raw};
use super::words::{self, glued, is_acronym, span_of, starts_upper, strip_possessive, tok};
use crate::document::{Document, Span, TermId};
use crate::lexicon::{self, HeadWord, NameEntry, NameKind, NameMatch};

/// Facts about the whole corpus that decide whether a capitalised word is a name.
#[derive(Default)]
pub struct CorpusCase {
    /// Terms some document writes in lowercase: a common word when capitalised at a start.
    pub lower: HashSet<TermId>,
    /// Terms some document capitalises inside a sentence.
    pub mid_caps: HashSet<TermId>,
    /// A possessive's term to its bare word's ("trump's" → "trump"), where the bare word occurs.
    pub bare: std::collections::HashMap<TermId, TermId>,
    /// The document being read capitalises these inside its sentences and never writes them in
    /// lowercase: its names, whatever other documents do with the word.
    pub names_here: HashSet<TermId>,
}

impl CorpusCase {
    /// Whether a capitalised term at a sentence start or in a headline is a common word: the
    /// corpus writes it in lowercase and the document at hand does not use it as a name.
    pub fn common(&self, t: TermId) -> bool {
        self.lower.contains(&t) && !self.names_here.contains(&t)
    }

    /// The term of token `i` without a possessive.
    pub fn term(&self, doc: &Document, i: usize) -> Option<TermId> {
        let t = doc.tokens.get(i)?.term;
        Some(self.bare.get(&t).copied().unwrap_or(t))
    }
}

/// A run of tokens that reads as one unit of a name: a word, an abbreviation with its period,
/// or a lexicon name (possibly several words).
#[derive(Debug, Clone, Copy)]
struct Unit {
    first: usize,
    last: usize,
    lexicon: Option<NameEntry>,
}

const CONNECTORS: [&str; 18] = [
    "of", "for", "de", "del", "da", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al",
    "el", "la", "le", "and",
];

pub struct Scanner<'a> {
    pub doc: &'a Document,
    pub case: &'a CorpusCase,
    /// Lexicon matches keyed by their first token: (last token, entry).
    lexicon: std::collections::HashMap<usize, (usize, NameEntry)>,
    pub out: Vec<Raw>,
    /// The sentence capitalises its words (a headline or caption): a capitalised word the
    /// corpus also writes in lowercase is a common word there.
    pub title_case: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(doc: &'a Document, case: &'a CorpusCase, matches: &[NameMatch]) -> Self {
        let mut lexicon = std::collections::HashMap::new();
        for m in matches {
            let first = words::token_at_or_after(doc, m.start as u32);
            let Some(t) = doc.tokens.get(first) else {
                continue;
            };
            if t.span.start as usize != m.start {
                continue;
            }
            let last = words::token_at_or_after(doc, m.end as u32).saturating_sub(1);
            let fits = doc.tokens.get(last).is_some_and(|t| {
                let end = t.span.end as usize;
                end == m.end
                    || strip_possessive(tok(doc, last)).len() + t.span.start as usize == m.end
            });
            if fits && last >= first {
                lexicon.insert(first, (last, m.entry));
            }
        }
        Scanner {
            doc,
            case,
            lexicon,
            out: Vec::new(),
            title_case: false,
        }
    }

    fn is_cap(&self, i: usize) -> bool {
        let t = tok(self.doc, i);
        let common = || {
            self.doc
                .tokens
                .get(i)
                .is_some_and(|tk| self.case.lower.contains(&tk.term))
        };
        words::is_word(self.doc, i)
            && starts_upper(t)
            && t != "I"
            && !words::all_caps_long(t)
            && !(self.title_case && common())
    }

    /// The unit starting at token `i`, if a name can start there.
    fn unit(&self, i: usize, end: usize) -> Option<Unit> {
        if let Some(&(last, entry)) = self.lexicon.get(&i)
            && last < end
        {
            return Some(Unit {
                first: i,
                last,
                lexicon: Some(entry),
            });
        }
        if !self.is_cap(i) {
            return None;
        }
        let t = tok(self.doc, i);
        let dotted = lexicon::abbreviation(t).is_some() || words::is_initial(t) || t.contains('.');
        let last =
            if dotted && i + 1 < end && tok(self.doc, i + 1) == "." && glued(self.doc, i, i + 1) {
                i + 1
            } else {
                i
            };
        Some(Unit {
            first: i,
            last,
            lexicon: None,
        })
    }

    /// Scan one sentence (token range) for name candidates.
    pub fn sentence(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            let Some(first) = self.unit(i, end) else {
                i += 1;
                continue;
            };
            let mut units = vec![first];
            let mut k = first.last + 1;
            while k < end {
                // A possessive ends a name: "Carvania's Orsa River" is two names.
                if units.last().is_some_and(|u| {
                    let t = tok(self.doc, u.last);
                    strip_possessive(t).len() < t.len()
                }) {
                    break;
                }
                if let Some(u) = self.unit(k, end) {
                    units.push(u);
                    k = u.last + 1;
                    continue;
                }
                match self.joiner(&units, k, end) {
                    Some(next) => k = next,
                    None => break,
                }
            }
            i = units.last().map_or(i + 1, |u| u.last + 1);
            self.emit(start, units);
        }
    }

    /// If a connector, hyphen or plural possessive at `k` joins the run to a following unit,
    /// the index of that unit.
    fn joiner(&self, units: &[Unit], k: usize, end: usize) -> Option<usize> {
        let t = tok(self.doc, k);
        let prev_last = units.last()?.last;
        if matches!(t, "-" | "’" | "'" | "&") && glued(self.doc, prev_last, k) {
            let next = k + 1;
            return (next < end && self.unit(next, end).is_some()).then_some(next);
        }
        if !CONNECTORS.contains(&t) {
            return None;
        }
        let has_of = units
            .windows(2)
            .any(|w| (w[0].last + 1..w[1].first).any(|j| matches!(tok(self.doc, j), "of" | "for")));
        // "Departments of Justice and Homeland Security" is one name; "Director of National
        // Intelligence John Ratcliffe and FBI Director Christopher Wray" is two people.
        let personal = units
            .iter()
            .zip(units.iter().skip(1).map(Some).chain([None]))
            .any(|(u, next)| {
                let title_before_name = matches!(
                    u.lexicon,
                    Some(NameEntry {
                        kind: NameKind::Title(_),
                        ..
                    })
                ) && next.is_some_and(|n| n.first == u.last + 1);
                title_before_name || lexicon::first_name(tok(self.doc, u.first)).is_some()
            });
        if t == "and" && (!has_of || personal) {
            return None;
        }
        // "John Mauger of the U.S. Coast Guard" is a person and his service, not one name: a
        // first name followed by a surname is a whole name ("Prince of Wales" has none).
        let full_name = units.windows(2).any(|w| {
            w[1].first == w[0].last + 1 && lexicon::first_name(tok(self.doc, w[0].first)).is_some()
        });
        if matches!(t, "of" | "for") && full_name {
            return None;
        }
        let mut next = k + 1;
        if matches!(t, "of" | "for") && tok(self.doc, next) == "the" {
            next += 1;
        }
        self.unit(next, end).map(|_| next)
    }

    fn sentence_initial(&self, sentence_start: usize, i: usize) -> bool {
        let mut j = i;
        while j > sentence_start {
            let p = tok(self.doc, j - 1);
            if words::is_opening_mark(p)
                || matches!(p, "\"" | "(" | ":" | "—" | "–" | "-" | "•" | "*" | "'")
            {
                j -= 1;
            } else {
                return false;
            }
        }
        true
    }

    fn is_common(&self, u: &Unit, initial: bool) -> bool {
        // One word, or an abbreviation with its period ("Jan.", "No.").
        if u.lexicon.is_some()
            || u.last > u.first + 1
            || u.last == u.first + 1 && tok(self.doc, u.last) != "."
        {
            return false;
        }
        let t = tok(self.doc, u.first);
        let lower = t.to_lowercase();
        if lexicon::stopwords().contains(lower.as_str())
            || lexicon::sentence_starters().contains(lower.as_str())
            || lexicon::not_names().contains(strip_possessive(t))
        {
            return true;
        }
        initial
            && self
                .case
                .term(self.doc, u.first)
                .is_some_and(|t| self.case.common(t))
    }

    fn emit(&mut self, sentence_start: usize, mut units: Vec<Unit>) {
        let initial = units
            .first()
            .is_some_and(|u| self.sentence_initial(sentence_start, u.first));
        if let Some(first) = units.first()
            && self.is_common(first, initial)
        {
            units.remove(0);
        }
        while units.last().is_some_and(|u| self.is_common(u, false)) {
            units.pop();
        }
        let Some(&head) = units.first() else {
            return;
        };
        // A lone capitalised word at a sentence start is a name only if it is capitalised
        // elsewhere too, or known, or an acronym.
        if initial && units.len() == 1 && head.first == head.last && head.lexicon.is_none() {
            let t = tok(self.doc, head.first);
            let term = self.case.term(self.doc, head.first);
            if !is_acronym(t) && !term.is_some_and(|t| self.case.mid_caps.contains(&t)) {
                return;
            }
        }
        self.split(units);
    }

    /// Cut a run at titles and leading nationality words, then record the pieces.
    fn split(&mut self, units: Vec<Unit>) {
        let last_word = units
            .last()
            .map(|u| strip_possessive(tok(self.doc, u.first)));
        let head = last_word.and_then(lexicon::head_word);
        let first = units.first().map(|u| tok(self.doc, u.first));
        let head_first = units.len() > 1
            && first.and_then(lexicon::head_word).is_some()
            && units
                .first()
                .is_some_and(|u| tok(self.doc, u.last + 1) == "of");
        let title_at = units.iter().rposition(|u| {
            matches!(
                u.lexicon,
                Some(NameEntry {
                    kind: NameKind::Title(_),
                    ..
                })
            )
        });
        if head_first || (head.is_some() && title_at.is_none()) {
            self.record(&units, Title::None);
            return;
        }
        if let Some(t) = title_at {
            let gender = match units.get(t).and_then(|u| u.lexicon).map(|e| e.kind) {
                Some(NameKind::Title(g)) => g,
                _ => None,
            };
            let title_start = units[..t]
                .iter()
                .rposition(|u| {
                    u.lexicon
                        .is_some_and(|e| !matches!(e.kind, NameKind::Title(_)))
                        || is_acronym(tok(self.doc, u.first))
                })
                .map_or(0, |p| p + 1);
            for u in &units[..title_start] {
                self.record(&[*u], Title::None);
            }
            let name = name_after_title(self.doc, units[t].last, &units[t + 1..]);
            if !name.is_empty() {
                self.record(name, Title::Before(gender));
            }
            return;
        }
        let mut rest: &[Unit] = &units;
        while rest.len() > 1 && rest[0].lexicon.is_some_and(|e| e.kind == NameKind::Group) {
            self.record(&rest[..1], Title::None);
            rest = &rest[1..];
        }
        self.record(rest, Title::None);
    }

    /// Record one candidate name made of `units`, with the evidence its context gives.
    fn record(&mut self, units: &[Unit], title: Title) {
        let (Some(first), Some(last)) = (units.first(), units.last()) else {
            return;
        };
        let doc = self.doc;
        let mut span = span_of(doc, first.first, last.last);
        let end_tok = tok(doc, last.last);
        span.end -= (end_tok.len() - strip_possessive(end_tok).len()) as u32;
        // The last word, without the period of "Inc." or "St.".
        let end_word = strip_possessive(tok(doc, last.first));
        if span.is_empty() {
            return;
        }
        let lexicon = (units.len() == 1)
            .then_some(first.lexicon)
            .flatten()
            .filter(|e| !matches!(e.kind, NameKind::Title(_)));
        let mut ev = Evidence::default();
        let mut gender = None;
        if let Title::Before(g) = title {
            ev.person += 3.0;
            gender = g;
        }
        let n_words = units.len();
        let first_word = tok(doc, first.first);
        if let Some(entry) = lexicon {
            match entry.kind {
                NameKind::Place => ev.place += 6.0,
                NameKind::Group => ev.other += 6.0,
                NameKind::Organization => ev.org += 6.0,
                NameKind::Title(_) => {}
            }
        } else {
            if n_words > 1
                && let Some(g) = lexicon::first_name(first_word)
            {
                ev.person += 3.0;
                gender = gender.or(g);
            }
            // "Port of Velmar", "University of Brennick": the head comes first.
            let head_first = (n_words > 1 && tok(doc, first.last + 1) == "of")
                .then(|| lexicon::head_word(first_word))
                .flatten();
            let head = lexicon::head_word(end_word)
                .or_else(|| lexicon::head_word(strip_possessive(end_tok)))
                .or(head_first);
            match head {
                Some(HeadWord::Organization) => ev.org += 3.0,
                Some(HeadWord::Place) => ev.place += 3.0,
                Some(HeadWord::Other) => ev.other += 2.0,
                None => {}
            }
            if units
                .iter()
                .any(|u| words::is_initial(tok(doc, u.first)) && u.last > u.first)
            {
                ev.person += 2.0;
            }
            if first_word == "St" && n_words > 1 {
                ev.place += 2.0;
            }
            if n_words == 1 && is_acronym(first_word) {
                ev.org += 1.5;
            }
            match n_words {
                1 => {}
                2 | 3 => ev.person += 0.5,
                _ => ev.org += 0.5,
            }
        }
        let (ctx, ctx_gender) = super::entities::context(doc, first.first, last.last);
        ev.add(&ctx);
        gender = gender.or(ctx_gender);
        let expands = self.expansion_target(first.first, units, last.last);
        self.out.push(Raw {
            span,
            first: first.first,
            last: last.last,
            lexicon,
            evidence: ev,
            gender,
            acronym: n_words == 1 && is_acronym(first_word),
            expands,
        });
    }

    /// For an acronym in parentheses right after a longer name, that name's span.
    fn expansion_target(&self, first: usize, units: &[Unit], last: usize) -> Option<Span> {
        if units.len() != 1 || first != last || !is_acronym(tok(self.doc, first)) {
            return None;
        }
        if first == 0 || tok(self.doc, first - 1) != "(" || tok(self.doc, last + 1) != ")" {
            return None;
        }
        let target = self.out.last()?;
        (target.last + 2 == first && target.first < target.last).then_some(target.span)
    }
}

#[derive(Debug, Clone, Copy)]
enum Title {
    None,
    Before(Option<lexicon::Gender>),
}

/// The person's name after a title; "Director of National Intelligence John Ratcliffe" keeps
/// only "John Ratcliffe": past a connector the name starts at a known given name, else it is
/// the last two words.
fn name_after_title<'u>(doc: &Document, title_last: usize, units: &'u [Unit]) -> &'u [Unit] {
    let gaps = std::iter::once(title_last)
        .chain(units.iter().map(|u| u.last))
        .zip(units.iter().map(|u| u.first))
        .enumerate()
        // "Ms. Quill-Benton": a hyphen or apostrophe glued on both sides joins, it is no gap.
        .filter(|(_, (prev_last, first))| {
            let joined = *first == prev_last + 2
                && matches!(tok(doc, prev_last + 1), "-" | "’" | "'")
                && glued(doc, *prev_last, prev_last + 1)
                && glued(doc, prev_last + 1, *first);
            *first > prev_last + 1 && !joined
        })
        .map(|(i, _)| i);
    let Some(last_gap) = gaps.last() else {
        return units;
    };
    if let Some(p) = units
        .iter()
        .position(|u| lexicon::first_name(tok(doc, u.first)).is_some())
    {
        return &units[p..];
    }
    let tail = &units[last_gap..];
    &tail[tail.len().saturating_sub(2)..]
}
