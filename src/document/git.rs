//! Files as committed in git, read with gix (no `git` process): `REV:path` in git's own
//! notation, and the commits that changed a file (`--revisions N`). Each error is one reason
//! naming the argument: not a repository, unknown revision, no such path, not a file there.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use super::Origin;
use super::load::{LoadError, Source};

/// A file at a revision, as `REV:path` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The revision as given (`HEAD~3`, `v2`, a commit id).
    pub rev: String,
    /// As in git: from the top of the working tree, or from `dir` when it starts with `./` or
    /// `../`.
    pub path: String,
    /// Where the repository is looked for (the current directory, unless a file named it).
    pub dir: PathBuf,
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.rev, self.path)
    }
}

impl Revision {
    /// `REV:path`, or `None` when the argument is not in that form. A colon inside `{}` belongs
    /// to the revision (`HEAD^{/fix: typo}`); a URL (`https://…`) and a drive letter (`C:\…`)
    /// are not revisions.
    pub fn parse(arg: &str) -> Option<Revision> {
        let mut depth = 0i32;
        let colon = arg.char_indices().find_map(|(i, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ':' if depth == 0 => return Some(i),
                _ => {}
            }
            None
        })?;
        let (rev, path) = (arg.get(..colon)?, arg.get(colon + 1..)?);
        let drive = rev.len() == 1 && path.starts_with('\\');
        if rev.is_empty() || path.is_empty() || path.starts_with("//") || drive {
            return None;
        }
        Some(Revision {
            rev: rev.to_string(),
            path: path.to_string(),
            dir: PathBuf::from("."),
        })
    }
}

/// The file's bytes at the revision (at most `limit` of them) and its origin.
pub(super) fn read(revision: &Revision, limit: u64) -> Result<(Origin, Vec<u8>), LoadError> {
    let refused = |reason: String| LoadError::Refused {
        name: revision.to_string(),
        reason,
    };
    // The argument may have been meant as a file name with a colon: say there is none.
    let repo = discover(&revision.dir).map_err(|e| refused(format!("{e} (and no such file)")))?;
    let commit = repo
        .rev_parse_single(revision.rev.as_str())
        .ok()
        .and_then(|id| id.object().ok())
        .ok_or_else(|| {
            refused(format!(
                "unknown revision '{}' (and no such file)",
                revision.rev
            ))
        })?
        .peel_to_commit()
        .map_err(|_| refused(format!("'{}' does not name a commit", revision.rev)))?;
    let short = commit.id().shorten_or_id().to_string();
    let at = format!("{} ({short})", revision.rev);
    let (in_repo, hint) = repo_path(&repo, &revision.dir, &revision.path).map_err(refused)?;
    let tree = commit
        .tree()
        .map_err(|e| refused(format!("cannot read {at}: {e}")))?;
    let Some(entry) = tree.lookup_entry_by_path(&in_repo).ok().flatten() else {
        let did_you_mean = hint
            .filter(|p| tree.lookup_entry_by_path(p).ok().flatten().is_some())
            .map(|_| format!("; did you mean '{}:./{}'?", revision.rev, revision.path))
            .unwrap_or_default();
        return Err(refused(format!(
            "no file '{}' at {at}{did_you_mean}",
            in_repo.display()
        )));
    };
    let mode = entry.mode();
    if !mode.is_blob() {
        let what = if mode.is_tree() {
            "a directory"
        } else if mode.is_link() {
            "a symbolic link"
        } else {
            "a submodule"
        };
        return Err(refused(format!("is {what} at {at}, not a file")));
    }
    let blob = entry
        .object()
        .map_err(|e| refused(format!("cannot read it at {at}: {e}")))?;
    let size = blob.data.len() as u64;
    if size > limit {
        return Err(LoadError::TooLarge {
            name: revision.to_string(),
            size,
            limit,
        });
    }
    let origin = Origin::Revision {
        rev: revision.rev.clone(),
        path: revision.path.clone(),
        commit: short,
    };
    Ok((origin, blob.detach().data))
}

fn discover(dir: &Path) -> Result<gix::Repository, String> {
    gix::discover(dir).map_err(|_| "not inside a git repository".to_string())
}

