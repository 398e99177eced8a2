//! `parallax extract`: the quotes, entities and claims of each document, as a readable listing
//! grouped by kind or as JSON (the contract in DESIGN.md §5, with extra fields).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Corpus, DocId, Document, Span};
use crate::extract::{
    Attribution, Counterpart, CueKind, DocExtraction, EntityId, Extraction, Via, Wording,
};

fn wording(w: Wording) -> &'static str {
    match w {
        Wording::Same => "same",
        Wording::Reworded => "reworded",
        Wording::FigureChanged => "figure changed",
    }
}

/// The document's entities in order of first mention, with their mention spans.
fn entities_of(x: &DocExtraction) -> Vec<(EntityId, Vec<Span>)> {
    let mut order: Vec<EntityId> = Vec::new();
    let mut spans: HashMap<EntityId, Vec<Span>> = HashMap::new();
    for m in &x.mentions {
        let list = spans.entry(m.entity).or_insert_with(|| {
            order.push(m.entity);
            Vec::new()
        });
        list.push(m.span);
    }
    order
        .into_iter()
        .map(|id| {
            let list = spans.remove(&id).unwrap_or_default();
            (id, list)
        })
        .collect()
}

fn origin(corpus: &Corpus, doc: DocId) -> String {
    corpus
        .get(doc)
        .map_or_else(|| format!("#{}", doc.0), |d| d.origin.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn text(corpus: &Corpus, found: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    for (doc, x) in corpus.documents.iter().zip(&found.documents) {
        let entities = entities_of(x);
        writeln!(
            out,
            "== {} ({} entities, {} quotes, {} claims)",
            doc.origin,
            entities.len(),
            x.quotes.len(),
            x.claims.len()
        )?;
        for w in &x.warnings {
            writeln!(out, "warning: {w}")?;
        }
        if !entities.is_empty() {
            writeln!(out, "\nEntities")?;
        }
        for (id, spans) in &entities {
            let Some(e) = found.entity(*id) else { continue };
            writeln!(
                out,
                "  {:<40} {:<13} {} mention{}",
                e.name,
                e.class.name(),
                spans.len(),
                if spans.len() == 1 { "" } else { "s" }
            )?;
        }
        if !x.quotes.is_empty() {
            writeln!(out, "\nQuotes")?;
        }
        for q in &x.quotes {
            let who = q
                .speaker
                .as_ref()
                .map_or("(no speaker)".to_string(), speaker_label);
            let scare = if q.scare { " [scare]" } else { "" };
            writeln!(out, "  “{}” — {who}{scare}", one_line(doc.slice(q.span)))?;
            counterparts(corpus, doc, &q.counterparts, out, |d, i| {
                found
                    .document(d)
                    .and_then(|x| x.quotes.get(i))
                    .map(|q| q.span)
            })?;
        }
        if !x.claims.is_empty() {
            writeln!(out, "\nClaims")?;
        }
        for c in &x.claims {
            let source = c.source.as_ref().map_or("-".to_string(), speaker_label);
            let cues: Vec<String> = c
                .cues
                .iter()
                .map(|k| {
                    let kind = match k.kind {
                        CueKind::Attribution => "",
                        CueKind::Figure => "#",
                        CueKind::Hedge => "~",
                    };
                    format!("{kind}{}", one_line(doc.slice(k.span)))
                })
                .collect();
            writeln!(
                out,
                "  {} — source: {source} [{}]",
                one_line(doc.slice(c.span)),
                cues.join(", ")
            )?;
            counterparts(corpus, doc, &c.counterparts, out, |d, i| {
                found
                    .document(d)
                    .and_then(|x| x.claims.get(i))
                    .map(|c| c.span)
            })?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Counterparts whose wording differs, one line each, so drift stands out.
/// Each with its evidence: the figures that differ (ours → theirs, with their kind).
fn counterparts(
    corpus: &Corpus,
    ours: &Document,
    list: &[Counterpart],
    out: &mut dyn Write,
    span_of: impl Fn(DocId, usize) -> Option<Span>,
) -> io::Result<()> {
    for c in list.iter().filter(|c| c.wording != Wording::Same) {
        let Some((doc, span)) = corpus.get(c.doc).zip(span_of(c.doc, c.index)) else {
            continue;
        };
        writeln!(
            out,
            "      {} in {}: {}",
            wording(c.wording),
            origin(corpus, c.doc),
            one_line(doc.slice(span))
        )?;
        let quoted = |d: &Document, s: Option<Span>| {
            s.map_or("—".to_string(), |s| format!("“{}”", one_line(d.slice(s))))
        };
        for f in &c.figures {
            writeln!(
                out,
                "        figure {} ({}): {} → {}",
                f.change(),
                f.kind.name(),
                quoted(ours, f.ours),
                quoted(doc, f.theirs)
            )?;
        }
    }
    Ok(())
}

fn speaker_label(a: &Attribution) -> String {
    match a.via {
        Via::Explicit => a.name.clone(),
        Via::Pronoun => format!("{} (pronoun)", a.name),
        Via::Inherited => format!("{} (continued)", a.name),
    }
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    end: u32,
    start: u32,
    text: &'a str,
}

fn json_span(doc: &Document, span: Span) -> JsonSpan<'_> {
    JsonSpan {
        start: span.start,
        end: span.end,
        text: doc.slice(span),
    }
}

/// `[start, end]`, or null where one side has no figure.
type ByteRange = Option<[u32; 2]>;

#[derive(Serialize)]
struct JsonCounterpart<'a> {
    /// Pairs of changed figures (the same kind of quantity) as byte ranges, ours then theirs.
    changed_figures: Vec<(ByteRange, ByteRange)>,
    doc: u32,
    /// Every differing figure: its kind, "changed" / "missing" / "added", and both sides.
    figures: Vec<JsonFigure<'a>>,
    index: usize,
    similarity: f32,
    wording: &'static str,
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    change: &'static str,
    kind: &'static str,
    ours: Option<JsonSpan<'a>>,
    theirs: Option<JsonSpan<'a>>,
}

fn json_counterparts<'a>(
    corpus: &'a Corpus,
    ours: &'a Document,
    list: &[Counterpart],
) -> Vec<JsonCounterpart<'a>> {
    let pair = |s: Option<Span>| s.map(|s| [s.start, s.end]);
    list.iter()
        .map(|c| JsonCounterpart {
            doc: c.doc.0,
            index: c.index,
            similarity: (c.similarity * 1000.0).round() / 1000.0,
            wording: match c.wording {
                Wording::Same => "same",
                Wording::Reworded => "reworded",
                Wording::FigureChanged => "figure_changed",
            },
            changed_figures: c
                .changed_figures
                .iter()
                .map(|(a, b)| (pair(*a), pair(*b)))
                .collect(),
            figures: c
                .figures
                .iter()
                .map(|f| JsonFigure {
                    kind: f.kind.name(),
                    change: f.change(),
                    ours: f.ours.map(|s| json_span(ours, s)),
                    theirs: f
                        .theirs
                        .zip(corpus.get(c.doc))
                        .map(|(s, d)| json_span(d, s)),
                })
                .collect(),
        })
        .collect()
}

fn via(v: Via) -> &'static str {
    match v {
        Via::Explicit => "explicit",
        Via::Pronoun => "pronoun",
        Via::Inherited => "inherited",
    }
}

