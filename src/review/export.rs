//! The review as a report a fact-checker can hand on: the documents, every marked item with its
//! text in each version, its verdict and note, and the counts — as Markdown, JSON or a
//! self-contained HTML page. Works from the session file alone.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::ReviewError;
use super::file::{Mark, SessionFile};
use crate::document::load::from_bytes;
use crate::document::{Corpus, Format, Origin, Span};
use crate::report::compare::html::escape as esc;

/// `parallax review export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Md,
    Json,
    Html,
}

/// Counts over the marks of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Items with a verdict or a note.
    pub marked: usize,
    pub with_verdict: usize,
    pub with_note: usize,
    /// Marks whose text is no longer in their document.
    pub orphaned: usize,
    /// Per verdict, in the configured order (zeros kept), then any other verdict found in the file.
    pub by_verdict: Vec<(String, usize)>,
}

impl Summary {
    pub fn of(marks: &[Mark], verdicts: &[String]) -> Summary {
        let mut by_verdict: Vec<(String, usize)> =
            verdicts.iter().map(|v| (v.clone(), 0)).collect();
        for verdict in marks.iter().filter_map(|m| m.verdict.as_ref()) {
            match by_verdict.iter_mut().find(|(v, _)| v == verdict) {
                Some((_, n)) => *n += 1,
                None => by_verdict.push((verdict.clone(), 1)),
            }
        }
        Summary {
            marked: marks.len(),
            with_verdict: marks.iter().filter(|m| m.verdict.is_some()).count(),
            with_note: marks.iter().filter(|m| !m.note.is_empty()).count(),
            orphaned: marks.iter().filter(|m| m.orphaned).count(),
            by_verdict,
        }
    }
}

/// Writes the export of `session` (read from `path`, when it has one).
pub fn write(
    session: &SessionFile,
    path: Option<&Path>,
    verdicts: &[String],
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ReviewError> {
    let summary = Summary::of(&session.marks, verdicts);
    let mut marks: Vec<&Mark> = session.marks.iter().collect();
    // Live items in reading order, orphans last.
    marks.sort_by_key(|m| (m.orphaned, m.doc, m.start, m.end));
    let report = Report {
        session,
        path: path.map(|p| p.display().to_string()).unwrap_or_default(),
        summary,
        marks,
    };
    match format {
        ExportFormat::Md => report.markdown(out)?,
        ExportFormat::Json => report.json(out)?,
        ExportFormat::Html => report.html(out)?,
    }
    Ok(())
}

struct Report<'a> {
    session: &'a SessionFile,
    path: String,
    summary: Summary,
    marks: Vec<&'a Mark>,
}

