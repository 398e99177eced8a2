//! Reading input: files, stdin and the bundled samples, decoded to clean UTF-8 text with LF line
//! endings, refused with a one-line reason when the input is not a readable text document.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::git::{self, Revision};
use super::{Format, Origin, fetch, html, sniff};

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Path(PathBuf),
    Stdin,
    Sample(&'static str),
    /// A web page: `http://` or `https://` and the rest, as given.
    Url(String),
    /// A file as committed at a git revision (`HEAD~3:story.md`).
    Revision(Revision),
}

impl Source {
    /// `-` means standard input; `http(s)://…` a web page and `REV:path` a git revision, unless
    /// a file has that name; anything else is a path.
    pub fn from_arg(arg: &str) -> Source {
        if arg == "-" {
            return Source::Stdin;
        }
        let path = PathBuf::from(arg);
        if fetch::is_url(arg) && !path.exists() {
            return Source::Url(arg.to_string());
        }
        match Revision::parse(arg) {
            Some(revision) if !path.exists() => Source::Revision(revision),
            _ => Source::Path(path),
        }
    }

    fn origin(&self) -> Origin {
        match self {
            Source::Path(p) => Origin::File(p.clone()),
            Source::Stdin => Origin::Stdin,
            Source::Sample(name) => Origin::Sample(name),
            Source::Url(url) => Origin::Url(url.clone()),
            // Named as given until the commit is known.
            Source::Revision(r) => Origin::Revision {
                rev: r.rev.clone(),
                path: r.path.clone(),
                commit: r.rev.clone(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Larger inputs are refused rather than read.
    pub max_bytes: u64,
    /// How URLs are fetched and cached.
    pub fetch: fetch::FetchOptions,
}

pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            fetch: fetch::FetchOptions::default(),
        }
    }
}

/// Why an input was refused. Each message is one line that names the input.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{0}: no such file")]
    NotFound(String),
    #[error("{0}: is a directory, not a document")]
    Directory(String),
    #[error("{name}: cannot be read: {reason}")]
    Unreadable { name: String, reason: String },
    #[error("{0}: looks like binary data, not text (contains NUL or control bytes)")]
    Binary(String),
    #[error("{name}: too large ({size} bytes; the limit is {limit} bytes, see `max_file_size`)")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{0}: no bundled sample by that name")]
    UnknownSample(String),
    /// A URL that could not be fetched or is not a page to read.
    #[error("{url}: {reason}")]
    Fetch { url: String, reason: String },
    /// A PDF, Word document or git revision that cannot be read, with the reason.
    #[error("{name}: {reason}")]
    Refused { name: String, reason: String },
}

/// A decoded input before segmentation.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub origin: Origin,
    pub format: Format,
    pub text: String,
    /// The title when the format states one (HTML `<title>`); otherwise segmentation finds one.
    pub title: Option<String>,
    pub warnings: Vec<String>,
}

/// The bundled sample story, three versions, written for parallax.
pub const SAMPLES: [(&str, &str); 3] = [
    (
        "1-wire.txt",
        include_str!("../../assets/samples/1-wire.txt"),
    ),
    (
        "2-rewrite.txt",
        include_str!("../../assets/samples/2-rewrite.txt"),
    ),
    (
        "3-roundtrip.txt",
        include_str!("../../assets/samples/3-roundtrip.txt"),
    ),
];

/// Sources for every bundled sample, in story order.
pub fn sample_sources() -> Vec<Source> {
    SAMPLES.iter().map(|(n, _)| Source::Sample(n)).collect()
}

pub fn load(source: &Source, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let name = source.origin().to_string();
    let limit = options.max_bytes;
    let (origin, bytes, path) = match source {
        Source::Path(path) => (
            source.origin(),
            read_file(path, &name, limit)?,
            Some(path.as_path()),
        ),
        Source::Stdin => (
            source.origin(),
            read_limited(io::stdin().lock(), &name, limit, 0)?,
            None,
        ),
        Source::Sample(sample) => SAMPLES
            .iter()
            .find(|(n, _)| n == sample)
            .map(|(_, text)| (source.origin(), text.as_bytes().to_vec(), None))
            .ok_or_else(|| LoadError::UnknownSample(name.clone()))?,
        Source::Url(url) => return fetch::load(url, options),
        Source::Revision(revision) => {
            let (origin, bytes) = git::read(revision, limit)?;
            (origin, bytes, Some(Path::new(&revision.path)))
        }
    };
    let hint = path.and_then(format_from_extension);
    from_file_bytes(origin, bytes, hint, path.and_then(sniff::promised), limit)
}

/// Raw bytes of a named input: PDF and Word documents told by their bytes (or promised by the
/// name), anything else decoded as text.
fn from_file_bytes(
    origin: Origin,
    bytes: Vec<u8>,
    hint: Option<Format>,
    promised: Option<sniff::Container>,
    limit: u64,
) -> Result<Loaded, LoadError> {
    match sniff::read_container(&origin, &bytes, promised, limit)? {
        Some(loaded) => Ok(loaded),
        None => from_vec(origin, bytes, hint),
    }
}

/// Decode and classify raw bytes. `hint` is the format the file name suggests.
pub fn from_bytes(origin: Origin, bytes: &[u8], hint: Option<Format>) -> Result<Loaded, LoadError> {
    from_vec(origin, bytes.to_vec(), hint)
}

