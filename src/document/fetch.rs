//! Web pages as documents: fetching a URL (ureq over rustls: bounded redirects, gzip, one
//! timeout for the whole fetch, the size limit while reading), telling its format and charset,
//! and keeping it in the cache so that it opens again offline.

mod cache;
mod charset;

use std::io::{self, Read};
use std::path::PathBuf;
use std::time::Duration;

use super::load::{self, LoadError, LoadOptions, Loaded};
use super::sniff::{self, Container};
use super::{Format, Origin};

/// Overrides the fetch timeout, in seconds (for tests and very slow links).
const TIMEOUT_ENV: &str = "PARALLAX_FETCH_TIMEOUT";

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Redirects followed before a chain is taken for a loop.
const MAX_REDIRECTS: u32 = 10;

/// Who is asking, honestly: the program and its version.
const USER_AGENT: &str = concat!(
    "parallax/",
    env!("CARGO_PKG_VERSION"),
    " (terminal reader comparing versions of news stories)"
);

/// Pages first, plain text and Markdown next, then PDF and Word documents; anything else is
/// refused once its type is known.
const ACCEPT: &str = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,\
application/pdf;q=0.7,application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.7,\
*/*;q=0.1";

/// What a Content-Type announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Announced {
    /// Text in this format; `None` lets the loader sniff it (plain text, or no header).
    Text(Option<Format>),
    /// A PDF or Word document; `None` for a server's "some bytes" (`application/octet-stream`),
    /// told by the bytes and the URL's extension.
    Document(Option<Container>),
}

#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The whole fetch, from the name lookup to the last byte of the body, ends within this.
    pub timeout: Duration,
    /// Where fetched pages are kept; `None` when the platform has no cache directory.
    pub cache_dir: Option<PathBuf>,
    /// Fetch again even when the page is in the cache.
    pub refresh: bool,
    /// The cache is kept under this many bytes, the least recently fetched pages going first.
    pub cache_limit: u64,
}

/// 256 MiB: thousands of pages.
const DEFAULT_CACHE_LIMIT: u64 = 256 << 20;

impl Default for FetchOptions {
    /// 20 s unless `PARALLAX_FETCH_TIMEOUT` says otherwise; the cache in `PARALLAX_CACHE_DIR`,
    /// else the platform's cache directory.
    fn default() -> Self {
        let timeout = std::env::var(TIMEOUT_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
            .filter(|d| !d.is_zero())
            .unwrap_or(DEFAULT_TIMEOUT);
        FetchOptions {
            timeout,
            cache_dir: cache::default_dir(),
            refresh: false,
            cache_limit: DEFAULT_CACHE_LIMIT,
        }
    }
}

/// A page as received: what the server said it is, when, and the body (decompressed, not yet
/// decoded).
#[derive(Debug, Clone)]
pub struct Page {
    pub content_type: Option<String>,
    /// RFC 3339 UTC.
    pub fetched: String,
    pub body: Vec<u8>,
}

/// Whether a command-line argument names a URL (`scheme://…`) rather than a file.
pub fn is_url(arg: &str) -> bool {
    scheme(arg).is_some()
}

/// `a.example/news/story` for `https://a.example/news/story?x=1#top`: what fits a pane header.
pub fn short_name(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    rest.get(..end).unwrap_or(rest)
}

/// The page at `url` as a document: from the cache unless `refresh`, else fetched and kept.
pub fn load(url: &str, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let fail = |reason: String| LoadError::Fetch {
        url: url.to_string(),
        reason,
    };
    check(url).map_err(fail)?;
    let fetch = &options.fetch;
    let dir = fetch.cache_dir.as_deref();
    if !fetch.refresh
        && let Some(page) = dir.and_then(|d| cache::get(d, url))
    {
        // Versions of a story change: say how old this copy is.
        let note = format!(
            "read from the cache (fetched {}); --refresh fetches it again",
            page.fetched
        );
        let mut loaded = read(url, page, options.max_bytes)?;
        loaded.warnings.push(note);
        return Ok(loaded);
    }
    let page = download(url, options)?;
    // Kept only once it reads: a refused page is asked for again next time. (The copy costs
    // little beside the network.)
    let mut loaded = read(url, page.clone(), options.max_bytes)?;
    if let Some(dir) = dir {
        if let Err(e) = cache::put(dir, url, &page) {
            loaded
                .warnings
                .push(format!("not kept for offline use ({}: {e})", dir.display()));
        } else if let Err(e) = cache::prune(dir, fetch.cache_limit, url) {
            loaded.warnings.push(format!(
                "the page cache could not be trimmed ({}: {e})",
                dir.display()
            ));
        }
    }
    Ok(loaded)
}

/// Only http and https, with a host.
fn check(url: &str) -> Result<(), String> {
    let Some(scheme) = scheme(url) else {
        return Err("not a URL".to_string());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "unsupported URL scheme `{scheme}` (only http and https)"
        ));
    }
    let host = short_name(url).split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err("not a valid URL: no host".to_string());
    }
    if url.chars().any(char::is_whitespace) {
        return Err("not a valid URL: it contains spaces".to_string());
    }
    Ok(())
}

/// The scheme of `scheme://rest`: a letter, then letters, digits, `+`, `-` or `.`.
fn scheme(arg: &str) -> Option<&str> {
    let (scheme, _) = arg.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

fn download(url: &str, options: &LoadOptions) -> Result<Page, LoadError> {
    let timeout = options.fetch.timeout;
    let https = scheme(url).is_some_and(|s| s.eq_ignore_ascii_case("https"));
    let fail = |reason: String| LoadError::Fetch {
        url: url.to_string(),
        reason,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .accept(ACCEPT)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| fail(reason(&e, timeout, https)))?;
    let status = response.status();
    if !status.is_success() {
        let phrase = status.canonical_reason().unwrap_or("");
        return Err(fail(
            format!("HTTP {} {phrase}", status.as_u16())
                .trim()
                .to_string(),
        ));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    // Refused before the body is read: a video or an archive is not downloaded to be thrown away.
    format_of(content_type.as_deref()).map_err(fail)?;
    let limit = options.max_bytes;
    if let Some(size) = response.body().content_length().filter(|&n| n > limit) {
        return Err(LoadError::TooLarge {
            name: url.to_string(),
            size,
            limit,
        });
    }
    let mut body = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| fail(io_reason(e, timeout, https)))?;
    if body.len() as u64 > limit {
        return Err(fail(format!(
            "too large (more than {limit} bytes; see `max_file_size`)"
        )));
    }
    Ok(Page {
        content_type,
        fetched: crate::time::now(),
        body,
    })
}

/// The page decoded and, for HTML, reduced to its article, as for a file.
fn read(url: &str, page: Page, limit: u64) -> Result<Loaded, LoadError> {
    let fail = |reason: String| LoadError::Fetch {
        url: url.to_string(),
        reason,
    };
    // A cached page is held to today's limit too.
    if page.body.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            name: url.to_string(),
            size: page.body.len() as u64,
            limit,
        });
    }
    let content_type = page.content_type.as_deref();
    let origin = Origin::Url(url.to_string());
    let (hint, promised) = match format_of(content_type).map_err(fail)? {
        Announced::Text(hint) => (hint, None),
        Announced::Document(promised) => (
            None,
            promised.or_else(|| {
                let file = short_name(url).rsplit('/').next().unwrap_or("");
                sniff::promised(std::path::Path::new(file))
            }),
        ),
    };
    // Told by the bytes first, as for files: a PDF served as text/html is still a PDF.
    if let Some(loaded) = sniff::read_container(&origin, &page.body, promised, limit)? {
        return Ok(loaded);
    }
    let mut warnings = Vec::new();
    let maybe_html = matches!(hint, Some(Format::Html) | None);
    let bytes = charset::to_utf8(
        page.body,
        content_type.and_then(charset::from_content_type),
        maybe_html,
        &mut warnings,
    );
    let mut loaded = load::from_vec(origin, bytes, hint)?;
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    Ok(loaded)
}

/// What a Content-Type announces: text (in a format, or to be sniffed) or a document the
/// loader reads. Anything else (images, video, archives) is refused with its type named.
fn format_of(content_type: Option<&str>) -> Result<Announced, String> {
    let Some(value) = content_type else {
        return Ok(Announced::Text(None));
    };
    let media = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let announced = match media.as_str() {
        "text/html" | "application/xhtml+xml" => Announced::Text(Some(Format::Html)),
        "text/markdown" | "text/x-markdown" => Announced::Text(Some(Format::Markdown)),
        "" | "text/plain" => Announced::Text(None),
        "application/pdf" | "application/x-pdf" => Announced::Document(Some(Container::Pdf)),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            Announced::Document(Some(Container::Zip))
        }
        "application/octet-stream" | "binary/octet-stream" => Announced::Document(None),
        other => {
            return Err(format!(
                "not a web page, text, PDF or Word document (the server sent {other})"
            ));
        }
    };
    Ok(announced)
}

/// One short phrase for a failed request.
fn reason(e: &ureq::Error, timeout: Duration, https: bool) -> String {
    match e {
        ureq::Error::Timeout(_) => timed_out(timeout),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::TooManyRedirects => {
            format!("too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)")
        }
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => format!("not a valid URL ({e})"),
        // rustls reports a failed handshake (a bad certificate, a server that does not speak
        // TLS) as invalid data on the stream.
        ureq::Error::Io(io) if https && io.kind() == io::ErrorKind::InvalidData => {
            format!("TLS failed: {io}")
        }
        ureq::Error::Io(io) => io_kind_reason(io, timeout),
        ureq::Error::ConnectionFailed => "cannot connect".to_string(),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
            format!("TLS failed: {e}")
        }
        ureq::Error::Protocol(_) => format!("the server's answer is not valid HTTP ({e})"),
        ureq::Error::Decompress(..) => format!("the page cannot be decompressed ({e})"),
        other => format!("cannot fetch: {other}"),
    }
}

/// A failure while reading the body: ureq's own error travels inside the `io::Error`.
fn io_reason(e: io::Error, timeout: Duration, https: bool) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        Some(inner) => reason(inner, timeout, https),
        None => io_kind_reason(&e, timeout),
    }
}

fn io_kind_reason(e: &io::Error, timeout: Duration) -> String {
    // The system resolver's failure reaches us as an uncategorised error with only this text
    // (std's wording for a getaddrinfo error) to tell it by.
    if e.to_string().starts_with("failed to lookup address") {
        return "host not found".to_string();
    }
    match e.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timed_out(timeout),
        io::ErrorKind::ConnectionReset | io::ErrorKind::UnexpectedEof => {
            "the server closed the connection before the page was complete".to_string()
        }
        _ => format!("network error: {e}"),
    }
}

fn timed_out(timeout: Duration) -> String {
    format!("timed out after {} s", timeout.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://a.example/story"));
        assert!(is_url("HTTP://a.example"));
        assert!(is_url("ftp://a.example/x"));
        assert!(!is_url("story.html"));
        assert!(!is_url("dir/https://x"));
        assert!(!is_url("C:\\news\\story.txt"));
        assert!(!is_url("://nothing"));
    }

    #[test]
    fn only_web_urls_with_a_host_are_fetched() {
        assert!(check("https://a.example/story").is_ok());
        assert!(
            check("ftp://a.example/x")
                .unwrap_err()
                .contains("scheme `ftp`")
        );
        assert!(check("https:///story").unwrap_err().contains("no host"));
        assert!(
            check("https://a.example/a story")
                .unwrap_err()
                .contains("spaces")
        );
    }

    #[test]
    fn short_names_drop_scheme_query_and_fragment() {
        assert_eq!(
            short_name("https://a.example/news/story?x=1#top"),
            "a.example/news/story"
        );
        assert_eq!(short_name("http://a.example/"), "a.example/");
    }

    #[test]
    fn a_failed_name_lookup_is_a_host_not_found() {
        let lookup =
            io::Error::other("failed to lookup address information: Name or service not known");
        let timeout = Duration::from_secs(1);
        assert_eq!(io_kind_reason(&lookup, timeout), "host not found");
        let reset = io::Error::from(io::ErrorKind::ConnectionReset);
        assert!(io_kind_reason(&reset, timeout).contains("closed the connection"));
    }

    #[test]
    fn content_types_decide_the_format_or_refuse() {
        let text = |f| Ok(Announced::Text(f));
        assert_eq!(
            format_of(Some("text/html; charset=utf-8")),
            text(Some(Format::Html))
        );
        assert_eq!(
            format_of(Some("Application/XHTML+XML")),
            text(Some(Format::Html))
        );
        assert_eq!(
            format_of(Some("text/markdown")),
            text(Some(Format::Markdown))
        );
        assert_eq!(format_of(Some("text/plain")), text(None));
        assert_eq!(format_of(None), text(None));
        assert_eq!(
            format_of(Some("application/pdf")),
            Ok(Announced::Document(Some(Container::Pdf)))
        );
        assert_eq!(
            format_of(Some("application/octet-stream")),
            Ok(Announced::Document(None))
        );
        assert!(
            format_of(Some("image/png"))
                .unwrap_err()
                .contains("image/png")
        );
        assert!(format_of(Some("video/mp4")).is_err());
    }
}
