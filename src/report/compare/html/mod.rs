//! `parallax compare --format html`: one self-contained page (inline CSS, one small script,
//! no external assets) a reviewer can mail on: the documents by title, the statistics, a legend,
//! an overview, and the versions side by side in aligned rows rendered from the aligned view —
//! changed words struck or underlined (so print keeps them), merges and moves marked, a moved
//! sentence linked to its other copy. With three or more versions the page carries the view
//! from every reference and a selector between them, the version the others share most words
//! with marked in the HTML itself. Reads at desktop and phone widths, in light and dark, and in
//! print.

mod marks;
mod overview;
mod rows;
mod style;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::compare::{AlignedView, Comparison};
use crate::document::{Corpus, DocId, Document};

/// The references a page offers a selector between at most: every cell carries a label and
/// marks per reference, so the page grows with their number.
const MAX_REFERENCES: usize = 16;

/// The aligned views a page carries: from every document when there are three or more (and no
/// more than [`MAX_REFERENCES`]), else from document 0 alone.
struct Views {
    list: Vec<AlignedView>,
    /// The index in `list` of the reference the HTML marks without script.
    default: usize,
}

impl Views {
    fn build(corpus: &Corpus, cmp: &Comparison) -> Views {
        let n = corpus.documents.len();
        if !(3..=MAX_REFERENCES).contains(&n) {
            return Views {
                list: vec![AlignedView::build(corpus, cmp, DocId(0))],
                default: 0,
            };
        }
        let list = corpus
            .documents
            .iter()
            .map(|d| AlignedView::build(corpus, cmp, d.id))
            .collect();
        Views {
            list,
            default: most_shared(cmp, n).0 as usize,
        }
    }

    fn reference(&self) -> DocId {
        self.list
            .get(self.default)
            .map_or(DocId(0), AlignedView::reference)
    }
}

/// The version the others agree with most: the highest sum over its pairs of the share of both
/// sides' words said verbatim by the other (the first such on a tie).
fn most_shared(cmp: &Comparison, n: usize) -> DocId {
    let mut sum = vec![0f64; n];
    for al in cmp.alignments() {
        let (a, b) = (&al.stats.a, &al.stats.b);
        let words = f64::from(a.words) + f64::from(b.words);
        if words == 0.0 {
            continue;
        }
        let dice = (f64::from(a.shared_words) + f64::from(b.shared_words)) / words;
        for d in [al.a, al.b] {
            if let Some(s) = sum.get_mut(d.index()) {
                *s += dice;
            }
        }
    }
    let best = sum.iter().enumerate().fold(
        (0, f64::MIN),
        |(bi, bs), (i, &s)| if s > bs { (i, s) } else { (bi, bs) },
    );
    DocId(best.0 as u32)
}

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

/// Escape text for element content only (quotes need none there): borrowed when it has nothing
/// to escape, as most of a story has not.
fn text(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub fn write(
    corpus: &Corpus,
    cmp: &Comparison,
    stats_only: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = corpus.documents.first().map_or("", |d| d.title.as_str());
    let views = (!stats_only).then(|| Views::build(corpus, cmp));
    // A page with several references switches them by the body's class (see style.rs).
    let (rules, body) = match &views {
        Some(v) if v.list.len() > 1 => {
            let refs: Vec<DocId> = v.list.iter().map(AlignedView::reference).collect();
            (
                style::reference_rules(&refs),
                format!(" class=\"v{}\"", v.reference().0),
            )
        }
        _ => (String::new(), String::new()),
    };
    let names: Vec<String> = corpus.documents.iter().map(name).collect();
    let rules = rules + &style::columns(&names);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">"
    )?;
    writeln!(
        out,
        "<title>parallax: {}</title><style>{}{rules}</style></head><body{body}>",
        escape(title),
        style::STYLE
    )?;
    writeln!(out, "<h1>{}</h1>", escape(title))?;
    writeln!(
        out,
        "<p class=\"sub\">{} versions compared sentence by sentence by parallax</p>",
        corpus.documents.len()
    )?;
    documents(corpus, out)?;
    statistics(cmp, out)?;
    if let Some(views) = &views {
        reference(corpus, views, out)?;
        let targets = overview::write(corpus, cmp, views, out)?;
        legend(out)?;
        rows::write(corpus, cmp, views, &targets, out)?;
        writeln!(out, "<script>{}</script>", style::SCRIPT)?;
    }
    writeln!(out, "</body></html>")
}

