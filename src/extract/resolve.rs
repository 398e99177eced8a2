//! Turning the words that name a source into an [`Attribution`]: the entity they name, or the
//! phrase itself; a pronoun resolved to the last matching person or earlier source before it.

use super::words::{self, tok};
use super::{Attribution, Entity, EntityClass, EntityId, Mention, Via};
use crate::document::{Document, Span};
use crate::lexicon::{self, Gender};

/// How far back (bytes) a pronoun looks for the person it stands for: a few paragraphs.
const PRONOUN_REACH: u32 = 2500;

/// How many paragraphs a pronoun looks back past the last sentence using the same pronoun.
const PARAGRAPH_REACH: u32 = 2;

/// Words opening a clause that may come before its main clause's subject.
const SUBORDINATORS: [&str; 11] = [
    "when", "while", "after", "before", "although", "though", "because", "since", "if", "once",
    "as",
];

/// What a sentence offers a pronoun.
enum Pick {
    Found(String, Option<EntityId>),
    /// Two people or a nominal compete: the text does not say which.
    Unclear,
    Nothing,
}

/// Whether a source phrase can name someone: not a verb phrase ("seized on an assessment",
/// "forced to defend"), not a clause ("they turned to the police"), not a lone function word.
fn noun_phrase(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    let (Some(first), second) = (ws.next(), ws.next()) else {
        return false;
    };
    // "seized on", "forced to": a verb form with its object or preposition; "unnamed
    // sources" and "leading experts" are noun phrases.
    let verb_like = |w: &str| {
        w.chars().all(|c| c.is_lowercase())
            && (w.ends_with("ed") || w.ends_with("ing"))
            && second.is_some_and(|n| {
                matches!(
                    n,
                    "on" | "to"
                        | "the"
                        | "a"
                        | "an"
                        | "that"
                        | "by"
                        | "with"
                        | "in"
                        | "at"
                        | "for"
                        | "up"
                        | "out"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "it"
                        | "not"
                )
            })
    };
    let pronoun = words::pronoun(first).is_some()
        || matches!(first, "we" | "We" | "I" | "it" | "It" | "you" | "You");
    // A lone pronoun is a source ("it said", "I wrote"); a lone "from" or "now" is not.
    let function_word = !pronoun
        && lexicon::stopwords().contains(first.to_lowercase().as_str())
        && second.is_none();
    !(verb_like(first) || first == "to" || function_word || pronoun && second.is_some())
}

pub struct Resolver<'a> {
    pub doc: &'a Document,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    genders: &'a [Option<Gender>],
    /// The quotations of the document with their marks, in order: names inside them are the
    /// speaker's words, never what a pronoun outside stands for.
    quoted: Vec<Span>,
}

impl<'a> Resolver<'a> {
    pub fn new(
        doc: &'a Document,
        mentions: &'a [Mention],
        entities: &'a [Entity],
        genders: &'a [Option<Gender>],
        quoted: Vec<Span>,
    ) -> Self {
        Resolver {
            doc,
            mentions,
            entities,
            genders,
            quoted,
        }
    }

