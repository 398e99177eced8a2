//! `parallax compare --format html`: one self-contained page (inline CSS, no scripts, no
//! external assets) a reviewer can mail on: the documents by title, the statistics, a legend,
//! and the versions side by side in aligned rows rendered from the aligned view — changed words
//! struck or underlined (so print keeps them), merges and moves marked, a moved sentence linked
//! to its other copy. Reads at desktop and phone widths, in light and dark, and in print.

use std::io::{self, Write};

use super::{Cell, RowKind, pieces, row_view};
use crate::compare::{AlignedView, Comparison};
use crate::document::{Corpus, DocId, Document};

const STYLE: &str = ":root{--fg:#1d1d1f;--bg:#fff;--muted:#5f6368;--line:#d0d4d9;--head:#f1f3f4;\
--del:#ffd7d5;--ins:#c8f0cf;--moved:#fff1c2;--unique:#dbeafe;--link:#0b57d0}\
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#17191c;--muted:#a8adb3;\
--line:#3c4043;--head:#25282c;--del:#6b2b2b;--ins:#1f5130;--moved:#4d4019;--unique:#1c3557;\
--link:#8ab4f8}}\
*{box-sizing:border-box}\
body{font:16px/1.5 Georgia,'Times New Roman',serif;margin:1.5em auto;padding:0 1em;\
max-width:1400px;color:var(--fg);background:var(--bg)}\
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.5em 0 .5em;font-family:sans-serif}\
.sub{color:var(--muted);font-family:sans-serif;font-size:.9em;margin:0}\
a{color:var(--link)}\
.wide{overflow-x:auto}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid var(--line);padding:.4em .55em;vertical-align:top;text-align:left}\
th{background:var(--head);font-family:sans-serif;font-size:.85em;font-weight:600}\
.stats td{font-family:sans-serif;font-size:.9em}.num{text-align:right}\
.rows{table-layout:fixed}.rows td,.rows th{overflow-wrap:anywhere}\
td.mark{font-family:sans-serif;font-size:.8em;color:var(--muted);width:8.5em}\
.sid{color:var(--muted);font-family:sans-serif;font-size:.75em;margin-right:.4em}\
del{background:var(--del);text-decoration:line-through}\
ins{background:var(--ins);text-decoration:underline;text-underline-offset:2px}\
tr.moved td:not(.mark){background:var(--moved)}tr.unique td:not(.mark){background:var(--unique)}\
tr.boilerplate td{color:var(--muted);font-style:italic}\
tr.current td{outline:2px solid var(--link);outline-offset:-2px}\
.strip{display:flex;align-items:center;gap:.5em;margin:.2em 0}.who{font:600 .8em sans-serif;\
width:2.5em}.cells{display:flex;flex:1;height:14px;border:1px solid var(--line)}\
.cells a,.key{flex:1;min-width:1px}.key{display:inline-block;width:1em;height:.8em;\
vertical-align:middle;border:1px solid var(--line)}\
.strip .identical,.key.identical{background:var(--line)}\
.strip .reworded,.key.reworded{background:var(--ins)}.strip .moved,.key.moved{background:var(--moved)}\
.strip .only_here,.key.only_here{background:var(--unique)}\
.strip .partial,.key.partial{background:var(--del)}.strip .boilerplate{background:var(--head)}\
.sub .key{margin:0 .2em 0 .6em}\
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;font-family:sans-serif;\
font-size:.9em}dl.legend dt{font-weight:600}dl.legend dd{margin:0}\
@media (max-width:700px){body{margin:.5em auto;font-size:15px}\
.rows,.rows tbody,.rows tr,.rows td{display:block;width:auto}.rows thead{display:none}\
.rows tr{border:1px solid var(--line);margin:0 0 .8em}.rows td{border:0;border-top:1px solid var(--line)}\
.rows td.mark{border:0;width:auto}.rows td.empty{display:none}\
.rows td[data-doc]::before{content:attr(data-doc);display:block;font:600 .75em sans-serif;\
color:var(--muted)}}\
@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit;text-decoration:none}\
thead{display:table-header-group}tr{break-inside:avoid}.wide{overflow:visible}\
del::before{content:'[-'}del::after{content:'-]'}ins::before{content:'{+'}ins::after{content:'+}'}}";

