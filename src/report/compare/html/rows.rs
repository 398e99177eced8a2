//! The compare page's aligned rows: a marker per row, the versions side by side, the changed
//! words of every reference the page carries marked in one pass over each cell's text.

use std::collections::HashSet;
use std::io::{self, Write};

use super::{Views, escape, name};
use crate::compare::{Comparison, SentRange};
use crate::document::{Corpus, Document, Span};
use crate::report::compare::{RowKind, row_view};

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
    let table = if multi {
        "<table class=\"rows multi\">"
    } else {
        "<table class=\"rows\">"
    };
    writeln!(
        out,
        "<h2>Side by side</h2><div class=\"chunk\">{table}<thead><tr><th class=\"mark\"></th>"
    )?;
    for d in &corpus.documents {
        let reference = if multi {
            format!("<span class=\"alt w{}\"> · reference</span>", d.id.0)
        } else if d.id == views.reference() {
            " · reference".to_string()
        } else {
            String::new()
        };
        writeln!(
            out,
            "<th title=\"{}\">{}{reference}</th>",
            escape(&d.origin.to_string()),
            escape(&name(d))
        )?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    let targets = moved_targets(corpus, cmp, views);
    for row in 0..cmp.rows().len() {
        if row > 0 && row % CHUNK == 0 {
            writeln!(
                out,
                "</tbody></table></div><div class=\"chunk\">{table}<tbody>"
            )?;
        }
        let seen: Vec<_> = views
            .list
            .iter()
            .map(|v| row_view(corpus, cmp, v, row))
            .collect();
        let Some(main) = seen.get(views.default) else {
            continue;
        };
        let labels: Vec<String> = seen.iter().map(|v| marker(&v.kind)).collect();
        // Only the rows the overview links to carry an id; identical rows no class.
        let id = if overview.binary_search(&row).is_ok() {
            format!(" id=\"r{row}\"")
        } else {
            String::new()
        };
        let class = match class(&main.kind) {
            "identical" => String::new(),
            c => format!(" class=\"{c}\""),
        };
        write!(
            out,
            "<tr{id}{class}><td class=\"mark\">{}</td>",
            variants(views, &labels)
        )?;
        for d in &corpus.documents {
            let Some(cell) = main.cells.iter().find(|c| c.doc.id == d.id) else {
                write!(out, "<td></td>")?;
                continue;
            };
            let changed: Vec<&[Span]> = seen
                .iter()
                .map(|v| {
                    v.cells
                        .iter()
                        .find(|c| c.doc.id == d.id)
                        .map_or(&[][..], |c| c.changed)
                })
                .collect();
            write_cell(views, &targets, cell.doc, cell.sentences, &changed, out)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")
}

/// The sentences a moved row links to (`#d{doc}s{sentence}`): the only cells that need an id.
fn moved_targets(corpus: &Corpus, cmp: &Comparison, views: &Views) -> HashSet<(u32, u32)> {
    let mut targets = HashSet::new();
    let Some(view) = views.list.get(views.default) else {
        return targets;
    };
    for row in 0..cmp.rows().len() {
        if cmp.rows().cells(row).nth(1).is_some() {
            continue;
        }
        if let RowKind::Moved(to) = row_view(corpus, cmp, view, row).kind {
            targets.extend(to.iter().map(|(d, r)| (d.0, r.start)));
        }
    }
    targets
}

fn class(kind: &RowKind) -> &'static str {
    match kind {
        RowKind::Boilerplate => "boilerplate",
        RowKind::Unique => "unique",
        RowKind::Moved(_) => "moved",
        RowKind::Identical { .. } => "identical",
        RowKind::Paraphrase { .. } => "paraphrase",
    }
}

/// The row's marker, a moved row linking to its other copies. No user text goes into it.
fn marker(kind: &RowKind) -> String {
    kind.label(|d, r| {
        format!(
            "<a href=\"#d{}s{}\">[{}] s{}</a>",
            d.0, r.start, d.0, r.start
        )
    })
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

/// One version's cell: its sentence numbers, per reference the score that names its pair, and
/// its text with the words changed against each reference marked.
fn write_cell(
    views: &Views,
    targets: &HashSet<(u32, u32)>,
    doc: &Document,
    sentences: SentRange,
    changed: &[&[Span]],
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = doc.id.0;
    let multi = views.list.len() > 1;
    let base = if sentences.len() > 1 {
        format!("s{}–{} merged", sentences.start, sentences.end - 1)
    } else {
        format!("s{}", sentences.start)
    };
    // Which pair a score belongs to: this version against the one its changes are measured by.
    let scores: Vec<String> = views
        .list
        .iter()
        .map(|v| match v.sentence(doc.id, sentences.start as usize) {
            Some(s) if v.reference() != doc.id => match (s.against, s.similarity) {
                (Some(against), Some(similarity)) => {
                    format!(" · {similarity:.2} vs [{}]", against.0)
                }
                _ => String::new(),
            },
            _ => String::new(),
        })
        .collect();
    let anchor = |s: u32| {
        if targets.contains(&(id, s)) {
            format!(" id=\"d{id}s{s}\"")
        } else {
            String::new()
        }
    };
    write!(
        out,
        "<td{}><small>{base}{}</small>",
        anchor(sentences.start),
        variants(views, &scores)
    )?;
    // Every sentence of a merged cell can be the target of a moved link.
    for s in sentences.start + 1..sentences.end {
        if targets.contains(&(id, s)) {
            write!(out, "<span{}></span>", anchor(s))?;
        }
    }
    let default = views.default;
    let is_reference = doc.id == views.reference();
    let pieces = pieces(doc, sentences, changed);
    for (at, &(text, mask)) in pieces.iter().enumerate() {
        if mask == 0 {
            write!(out, "{}", escape(text))?;
            continue;
        }
        let tag = match (mask & (1 << default) != 0, is_reference) {
            (true, true) => "del",
            (true, false) => "ins",
            (false, _) => "span",
        };
        let classes = if multi {
            // A mark that runs on into the next (`kR`) or from the previous (`jR`) under
            // reference R: print brackets the run once, not each piece (see style.rs).
            let mask_at = |i: Option<usize>| i.and_then(|i| pieces.get(i)).map_or(0, |p| p.1);
            let before = mask & mask_at(at.checked_sub(1));
            let after = mask & mask_at(Some(at + 1));
            let mut names: Vec<String> = Vec::new();
            for (k, v) in views.list.iter().enumerate() {
                let r = v.reference().0;
                for (bits, prefix) in [(mask, 'm'), (before, 'j'), (after, 'k')] {
                    if bits & (1 << k) != 0 {
                        names.push(format!("{prefix}{r}"));
                    }
                }
            }
            format!(" class=\"{}\"", names.join(" "))
        } else {
            String::new()
        };
        write!(out, "<{tag}{classes}>{}</{tag}>", escape(text))?;
    }
    write!(out, "</td>")
}

/// The text of a cell (sentences joined by a space) cut wherever a changed span of any view
/// starts or ends; each piece with the bits of the views (`changed[k]`) in which it is changed.
fn pieces<'a>(doc: &'a Document, sentences: SentRange, changed: &[&[Span]]) -> Vec<(&'a str, u32)> {
    let mut out: Vec<(&'a str, u32)> = Vec::new();
    let list = doc.sentences.get(sentences.range()).unwrap_or(&[]);
    for (n, s) in list.iter().enumerate() {
        if n > 0 {
            out.push((" ", 0));
        }
        let mut cuts: Vec<u32> = vec![s.span.start, s.span.end];
        for spans in changed {
            for c in spans.iter().filter(|c| s.span.contains(**c)) {
                cuts.extend([c.start, c.end]);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut next = vec![0usize; changed.len()];
        let mut marked: Vec<(Span, u32)> = Vec::with_capacity(cuts.len());
        for w in cuts.windows(2) {
            let piece = Span {
                start: w[0],
                end: w[1],
            };
            let mut mask = 0u32;
            for (k, spans) in changed.iter().enumerate() {
                let Some(at) = next.get_mut(k) else { continue };
                while spans.get(*at).is_some_and(|c| c.end <= piece.start) {
                    *at += 1;
                }
                if spans
                    .get(*at)
                    .is_some_and(|c| c.start <= piece.start && c.end >= piece.end)
                {
                    mask |= 1 << k;
                }
            }
            match marked.last_mut() {
                // Neighbours marked alike are one mark.
                Some((last, m)) if *m == mask && mask != 0 => last.end = piece.end,
                _ => marked.push((piece, mask)),
            }
        }
        out.extend(
            marked
                .into_iter()
                .map(|(span, mask)| (doc.slice(span), mask)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::load::from_bytes;
    use crate::document::{Format, Origin};

    #[test]
    fn pieces_carry_the_references_each_is_changed_for() {
        let mut corpus = Corpus::default();
        let text = "The pier reopened on Tuesday.";
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), Some(Format::Text)).unwrap());
        let doc = &corpus.documents[0];
        // "pier" changed against reference 0, "pier reopened" against 1, nothing against 2.
        let first = [Span::new(4, 8)];
        let second = [Span::new(4, 17)];
        let got = pieces(doc, SentRange::one(0), &[&first, &second, &[]]);
        assert_eq!(
            got,
            [
                ("The ", 0),
                ("pier", 0b011),
                (" reopened", 0b010),
                (" on Tuesday.", 0)
            ]
        );
        // Neighbours marked alike are one mark.
        let split = [Span::new(4, 8), Span::new(8, 17)];
        let got = pieces(doc, SentRange::one(0), &[&split]);
        assert_eq!(got[1], ("pier reopened", 1));
    }
}
