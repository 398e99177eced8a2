//! Review sessions: a fact-checker's verdicts and notes on the claims, quotes and differences of a
//! set of documents, kept in a versioned JSON file keyed by the documents' content, saved
//! atomically, locked against a second writer, re-anchored when a document changes, exported.
//!
//! The reader's whole surface is [`Session`] (open, mark, save), [`Item`] (what is being marked)
//! and [`export`]. A session never loses marks: a file it cannot read is kept untouched and the
//! session goes read-only; a mark whose text vanished from an edited document is kept as
//! orphaned.

mod anchor;
pub mod export;
mod file;
mod find;
mod lock;
mod open;
mod reload;
mod session;

use std::path::PathBuf;

use thiserror::Error;

use crate::document::{DocId, Document, Span};

pub use anchor::{Anchor, reanchor};
pub use export::{ExportFormat, Summary};
pub use file::{Counterpart, DocRecord, Mark, VERSION};
pub use reload::Reanchored;
pub use session::{Access, OpenOutcome, Progress, ReadOnlyReason, Session};

/// What kind of item a mark is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Claim,
    Quote,
    Difference,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Claim => "claim",
            ItemKind::Quote => "quote",
            ItemKind::Difference => "difference",
        }
    }
}

/// One reviewable item as the reader sees it: its kind, the document and span it sits in, the
/// text it covers, and optionally its counterparts in the other versions (kept for the export,
/// which has no documents to look them up in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub doc: DocId,
    pub span: Span,
    pub text: String,
    pub counterparts: Vec<(DocId, Span, String)>,
}

impl Item {
    /// The item at `span` in `doc`, with the text it covers.
    pub fn new(kind: ItemKind, doc: &Document, span: Span) -> Item {
        Item {
            kind,
            doc: doc.id,
            span,
            text: doc.slice(span).to_string(),
            counterparts: Vec::new(),
        }
    }

    /// Adds the text this item has in another version.
    pub fn with_counterpart(mut self, doc: &Document, span: Span) -> Item {
        self.counterparts
            .push((doc.id, span, doc.slice(span).to_string()));
        self
    }
}

/// Where sessions live for an [`Session::open`] call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The platform data directory (`…/parallax/sessions`), one file per set of documents.
    DataDir,
    /// Another sessions directory, chosen the same way (config `review.dir`, tests).
    Dir(PathBuf),
    /// Exactly this session file (`--session FILE`), created if missing.
    File(PathBuf),
}

impl Place {
    /// `--session FILE` if given, else the configured directory (`""` = the data directory).
    pub fn resolve(explicit: Option<PathBuf>, config_dir: &str) -> Place {
        match explicit {
            Some(file) => Place::File(file),
            None if config_dir.is_empty() => Place::DataDir,
            None => Place::Dir(PathBuf::from(config_dir)),
        }
    }
}

/// The platform directory for sessions, when the platform has a home to put it in.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.data_dir().join("sessions"))
}

/// Why a review action did not happen; each message is one line.
#[derive(Debug, Error)]
pub enum ReviewError {
    #[error("review changes cannot be saved: {0}")]
    ReadOnly(String),
    #[error("`{verdict}` is not a verdict (the configured ones are: {known})")]
    UnknownVerdict { verdict: String, known: String },
    #[error("no document {0} in this session")]
    NoDocument(u32),
    #[error("{path}: cannot save review session: {reason}")]
    Save { path: String, reason: String },
    #[error("{path}: {reason}")]
    Unusable { path: String, reason: String },
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
}

/// Reads the session file at `path` and writes its export; for `parallax review export`.
pub fn export_file(
    path: &std::path::Path,
    format: ExportFormat,
    verdicts: &[String],
    out: &mut dyn std::io::Write,
) -> Result<(), ReviewError> {
    let unusable = |reason: String| ReviewError::Unusable {
        path: path.display().to_string(),
        reason,
    };
    match file::read(path) {
        Ok(Some(session)) => export::write(&session, Some(path), verdicts, format, out),
        Ok(None) => Err(unusable("no such session file".to_string())),
        Err(problem) => Err(unusable(problem.to_string())),
    }
}
