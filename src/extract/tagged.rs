//! The trained tagger's names joined with the rules' candidates: the tagger decides where a
//! name is and gives its class a strong vote; the rules add what they are surer of (lexicon
//! names, a title before a person, an acronym's expansion, gender) and keep the lexicon names
//! the tagger missed.

use super::EntityClass;
use super::candidates::CorpusCase;
use super::entities::{Case, Evidence, Raw, key_of, sentence_case};
use super::tagger;
use super::words::{all_caps, is_acronym, strip_possessive};
use crate::document::{Document, Span};
use crate::lexicon::{self, Gender, NameKind, NameMatch};
use rustc_hash::FxHashSet;

/// The tagger's class counts this much per mention; the rules' strongest single piece of
/// evidence (a lexicon entry) counts 6, a title before a name 3.
const TAGGER_VOTE: f32 = 2.5;

/// What the tagger found in one document.
#[derive(Default)]
pub struct Tagging {
    names: Vec<Raw>,
    /// The sentences in capitals, in order: the rules' names there are kept as they are.
    shouting: Vec<Span>,
}

/// Every name the tagger finds in the document's sentences (boilerplate aside), as candidates.
pub fn find(doc: &Document, matches: &[NameMatch], case: &CorpusCase) -> Tagging {
    let sentences: Vec<_> = doc.sentences.iter().filter(|s| !s.boilerplate).collect();
    // Sentences in capitals keep only the rules' names, and sentences without letters have
    // none: neither is tagged (their words would add nothing to the document's features).
    let mut loud = Vec::new();
    let mut units: Vec<Vec<tagger::Unit>> = Vec::with_capacity(sentences.len());
    for s in &sentences {
        let u = tagger::units(doc, s);
        let words: Vec<&str> = u.iter().map(|u| u.text).collect();
        if shouting(&words) {
            if let (Some(a), Some(b)) = (u.first(), u.last()) {
                loud.push(Span {
                    start: a.span.start,
                    end: b.span.end,
                });
            }
            units.push(Vec::new());
        } else if words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            units.push(u);
        } else {
            units.push(Vec::new());
        }
    }
    let words: Vec<Vec<&str>> = units
        .iter()
        .map(|u| u.iter().map(|u| u.text).collect())
        .collect();
    let tags = tagger::tag(&words);
    let mut out = Vec::new();
    for ((units, tags), s) in units.iter().zip(&tags).zip(&sentences) {
        let title_case = sentence_case(doc, s) == Case::Title;
        for name in tagger::names(tags) {
            let mut first = name.first;
            // "Mayor Ada Brun": the lexicon's title is not part of the name.
            let title = units
                .get(first)
                .and_then(|u| title_at(matches, u.span.start as usize));
            if let Some((end, _)) = title {
                while units.get(first).is_some_and(|u| {
                    (u.span.end as usize) <= end || (u.text == "." && u.span.start as usize == end)
                }) {
                    first += 1;
                }
            }
            // "Creative Head Ada Brun": a job title of plain words is not part of the name either.
            let job = title
                .is_none()
                .then(|| job_title_end(units, first, name.end))
                .flatten();
            if let Some(after) = job {
                first = after;
            }
            let end = trailing_title(units, matches, first, name.end);
            if first >= end
                || common_opening(doc, case, units, first, end)
                || (title_case && common_in_title(doc, case, units, first, end))
            {
                continue;
            }
            let (Some(a), Some(b)) = (units.get(first), units.get(end.saturating_sub(1))) else {
                continue;
            };
            let (span, last) = without_compound_tail(doc, a.span.start, b);
            if span.is_empty() {
                continue;
            }
            let mut raw = raw(doc, span, a.first, last, name.class, matches);
            if let Some((_, gender)) = title {
                raw.evidence.person += 3.0;
                raw.gender = raw.gender.or(gender);
            } else if job.is_some() {
                raw.evidence.person += 3.0;
            }
            out.push(raw);
        }
    }
    Tagging {
        names: out,
        shouting: loud,
    }
}

/// Words that make a title of the title word after them ("Rear Admiral", "Vice President").
const TITLE_MODIFIERS: [&str; 6] = [
    "Rear",
    "Vice",
    "Deputy",
    "Acting",
    "Assistant",
    "Lieutenant",
];

/// "U.S. Coast Guard Rear Admiral": a title closing the name (not after "of" or "the", as in
/// "Office of the Prime Minister") is the next name's, not part of this one. Returns the end.
fn trailing_title(
    units: &[tagger::Unit],
    matches: &[NameMatch],
    first: usize,
    end: usize,
) -> usize {
    let mut end = end;
    // "Coast Guard Rear" where the tagger stopped before "Admiral".
    while end > first + 1
        && units
            .get(end - 1)
            .is_some_and(|u| TITLE_MODIFIERS.contains(&u.text))
    {
        end -= 1;
    }
    let Some(close) = units
        .get(end.saturating_sub(1))
        .map(|u| u.span.end as usize)
    else {
        return end;
    };
    let title = (first + 1..end).find(|&k| {
        units
            .get(k)
            .and_then(|u| title_at(matches, u.span.start as usize))
            .is_some_and(|(title_end, _)| title_end >= close)
    });
    let Some(mut k) = title else {
        return end;
    };
    while k > first + 1
        && units
            .get(k - 1)
            .is_some_and(|u| TITLE_MODIFIERS.contains(&u.text))
    {
        k -= 1;
    }
    let after_connector = units
        .get(k - 1)
        .is_some_and(|u| matches!(u.text, "of" | "the" | "for"));
    if after_connector { end } else { k }
}

