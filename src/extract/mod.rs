//! Extraction: the quotes (with speakers), named entities (merged by alias, one id across the
//! corpus) and claims (with sources and cues) of every document, each quote and claim linked to
//! its counterparts in the other documents. Rule- and lexicon-based, offline, English only.
//!
//! Everything is a byte [`Span`] into `Document::text`, listed per document in position order:
//!
//! ```
//! use parallax::document::{Corpus, LoadOptions, load};
//! let corpus = Corpus::load(&load::sample_sources(), &LoadOptions::default()).unwrap();
//! let found = parallax::extract::extract(&corpus);
//! let wire = &found.documents[0];
//! let quote = &wire.quotes[0];
//! assert_eq!(corpus.documents[0].slice(quote.span), "We opened the gates because the alternative was losing the dam,");
//! assert_eq!(quote.speaker.as_ref().unwrap().name, "Ilse Marand");
//! let marand = found.entity(quote.speaker.as_ref().unwrap().entity.unwrap()).unwrap();
//! assert!(marand.mentions.iter().any(|m| m.doc.0 == 2)); // the same person in the third version
//! ```

mod aliases;
mod attribution;
mod candidates;
mod claims;
mod cross;
mod drift;
mod entities;
mod headlines;
mod language;
mod quotes;
mod resolve;
mod speakers;
mod tagged;
mod tagger;
mod words;

use crate::document::{Corpus, DocId, Span};

pub use cross::SentenceLinks;

/// A named entity's corpus-wide id: the same person, organisation or place in every document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

impl EntityId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityClass {
    Person,
    Organization,
    Place,
    /// Nationalities and other groups, events, laws, works.
    Other,
}

impl EntityClass {
    /// The name used in JSON and listings.
    pub fn name(self) -> &'static str {
        match self {
            EntityClass::Person => "person",
            EntityClass::Organization => "organization",
            EntityClass::Place => "place",
            EntityClass::Other => "other",
        }
    }
}

/// A span in one document of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Located {
    pub doc: DocId,
    pub span: Span,
}

/// One entity with every place it is named, across all documents in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest form the documents use ("Donald Trump", "National Water Authority").
    pub name: String,
    pub class: EntityClass,
    pub mentions: Vec<Located>,
}

/// Where a document names an entity; the span covers the name only (no title, no `’s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entity: EntityId,
}

/// How the text ties a quote or claim to who said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A reporting clause beside it: `“…,” X said`, `X said: “…”`, `according to X`.
    Explicit,
    /// A pronoun (`she said`) resolved to the last matching person or speaker before it.
    Pronoun,
    /// Nothing in its sentence: a follow-on quote takes the previous quote's speaker.
    Inherited,
}

/// Who a quote or claim is attributed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The words naming the source where the attribution is made (a name, a phrase, a pronoun).
    pub span: Span,
    /// What to show: the entity's name, else the phrase ("a U.S. intelligence official").
    pub name: String,
    pub entity: Option<EntityId>,
    pub via: Via,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The words inside the quotation marks (across paragraphs for a continued quote).
    pub span: Span,
    /// The same with its marks.
    pub outer: Span,
    /// The sentence that holds the opening mark (index into `Document::sentences`).
    pub sentence: usize,
    /// One to three words set in running text: a term, a nickname, a scare quote.
    pub scare: bool,
    pub speaker: Option<Attribution>,
    pub counterparts: Vec<Counterpart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb or phrase: said, concluded, according to.
    Attribution,
    /// Money, a percentage, a count, a date or a duration.
    Figure,
    /// likely, probably, believed to.
    Hedge,
}

/// A word or phrase that makes a sentence a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
    pub kind: CueKind,
}

/// A sentence that asserts something checkable: attributed, or carrying a figure or a hedge.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub span: Span,
    /// Index into `Document::sentences`.
    pub sentence: usize,
    pub source: Option<Attribution>,
    /// In position order.
    pub cues: Vec<Cue>,
    pub counterparts: Vec<Counterpart>,
}

/// How a counterpart's words compare with ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Same,
    Reworded,
    /// The same kind of quantity states another value ("$60 billion" / "$50 billion"),
    /// whatever else differs. A figure on one side only leaves the wording `Reworded`.
    FigureChanged,
}

/// The kind of quantity a figure states; only figures of one kind are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Count,
    Amount,
    Percentage,
    Date,
    Time,
    Age,
    Duration,
}