/// [`from_bytes`] that decodes in place: UTF-8 text (the usual case) is never copied.
pub(super) fn from_vec(
    origin: Origin,
    bytes: Vec<u8>,
    hint: Option<Format>,
) -> Result<Loaded, LoadError> {
    let mut warnings = Vec::new();
    let decoded =
        decode(bytes, &mut warnings).ok_or_else(|| LoadError::Binary(origin.to_string()))?;
    let text = normalize_newlines(decoded);
    let format = hint.unwrap_or_else(|| sniff(&text));
    let (text, title) = match format {
        Format::Html => {
            let article = html::extract(&text);
            warnings.extend(article.warnings);
            (article.text, article.title)
        }
        _ => (text, None),
    };
    if text.trim().is_empty() {
        warnings.push("the document is empty".to_string());
    }
    Ok(Loaded {
        origin,
        format,
        text,
        title,
        warnings,
    })
}

fn read_file(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(name, &e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(name.to_string()));
    }
    // Regular files are checked before reading; pipes and devices are checked while reading.
    if meta.is_file() && meta.len() > limit {
        return Err(LoadError::TooLarge {
            name: name.to_string(),
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path).map_err(|e| io_error(name, &e))?;
    // Sized up front, so a large file is read into one buffer rather than ever larger copies.
    let expected = if meta.is_file() {
        meta.len() as usize + 1
    } else {
        0
    };
    read_limited(file, name, limit, expected)
}

fn read_limited(
    reader: impl Read,
    name: &str,
    limit: u64,
    expected: usize,
) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::with_capacity(expected);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(name, &e))?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn io_error(name: &str, e: &io::Error) -> LoadError {
    match e.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound(name.to_string()),
        io::ErrorKind::IsADirectory => LoadError::Directory(name.to_string()),
        io::ErrorKind::PermissionDenied => LoadError::Unreadable {
            name: name.to_string(),
            reason: "permission denied".to_string(),
        },
        // EISDIR from read(2) on some platforms arrives as an uncategorised error.
        _ if e.raw_os_error() == Some(21) => LoadError::Directory(name.to_string()),
        _ => LoadError::Unreadable {
            name: name.to_string(),
            reason: e.to_string(),
        },
    }
}

fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

/// Recognise HTML and Markdown by their first lines when no file name tells.
fn sniff(text: &str) -> Format {
    let head: String = text.trim_start().chars().take(1024).collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || (lower.starts_with('<') && (lower.contains("<body") || lower.contains("</p>")))
    {
        return Format::Html;
    }
    let first_line = head.lines().next().unwrap_or("");
    if first_line.starts_with("# ") || first_line.starts_with("## ") {
        return Format::Markdown;
    }
    Format::Text
}

/// Decode by BOM (UTF-8, UTF-16LE/BE), else UTF-8 with lossy repair. `None` means not text.
fn decode(mut bytes: Vec<u8>, warnings: &mut Vec<String>) -> Option<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return decode_utf8(bytes, warnings);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes, warnings);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes, warnings);
    }
    decode_utf8(bytes, warnings)
}

fn decode_utf8(bytes: Vec<u8>, warnings: &mut Vec<String>) -> Option<String> {
    if looks_binary(&bytes) {
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(format!(
                "not valid UTF-8: {bad} undecodable byte sequence{} shown as \u{FFFD}",
                if bad == 1 { "" } else { "s" }
            ));
            Some(text)
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    if units.contains(&0) {
        return None;
    }
    let text = String::from_utf16_lossy(&units);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad > 0 || bytes.len() % 2 == 1 {
        warnings.push(format!(
            "damaged UTF-16: {} unpaired or truncated code unit(s) shown as \u{FFFD}",
            bad.max(1)
        ));
    }
    Some(text)
}

/// NUL bytes anywhere, or many C0 control bytes in the first 8 KiB, mean this is not prose.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 20 > head.len().max(1)
}

fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
        from_bytes(Origin::Stdin, bytes, None)
    }

    #[test]
    fn decodes_boms_and_line_endings() {
        let utf8 = load_bytes(b"\xEF\xBB\xBFOne.\r\nTwo.\rThree.").unwrap();
        assert_eq!(utf8.text, "One.\nTwo.\nThree.");
        assert!(utf8.warnings.is_empty());

        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Caf\u{e9} \u{201C}ok\u{201D}"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(
            load_bytes(&le).unwrap().text,
            "Caf\u{e9} \u{201C}ok\u{201D}"
        );

        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hi\r\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(load_bytes(&be).unwrap().text, "Hi\n");
    }

    #[test]
    fn invalid_utf8_is_repaired_with_a_warning() {
        let doc = load_bytes(b"caf\xE9 au lait").unwrap();
        assert_eq!(doc.text, "caf\u{FFFD} au lait");
        assert!(doc.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            load_bytes(b"PK\x03\x04\x00\x00"),
            Err(LoadError::Binary(_))
        ));
        let controls = [1u8, 2, 3, 4, 5, 6, 7, 8].repeat(10);
        assert!(matches!(load_bytes(&controls), Err(LoadError::Binary(_))));
    }

    #[test]
    fn empty_input_warns() {
        let doc = load_bytes(b"").unwrap();
        assert_eq!(doc.text, "");
        assert_eq!(doc.warnings, vec!["the document is empty".to_string()]);
    }

    #[test]
    fn sniffs_html_and_markdown() {
        assert_eq!(sniff("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("<div><p>x</p></div>"), Format::Html);
        assert_eq!(sniff("# Title\n\nBody"), Format::Markdown);
        assert_eq!(sniff("<3 is a heart"), Format::Text);
        assert_eq!(sniff("Plain words."), Format::Text);
    }
}
