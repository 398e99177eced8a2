//! Review sessions through the library: marks survive closing and reopening (and renaming the
//! files), unusable session files are never overwritten, the lock keeps a second reader
//! read-only and a dead owner's lock is taken over, edited documents re-anchor their marks.

use std::fs;
use std::path::{Path, PathBuf};

use parallax::document::{Corpus, DocId, LoadOptions, Source, Span};
use parallax::review::{Access, Item, ItemKind, OpenOutcome, Place, ReadOnlyReason, Session};

const WIRE: &str = include_str!("../assets/samples/1-wire.txt");
const REWRITE: &str = include_str!("../assets/samples/2-rewrite.txt");
const CLAIM: &str = "said 1,240 homes were flooded";
const QUOTE: &str = "cautious on paper and careless in practice";

fn verdicts() -> Vec<String> {
    parallax::config::from_str("", "defaults")
        .unwrap()
        .review
        .verdicts
        .0
}

/// Writes each (name, text) into `dir` and returns the paths.
fn write_docs(dir: &Path, docs: &[(&str, &str)]) -> Vec<PathBuf> {
    docs.iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn load(paths: &[PathBuf]) -> Corpus {
    let sources: Vec<Source> = paths.iter().map(|p| Source::Path(p.clone())).collect();
    Corpus::load(&sources, &LoadOptions::default()).unwrap()
}

fn open(corpus: &Corpus, sessions: &Path) -> OpenOutcome {
    Session::open(corpus, &Place::Dir(sessions.to_path_buf()), &verdicts())
}

/// The item covering the first `needle` in document `doc`.
fn item(corpus: &Corpus, doc: u32, kind: ItemKind, needle: &str) -> Item {
    let d = corpus.get(DocId(doc)).unwrap();
    let at = d.text.find(needle).expect("needle in document");
    Item::new(kind, d, Span::new(at, at + needle.len()))
}

fn read_only_reason(session: &Session) -> ReadOnlyReason {
    match session.access() {
        Access::ReadOnly(reason) => reason.clone(),
        Access::Writable => panic!("expected a read-only session"),
    }
}

/// Opens a fresh session on the two samples, marks a claim and a quote, saves, closes.
/// Returns the corpus and the session file's path.
fn reviewed(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let paths = write_docs(dir, &[("wire.txt", WIRE), ("rewrite.txt", REWRITE)]);
    let corpus = load(&paths);
    let mut s = open(&corpus, &dir.join("sessions")).session;
    let claim = item(&corpus, 0, ItemKind::Claim, CLAIM)
        .with_counterpart(corpus.get(DocId(1)).unwrap(), Span::new(0, 10));
    s.set_verdict(&claim, "disputed").unwrap();
    s.set_note(&claim, "rewrite says 1,200").unwrap();
    s.set_verdict(&item(&corpus, 0, ItemKind::Quote, QUOTE), "verified")
        .unwrap();
    assert!(s.save().unwrap(), "a change is written");
    (paths, s.path().to_path_buf())
}

#[test]
fn marks_survive_reopening_even_with_renamed_files() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    assert!(file.starts_with(dir.path().join("sessions")));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"version\": 1"), "{text}");
    assert!(
        text.contains("rewrite says 1,200"),
        "human-readable: {text}"
    );

    // Renamed and given in the other order: the same review.
    let renamed: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            p.with_file_name(format!(
                "moved-{}",
                p.file_name().unwrap().to_string_lossy()
            ))
        })
        .collect();
    for (a, b) in paths.iter().zip(&renamed) {
        fs::rename(a, b).unwrap();
    }
    let corpus = load(&[renamed[1].clone(), renamed[0].clone()]);
    let outcome = open(&corpus, &dir.path().join("sessions"));
    let s = outcome.session;
    assert!(s.is_writable());
    assert_eq!(s.path(), file);
    let claim = item(&corpus, 1, ItemKind::Claim, CLAIM);
    let mark = s
        .mark(ItemKind::Claim, DocId(1), claim.span)
        .expect("claim kept");
    assert_eq!(mark.verdict.as_deref(), Some("disputed"));
    assert_eq!(mark.note(), Some("rewrite says 1,200"));
    assert_eq!(mark.text, CLAIM);
    assert_eq!(
        mark.text_in(0),
        Some(&REWRITE[..10]),
        "counterpart moved with its document"
    );
    assert_eq!(s.progress(10).to_string(), "2/10 reviewed");
    assert_eq!(s.marks_in(DocId(1), claim.span).count(), 1);
    assert!(s.documents()[1].path.ends_with("moved-wire.txt"));
}

