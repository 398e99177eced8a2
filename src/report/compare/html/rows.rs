//! The compare page's aligned rows: a marker per row, the versions side by side, the words
//! changed or moved against every reference the page carries marked in one pass over each cell.
//! The markup is lean because a 5 MB story makes 60 000 rows: optional end tags left out,
//! sentence numbers drawn by CSS counters, the markers' fixed words by CSS (see style.rs).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::marks::{self, Marking};
use super::{Views, escape, name};
use crate::compare::{Comparison, SentRange};
use crate::document::{Corpus, DocId, Document, Span};
use crate::report::compare::{RowKind, RowView, row_view};

/// Rows per table: each table sits in a block the browser lays out only when it nears the
/// screen (`content-visibility`), so a long story opens at once.
const CHUNK: usize = 200;

pub(super) fn write(
    corpus: &Corpus,
    cmp: &Comparison,
    views: &Views,
    overview: &[usize],
    out: &mut dyn Write,
) -> io::Result<()> {
    let multi = views.list.len() > 1;
    let table = if multi { "rows multi" } else { "rows" };
    let references: Vec<u32> = views.list.iter().map(|v| v.reference().0).collect();
    // With two versions the other one is plain: links and scores need not name it.
    let named = corpus.documents.len() > 2;
    // The last sentence number shown per document, where each table's counters start.
    let mut last: Vec<i64> = vec![-1; corpus.documents.len()];
    let open = |last: &[i64]| {
        let reset: Vec<String> = last
            .iter()
            .enumerate()
            .map(|(d, s)| format!("c{d} {s}"))
            .collect();
        format!(
            "<div class=chunk><table class=\"{table}\" style=\"counter-reset:{}\">",
            reset.join(" ")
        )
    };
    write!(out, "<h2>Side by side</h2>{}<thead><tr><th>", open(&last))?;
    for d in &corpus.documents {
        let reference = if multi {
            format!("<span class=\"alt w{}\"> · reference</span>", d.id.0)
        } else if d.id == views.reference() {
            " · reference".to_string()
        } else {
            String::new()
        };
        write!(
            out,
            "<th title=\"{}\">{}{reference}",
            escape(&d.origin.to_string()),
            escape(&name(d))
        )?;
    }
    writeln!(out, "</thead><tbody>")?;
    let mut targets = moved_targets(corpus, cmp, views);
    targets.extend(overview);
    let mut html = String::new();
    for row in 0..cmp.rows().len() {
        if row > 0 && row % CHUNK == 0 {
            writeln!(out, "</tbody></table></div>{}<tbody>", open(&last))?;
        }
        let seen: Vec<_> = views
            .list
            .iter()
            .map(|v| row_view(corpus, cmp, v, row))
            .collect();
        let Some(main) = seen.get(views.default) else {
            continue;
        };
        html.clear();
        html.push_str("<tr");
        if targets.contains(&row) {
            let _ = write!(html, " id=r{row}");
        }
        if let Some(class) = class(&main.kind) {
            let _ = write!(html, " class={class}");
        }
        let labels: Vec<String> = seen.iter().map(|v| marker(cmp, named, &v.kind)).collect();
        let _ = write!(html, "><th>{}", variants(views, &labels));
        for d in &corpus.documents {
            let Some(cell) = main.cells.iter().find(|c| c.doc.id == d.id) else {
                html.push_str("<td>");
                continue;
            };
            let pieces = marks::pieces(
                cell.doc,
                cell.sentences,
                &spans(&seen, d.id, false),
                &spans(&seen, d.id, true),
            );
            let how = Marking {
                references: &references,
                default: views.default,
                own: d.id == views.reference(),
            };
            write_cell(views, named, cell.doc, cell.sentences, &mut html);
            marks::write(&pieces, &how, &mut html);
            if let Some(l) = last.get_mut(d.id.index()) {
                *l = i64::from(cell.sentences.end) - 1;
            }
        }
        out.write_all(html.as_bytes())?;
    }
    writeln!(out, "</tbody></table></div>")
}

/// Per view, the spans of `doc`'s cell that are changed (or `moved`) against its reference.
fn spans<'a>(seen: &[RowView<'a>], doc: DocId, moved: bool) -> Vec<&'a [Span]> {
    seen.iter()
        .map(|v| {
            v.cells
                .iter()
                .find(|c| c.doc.id == doc)
                .map_or(&[][..], |c| if moved { c.moved } else { c.changed })
        })
        .collect()
}

