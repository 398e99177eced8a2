//! Finding the session of a set of documents in a sessions directory, and pairing its stored
//! documents with the opened ones.
//!
//! The rule: a stored session belongs to the opened documents when both have the same number of
//! documents and each opened document pairs with a distinct stored one that has the same text
//! hash or, failing that, the same path (an edited file that kept its name). Renamed *and*
//! edited at once cannot be recognised and starts a new session. Among several candidates the one
//! with the most identical texts wins, then the most recently updated. An explicit
//! `--session FILE` is always used, pairing what it can and keeping the rest.

use std::fs;
use std::path::{Path, PathBuf};

use super::file::{self, DocRecord, SessionFile, Unusable};

/// For each opened document, the index of its stored document, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    pub stored: Vec<Option<usize>>,
    /// How many pairs have identical text.
    pub same_text: usize,
}

/// What a sessions directory holds for the opened documents.
#[derive(Debug)]
pub enum Choice {
    /// No session yet: create one at this path.
    New(PathBuf),
    /// A usable session of these documents (perhaps some of them edited since).
    Resume(PathBuf),
    /// A file that is (or may be) this session but cannot be read: kept as it is.
    Unusable(PathBuf, Unusable),
}

/// The result of looking through a directory: the choice and, one line each, the files of these
/// documents that were passed over because they cannot be read.
#[derive(Debug)]
pub struct Found {
    pub choice: Choice,
    pub passed_over: Vec<String>,
}

/// Pairs by identical hash, then by path; with `force`, leftovers pair in order and the counts
/// may differ, otherwise every opened document must pair and the counts must match.
pub fn pair(opened: &[DocRecord], stored: &[DocRecord], force: bool) -> Option<Pairing> {
    if !force && opened.len() != stored.len() {
        return None;
    }
    let mut taken = vec![false; stored.len()];
    let mut pairs = vec![None; opened.len()];
    let mut claim = |i: usize,
                     pred: &dyn Fn(&DocRecord) -> bool,
                     pairs: &mut Vec<Option<usize>>| {
        if let Some(j) = (0..stored.len()).find(|&j| !taken[j] && stored.get(j).is_some_and(pred)) {
            taken[j] = true;
            pairs[i] = Some(j);
        }
    };
    for (i, doc) in opened.iter().enumerate() {
        claim(i, &|s| s.hash == doc.hash, &mut pairs);
    }
    let same_text = pairs.iter().flatten().count();
    for (i, doc) in opened.iter().enumerate() {
        // Standard input has no name to recognise it by.
        if pairs[i].is_none() && doc.path != "-" {
            claim(i, &|s| s.path == doc.path, &mut pairs);
        }
    }
    if force {
        for i in 0..opened.len() {
            if pairs[i].is_none() {
                claim(i, &|_| true, &mut pairs);
            }
        }
    } else if pairs.iter().any(Option::is_none) {
        return None;
    }
    Some(Pairing {
        stored: pairs,
        same_text,
    })
}

/// Looks through `dir` for the session of `opened`, whose own file name would be `key.json`.
pub fn find(dir: &Path, opened: &[DocRecord], key: &str) -> Found {
    let own = dir.join(format!("{key}.json"));
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    if !paths.contains(&own) && own.exists() {
        paths.push(own.clone());
    }

    let mut best: Option<(PathBuf, (bool, usize, String))> = None;
    let mut unusable: Vec<(PathBuf, Unusable)> = Vec::new();
    for path in paths {
        match file::read(&path) {
            Ok(Some(stored)) => {
                let Some(rank) = rank(opened, &stored) else {
                    continue;
                };
                if best.as_ref().is_none_or(|(_, r)| rank > *r) {
                    best = Some((path, rank));
                }
            }
            Ok(None) => {}
            Err(problem) => {
                let ours = path == own
                    || matches!(&problem, Unusable::Newer { documents, .. }
                        if pair(opened, documents, false).is_some());
                if ours {
                    unusable.push((path, problem));
                }
            }
        }
    }

    let exact = best.as_ref().is_some_and(|(_, (exact, _, _))| *exact);
    let passed_over = |skipped: &[(PathBuf, Unusable)]| {
        skipped
            .iter()
            .map(|(p, problem)| format!("{} {problem}; it was left as it is", p.display()))
            .collect()
    };
    match (best, unusable.is_empty()) {
        (Some((path, _)), _) if exact => Found {
            choice: Choice::Resume(path),
            passed_over: passed_over(&unusable),
        },
        (_, false) => {
            // A file that may hold this very session comes before a guess by path.
            let (path, problem) = unusable.remove(0);
            Found {
                choice: Choice::Unusable(path, problem),
                passed_over: passed_over(&unusable),
            }
        }
        (Some((path, _)), true) => Found {
            choice: Choice::Resume(path),
            passed_over: Vec::new(),
        },
        (None, true) => Found {
            choice: Choice::New(own),
            passed_over: Vec::new(),
        },
    }
}

/// How well a stored session fits: all texts identical first, then most identical, then latest.
fn rank(opened: &[DocRecord], stored: &SessionFile) -> Option<(bool, usize, String)> {
    let pairing = pair(opened, &stored.documents, false)?;
    let exact = pairing.same_text == opened.len();
    Some((exact, pairing.same_text, stored.updated.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(hash: &str, path: &str) -> DocRecord {
        DocRecord {
            hash: hash.to_string(),
            path: path.to_string(),
            title: String::new(),
        }
    }

    #[test]
    fn pairs_by_text_then_by_path() {
        let stored = [doc("h1", "/a"), doc("h2", "/b"), doc("h3", "/c")];
        // Reordered, one renamed, one edited in place.
        let opened = [doc("h3", "/c"), doc("h1", "/renamed"), doc("h9", "/b")];
        let p = pair(&opened, &stored, false).unwrap();
        assert_eq!(p.stored, vec![Some(2), Some(0), Some(1)]);
        assert_eq!(p.same_text, 2);
    }

    #[test]
    fn renamed_and_edited_is_not_recognised_unless_forced() {
        let stored = [doc("h1", "/a"), doc("h2", "/b")];
        let opened = [doc("h1", "/a"), doc("h9", "/z")];
        assert_eq!(pair(&opened, &stored, false), None);
        let forced = pair(&opened, &stored, true).unwrap();
        assert_eq!(forced.stored, vec![Some(0), Some(1)]);
        let fewer = pair(&[doc("h2", "/b")], &stored, true).unwrap();
        assert_eq!(fewer.stored, vec![Some(1)]);
        assert_eq!(
            pair(
                &[doc("h1", "-"), doc("h2", "-")],
                &[doc("x", "-"), doc("h2", "-")],
                false
            ),
            None
        );
    }
}
