//! Segmenting several texts at once. Versions of one story share most of their paragraphs, so
//! every distinct paragraph text is tokenized once however often it occurs, with the work spread
//! over the cores; then each document is assembled in order and its terms interned in the corpus
//! vocabulary in order of first use — the same ids as segmenting one document after another.

use std::hash::BuildHasher;
use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::lexer::Lexer;
use super::load::Loaded;
use super::segment::{find_title, paragraphs, sentence_ranges};
use super::{
    DocId, Document, Format, Paragraph, Sentence, Span, TermId, Token, Vocab, boilerplate,
};
use crate::parallel;

/// Below this many bytes of text in all, segmenting runs on one thread: starting threads costs
/// more than it saves.
pub(super) const PARALLEL_BYTES: usize = 256 * 1024;

/// A paragraph text, to be tokenized once.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Unit<'t> {
    text: &'t str,
    format: Format,
}

/// The tokens and sentence cuts of a run of units, with spans relative to each unit's start and
/// terms in a vocabulary of the run's own (so that runs can be lexed in parallel).
struct Lexed {
    vocab: Vocab,
    tokens: Vec<Token>,
    /// Token ranges, relative to the unit's first token.
    sentences: Vec<Range<u32>>,
    /// Per unit, where its tokens and sentences start; one more entry closes the last.
    starts: Vec<(u32, u32)>,
}

fn lex(units: &[Unit]) -> Lexed {
    let bytes: usize = units.iter().map(|u| u.text.len()).sum();
    let mut lexer = Lexer::for_bytes(bytes);
    // About one token per five bytes of news prose; reserving spares the copies of growing.
    let mut tokens = Vec::with_capacity(bytes / 5);
    let mut sentences = Vec::with_capacity(bytes / 100);
    let mut starts = Vec::with_capacity(units.len() + 1);
    for unit in units {
        starts.push((tokens.len() as u32, sentences.len() as u32));
        let first = tokens.len();
        lexer.tokenize(unit.text, unit.format, &mut tokens);
        sentences.extend(
            sentence_ranges(unit.text, &tokens[first..])
                .into_iter()
                .map(|r| r.start as u32..r.end as u32),
        );
    }
    starts.push((tokens.len() as u32, sentences.len() as u32));
    Lexed {
        vocab: lexer.vocab,
        tokens,
        sentences,
        starts,
    }
}

/// Segment loaded texts into documents numbered from `first`, interning their tokens in `vocab`.
pub fn build(first: DocId, loaded: Vec<Loaded>, vocab: &mut Vocab) -> Vec<Document> {
    let bytes: usize = loaded.iter().map(|l| l.text.len()).sum();
    let parallel = bytes >= PARALLEL_BYTES;
    let laid: Vec<Vec<(Span, u64)>> = parallel::map(&loaded, parallel, |l| {
        paragraphs(&l.text, l.format)
            .into_iter()
            .map(|s| (s, FxBuildHasher.hash_one(&l.text[s.range()])))
            .collect()
    });
    let (units, unit_of) = distinct_units(&loaded, &laid);
    let groups = split(&units, if parallel { parallel::threads() } else { 1 });
    let mut lexed = parallel::map(&groups, parallel, |r| lex(&units[r.clone()]));
    let mut place: Vec<Place> = Vec::with_capacity(units.len());
    for (run, r) in groups.iter().enumerate() {
        place.extend(r.clone().map(|u| Place {
            run,
            unit: u - r.start,
        }));
    }
    let maps = corpus_ids(&mut lexed, vocab);
    let assembler = Assembler {
        lexed: &lexed,
        maps: &maps,
    };
    let jobs: Vec<_> = loaded
        .into_iter()
        .zip(laid)
        .zip(unit_of)
        .enumerate()
        .map(|(k, ((l, laid), units))| {
            let spans: Vec<Span> = laid.into_iter().map(|(s, _)| s).collect();
            let places: Vec<Place> = units.into_iter().map(|u| place[u as usize]).collect();
            (DocId(first.0 + k as u32), l, spans, places)
        })
        .collect();
    parallel::map_owned(jobs, parallel, |(id, l, spans, places)| {
        assembler.document(id, l, spans, &places)
    })
}

/// The distinct paragraph texts of all documents, and for each document which one each of its
/// paragraphs is. A hash shared by different texts only costs tokenizing the later one again.
fn distinct_units<'t>(
    loaded: &'t [Loaded],
    laid: &[Vec<(Span, u64)>],
) -> (Vec<Unit<'t>>, Vec<Vec<u32>>) {
    let mut units: Vec<Unit> = Vec::new();
    let paragraphs = laid.iter().map(Vec::len).sum();
    let mut index: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(paragraphs, Default::default());
    let unit_of = loaded
        .iter()
        .zip(laid)
        .map(|(l, paras)| {
            paras
                .iter()
                .map(|&(span, hash)| {
                    let unit = Unit {
                        text: &l.text[span.range()],
                        format: l.format,
                    };
                    let next = units.len() as u32;
                    match index.get(&hash) {
                        Some(&u) if units[u as usize] == unit => return u,
                        Some(_) => {}
                        None => {
                            index.insert(hash, next);
                        }
                    }
                    units.push(unit);
                    next
                })
                .collect()
        })
        .collect();
    (units, unit_of)
}