/// The page's one enhancement: j/k (or ]c/[c) step through the rows that differ, as in the
/// reader. Reading needs none of it.
const SCRIPT: &str = "(()=>{const rows=[...document.querySelectorAll('tr.paraphrase,tr.moved,tr.unique')];\
let at=-1,pend='';document.addEventListener('keydown',e=>{if(e.ctrlKey||e.metaKey||e.altKey)return;\
let k=e.key;if(k===']'||k==='['){pend=k;return}if(pend&&k==='c')k=pend===']'?'j':'k';pend='';\
if(k!=='j'&&k!=='k'||!rows.length)return;at=k==='j'?Math.min(at+1,rows.length-1):Math.max(at-1,0);\
rows.forEach(r=>r.classList.remove('current'));rows[at].classList.add('current');\
rows[at].scrollIntoView({block:'center'});e.preventDefault()})})();";

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
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">"
    )?;
    writeln!(
        out,
        "<title>parallax: {}</title><style>{STYLE}</style></head><body>",
        escape(title)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(title))?;
    writeln!(
        out,
        "<p class=\"sub\">{} versions compared sentence by sentence by parallax</p>",
        corpus.documents.len()
    )?;
    documents(corpus, out)?;
    statistics(cmp, out)?;
    if !stats_only {
        let aligned = AlignedView::build(corpus, cmp, DocId(0));
        overview(corpus, cmp, &aligned, out)?;
        legend(out)?;
        rows(corpus, cmp, &aligned, out)?;
        writeln!(out, "<script>{SCRIPT}</script>")?;
    }
    writeln!(out, "</body></html>")
}

/// "[1] Title" for a document, its title falling back to its file name.
fn name(d: &Document) -> String {
    let file = d.origin.name();
    let title = if d.title.is_empty() { &file } else { &d.title };
    format!("[{}] {}", d.id.0, title)
}

fn documents(corpus: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Documents</h2><div class=\"wide\"><table class=\"stats\"><thead><tr><th>#</th>\
         <th>Title</th><th>Source</th><th>Sentences</th><th>of them boilerplate</th></tr></thead>"
    )?;
    for d in &corpus.documents {
        let boilerplate = d.sentences.iter().filter(|s| s.boilerplate).count();
        writeln!(
            out,
            "<tr><td>[{}]</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{boilerplate}</td></tr>",
            d.id.0,
            escape(&d.title),
            escape(&d.origin.to_string()),
            d.sentences.len()
        )?;
    }
    writeln!(out, "</table></div>")
}

/// Per pair and side: identical + paraphrased + moved + unique + boilerplate = sentences.
fn statistics(cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Statistics</h2><div class=\"wide\"><table class=\"stats\"><thead><tr><th>Pair</th>\
         <th>Document</th><th>Words shared verbatim</th><th>Identical</th><th>Paraphrased</th>\
         <th>Moved</th><th>Only here</th><th>Boilerplate</th><th>Sentences</th>\
         <th>Mean similarity</th></tr></thead>"
    )?;
    for al in cmp.alignments() {
        let s = &al.stats;
        for (k, (id, side)) in [(al.a, &s.a), (al.b, &s.b)].into_iter().enumerate() {
            let (pair, sim) = if k == 0 {
                (
                    format!("<td rowspan=\"2\">[{}] ↔ [{}]</td>", al.a.0, al.b.0),
                    format!(
                        "<td rowspan=\"2\" class=\"num\">{:.2}</td>",
                        s.mean_similarity
                    ),
                )
            } else {
                (String::new(), String::new())
            };
            writeln!(
                out,
                "<tr>{pair}<td>[{}]</td><td class=\"num\">{:.1}% of {}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{sim}</tr>",
                id.0,
                side.shared_share() * 100.0,
                side.words,
                side.identical,
                side.paraphrase,
                side.moved,
                side.unique,
                side.boilerplate,
                side.sentences,
            )?;
        }
    }
    writeln!(out, "</table></div>")
}

fn legend(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2>How to read it</h2><dl class=\"legend\">\
         <dt><del>struck</del></dt><dd>words of document [0] (the reference) that a version \
         beside it does not have</dd>\
         <dt><ins>underlined</ins></dt><dd>words of a version that document [0] does not have \
         (or, where [0] lacks the sentence, that the version beside it does not)</dd>\
         <dt>= identical</dt><dd>the same words in every version on the row</dd>\
         <dt>~ paraphrase 0.74</dt><dd>reworded; the lowest similarity (0–1) of the row's \
         sentences to the version they are measured against</dd>\
         <dt>not in [2]</dt><dd>versions that do not carry the row at all</dd>\
         <dt>↷ moved</dt><dd>in another place in the other versions: follow the link</dd>\
         <dt>only here</dt><dd>in one version alone</dd>\
         <dt>s6, s3–4 merged</dt><dd>sentence numbers (from 0) in their document; several \
         sentences of one version matched by one of another</dd>\
         <dt>0.74 vs [0]</dt><dd>a sentence's similarity to the version its changes are \
         measured against</dd>\
         <dt>boilerplate</dt><dd>page furniture or a repeated line, never compared</dd>\
         <dt>j / k</dt><dd>next / previous row that differs (also ]c / [c)</dd></dl>"
    )
}

