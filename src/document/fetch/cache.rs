//! The offline copy of fetched pages: one file per URL in `PARALLAX_CACHE_DIR` or the platform's
//! cache directory, holding the URL, the fetch time and Content-Type on a first JSON line and
//! then the body exactly as received, so the page is decoded again as on its first open.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Page;

/// Overrides where fetched pages are kept.
const CACHE_DIR_ENV: &str = "PARALLAX_CACHE_DIR";

/// `PARALLAX_CACHE_DIR` when set, else `pages/` in the platform cache directory.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.cache_dir().join("pages"))
}

/// The first line of a cached page.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    url: String,
    fetched: String,
    content_type: Option<String>,
}

/// The page kept for `url`, if any. A damaged or foreign file is no page: it is fetched again.
pub fn get(dir: &Path, url: &str) -> Option<Page> {
    let mut bytes = fs::read(entry(dir, url)).ok()?;
    let newline = memchr::memchr(b'\n', &bytes)?;
    let header: Header = serde_json::from_slice(bytes.get(..newline)?).ok()?;
    if header.url != url {
        return None;
    }
    let body = bytes.split_off(newline + 1);
    Some(Page {
        content_type: header.content_type,
        fetched: header.fetched,
        body,
    })
}

/// Keep `page` for `url`, replacing any older copy whole (written aside, then renamed over).
pub fn put(dir: &Path, url: &str, page: &Page) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let header = Header {
        url: url.to_string(),
        fetched: page.fetched.clone(),
        content_type: page.content_type.clone(),
    };
    let mut bytes = serde_json::to_vec(&header).map_err(io::Error::other)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(&page.body);
    let path = entry(dir, url);
    // Unique to this process and call: the same URL given twice is fetched on two threads.
    static CALLS: AtomicU32 = AtomicU32::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let aside = path.with_extension(format!("tmp{}-{call}", std::process::id()));
    fs::write(&aside, &bytes)?;
    fs::rename(&aside, &path).inspect_err(|_| {
        let _ = fs::remove_file(&aside);
    })
}

/// A file name from the URL's digest: URLs hold characters no file name may.
fn entry(dir: &Path, url: &str) -> PathBuf {
    let digest = Sha256::digest(url.as_bytes());
    let name: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{name}.page"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &[u8]) -> Page {
        Page {
            content_type: Some("text/html; charset=iso-8859-1".to_string()),
            fetched: "2026-01-02T03:04:05Z".to_string(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn pages_come_back_as_kept() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://a.example/story?id=7\nx";
        assert!(get(dir.path(), url).is_none());
        put(dir.path(), url, &page(b"<p>caf\xE9\n\nline</p>")).unwrap();
        let back = get(dir.path(), url).unwrap();
        assert_eq!(back.body, b"<p>caf\xE9\n\nline</p>");
        assert_eq!(back.fetched, "2026-01-02T03:04:05Z");
        assert_eq!(
            back.content_type.as_deref(),
            Some("text/html; charset=iso-8859-1")
        );
        put(dir.path(), url, &page(b"newer")).unwrap();
        assert_eq!(get(dir.path(), url).unwrap().body, b"newer");
        assert!(get(dir.path(), "https://a.example/other").is_none());
    }

    #[test]
    fn damaged_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://a.example/";
        fs::write(entry(dir.path(), url), b"not json\nbody").unwrap();
        assert!(get(dir.path(), url).is_none());
    }
}
