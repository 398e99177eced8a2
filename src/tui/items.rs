//! Quotes, claims and entity mentions as the reader moves between them: which one is current,
//! the next and previous in a document, the same one in other documents, and whether its
//! wording drifted between versions.

use crate::document::DocId;
use crate::document::Span;
use crate::extract::{Counterpart, EntityId, Extraction, Wording};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Quote,
    Claim,
    Mention,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Claim => "claim",
            Kind::Mention => "entity",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Quote => "quotes",
            Kind::Claim => "claims",
            Kind::Mention => "named entities",
        }
    }
}

/// One quote, claim or mention: its kind, document and index in that document's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Item {
    pub kind: Kind,
    pub doc: DocId,
    pub index: usize,
}

/// Read access to the extraction in the terms of [`Item`].
pub struct Items<'a>(pub &'a Extraction);

impl<'a> Items<'a> {
    /// The items of a kind in a document, as (span, sentence) in position order. Scare quotes
    /// are left out of quote navigation: they are terms, not statements.
    pub fn list(&self, kind: Kind, doc: DocId) -> Vec<(usize, Span)> {
        let Some(d) = self.0.document(doc) else {
            return Vec::new();
        };
        match kind {
            Kind::Quote => d
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| !q.scare)
                .map(|(i, q)| (i, q.span))
                .collect(),
            Kind::Claim => d
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| (i, c.span))
                .collect(),
            Kind::Mention => d
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| (i, m.span))
                .collect(),
        }
    }

    pub fn span(&self, item: Item) -> Option<Span> {
        let d = self.0.document(item.doc)?;
        match item.kind {
            Kind::Quote => d.quotes.get(item.index).map(|q| q.span),
            Kind::Claim => d.claims.get(item.index).map(|c| c.span),
            Kind::Mention => d.mentions.get(item.index).map(|m| m.span),
        }
    }

    /// The next (or previous) item of `kind` in `doc` after byte `from`; `None` at the end.
    pub fn step(&self, kind: Kind, doc: DocId, from: u32, forward: bool) -> Option<Item> {
        let list = self.list(kind, doc);
        let pick = if forward {
            list.iter().find(|(_, s)| s.start > from)
        } else {
            list.iter().rev().find(|(_, s)| s.start < from)
        };
        pick.map(|&(index, _)| Item { kind, doc, index })
    }

    /// Position of an item in its document's navigable list, and the list's length.
    pub fn ordinal(&self, item: Item) -> (usize, usize) {
        let list = self.list(item.kind, item.doc);
        let at = list
            .iter()
            .position(|(i, _)| *i == item.index)
            .map_or(0, |p| p + 1);
        (at, list.len())
    }

    /// The same quote or claim in other documents.
    pub fn counterparts(&self, item: Item) -> &'a [Counterpart] {
        let Some(d) = self.0.document(item.doc) else {
            return &[];
        };
        match item.kind {
            Kind::Quote => d.quotes.get(item.index).map_or(&[], |q| &q.counterparts),
            Kind::Claim => d.claims.get(item.index).map_or(&[], |c| &c.counterparts),
            Kind::Mention => &[],
        }
    }

    /// The counterpart of an item in one other document, as an item there.
    pub fn counterpart_in(&self, item: Item, other: DocId) -> Option<Item> {
        self.counterparts(item)
            .iter()
            .find(|c| c.doc == other)
            .map(|c| Item {
                kind: item.kind,
                doc: other,
                index: c.index,
            })
    }

    /// Whether the item drifts between versions: a quote whose words differ (quoted words
    /// should not change), or a quote or claim whose figures differ. A claim merely reworded by
    /// another outlet is ordinary rewriting, not a finding.
    pub fn drifts(&self, item: Item) -> bool {
        self.counterparts(item).iter().any(|c| match c.wording {
            Wording::Same => false,
            Wording::Reworded => item.kind == Kind::Quote,
            Wording::FigureChanged => true,
        })
    }

    pub fn entity_of(&self, item: Item) -> Option<EntityId> {
        let d = self.0.document(item.doc)?;
        (item.kind == Kind::Mention)
            .then(|| d.mentions.get(item.index).map(|m| m.entity))
            .flatten()
    }

    /// Every mention of an entity in the corpus, in document then position order.
    pub fn mentions_of(&self, entity: EntityId) -> Vec<Item> {
        let mut out = Vec::new();
        for (d, doc) in self
            .0
            .documents
            .iter()
            .zip(DocId::all(self.0.documents.len()))
        {
            for (index, m) in d.mentions.iter().enumerate() {
                if m.entity == entity {
                    out.push(Item {
                        kind: Kind::Mention,
                        doc,
                        index,
                    });
                }
            }
        }
        out
    }

    /// The item of `kind` that covers byte `at` of `doc`, if any.
    pub fn at(&self, kind: Kind, doc: DocId, at: u32) -> Option<Item> {
        self.list(kind, doc)
            .into_iter()
            .find(|(_, s)| s.start <= at && at < s.end.max(s.start + 1))
            .map(|(index, _)| Item { kind, doc, index })
    }

    /// The first item of `kind` inside a byte range of `doc` (a sentence).
    pub fn first_within(&self, kind: Kind, doc: DocId, range: Span) -> Option<Item> {
        self.list(kind, doc)
            .into_iter()
            .find(|(_, s)| range.start <= s.start && s.start < range.end)
            .map(|(index, _)| Item { kind, doc, index })
    }
}
