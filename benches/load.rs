//! Loading speed of binary formats: reading a file into text (the PDF or DOCX parsed and laid
//! out) apart from segmenting that text, so the two are not confused. Run with
//! `cargo bench --bench load -- FILE...` (default: the PDFs in `benches/corpus/`, written by
//! `benches/make_pdf.py`); prints the median of several runs of each step.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use parallax::document::Corpus;
use parallax::document::load::{self, LoadOptions, Source};

const RUNS: usize = 5;

/// The binary's allocator, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn bench(path: PathBuf) {
    let source = Source::Path(path.clone());
    let options = LoadOptions::default();
    let (mut reads, mut segments) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let loaded = match load::load(&source, &options) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("{e}");
                return;
            }
        };
        reads.push(start.elapsed());
        let start = Instant::now();
        let mut corpus = Corpus::default();
        corpus.push(loaded);
        segments.push(start.elapsed());
        last = Some(corpus);
    }
    let corpus = last.expect("ran");
    let doc = &corpus.documents[0];
    println!(
        "{}: {} bytes -> {} bytes of text, {} sentences; read median {:.3} s, segment median \
         {:.3} s ({RUNS} runs)",
        path.display(),
        std::fs::metadata(&path).map_or(0, |m| m.len()),
        doc.text.len(),
        doc.sentences.len(),
        median(reads),
        median(segments),
    );
}

fn main() {
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    let files = if args.is_empty() {
        let mut found: Vec<PathBuf> = std::fs::read_dir("benches/corpus")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
            .collect();
        found.sort();
        found
    } else {
        args
    };
    if files.is_empty() {
        eprintln!("no files: run `python3 benches/make_pdf.py benches/corpus/5m.pdf --mb 5` first");
    }
    for file in files {
        bench(file);
    }
}
