//! Counterparts across documents: each quote and claim is matched to the most similar quote or
//! claim of every other document — within the sentences the comparison engine linked when it
//! is given, else by word overlap — and the wording compared, figures first. Two quotes whose
//! speakers are different entities are never counterparts: drift is one speaker's words.

use std::collections::{HashMap, HashSet};

use super::claims::figures;
use super::drift::{self, Figure};
use super::words::tok;
use super::{Counterpart, DocExtraction, EntityId};
use crate::document::{Corpus, DocId, Document, Span, TermId, TokenKind};
use crate::lexicon;

/// Sentence links from the comparison engine.
pub trait SentenceLinks {
    /// The sentences of `other` that carry sentence `sentence` of `doc` (may be empty).
    fn linked(&self, doc: DocId, sentence: usize, other: DocId) -> Vec<usize>;
}

/// Least word overlap (Dice) for an unlinked match.
const QUOTE_MIN: f32 = 0.5;
const CLAIM_MIN: f32 = 0.45;
/// Least overlap inside sentences the comparison engine already linked.
const LINKED_MIN: f32 = 0.2;
/// Terms in more items than this are too common to propose candidates.
const MAX_POSTING: usize = 64;
/// Candidates scored exactly per item and document.
const MAX_CANDIDATES: usize = 16;

/// What matching needs to know about one quote or claim.
struct Item {
    sentence: usize,
    /// Every word and number, in order.
    sequence: Vec<TermId>,
    /// Distinct content terms, sorted.
    content: Vec<TermId>,
    figures: Vec<Figure>,
    /// A quote's speaker, when it is a known entity (phrases such as "the study" and "the
    /// report" name one source in different words too often to tell speakers apart).
    speaker: Option<EntityId>,
}

/// Whether both quotes have entities for speakers and they differ.
fn other_speaker(a: &Item, b: &Item) -> bool {
    matches!((a.speaker, b.speaker), (Some(x), Some(y)) if x != y)
}

fn item(doc: &Document, stop: &HashSet<TermId>, span: Span, sentence: usize) -> Item {
    let first = super::words::token_at_or_after(doc, span.start);
    let last = super::words::token_at_or_after(doc, span.end);
    let tokens = doc.tokens.get(first..last).unwrap_or(&[]);
    let sequence: Vec<TermId> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.term)
        .collect();
    // Figures are compared on their own, so a changed number does not hide a counterpart.
    let mut content: Vec<TermId> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !stop.contains(&t.term))
        .map(|t| t.term)
        .collect();
    content.sort();
    content.dedup();
    // "CITY, Country, Jan. 16 —": the dateline's date is the story's, not the sentence's.
    let dateline_end = if super::entities::is_dateline(doc, first) {
        (first..last.min(first + 10))
            .find(|&i| matches!(tok(doc, i), "—" | "–" | "-" | "("))
            .and_then(|i| doc.tokens.get(i))
            .map_or(0, |t| t.span.end)
    } else {
        0
    };
    let figures = figures(doc, first, last)
        .into_iter()
        .filter(|span| span.start >= dateline_end)
        .map(|span| Figure {
            span,
            key: super::entities::key_of(doc.slice(span)).replace(' ', ""),
            kind: drift::kind_of(doc, span),
            seconds: drift::duration_seconds(doc, span),
            counted: drift::counted(doc, span),
        })
        .collect();
    Item {
        sentence,
        sequence,
        content,
        figures,
        speaker: None,
    }
}

fn dice(a: &[TermId], b: &[TermId]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = crate::sorted::common(a, b).count();
    2.0 * shared as f32 / (a.len() + b.len()) as f32
}

