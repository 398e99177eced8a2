//! The offline copy of fetched pages: one file per URL in `PARALLAX_CACHE_DIR` or the platform's
//! cache directory, holding the URL, the fetch time and Content-Type on a first JSON line and
//! then the body exactly as received, so the page is decoded again as on its first open.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

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

/// Removes the least recently fetched pages until the cache holds at most `limit` bytes,
/// never the page at `keep` (just fetched). Copies left aside by a write that never finished
/// go once they are an hour old. Returns how many pages were removed.
pub fn prune(dir: &Path, limit: u64, keep: &str) -> io::Result<usize> {
    let keep = entry(dir, keep);
    let mut pages = Vec::new();
    for item in fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        let Ok(meta) = item.metadata() else { continue };
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let is_page = path.extension().is_some_and(|e| e == "page");
        let stale = modified.elapsed().is_ok_and(|age| age > STALE_ASIDE);
        if is_page {
            pages.push((modified, meta.len(), path));
        } else if meta.is_file() && stale && path.to_string_lossy().contains(".tmp") {
            let _ = fs::remove_file(&path);
        }
    }
    let mut total: u64 = pages.iter().map(|(_, len, _)| len).sum();
    pages.sort();
    let mut removed = 0;
    for (_, len, path) in pages {
        if total <= limit {
            break;
        }
        if path == keep {
            continue;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A copy written aside this long ago belongs to a write that will not finish.
const STALE_ASIDE: Duration = Duration::from_secs(3600);

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
    fn the_oldest_pages_go_first_when_the_cache_is_full() {
        let dir = tempfile::tempdir().unwrap();
        let urls = [
            "https://a.example/1",
            "https://a.example/2",
            "https://a.example/3",
        ];
        for url in urls {
            put(dir.path(), url, &page(&[b'x'; 1000])).unwrap();
            // Modification times far enough apart for every file system's clock.
            let file = fs::File::options()
                .write(true)
                .open(entry(dir.path(), url))
                .unwrap();
            let age = 100 * (3 - urls.iter().position(|u| *u == url).unwrap() as u64);
            file.set_modified(SystemTime::now() - Duration::from_secs(age))
                .unwrap();
        }
        let size = fs::metadata(entry(dir.path(), urls[0])).unwrap().len();
        // Room for two: the oldest goes.
        assert_eq!(prune(dir.path(), 2 * size, urls[2]).unwrap(), 1);
        assert!(get(dir.path(), urls[0]).is_none());
        assert!(get(dir.path(), urls[1]).is_some());
        // Room for none: the page just fetched stays all the same.
        assert_eq!(prune(dir.path(), 0, urls[1]).unwrap(), 1);
        assert!(get(dir.path(), urls[1]).is_some());
        assert!(get(dir.path(), urls[2]).is_none());
    }

    #[test]
    fn damaged_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://a.example/";
        fs::write(entry(dir.path(), url), b"not json\nbody").unwrap();
        assert!(get(dir.path(), url).is_none());
    }
}
