//! Git revisions through the real binary, in a repository this test builds with gix (no `git`
//! command): `REV:path` in git's notation, `--revisions N`, a file named like a revision, the
//! origin shown everywhere, a review session on revisions, and one-line errors.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use gix::objs::tree::{Entry, EntryKind};

fn parallax(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    cmd.env("PARALLAX_CONFIG", "")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    cmd
}

fn inspect(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = parallax(dir)
        .args(["inspect", "--format", "json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    json["documents"].as_array().unwrap().clone()
}

fn refused(dir: &Path, args: &[&str], reason: &str) {
    let assert = parallax(dir).args(args).assert().code(2).stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(reason), "expected {reason:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Writes a tree of `files` (one level of directories at most) and commits it on HEAD.
fn commit(
    repo: &gix::Repository,
    files: &[(&str, &[u8])],
    parent: Option<gix::ObjectId>,
    n: u32,
) -> gix::ObjectId {
    let blob = |data: &[u8]| repo.write_blob(data).unwrap().detach();
    let mut root: Vec<Entry> = Vec::new();
    let mut sub: std::collections::BTreeMap<&str, Vec<Entry>> = Default::default();
    for (path, data) in files {
        let entry = |name: &str| Entry {
            mode: EntryKind::Blob.into(),
            filename: name.into(),
            oid: blob(data),
        };
        match path.split_once('/') {
            Some((dir, name)) => sub.entry(dir).or_default().push(entry(name)),
            None => root.push(entry(path)),
        }
    }
    for (dir, mut entries) in sub {
        entries.sort();
        let id = repo.write_object(&gix::objs::Tree { entries }).unwrap();
        root.push(Entry {
            mode: EntryKind::Tree.into(),
            filename: dir.into(),
            oid: id.detach(),
        });
    }
    root.sort();
    let tree = repo
        .write_object(&gix::objs::Tree { entries: root })
        .unwrap();
    let time = format!("{} +0000", 1_700_000_000 + 3600 * n);
    let who = gix::actor::SignatureRef {
        name: "Test Writer".into(),
        email: "writer@example.com".into(),
        time: &time,
    };
    repo.commit_as(who, who, "HEAD", format!("version {n}"), tree, parent)
        .unwrap()
        .detach()
}

const V1: &str = "The ferry leaves at nine.\n\nTickets cost four euros.\n";
const V2: &str = "The ferry leaves at half past nine.\n\nTickets cost four euros.\n";
const V3: &str = "The ferry leaves at ten.\n\nTickets cost five euros.\n";
const WORKING: &str = "The ferry leaves at ten past ten.\n\nTickets cost five euros.\n";
const NOTE: &str = "Harbour notes for the crews.\n";

/// Four commits: the story changes in the first, second and fourth; the third only adds a logo.
fn repository() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let repo = gix::init(dir.path()).unwrap();
    let logo: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    let c1 = commit(
        &repo,
        &[
            ("story.md", V1.as_bytes()),
            ("docs/note.md", NOTE.as_bytes()),
        ],
        None,
        1,
    );
    let c2 = commit(
        &repo,
        &[
            ("story.md", V2.as_bytes()),
            ("docs/note.md", NOTE.as_bytes()),
        ],
        Some(c1),
        2,
    );
    let c3 = commit(
        &repo,
        &[
            ("story.md", V2.as_bytes()),
            ("docs/note.md", NOTE.as_bytes()),
            ("logo.png", logo),
        ],
        Some(c2),
        3,
    );
    let c4 = commit(
        &repo,
        &[
            ("story.md", V3.as_bytes()),
            ("docs/note.md", NOTE.as_bytes()),
            ("logo.png", logo),
        ],
        Some(c3),
        4,
    );
    fs::write(dir.path().join("story.md"), WORKING).unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/note.md"), NOTE).unwrap();
    let short = |id: gix::ObjectId| {
        repo.find_object(id)
            .unwrap()
            .id()
            .shorten_or_id()
            .to_string()
    };
    let ids = [c1, c2, c3, c4].into_iter().map(short).collect();
    (dir, ids)
}

fn first_sentence(doc: &serde_json::Value) -> &str {
    doc["sentences"][0]["text"].as_str().unwrap()
}

#[test]
fn revisions_in_git_notation() {
    let (repo, ids) = repository();
    let r = repo.path();
    let docs = inspect(r, &["HEAD~2:story.md", "HEAD:story.md", "story.md"]);
    assert_eq!(docs[0]["path"], format!("HEAD~2:story.md ({})", ids[1]));
    assert_eq!(
        first_sentence(&docs[0]),
        "The ferry leaves at half past nine."
    );
    assert_eq!(docs[1]["path"], format!("HEAD:story.md ({})", ids[3]));
    assert_eq!(first_sentence(&docs[1]), "The ferry leaves at ten.");
    assert_eq!(docs[2]["path"], "story.md");

    // From a subdirectory: as in git, a plain path starts at the top, `./` here.
    let sub = r.join("docs");
    let note = inspect(&sub, &["HEAD:docs/note.md", "HEAD:./note.md"]);
    assert_eq!(first_sentence(&note[0]), "Harbour notes for the crews.");
    assert_eq!(first_sentence(&note[1]), "Harbour notes for the crews.");
    refused(
        &sub,
        &["inspect", "HEAD:note.md"],
        "did you mean 'HEAD:./note.md'?",
    );

    // The reports and compare take revisions too.
    let out = parallax(r)
        .args(["compare", "--stats", "HEAD~3:story.md", "HEAD~2:story.md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains(&format!("HEAD~3:story.md ({})", ids[0])),
        "{text}"
    );
}

#[test]
fn last_revisions_that_changed_the_file_then_the_working_copy() {
    let (repo, ids) = repository();
    let docs = inspect(repo.path(), &["--revisions", "5", "story.md"]);
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    // The third commit left the story as it was.
    let expected = [
        format!("{}:story.md", ids[0]),
        format!("{}:story.md", ids[1]),
        format!("{}:story.md", ids[3]),
        "story.md".to_string(),
    ];
    assert_eq!(paths, expected);
    let two = inspect(repo.path(), &["--revisions", "2", "story.md"]);
    assert_eq!(two.len(), 3);
    assert_eq!(
        first_sentence(&two[0]),
        "The ferry leaves at half past nine."
    );
    assert_eq!(first_sentence(&two[2]), "The ferry leaves at ten past ten.");

    // compare needs two documents, and --revisions 1 gives them.
    parallax(repo.path())
        .args(["compare", "--revisions", "1", "--stats", "story.md"])
        .assert()
        .success();
}

#[test]
fn a_file_named_like_a_revision_is_the_file() {
    let (repo, _) = repository();
    fs::write(
        repo.path().join("HEAD:story.md"),
        "A file with an odd name.\n",
    )
    .unwrap();
    let docs = inspect(repo.path(), &["HEAD:story.md"]);
    assert_eq!(docs[0]["path"], "HEAD:story.md");
    assert_eq!(first_sentence(&docs[0]), "A file with an odd name.");
}

#[test]
fn revision_errors_are_one_line() {
    let (repo, _) = repository();
    let r = repo.path();
    refused(
        r,
        &["inspect", "HEAD~9:story.md"],
        "HEAD~9:story.md: unknown revision 'HEAD~9'",
    );
    refused(
        r,
        &["inspect", "HEAD:gone.md"],
        "HEAD:gone.md: no file 'gone.md' at HEAD (",
    );
    refused(r, &["inspect", "HEAD:logo.png"], "looks like binary data");
    refused(
        r,
        &["inspect", "HEAD:docs"],
        "HEAD:docs: is a directory at HEAD",
    );
    refused(
        r,
        &["inspect", "--revisions", "2", "unknown.md"],
        "unknown.md: never committed",
    );
    let elsewhere = tempfile::tempdir().unwrap();
    refused(
        elsewhere.path(),
        &["inspect", "HEAD:story.md"],
        "HEAD:story.md: not inside a git repository",
    );
}

#[test]
fn a_review_session_on_revisions_reopens() {
    let (repo, ids) = repository();
    let r = repo.path();
    let session = r.join("review.json");
    let run = |keys: &str| {
        let out = parallax(r)
            .args(["render", "--size", "100x30", "--keys", keys, "--session"])
            .arg(&session)
            .args(["HEAD~3:story.md", "HEAD:story.md"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8_lossy(&out).into_owned()
    };
    assert!(run("v1").contains("verified (saved)"));
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&session).unwrap()).unwrap();
    assert_eq!(
        saved["documents"][0]["path"],
        format!("HEAD~3:story.md ({})", ids[0])
    );
    assert_eq!(saved["marks"].as_array().unwrap().len(), 1, "{saved}");
    // Opened again, the session pairs its documents with the revisions: the mark counts.
    let screen = run("");
    assert!(screen.contains(" 1/"), "{screen}");
    assert!(!screen.contains("orphan"), "{screen}");
}
