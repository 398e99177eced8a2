//! The trained entity tagger: a greedy left-to-right averaged perceptron over hashed features
//! (`features.rs`), its weights and gazetteer embedded from `assets/tagger/ner.bin` (built by
//! `scripts/ner/train.py` from CoNLL-2003; format in `assets/tagger/README.md`) and read once.

mod features;
mod units;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub use units::{Unit, units};

use super::EntityClass;

/// BIO tags, in the asset's order.
const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Sentences longer than this are tagged in pieces: time and memory stay linear in the text.
const MAX_WORDS: usize = 400;

static ASSET: &[u8] = include_bytes!("../../../assets/tagger/ner.bin");

struct Model {
    mask: u64,
    /// `rows × TAGS.len()` signed weights, row-major.
    table: &'static [u8],
    gazetteer: FxHashMap<&'static str, &'static str>,
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

impl Model {
    fn parse(bytes: &'static [u8]) -> Option<Model> {
        if bytes.get(..8)? != b"PXNER1\0\0" {
            return None;
        }
        let bits = read_u32(bytes, 8)?;
        let tags = read_u32(bytes, 12)? as usize;
        let gaz_len = read_u32(bytes, 20)? as usize;
        if tags != TAGS.len() || !(8..=24).contains(&bits) {
            return None;
        }
        let gaz_end = 24usize.checked_add(gaz_len)?;
        let text = std::str::from_utf8(bytes.get(24..gaz_end)?).ok()?;
        let gazetteer = text.lines().filter_map(|l| l.split_once('\t')).collect();
        let table = bytes.get(gaz_end..gaz_end + (tags << bits))?;
        Some(Model {
            mask: (1u64 << bits) - 1,
            table,
            gazetteer,
        })
    }

    fn gazetteer(&self, word: &str) -> &'static str {
        self.gazetteer.get(word).copied().unwrap_or("-")
    }

    fn add_row(&self, row: usize, scores: &mut [i32; TAGS.len()]) {
        let at = row * TAGS.len();
        if let Some(w) = self.table.get(at..at + TAGS.len()) {
            for (s, &b) in scores.iter_mut().zip(w) {
                *s += i32::from(b as i8);
            }
        }
    }
}

fn model() -> Option<&'static Model> {
    static CELL: OnceLock<Option<Model>> = OnceLock::new();
    CELL.get_or_init(|| Model::parse(ASSET)).as_ref()
}

/// BIO: an `I-` tag only continues a span of its own type.
fn allowed(prev: usize, tag: usize) -> bool {
    let t = TAGS.get(tag).copied().unwrap_or("O");
    let p = TAGS.get(prev).copied().unwrap_or("O");
    !t.starts_with("I-") || p.get(2..) == t.get(2..)
}

/// The tag of every word of every sentence of one document (indices into the BIO tag list).
pub fn tag(sentences: &[Vec<&str>]) -> Vec<Vec<u8>> {
    let Some(m) = model() else {
        return sentences.iter().map(|s| vec![0; s.len()]).collect();
    };
    let seen = features::doc_case(sentences);
    let gaz = |w: &str| m.gazetteer(w);
    let mut rows = Vec::with_capacity(32);
    // The sum of a word's own features, kept per distinct word: most words of a text recur.
    let mut own: FxHashMap<&str, [i32; TAGS.len()]> = FxHashMap::default();
    let mut out = Vec::with_capacity(sentences.len());
    for words in sentences {
        let mut tags = Vec::with_capacity(words.len());
        for piece in words.chunks(MAX_WORDS) {
            let s = features::Sentence::new(piece);
            let (mut t1, mut t2, mut prev) = ("<s>", "<s>", 0usize);
            for i in 0..piece.len() {
                let word = piece.get(i).copied().unwrap_or("");
                let mut scores = match own.get(word) {
                    Some(&sum) => sum,
                    None => {
                        rows.clear();
                        s.word_rows(i, &gaz, m.mask, &mut rows);
                        let mut sum = [0i32; TAGS.len()];
                        for &r in &rows {
                            m.add_row(r, &mut sum);
                        }
                        own.insert(word, sum);
                        sum
                    }
                };
                rows.clear();
                s.context_rows(i, &gaz, &seen, m.mask, &mut rows);
                s.tag_rows(i, t1, t2, m.mask, &mut rows);
                for &r in &rows {
                    m.add_row(r, &mut scores);
                }
                let mut best = None;
                for (k, &sc) in scores.iter().enumerate() {
                    if allowed(prev, k) && best.is_none_or(|(_, b)| sc > b) {
                        best = Some((k, sc));
                    }
                }
                let k = best.map_or(0, |(k, _)| k);
                tags.push(k as u8);
                prev = k;
                t2 = t1;
                t1 = TAGS.get(k).copied().unwrap_or("O");
            }
        }
        out.push(tags);
    }
    out
}

/// The tag names, for tests and scripts.
pub fn tag_name(tag: u8) -> &'static str {
    TAGS.get(usize::from(tag)).copied().unwrap_or("O")
}

/// A name the tagger found: words `first..end` of a sentence, with its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub class: EntityClass,
}

/// The names in one sentence's tags; a stray `I-` opens a name.
pub fn names(tags: &[u8]) -> Vec<Found> {
    let class_of = |kind: &str| match kind {
        "PER" => EntityClass::Person,
        "ORG" => EntityClass::Organization,
        "LOC" => EntityClass::Place,
        _ => EntityClass::Other,
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let name = tag_name(t);
        let continues =
            name.starts_with("I-") && open.is_some_and(|(_, k)| k == name.get(2..).unwrap_or(""));
        if continues {
            continue;
        }
        if let Some((first, k)) = open.take() {
            out.push(Found {
                first,
                end: i,
                class: class_of(k),
            });
        }
        if name != "O" {
            open = Some((i, name.get(2..).unwrap_or("")));
        }
    }
    if let Some((first, k)) = open {
        out.push(Found {
            first,
            end: tags.len(),
            class: class_of(k),
        });
    }
    out
}

#[cfg(test)]
mod parity;
