//! `parallax compare` renderings (text, JSON, HTML) of a [`Comparison`], and what they share: a
//! view of each row with the changed words of every cell.

pub mod html;
pub mod json;
pub mod text;

use std::io::{self, Write};

use crate::compare::{AlignedView, Comparison, Relation, SentRange, SentenceView};
use crate::document::{Corpus, DocId, Document, Span};

/// The renderings of `parallax compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// What `parallax compare` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub format: Format,
    /// The statistics alone.
    pub stats_only: bool,
    /// Text: under each row, why its sentences were linked.
    pub explain: bool,
    /// How text marks changes (the caller knows whether its output is a terminal).
    pub style: text::Style,
}

/// Write `cmp` as `request` asks.
pub fn render(
    corpus: &Corpus,
    cmp: &Comparison,
    request: Request,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Request {
        format,
        stats_only,
        explain,
        style,
    } = request;
    let mut out = io::BufWriter::new(out);
    match format {
        Format::Json => json::write(corpus, cmp, stats_only, &mut out)?,
        Format::Html => html::write(corpus, cmp, stats_only, &mut out)?,
        Format::Text => {
            if stats_only {
                text::stats(corpus, cmp, style, &mut out)?;
            } else {
                text::report(corpus, cmp, style, explain, &mut out)?;
            }
        }
    }
    out.flush()
}

/// How a row's sentences relate, for its marker: read off the aligned view.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RowKind {
    /// Page furniture, never compared.
    Boilerplate,
    /// Only one document has it, and no moved counterpart elsewhere either.
    Unique,
    /// Only one document has it here; the others have it elsewhere.
    Moved(Vec<(DocId, SentRange)>),
    /// The same words in every document of the row; `missing` lists the documents without it.
    Identical { missing: Vec<DocId> },
    /// Reworded (the lowest similarity among the row's links); `missing` as above.
    Paraphrase {
        similarity: f32,
        missing: Vec<DocId>,
    },
}

impl RowKind {
    /// The row's marker, the same in every report: `place` writes one other copy of a moved
    /// row (plain "[1] s6" in text, a link in HTML). No user text goes into it.
    pub(crate) fn label(&self, place: impl Fn(DocId, SentRange) -> String) -> String {
        match self {
            RowKind::Boilerplate => "· boilerplate".to_string(),
            RowKind::Unique => "+ only here".to_string(),
            RowKind::Moved(to) => {
                let places: Vec<String> = to.iter().map(|&(d, r)| place(d, r)).collect();
                format!("↷ moved, see {}", places.join(", "))
            }
            RowKind::Identical { missing } => format!("= identical{}", not_in(missing)),
            RowKind::Paraphrase {
                similarity,
                missing,
            } => format!("~ paraphrase {similarity:.2}{}", not_in(missing)),
        }
    }
}

/// One document's part of a row.
pub(crate) struct Cell<'a> {
    pub doc: &'a Document,
    pub sentences: SentRange,
    /// Byte spans of the words that differ from the row's other documents, sorted.
    pub changed: &'a [Span],
    /// Byte spans of the words that the other documents have in another place of the sentence.
    pub moved: &'a [Span],
}

pub(crate) struct RowView<'a> {
    pub kind: RowKind,
    pub cells: Vec<Cell<'a>>,
}