    /// Whether byte `pos` lies inside a quotation.
    pub fn is_quoted(&self, pos: u32) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= pos);
        self.quoted.get(i).is_some_and(|q| q.start <= pos)
    }

    fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    /// The attribution the tokens `first..=last` name; `prior` are the attributions made
    /// earlier in the document, in position order, for pronouns.
    pub fn attribution(
        &self,
        (first, last): (usize, usize),
        prior: &[Attribution],
    ) -> Option<Attribution> {
        let doc = self.doc;
        // "they turned to the police": a pronoun opening a clause is the source.
        if first < last && words::pronoun(tok(doc, first)).is_some() {
            return self.attribution((first, first), prior);
        }
        let span = words::span_of(doc, first, last);
        if first == last
            && let Some(want) = words::pronoun(tok(doc, first))
            && let Some(found) = self.pronoun(span, want, prior)
        {
            return Some(found);
        }
        if let Some(entity) = self.named(first, last, span) {
            let e = self.entity(entity)?;
            // "Mexicans often say": a nationality or group speaks as the text names it.
            let name = match e.class {
                EntityClass::Other => doc.slice(span).to_string(),
                _ => e.name.clone(),
            };
            return Some(Attribution {
                span,
                name,
                entity: Some(entity),
                via: Via::Explicit,
            });
        }
        let text = doc.slice(span);
        let text = ["and ", "but ", "And ", "But "]
            .iter()
            .find_map(|p| text.strip_prefix(p))
            .unwrap_or(text);
        (text.chars().any(char::is_alphabetic) && noun_phrase(text)).then(|| Attribution {
            span,
            name: text.to_string(),
            entity: None,
            via: Via::Explicit,
        })
    }

    /// The entity a source phrase names: a person anywhere in it ("NWA spokeswoman Anja
    /// Feld"), or one entity covering all its words ("The National Water Authority (NWA)").
    fn named(&self, first: usize, last: usize, span: Span) -> Option<EntityId> {
        let lo = self.mentions.partition_point(|m| m.span.start < span.start);
        let inside: Vec<&Mention> = self.mentions[lo..]
            .iter()
            .take_while(|m| m.span.end <= span.end)
            .collect();
        // A person heads the phrase only at its end: "NWA spokeswoman Anja Feld", not "the
        // Trump campaign".
        let last_word_end = (first..=last)
            .rev()
            .find(|&i| words::is_word(self.doc, i))
            .and_then(|i| self.doc.tokens.get(i))
            .map_or(span.end, |t| t.span.end);
        // "Lorenz Abeyta for Harbor Insight", "Ilse Marand of the League": the first name, a
        // person, followed by a preposition is who speaks; the rest says whom for.
        let is_person = |m: &Mention| {
            self.entity(m.entity)
                .is_some_and(|e| e.class == EntityClass::Person)
        };
        if let Some(m) = inside.first().filter(|m| is_person(m)) {
            let next = words::token_at_or_after(self.doc, m.span.end);
            if next <= last && matches!(tok(self.doc, next), "for" | "of" | "at" | "from" | "with")
            {
                return Some(m.entity);
            }
        }
        // "Ana Ruiz and Ivo Kell": both speak; the phrase names them.
        let joined = inside.windows(2).any(|w| {
            is_person(w[0])
                && is_person(w[1])
                && w[0].entity != w[1].entity
                && tok(self.doc, words::token_at_or_after(self.doc, w[0].span.end)) == "and"
        });
        if joined {
            return None;
        }
        let person = inside.iter().find(|m| {
            is_person(m) && m.span.end <= last_word_end && m.span.end + 3 >= last_word_end
        });
        if let Some(p) = person {
            return Some(p.entity);
        }
        let only = inside.first()?.entity;
        if inside.iter().any(|m| m.entity != only) {
            return None;
        }
        let covered = (first..=last).all(|i| {
            let t = tok(self.doc, i);
            let Some(span) = self.doc.tokens.get(i).map(|t| t.span) else {
                return true;
            };
            !words::is_word(self.doc, i)
                || matches!(t.to_lowercase().as_str(), "the" | "a" | "an")
                || inside
                    .iter()
                    .any(|m| m.span.start <= span.start && span.start < m.span.end)
        });
        covered.then_some(only)
    }

    fn gender_of(&self, a: &Attribution) -> Option<Gender> {
        if let Some(e) = a.entity {
            return self.genders.get(e.index()).copied().flatten();
        }
        self.doc
            .slice(a.span)
            .split_whitespace()
            .find_map(lexicon::role_noun)
            .flatten()
    }

    /// The person or earlier source a pronoun at `span` stands for, or `None` when the text
    /// does not tell (the phrase then stays the pronoun). Sentences are searched from the
    /// pronoun's own backwards, at most [`PARAGRAPH_REACH`] paragraphs past the last sentence
    /// that uses the same pronoun. Within a sentence, only what comes before that sentence's own
    /// use of the pronoun counts ("He said Ruan would …": Ruan is what he speaks of), and the
    /// leftmost fitting candidate wins when it is the subject or a source; a person further in,
    /// with another fitting person beside it, or a nominal such as "the woman" before it, leaves
    /// the pronoun unresolved. Names inside quotations are the speaker's words and never count.
    fn pronoun(
        &self,
        span: Span,
        want: Option<Gender>,
        prior: &[Attribution],
    ) -> Option<Attribution> {
        let floor = span.start.saturating_sub(PRONOUN_REACH);
        let sentences = &self.doc.sentences;
        let mut k = sentences.partition_point(|s| s.span.end <= span.start);
        let mut hi = span.start;
        let mut chain = sentences.get(k).map_or(0, |s| s.paragraph);
        loop {
            let sentence = sentences.get(k)?;
            if chain.saturating_sub(sentence.paragraph) > PARAGRAPH_REACH {
                return None;
            }
            let from = sentence.span.start.max(floor);
            let same = want.and_then(|_| self.same_pronoun(sentence, want, hi));
            if same.is_some() {
                chain = sentence.paragraph;
            }
            match self.pick(sentence, from, same.unwrap_or(hi), want, prior) {
                Pick::Found(name, entity) => {
                    return Some(Attribution {
                        span,
                        name,
                        entity,
                        via: Via::Pronoun,
                    });
                }
                Pick::Unclear => return None,
                Pick::Nothing => {}
            }
            if from <= floor || k == 0 {
                return None;
            }
            k -= 1;
            hi = from;
        }
    }

    /// Where `sentence` itself uses the pronoun `want` before byte `hi`, outside quotations.
    fn same_pronoun(
        &self,
        sentence: &crate::document::Sentence,
        want: Option<Gender>,
        hi: u32,
    ) -> Option<u32> {
        words::range(sentence)
            .filter_map(|i| self.doc.tokens.get(i))
            .take_while(|t| t.span.start < hi)
            .enumerate()
            .find(|&(n, t)| {
                words::pronoun(self.doc.slice(t.span)) == Some(want)
                    && !self.is_quoted(t.span.start)
                    && !self.cataphoric(sentence, n)
            })
            .map(|(_, t)| t.span.start)
    }

    /// Whether the pronoun `n` tokens into `sentence` looks ahead to the sentence's subject:
    /// "When he wrote the book, Kell said …", "Back when he …".
    fn cataphoric(&self, sentence: &crate::document::Sentence, n: usize) -> bool {
        let first = sentence.tokens.start as usize;
        let subordinate = (first..first + n)
            .take(3)
            .any(|i| SUBORDINATORS.contains(&tok(self.doc, i).to_lowercase().as_str()));
        subordinate
            && words::range(sentence)
                .skip(n)
                .any(|i| tok(self.doc, i) == ",")
    }

    /// The antecedent a pronoun finds in bytes `from..hi` of `sentence`.
    fn pick(
        &self,
        sentence: &crate::document::Sentence,
        from: u32,
        hi: u32,
        want: Option<Gender>,
        prior: &[Attribution],
    ) -> Pick {
        let fits = |g: Option<Gender>| want.is_none() || g.is_none() || g == want;
        let person_fits = |m: &&Mention| {
            want.is_some()
                && !self.is_quoted(m.span.start)
                && self
                    .entity(m.entity)
                    .is_some_and(|e| e.class == EntityClass::Person)
                && fits(self.genders.get(m.entity.index()).copied().flatten())
        };
        let source_fits = |a: &&Attribution| {
            let personal = match a.entity {
                Some(e) => !self.is_group(e),
                None => self.has_role(a.span),
            };
            !self.is_quoted(a.span.start) && fits(self.gender_of(a)) && personal == want.is_some()
        };
        let m_lo = self.mentions.partition_point(|m| m.span.start < from);
        let m_hi = self.mentions.partition_point(|m| m.span.start < hi);
        let p_lo = prior.partition_point(|a| a.span.start < from);
        let p_hi = prior.partition_point(|a| a.span.start < hi);
        let people: Vec<&Mention> = self
            .mentions
            .get(m_lo..m_hi)
            .unwrap_or(&[])
            .iter()
            .filter(|m| person_fits(m))
            .collect();
        let source = prior
            .get(p_lo..p_hi)
            .and_then(|ps| ps.iter().find(|a| source_fits(a)));
        let person = people.first().copied();
        // A source covering the person's mention ("Clinton aide Jo Pryce") is who speaks.
        let at = match (person, source) {
            (Some(m), Some(a)) if a.span.start <= m.span.start => a.span.start,
            (Some(m), _) => m.span.start,
            (None, Some(a)) => a.span.start,
            (None, None) => hi,
        };
        if want.is_some() && self.nominal_before(from, at, want) {
            return Pick::Unclear;
        }
        match (person, source) {
            (Some(m), Some(a)) if a.span.start <= m.span.start => {
                Pick::Found(a.name.clone(), a.entity)
            }
            (Some(m), _) => {
                // Another person of the pronoun's gender: only the subject is a safe choice.
                let rivals = people.iter().any(|o| {
                    o.entity != m.entity
                        && self.genders.get(o.entity.index()).copied().flatten() == want
                });
                if rivals && !self.opens(sentence, m.span) {
                    return Pick::Unclear;
                }
                match self.entity(m.entity) {
                    Some(e) => Pick::Found(e.name.clone(), Some(m.entity)),
                    None => Pick::Unclear,
                }
            }
            (None, Some(a)) => Pick::Found(a.name.clone(), a.entity),
            (None, None) => Pick::Nothing,
        }
    }

    /// Whether a mention at `span` is where its sentence begins, give or take a title or an
    /// article: the subject a following pronoun most likely continues.
    fn opens(&self, sentence: &crate::document::Sentence, span: Span) -> bool {
        let first = sentence.tokens.start as usize;
        let at = words::token_at_or_after(self.doc, span.start);
        // "On Monday night, Kell leaned in": a short opening phrase before the subject.
        at <= first + 2 || at <= first + 10 && tok(self.doc, at.saturating_sub(1)) == ","
    }

    /// A noun naming a person of the pronoun's gender ("the woman", "his wife") in bytes
    /// `from..hi`, outside quotations and not as a title before a name: the nearer antecedent,
    /// which has no name to give.
    fn nominal_before(&self, from: u32, hi: u32, want: Option<Gender>) -> bool {
        let start = words::token_at_or_after(self.doc, from);
        let end = words::token_at_or_after(self.doc, hi);
        (start..end).any(|i| {
            let Some(t) = self.doc.tokens.get(i) else {
                return false;
            };
            let word = words::strip_possessive(self.doc.slice(t.span)).to_lowercase();
            lexicon::role_noun(&word) == Some(want)
                && !self.is_quoted(t.span.start)
                && !words::starts_upper(tok(self.doc, i + 1))
                && tok(self.doc, i + 1) != ","
        })
    }

    /// The first person named in bytes `from..to`, outside quotations, as a source: who a
    /// headline's quotation belongs to ("Kell Sees ‘Personal Insult’ in Vote").
    pub fn first_person(&self, from: u32, to: u32) -> Option<Attribution> {
        let lo = self.mentions.partition_point(|m| m.span.start < from);
        let m = self
            .mentions
            .get(lo..)?
            .iter()
            .take_while(|m| m.span.end <= to)
            .find(|m| {
                !self.is_quoted(m.span.start)
                    && self
                        .entity(m.entity)
                        .is_some_and(|e| e.class == EntityClass::Person)
            })?;
        Some(Attribution {
            span: m.span,
            name: self.entity(m.entity)?.name.clone(),
            entity: Some(m.entity),
            via: Via::Explicit,
        })
    }

    /// Whether an attribution names someone who can speak: a person or body, a pronoun that
    /// found one, several people ("Ana Ruiz and Ivo Kell") or a person by role ("a doctor").
    pub fn names_someone(&self, a: &Attribution) -> bool {
        match a.entity {
            Some(e) => self.entity(e).is_some_and(|e| {
                matches!(e.class, EntityClass::Person | EntityClass::Organization)
            }),
            None => a.via == Via::Pronoun || self.has_role(a.span) || self.people(a.span) > 1,
        }
    }

    /// How many people are named in `span`, outside quotations.
    fn people(&self, span: Span) -> usize {
        let lo = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions[lo..]
            .iter()
            .take_while(|m| m.span.end <= span.end)
            .filter(|m| !self.is_group(m.entity))
            .count()
    }

    /// Whether a source phrase names a person by role ("the ODNI official").
    fn has_role(&self, span: Span) -> bool {
        self.doc
            .slice(span)
            .split_whitespace()
            .any(|w| lexicon::role_noun(w).is_some())
    }

    fn is_group(&self, e: EntityId) -> bool {
        self.entity(e)
            .is_some_and(|e| e.class != EntityClass::Person)
    }
}
