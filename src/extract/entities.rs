//! Named entities: candidates from every document, the class evidence their context gives
//! (titles, role nouns, ages, prepositions, head words), then alias merging across the corpus.

use std::collections::{HashMap, HashSet};

use super::EntityClass;
use super::candidates::{CorpusCase, Scanner};
use super::words::{self, all_caps, all_caps_long, is_acronym, starts_lower, starts_upper, tok};
use crate::document::{Corpus, Document, Sentence, Span, TermId};
use crate::lexicon::{self, Gender, NameEntry};

/// Scores for each class a name could have; the largest sum over an entity's mentions wins.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    pub person: f32,
    pub org: f32,
    pub place: f32,
    pub other: f32,
}

impl Evidence {
    pub fn add(&mut self, o: &Evidence) {
        self.person += o.person;
        self.org += o.org;
        self.place += o.place;
        self.other += o.other;
    }

    /// The winning class, if any evidence at all.
    pub fn class(&self) -> Option<EntityClass> {
        let all = [
            (self.person, EntityClass::Person),
            (self.org, EntityClass::Organization),
            (self.place, EntityClass::Place),
            (self.other, EntityClass::Other),
        ];
        all.into_iter()
            .filter(|(s, _)| *s > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
    }
}

/// A candidate name in one document, before merging.
#[derive(Debug, Clone)]
pub struct Raw {
    /// The name only: no title, no possessive.
    pub span: Span,
    pub first: usize,
    pub last: usize,
    /// The lexicon entry when the whole name is a known one.
    pub lexicon: Option<NameEntry>,
    pub evidence: Evidence,
    pub gender: Option<Gender>,
    pub acronym: bool,
    /// For "(NWA)" right after "National Water Authority": that name's span.
    pub expands: Option<Span>,
}

impl Raw {
    /// A name recognised only because the lexicon or the corpus already knows it.
    pub fn known(doc: &Document, first: usize, last: usize, lexicon: Option<NameEntry>) -> Raw {
        let mut span = words::span_of(doc, first, last);
        let end = tok(doc, last);
        span.end -= (end.len() - words::strip_possessive(end).len()) as u32;
        let mut evidence = Evidence::default();
        if let Some(e) = lexicon {
            match e.kind {
                lexicon::NameKind::Place => evidence.place += 6.0,
                lexicon::NameKind::Group => evidence.other += 6.0,
                lexicon::NameKind::Organization => evidence.org += 6.0,
                lexicon::NameKind::Title(_) => {}
            }
        }
        Raw {
            span,
            first,
            last,
            lexicon,
            evidence,
            gender: None,
            // In capitals, every word looks like an acronym; only a normal sentence can tell.
            acronym: false,
            expands: None,
        }
    }
}

/// The form names are compared in: lowercase, no periods, straight apostrophes, single spaces.
pub fn key_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '.' => {}
            '’' | '‘' => out.push('\''),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_string()
}

const PLACE_PREPOSITIONS: [&str; 9] = [
    "in",
    "at",
    "near",
    "across",
    "outside",
    "inside",
    "into",
    "throughout",
    "toward",
];

const PLACE_NOUNS: [&str; 14] = [
    "mayor",
    "capital",
    "city",
    "town",
    "village",
    "residents",
    "province",
    "region",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "people",
];

/// Common nouns that, right before a name, say it is an organisation's.
const ORG_NOUNS: [&str; 20] = [
    "party",
    "group",
    "company",
    "firm",
    "agency",
    "organisation",
    "organization",
    "band",
    "newspaper",
    "militia",
    "network",
    "union",
    "movement",
    "coalition",
    "broadcaster",
    "bank",
    "charity",
    "outlet",
    "channel",
    "startup",
];

