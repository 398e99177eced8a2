//! Review in the reader, driven by keys: verdicts, notes, clearing, filters, the Review list,
//! saving at once and reopening, read-only sessions.

use std::sync::Arc;

use super::{press, samples};
use crate::config;
use crate::document::DocId;
use crate::review::Place;
use crate::tui::app::{App, Mode};
use crate::tui::panel::{Tab, Target};
use crate::tui::theme::Depth;
use crate::tui::{Setup, analyse};

fn reviewing(dir: &std::path::Path) -> App {
    let config = config::from_str("", "test.toml").unwrap();
    let setup = Setup::new(
        &config,
        None,
        Some(Depth::None),
        Some(Place::Dir(dir.to_path_buf())),
    )
    .unwrap();
    let corpus = Arc::new(samples());
    let mut app = setup.app(Arc::clone(&corpus));
    app.resize(140, 40);
    app.install(analyse(corpus));
    app
}

#[test]
fn verdicts_and_notes_are_saved_at_once_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = reviewing(dir.path());
    press(&mut a, "]a]av");
    assert_eq!(a.mode, Mode::Verdict);
    press(&mut a, "2");
    assert_eq!(a.status.message.as_deref(), Some("claim: disputed (saved)"));
    let target = a.review_target().unwrap();
    press(&mut a, "iSource says otherwise<C-w>nothing<Enter>");
    assert_eq!(a.status.message.as_deref(), Some("note written (saved)"));
    // A difference: a sentence with no quote or claim of its own that moved in another version.
    press(&mut a, "<Esc>/It didn<Enter>v1");
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .starts_with("difference: verified"),
        "{:?}",
        a.status.message
    );
    drop(a);

    let b = reviewing(dir.path());
    let session = b.review.session.as_ref().unwrap();
    let mark = session.mark(target.kind, target.doc, target.span).unwrap();
    assert_eq!(mark.verdict.as_deref(), Some("disputed"));
    assert_eq!(mark.note, "Source says nothing");
    assert_eq!(session.marks().len(), 2);
    assert_eq!(b.panel_rows(Tab::Review).len(), 2);
}

#[test]
fn note_editing_prefills_and_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = reviewing(dir.path());
    press(&mut a, "]qiFirst<Enter>");
    press(&mut a, "i");
    assert!(matches!(&a.mode, Mode::Input { line, .. } if line.text() == "First"));
    press(&mut a, "<Esc>");
    let target = a.review_target().unwrap();
    assert_eq!(
        a.mark_for(target.kind, DocId(0), target.span).unwrap().note,
        "First"
    );
    press(&mut a, "i<C-u><Enter>");
    assert!(
        a.mark_for(target.kind, DocId(0), target.span).is_none(),
        "empty note, no verdict: gone"
    );
    press(&mut a, "v1x");
    assert_eq!(
        a.status.message.as_deref(),
        Some("verdict and note cleared (saved)")
    );
    assert!(a.review.session.as_ref().unwrap().marks().is_empty());
}

#[test]
fn nothing_to_review_and_cancelled_picker_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = reviewing(dir.path());
    // The headline row: identical nowhere, but on no claim or quote and moved? Find a plain one.
    press(&mut a, "v<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    let text = "Same words here. Same words here too.";
    let corpus = Arc::new(super::corpus_of(&[text, text]));
    let config = config::from_str("", "test.toml").unwrap();
    let setup = Setup::new(
        &config,
        None,
        Some(Depth::None),
        Some(Place::Dir(dir.path().join("other"))),
    )
    .unwrap();
    let mut b = setup.app(Arc::clone(&corpus));
    b.install(analyse(corpus));
    press(&mut b, "v");
    assert!(
        b.status
            .message
            .as_deref()
            .unwrap()
            .starts_with("nothing to review here")
    );
}

#[test]
fn filters_show_unreviewed_or_one_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = reviewing(dir.path());
    let all = a.panel_rows(Tab::Quotes).len();
    press(&mut a, "]qv2");
    press(&mut a, "F");
    assert_eq!(a.panel_rows(Tab::Quotes).len(), all - 1, "unreviewed only");
    press(&mut a, "F");
    assert_eq!(a.panel_rows(Tab::Quotes).len(), 0, "only verified: none");
    press(&mut a, "F");
    let disputed = a.panel_rows(Tab::Quotes);
    assert_eq!(disputed.len(), 1, "only disputed");
    assert!(disputed[0].label.starts_with("[disputed]"));
    assert!(matches!(disputed[0].target, Target::Item(_)));
}

#[test]
fn a_second_reader_is_read_only_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let first = reviewing(dir.path());
    let mut second = reviewing(dir.path());
    assert!(first.review.session.as_ref().unwrap().is_writable());
    assert!(!second.review.session.as_ref().unwrap().is_writable());
    press(&mut second, "]av1");
    assert!(
        second
            .status
            .message
            .as_deref()
            .unwrap()
            .contains("review changes cannot be saved")
    );
}

#[test]
fn export_from_the_reader_writes_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = reviewing(dir.path());
    press(&mut a, "]av2iCheck the figure<Enter>E");
    let msg = a.status.message.clone().unwrap();
    assert!(msg.starts_with("review exported to "), "{msg}");
    let path = msg.trim_start_matches("review exported to ");
    let md = std::fs::read_to_string(path).unwrap();
    assert!(
        md.contains("disputed") && md.contains("Check the figure"),
        "{md}"
    );
}

#[test]
fn an_unwritable_data_dir_opens_and_says_changes_cannot_be_saved() {
    // Nothing can be created under /proc, not even by root.
    let mut a = reviewing(std::path::Path::new("/proc/parallax-cannot-write-here"));
    let opened = a.status.message.clone().unwrap_or_default();
    assert!(opened.starts_with("review is read-only"), "{opened}");
    press(&mut a, "]av1");
    let refused = a.status.message.clone().unwrap();
    assert!(
        refused.contains("review changes cannot be saved"),
        "{refused}"
    );
    assert!(
        a.review.session.as_ref().unwrap().marks().is_empty(),
        "nothing pretends to be saved"
    );
}