/// Where a unit was lexed: which run, and its index within the run.
#[derive(Clone, Copy)]
struct Place {
    run: usize,
    unit: usize,
}

/// Per run, the corpus id of each of its local terms, interned in the order the documents first
/// use them. Units are numbered by first occurrence and runs hold consecutive units, each
/// numbering its terms by first use, so that order is simply run after run, term after term.
/// Into an empty vocabulary, the first run's is taken whole.
fn corpus_ids(lexed: &mut [Lexed], vocab: &mut Vocab) -> Vec<Vec<TermId>> {
    let mut maps = Vec::with_capacity(lexed.len());
    for (run, l) in lexed.iter_mut().enumerate() {
        if run == 0 && vocab.is_empty() {
            maps.push((0..l.vocab.len() as u32).map(TermId).collect());
            *vocab = std::mem::take(&mut l.vocab);
            continue;
        }
        vocab.reserve(l.vocab.len());
        maps.push(
            (0..l.vocab.len() as u32)
                .map(|i| vocab.intern_normal(l.vocab.term(TermId(i))))
                .collect(),
        );
    }
    maps
}

/// Contiguous runs of units of about equal bytes, one per thread.
fn split(units: &[Unit], threads: usize) -> Vec<Range<usize>> {
    let total: usize = units.iter().map(|u| u.text.len()).sum();
    let share = total.div_ceil(threads.max(1)).max(1);
    let mut out = Vec::with_capacity(threads);
    let (mut start, mut bytes) = (0, 0);
    for (i, unit) in units.iter().enumerate() {
        bytes += unit.text.len();
        if bytes >= share && out.len() + 1 < threads {
            out.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < units.len() || out.is_empty() {
        out.push(start..units.len());
    }
    out
}

/// Builds documents from lexed units, translating each run's local term ids to corpus ids.
struct Assembler<'a> {
    lexed: &'a [Lexed],
    /// Per run, the corpus id of each local term.
    maps: &'a [Vec<TermId>],
}

impl Assembler<'_> {
    /// `places[i]` is where paragraph `spans[i]` was lexed.
    fn document(&self, id: DocId, loaded: Loaded, spans: Vec<Span>, places: &[Place]) -> Document {
        let text = loaded.text;
        let estimate: usize = places
            .iter()
            .map(|p| {
                let starts = &self.lexed[p.run].starts;
                (starts[p.unit + 1].0 - starts[p.unit].0) as usize
            })
            .sum();
        let mut tokens: Vec<Token> = Vec::with_capacity(estimate);
        let mut sentences = Vec::new();
        // Each paragraph's tokens, and their summary for the boilerplate check.
        let mut owned: Vec<(Range<usize>, boilerplate::Summary)> = Vec::with_capacity(spans.len());
        for (index, (&span, place)) in spans.iter().zip(places).enumerate() {
            let (lexed, map) = (&self.lexed[place.run], &self.maps[place.run]);
            let (t0, s0) = lexed.starts[place.unit];
            let (t1, s1) = lexed.starts[place.unit + 1];
            let first = tokens.len();
            let mut summary = boilerplate::Summary::default();
            tokens.extend(lexed.tokens[t0 as usize..t1 as usize].iter().map(|t| {
                let token = Token {
                    span: Span {
                        start: span.start + t.span.start,
                        end: span.start + t.span.end,
                    },
                    kind: t.kind,
                    term: map[t.term.0 as usize],
                };
                summary.add(&token);
                token
            }));
            for r in &lexed.sentences[s0 as usize..s1 as usize] {
                let (from, to) = (first + r.start as usize, first + r.end as usize);
                sentences.push(Sentence {
                    span: Span {
                        start: tokens[from].span.start,
                        end: tokens[to - 1].span.end,
                    },
                    paragraph: index as u32,
                    tokens: from as u32..to as u32,
                    boilerplate: false,
                });
            }
            owned.push((first..tokens.len(), summary));
        }
        let flags = boilerplate::flags(
            spans
                .iter()
                .zip(&owned)
                .map(|(s, (r, summary))| (&text[s.range()], &tokens[r.clone()], *summary)),
        );
        let paragraphs: Vec<Paragraph> = spans
            .iter()
            .zip(flags)
            .map(|(&span, boilerplate)| Paragraph { span, boilerplate })
            .collect();
        for s in &mut sentences {
            s.boilerplate = paragraphs[s.paragraph as usize].boilerplate;
        }
        let title = loaded
            .title
            .unwrap_or_else(|| find_title(&text, &paragraphs, loaded.format));
        Document {
            id,
            title,
            origin: loaded.origin,
            format: loaded.format,
            text,
            warnings: loaded.warnings,
            paragraphs,
            sentences,
            tokens,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_by_bytes() {
        let unit = |text| Unit {
            text,
            format: Format::Text,
        };
        let units = [unit("aaaa"), unit("bb"), unit("cc"), unit("dddd")];
        assert_eq!(split(&units, 2), vec![0..2, 2..4]);
        assert_eq!(split(&units, 1), vec![0..4]);
        assert_eq!(split(&units[..1], 4), vec![0..1]);
        assert_eq!(split(&[], 2), vec![0..0]);
    }
}