/// "U.S.-based", "British-born": the lowercase tail of a hyphenated compound is not part of the
/// name. Returns the name's span and its last token.
fn without_compound_tail(doc: &Document, start: u32, last: &tagger::Unit) -> (Span, usize) {
    let whole = (
        Span {
            start,
            end: last.span.end,
        },
        last.last,
    );
    let Some(dash) = last.text.rfind('-') else {
        return whole;
    };
    let tail_lower = last
        .text
        .get(dash + 1..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_lowercase);
    if dash == 0 || !tail_lower || last.first == last.last {
        return whole;
    }
    let end = last.span.start + dash as u32;
    let token = super::words::token_at_or_after(doc, end).saturating_sub(1);
    (Span { start, end }, token)
}

/// A sentence in capitals (three or more words, most of them all capitals): its capitals
/// say nothing.
fn shouting(words: &[&str]) -> bool {
    let alpha = words.iter().filter(|w| w.chars().any(char::is_alphabetic));
    let (mut n, mut caps) = (0usize, 0usize);
    for w in alpha {
        n += 1;
        caps += usize::from(all_caps(w));
    }
    n >= 3 && caps * 10 >= n * 6
}

/// "Gate No." opening a sentence: every word of the name one the corpus also writes in
/// lowercase, or a stopword or abbreviation; a capital at a sentence start says nothing.
fn common_opening(
    doc: &Document,
    case: &CorpusCase,
    units: &[tagger::Unit],
    first: usize,
    end: usize,
) -> bool {
    let initial = units.get(..first).is_some_and(|before| {
        before
            .iter()
            .all(|u| !u.text.chars().any(char::is_alphanumeric))
    });
    initial
        && units.get(first..end).is_some_and(|name| {
            name.iter().all(|u| {
                let bare = u.text.trim_end_matches('.');
                lexicon::abbreviation(bare).is_some()
                    || lexicon::stopwords().contains(bare.to_lowercase().as_str())
                    || case.term(doc, u.first).is_some_and(|t| case.common(t))
            })
        })
}

/// "Titan Found in Pieces, Five Onboard Declared Dead": in a title-case headline capitals say
/// nothing, so a name with a word the corpus writes in lowercase elsewhere is no name.
fn common_in_title(
    doc: &Document,
    case: &CorpusCase,
    units: &[tagger::Unit],
    first: usize,
    end: usize,
) -> bool {
    units.get(first..end).is_some_and(|name| {
        name.iter()
            .any(|u| case.term(doc, u.first).is_some_and(|t| case.common(t)))
    })
}

/// The end of a lexicon title starting at byte `start`, and the gender it tells.
fn title_at(matches: &[NameMatch], start: usize) -> Option<(usize, Option<Gender>)> {
    let i = matches.partition_point(|m| m.start < start);
    let m = matches.get(i).filter(|m| m.start == start)?;
    match m.entry.kind {
        NameKind::Title(g) => Some((m.end, g)),
        _ => None,
    }
}

fn raw(
    doc: &Document,
    span: Span,
    first: usize,
    last: usize,
    class: EntityClass,
    matches: &[NameMatch],
) -> Raw {
    let mut evidence = Evidence::default();
    match class {
        EntityClass::Person => evidence.person += TAGGER_VOTE,
        EntityClass::Organization => evidence.org += TAGGER_VOTE,
        EntityClass::Place => evidence.place += TAGGER_VOTE,
        EntityClass::Other => evidence.other += TAGGER_VOTE,
    }
    let (ctx, mut gender) = super::entities::context(doc, first, last);
    evidence.add(&ctx);
    let text = doc.slice(span);
    let at = matches.partition_point(|m| m.start < span.start as usize);
    let lexicon = matches
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|m| m.start == span.start as usize)
        .find(|m| m.end == span.end as usize)
        .map(|m| m.entry)
        .filter(|e| !matches!(e.kind, NameKind::Title(_)));
    if class == EntityClass::Person {
        gender = gender.or_else(|| {
            text.split_whitespace()
                .next()
                .and_then(lexicon::first_name)
                .flatten()
        });
    }
    Raw {
        span,
        first,
        last,
        lexicon,
        evidence,
        gender,
        acronym: !text.contains(' ') && is_acronym(strip_possessive(text)),
        expands: None,
    }
}