// Typed and borrowed, so a 5 MB document's JSON is written as it is walked instead of first
// being built as a tree of values (which took six times the memory of the extraction). Fields
// are in alphabetical order: the order the output has always had.

#[derive(Serialize)]
struct JsonQuote<'a> {
    counterparts: Vec<JsonCounterpart<'a>>,
    end: u32,
    outer: [u32; 2],
    scare: bool,
    sentence: usize,
    speaker: Option<&'a str>,
    speaker_entity: Option<u32>,
    speaker_span: Option<JsonSpan<'a>>,
    speaker_via: Option<&'static str>,
    start: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonDocEntity<'a> {
    class: &'static str,
    id: u32,
    mentions: Vec<JsonSpan<'a>>,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonCue<'a> {
    end: u32,
    kind: &'static str,
    start: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    counterparts: Vec<JsonCounterpart<'a>>,
    cues: Vec<JsonCue<'a>>,
    end: u32,
    sentence: usize,
    source: Option<&'a str>,
    source_entity: Option<u32>,
    start: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    claims: Vec<JsonClaim<'a>>,
    entities: Vec<JsonDocEntity<'a>>,
    id: u32,
    path: String,
    quotes: Vec<JsonQuote<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct JsonMention {
    doc: u32,
    end: u32,
    start: u32,
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    class: &'static str,
    id: u32,
    mentions: Vec<JsonMention>,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    documents: Vec<JsonDoc<'a>>,
    entities: Vec<JsonEntity<'a>>,
}

fn json_doc<'a>(
    corpus: &'a Corpus,
    doc: &'a Document,
    x: &'a DocExtraction,
    found: &'a Extraction,
) -> JsonDoc<'a> {
    let quotes = x
        .quotes
        .iter()
        .map(|q| JsonQuote {
            counterparts: json_counterparts(corpus, doc, &q.counterparts),
            end: q.span.end,
            outer: [q.outer.start, q.outer.end],
            scare: q.scare,
            sentence: q.sentence,
            speaker: q.speaker.as_ref().map(|s| s.name.as_str()),
            speaker_entity: q.speaker.as_ref().and_then(|s| s.entity).map(|e| e.0),
            speaker_span: q.speaker.as_ref().map(|s| json_span(doc, s.span)),
            speaker_via: q.speaker.as_ref().map(|s| via(s.via)),
            start: q.span.start,
            text: doc.slice(q.span),
        })
        .collect();
    let entities = entities_of(x)
        .into_iter()
        .filter_map(|(id, spans)| {
            let e = found.entity(id)?;
            Some(JsonDocEntity {
                class: e.class.name(),
                id: id.0,
                mentions: spans.iter().map(|s| json_span(doc, *s)).collect(),
                name: &e.name,
            })
        })
        .collect();
    let claims = x
        .claims
        .iter()
        .map(|c| JsonClaim {
            counterparts: json_counterparts(corpus, doc, &c.counterparts),
            cues: c
                .cues
                .iter()
                .map(|k| JsonCue {
                    end: k.span.end,
                    kind: match k.kind {
                        CueKind::Attribution => "attribution",
                        CueKind::Figure => "figure",
                        CueKind::Hedge => "hedge",
                    },
                    start: k.span.start,
                    text: doc.slice(k.span),
                })
                .collect(),
            end: c.span.end,
            sentence: c.sentence,
            source: c.source.as_ref().map(|s| s.name.as_str()),
            source_entity: c.source.as_ref().and_then(|s| s.entity).map(|e| e.0),
            start: c.span.start,
            text: doc.slice(c.span),
        })
        .collect();
    JsonDoc {
        claims,
        entities,
        id: doc.id.0,
        path: doc.origin.to_string(),
        quotes,
        warnings: &x.warnings,
    }
}

pub fn json(corpus: &Corpus, found: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    let documents = corpus
        .documents
        .iter()
        .zip(&found.documents)
        .map(|(doc, x)| json_doc(corpus, doc, x, found))
        .collect();
    let entities = found
        .entities
        .iter()
        .map(|e| JsonEntity {
            class: e.class.name(),
            id: e.id.0,
            mentions: e
                .mentions
                .iter()
                .map(|m| JsonMention {
                    doc: m.doc.0,
                    end: m.span.end,
                    start: m.span.start,
                })
                .collect(),
            name: &e.name,
        })
        .collect();
    let mut w = io::BufWriter::new(&mut *out);
    serde_json::to_writer_pretty(
        &mut w,
        &JsonOut {
            documents,
            entities,
        },
    )?;
    writeln!(w)?;
    w.flush()
}