#[test]
fn clearing_verdict_and_note_removes_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_docs(dir.path(), &[("a.txt", WIRE)]);
    let corpus = load(&paths);
    let mut s = open(&corpus, dir.path()).session;
    let claim = item(&corpus, 0, ItemKind::Claim, CLAIM);
    let err = s.set_verdict(&claim, "probably fine").unwrap_err();
    assert!(err.to_string().contains("verified, disputed"), "{err}");
    s.set_verdict(&claim, "verified").unwrap();
    s.set_note(&claim, "checked with NWA").unwrap();
    s.clear_verdict(&claim).unwrap();
    assert_eq!(s.marks().len(), 1, "the note keeps the mark");
    s.set_note(&claim, "  ").unwrap();
    assert!(s.marks().is_empty());
    assert!(s.is_dirty());
    s.save().unwrap();
    assert!(!s.is_dirty());
    assert!(!s.save().unwrap(), "nothing to write");
}

/// Reviews the two samples, then replaces the session file's bytes with `spoil(bytes)`.
fn spoiled_session(dir: &Path, spoil: impl Fn(&[u8]) -> Vec<u8>) -> (Corpus, PathBuf, Vec<u8>) {
    let (paths, file) = reviewed(dir);
    let spoiled = spoil(&fs::read(&file).unwrap());
    fs::write(&file, &spoiled).unwrap();
    (load(&paths), file, spoiled)
}

fn assert_kept_read_only(corpus: &Corpus, dir: &Path, file: &Path, bytes: &[u8], why: &str) {
    let outcome = open(corpus, &dir.join("sessions"));
    let mut s = outcome.session;
    let reason = read_only_reason(&s);
    let message = reason.to_string();
    assert!(
        matches!(reason, ReadOnlyReason::Unusable { .. }),
        "{message}"
    );
    assert!(message.contains(why), "{message}");
    assert!(message.contains(&file.display().to_string()), "{message}");
    let err = s
        .set_verdict(&item(corpus, 0, ItemKind::Claim, CLAIM), "verified")
        .unwrap_err();
    assert!(err.to_string().contains("cannot be saved"), "{err}");
    assert!(!s.save().unwrap());
    drop(s);
    assert_eq!(fs::read(file).unwrap(), bytes, "never overwritten");
}

#[test]
fn corrupt_session_is_kept_and_a_fresh_one_starts_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, file, garbage) = spoiled_session(dir.path(), |_| b"{ this is not json".to_vec());
    assert_kept_read_only(
        &corpus,
        dir.path(),
        &file,
        &garbage,
        "not a valid session file",
    );

    let mut s = open(&corpus, &dir.path().join("sessions")).session;
    let fresh = s.start_fresh().unwrap();
    assert_eq!(fresh.parent(), file.parent());
    assert!(
        fresh.to_string_lossy().ends_with(".fresh-1.json"),
        "{}",
        fresh.display()
    );
    assert!(s.is_writable());
    s.set_verdict(&item(&corpus, 0, ItemKind::Claim, CLAIM), "verified")
        .unwrap();
    s.save().unwrap();
    drop(s);
    assert_eq!(fs::read(&file).unwrap(), garbage);

    // Next time the fresh session is found, and the broken file is still mentioned.
    let outcome = open(&corpus, &dir.path().join("sessions"));
    assert_eq!(outcome.session.path(), fresh);
    assert_eq!(outcome.session.marks().len(), 1);
    assert!(
        outcome.notices.iter().any(|n| n.contains("left as it is")),
        "{:?}",
        outcome.notices
    );
}

#[test]
fn truncated_session_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, file, half) = spoiled_session(dir.path(), |b| b[..b.len() / 2].to_vec());
    assert_kept_read_only(&corpus, dir.path(), &file, &half, "truncated");
}

#[test]
fn newer_session_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, file, newer) = spoiled_session(dir.path(), |b| {
        String::from_utf8_lossy(b)
            .replace("\"version\": 1", "\"version\": 9")
            .replace("\"marks\"", "\"annotations\"")
            .into_bytes()
    });
    assert_kept_read_only(&corpus, dir.path(), &file, &newer, "newer parallax");
}

