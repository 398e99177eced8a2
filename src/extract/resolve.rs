//! Turning the words that name a source into an [`Attribution`]: the entity they name, or the
//! phrase itself; a pronoun resolved to the last matching person or earlier source before it.

use super::words::{self, tok};
use super::{Attribution, Entity, EntityClass, EntityId, Mention, Via};
use crate::document::{Document, Span};
use crate::lexicon::{self, Gender};

/// How far back (bytes) a pronoun looks for the person it stands for: a few paragraphs.
const PRONOUN_REACH: u32 = 2500;

pub struct Resolver<'a> {
    pub doc: &'a Document,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    genders: &'a [Option<Gender>],
}

impl<'a> Resolver<'a> {
    pub fn new(
        doc: &'a Document,
        mentions: &'a [Mention],
        entities: &'a [Entity],
        genders: &'a [Option<Gender>],
    ) -> Self {
        Resolver {
            doc,
            mentions,
            entities,
            genders,
        }
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
        text.chars().any(char::is_alphabetic).then(|| Attribution {
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
        let person = inside.iter().find(|m| {
            self.entity(m.entity)
                .is_some_and(|e| e.class == EntityClass::Person)
                && m.span.end <= last_word_end
                && m.span.end + 3 >= last_word_end
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

    /// The person or earlier source a pronoun at `span` stands for: the latest one before it
    /// whose gender does not contradict the pronoun's.
    fn pronoun(
        &self,
        span: Span,
        want: Option<Gender>,
        prior: &[Attribution],
    ) -> Option<Attribution> {
        let floor = span.start.saturating_sub(PRONOUN_REACH);
        let fits = |g: Option<Gender>| want.is_none() || g.is_none() || g == want;
        let hi = self.mentions.partition_point(|m| m.span.start < span.start);
        let person = self.mentions[..hi]
            .iter()
            .rev()
            .take_while(|m| m.span.start >= floor)
            .find(|m| {
                self.entity(m.entity)
                    .is_some_and(|e| e.class == EntityClass::Person)
                    && fits(self.genders.get(m.entity.index()).copied().flatten())
            })
            .filter(|_| want.is_some());
        let earlier = prior
            .iter()
            .rev()
            .filter(|a| a.span.start < span.start && a.span.start >= floor)
            .find(|a| {
                let personal = match a.entity {
                    Some(e) => !self.is_group(e),
                    None => self.has_role(a.span),
                };
                fits(self.gender_of(a)) && personal == want.is_some()
            });
        let (name, entity) = match (person, earlier) {
            (Some(m), Some(a)) if a.span.start > m.span.start => (a.name.clone(), a.entity),
            (Some(m), _) => (self.entity(m.entity)?.name.clone(), Some(m.entity)),
            (None, Some(a)) => (a.name.clone(), a.entity),
            (None, None) => return None,
        };
        Some(Attribution {
            span,
            name,
            entity,
            via: Via::Pronoun,
        })
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
