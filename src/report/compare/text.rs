//! `parallax compare` as readable text: the statistics of each pair, then every row with each
//! document's sentences one under the other and the changed words marked — in colour on a
//! terminal, as `[-…-]` (first document of the row) and `{+…+}` (the others) otherwise.

use std::io::{self, Write};

use super::{RowKind, not_in, pieces, row_view};
use crate::compare::{AlignedView, Comparison, SideStats};
use crate::document::{Corpus, DocId};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// How to mark things: ANSI colours, or plain brackets for pipes and NO_COLOR.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The statistics of every pair.
pub fn stats(
    corpus: &Corpus,
    cmp: &Comparison,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for doc in &corpus.documents {
        let title = if doc.title.is_empty() {
            "(empty)".to_string()
        } else {
            doc.title.clone()
        };
        writeln!(
            out,
            "{} {} — {title}",
            style.paint(BOLD, &format!("[{}]", doc.id.0)),
            doc.origin,
        )?;
    }
    for al in cmp.alignments() {
        writeln!(out)?;
        let s = &al.stats;
        writeln!(
            out,
            "{}  {} links, mean similarity {:.2}",
            style.paint(BOLD, &format!("[{}] ↔ [{}]", al.a.0, al.b.0)),
            s.links,
            s.mean_similarity
        )?;
        for (id, side) in [(al.a, &s.a), (al.b, &s.b)] {
            writeln!(out, "  [{}] {}", id.0, side_line(side))?;
        }
    }
    Ok(())
}

fn side_line(s: &SideStats) -> String {
    format!(
        "{:>5.1}% of {} words shared verbatim; sentences: {} identical, {} paraphrased, {} moved, {} unique{}",
        s.shared_share() * 100.0,
        s.words,
        s.identical,
        s.paraphrase,
        s.moved,
        s.unique,
        if s.boilerplate > 0 {
            format!(" ({} boilerplate)", s.boilerplate)
        } else {
            String::new()
        }
    )
}

/// The statistics, then every row.
pub fn report(
    corpus: &Corpus,
    cmp: &Comparison,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    stats(corpus, cmp, style, out)?;
    // The first document is the reference: its changed words are those another version lacks.
    let aligned = AlignedView::build(corpus, cmp, DocId(0));
    for row in 0..cmp.rows().len() {
        let view = row_view(corpus, cmp, &aligned, row);
        writeln!(out)?;
        let marker = match &view.kind {
            RowKind::Boilerplate => style.paint(DIM, "· boilerplate"),
            RowKind::Unique => style.paint(BOLD, "+ only here"),
            RowKind::Moved(to) => {
                let places: Vec<String> = to
                    .iter()
                    .map(|(d, r)| format!("[{}] s{}", d.0, r.start))
                    .collect();
                style.paint(BOLD, &format!("↷ moved, see {}", places.join(", ")))
            }
            RowKind::Identical { missing } => format!("= identical{}", not_in(missing)),
            RowKind::Paraphrase {
                similarity,
                missing,
            } => format!("~ paraphrase {similarity:.2}{}", not_in(missing)),
        };
        writeln!(out, "{marker}")?;
        for cell in &view.cells {
            let (open, close, colour) = if cell.doc.id == aligned.reference() {
                ("[-", "-]", RED)
            } else {
                ("{+", "+}", GREEN)
            };
            let label = if cell.sentences.len() == 1 {
                format!("[{}] s{}", cell.doc.id.0, cell.sentences.start)
            } else {
                format!(
                    "[{}] s{}-{}",
                    cell.doc.id.0,
                    cell.sentences.start,
                    cell.sentences.end - 1
                )
            };
            let mut line = String::new();
            for (text, changed) in pieces(cell) {
                match (changed, style.color) {
                    (false, _) => line.push_str(text),
                    (true, true) => line.push_str(&style.paint(colour, text)),
                    (true, false) => {
                        line.push_str(open);
                        line.push_str(text);
                        line.push_str(close);
                    }
                }
            }
            let dim = matches!(view.kind, RowKind::Boilerplate);
            let line = if dim { style.paint(DIM, &line) } else { line };
            writeln!(out, "  {label:<10} {line}")?;
        }
    }
    Ok(())
}
