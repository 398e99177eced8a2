//! `parallax compare --format json`: the contract of DESIGN.md §5 — documents with their
//! sentences, and per pair the statistics and the links with their word ops, all as byte
//! offsets into the loaded text, each item with its text. Fields may be added, never renamed.

use std::io::{self, Write};

use serde::Serialize;

use crate::compare::{
    AlignedView, Alignment, Comparison, Evidence, PairStats, RelatedMemo, Relation, SideStats,
    evidence_with,
};
use crate::document::{Corpus, DocId, Document, Span};

#[derive(Serialize)]
struct Output<'a> {
    documents: Vec<JsonDoc<'a>>,
    pairs: Vec<JsonPair<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<Vec<JsonRow>>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: u32,
    path: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<JsonSentence<'a>>>,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    id: usize,
    start: u32,
    end: u32,
    text: &'a str,
    boilerplate: bool,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    a: u32,
    b: u32,
    stats: JsonStats,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<JsonLink<'a>>>,
}

#[derive(Serialize)]
struct JsonStats {
    a: JsonSide,
    b: JsonSide,
    links: u32,
    mean_similarity: f32,
}

#[derive(Serialize)]
struct JsonSide {
    sentences: u32,
    identical: u32,
    paraphrase: u32,
    moved: u32,
    unique: u32,
    boilerplate: u32,
    words: u32,
    shared_words: u32,
    shared_share: f64,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    a: Vec<u32>,
    b: Vec<u32>,
    kind: &'static str,
    similarity: f32,
    ops: Vec<JsonOp<'a>>,
    evidence: JsonEvidence,
}

/// Why the link was made (docs/json.md, "Link evidence").
#[derive(Serialize)]
struct JsonEvidence {
    shared: Vec<String>,
    related: Vec<[String; 2]>,
    names: Vec<String>,
    figures: Vec<String>,
    score: f32,
}

impl From<Evidence> for JsonEvidence {
    fn from(e: Evidence) -> Self {
        JsonEvidence {
            shared: e.shared,
            related: e.related.into_iter().map(|(x, y)| [x, y]).collect(),
            names: e.names,
            figures: e.figures,
            score: round(e.score),
        }
    }
}

#[derive(Serialize)]
struct JsonOp<'a> {
    op: &'static str,
    a: [u32; 2],
    b: [u32; 2],
    a_text: &'a str,
    b_text: &'a str,
}

/// One row of the N-way view: per document the sentence ids it has there (or null), the
/// documents that carry it, and per cell its relation seen from the first document.
#[derive(Serialize)]
struct JsonRow {
    cells: Vec<Option<Vec<u32>>>,
    support: Vec<u32>,
    relations: Vec<Option<&'static str>>,
}

/// The whole comparison; with `stats_only`, documents without sentences and pairs without links.
pub fn write(
    corpus: &Corpus,
    cmp: &Comparison,
    stats_only: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let documents = corpus
        .documents
        .iter()
        .map(|d| doc(d, stats_only))
        .collect();
    let pairs = cmp
        .alignments()
        .iter()
        .filter_map(|al| pair(corpus, al, stats_only))
        .collect();
    let rows = (!stats_only).then(|| {
        let rows = cmp.rows();
        let view = AlignedView::build(corpus, cmp, DocId(0));
        (0..rows.len())
            .map(|r| JsonRow {
                cells: corpus
                    .documents
                    .iter()
                    .map(|d| rows.cell(r, d.id).map(|c| (c.start..c.end).collect()))
                    .collect(),
                support: rows.support(r).map(|d| d.0).collect(),
                relations: corpus
                    .documents
                    .iter()
                    .map(|d| {
                        let cell = rows.cell(r, d.id)?;
                        cell.range()
                            .filter_map(|s| view.relation(d.id, s))
                            .max_by_key(|&rel| strength(rel))
                            .map(Relation::name)
                    })
                    .collect(),
            })
            .collect()
    });
    serde_json::to_writer(
        &mut *out,
        &Output {
            documents,
            pairs,
            rows,
        },
    )?;
    writeln!(out)
}

fn doc(d: &Document, stats_only: bool) -> JsonDoc<'_> {
    JsonDoc {
        id: d.id.0,
        path: d.origin.to_string(),
        title: &d.title,
        sentences: (!stats_only).then(|| {
            d.sentences
                .iter()
                .enumerate()
                .map(|(id, s)| JsonSentence {
                    id,
                    start: s.span.start,
                    end: s.span.end,
                    text: d.slice(s.span),
                    boilerplate: s.boilerplate,
                })
                .collect()
        }),
    }
}

fn pair<'a>(corpus: &'a Corpus, al: &Alignment, stats_only: bool) -> Option<JsonPair<'a>> {
    let (a, b) = (corpus.get(al.a)?, corpus.get(al.b)?);
    let span = |s: Span| [s.start, s.end];
    let mut memo = RelatedMemo::default();
    let links = (!stats_only).then(|| {
        al.links
            .iter()
            .map(|l| JsonLink {
                a: (l.a.start..l.a.end).collect(),
                b: (l.b.start..l.b.end).collect(),
                kind: l.kind.name(),
                similarity: round(l.similarity),
                ops: l
                    .ops
                    .iter()
                    .map(|op| JsonOp {
                        op: op.kind.name(),
                        a: span(op.a),
                        b: span(op.b),
                        a_text: a.slice(op.a),
                        b_text: b.slice(op.b),
                    })
                    .collect(),
                evidence: evidence_with(a, b, l, &mut memo).into(),
            })
            .collect()
    });
    Some(JsonPair {
        a: al.a.0,
        b: al.b.0,
        stats: stats(&al.stats),
        links,
    })
}

fn stats(s: &PairStats) -> JsonStats {
    JsonStats {
        a: side(&s.a),
        b: side(&s.b),
        links: s.links,
        mean_similarity: round(s.mean_similarity),
    }
}

fn side(s: &SideStats) -> JsonSide {
    JsonSide {
        sentences: s.sentences,
        identical: s.identical,
        paraphrase: s.paraphrase,
        moved: s.moved,
        unique: s.unique,
        boilerplate: s.boilerplate,
        words: s.words,
        shared_words: s.shared_words,
        shared_share: (s.shared_share() * 10_000.0).round() / 10_000.0,
    }
}

/// Which relation names a cell of several sentences: the one that says most about it.
pub(super) fn strength(r: Relation) -> u8 {
    match r {
        Relation::Boilerplate => 0,
        Relation::Identical => 1,
        Relation::Partial => 2,
        Relation::Reworded => 3,
        Relation::Moved => 4,
        Relation::OnlyHere => 5,
    }
}

/// Four decimals are plenty and keep the output stable across platforms.
fn round(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}
