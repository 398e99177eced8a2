//! `parallax compare` renderings (text, JSON, HTML) of a [`Comparison`], and what they share: a
//! view of each row with the changed words of every cell.

pub mod html;
pub mod json;
pub mod text;

use std::io::{self, Write};

use crate::compare::{Comparison, LinkKind, OpKind, SentRange};
use crate::document::{Corpus, DocId, Document, Span};

/// The renderings of `parallax compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// Write `cmp` in `format`; with `stats_only`, the statistics alone. `style` says how text marks
/// changes (the caller knows whether its output is a terminal).
pub fn render(
    corpus: &Corpus,
    cmp: &Comparison,
    format: Format,
    stats_only: bool,
    style: text::Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    match format {
        Format::Json => json::write(corpus, cmp, stats_only, &mut out)?,
        Format::Html => html::write(corpus, cmp, stats_only, &mut out)?,
        Format::Text => {
            if stats_only {
                text::stats(corpus, cmp, style, &mut out)?;
            } else {
                text::report(corpus, cmp, style, &mut out)?;
            }
        }
    }
    out.flush()
}

/// How a row's sentences relate, for its marker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RowKind {
    /// Page furniture, never compared.
    Boilerplate,
    /// Only one document has it, and no moved counterpart elsewhere either.
    Unique,
    /// Only one document has it here; the others have it elsewhere.
    Moved(Vec<(DocId, SentRange)>),
    Identical,
    /// Reworded; the lowest similarity among the row's links.
    Paraphrase(f32),
}

/// One document's part of a row.
pub(crate) struct Cell<'a> {
    pub doc: &'a Document,
    pub sentences: SentRange,
    /// Byte spans of the words that differ from the row's other documents, sorted.
    pub changed: Vec<Span>,
}

pub(crate) struct RowView<'a> {
    pub kind: RowKind,
    pub cells: Vec<Cell<'a>>,
}

/// The cells of `row`. The first document present is the reference: the others' changed
/// words are those that differ from it, and its own are those any other document changed.
pub(crate) fn row_view<'a>(corpus: &'a Corpus, cmp: &Comparison, row: usize) -> RowView<'a> {
    let rows = cmp.rows();
    let present: Vec<(DocId, SentRange)> = corpus
        .documents
        .iter()
        .filter_map(|d| Some((d.id, rows.cell(row, d.id)?)))
        .collect();
    let mut cells: Vec<Cell<'a>> = present
        .iter()
        .filter_map(|&(id, sentences)| {
            Some(Cell {
                doc: corpus.get(id)?,
                sentences,
                changed: Vec::new(),
            })
        })
        .collect();
    let Some(&(reference, ref_range)) = present.first() else {
        return RowView {
            kind: RowKind::Unique,
            cells,
        };
    };
    if present.len() == 1 {
        let boilerplate = cells.first().is_some_and(|c| {
            c.doc
                .sentences
                .get(ref_range.range())
                .is_some_and(|s| s.iter().all(|s| s.boilerplate))
        });
        let moved: Vec<(DocId, SentRange)> = ref_range
            .range()
            .flat_map(|s| cmp.counterparts(reference, s))
            .map(|c| (c.doc, c.sentences))
            .collect();
        let kind = match (boilerplate, moved.is_empty()) {
            (true, _) => RowKind::Boilerplate,
            (false, true) => RowKind::Unique,
            (false, false) => RowKind::Moved(moved),
        };
        return RowView { kind, cells };
    }

    let mut identical = true;
    let mut lowest = 1f32;
    let mut ref_changed = Vec::new();
    for (cell, &(other, other_range)) in cells.iter_mut().zip(&present).skip(1) {
        let Some(al) = cmp.alignment(reference, other) else {
            continue;
        };
        let ref_is_a = al.a == reference;
        let link = ref_range
            .range()
            .flat_map(|s| cmp.counterparts(reference, s))
            .find(|c| c.doc == other && c.sentences == other_range && c.kind != LinkKind::Moved)
            .and_then(|c| al.links.get(c.link));
        let Some(link) = link else { continue };
        identical &= link.kind == LinkKind::Identical;
        lowest = lowest.min(link.similarity);
        for op in link.ops.iter().filter(|op| op.kind != OpKind::Equal) {
            let (mine, theirs) = if ref_is_a { (op.a, op.b) } else { (op.b, op.a) };
            if !mine.is_empty() {
                ref_changed.push(mine);
            }
            if !theirs.is_empty() {
                cell.changed.push(theirs);
            }
        }
    }
    if let Some(first) = cells.first_mut() {
        first.changed = ref_changed;
    }
    for cell in &mut cells {
        cell.changed = merge(std::mem::take(&mut cell.changed));
    }
    let kind = if identical {
        RowKind::Identical
    } else {
        RowKind::Paraphrase(lowest)
    };
    RowView { kind, cells }
}

/// Sort and merge overlapping spans.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The text of a cell split into `(text, changed)` pieces, sentences joined by a space.
pub(crate) fn pieces<'a>(cell: &Cell<'a>) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let sentences = cell
        .doc
        .sentences
        .get(cell.sentences.range())
        .unwrap_or(&[]);
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            out.push((" ", false));
        }
        let mut at = s.span.start;
        for c in cell.changed.iter().filter(|c| s.span.contains(**c)) {
            if c.start > at {
                out.push((
                    cell.doc.slice(Span {
                        start: at,
                        end: c.start,
                    }),
                    false,
                ));
            }
            out.push((cell.doc.slice(*c), true));
            at = c.end;
        }
        if at < s.span.end {
            out.push((
                cell.doc.slice(Span {
                    start: at,
                    end: s.span.end,
                }),
                false,
            ));
        }
    }
    out
}
