//! Corpus generator for the benchmark: learns word transitions from real prose (the bundled
//! samples, plus `../shared/seeds` when present) and writes an original of a given size, a light
//! edit of it (~3% of words edited, ~2% of sentences moved) and a heavy rewrite (~30% of words
//! changed, paragraphs shuffled). Names and numbers are varied so that no paragraph repeats —
//! a repeated paragraph would be flagged as boilerplate and never link.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use parallax::document::{Corpus, LoadOptions, Source};

/// splitmix64: small, seedable, good enough to make text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 + f64::EPSILON < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Word transitions of the training prose, first and second order.
pub struct Model {
    second: HashMap<(String, String), Vec<String>>,
    first: HashMap<String, Vec<String>>,
    words: Vec<String>,
}

const START: &str = "\u{2}";
const END: &str = "\u{3}";

impl Model {
    pub fn train(sentences: &[String]) -> Model {
        let mut second: HashMap<(String, String), Vec<String>> = HashMap::new();
        let mut first: HashMap<String, Vec<String>> = HashMap::new();
        let mut words = Vec::new();
        for s in sentences {
            let mut seq = vec![START.to_string(), START.to_string()];
            seq.extend(s.split_whitespace().map(str::to_string));
            seq.push(END.to_string());
            for w in seq.windows(3) {
                second
                    .entry((w[0].clone(), w[1].clone()))
                    .or_default()
                    .push(w[2].clone());
                first.entry(w[1].clone()).or_default().push(w[2].clone());
            }
            words.extend(
                s.split_whitespace()
                    .filter(|w| w.chars().all(char::is_lowercase))
                    .map(str::to_string),
            );
        }
        Model {
            second,
            first,
            words,
        }
    }

    fn sentence(&self, rng: &mut Rng, names: &Names) -> String {
        let (mut p, mut q) = (START.to_string(), START.to_string());
        let mut out: Vec<String> = Vec::new();
        while out.len() < 45 {
            // Mostly second order (readable), sometimes first order (so the text wanders).
            let options = if rng.chance(0.7) || p == START {
                self.second.get(&(p.clone(), q.clone()))
            } else {
                self.first.get(&q)
            };
            let Some(next) = options.and_then(|o| rng.pick(o)) else {
                break;
            };
            if next == END {
                break;
            }
            out.push(vary(next, rng, names, !out.is_empty()));
            p = std::mem::replace(&mut q, next.clone());
        }
        let mut s = out.join(" ");
        if !s.ends_with(['.', '?', '!', '"', '”']) {
            s.push('.');
        }
        s
    }

    pub fn word(&self, rng: &mut Rng) -> &str {
        rng.pick(&self.words).map_or("the", String::as_str)
    }
}

/// A large pool of invented names, so the text has rare words as real news does.
pub struct Names(Vec<String>);

impl Names {
    pub fn new(rng: &mut Rng, count: usize) -> Names {
        const SYL: [&str; 24] = [
            "ka", "ro", "mi", "tel", "van", "dor", "su", "len", "bri", "os", "na", "gar", "li",
            "vek", "tam", "zu", "er", "hol", "quin", "sa", "mar", "do", "rik", "ule",
        ];
        let names = (0..count)
            .map(|_| {
                let n = 2 + rng.below(2);
                let raw: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
                let mut c = raw.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect();
        Names(names)
    }
}

/// Numbers become fresh numbers; capitalised words inside a sentence often become other names.
fn vary(word: &str, rng: &mut Rng, names: &Names, inside: bool) -> String {
    let core: String = word.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = &word[core.len()..];
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        return format!("{}{rest}", rng.below(10_000));
    }
    if inside
        && core.chars().next().is_some_and(char::is_uppercase)
        && core.len() > 2
        && rng.chance(0.5)
        && let Some(name) = rng.pick(&names.0)
    {
        return format!("{name}{rest}");
    }
    word.to_string()
}

/// A generated document: paragraphs of sentences, each sentence tagged with its origin.
pub struct Doc {
    pub paragraphs: Vec<Vec<(String, Option<usize>)>>,
}

impl Doc {
    pub fn text(&self) -> String {
        let paras: Vec<String> = self
            .paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        paras.join("\n\n") + "\n"
    }

    pub fn words(&self) -> usize {
        self.paragraphs
            .iter()
            .flatten()
            .map(|(s, _)| s.split_whitespace().count())
            .sum()
    }
}

/// An original of about `bytes` bytes; sentence ids count from 0 in reading order.
pub fn original(model: &Model, names: &Names, rng: &mut Rng, bytes: usize) -> Doc {
    let mut seen = HashSet::new();
    let mut size = 0;
    let mut id = 0;
    let mut paragraphs = Vec::new();
    while size < bytes {
        let mut para = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let s = model.sentence(rng, names);
            if s.split_whitespace().count() < 5 || !seen.insert(s.clone()) {
                continue;
            }
            size += s.len() + 1;
            para.push((s, Some(id)));
            id += 1;
        }
        if !para.is_empty() {
            paragraphs.push(para);
        }
    }
    Doc { paragraphs }
}

