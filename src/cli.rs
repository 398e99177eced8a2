//! The command line: argument parsing (clap derive) and the dispatch of each subcommand. Every
//! failure becomes a [`Failure`] with its exit code; `main` prints it and exits in one place.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::document::{Corpus, Source, load};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Read versions of a news story side by side: what they share, where they part, \
             and the claims, quotes and names in them.",
    args_conflicts_with_subcommands = true,
    after_help = "With no FILES the reader opens the bundled sample story. Use - for standard input."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Documents to open in the reader (text, Markdown or HTML; - for stdin).
    pub files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file to use instead of the one in the platform config directory.
    #[arg(long, global = true, value_name = "FILE", env = "PARALLAX_CONFIG")]
    pub config: Option<PathBuf>,
    /// Refuse inputs larger than this (e.g. 64MiB); overrides `input.max_file_size`.
    #[arg(long, global = true, value_name = "SIZE")]
    pub max_file_size: Option<config::ByteSize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align the documents sentence by sentence and report what each shares with the others.
    Compare {
        /// Two or more documents.
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
        /// Print only the statistics of each pair.
        #[arg(long)]
        stats: bool,
    },
    /// List the quotes, named entities and claims in each document.
    Extract {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print the screen the reader would show after KEYS, as text.
    Render {
        files: Vec<String>,
        /// Screen size as COLSxROWS, e.g. 120x35.
        #[arg(long, value_name = "COLSxROWS")]
        size: String,
        /// Keys to press first, in the reader's notation (e.g. "]c]cgg").
        #[arg(long, default_value = "")]
        keys: String,
        /// Keep colours and styles as ANSI escapes.
        #[arg(long)]
        color: bool,
    },
    /// List the colour themes the reader can use.
    Themes,
    /// Show how each document was read: format, warnings, paragraphs and sentences.
    Inspect {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// A command that did not succeed: the one-line message and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }

    fn runtime(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_FAILURE,
            message: message.into(),
        }
    }
}

impl From<crate::document::LoadError> for Failure {
    fn from(e: crate::document::LoadError) -> Self {
        Failure::usage(e.to_string())
    }
}

impl From<config::ConfigError> for Failure {
    fn from(e: config::ConfigError) -> Self {
        Failure::usage(e.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader of our output went away (`| head`): not an error of ours.
            return Failure {
                code: EXIT_OK,
                message: String::new(),
            };
        }
        Failure::runtime(format!("cannot write output: {e}"))
    }
}

/// Run a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let mut config = config::load(cli.global.config.as_deref())?;
    if let Some(size) = cli.global.max_file_size {
        config.input.max_file_size = size;
    }
    let result = match cli.command {
        None => reader(&cli.files, &config),
        Some(Command::Compare { files, .. }) => {
            if files.len() < 2 {
                return Err(Failure::usage("compare needs at least two documents"));
            }
            load_corpus(&files, &config)?;
            not_yet("compare", "the comparison engine")
        }
        Some(Command::Extract { files, format }) => {
            let corpus = load_corpus(&files, &config)?;
            let found = crate::extract::extract(&corpus);
            match format {
                ListFormat::Text => crate::report::extract::text(&corpus, &found, out),
                ListFormat::Json => crate::report::extract::json(&corpus, &found, out),
            }
            .map_err(Failure::from)
        }
        Some(Command::Render { files, .. }) => reader(&files, &config),
        Some(Command::Themes) => not_yet("themes", "the reader"),
        Some(Command::Inspect { files, format }) => {
            let corpus = load_corpus(&files, &config)?;
            match format {
                ListFormat::Text => crate::report::inspect::text(&corpus, out),
                ListFormat::Json => crate::report::inspect::json(&corpus, out),
            }
            .map_err(Failure::from)
        }
    };
    match result {
        Err(f) if f.code == EXIT_OK => Ok(()),
        other => other,
    }
}

fn reader(files: &[String], config: &Config) -> Result<(), Failure> {
    load_corpus(files, config)?;
    not_yet("the reader", "the reader")
}

/// Load every file (or the samples when none is given); the first unreadable one fails.
pub fn load_corpus(files: &[String], config: &Config) -> Result<Corpus, Failure> {
    let sources: Vec<Source> = if files.is_empty() {
        load::sample_sources()
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    };
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Failure::usage("standard input (-) can be given only once"));
    }
    Ok(Corpus::load(&sources, &config.load_options())?)
}

fn not_yet(command: &str, feature: &str) -> Result<(), Failure> {
    Err(Failure::usage(format!(
        "{command}: not available in this version yet ({feature} is still being built)"
    )))
}