impl Report<'_> {
    fn doc_name(&self, doc: usize) -> String {
        let title = self
            .session
            .documents
            .get(doc)
            .map_or("(unknown document)", |d| d.title.as_str());
        // Numbered as `compare` and the reader number documents: [0], [1]…
        format!("[{doc}] {title}")
    }

    /// Each document's text of the mark, its own document first.
    fn versions<'m>(&self, mark: &'m Mark) -> Vec<(usize, &'m str)> {
        std::iter::once(mark.doc)
            .chain((0..self.session.documents.len()).filter(|&d| d != mark.doc))
            .filter_map(|d| mark.text_in(d).map(|t| (d, t)))
            .collect()
    }

    fn kind(mark: &Mark) -> &'static str {
        match mark.kind {
            super::ItemKind::Claim => "Claim",
            super::ItemKind::Quote => "Quote",
            super::ItemKind::Difference => "Difference",
        }
    }

    fn heading(mark: &Mark) -> String {
        let kind = Self::kind(mark);
        match &mark.verdict {
            Some(v) => format!("{kind} — {v}"),
            None => format!("{kind} — no verdict"),
        }
    }

    fn markdown(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "# Review\n")?;
        writeln!(
            out,
            "Session file: `{}` · last saved {} · format version {}\n",
            self.path, self.session.updated, self.session.version
        )?;
        writeln!(out, "## Documents\n")?;
        for (i, d) in self.session.documents.iter().enumerate() {
            writeln!(
                out,
                "**\\[{i}\\] {}** — `{}` (text hash {})\n",
                md_inline(&d.title),
                d.path,
                short(&d.hash)
            )?;
        }
        let s = &self.summary;
        writeln!(out, "\n## Summary\n")?;
        writeln!(
            out,
            "- {} items marked: {} with a verdict, {} with a note",
            s.marked, s.with_verdict, s.with_note
        )?;
        for (verdict, n) in &s.by_verdict {
            writeln!(out, "- {}: {n}", md_inline(verdict))?;
        }
        writeln!(
            out,
            "- orphaned (text no longer in its document): {}",
            s.orphaned
        )?;
        writeln!(out, "\n## Items")?;
        for (n, mark) in self.marks.iter().enumerate() {
            writeln!(
                out,
                "\n### {}. {}\n",
                n + 1,
                md_inline(&Self::heading(mark))
            )?;
            if mark.orphaned {
                writeln!(
                    out,
                    "*Orphaned: this text is no longer in {} (last seen at bytes {}–{}).*\n",
                    md_inline(&self.doc_name(mark.doc)),
                    mark.start,
                    mark.end
                )?;
            }
            for (doc, text) in self.versions(mark) {
                writeln!(out, "{}:\n", md_inline(&self.doc_name(doc)))?;
                for line in text.lines() {
                    writeln!(out, "> {}", md_inline(line))?;
                }
                writeln!(out)?;
            }
            if let Some(note) = mark.note() {
                writeln!(out, "**Note:** {}\n", md_inline(note).replace('\n', "  \n"))?;
            }
            writeln!(
                out,
                "*Marked {}, last changed {}.*",
                mark.created, mark.updated
            )?;
        }
        if self.marks.is_empty() {
            writeln!(out, "\nNothing has been marked yet.")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let s = &self.summary;
        let value = json!({
            "session": self.path,
            "version": self.session.version,
            "created": self.session.created,
            "updated": self.session.updated,
            "documents": self.session.documents.iter().enumerate().map(|(i, d)| json!({
                "id": i, "path": d.path, "title": d.title, "hash": d.hash,
            })).collect::<Vec<_>>(),
            "summary": {
                "marked": s.marked,
                "with_verdict": s.with_verdict,
                "with_note": s.with_note,
                "orphaned": s.orphaned,
                "verdicts": s.by_verdict.iter()
                    .map(|(v, n)| json!({"verdict": v, "count": n}))
                    .collect::<Vec<_>>(),
            },
            "items": self.marks.iter().map(|m| json!({
                "id": m.id,
                "kind": m.kind.name(),
                "doc": m.doc,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "verdict": m.verdict,
                "note": m.note,
                "orphaned": m.orphaned,
                "created": m.created,
                "updated": m.updated,
                "versions": std::iter::once(json!({
                    "doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
                    "orphaned": m.orphaned,
                })).chain(m.counterparts.iter().map(|c| json!({
                    "doc": c.doc, "start": c.start, "end": c.end, "text": c.text,
                    "orphaned": c.orphaned,
                }))).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)
    }

    fn html(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light dark\">\n\
             <title>Review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Review</h1>"
        )?;
        writeln!(
            out,
            "<p class=\"meta\">Session file <code>{}</code> · last saved {} · format version {}</p>",
            esc(&self.path),
            esc(&self.session.updated),
            self.session.version
        )?;
        writeln!(out, "<h2>Documents</h2>\n<ul>")?;
        for (i, d) in self.session.documents.iter().enumerate() {
            writeln!(
                out,
                "<li><strong>[{i}] {}</strong> — <code>{}</code> <span class=\"meta\">text hash {}</span></li>",
                esc(&d.title),
                esc(&d.path),
                esc(short(&d.hash))
            )?;
        }
        let s = &self.summary;
        writeln!(out, "</ul>\n<h2>Summary</h2>\n<ul>")?;
        writeln!(
            out,
            "<li>{} items marked: {} with a verdict, {} with a note</li>",
            s.marked, s.with_verdict, s.with_note
        )?;
        for (verdict, n) in &s.by_verdict {
            writeln!(out, "<li>{}: {n}</li>", esc(verdict))?;
        }
        writeln!(
            out,
            "<li>orphaned (text no longer in its document): {}</li>\n</ul>\n<h2>Items</h2>",
            s.orphaned
        )?;
        for (n, mark) in self.marks.iter().enumerate() {
            let class = if mark.orphaned { " orphaned" } else { "" };
            // The verdict as a badge, coloured by its place in the configured list (the first
            // two: the usual "verified" and "disputed").
            let badge = match &mark.verdict {
                Some(v) => {
                    let at = self.summary.by_verdict.iter().position(|(w, _)| w == v);
                    let class = at.map_or(String::new(), |i| format!(" v{i}"));
                    format!("<span class=\"badge{class}\">{}</span>", esc(v))
                }
                None => "<span class=\"badge\">no verdict</span>".to_string(),
            };
            writeln!(
                out,
                "<section class=\"item{class}\">\n<h3>{}. {}{badge}</h3>",
                n + 1,
                esc(Self::kind(mark))
            )?;
            if mark.orphaned {
                writeln!(
                    out,
                    "<p class=\"warn\">Orphaned: this text is no longer in {} (last seen at bytes {}–{}).</p>",
                    esc(&self.doc_name(mark.doc)),
                    mark.start,
                    mark.end
                )?;
            }
            let versions = self.versions(mark);
            let changed = changed_words(&versions);
            for ((doc, text), changed) in versions.iter().zip(&changed) {
                writeln!(
                    out,
                    "<p class=\"doc\">{}</p>\n<blockquote>{}</blockquote>",
                    esc(&self.doc_name(*doc)),
                    marked(text, changed).replace('\n', "<br>")
                )?;
            }
            if let Some(note) = mark.note() {
                writeln!(
                    out,
                    "<p class=\"note\"><strong>Note:</strong> {}</p>",
                    esc(note).replace('\n', "<br>")
                )?;
            }
            writeln!(
                out,
                "<p class=\"meta\">Marked {}, last changed {}.</p>\n</section>",
                esc(&mark.created),
                esc(&mark.updated)
            )?;
        }
        if self.marks.is_empty() {
            writeln!(out, "<p>Nothing has been marked yet.</p>")?;
        }
        writeln!(out, "</body>\n</html>")
    }
}

const STYLE: &str = ":root{--fg:#1d1d1f;--bg:#fff;--muted:#5f6368;--line:#d0d4d9;--warn:#a14000;\
--badge:#e8eaed;--yes:#c8f0cf;--no:#ffd7d5}\
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#17191c;--muted:#a8adb3;\
--line:#3c4043;--warn:#f2a35e;--badge:#3c4043;--yes:#1f5130;--no:#6b2b2b}}\
body{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto;\
padding:0 1em;color:var(--fg);background:var(--bg)}code{font-size:.9em;overflow-wrap:anywhere}\
.meta{color:var(--muted);font-size:.85em}\
.item{border-top:1px solid var(--line);padding-top:.5em;break-inside:avoid}\
.doc{margin:.5em 0 0;font-weight:600}\
blockquote{margin:.2em 0 .6em;padding-left:1em;border-left:3px solid var(--line)}\
.orphaned blockquote{border-color:var(--warn)}.warn{color:var(--warn)}\
.badge{display:inline-block;padding:0 .5em;border-radius:.6em;background:var(--badge);\
font-size:.8em;font-weight:600;margin-left:.4em;border:1px solid var(--line)}\
.badge.v0{background:var(--yes)}.badge.v1{background:var(--no)}\
mark{background:var(--no);color:inherit;text-decoration:underline}\
@media print{body{margin:0;max-width:none}}";

/// Per version, the byte ranges of its words that the first version (the marked item) lacks,
/// and for the first, those the second lacks: the engine's word diff over the texts the session
/// kept (the export works from the session file alone, without the documents).
fn changed_words(versions: &[(usize, &str)]) -> Vec<Vec<Span>> {
    let mut corpus = Corpus::default();
    for (_, text) in versions {
        if let Ok(loaded) = from_bytes(Origin::Stdin, text.as_bytes(), Some(Format::Text)) {
            corpus.push(loaded);
        }
    }
    let docs = &corpus.documents;
    if docs.len() != versions.len() || docs.len() < 2 {
        return vec![Vec::new(); versions.len()];
    }
    let whole = |d: &crate::document::Document| Span::new(0, d.text.len());
    let deadline = crate::compare::Options::default().diff_deadline;
    let mut out = vec![Vec::new(); docs.len()];
    for (i, other) in docs.iter().enumerate().skip(1) {
        let (ours, theirs) =
            crate::compare::changed_words(&docs[0], whole(&docs[0]), other, whole(other), deadline);
        if i == 1 {
            out[0] = ours;
        }
        out[i] = theirs;
    }
    out
}

/// Escaped text with the changed ranges in `<mark>`.
fn marked(text: &str, changed: &[Span]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for c in changed {
        let (start, end) = (c.start as usize, c.end as usize);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&esc(&text[at..start]));
        out.push_str(&format!("<mark>{}</mark>", esc(&text[start..end])));
        at = end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Text that Markdown shows as written: markup characters escaped.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_markdown_escape_user_text() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert_eq!(md_inline("*not* [a](link)"), "\\*not\\* \\[a\\](link)");
    }
}
