//! Benchmark of the reader: time to the first frame (load, segment, draw the text before any
//! analysis), time until the marks appear (the analysis the worker thread runs), and the cost of
//! each keypress (update + draw) at 5 KB, 1 MB and 5 MB, on generated versions of a story.
//!
//! `cargo bench --bench reader [-- SIZE…]` with SIZE among 5k, 1m, 5m (default: all).

// The corpus generator is shared with the compare bench; this one needs only part of it.
#[path = "../compare/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use generate::{Model, Names, Rng, training_sentences};
use parallax::config;
use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Origin};
use parallax::tui::{Depth, Screen, Setup};

const SIZES: &[(&str, usize)] = &[("5k", 5_000), ("1m", 1_000_000), ("5m", 5_000_000)];
/// Keys timed one press at a time, each followed by a frame, as in the reader.
const KEYS: &[(&str, usize)] = &[
    ("j", 40),
    ("<C-d>", 20),
    ("]c", 20),
    ("]q", 20),
    ("o", 10),
    ("*", 10),
    ("G", 5),
    ("gg", 5),
    ("t", 4),
    ("p", 4),
    // With the side panel open and focused: moving its selection redraws the list.
    ("p", 1),
    ("j", 20),
    ("p", 1),
];
const SIZE: (u16, u16) = (160, 45);

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = Model::train(&training_sentences(root));
    let config = config::from_str("", "(defaults)").expect("shipped config");

    println!(
        "| size | first frame | analysis (marks appear) | keypress median | keypress max | slowest key |"
    );
    println!("|---|---|---|---|---|---|");
    for &(name, bytes) in SIZES.iter().filter(|s| generate::wanted(s.0)) {
        let mut rng = Rng::new(bytes as u64);
        let names = Names::new(&mut rng, 20_000);
        let base = generate::original(&model, &names, &mut rng, bytes);
        let light = generate::light(&base, &model, &mut rng);
        let texts = [base.text(), light.text()];

        let runs = if bytes > 1_000_000 { 3 } else { 7 };
        let first = median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    let mut screen = Screen::new(Arc::new(corpus(&texts)), setup(&config), SIZE);
                    screen.draw();
                    t.elapsed()
                })
                .collect(),
        );

        let mut screen = Screen::new(Arc::new(corpus(&texts)), setup(&config), SIZE);
        let t = Instant::now();
        screen.analyse();
        let analysis = t.elapsed();
        screen.draw();

        let mut times: Vec<(Duration, &str)> = Vec::new();
        for &(key, presses) in KEYS {
            for _ in 0..presses {
                let t = Instant::now();
                screen.press(key).expect("valid keys");
                screen.draw();
                times.push((t.elapsed(), key));
            }
        }
        let slowest = times.iter().max().copied().unwrap_or_default();
        let all: Vec<Duration> = times.iter().map(|t| t.0).collect();
        println!(
            "| {name} | {} | {} | {} | {} | `{}` |",
            ms(first),
            ms(analysis),
            ms(median(all)),
            ms(slowest.0),
            slowest.1
        );
    }
}

fn setup(config: &config::Config) -> Setup {
    Setup::new(config, None, Some(Depth::Truecolor), None).expect("shipped theme")
}

fn corpus(texts: &[String; 2]) -> Corpus {
    let mut corpus = Corpus::default();
    for (i, text) in texts.iter().enumerate() {
        let name: &'static str = if i == 0 { "original.txt" } else { "light.txt" };
        let loaded = from_bytes(Origin::Sample(name), text.as_bytes(), None).expect("text");
        corpus.push(loaded);
    }
    corpus
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