#[test]
fn read_only_session_file_shows_marks_but_takes_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let mut perms = fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&file, perms).unwrap();
    let corpus = load(&paths);
    let mut s = open(&corpus, &dir.path().join("sessions")).session;
    assert_eq!(
        read_only_reason(&s),
        ReadOnlyReason::FileReadOnly(file.clone())
    );
    assert_eq!(s.marks().len(), 2, "the review is shown");
    let err = s.remove_mark(1).unwrap_err();
    assert!(err.to_string().contains("is read-only"), "{err}");
}

#[test]
fn second_reader_is_read_only_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let corpus = load(&paths);
    let first = open(&corpus, &dir.path().join("sessions")).session;
    assert!(first.is_writable());
    let mut second = open(&corpus, &dir.path().join("sessions")).session;
    let message = read_only_reason(&second).to_string();
    assert!(
        message.contains(&format!("pid {}", std::process::id())),
        "{message}"
    );
    assert_eq!(second.marks().len(), 2, "the review is shown");
    assert!(second.remove_mark(1).is_err());
    drop(first);
    let third = open(&corpus, &dir.path().join("sessions"));
    assert!(third.session.is_writable());
    assert_eq!(third.session.path(), file);
}

#[test]
fn lock_of_an_exited_process_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let lock = file.with_file_name(format!(
        "{}.lock",
        file.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&lock, format!("{dead}\n")).unwrap();

    let outcome = open(&load(&paths), &dir.path().join("sessions"));
    assert!(outcome.session.is_writable());
    assert!(
        outcome
            .notices
            .iter()
            .any(|n| n.contains(&format!("process {dead}"))),
        "{:?}",
        outcome.notices
    );
    assert_eq!(
        fs::read_to_string(&lock).unwrap().trim(),
        std::process::id().to_string()
    );
    drop(outcome);
    assert!(!lock.exists(), "released on drop");
}

#[test]
fn unwritable_directory_opens_but_says_nothing_can_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_docs(dir.path(), &[("a.txt", WIRE)]);
    // A directory under a plain file cannot be created, even by root.
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "").unwrap();
    let corpus = load(&paths);
    let mut s = open(&corpus, &blocker.join("sessions")).session;
    let reason = read_only_reason(&s);
    assert!(
        matches!(reason, ReadOnlyReason::Unwritable { .. }),
        "{reason}"
    );
    assert!(reason.to_string().contains("cannot be saved"), "{reason}");
    let err = s
        .set_verdict(&item(&corpus, 0, ItemKind::Claim, CLAIM), "verified")
        .unwrap_err();
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

#[test]
fn failed_save_is_reported_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_docs(dir.path(), &[("a.txt", WIRE)]);
    let corpus = load(&paths);
    let file = dir.path().join("review.json");
    let mut s = Session::open(&corpus, &Place::File(file.clone()), &verdicts()).session;
    let claim = item(&corpus, 0, ItemKind::Claim, CLAIM);
    s.set_verdict(&claim, "verified").unwrap();
    // The temporary file's name taken by a directory: the write fails as on a full disk.
    let temp = dir.path().join("review.json.tmp");
    fs::create_dir(&temp).unwrap();
    let err = s.save().unwrap_err();
    assert!(
        err.to_string().starts_with(&file.display().to_string()),
        "{err}"
    );
    assert!(s.is_dirty(), "the change is still pending");
    assert!(!file.exists());
    fs::remove_dir(&temp).unwrap();
    assert!(s.save().unwrap());
    assert!(fs::read_to_string(&file).unwrap().contains("verified"));
}

#[test]
fn interrupted_save_leaves_a_usable_session() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let temp = file.with_file_name(format!(
        "{}.tmp",
        file.file_name().unwrap().to_string_lossy()
    ));
    let intact = fs::read(&file).unwrap();

    // Killed while writing: a partial temporary file beside the intact session.
    fs::write(&temp, &intact[..intact.len() / 3]).unwrap();
    let corpus = load(&paths);
    let outcome = open(&corpus, &dir.path().join("sessions"));
    assert!(outcome.session.is_writable());
    assert_eq!(outcome.session.marks().len(), 2);
    assert!(!temp.exists(), "the partial save is cleaned up");
    assert_eq!(fs::read(&file).unwrap(), intact);
    drop(outcome);

    // Killed after writing, before the rename: that complete save is the latest state.
    let newer = String::from_utf8(intact.clone())
        .unwrap()
        .replace("rewrite says 1,200", "rewrite says 1,200 homes");
    fs::write(&temp, &newer).unwrap();
    let outcome = open(&corpus, &dir.path().join("sessions"));
    assert!(
        outcome.notices.iter().any(|n| n.contains("recovered")),
        "{:?}",
        outcome.notices
    );
    assert!(
        outcome
            .session
            .marks()
            .iter()
            .any(|m| m.note == "rewrite says 1,200 homes")
    );
    assert!(!temp.exists());
}

