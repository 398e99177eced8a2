//! The command line: argument parsing (clap derive) and the dispatch of each subcommand. Every
//! failure becomes a [`Failure`] with its exit code; `main` prints it and exits in one place.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use parallax::config::{self, Config};
use parallax::document::{Corpus, Source, load};
use parallax::report::compare::Format as CompareOutput;
use parallax::report::compare::text::Style;
use parallax::review::ExportFormat as ExportOutput;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Inputs (in the reader, compare, extract, inspect and render):
  draft.txt notes.md page.html   text, Markdown, HTML (the article only)
  release.pdf                    a text PDF (a scan is refused: no OCR)
  statement.docx                 a Word document
  https://example.org/story      a web page, its article extracted as for HTML and kept
                                 in the cache for offline use (--refresh fetches it again)
  HEAD~3:story.md                a file as committed in git (git's REV:path; a file of
                                 that name wins; REV:./path starts at this directory)
  --revisions 4 story.md         its last 4 commits that changed it, then the working copy
  -                              standard input
PDF and Word documents are told by their bytes, whatever their name.
With no FILES the reader opens the bundled sample story.";

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Read versions of a news story side by side: what they share, where they part, \
             and the claims, quotes and names in them.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Documents to open in the reader: files (text, Markdown, HTML, PDF, DOCX), URLs, REV:path
    /// for a file as committed in git, - for stdin.
    pub files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file to use (default: $PARALLAX_CONFIG, else the platform config directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Refuse inputs larger than this (e.g. 64MiB); overrides `input.max_file_size`.
    #[arg(long, global = true, value_name = "SIZE")]
    pub max_file_size: Option<config::ByteSize>,
    /// Colour theme for the reader (see `parallax themes`), or a path to a .tmTheme file.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// Review session file for the reader (default: one per set of documents in the data dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// Fetch URLs again instead of opening the copies cached by an earlier fetch.
    #[arg(long, global = true)]
    pub refresh: bool,
    /// Open each FILE as its last N committed versions (oldest first; only commits that changed
    /// it, following first parents from HEAD) plus the working copy.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub revisions: Option<u16>,
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
        /// Text: under each sentence, why it was linked (shared and related words, names,
        /// figures, score).
        #[arg(long)]
        explain: bool,
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
    /// Review sessions: the verdicts and notes given in the reader.
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Print a session's documents, marked items with their text in each version, verdicts,
    /// notes and counts.
    Export {
        /// The session file.
        session: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Html,
}

impl From<CompareFormat> for CompareOutput {
    fn from(f: CompareFormat) -> Self {
        match f {
            CompareFormat::Text => CompareOutput::Text,
            CompareFormat::Json => CompareOutput::Json,
            CompareFormat::Html => CompareOutput::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Html,
}

impl From<ExportFormat> for ExportOutput {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Md => ExportOutput::Md,
            ExportFormat::Json => ExportOutput::Json,
            ExportFormat::Html => ExportOutput::Html,
        }
    }
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

impl From<parallax::document::LoadError> for Failure {
    fn from(e: parallax::document::LoadError) -> Self {
        Failure::usage(e.to_string())
    }
}

impl From<config::ConfigError> for Failure {
    fn from(e: config::ConfigError) -> Self {
        Failure::usage(e.to_string())
    }
}

impl From<parallax::review::ReviewError> for Failure {
    fn from(e: parallax::review::ReviewError) -> Self {
        match e {
            parallax::review::ReviewError::Write(e) => Failure::from(e),
            other => Failure::usage(other.to_string()),
        }
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
    config.input.refresh = cli.global.refresh;
    let theme = cli.global.theme.as_deref();
    let session = cli.global.session.clone();
    let revisions = cli.global.revisions.map(usize::from);
    let open = |files: &[String], config: &Config| load_corpus(files, config, revisions);
    let result = match cli.command {
        None => reader(&cli.files, &config, theme, session, revisions),
        Some(Command::Compare {
            files,
            format,
            stats,
            explain,
        }) => {
            if files.len() < 2 && revisions.is_none() {
                return Err(Failure::usage("compare needs at least two documents"));
            }
            let corpus = open(&files, &config)?;
            let comparison = parallax::compare::Comparison::build(&corpus);
            let request = parallax::report::compare::Request {
                format: format.into(),
                stats_only: stats,
                explain,
                style: text_style(),
            };
            parallax::report::compare::render(&corpus, &comparison, request, out)
                .map_err(Failure::from)
        }
        Some(Command::Extract { files, format }) => {
            let corpus = open(&files, &config)?;
            // With several versions, counterparts are sought first in the aligned sentences.
            let found = if corpus.documents.len() > 1 {
                parallax::analysis::Analysis::build(&corpus).extraction
            } else {
                parallax::extract::extract(&corpus)
            };
            match format {
                ListFormat::Text => parallax::report::extract::text(&corpus, &found, out),
                ListFormat::Json => parallax::report::extract::json(&corpus, &found, out),
            }
            .map_err(Failure::from)
        }
        Some(Command::Render {
            files,
            size,
            keys,
            color,
        }) => render(
            (&files, revisions),
            &config,
            theme,
            session,
            (&size, &keys),
            color,
            out,
        ),
        Some(Command::Themes) => themes(&config, theme, out),
        Some(Command::Inspect { files, format }) => {
            let corpus = open(&files, &config)?;
            match format {
                ListFormat::Text => parallax::report::inspect::text(&corpus, out),
                ListFormat::Json => parallax::report::inspect::json(&corpus, out),
            }
            .map_err(Failure::from)
        }
        Some(Command::Review {
            command: ReviewCommand::Export { session, format },
        }) => {
            parallax::review::export_file(&session, format.into(), &config.review.verdicts.0, out)
                .map_err(Failure::from)
        }
    };
    match result {
        Err(f) if f.code == EXIT_OK => Ok(()),
        other => other,
    }
}

#[cfg(feature = "tui")]
fn reader(
    files: &[String],
    config: &Config,
    theme: Option<&str>,
    session: Option<PathBuf>,
    revisions: Option<usize>,
) -> Result<(), Failure> {
    let corpus = load_corpus(files, config, revisions)?;
    let place = parallax::review::Place::resolve(session, &config.review.dir);
    let setup =
        parallax::tui::Setup::new(config, theme, None, Some(place)).map_err(Failure::usage)?;
    if !io::stdout().is_terminal() {
        return Err(Failure::usage(
            "the reader needs a terminal; for scripts use `parallax render`, `compare` or `extract`",
        ));
    }
    match parallax::tui::run(corpus, setup) {
        Ok(parallax::tui::Exit::Quit) => Ok(()),
        // As a shell reports a process a signal ended: 128 + its number.
        Ok(parallax::tui::Exit::Signal { number, message }) => Err(Failure {
            code: u8::try_from(128 + number).unwrap_or(EXIT_FAILURE),
            message,
        }),
        Err(e) => Err(Failure::runtime(format!("terminal: {e}"))),
    }
}

/// `render` reviews only with an explicit `--session`, so scripts never touch the user's own
/// sessions.
#[cfg(feature = "tui")]
fn render(
    (files, revisions): (&[String], Option<usize>),
    config: &Config,
    theme: Option<&str>,
    session: Option<PathBuf>,
    (size, keys): (&str, &str),
    color: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let size = parallax::tui::parse_size(size).map_err(Failure::usage)?;
    let corpus = load_corpus(files, config, revisions)?;
    // Plain output has no colours to choose; with --color the config's depth applies.
    let depth = (!color).then_some(parallax::tui::Depth::None);
    let place = session.map(parallax::review::Place::File);
    let setup = parallax::tui::Setup::new(config, theme, depth, place).map_err(Failure::usage)?;
    let screen = parallax::tui::render(corpus, setup, size, keys, color).map_err(Failure::usage)?;
    out.write_all(screen.as_bytes())?;
    Ok(())
}

#[cfg(feature = "tui")]
fn themes(config: &Config, theme: Option<&str>, out: &mut dyn Write) -> Result<(), Failure> {
    let current = theme.unwrap_or(&config.display.theme);
    for (name, source) in parallax::tui::theme_list() {
        let mark = if name == current { "*" } else { " " };
        writeln!(out, "{mark} {name:<24} {source}")?;
    }
    Ok(())
}

#[cfg(not(feature = "tui"))]
fn reader(
    _: &[String],
    _: &Config,
    _: Option<&str>,
    _: Option<PathBuf>,
    _: Option<usize>,
) -> Result<(), Failure> {
    without_reader()
}

#[cfg(not(feature = "tui"))]
fn render(
    _: (&[String], Option<usize>),
    _: &Config,
    _: Option<&str>,
    _: Option<PathBuf>,
    _: (&str, &str),
    _: bool,
    _: &mut dyn Write,
) -> Result<(), Failure> {
    without_reader()
}

#[cfg(not(feature = "tui"))]
fn themes(_: &Config, _: Option<&str>, _: &mut dyn Write) -> Result<(), Failure> {
    without_reader()
}

#[cfg(not(feature = "tui"))]
fn without_reader() -> Result<(), Failure> {
    Err(Failure::usage(
        "this parallax was built without the reader (cargo feature `tui`)",
    ))
}

/// Text reports are coloured only when standard output is a terminal and `NO_COLOR` is unset or
/// empty (no-color.org).
fn text_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: !no_color && io::stdout().is_terminal(),
    }
}

/// Load every file (or the samples when none is given); the first unreadable one fails. With
/// `revisions`, each file opens as its last committed versions and its working copy.
pub fn load_corpus(
    files: &[String],
    config: &Config,
    revisions: Option<usize>,
) -> Result<Corpus, Failure> {
    let sources: Vec<Source> = match revisions {
        _ if files.is_empty() && revisions.is_some() => {
            return Err(Failure::usage("--revisions needs a file"));
        }
        _ if files.is_empty() => load::sample_sources(),
        Some(n) => files
            .iter()
            .map(|f| parallax::document::git_history(f, n))
            .collect::<Result<Vec<_>, _>>()?
            .concat(),
        None => files.iter().map(|f| Source::from_arg(f)).collect(),
    };
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Failure::usage("standard input (-) can be given only once"));
    }
    Ok(Corpus::load(&sources, &config.load_options())?)
}
