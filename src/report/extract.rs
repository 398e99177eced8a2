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
    start: u32,
    end: u32,
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
    doc: u32,
    index: usize,
    similarity: f32,
    wording: &'static str,
    /// Pairs of changed figures (the same kind of quantity) as byte ranges, ours then theirs.
    changed_figures: Vec<(ByteRange, ByteRange)>,
    /// Every differing figure: its kind, "changed" / "missing" / "added", and both sides.
    figures: Vec<JsonFigure<'a>>,
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    kind: &'static str,
    change: &'static str,
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

fn json_doc(
    corpus: &Corpus,
    doc: &Document,
    x: &DocExtraction,
    found: &Extraction,
) -> serde_json::Value {
    let quotes: Vec<serde_json::Value> = x
        .quotes
        .iter()
        .map(|q| {
            serde_json::json!({
                "start": q.span.start,
                "end": q.span.end,
                "text": doc.slice(q.span),
                "speaker": q.speaker.as_ref().map(|s| s.name.as_str()),
                "scare": q.scare,
                "outer": [q.outer.start, q.outer.end],
                "sentence": q.sentence,
                "speaker_entity": q.speaker.as_ref().and_then(|s| s.entity).map(|e| e.0),
                "speaker_via": q.speaker.as_ref().map(|s| via(s.via)),
                "speaker_span": q.speaker.as_ref().map(|s| json_span(doc, s.span)),
                "counterparts": json_counterparts(corpus, doc, &q.counterparts),
            })
        })
        .collect();
    let entities: Vec<serde_json::Value> = entities_of(x)
        .into_iter()
        .filter_map(|(id, spans)| {
            let e = found.entity(id)?;
            let mentions: Vec<JsonSpan> = spans.iter().map(|s| json_span(doc, *s)).collect();
            Some(serde_json::json!({
                "name": e.name,
                "class": e.class.name(),
                "id": id.0,
                "mentions": mentions,
            }))
        })
        .collect();
    let claims: Vec<serde_json::Value> = x
        .claims
        .iter()
        .map(|c| {
            let cues: Vec<serde_json::Value> = c
                .cues
                .iter()
                .map(|k| {
                    serde_json::json!({
                        "kind": match k.kind {
                            CueKind::Attribution => "attribution",
                            CueKind::Figure => "figure",
                            CueKind::Hedge => "hedge",
                        },
                        "start": k.span.start,
                        "end": k.span.end,
                        "text": doc.slice(k.span),
                    })
                })
                .collect();
            serde_json::json!({
                "start": c.span.start,
                "end": c.span.end,
                "text": doc.slice(c.span),
                "source": c.source.as_ref().map(|s| s.name.as_str()),
                "sentence": c.sentence,
                "source_entity": c.source.as_ref().and_then(|s| s.entity).map(|e| e.0),
                "cues": cues,
                "counterparts": json_counterparts(corpus, doc, &c.counterparts),
            })
        })
        .collect();
    serde_json::json!({
        "id": doc.id.0,
        "path": doc.origin.to_string(),
        "warnings": x.warnings,
        "quotes": quotes,
        "entities": entities,
        "claims": claims,
    })
}

pub fn json(corpus: &Corpus, found: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    let documents: Vec<serde_json::Value> = corpus
        .documents
        .iter()
        .zip(&found.documents)
        .map(|(doc, x)| json_doc(corpus, doc, x, found))
        .collect();
    let index: Vec<serde_json::Value> = found
        .entities
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id.0,
                "name": e.name,
                "class": e.class.name(),
                "mentions": e.mentions.iter().map(|m| serde_json::json!({
                    "doc": m.doc.0, "start": m.span.start, "end": m.span.end,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &serde_json::json!({ "documents": documents, "entities": index }),
    )?;
    writeln!(out)
}
