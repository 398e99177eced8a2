//! Text PDFs: parsed with lopdf, each page's content stream played for its lines
//! ([`content`]), the lines made into paragraphs with page furniture dropped ([`layout`]).
//! Refused with a reason: encrypted files, damaged files lopdf cannot repair, and scans (pages
//! with no text layer). lopdf may panic on malformed input, so the whole read runs under
//! `catch_unwind` with the panic message kept off the terminal.

mod content;
mod layout;

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A PDF's text and what the user should know about how it was read.
#[derive(Debug)]
pub(super) struct Pdf {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Reads the text of a PDF, or says in a few words why it cannot. Every decompressed stream and
/// the text itself are bounded by `limit` bytes.
pub(super) fn read(bytes: &[u8], limit: u64) -> Result<Pdf, String> {
    quietly(|| read_unguarded(bytes, limit)).unwrap_or_else(|| Err(PARSER_FAILED.to_string()))
}

fn read_unguarded(bytes: &[u8], limit: u64) -> Result<Pdf, String> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let encrypted = || memchr::memmem::find(bytes, b"/Encrypt").is_some();
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if encrypted() => return Err(ENCRYPTED.to_string()),
        Err(e) => return Err(format!("damaged PDF ({})", first_line(&e.to_string()))),
    };
    // lopdf decrypts with the empty password when it can and then drops `/Encrypt`.
    if doc.is_encrypted() {
        return Err(ENCRYPTED.to_string());
    }
    let ids: Vec<_> = doc.get_pages().into_values().collect();
    if ids.is_empty() {
        return Err("damaged PDF (no pages found)".to_string());
    }
    let mut pages = Vec::with_capacity(ids.len());
    let (mut images, mut chars, mut failed) = (false, 0usize, 0usize);
    // Pages are played on all cores when there are enough of them; a panic on any is caught
    // (and kept quiet) on its own thread.
    let played = crate::parallel::map(&ids, ids.len() >= PARALLEL_PAGES, |&id| {
        quietly(|| content::page(&doc, id, limit))
    });
    for page in played {
        let page = page.ok_or_else(|| PARSER_FAILED.to_string())?;
        match page {
            Ok(page) => {
                images |= page.images;
                chars += page.lines.iter().map(|l| l.text.len()).sum::<usize>();
                if chars > limit {
                    return Err(format!(
                        "too much text (over {limit} bytes; see `max_file_size`)"
                    ));
                }
                pages.push(page.lines);
            }
            Err(lopdf::Error::Decompress(e)) => {
                return Err(format!("a page is too large once unpacked ({e})"));
            }
            Err(_) => failed += 1,
        }
    }
    let letters = pages
        .iter()
        .flatten()
        .any(|l| l.text.chars().any(char::is_alphanumeric));
    if !letters {
        return Err(if failed > 0 && !images {
            "damaged PDF (no page could be read)".to_string()
        } else {
            "no text layer (a scanned or image-only PDF; parallax reads text, it does no OCR)"
                .to_string()
        });
    }
    let total = pages.len() + failed;
    let (text, dropped) = layout::prose(pages);
    let mut warnings = Vec::new();
    if failed > 0 {
        warnings.push(format!("{failed} of {total} pages could not be read"));
    }
    if dropped > 0 {
        warnings.push(format!(
            "{dropped} line{} repeated at the top or bottom of the pages (running heads, page \
             numbers) left out",
            if dropped == 1 { "" } else { "s" }
        ));
    }
    Ok(Pdf { text, warnings })
}

const PARSER_FAILED: &str = "damaged PDF (the PDF parser failed on it)";
/// Fewer pages are played on one thread: starting threads costs more than it saves.
const PARALLEL_PAGES: usize = 16;

const ENCRYPTED: &str = "encrypted PDF (it needs a password; parallax cannot open it)";

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without printing it: the user gets the one-line error.
/// The panic hook installed once passes every other panic to the hook that was there before.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_none() {
        assert_eq!(quietly(|| 7), Some(7));
        let none: Option<()> = quietly(|| panic!("a malformed file"));
        assert_eq!(none, None);
    }

    #[test]
    fn garbage_is_a_damaged_pdf() {
        let err = read(b"%PDF-1.4\nnot really a pdf at all", 1 << 20).unwrap_err();
        assert!(err.starts_with("damaged PDF"), "{err}");
        let err = read(b"%PDF-1.4\n/Encrypt 5 0 R garbage", 1 << 20).unwrap_err();
        assert!(err.starts_with("encrypted PDF"), "{err}");
    }
}