/// The cells of `row` as the aligned view sees them from its reference.
pub(crate) fn row_view<'a>(
    corpus: &'a Corpus,
    cmp: &Comparison,
    view: &'a AlignedView,
    row: usize,
) -> RowView<'a> {
    let rows = cmp.rows();
    let cells: Vec<Cell<'a>> = rows
        .cells(row)
        .filter_map(|(id, sentences)| {
            let doc = corpus.get(id)?;
            let span = span_of(doc, sentences)?;
            Some(Cell {
                doc,
                sentences,
                changed: view.changed(id, span),
                moved: view.moved(id, span),
            })
        })
        .collect();
    let relations: Vec<SentenceView> = cells
        .iter()
        .flat_map(|c| {
            c.sentences
                .range()
                .filter_map(|s| view.sentence(c.doc.id, s))
        })
        .copied()
        .collect();
    let support: Vec<DocId> = rows.support(row).collect();
    let missing: Vec<DocId> = corpus
        .documents
        .iter()
        .map(|d| d.id)
        .filter(|d| !support.contains(d))
        .collect();
    let all = |r: Relation| !relations.is_empty() && relations.iter().all(|v| v.relation == r);
    let kind = if all(Relation::Boilerplate) {
        RowKind::Boilerplate
    } else if cells.len() == 1 {
        let moved: Vec<(DocId, SentRange)> = cells
            .iter()
            .flat_map(|c| {
                c.sentences
                    .range()
                    .flat_map(|s| cmp.counterparts(c.doc.id, s))
            })
            .map(|c| (c.doc, c.sentences))
            .collect();
        if moved.is_empty() {
            RowKind::Unique
        } else {
            RowKind::Moved(moved)
        }
    } else if cells.len() > 1 && view_same(view, rows, row) {
        RowKind::Identical { missing }
    } else {
        let similarity = relations
            .iter()
            .filter_map(|v| v.similarity)
            .fold(1f32, f32::min);
        RowKind::Paraphrase {
            similarity,
            missing,
        }
    };
    RowView { kind, cells }
}

/// Whether every document present in `row` says the same words there.
fn view_same(view: &AlignedView, rows: &crate::compare::Rows, row: usize) -> bool {
    let present: Vec<DocId> = rows.cells(row).map(|(d, _)| d).collect();
    view.same_in(row, &present)
}

/// " · not in [1] [2]" for the documents a row lacks (nothing when every document has it).
fn not_in(missing: &[DocId]) -> String {
    if missing.is_empty() {
        return String::new();
    }
    let docs: Vec<String> = missing.iter().map(|d| format!("[{}]", d.0)).collect();
    format!(" · not in {}", docs.join(" "))
}

/// The byte span from the first to the last sentence of a range.
fn span_of(doc: &Document, sentences: SentRange) -> Option<Span> {
    let first = doc.sentences.get(sentences.start as usize)?;
    let last = doc.sentences.get(sentences.end.checked_sub(1)? as usize)?;
    Some(Span {
        start: first.span.start,
        end: last.span.end,
    })
}

/// How a piece of a cell's text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Same,
    Changed,
    /// Said in another place of the sentence in the other version.
    Moved,
}

/// The text of a cell split into marked pieces, sentences joined by a space. A word both
/// changed (against one version) and moved (against another) is changed.
pub(crate) fn marked<'a>(cell: &Cell<'a>) -> Vec<(&'a str, Mark)> {
    let mut out = Vec::new();
    let sentences = cell
        .doc
        .sentences
        .get(cell.sentences.range())
        .unwrap_or(&[]);
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            out.push((" ", Mark::Same));
        }
        let mut marks: Vec<(Span, Mark)> = cell
            .changed
            .iter()
            .filter(|c| s.span.contains(**c))
            .map(|c| (*c, Mark::Changed))
            .collect();
        marks.extend(
            cell.moved
                .iter()
                .filter(|m| s.span.contains(**m))
                .filter(|m| {
                    !cell
                        .changed
                        .iter()
                        .any(|c| c.start < m.end && m.start < c.end)
                })
                .map(|m| (*m, Mark::Moved)),
        );
        marks.sort_unstable_by_key(|(span, _)| span.start);
        let mut at = s.span.start;
        for (c, mark) in marks {
            if c.start < at {
                continue;
            }
            if c.start > at {
                out.push((
                    cell.doc.slice(Span {
                        start: at,
                        end: c.start,
                    }),
                    Mark::Same,
                ));
            }
            out.push((cell.doc.slice(c), mark));
            at = c.end;
        }
        if at < s.span.end {
            out.push((
                cell.doc.slice(Span {
                    start: at,
                    end: s.span.end,
                }),
                Mark::Same,
            ));
        }
    }
    out
}
