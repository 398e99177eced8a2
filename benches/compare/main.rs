//! Benchmark of the comparison engine and of the whole `parallax compare --stats A B` command
//! against `git diff --no-index --word-diff=porcelain A B`, on generated corpora of 5 KB, 100 KB,
//! 1 MB and 5 MB (see `generate.rs`), light edit and heavy rewrite. Prints a Markdown table of
//! medians, peak memory, and the link precision/recall against the generator's ground truth.
//!
//! `cargo bench --bench compare [-- SIZE…]` with SIZE among 5k, 100k, 1m, 5m (default: all).
//! The corpora are written to `benches/corpus/` (not committed) and can be reused by hand.

mod generate;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use generate::{Doc, Model, Names, Rng, training_sentences};
use parallax::compare::Comparison;
use parallax::document::{Corpus, LoadOptions, Source};

const SIZES: [(&str, usize, usize); 4] = [
    ("5k", 5_000, 15),
    ("100k", 100_000, 9),
    ("1m", 1_000_000, 7),
    ("5m", 5_000_000, 5),
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("benches/corpus");
    fs::create_dir_all(&dir).expect("create benches/corpus");
    let model = Model::train(&training_sentences(root));
    let parallax = env!("CARGO_BIN_EXE_parallax");

    println!(
        "| size | kind | words changed | load | compare | `parallax compare --stats` | git word-diff | ratio | peak RSS | links P / R | reported changed |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for &(name, bytes, runs) in SIZES.iter().filter(|s| generate::wanted(s.0)) {
        let mut rng = Rng::new(bytes as u64);
        let names = Names::new(&mut rng, 20_000);
        let base = generate::original(&model, &names, &mut rng, bytes);
        let variants = [
            ("light", generate::light(&base, &model, &mut rng)),
            ("heavy", generate::heavy(&base, &model, &names, &mut rng)),
        ];
        let base_path = dir.join(format!("{name}-original.txt"));
        fs::write(&base_path, base.text()).expect("write corpus");
        for (kind, doc) in &variants {
            let path = dir.join(format!("{name}-{kind}.txt"));
            fs::write(&path, doc.text()).expect("write corpus");
            let loading = median(runs, || {
                let t = Instant::now();
                std::hint::black_box(load(&base_path, &path).documents.len());
                t.elapsed()
            });
            let corpus = load(&base_path, &path);
            let engine = median(runs, || {
                let t = Instant::now();
                std::hint::black_box(Comparison::build(&corpus).alignments().len());
                t.elapsed()
            });
            // Whole processes vary most from run to run: three times the runs.
            let (ours, git) = paired_medians(
                3 * runs,
                || time_command(parallax, &["compare", "--stats"], &base_path, &path),
                || {
                    time_command(
                        "git",
                        &["diff", "--no-index", "--word-diff=porcelain"],
                        &base_path,
                        &path,
                    )
                },
            );
            let (precision, recall, unshared) = quality(&base, doc, &base_path, &path);
            let share = generate::changed_share(&base, doc);
            println!(
                "| {name} | {kind} | {:.1}% | {} | {} | {} | {} | {:.2} | {} | {:.3} / {:.3} | {:.2}× |",
                share * 100.0,
                ms(loading),
                ms(engine),
                ms(ours),
                ms(git),
                ours.as_secs_f64() / git.as_secs_f64().max(1e-9),
                peak_rss(parallax, &base_path, &path),
                precision,
                recall,
                unshared as f64 / (share * base.words() as f64).max(1.0)
            );
        }
    }
}

fn load(a: &Path, b: &Path) -> Corpus {
    let sources = [a, b].map(|p| Source::from_arg(&p.to_string_lossy()));
    Corpus::load(&sources, &LoadOptions::default()).expect("load corpus")
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    middle((0..runs).map(|_| f()).collect())
}

/// Medians of two commands timed in turn, the order flipped every round, after one warm-up run
/// each: on a shared machine the load changes from second to second, and timing all runs of
/// one command before the other's would charge the change to one of them.
fn paired_medians(
    runs: usize,
    mut first: impl FnMut() -> Duration,
    mut second: impl FnMut() -> Duration,
) -> (Duration, Duration) {
    first();
    second();
    let (mut x, mut y) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for round in 0..runs {
        if round % 2 == 0 {
            x.push(first());
            y.push(second());
        } else {
            y.push(second());
            x.push(first());
        }
    }
    (middle(x), middle(y))
}

fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time_command(program: &str, args: &[&str], a: &Path, b: &Path) -> Duration {
    let t = Instant::now();
    Command::new(program)
        .args(args)
        .arg(a)
        .arg(b)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run command");
    t.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Peak resident memory of `parallax compare --stats`, via GNU time when installed.
fn peak_rss(parallax: &str, a: &Path, b: &Path) -> String {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", parallax, "compare", "--stats"])
        .arg(a)
        .arg(b)
        .stdout(Stdio::null())
        .output();
    match out {
        Ok(o) => String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<f64>().ok())
            .map_or("n/a".into(), |kb| format!("{:.0} MB", kb / 1024.0)),
        Err(_) => "n/a".into(),
    }
}

/// Precision and recall of the sentence pairs the links cover, against the generator's record
/// of which original sentence each edited one came from (sentences the segmenter cut
/// differently from the generator are left out of both counts), and the words of the edited
/// version reported changed (not shared with the original): the last column shows them as a
/// multiple of the generator's move-aware count of changed words.
fn quality(base: &Doc, edited: &Doc, a: &Path, b: &Path) -> (f64, f64, u32) {
    let corpus = load(a, b);
    let cmp = Comparison::build(&corpus);
    let index = |d: usize| -> HashMap<&str, usize> {
        let doc = &corpus.documents[d];
        doc.sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (doc.slice(s.span), i))
            .collect()
    };
    let (ia, ib) = (index(0), index(1));
    let by_id: HashMap<usize, &str> = base
        .paragraphs
        .iter()
        .flatten()
        .filter_map(|(s, id)| Some(((*id)?, s.as_str())))
        .collect();
    let mut truth = HashSet::new();
    let mut known_b = HashSet::new();
    for (s, id) in edited.paragraphs.iter().flatten() {
        let Some(&j) = ib.get(s.as_str()) else {
            continue;
        };
        known_b.insert(j);
        if let Some(&i) = id.and_then(|id| by_id.get(&id)).and_then(|t| ia.get(t)) {
            truth.insert((i, j));
        }
    }
    let known_a: HashSet<usize> = ia.values().copied().collect();
    let mut predicted = HashSet::new();
    for link in &cmp.alignments()[0].links {
        for i in link.a.range().filter(|i| known_a.contains(i)) {
            for j in link.b.range().filter(|j| known_b.contains(j)) {
                predicted.insert((i, j));
            }
        }
    }
    let hit = predicted.intersection(&truth).count() as f64;
    let side = &cmp.alignments()[0].stats.b;
    (
        hit / predicted.len().max(1) as f64,
        hit / truth.len().max(1) as f64,
        side.words - side.shared_words,
    )
}
