//! A fetched page's character set: the Content-Type header's `charset`, else for HTML its own
//! `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top;
//! a page that declares none and is not UTF-8 is read as windows-1252, as browsers do.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into a page a `<meta>` declaration is looked for. The HTML standard's prescan reads
/// 1,024 bytes; a little more forgives long comments or scripts before it.
const PRESCAN: usize = 4096;

/// The `charset` parameter of a Content-Type value.
pub fn from_content_type(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|param| {
        let (name, label) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| label.trim().trim_matches(['"', '\'']))
            .filter(|l| !l.is_empty())
    })
}

/// The page's bytes as UTF-8 (unchanged when they already are or start with a byte order mark,
/// which the loader reads), with what the user should know in `warnings`.
pub fn to_utf8(
    body: Vec<u8>,
    header: Option<&str>,
    maybe_html: bool,
    warnings: &mut Vec<String>,
) -> Vec<u8> {
    // A byte order mark outranks every declaration (the HTML standard's order).
    if body.starts_with(b"\xEF\xBB\xBF")
        || body.starts_with(b"\xFF\xFE")
        || body.starts_with(b"\xFE\xFF")
    {
        return body;
    }
    let meta = || maybe_html.then(|| meta_charset(&body)).flatten();
    let encoding = match header.map(str::to_string).or_else(meta) {
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            // A page cannot truthfully declare UTF-16 from inside itself in ASCII bytes; the
            // standard reads such pages as UTF-8.
            Some(e) if header.is_none() && (e == UTF_16LE || e == UTF_16BE) => UTF_8,
            Some(e) => e,
            None => {
                warnings.push(format!("unknown charset `{label}`; read as UTF-8"));
                UTF_8
            }
        },
        None if std::str::from_utf8(&body).is_ok() => UTF_8,
        None => {
            warnings.push("no charset declared and not UTF-8; read as windows-1252".to_string());
            WINDOWS_1252
        }
    };
    if encoding == UTF_8 {
        // The loader checks it and repairs bad sequences with its own warning.
        return body;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&body);
    if had_errors {
        warnings.push(format!(
            "not valid {}: undecodable bytes shown as \u{FFFD}",
            encoding.name()
        ));
    }
    text.into_owned().into_bytes()
}

/// The label of the first `<meta>` near the top that names a charset, either way of writing it.
fn meta_charset(body: &[u8]) -> Option<String> {
    let head = body.get(..body.len().min(PRESCAN)).unwrap_or(body);
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        let tag = rest.get(at..).unwrap_or(&[]);
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let (tag, after) = tag.split_at(end);
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        rest = after;
    }
    None
}

/// The value after `charset=` in a tag, without quotes.
fn charset_in(tag: &[u8]) -> Option<String> {
    let at = find(tag, b"charset")?;
    let rest = tag.get(at + b"charset".len()..)?;
    let rest = trim_start(rest).strip_prefix(b"=")?;
    let rest = trim_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(rest.get(..end)?).ok()?;
    (!label.is_empty()).then(|| label.to_string())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(body: &[u8], header: Option<&str>) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let bytes = to_utf8(body.to_vec(), header, true, &mut warnings);
        (String::from_utf8_lossy(&bytes).into_owned(), warnings)
    }

    #[test]
    fn header_charset_is_read() {
        assert_eq!(
            from_content_type("text/html; charset=ISO-8859-1"),
            Some("ISO-8859-1")
        );
        assert_eq!(
            from_content_type("text/html;Charset=\"utf-8\""),
            Some("utf-8")
        );
        assert_eq!(from_content_type("text/html"), None);
        let (text, warnings) = utf8(b"caf\xE9 \x93ok\x94", Some("windows-1252"));
        assert_eq!(text, "caf\u{e9} \u{201C}ok\u{201D}");
        assert!(warnings.is_empty());
    }

    #[test]
    fn meta_charset_is_read_both_ways() {
        let (text, _) = utf8(
            b"<html><head><meta charset='iso-8859-1'></head><p>na\xEFve",
            None,
        );
        assert!(text.ends_with("na\u{ef}ve"), "{text}");
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x96";
        let (text, _) = utf8(page, None);
        assert!(text.ends_with('\u{2013}'), "{text}");
    }

    #[test]
    fn the_header_outranks_meta_and_a_bom_outranks_both() {
        let (text, _) = utf8(b"<meta charset=utf-8><p>\xE9", Some("iso-8859-1"));
        assert!(text.ends_with('\u{e9}'));
        let bom = b"\xEF\xBB\xBF<meta charset=iso-8859-1>";
        assert_eq!(
            to_utf8(bom.to_vec(), Some("iso-8859-1"), true, &mut Vec::new()),
            bom
        );
    }

    #[test]
    fn undeclared_pages_are_utf8_else_windows_1252() {
        let (text, warnings) = utf8("caf\u{e9}".as_bytes(), None);
        assert_eq!(text, "caf\u{e9}");
        assert!(warnings.is_empty());
        let (text, warnings) = utf8(b"caf\xE9", None);
        assert_eq!(text, "caf\u{e9}");
        assert!(warnings[0].contains("windows-1252"), "{warnings:?}");
    }

    #[test]
    fn unknown_labels_fall_back_to_utf8_with_a_warning() {
        let (text, warnings) = utf8(b"plain", Some("klingon"));
        assert_eq!(text, "plain");
        assert!(warnings[0].contains("klingon"));
    }
}