/// One strip per document along the story, a cell per row coloured by how the row's sentences
/// relate; each cell links to its row.
fn overview(
    corpus: &Corpus,
    cmp: &Comparison,
    aligned: &AlignedView,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = cmp.rows();
    writeln!(out, "<h2>Overview</h2><div class=\"overview\">")?;
    for d in &corpus.documents {
        write!(
            out,
            "<div class=\"strip\"><span class=\"who\">[{}]</span><span class=\"cells\">",
            d.id.0
        )?;
        for row in 0..rows.len() {
            let class = rows.cell(row, d.id).map_or("none", |cell| {
                cell.range()
                    .filter_map(|s| aligned.relation(d.id, s))
                    .max_by_key(|&r| super::json::strength(r))
                    .map_or("none", |r| r.name())
            });
            write!(out, "<a href=\"#r{row}\" class=\"{class}\"></a>")?;
        }
        writeln!(out, "</span></div>")?;
    }
    writeln!(
        out,
        "<p class=\"sub\">Each document along the story, a mark per row: <span class=\"key reworded\">\
         </span> reworded <span class=\"key moved\"></span> moved <span class=\"key only_here\">\
         </span> only here <span class=\"key partial\"></span> partial \
         <span class=\"key identical\"></span> identical. Click a mark to go to its row.</p></div>"
    )
}

fn rows(
    corpus: &Corpus,
    cmp: &Comparison,
    aligned: &AlignedView,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Side by side</h2><table class=\"rows\"><thead><tr><th class=\"mark\"></th>"
    )?;
    for d in &corpus.documents {
        writeln!(
            out,
            "<th title=\"{}\">{}</th>",
            escape(&d.origin.to_string()),
            escape(&name(d))
        )?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for row in 0..cmp.rows().len() {
        let view = row_view(corpus, cmp, aligned, row);
        let (class, mark) = marker(&view.kind);
        write!(
            out,
            "<tr id=\"r{row}\" class=\"{class}\"><td class=\"mark\">{mark}</td>"
        )?;
        for d in &corpus.documents {
            match view.cells.iter().find(|c| c.doc.id == d.id) {
                Some(cell) => write_cell(cell, aligned, out)?,
                None => write!(out, "<td class=\"empty\"></td>")?,
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")
}

/// The row's class and its marker, a moved row linking to its other copies.
fn marker(kind: &RowKind) -> (&'static str, String) {
    let class = match kind {
        RowKind::Boilerplate => "boilerplate",
        RowKind::Unique => "unique",
        RowKind::Moved(_) => "moved",
        RowKind::Identical { .. } => "identical",
        RowKind::Paraphrase { .. } => "paraphrase",
    };
    let label = kind.label(|d, r| {
        format!(
            "<a href=\"#d{}s{}\">[{}] s{}</a>",
            d.0, r.start, d.0, r.start
        )
    });
    (class, label)
}

fn write_cell(cell: &Cell, aligned: &AlignedView, out: &mut dyn Write) -> io::Result<()> {
    let id = cell.doc.id.0;
    let sentences = cell.sentences;
    let reference = cell.doc.id == aligned.reference();
    let mut label = if sentences.len() > 1 {
        format!("s{}–{} merged", sentences.start, sentences.end - 1)
    } else {
        format!("s{}", sentences.start)
    };
    // Which pair a score belongs to: this version against the one its changes are measured by.
    if let Some(v) = aligned.sentence(cell.doc.id, sentences.start as usize)
        && let (Some(against), Some(similarity)) = (v.against, v.similarity)
        && !reference
    {
        label.push_str(&format!(" · {similarity:.2} vs [{}]", against.0));
    }
    write!(
        out,
        "<td id=\"d{id}s{}\" data-doc=\"{}\"><span class=\"sid\">{label}</span>",
        sentences.start,
        escape(&name(cell.doc))
    )?;
    // Every sentence of a merged cell can be the target of a moved link.
    for s in sentences.start + 1..sentences.end {
        write!(out, "<span id=\"d{id}s{s}\"></span>")?;
    }
    let tag = if reference { "del" } else { "ins" };
    for (text, changed) in pieces(cell) {
        if changed {
            write!(out, "<{tag}>{}</{tag}>", escape(text))?;
        } else {
            write!(out, "{}", escape(text))?;
        }
    }
    write!(out, "</td>")
}
