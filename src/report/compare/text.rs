//! `parallax compare` as readable text: the statistics of each pair, then every row with each
//! document's sentences one under the other and the changed words marked — in colour on a
//! terminal, as `[-…-]` (first document of the row) and `{+…+}` (the others) otherwise. Words
//! that moved inside their sentence (the other version has them in another place) are marked
//! `{~…~}` (cyan on a terminal) in every document, and are not changed.

use std::io::{self, Write};

use super::{Mark, RowKind, marked, row_view};
use crate::compare::{AlignedView, Comparison, SideStats, evidence};
use crate::document::{Corpus, DocId};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
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
    explain: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    stats(corpus, cmp, style, out)?;
    // The first document is the reference: its changed words are those another version lacks.
    let aligned = AlignedView::build(corpus, cmp, DocId(0));
    for row in 0..cmp.rows().len() {
        let view = row_view(corpus, cmp, &aligned, row);
        writeln!(out)?;
        let label = view.kind.label(|d, r| format!("[{}] s{}", d.0, r.start));
        let marker = match &view.kind {
            RowKind::Boilerplate => style.paint(DIM, &label),
            RowKind::Unique | RowKind::Moved(_) => style.paint(BOLD, &label),
            RowKind::Identical { .. } | RowKind::Paraphrase { .. } => label,
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
            for (text, mark) in marked(cell) {
                match (mark, style.color) {
                    (Mark::Same, _) => line.push_str(text),
                    (Mark::Changed, true) => line.push_str(&style.paint(colour, text)),
                    (Mark::Changed, false) => push_marked(&mut line, text, open, close),
                    (Mark::Moved, true) => line.push_str(&style.paint(CYAN, text)),
                    (Mark::Moved, false) => push_marked(&mut line, text, "{~", "~}"),
                }
            }
            let dim = matches!(view.kind, RowKind::Boilerplate);
            let line = if dim { style.paint(DIM, &line) } else { line };
            // Line breaks of the source stay, indented under the sentence's first line.
            let line = line.replace('\n', &format!("\n{:13}", ""));
            writeln!(out, "  {label:<10} {line}")?;
            if explain {
                why(corpus, cmp, &aligned, cell, style, out)?;
            }
        }
    }
    Ok(())
}

/// Changed words in plain text between their markers, spaced from them when the words begin or
/// end with the marker's own sign (`[- -- -]`, not `[----]`).
fn push_marked(line: &mut String, text: &str, open: &str, close: &str) {
    let sign = |m: &str| {
        m.chars()
            .find(|c| matches!(c, '-' | '+' | '~'))
            .unwrap_or(' ')
    };
    line.push_str(open);
    if text.starts_with(sign(open)) {
        line.push(' ');
    }
    line.push_str(text);
    if text.ends_with(sign(close)) {
        line.push(' ');
    }
    line.push_str(close);
}

/// `--explain`: why a cell's first sentence is linked to the version its changes are measured
/// against — the engine's evidence, as the reader's `w` shows it.
fn why(
    corpus: &Corpus,
    cmp: &Comparison,
    aligned: &AlignedView,
    cell: &super::Cell,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = cell.doc.id;
    let s = cell.sentences.start as usize;
    let Some(other) = aligned.sentence(doc, s).and_then(|v| v.against) else {
        return Ok(());
    };
    let Some(c) = cmp.counterparts(doc, s).find(|c| c.doc == other) else {
        return Ok(());
    };
    let Some((al, link)) = cmp
        .alignments()
        .get(c.alignment)
        .and_then(|al| Some((al, al.links.get(c.link)?)))
    else {
        return Ok(());
    };
    let (Some(a), Some(b)) = (corpus.get(al.a), corpus.get(al.b)) else {
        return Ok(());
    };
    let ev = evidence(a, b, link);
    let mut parts = Vec::new();
    if !ev.shared.is_empty() {
        parts.push(format!("shared {}", ev.shared.join(", ")));
    }
    if !ev.related.is_empty() {
        let related: Vec<String> = ev.related.iter().map(|(x, y)| format!("{x}~{y}")).collect();
        parts.push(format!("related {}", related.join(", ")));
    }
    if !ev.names.is_empty() {
        parts.push(format!("names {}", ev.names.join(", ")));
    }
    if !ev.figures.is_empty() {
        parts.push(format!("figures {}", ev.figures.join(", ")));
    }
    parts.push(format!("score {:.2}", ev.score));
    let line = format!(
        "{:13}why [{}]↔[{}]: {}",
        "",
        doc.0,
        other.0,
        parts.join("; ")
    );
    writeln!(out, "{}", style.paint(DIM, &line))
}