/// The path inside the repository that `path` names, in git's way: from the top of the working
/// tree, or from `dir` when it starts with `./` or `../`. Also, for a path from the top, the path
/// from `dir` it may have meant (git's hint).
fn repo_path(
    repo: &gix::Repository,
    dir: &Path,
    path: &str,
) -> Result<(PathBuf, Option<PathBuf>), String> {
    let from_dir = path == "." || path == ".." || path.starts_with("./") || path.starts_with("../");
    let prefix = match repo.workdir() {
        Some(top) => prefix_of(top, dir)?,
        None if from_dir => return Err("a bare repository has no current directory".into()),
        None => PathBuf::new(),
    };
    if from_dir {
        return Ok((normalize(&prefix.join(path))?, None));
    }
    let hint = (!prefix.as_os_str().is_empty())
        .then(|| normalize(&prefix.join(path)).ok())
        .flatten();
    Ok((normalize(Path::new(path))?, hint))
}

/// `dir` relative to the top of the working tree.
fn prefix_of(top: &Path, dir: &Path) -> Result<PathBuf, String> {
    let canonical =
        |p: &Path| std::fs::canonicalize(p).map_err(|e| format!("{}: {e}", p.display()));
    let (top, dir) = (canonical(top)?, canonical(dir)?);
    dir.strip_prefix(&top)
        .map(Path::to_path_buf)
        .map_err(|_| "the current directory is outside the working tree".to_string())
}

/// `a/./b/../c` as `a/c`; a path climbing above the top of the tree is refused.
fn normalize(path: &Path) -> Result<PathBuf, String> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir if out.pop() => {}
            _ => return Err(format!("'{}' is outside the repository", path.display())),
        }
    }
    Ok(out)
}

/// The last `n` committed versions of `file` that changed it, oldest first, following first
/// parents from HEAD (the branch's own history; commits that left the file as it was are
/// skipped), then the working copy.
pub fn history(file: &str, n: usize) -> Result<Vec<Source>, LoadError> {
    let refused = |reason: String| LoadError::Refused {
        name: file.to_string(),
        reason,
    };
    let path = Path::new(file);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let repo = discover(&dir).map_err(refused)?;
    let top = repo
        .workdir()
        .ok_or_else(|| refused("a bare repository has no working copy".to_string()))?;
    let name = path
        .file_name()
        .ok_or_else(|| refused("not a file name".to_string()))?;
    let in_repo = prefix_of(top, &dir).map_err(refused)?.join(name);
    let mut id = repo
        .head_id()
        .map_err(|_| refused("the repository has no commits yet".to_string()))?
        .detach();
    let blob_at = |commit: &gix::Commit| {
        let tree = commit.tree().ok()?;
        let entry = tree.lookup_entry_by_path(&in_repo).ok().flatten()?;
        entry.mode().is_blob().then(|| entry.object_id())
    };
    let mut found = Vec::new();
    while found.len() < n {
        let commit = repo
            .find_commit(id)
            .map_err(|e| refused(format!("cannot read the history: {e}")))?;
        let here = blob_at(&commit);
        let parent = commit.parent_ids().next().map(|p| p.detach());
        let before = parent
            .and_then(|p| repo.find_commit(p).ok())
            .and_then(|c| blob_at(&c));
        if here.is_some() && here != before {
            found.push(commit.id().shorten_or_id().to_string());
        }
        match parent {
            Some(p) => id = p,
            None => break,
        }
    }
    if found.is_empty() {
        return Err(refused(format!(
            "never committed ('{}' is in no commit before HEAD)",
            in_repo.display()
        )));
    }
    let git_path = in_repo
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let top_dir = top.to_path_buf();
    let mut sources: Vec<Source> = found
        .into_iter()
        .rev()
        .map(|rev| {
            Source::Revision(Revision {
                rev,
                path: git_path.clone(),
                dir: top_dir.clone(),
            })
        })
        .collect();
    sources.push(Source::Path(path.to_path_buf()));
    Ok(sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_notation() {
        let r = Revision::parse("HEAD~3:story.md").unwrap();
        assert_eq!((r.rev.as_str(), r.path.as_str()), ("HEAD~3", "story.md"));
        let r = Revision::parse("HEAD^{/fix: typo}:a/b.md").unwrap();
        assert_eq!(
            (r.rev.as_str(), r.path.as_str()),
            ("HEAD^{/fix: typo}", "a/b.md")
        );
        assert_eq!(Revision::parse("v2:./b.md").unwrap().path, "./b.md");
        for not in [
            "story.md",
            ":story.md",
            "HEAD:",
            "https://a.example/x",
            "C:\\x.txt",
        ] {
            assert_eq!(Revision::parse(not), None, "{not}");
        }
    }

    #[test]
    fn normalizes_inside_the_tree() {
        assert_eq!(
            normalize(Path::new("a/./b/../c")).unwrap(),
            Path::new("a/c")
        );
        assert!(normalize(Path::new("../x")).is_err());
    }
}