/// Change about `rate` of a sentence's words: replace, drop or insert.
fn edit_words(s: &str, rate: f64, model: &Model, rng: &mut Rng) -> (String, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut edits = 0;
    let words: Vec<&str> = s.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        if last || !rng.chance(rate) {
            out.push(w.to_string());
            continue;
        }
        edits += 1;
        match rng.below(4) {
            0 => {}
            1 => {
                out.push(model.word(rng).to_string());
                out.push(w.to_string());
            }
            _ => out.push(model.word(rng).to_string()),
        }
    }
    (out.join(" "), edits)
}

/// ~3% of words edited (in about a quarter of the sentences) and ~2% of sentences moved.
pub fn light(doc: &Doc, model: &Model, rng: &mut Rng) -> Doc {
    let mut paragraphs: Vec<Vec<(String, Option<usize>)>> = doc
        .paragraphs
        .iter()
        .map(|p| {
            p.iter()
                .map(|(s, id)| {
                    if rng.chance(0.25) {
                        let n = s.split_whitespace().count().max(1) as f64;
                        (edit_words(s, (2.5 / n).min(0.5), model, rng).0, *id)
                    } else {
                        (s.clone(), *id)
                    }
                })
                .collect()
        })
        .collect();
    let total: usize = paragraphs.iter().map(Vec::len).sum();
    for _ in 0..total / 50 {
        let from = rng.below(paragraphs.len());
        let Some(para) = paragraphs.get_mut(from) else {
            continue;
        };
        if para.len() < 2 {
            continue; // keep paragraphs non-empty so none vanishes
        }
        let sentence = para.remove(rng.below(para.len()));
        let to = rng.below(paragraphs.len());
        if let Some(target) = paragraphs.get_mut(to) {
            let at = rng.below(target.len() + 1);
            target.insert(at, sentence);
        }
    }
    Doc { paragraphs }
}

/// ~30% of words changed, some sentences dropped or added, every paragraph shuffled.
pub fn heavy(doc: &Doc, model: &Model, names: &Names, rng: &mut Rng) -> Doc {
    let mut paragraphs: Vec<Vec<(String, Option<usize>)>> = Vec::new();
    for p in &doc.paragraphs {
        let mut para = Vec::new();
        for (s, id) in p {
            if rng.chance(0.05) {
                continue;
            }
            para.push((edit_words(s, 0.3, model, rng).0, *id));
            if rng.chance(0.05) {
                para.push((model.sentence(rng, names), None));
            }
        }
        paragraphs.push(para);
    }
    for i in (1..paragraphs.len()).rev() {
        let j = rng.below(i + 1);
        paragraphs.swap(i, j);
    }
    Doc { paragraphs }
}

/// Share of words that differ between two generated documents (by a word diff of each kept
/// sentence against its original), for the table.
pub fn changed_share(original: &Doc, edited: &Doc) -> f64 {
    let by_id: HashMap<usize, &str> = original
        .paragraphs
        .iter()
        .flatten()
        .filter_map(|(s, id)| Some(((*id)?, s.as_str())))
        .collect();
    let mut changed = 0usize;
    for (s, id) in edited.paragraphs.iter().flatten() {
        let Some(orig) = id.and_then(|i| by_id.get(&i)) else {
            changed += s.split_whitespace().count();
            continue;
        };
        let a: Vec<&str> = orig.split_whitespace().collect();
        let b: Vec<&str> = s.split_whitespace().collect();
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
        changed += ops
            .iter()
            .filter(|op| op.tag() != similar::DiffTag::Equal)
            .map(|op| op.old_range().len().max(op.new_range().len()))
            .sum::<usize>();
    }
    changed as f64 / original.words().max(1) as f64
}

/// The sentences the generator learns from: our samples, plus `../shared/seeds` when present.
pub fn training_sentences(root: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = ["1-wire.txt", "2-rewrite.txt", "3-roundtrip.txt"]
        .iter()
        .map(|f| root.join("assets/samples").join(f))
        .collect();
    if let Ok(seeds) = fs::read_dir(root.join("../shared/seeds")) {
        files.extend(
            seeds
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    files.sort();
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source::from_arg(&f.to_string_lossy()))
        .collect();
    let corpus = Corpus::load(&sources, &LoadOptions::default()).expect("load training prose");
    corpus
        .documents
        .iter()
        .flat_map(|d| {
            d.sentences
                .iter()
                .filter(|s| !s.boilerplate)
                .map(|s| d.slice(s.span).to_string())
        })
        .collect()
}

/// Whether a size was asked for on the command line (`cargo bench --bench NAME -- 1m 5m`); every
/// size is when none is named.
pub fn wanted(size: &str) -> bool {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    named.is_empty() || named.iter().any(|w| w == size)
}
