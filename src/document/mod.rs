//! The document model: loaded text plus its paragraphs, sentences and tokens, all as byte spans.
//! Nothing here copies text; every annotation downstream points into `Document::text`.

mod batch;
mod boilerplate;
mod docx;
mod fetch;
mod git;
mod html;
mod lexer;
pub mod load;
mod pdf;
pub mod segment;
mod sniff;
pub mod structure;
mod vocab;
pub mod words;
mod wrap;

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

pub use boilerplate::is_date_line;
pub use fetch::FetchOptions;
pub use git::{Revision, history as git_history};
pub use load::{LoadError, LoadOptions, Source};
pub use vocab::{TermId, Vocab};

/// Index of a document within a [`Corpus`], in the order the documents were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

impl DocId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One value per document, indexed by [`DocId`] — never a bare `usize`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PerDoc<T>(Vec<T>);

impl<T> PerDoc<T> {
    pub fn from_fn(docs: usize, mut f: impl FnMut(DocId) -> T) -> Self {
        PerDoc((0..docs).map(|d| f(DocId(d as u32))).collect())
    }

    /// The values in document order.
    pub fn from_vec(values: Vec<T>) -> Self {
        PerDoc(values)
    }

    pub fn get(&self, doc: DocId) -> Option<&T> {
        self.0.get(doc.index())
    }

    pub fn get_mut(&mut self, doc: DocId) -> Option<&mut T> {
        self.0.get_mut(doc.index())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (DocId, &T)> {
        self.0.iter().enumerate().map(|(i, v)| (DocId(i as u32), v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (DocId, &mut T)> {
        self.0
            .iter_mut()
            .enumerate()
            .map(|(i, v)| (DocId(i as u32), v))
    }

    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }
}

impl<T> std::ops::Index<DocId> for PerDoc<T> {
    type Output = T;

    /// Panics only for a `DocId` that does not belong to this corpus.
    fn index(&self, doc: DocId) -> &T {
        &self.0[doc.index()]
    }
}

impl<T> std::ops::IndexMut<DocId> for PerDoc<T> {
    fn index_mut(&mut self, doc: DocId) -> &mut T {
        &mut self.0[doc.index()]
    }
}

impl DocId {
    /// The document at a position in corpus order.
    pub fn at(index: usize) -> DocId {
        DocId(index as u32)
    }

    /// The number a person sees: documents count from 1 on screen.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The document `delta` places away in a corpus of `docs`, wrapping around.
    pub fn cycle(self, delta: i64, docs: usize) -> DocId {
        let n = docs.max(1) as i64;
        DocId::at((self.index() as i64 + delta).rem_euclid(n) as usize)
    }

    /// Every document of a corpus of `docs`, in order.
    pub fn all(docs: usize) -> impl DoubleEndedIterator<Item = DocId> + Clone {
        (0..docs as u32).map(DocId)
    }
}

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Where a document came from; shown in headers and written to JSON as `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, with the path exactly as the user gave it.
    File(PathBuf),
    Stdin,
    /// A bundled sample, by its file name.
    Sample(&'static str),
    /// A web page, by its URL exactly as the user gave it.
    Url(String),
    /// A file as committed at a git revision: the revision and path as given (`HEAD~3`,
    /// `story.md`) and the commit's short id.
    Revision {
        rev: String,
        path: String,
        commit: String,
    },
}

impl Origin {
    /// The short name headers show: a file's name without its directories, a URL's host and
    /// path without its scheme.
    pub fn name(&self) -> String {
        match self {
            Origin::Url(url) => fetch::short_name(url).to_string(),
            Origin::Revision { rev, path, .. } => {
                format!("{rev}:{}", path.rsplit('/').next().unwrap_or(path))
            }
            other => {
                let full = other.to_string();
                full.rsplit('/').next().unwrap_or(&full).to_string()
            }
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::Stdin => f.write_str("-"),
            Origin::Sample(name) => f.write_str(name),
            Origin::Url(url) => f.write_str(url),
            // The commit is named once when the revision is the commit itself (`--revisions`).
            Origin::Revision { rev, path, commit } if rev == commit => write!(f, "{rev}:{path}"),
            Origin::Revision { rev, path, commit } => write!(f, "{rev}:{path} ({commit})"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// A line repeated verbatim in the document or a known page furniture line ("Share this").
    pub boilerplate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Document::paragraphs`.
    pub paragraph: u32,
    /// Indices into `Document::tokens`.
    pub tokens: Range<u32>,
    pub boilerplate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The normalised form, interned in the corpus-wide [`Vocab`].
    pub term: TermId,
}

/// One loaded and segmented version of the story.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    pub title: String,
    pub origin: Origin,
    pub format: Format,
    /// The text as loaded: decoded, line endings normalised to LF, HTML reduced to its article.
    pub text: String,
    /// Things the user should know about how the text was read (lossy decoding, empty file…).
    pub warnings: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Document {
    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        let r = sentence.tokens.start as usize..sentence.tokens.end as usize;
        self.tokens.get(r).unwrap_or(&[])
    }

    /// Number of word and number tokens (what a reader counts as words).
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
    }
}

/// Every document of one comparison, sharing one [`Vocab`] so they compare by integers.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub vocab: Vocab,
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Load and segment each source in order; the first failure is returned.
    pub fn load(sources: &[Source], options: &LoadOptions) -> Result<Corpus, LoadError> {
        // Files are read and decoded on all cores when there is enough to read: a size known
        // before reading (standard input counts as none) decides, as for segmenting. Pages are
        // fetched side by side, so one slow server does not wait for another.
        let urls = sources.iter().any(|s| matches!(s, Source::Url(_)));
        let bytes: u64 = sources
            .iter()
            .map(|s| match s {
                Source::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
                _ => 0,
            })
            .sum();
        let worth = urls || bytes >= batch::PARALLEL_BYTES as u64;
        let loaded = crate::parallel::map(sources, worth, |s| load::load(s, options))
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let mut vocab = Vocab::default();
        let documents = batch::build(DocId(0), loaded, &mut vocab);
        Ok(Corpus { vocab, documents })
    }

    /// Segment an already loaded text and add it; returns its id.
    pub fn push(&mut self, loaded: load::Loaded) -> DocId {
        let id = DocId(self.documents.len() as u32);
        self.documents
            .extend(batch::build(id, vec![loaded], &mut self.vocab));
        id
    }

    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.documents.get(id.index())
    }

    /// Segment a new text of document `id` in place of the old one (the file changed on disk);
    /// the other documents and their term ids stay as they are. False for an unknown id.
    pub fn replace(&mut self, id: DocId, loaded: load::Loaded) -> bool {
        let Some(slot) = self.documents.get_mut(id.index()) else {
            return false;
        };
        match batch::build(id, vec![loaded], &mut self.vocab).pop() {
            Some(doc) => {
                *slot = doc;
                true
            }
            None => false,
        }
    }
}
