//! The compare page's overview: one strip per document along the story, each mark coloured by
//! how that stretch of the document relates to the reference, linking to its row. A long story
//! gets one mark per band of rows, so the strip fits any width and stays a few kilobytes.

use std::io::{self, Write};

use super::Views;
use crate::compare::{AlignedView, Comparison, Relation};
use crate::document::Corpus;

/// At most this many marks per strip: about 3 px each at desktop width.
const MARKS: usize = 400;

/// Writes the overview; returns the rows its marks link to (sorted), the only rows that need ids.
pub(super) fn write(
    corpus: &Corpus,
    cmp: &Comparison,
    views: &Views,
    out: &mut dyn Write,
) -> io::Result<Vec<usize>> {
    let mut targets = Vec::new();
    writeln!(out, "<h2>Overview</h2>")?;
    for view in &views.list {
        // With several references, the one shown follows the selector (`wR`, see style.rs).
        let class = if views.list.len() > 1 {
            format!("overview alt w{}", view.reference().0)
        } else {
            "overview".to_string()
        };
        writeln!(out, "<div class=\"{class}\">")?;
        strips(corpus, cmp, view, &mut targets, out)?;
        writeln!(out, "</div>")?;
    }
    writeln!(
        out,
        "<p class=\"sub\">Each document along the story, a mark per row (or band of rows), as seen \
         from the reference: <span class=\"key reworded\"></span> reworded \
         <span class=\"key moved\"></span> moved <span class=\"key only_here\"></span> only here \
         <span class=\"key partial\"></span> partial <span class=\"key identical\"></span> \
         identical. Click a mark to go to its row.</p>"
    )?;
    targets.sort_unstable();
    targets.dedup();
    Ok(targets)
}

fn strips(
    corpus: &Corpus,
    cmp: &Comparison,
    view: &AlignedView,
    targets: &mut Vec<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = cmp.rows();
    let n = rows.len();
    let band = n.div_ceil(MARKS).max(1);
    for d in &corpus.documents {
        write!(
            out,
            "<div class=\"strip\"><span class=\"who\">[{}]</span><span class=\"cells\">",
            d.id.0
        )?;
        for first in (0..n).step_by(band) {
            // The band's strongest relation, linking to the row that shows it.
            let mut best: Option<(Relation, usize)> = None;
            for row in first..(first + band).min(n) {
                let strongest = rows.cell(row, d.id).and_then(|cell| {
                    cell.range()
                        .filter_map(|s| view.relation(d.id, s))
                        .max_by_key(|&r| super::super::json::strength(r))
                });
                if let Some(r) = strongest
                    && best.is_none_or(|(b, _)| {
                        super::super::json::strength(r) > super::super::json::strength(b)
                    })
                {
                    best = Some((r, row));
                }
            }
            let (class, row) = best.map_or(("none", first), |(r, row)| (r.name(), row));
            targets.push(row);
            write!(out, "<a href=\"#r{row}\" class=\"{class}\"></a>")?;
        }
        writeln!(out, "</span></div>")?;
    }
    Ok(())
}