/// Join the tagger's candidates with the rules': the same span takes both's evidence; a rule
/// candidate crossing a tagged name gives way to it; one the tagger did not see stays only
/// when a lexicon or a title vouches for it, or it stands in a sentence in capitals (which the
/// tagger does not read: there the rules name only what the lexicon or the corpus knows).
///
/// "close to Trump" where the tagger saw no name: the rules' candidate stays when the tagger
/// named it somewhere in the corpus (`named`, from [`named`]).
pub fn join(
    doc: &Document,
    tagged: Tagging,
    mut rules: Vec<Raw>,
    named: &FxHashSet<String>,
) -> Vec<Raw> {
    rules.sort_by_key(|r| (r.span.start, r.span.end));
    let in_capitals = |span: Span| {
        let i = tagged.shouting.partition_point(|s| s.end < span.end);
        tagged
            .shouting
            .get(i)
            .is_some_and(|s| s.start <= span.start && span.end <= s.end)
    };
    // Tagged names never overlap one another, so in position order their ends are sorted too.
    let mut out: Vec<Raw> = tagged.names;
    let n = out.len();
    for r in rules {
        let from = out
            .get(..n)
            .map_or(0, |o| o.partition_point(|t| t.span.end <= r.span.start));
        let mut seen = false;
        for t in out.iter_mut().take(n).skip(from) {
            if t.span.start >= r.span.end {
                break;
            }
            seen = true;
            t.gender = t.gender.or(r.gender);
            if t.span != r.span && (vouched_person(&r) || headed_around(&r, t)) {
                // "Minister of Environment Ilse Marand": the rules know where a titled name
                // or one with a known given name starts and ends.
                let mut evidence = r.evidence;
                if t.evidence.class() == Some(EntityClass::Person) {
                    evidence.person += TAGGER_VOTE;
                }
                *t = Raw {
                    evidence,
                    ..r.clone()
                };
            } else if t.span == r.span {
                t.evidence.add(&r.evidence);
                t.lexicon = t.lexicon.or(r.lexicon);
                t.acronym |= r.acronym;
                t.expands = t.expands.or(r.expands);
            }
        }
        if !seen && (sure(&r) || in_capitals(r.span) || named.contains(&key_of(doc.slice(r.span))))
        {
            out.push(r);
        }
    }
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out.dedup_by_key(|r| r.span);
    out.retain(|r| !job_title(doc.slice(r.span), r, named));
    out
}

/// Where the name starts after a leading job title of plain words ("Creative Head", "Senior
/// Producer"), when a name follows it.
fn job_title_end(units: &[tagger::Unit], first: usize, end: usize) -> Option<usize> {
    let mut after = None;
    for (k, u) in units
        .iter()
        .enumerate()
        .take(end.saturating_sub(1))
        .skip(first)
    {
        if !plain_word(u.text) {
            break;
        }
        if lexicon::role_noun(&u.text.to_lowercase()).is_some() {
            after = Some(k + 1);
        }
    }
    after
}

/// A capitalised word that names nothing on its own: no acronym, given name or head word.
fn plain_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && !all_caps(w)
        && lexicon::first_name(w).is_none()
        && lexicon::head_word(w).is_none()
}

/// "Creative Head", "Senior Editor", "Foreign Minister": a role noun after plain capitalised
/// words names a job, not a person or a body (news taggers are trained not to tag these). A
/// modifier that is itself a name ("FBI Director", "Kremlin Spokesman") or a given name keeps
/// the candidate, and so does a lone word ("The Economist").
fn job_title(text: &str, r: &Raw, named: &FxHashSet<String>) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some((head, modifiers)) = words.split_last() else {
        return false;
    };
    r.lexicon.is_none()
        && !modifiers.is_empty()
        && lexicon::role_noun(&head.to_lowercase()).is_some()
        && modifiers
            .iter()
            .all(|w| plain_word(w) && !named.contains(&key_of(w)))
}

/// "Conservative Political Action Conference" where the tagger cut it in pieces: a rule
/// candidate holding the tagged name whole, with a head word that says what it is.
fn headed_around(r: &Raw, t: &Raw) -> bool {
    let e = r.evidence;
    r.span.start <= t.span.start
        && t.span.end <= r.span.end
        && r.last > r.first
        && (e.org >= 3.0 || e.place >= 3.0 || e.other >= 2.0)
}

/// A rule candidate the rules call a person on their own strong evidence.
fn vouched_person(r: &Raw) -> bool {
    r.evidence.class() == Some(EntityClass::Person) && r.evidence.person >= 3.0
}

/// The keys of every name the tagger found in the corpus, and the surname of each person.
pub fn named<'a>(docs: impl Iterator<Item = (&'a Document, &'a Tagging)>) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for (doc, tagging) in docs {
        for t in &tagging.names {
            let name = doc.slice(t.span);
            out.insert(key_of(name));
            if t.evidence.class() == Some(EntityClass::Person)
                && let Some(last) = name.split_whitespace().next_back()
            {
                out.insert(key_of(last));
            }
        }
    }
    out
}

/// A rule candidate worth keeping on its own: a lexicon name, an acronym in ordinary text, or
/// one with strong evidence (a title before it, an organisation's head word).
fn sure(r: &Raw) -> bool {
    let e = r.evidence;
    r.lexicon.is_some() || r.acronym || e.person.max(e.org).max(e.place).max(e.other) >= 3.0
}