impl FigureKind {
    /// The name used in JSON and reports.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Amount => "amount",
            FigureKind::Percentage => "percentage",
            FigureKind::Date => "date",
            FigureKind::Time => "time",
            FigureKind::Age => "age",
            FigureKind::Duration => "duration",
        }
    }
}

/// A figure that differs between counterparts: the same kind of quantity with another value
/// (both sides), or a figure one side states and the other lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDrift {
    pub kind: FigureKind,
    pub ours: Option<Span>,
    pub theirs: Option<Span>,
}

impl FigureDrift {
    /// Both sides state this kind of quantity, with different values.
    pub fn changed(&self) -> bool {
        self.ours.is_some() && self.theirs.is_some()
    }

    /// "changed", "missing" (ours only: the counterpart lacks it) or "added" (theirs only).
    pub fn change(&self) -> &'static str {
        match (self.ours, self.theirs) {
            (Some(_), Some(_)) => "changed",
            (Some(_), None) => "missing",
            _ => "added",
        }
    }
}

/// The same quote or claim in another document.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterpart {
    pub doc: DocId,
    /// Index into that document's `quotes` or `claims` (the same kind as ours).
    pub index: usize,
    /// 0..=1, word overlap.
    pub similarity: f32,
    pub wording: Wording,
    /// Changed figures, ours then theirs: the same kind of quantity with another value.
    pub changed_figures: Vec<(Option<Span>, Option<Span>)>,
    /// The words of each wording the other lacks (byte spans, ours then theirs): the drift's
    /// evidence, filled in by the analysis from the comparison engine's word diff.
    pub changed_words: (Vec<Span>, Vec<Span>),
    /// Every differing figure with its kind: the changed ones and those on one side only.
    pub figures: Vec<FigureDrift>,
}

/// What was found in one document, each list in position order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocExtraction {
    /// Things the reader should know, such as "extraction is English-only".
    pub warnings: Vec<String>,
    pub quotes: Vec<Quote>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
}

/// Everything extracted from a corpus: per document (indexed by `DocId`) and the entity index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub documents: Vec<DocExtraction>,
    /// Indexed by `EntityId`, in order of first mention.
    pub entities: Vec<Entity>,
}

impl Extraction {
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    pub fn document(&self, doc: DocId) -> Option<&DocExtraction> {
        self.documents.get(doc.index())
    }
}

/// Extract from every document, matching quotes and claims across documents by their words.
pub fn extract(corpus: &Corpus) -> Extraction {
    build(corpus, None)
}

/// Like [`extract`], but counterparts are looked for first in the sentences the comparison
/// engine linked.
pub fn extract_with_links(corpus: &Corpus, links: &dyn SentenceLinks) -> Extraction {
    build(corpus, Some(links))
}

fn build(corpus: &Corpus, links: Option<&dyn SentenceLinks>) -> Extraction {
    let english: Vec<language::Verdict> = corpus
        .documents
        .iter()
        .map(|d| language::judge(d, &corpus.vocab))
        .collect();
    let mut documents: Vec<DocExtraction> = english
        .iter()
        .map(|v| DocExtraction {
            warnings: v.warning().into_iter().collect(),
            ..DocExtraction::default()
        })
        .collect();
    let active: Vec<bool> = english.iter().map(|v| v.is_english()).collect();

    let found = entities::find(corpus, &active);
    for (out, mentions) in documents.iter_mut().zip(found.mentions) {
        out.mentions = mentions;
    }
    let entities = found.entities;
    for ((doc, out), on) in corpus.documents.iter().zip(&mut documents).zip(&active) {
        if !on {
            continue;
        }
        let marked = quotes::find(doc);
        let quoted: Vec<Span> = marked.iter().map(|f| f.outer).collect();
        let resolver =
            resolve::Resolver::new(doc, &out.mentions, &entities, &found.genders, quoted);
        let clauses = claims::clauses(doc);
        let prior = claims::named_sources(doc, &clauses, &resolver);
        let quotes = speakers::attribute(doc, marked, &resolver, &prior);
        let claims = claims::find(doc, &quotes, &clauses, &resolver, &prior);
        out.quotes = quotes;
        out.claims = claims;
    }
    cross::link(corpus, &mut documents, links);
    Extraction {
        documents,
        entities,
    }
}