/// Class evidence from the words around tokens `first..=last`, and a gender if they tell one.
pub fn context(doc: &Document, first: usize, last: usize) -> (Evidence, Option<Gender>) {
    let mut ev = Evidence::default();
    let mut gender = None;
    let before = |n: usize| first.checked_sub(n).map_or("", |i| tok(doc, i));
    let after = |n: usize| tok(doc, last + n);
    let prev = before(1).to_lowercase();
    if let Some(g) = lexicon::role_noun(&prev) {
        ev.person += 2.0;
        gender = g;
    } else if PLACE_PREPOSITIONS.contains(&prev.as_str()) {
        ev.place += 1.0;
    } else if matches!(prev.as_str(), "from" | "to") {
        ev.place += 0.5;
    } else if ORG_NOUNS.contains(&prev.as_str()) {
        ev.org += 2.0; // "the far-right group Proud Boys"
    } else if prev == "the" {
        ev.org += 0.3;
        ev.place += 0.3;
        ev.person -= 1.5;
    } else if matches!(prev.as_str(), "and" | "or" | ",") && after_place_list(doc, first) {
        ev.place += 1.5; // "in Rotterdam and Antwerp", "in Talden, Mirov and St. Ivo"
    } else if prev == "of" && PLACE_NOUNS.contains(&before(2).to_lowercase().as_str()) {
        ev.place += 2.0;
    } else if prev == "," && is_dateline(doc, first.saturating_sub(2)) {
        ev.place += 2.0; // "BRENNICK, Carvania, Jan. 16 —"
    }
    match (after(1), after(2), after(3)) {
        (",", age, ",") if age.chars().all(|c| c.is_ascii_digit()) && !age.is_empty() => {
            ev.person += 3.0;
        }
        (",", "a" | "an" | "the", _) => {
            let role = (last + 3..last + 8)
                .map(|i| tok(doc, i))
                .take_while(|t| !matches!(*t, "," | "." | ";" | ""))
                .find_map(lexicon::role_noun);
            if let Some(g) = role {
                ev.person += 2.0;
                gender = gender.or(g);
            }
        }
        (",", "who", _) | ("who", _, _) => ev.person += 1.0,
        (",", "which", _) => ev.org += 0.5,
        ("(", acr, ")") if is_acronym(acr) => ev.org += 1.0,
        (next, _, _) if lexicon::reporting_verb(next).is_some() => ev.person += 0.5,
        (next, _, _) if lexicon::role_noun(next).is_some() => ev.org += 1.0,
        _ => {}
    }
    (ev, gender)
}

/// Whether the name at token `first` is a later item of a list of capitalised names that a
/// place preposition opens: "in Talden, Mirov and St. Ivo".
fn after_place_list(doc: &Document, first: usize) -> bool {
    let mut names = 0;
    for i in (first.saturating_sub(12)..first).rev() {
        let t = tok(doc, i);
        if matches!(t, "," | "and" | "or" | ".") {
            continue;
        }
        if starts_upper(t) {
            names += 1;
            continue;
        }
        return names > 0 && PLACE_PREPOSITIONS.contains(&t.to_lowercase().as_str());
    }
    false
}

/// A word in capitals opening its paragraph and followed by a comma: a dateline's city.
pub fn is_dateline(doc: &Document, i: usize) -> bool {
    let opens = doc.tokens.get(i).is_some_and(|t| {
        let p = doc
            .paragraphs
            .partition_point(|p| p.span.end <= t.span.start);
        doc.paragraphs
            .get(p)
            .is_some_and(|p| p.span.start == t.span.start)
    });
    opens && all_caps(tok(doc, i)) && tok(doc, i + 1) == ","
}

/// How a sentence uses capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Normal,
    /// A headline in capitals: capitals are no evidence of a name.
    Shouting,
    /// A headline or caption in title case: only words the corpus never writes in lowercase.
    Title,
}

pub(super) fn sentence_case(doc: &Document, s: &Sentence) -> Case {
    let mut n = 0usize;
    let mut caps = 0usize;
    let mut initial_caps = 0usize;
    for i in words::range(s) {
        let t = tok(doc, i);
        if !words::is_word(doc, i) || !t.chars().any(char::is_alphabetic) {
            continue;
        }
        n += 1;
        if all_caps(t) {
            caps += 1;
        }
        if starts_upper(t) {
            initial_caps += 1;
        }
    }
    if n >= 3 && caps * 10 >= n * 6 {
        Case::Shouting
    } else if n >= 4 && initial_caps * 4 >= n * 3 {
        Case::Title
    } else {
        Case::Normal
    }
}

/// Each active document's own case (`None` for the others), and the corpus's: their union.
fn corpus_case(corpus: &Corpus, active: &[bool]) -> (Vec<Option<CorpusCase>>, CorpusCase) {
    let own: Vec<Option<CorpusCase>> = corpus
        .documents
        .iter()
        .zip(active)
        .map(|(doc, &on)| {
            on.then(|| {
                let mut case = CorpusCase::default();
                document_case(corpus, doc, &mut case);
                case
            })
        })
        .collect();
    let mut case = CorpusCase::default();
    for c in own.iter().flatten() {
        case.lower.extend(&c.lower);
        case.mid_caps.extend(&c.mid_caps);
        case.bare.extend(&c.bare);
    }
    (own, case)
}

