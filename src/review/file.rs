//! The session file on disk: its versioned JSON shape, reading it with every way it can be
//! unusable told apart (missing, unreadable, truncated, corrupt, newer), and the atomic write
//! (temporary file in the same directory, fsync, rename over, fsync the directory).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ItemKind;
use crate::document::Span;

/// The session file format this build writes. Files with a higher version are never written.
pub const VERSION: u32 = 1;

/// A whole session as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionFile {
    pub version: u32,
    /// RFC 3339 UTC times.
    pub created: String,
    pub updated: String,
    pub documents: Vec<DocRecord>,
    pub marks: Vec<Mark>,
}

/// A document as the session knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    /// SHA-256 of the document text as loaded, in hex: the document's identity.
    pub hash: String,
    /// Where it was last seen (absolute when it was a file; `-` for stdin; a sample's name).
    pub path: String,
    pub title: String,
}

/// A verdict and/or note on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Unique within the session; stays the same for the mark's life.
    pub id: u64,
    pub kind: ItemKind,
    /// Index into the session's documents; the opened documents come first, in `DocId` order.
    pub doc: usize,
    /// Byte span into that document's text.
    pub start: u32,
    pub end: u32,
    /// The text the span covers; what re-anchoring searches for after an edit.
    pub text: String,
    /// The item's text in other versions, when the reader knew it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counterparts: Vec<Counterpart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Its text is no longer in its (edited) document; kept with its last span.
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
    pub created: String,
    pub updated: String,
}

/// The text of a marked item in another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterpart {
    pub doc: usize,
    pub start: u32,
    pub end: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
}

impl Counterpart {
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

impl Mark {
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }

    /// The item's text in `doc`: its own text there, else the counterpart's.
    pub fn text_in(&self, doc: usize) -> Option<&str> {
        if doc == self.doc {
            return Some(&self.text);
        }
        self.counterparts
            .iter()
            .find(|c| c.doc == doc)
            .map(|c| c.text.as_str())
    }

    pub fn note(&self) -> Option<&str> {
        (!self.note.is_empty()).then_some(self.note.as_str())
    }
}

/// Why a session file cannot be used. It is then left exactly as it is.
#[derive(Debug)]
pub enum Unusable {
    Unreadable(String),
    Truncated,
    Corrupt(String),
    Newer {
        version: u64,
        documents: Vec<DocRecord>,
    },
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Unreadable(e) => write!(f, "cannot be read: {e}"),
            Unusable::Truncated => f.write_str("is truncated (incomplete JSON)"),
            Unusable::Corrupt(e) => write!(f, "is not a valid session file: {e}"),
            Unusable::Newer { version, .. } => write!(
                f,
                "was written by a newer parallax (format version {version}; this one reads {VERSION})"
            ),
        }
    }
}

/// The session at `path`; `Ok(None)` when there is no file.
pub fn read(path: &Path) -> Result<Option<SessionFile>, Unusable> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(Unusable::Unreadable(e.to_string())),
    };
    parse(&bytes).map(Some)
}

pub fn parse(bytes: &[u8]) -> Result<SessionFile, Unusable> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            Unusable::Truncated
        } else {
            Unusable::Corrupt(e.to_string())
        }
    })?;
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| Unusable::Corrupt("no `version` number".to_string()))?;
    if version > u64::from(VERSION) {
        // Only the document list is read, to tell whose session it is.
        #[derive(Deserialize)]
        struct Header {
            #[serde(default)]
            documents: Vec<DocRecord>,
        }
        let documents = Header::deserialize(&value)
            .map(|h| h.documents)
            .unwrap_or_default();
        return Err(Unusable::Newer { version, documents });
    }
    let file = SessionFile::deserialize(value).map_err(|e| Unusable::Corrupt(e.to_string()))?;
    check(&file).map_err(Unusable::Corrupt)?;
    Ok(file)
}

/// What serde cannot see: references between parts of the file.
fn check(file: &SessionFile) -> Result<(), String> {
    if file.version == 0 {
        return Err("version 0 does not exist".to_string());
    }
    let docs = file.documents.len();
    let mut ids = std::collections::HashSet::new();
    for mark in &file.marks {
        if !ids.insert(mark.id) {
            return Err(format!("mark id {} appears twice", mark.id));
        }
        let spans = std::iter::once((mark.doc, mark.start, mark.end))
            .chain(mark.counterparts.iter().map(|c| (c.doc, c.start, c.end)));
        for (doc, start, end) in spans {
            if doc >= docs {
                return Err(format!("mark {} refers to document {doc}", mark.id));
            }
            if start > end {
                return Err(format!("mark {} has span {start}..{end}", mark.id));
            }
        }
    }
    Ok(())
}

/// The file's bytes: pretty JSON, one trailing newline.
pub fn to_bytes(file: &SessionFile) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The temporary file a save writes before renaming it over `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    sibling(path, ".tmp")
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` so that a crash at any point leaves either the old file or the
/// new one, never a mix: write a temporary file beside it, sync it, rename it over, sync the
/// directory so the rename itself is durable.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path);
    let written = File::create(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(path)
}

fn sync_dir(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some filesystems cannot sync a directory; the rename has still happened.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// A document's identity: SHA-256 of its text, in hex.
pub fn hash_text(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The name of a set of documents: the same whatever order they are given in.
pub fn key_of(hashes: &[&str]) -> String {
    let mut sorted = hashes.to_vec();
    sorted.sort_unstable();
    let digest = Sha256::digest(sorted.join("\n").as_bytes());
    let mut key = hex(&digest);
    key.truncate(20);
    key
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, as an RFC 3339 UTC time to the second.
pub use crate::time::now;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_order() {
        assert_eq!(key_of(&["a", "b"]), key_of(&["b", "a"]));
        assert_ne!(key_of(&["a", "b"]), key_of(&["a", "c"]));
    }

    #[test]
    fn problems_are_told_apart() {
        assert!(matches!(
            parse(b"{\"version\": 1, \"doc"),
            Err(Unusable::Truncated)
        ));
        assert!(matches!(parse(b""), Err(Unusable::Truncated)));
        assert!(matches!(parse(b"[1, 2]"), Err(Unusable::Corrupt(_))));
        assert!(matches!(
            parse(b"{\"version\": 7, \"documents\": [{\"hash\": \"h\", \"path\": \"p\", \"title\": \"t\"}]}"),
            Err(Unusable::Newer { version: 7, documents }) if documents.len() == 1
        ));
        let bad_ref = br#"{"version":1,"created":"","updated":"","documents":[],
            "marks":[{"id":1,"kind":"claim","doc":3,"start":0,"end":1,"text":"x",
            "created":"","updated":""}]}"#;
        assert!(matches!(parse(bad_ref), Err(Unusable::Corrupt(m)) if m.contains("document 3")));
    }
}