/// Which version the marks are measured against, and (with several) the selector between them,
/// shown by the script: without it the page reads as marked for the default.
fn reference(corpus: &Corpus, views: &Views, out: &mut dyn Write) -> io::Result<()> {
    let default = views.reference();
    let Some(doc) = corpus.get(default) else {
        return Ok(());
    };
    if views.list.len() < 2 {
        return writeln!(
            out,
            "<p class=\"refs\">Changed words are marked against the reference, {}.</p>",
            escape(&name(doc))
        );
    }
    let mut names = String::new();
    let mut options = String::new();
    for v in &views.list {
        let Some(d) = corpus.get(v.reference()) else {
            continue;
        };
        let r = d.id.0;
        names.push_str(&format!(
            "<strong class=\"alt w{r}\">{}</strong>",
            escape(&name(d))
        ));
        let selected = if d.id == default { " selected" } else { "" };
        options.push_str(&format!(
            "<option value=\"{r}\"{selected}>{}</option>",
            escape(&name(d))
        ));
    }
    writeln!(
        out,
        "<p class=\"refs\">Changed words are marked against the reference: {names}. \
         <label hidden>Another reference: <select id=\"ref\">{options}</select></label> \
         <span class=\"sub\">(By default {}, the version the others share most words with.)\
         </span></p>",
        escape(&name(doc))
    )
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
            "<tr><td data-h=\"#\">[{}]</td><td data-h=Title>{}</td><td data-h=Source>{}</td>\
             <td class=num data-h=Sentences>{}</td>\
             <td class=num data-h=\"of them boilerplate\">{boilerplate}</td></tr>",
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
                    format!("<td rowspan=2 data-h=Pair>[{}] ↔ [{}]</td>", al.a.0, al.b.0),
                    format!(
                        "<td rowspan=2 class=num data-h=\"Mean similarity\">{:.2}</td>",
                        s.mean_similarity
                    ),
                )
            } else {
                (String::new(), String::new())
            };
            writeln!(
                out,
                "<tr>{pair}<td data-h=Document>[{}]</td>\
                 <td class=num data-h=\"Words shared verbatim\">{:.1}% of {}</td>\
                 <td class=num data-h=Identical>{}</td><td class=num data-h=Paraphrased>{}</td>\
                 <td class=num data-h=Moved>{}</td><td class=num data-h=\"Only here\">{}</td>\
                 <td class=num data-h=Boilerplate>{}</td><td class=num data-h=Sentences>{}</td>{sim}</tr>",
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
         <dt><s>struck</s></dt><dd>words of the reference that a version beside it does \
         not have (in print [-so-])</dd>\
         <dt><u>underlined</u></dt><dd>words of a version that the reference does not have \
         (or, where the reference lacks the sentence, that the version it is measured against \
         does not; in print {{+so+}})</dd>\
         <dt><i>dotted</i></dt><dd>words the other version has too, in another place of the \
         sentence: a clause moved (in print {{~so~}})</dd>\
         <dt>= identical</dt><dd>the same words in every version on the row</dd>\
         <dt>~ paraphrase 0.74</dt><dd>reworded; the lowest similarity (0–1) of the row's \
         sentences to the version they are measured against</dd>\
         <dt>not in [2]</dt><dd>versions that do not carry the row at all</dd>\
         <dt>↷ moved, see s6</dt><dd>in another place in the other versions (with more than two, [1] s6 names which): follow the link</dd>\
         <dt>only here</dt><dd>in one version alone</dd>\
         <dt>s6, s3–4 merged</dt><dd>sentence numbers (from 0) in their document; several \
         sentences of one version matched by one of another</dd>\
         <dt>· 0.74 vs [0]</dt><dd>a sentence's similarity to the version its changes are \
         measured against (with two versions, the other one)</dd>\
         <dt>boilerplate</dt><dd>page furniture or a repeated line, never compared</dd>\
         <dt>j / k</dt><dd>next / previous row that differs (also ]c / [c)</dd></dl>"
    )
}
