//! `parallax compare --format html`: one self-contained page (inline CSS, no scripts, no
//! external assets) with the documents side by side in aligned rows, changed words highlighted,
//! moved sentences marked, and a table of the statistics — something to mail to a colleague.

use std::io::{self, Write};

use super::{RowKind, pieces, row_view};
use crate::compare::{AlignedView, Comparison};
use crate::document::{Corpus, DocId};

const STYLE: &str = "body{font:15px/1.45 Georgia,serif;margin:1.5em;color:#222;background:#fff}\
h1{font-size:1.3em}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}\
th{background:#f4f4f4;font-family:sans-serif;font-size:.85em}\
.stats td{font-family:sans-serif;font-size:.9em}\
td.mark{font-family:sans-serif;font-size:.8em;color:#555;white-space:nowrap;width:6em}\
.sid{color:#999;font-family:sans-serif;font-size:.75em;margin-right:.3em}\
.chg0{background:#fdd;text-decoration:line-through;text-decoration-color:#c66}\
.chg1{background:#cfc}\
tr.moved td{background:#fffbe6}tr.unique td{background:#f7fbff}\
tr.boilerplate td{color:#aaa}";

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(
    corpus: &Corpus,
    cmp: &Comparison,
    stats_only: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = corpus.documents.first().map_or("", |d| d.title.as_str());
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<title>parallax: {}</title><style>{STYLE}</style></head><body>",
        escape(title)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(title))?;
    summary(corpus, cmp, out)?;
    if !stats_only {
        rows(corpus, cmp, out)?;
    }
    writeln!(out, "</body></html>")
}

fn summary(corpus: &Corpus, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Documents</h2><table class=\"stats\"><tr><th>#</th><th>Source</th><th>Title</th><th>Sentences</th></tr>"
    )?;
    for d in &corpus.documents {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            d.id.0,
            escape(&d.origin.to_string()),
            escape(&d.title),
            d.sentences.len()
        )?;
    }
    writeln!(
        out,
        "</table>\n<h2>Statistics</h2><table class=\"stats\"><tr><th>Pair</th><th>Document</th><th>Words shared verbatim</th><th>Identical</th><th>Paraphrased</th><th>Moved</th><th>Unique</th><th>Mean similarity</th></tr>"
    )?;
    for al in cmp.alignments() {
        let s = &al.stats;
        for (k, (id, side)) in [(al.a, &s.a), (al.b, &s.b)].into_iter().enumerate() {
            let pair = if k == 0 {
                format!("<td rowspan=\"2\">{} ↔ {}</td>", al.a.0, al.b.0)
            } else {
                String::new()
            };
            let sim = if k == 0 {
                format!("<td rowspan=\"2\">{:.2}</td>", s.mean_similarity)
            } else {
                String::new()
            };
            writeln!(
                out,
                "<tr>{pair}<td>{}</td><td>{:.1}% of {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{sim}</tr>",
                id.0,
                side.shared_share() * 100.0,
                side.words,
                side.identical,
                side.paraphrase,
                side.moved,
                side.unique
            )?;
        }
    }
    writeln!(out, "</table>")
}

fn rows(corpus: &Corpus, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Side by side</h2><table class=\"rows\"><tr><th></th>"
    )?;
    for d in &corpus.documents {
        writeln!(
            out,
            "<th>[{}] {}</th>",
            d.id.0,
            escape(&d.origin.to_string())
        )?;
    }
    writeln!(out, "</tr>")?;
    // The first document is the reference: its changed words are those another version lacks.
    let aligned = AlignedView::build(corpus, cmp, DocId(0));
    for row in 0..cmp.rows().len() {
        let view = row_view(corpus, cmp, &aligned, row);
        let (class, mark) = match &view.kind {
            RowKind::Boilerplate => ("boilerplate", "boilerplate".to_string()),
            RowKind::Unique => ("unique", "only here".to_string()),
            RowKind::Moved(to) => {
                let places: Vec<String> = to
                    .iter()
                    .map(|(d, r)| format!("[{}] s{}", d.0, r.start))
                    .collect();
                ("moved", format!("moved ↷ {}", places.join(", ")))
            }
            RowKind::Identical { missing } => {
                ("identical", format!("identical{}", super::not_in(missing)))
            }
            RowKind::Paraphrase {
                similarity,
                missing,
            } => (
                "paraphrase",
                format!("paraphrase {similarity:.2}{}", super::not_in(missing)),
            ),
        };
        write!(
            out,
            "<tr class=\"{class}\"><td class=\"mark\">{}</td>",
            escape(&mark)
        )?;
        for d in &corpus.documents {
            let Some(cell) = view.cells.iter().find(|c| c.doc.id == d.id) else {
                write!(out, "<td></td>")?;
                continue;
            };
            write!(
                out,
                "<td><span class=\"sid\">s{}</span>",
                cell.sentences.start
            )?;
            let class = if d.id == aligned.reference() {
                "chg0"
            } else {
                "chg1"
            };
            for (text, changed) in pieces(cell) {
                if changed {
                    write!(out, "<span class=\"{class}\">{}</span>", escape(text))?;
                } else {
                    write!(out, "{}", escape(text))?;
                }
            }
            write!(out, "</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}
