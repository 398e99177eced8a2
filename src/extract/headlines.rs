//! Names in headlines written in capitals, where capitals say nothing: only lexicon names (in
//! any case), names the corpus already found in ordinary sentences, and a dateline's city.

use std::collections::HashMap;

use super::entities::{Raw, is_dateline, key_of};
use super::words::{self, span_of};
use crate::document::{Document, Span};
use crate::lexicon::{self, NameKind};

/// Record known names inside a sentence written in capitals or title case, where capitals
/// say nothing: lexicon names (any case) and names found elsewhere in the corpus.
pub fn shouting(
    doc: &Document,
    start: usize,
    end: usize,
    known: &HashMap<String, Span>,
    out: &mut Vec<Raw>,
) {
    let Some(span) = doc
        .tokens
        .get(start)
        .zip(doc.tokens.get(end.saturating_sub(1)))
        .map(|(a, b)| Span {
            start: a.span.start,
            end: b.span.end,
        })
    else {
        return;
    };
    let base = span.start as usize;
    let mut taken = vec![false; end - start];
    for m in lexicon::names().find(doc.slice(span), true) {
        if matches!(m.entry.kind, NameKind::Title(_)) {
            continue;
        }
        let first = words::token_at_or_after(doc, (base + m.start) as u32);
        let last = words::token_at_or_after(doc, (base + m.end) as u32).saturating_sub(1);
        if first < start || last >= end || last < first {
            continue;
        }
        for t in taken.iter_mut().take(last + 1 - start).skip(first - start) {
            *t = true;
        }
        out.push(Raw::known(doc, first, last, Some(m.entry)));
    }
    if end == start + 1 && is_dateline(doc, start) && !taken[0] {
        let mut raw = Raw::known(doc, start, start, None);
        raw.evidence.place += 3.0;
        out.push(raw);
        return;
    }
    let mut i = start;
    while i < end {
        let found = (i..end.min(i + 4)).rev().find(|&j| {
            (i..=j).all(|k| !taken[k - start] && words::is_word(doc, k))
                && known.contains_key(&key_of(doc.slice(span_of(doc, i, j))))
        });
        match found {
            Some(j) => {
                out.push(Raw::known(doc, i, j, None));
                i = j + 1;
            }
            None => i += 1,
        }
    }
}