#[test]
fn edited_document_reanchors_marks_and_keeps_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let corpus = load(&paths);
    let mut s = open(&corpus, &dir.path().join("sessions")).session;
    let marked_sentence = "Marand said the inquiry would be led by Anton J. Kessel";
    s.set_note(
        &item(&corpus, 0, ItemKind::Claim, marked_sentence),
        "who appoints him?",
    )
    .unwrap();
    s.save().unwrap();
    drop(s);

    // The wire story is edited in place: a new first paragraph, the figure corrected, and a line
    // break and double space slipped into a marked sentence.
    let edited = WIRE
        .replacen("BRENNICK", "UPDATED 17 Jan.\n\nBRENNICK", 1)
        .replace("1,240 homes", "1,250 homes")
        .replace("led by Anton J. Kessel", "led by  Anton J.\nKessel");
    fs::write(&paths[0], &edited).unwrap();
    let corpus = load(&paths);
    let outcome = open(&corpus, &dir.path().join("sessions"));
    let s = &outcome.session;
    assert_eq!(
        s.path(),
        file,
        "found by the unchanged document and the path"
    );
    assert!(
        outcome.notices.iter().any(|n| n.contains("changed since")),
        "{:?}",
        outcome.notices
    );
    assert_eq!(s.marks().len(), 3, "nothing dropped");

    let quote = item(&corpus, 0, ItemKind::Quote, QUOTE);
    let mark = s
        .mark(ItemKind::Quote, DocId(0), quote.span)
        .expect("quote re-anchored");
    assert!(outcome.reanchored.contains(&mark.id));

    let moved = s
        .marks()
        .iter()
        .find(|m| m.note() == Some("who appoints him?"))
        .unwrap();
    assert!(!moved.orphaned);
    let doc = corpus.get(DocId(0)).unwrap();
    assert_eq!(
        doc.slice(moved.span()),
        "Marand said the inquiry would be led by  Anton J.\nKessel"
    );

    let orphan = s.marks().iter().find(|m| m.text == CLAIM).unwrap();
    assert!(orphan.orphaned);
    assert_eq!(outcome.orphaned, vec![orphan.id]);
    assert_eq!(orphan.verdict.as_deref(), Some("disputed"));
    assert_eq!(s.progress(5).to_string(), "1/5 reviewed, 1 orphaned");

    let mut report = Vec::new();
    s.export(parallax::review::ExportFormat::Md, &mut report)
        .unwrap();
    let report = String::from_utf8(report).unwrap();
    assert!(
        report.contains("Orphaned: this text is no longer in \\[0\\]"),
        "{report}"
    );
    assert!(
        report.contains("orphaned (text no longer in its document): 1"),
        "{report}"
    );
}

#[test]
fn explicit_session_keeps_marks_of_documents_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, file) = reviewed(dir.path());
    let only_rewrite = load(&paths[1..]);
    let outcome = Session::open(&only_rewrite, &Place::File(file.clone()), &verdicts());
    let mut s = outcome.session;
    assert!(s.is_writable());
    assert_eq!(s.documents().len(), 2);
    assert!(
        outcome.notices.iter().any(|n| n.contains("not open")),
        "{:?}",
        outcome.notices
    );
    assert_eq!(
        s.progress(4).reviewed,
        0,
        "marks on the wire story are not on screen"
    );
    s.set_verdict(
        &item(&only_rewrite, 0, ItemKind::Claim, "1,200 homes"),
        "verified",
    )
    .unwrap();
    s.save().unwrap();
    drop(s);

    let outcome = open(&load(&paths), &dir.path().join("sessions"));
    assert_eq!(outcome.session.marks().len(), 3);
}