/// Add what `doc` writes in lowercase and what it capitalises inside a sentence to `case`.
fn document_case(corpus: &Corpus, doc: &Document, case: &mut CorpusCase) {
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        let normal = sentence_case(doc, s) == Case::Normal;
        let mut at_start = true;
        for i in words::range(s) {
            let t = tok(doc, i);
            let Some(token) = doc.tokens.get(i) else {
                continue;
            };
            if !words::is_word(doc, i) {
                at_start |= words::is_opening_mark(t) || matches!(t, ":" | "\"" | "(");
                continue;
            }
            let bare = words::strip_possessive(t);
            if bare.len() < t.len()
                && let Some(b) = corpus.vocab.lookup(bare)
            {
                case.bare.insert(token.term, b);
            }
            let term = case.bare.get(&token.term).copied().unwrap_or(token.term);
            if starts_lower(t) {
                case.lower.insert(term);
            } else if normal && !at_start && starts_upper(t) {
                case.mid_caps.insert(term);
            }
            at_start = false;
        }
    }
}

/// The words a document itself capitalises inside sentences and never writes in lowercase, from
/// its own case: its names ("Trump"), even where another document writes the word in lowercase
/// ("a trump card").
fn names_here(own: &CorpusCase) -> HashSet<TermId> {
    own.mid_caps.difference(&own.lower).copied().collect()
}

/// Find, classify and merge the named entities of every active document.
pub fn find(corpus: &Corpus, active: &[bool]) -> super::aliases::Clustered {
    let (own_case, mut case) = corpus_case(corpus, active);
    let mut raws: Vec<Vec<Raw>> = Vec::with_capacity(corpus.documents.len());
    let mut deferred: Vec<Vec<(usize, usize)>> = Vec::with_capacity(corpus.documents.len());
    let mut tagged: Vec<super::tagged::Tagging> = Vec::with_capacity(corpus.documents.len());
    for (doc, own) in corpus.documents.iter().zip(&own_case) {
        let mut later = Vec::new();
        let Some(own) = own else {
            raws.push(Vec::new());
            deferred.push(later);
            tagged.push(super::tagged::Tagging::default());
            continue;
        };
        case.names_here = names_here(own);
        let matches = lexicon::names().find(&doc.text, false);
        tagged.push(super::tagged::find(doc, &matches, &case));
        let mut scanner = Scanner::new(doc, &case, &matches);
        for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
            let r = words::range(s);
            if sentence_case(doc, s) == Case::Shouting {
                later.push((r.start, r.end));
                continue;
            }
            scanner.title_case = sentence_case(doc, s) == Case::Title;
            scanner.sentence(r.start, r.end);
            later.extend(
                r.filter(|&i| all_caps_long(tok(doc, i)))
                    .map(|i| (i, i + 1)),
            );
        }
        raws.push(scanner.out);
        deferred.push(later);
    }
    let known = known_names(corpus, &raws);
    for ((doc, out), later) in corpus.documents.iter().zip(&mut raws).zip(deferred) {
        for (start, end) in later {
            super::headlines::shouting(doc, start, end, &known, out);
        }
        out.sort_by_key(|r| r.span.start);
    }
    let named = super::tagged::named(corpus.documents.iter().zip(&tagged));
    let raws = raws
        .into_iter()
        .zip(tagged)
        .zip(&corpus.documents)
        .map(|((rules, tagged), doc)| super::tagged::join(doc, tagged, rules, &named))
        .collect();
    super::aliases::cluster(corpus, raws)
}

/// Every name key found in ordinary sentences, plus the surname of each likely person.
fn known_names(corpus: &Corpus, raws: &[Vec<Raw>]) -> HashMap<String, Span> {
    let mut known = HashMap::new();
    for (doc, list) in corpus.documents.iter().zip(raws) {
        for r in list {
            let name = doc.slice(r.span);
            known.insert(key_of(name), r.span);
            if r.evidence.class() == Some(EntityClass::Person)
                && let Some(last) = name.split_whitespace().next_back()
            {
                known.insert(key_of(last), r.span);
            }
        }
    }
    known
}
