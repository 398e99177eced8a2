//! Extraction speed on a generated 1 MB document (the bundled story, its sentences shuffled and
//! its names varied so the entity index grows), plus a 1 MB wall of quote marks. Run with
//! `cargo bench --bench extract`; prints the median of several runs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use parallax::document::load::{SAMPLES, from_bytes};
use parallax::document::{Corpus, Format, Origin};

const TARGET_BYTES: usize = 1 << 20;
const RUNS: usize = 7;

/// The binary's allocator, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ~1 MB of news prose: the samples' paragraphs in a rotating order, with numbered names and a
/// closing sentence that makes each paragraph unique.
fn news() -> String {
    let paragraphs: Vec<&str> = SAMPLES
        .iter()
        .flat_map(|(_, text)| text.split("\n\n"))
        .collect();
    let mut out = String::with_capacity(TARGET_BYTES + 4096);
    let mut i = 0usize;
    while out.len() < TARGET_BYTES {
        let p = paragraphs[(i * 7) % paragraphs.len()];
        let n = i % 97;
        out.push_str(
            &p.replace("Marand", &format!("Marand{n}"))
                .replace("Talden", &format!("Talden{n}")),
        );
        // A sentence of its own keeps the paragraph from being flagged as a repeated line.
        out.push_str(&format!(
            " Officials in Orsa{n} said {i} homes were checked."
        ));
        out.push_str("\n\n");
        i += 1;
    }
    out
}

fn corpus(text: &str) -> Corpus {
    let mut corpus = Corpus::default();
    let loaded = from_bytes(
        Origin::File(PathBuf::from("bench.txt")),
        text.as_bytes(),
        Some(Format::Text),
    )
    .expect("generated text loads");
    corpus.push(loaded);
    corpus
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn bench(name: &str, text: &str) {
    let corpus = corpus(text);
    let mut times = Vec::with_capacity(RUNS);
    let mut found = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        found = Some(parallax::extract::extract(&corpus));
        times.push(start.elapsed());
    }
    let x = found.expect("ran");
    let d = &x.documents[0];
    println!(
        "{name}: {} bytes, {} sentences -> {} quotes, {} mentions of {} entities, {} claims; \
         extract median {:.1} ms (min {:.1} ms, {RUNS} runs)",
        text.len(),
        corpus.documents[0].sentences.len(),
        d.quotes.len(),
        d.mentions.len(),
        x.entities.len(),
        d.claims.len(),
        median(times.clone()).as_secs_f64() * 1000.0,
        times.iter().min().expect("runs").as_secs_f64() * 1000.0,
    );
}

fn main() {
    bench("news 1 MB", &news());
    bench("quote marks 1 MB", &"\"“”‘’«» '".repeat(TARGET_BYTES / 20));
    bench(
        "capitals 1 MB",
        &"THE COUNCIL SAID NOTHING ABOUT THE DAM. ".repeat(TARGET_BYTES / 40),
    );
}
