//! `parallax inspect`: how each document was read — format, warnings, paragraphs, sentences —
//! so a user can see why a sentence was split where it was.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Corpus, Document};

pub fn text(corpus: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    for doc in &corpus.documents {
        writeln!(
            out,
            "== {} ({}, {} paragraphs, {} sentences, {} words)",
            doc.origin,
            doc.format.name(),
            doc.paragraphs.len(),
            doc.sentences.len(),
            doc.word_count()
        )?;
        writeln!(out, "title: {}", doc.title)?;
        for w in &doc.warnings {
            writeln!(out, "warning: {w}")?;
        }
        let mut last_para = None;
        for (i, s) in doc.sentences.iter().enumerate() {
            if last_para != Some(s.paragraph) {
                writeln!(out)?;
                last_para = Some(s.paragraph);
            }
            let flag = if s.boilerplate { " [boilerplate]" } else { "" };
            writeln!(
                out,
                "s{i:<4} p{:<4}{flag} {}",
                s.paragraph,
                doc.slice(s.span)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: u32,
    path: String,
    title: &'a str,
    format: &'static str,
    warnings: &'a [String],
    paragraphs: Vec<JsonPara>,
    sentences: Vec<JsonSentence<'a>>,
}

#[derive(Serialize)]
struct JsonPara {
    start: u32,
    end: u32,
    boilerplate: bool,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    id: usize,
    start: u32,
    end: u32,
    paragraph: u32,
    boilerplate: bool,
    text: &'a str,
}

fn json_doc(doc: &Document) -> JsonDoc<'_> {
    JsonDoc {
        id: doc.id.0,
        path: doc.origin.to_string(),
        title: &doc.title,
        format: doc.format.name(),
        warnings: &doc.warnings,
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| JsonPara {
                start: p.span.start,
                end: p.span.end,
                boilerplate: p.boilerplate,
            })
            .collect(),
        sentences: doc
            .sentences
            .iter()
            .enumerate()
            .map(|(id, s)| JsonSentence {
                id,
                start: s.span.start,
                end: s.span.end,
                paragraph: s.paragraph,
                boilerplate: s.boilerplate,
                text: doc.slice(s.span),
            })
            .collect(),
    }
}

pub fn json(corpus: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let documents: Vec<JsonDoc> = corpus.documents.iter().map(json_doc).collect();
    serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "documents": documents }))?;
    writeln!(out)
}
