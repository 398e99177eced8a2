//! Telling binary document formats by their bytes, whatever the file is called, and reading
//! them: a PDF is never read as plain text, and a `.docx` that is not a zip archive is refused as
//! such.

use std::path::Path;

use super::load::{LoadError, Loaded};
use super::{Format, Origin, docx, pdf};

/// A container format recognised by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Container {
    Pdf,
    /// A zip archive: a Word document when it holds `word/document.xml`.
    Zip,
}

/// PDF readers accept the header anywhere in the first kilobyte (some generators put junk or a
/// byte-order mark before it), so we do too.
const PDF_HEADER_WINDOW: usize = 1024;

pub(super) fn container(bytes: &[u8]) -> Option<Container> {
    let head = bytes.get(..bytes.len().min(PDF_HEADER_WINDOW))?;
    match memchr::memmem::find(head, b"%PDF-") {
        Some(0) => return Some(Container::Pdf),
        // Later in the head only with PDF objects after it: prose may mention the header.
        Some(_) if memchr::memmem::find(bytes, b"endobj").is_some() => {
            return Some(Container::Pdf);
        }
        _ => {}
    }
    // A local file header, or the end record of an empty archive.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(Container::Zip);
    }
    None
}

/// The container a file's extension promises, so that a `.pdf` or `.docx` that is something
/// else is refused with that reason rather than shown as garbled text.
pub(super) fn promised(path: &Path) -> Option<Container> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(Container::Pdf),
        "docx" => Some(Container::Zip),
        _ => None,
    }
}

/// Reads `bytes` as a PDF or Word document when they are one (or when the file name promises one:
/// then anything else is refused). `None`: neither, read it as text.
pub(super) fn read_container(
    origin: &Origin,
    bytes: &[u8],
    promised: Option<Container>,
    limit: u64,
) -> Result<Option<Loaded>, LoadError> {
    let refused = |reason: String| LoadError::Refused {
        name: origin.to_string(),
        reason,
    };
    let loaded = |format, text, title, warnings| Loaded {
        origin: origin.clone(),
        format,
        text,
        title,
        warnings,
    };
    match (container(bytes), promised) {
        (Some(Container::Pdf), _) => {
            let pdf = pdf::read(bytes, limit).map_err(refused)?;
            Ok(Some(loaded(Format::Pdf, pdf.text, None, pdf.warnings)))
        }
        (Some(Container::Zip), _) | (None, Some(Container::Zip)) => {
            let doc = docx::read(bytes, limit).map_err(refused)?;
            let mut warnings = Vec::new();
            if doc.text.trim().is_empty() {
                warnings.push("the document is empty".to_string());
            }
            Ok(Some(loaded(Format::Docx, doc.text, doc.title, warnings)))
        }
        (None, Some(Container::Pdf)) => Err(refused("not a PDF (no %PDF- header)".to_string())),
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_their_bytes() {
        assert_eq!(container(b"%PDF-1.7\n"), Some(Container::Pdf));
        assert_eq!(
            container(b"\xEF\xBB\xBF%PDF-1.4 1 0 obj endobj"),
            Some(Container::Pdf)
        );
        assert_eq!(container(b"PK\x03\x04rest"), Some(Container::Zip));
        assert_eq!(
            container(b"junk\n%PDF-1.4\n1 0 obj<<>>endobj"),
            Some(Container::Pdf)
        );
        assert_eq!(container(b"Notes: every file opens %PDF-1.4."), None);
        let late = [b"x".repeat(2000), b"%PDF-1.4".to_vec()].concat();
        assert_eq!(container(&late), None);
        assert_eq!(container(b""), None);
        assert_eq!(promised(Path::new("a/Story.PDF")), Some(Container::Pdf));
        assert_eq!(promised(Path::new("story.docx")), Some(Container::Zip));
        assert_eq!(promised(Path::new("story.txt")), None);
    }
}