/// Fill in `counterparts` of every quote and claim.
pub fn link(corpus: &Corpus, documents: &mut [DocExtraction], links: Option<&dyn SentenceLinks>) {
    let stop: HashSet<TermId> = lexicon::stopwords()
        .iter()
        .filter_map(|w| corpus.vocab.lookup(w))
        .collect();
    let quotes: Vec<Vec<Item>> = corpus
        .documents
        .iter()
        .zip(documents.iter())
        .map(|(doc, x)| {
            x.quotes
                .iter()
                .map(|q| Item {
                    speaker: q.speaker.as_ref().and_then(|a| a.entity),
                    ..item(doc, &stop, q.span, q.sentence)
                })
                .collect()
        })
        .collect();
    let claims: Vec<Vec<Item>> = corpus
        .documents
        .iter()
        .zip(documents.iter())
        .map(|(doc, x)| {
            x.claims
                .iter()
                .map(|c| item(doc, &stop, c.span, c.sentence))
                .collect()
        })
        .collect();
    let quote_matches = matches(&quotes, QUOTE_MIN, links);
    let claim_matches = matches(&claims, CLAIM_MIN, links);
    for (d, x) in documents.iter_mut().enumerate() {
        for (q, found) in x
            .quotes
            .iter_mut()
            .zip(quote_matches.get(d).into_iter().flatten())
        {
            q.counterparts = found.clone();
        }
        for (c, found) in x
            .claims
            .iter_mut()
            .zip(claim_matches.get(d).into_iter().flatten())
        {
            c.counterparts = found.clone();
        }
    }
}

/// For every item of every document, its best match in each other document.
fn matches(
    items: &[Vec<Item>],
    min: f32,
    links: Option<&dyn SentenceLinks>,
) -> Vec<Vec<Vec<Counterpart>>> {
    let index: Vec<HashMap<TermId, Vec<usize>>> = items
        .iter()
        .map(|list| {
            let mut map: HashMap<TermId, Vec<usize>> = HashMap::new();
            for (i, it) in list.iter().enumerate() {
                for &t in &it.content {
                    map.entry(t).or_default().push(i);
                }
            }
            map
        })
        .collect();
    let by_sentence: Vec<HashMap<usize, Vec<usize>>> = items
        .iter()
        .map(|list| {
            let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, it) in list.iter().enumerate() {
                map.entry(it.sentence).or_default().push(i);
            }
            map
        })
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for (a, list) in items.iter().enumerate() {
        let mut per_item = Vec::with_capacity(list.len());
        for it in list {
            let mut found = Vec::new();
            for (b, theirs) in items.iter().enumerate() {
                if a == b {
                    continue;
                }
                let linked: Vec<usize> = links
                    .map(|l| l.linked(DocId(a as u32), it.sentence, DocId(b as u32)))
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|s| by_sentence.get(b).and_then(|m| m.get(s)))
                    .flatten()
                    .copied()
                    .collect();
                let best = best_of(it, theirs, &linked, LINKED_MIN).or_else(|| {
                    let candidates = candidates(it, index.get(b));
                    best_of(it, theirs, &candidates, min)
                });
                if let Some((j, similarity)) = best
                    && let Some(other) = theirs.get(j)
                {
                    let (wording, figures) =
                        drift::compare(it.sequence == other.sequence, &it.figures, &other.figures);
                    let changed_figures = figures
                        .iter()
                        .filter(|f| f.changed())
                        .map(|f| (f.ours, f.theirs))
                        .collect();
                    found.push(Counterpart {
                        doc: DocId(b as u32),
                        index: j,
                        similarity,
                        wording,
                        changed_figures,
                        changed_words: Default::default(),
                        figures,
                    });
                }
            }
            per_item.push(found);
        }
        out.push(per_item);
    }
    out
}

/// Items sharing the most uncommon terms with `it`.
fn candidates(it: &Item, index: Option<&HashMap<TermId, Vec<usize>>>) -> Vec<usize> {
    let Some(index) = index else {
        return Vec::new();
    };
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for t in &it.content {
        if let Some(posting) = index.get(t).filter(|p| p.len() <= MAX_POSTING) {
            for &j in posting {
                *shared.entry(j).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(j, _)| j)
        .collect()
}

fn best_of(it: &Item, theirs: &[Item], candidates: &[usize], min: f32) -> Option<(usize, f32)> {
    candidates
        .iter()
        .filter_map(|&j| {
            let other = theirs.get(j).filter(|o| !other_speaker(it, o))?;
            let sim = dice(&it.content, &other.content);
            (sim >= min).then_some((j, sim))
        })
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
}