/// The rows a moved row links to (`#r{row}`, its other copy's row).
fn moved_targets(corpus: &Corpus, cmp: &Comparison, views: &Views) -> HashSet<usize> {
    let mut targets = HashSet::new();
    let Some(view) = views.list.get(views.default) else {
        return targets;
    };
    for row in 0..cmp.rows().len() {
        if cmp.rows().cells(row).nth(1).is_some() {
            continue;
        }
        if let RowKind::Moved(to) = row_view(corpus, cmp, view, row).kind {
            targets.extend(
                to.iter()
                    .filter_map(|(d, r)| cmp.rows().row_of(*d, r.start as usize)),
            );
        }
    }
    targets
}

/// The row's class (`u`nique, `m`oved, `p`araphrase, `b`oilerplate; none when identical).
fn class(kind: &RowKind) -> Option<char> {
    match kind {
        RowKind::Boilerplate => Some('b'),
        RowKind::Unique => Some('u'),
        RowKind::Moved(_) => Some('m'),
        RowKind::Identical { .. } => None,
        RowKind::Paraphrase { .. } => Some('p'),
    }
}

/// The row's marker: the words the row's class draws ("+ only here", "↷ moved, see ") left to
/// the CSS, a moved row's links to the rows of its other copies (`[1] s6`, or `s6` when the
/// page has one other version). No user text goes into it.
fn marker(cmp: &Comparison, named: bool, kind: &RowKind) -> String {
    match kind {
        RowKind::Unique | RowKind::Boilerplate => String::new(),
        RowKind::Moved(to) => {
            let links: Vec<String> = to
                .iter()
                .filter_map(|&(d, r)| {
                    let row = cmp.rows().row_of(d, r.start as usize)?;
                    let doc = if named {
                        format!("[{}] ", d.0)
                    } else {
                        String::new()
                    };
                    Some(format!("<a href=#r{row}>{doc}s{}</a>", r.start))
                })
                .collect();
            links.join(", ")
        }
        other => other.label(|_, _| String::new()),
    }
}

/// `texts[k]` is what the page shows with reference `views.list[k]`: written once when every
/// reference shows the same, else each distinct text shown only under the references that show it.
fn variants(views: &Views, texts: &[String]) -> String {
    if texts.windows(2).all(|w| w[0] == w[1]) {
        return texts.first().cloned().unwrap_or_default();
    }
    let mut out = String::new();
    for (k, text) in texts.iter().enumerate() {
        if texts[..k].contains(text) {
            continue;
        }
        let shown: Vec<String> = texts
            .iter()
            .zip(&views.list)
            .filter(|(t, _)| *t == text)
            .map(|(_, v)| format!("w{}", v.reference().0))
            .collect();
        out.push_str(&format!(
            "<span class=\"alt {}\">{text}</span>",
            shown.join(" ")
        ));
    }
    out
}

/// The opening of one version's cell: its sentence number drawn by its column's counter (a
/// merged cell writes its numbers and sets the counter to its last), and its scores (after a
/// "·" the CSS draws), each naming its pair when there are more than two versions.
fn write_cell(views: &Views, named: bool, doc: &Document, sentences: SentRange, out: &mut String) {
    let id = doc.id.0;
    // Which pair a score belongs to: this version against the one its changes are measured by,
    // from each reference; every distinct pair once, whichever reference is shown.
    let mut scores: Vec<String> = Vec::new();
    for v in &views.list {
        let Some(s) = v.sentence(doc.id, sentences.start as usize) else {
            continue;
        };
        let score = match (s.against, s.similarity) {
            _ if v.reference() == doc.id => continue,
            (Some(against), Some(similarity)) if named => {
                format!("{similarity:.2} vs [{}]", against.0)
            }
            (Some(_), Some(similarity)) => format!("{similarity:.2}"),
            _ => continue,
        };
        if !scores.contains(&score) {
            scores.push(score);
        }
    }
    let scores = scores.join(" · ");
    if sentences.len() > 1 {
        let end = sentences.end - 1;
        let _ = write!(
            out,
            "<td class=g style=\"counter-set:c{id} {end}\"><b>s{}–{end} merged</b>",
            sentences.start
        );
        if !scores.is_empty() {
            let _ = write!(out, "<b>{scores}</b>");
        }
    } else if scores.is_empty() {
        out.push_str("<td>");
    } else {
        let _ = write!(out, "<td><b>{scores}</b>");
    }
}
