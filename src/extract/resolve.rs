//! Turning the words that name a source into an [`Attribution`]: the entity they name, or the
//! phrase itself; a pronoun resolved to the last matching person or earlier source before it.

use super::words::{self, tok};
use super::{Attribution, Entity, EntityClass, EntityId, Mention, Via};
use crate::document::{Document, Span};
use crate::lexicon::{self, Gender};

/// How far back (bytes) a pronoun looks for the person it stands for: a few paragraphs.
const PRONOUN_REACH: u32 = 2500;

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
            let name = self.entity(entity).map(|e| e.name.clone())?;
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

    /// The person or earlier source a pronoun at `span` stands for. Sentences are searched
    /// from the pronoun's own backwards, and within one the leftmost fitting candidate wins: the
    /// subject of "Kell says he will ask Ruan" is Kell, and a reporting sentence's subject is
    /// who its "he" continues. Names inside quotations are the speaker's words and never count.
    fn pronoun(
        &self,
        span: Span,
        want: Option<Gender>,
        prior: &[Attribution],
    ) -> Option<Attribution> {
        let floor = span.start.saturating_sub(PRONOUN_REACH);
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
        let sentences = &self.doc.sentences;
        let mut k = sentences.partition_point(|s| s.span.end <= span.start);
        let mut m_hi = self.mentions.partition_point(|m| m.span.start < span.start);
        let mut p_hi = prior.partition_point(|a| a.span.start < span.start);
        loop {
            let from = sentences.get(k).map_or(span.start, |s| s.span.start);
            // "He notes that … . He says, …": an earlier sentence whose subject is the same
            // pronoun speaks of the same person, who is named further back.
            let opens_with_same = want.is_some()
                && from < span.start
                && sentences
                    .get(k)
                    .and_then(|s| self.doc.tokens.get(s.tokens.start as usize))
                    .is_some_and(|t| words::pronoun(self.doc.slice(t.span)) == Some(want));
            if opens_with_same {
                let m_lo = self.mentions.partition_point(|m| m.span.start < from);
                let p_lo = prior.partition_point(|a| a.span.start < from);
                if from <= floor || k == 0 {
                    return None;
                }
                k -= 1;
                m_hi = m_lo;
                p_hi = p_lo;
                continue;
            }
            let m_lo = self.mentions.partition_point(|m| m.span.start < from);
            let p_lo = prior.partition_point(|a| a.span.start < from);
            let person = self
                .mentions
                .get(m_lo..m_hi)
                .and_then(|ms| ms.iter().find(|m| m.span.start >= floor && person_fits(m)));
            let earlier = prior
                .get(p_lo..p_hi)
                .and_then(|ps| ps.iter().find(|a| a.span.start >= floor && source_fits(a)));
            let chosen = match (person, earlier) {
                (Some(m), Some(a)) if a.span.start < m.span.start => {
                    Some((a.name.clone(), a.entity))
                }
                (Some(m), _) => Some((self.entity(m.entity)?.name.clone(), Some(m.entity))),
                (None, Some(a)) => Some((a.name.clone(), a.entity)),
                (None, None) => None,
            };
            if let Some((name, entity)) = chosen {
                return Some(Attribution {
                    span,
                    name,
                    entity,
                    via: Via::Pronoun,
                });
            }
            if from <= floor || k == 0 {
                return None;
            }
            k -= 1;
            m_hi = m_lo;
            p_hi = p_lo;
        }
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
