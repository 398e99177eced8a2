//! The reader as a live terminal program, without a terminal: the mouse (hit-testing checked
//! against the drawn screen), the clipboard's OSC 52 output, and files reloaded from disk.

use std::path::Path;
use std::sync::Arc;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{app, app_with, assert_cursor_visible, cursor_text, press, samples};
use crate::config;
use crate::document::{Corpus, DocId, LoadOptions, Source};
use crate::review::Place;
use crate::tui::app::{App, Effect, Layout, Mode, Overlay};
use crate::tui::clipboard::Terminal as Term;
use crate::tui::panel::Tab;
use crate::tui::reload::read_again;
use crate::tui::theme::Depth;
use crate::tui::{Setup, analyse, render, view};

fn drawn(app: &App) -> Vec<String> {
    let (w, h) = app.screen.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    render::to_text(t.backend().buffer(), false)
        .lines()
        .map(String::from)
        .collect()
}

/// The columns `from..from + len` of a drawn row.
fn cols(row: &str, from: usize, len: usize) -> String {
    row.chars().skip(from).take(len).collect()
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

fn click(app: &mut App, column: u16, row: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), column, row);
}

#[test]
fn a_click_focuses_the_pane_and_puts_the_cursor_on_the_sentence_drawn_there() {
    // 120 columns, three panes of 39 with separators: the second pane starts at column 40.
    let mut a = app((120, 30));
    assert_eq!(a.geometry().pane_width, 39);
    let screen = drawn(&a);
    let with_text: Vec<u16> = (2..25u16)
        .filter(|&y| {
            cols(&screen[usize::from(y)], 43, 30)
                .chars()
                .any(char::is_alphabetic)
        })
        .collect();
    assert!(with_text.len() > 5, "{}", screen.join("\n"));
    for &row in with_text.iter().step_by(3) {
        click(&mut a, 55, row);
        assert_eq!(a.screen.focus, DocId(1));
        assert_eq!(a.mode, Mode::Normal);
        let screen = drawn(&a);
        let gutter = |y: u16| screen[usize::from(y)].chars().nth(40).unwrap_or(' ');
        // The clicked line is the cursor sentence's first line (▶) or one of its next (▕).
        let first = (1..=row).rev().find(|&y| gutter(y) != '▕').unwrap();
        assert_eq!(gutter(first), '▶', "row {row}:\n{}", screen.join("\n"));
    }
    // A click in the blank part of an aligned row takes the pane's sentence of that row.
    let blank = (2..25u16).find(|y| {
        let pane = cols(&drawn(&a)[usize::from(*y)], 40, 38);
        pane.trim().is_empty() && !with_text.contains(y)
    });
    if let Some(row) = blank {
        click(&mut a, 55, row);
        assert!(drawn(&a).iter().any(|l| l.chars().nth(40) == Some('▶')));
    }
    // The header focuses without moving the cursor.
    let cursor = a.cursor(DocId(1));
    click(&mut a, 5, 0);
    assert_eq!(a.screen.focus, DocId(0));
    assert_eq!(a.cursor(DocId(1)), cursor);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut by_keys = app((120, 30));
    press(&mut by_keys, "<C-e><C-e><C-e>");
    let mut a = app((120, 30));
    // Aligned panes share their top: the wheel over any of them scrolls them all.
    mouse(&mut a, MouseEventKind::ScrollDown, 100, 10);
    assert_eq!(a.top(DocId(0)), by_keys.top(DocId(0)));
    assert_ne!(a.top(DocId(0)), Default::default());
    mouse(&mut a, MouseEventKind::ScrollUp, 100, 10);
    assert_eq!(a.top(DocId(0)), Default::default());

    // In reading layout the pane under the pointer scrolls alone, and focus stays.
    let mut r = app_with(samples(), (120, 30), "[display]\nsync_scroll = false");
    press(&mut r, "t");
    assert_eq!(r.effective_layout(), Layout::Reading);
    mouse(&mut r, MouseEventKind::ScrollDown, 60, 10);
    assert_eq!(r.screen.focus, DocId(0));
    assert_ne!(r.top(DocId(1)), Default::default());
    assert_eq!(r.top(DocId(0)), Default::default());
    assert_eq!(r.top(DocId(2)), Default::default());
    assert_cursor_visible(&r);

    // Over the help, the wheel scrolls it; a click closes it.
    press(&mut r, "?");
    mouse(&mut r, MouseEventKind::ScrollDown, 60, 10);
    assert!(matches!(
        r.mode,
        Mode::Overlay(Overlay::Help { scroll: 1, .. })
    ));
    click(&mut r, 60, 10);
    assert_eq!(r.mode, Mode::Normal);
}

#[test]
fn clicks_in_the_panel_select_rows_and_tabs() {
    let mut a = app((120, 30));
    press(&mut a, "p");
    let panes = a.screen.size.0 - a.geometry().panel_width;
    click(&mut a, 10, 5);
    assert_eq!(
        a.mode,
        Mode::Normal,
        "a click in a pane takes the keys back"
    );
    click(&mut a, panes + 8, 3);
    assert_eq!(a.mode, Mode::Panel);
    let screen = drawn(&a);
    let row = cols(&screen[3], usize::from(panes) + 1, 3);
    assert!(row.starts_with('▶'), "{}", screen.join("\n"));
    assert_eq!(a.panel.selected[1], 2);
    // A second click jumps to the row's item, as Enter does.
    click(&mut a, panes + 8, 3);
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.item.is_some());

    let tabs = drawn(&a)[0].clone();
    let width = a.geometry().panel_width - 1;
    let (_, label) = view::panel_tabs(&a, width)
        .into_iter()
        .find(|(t, _)| *t == Tab::Claims)
        .unwrap();
    let at = tabs.find(&label).unwrap();
    let column = tabs[..at].chars().count() as u16 + 1;
    click(&mut a, column, 0);
    assert_eq!(a.panel.tab, Tab::Claims);
    mouse(&mut a, MouseEventKind::ScrollDown, panes + 8, 8);
    assert_eq!(a.panel.selected[2], 3);
}

#[test]
fn mouse_capture_toggles_and_is_configurable() {
    let mut a = app((120, 30));
    assert!(a.screen.mouse);
    press(&mut a, "M");
    assert_eq!(a.effects, vec![Effect::MouseCapture(false)]);
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .starts_with("mouse off")
    );
    click(&mut a, 55, 5);
    assert_eq!(a.screen.focus, DocId(0), "clicks are the terminal's now");
    a.effects.clear();
    press(&mut a, "M");
    assert_eq!(a.effects, vec![Effect::MouseCapture(true)]);
    assert!(a.status.message.as_deref().unwrap().starts_with("mouse on"));

    let off = app_with(samples(), (80, 24), "[display]\nmouse = false");
    assert!(!off.screen.mouse);
}

/// The text an OSC 52 escape carries.
fn clipboard(escape: &str) -> String {
    use base64::Engine;
    let payload = escape
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.split('\x07').next())
        .unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

fn last_write(a: &App) -> String {
    match a.effects.last() {
        Some(Effect::Write(s)) => s.clone(),
        other => panic!("no write: {other:?}"),
    }
}

#[test]
fn y_copies_the_claim_with_its_source_and_capital_y_every_version() {
    let mut a = app((120, 30));
    a.terminal = Term {
        tmux: false,
        term: "xterm-256color".into(),
    };
    press(&mut a, "]a");
    let item = a.item.unwrap();
    let d = a.model.corpus.documents[0].clone();
    let claim = d.slice(a.items().span(item).unwrap());
    let claim = claim.split_whitespace().collect::<Vec<_>>().join(" ");
    press(&mut a, "y");
    let text = clipboard(&last_write(&a));
    assert_eq!(
        text,
        format!("{claim}\n— {} (1-wire.txt)\n", d.title),
        "{text}"
    );
    let said = a.status.message.clone().unwrap();
    assert!(
        said.starts_with("copied the claim from 1:1-wire.txt"),
        "{said}"
    );

    press(&mut a, "Y");
    let all = clipboard(&last_write(&a));
    assert!(all.starts_with(&format!("1: {} (1-wire.txt)\n{claim}\n\n2: ", d.title)));
    assert!(all.contains("\n3: "), "{all}");
    assert!(a.status.message.as_deref().unwrap().contains("versions"));

    // A sentence with no quote or claim is copied as the sentence.
    press(&mut a, "gg");
    a.item = None;
    press(&mut a, "y");
    let first = cursor_text(&a, DocId(0));
    assert!(clipboard(&last_write(&a)).starts_with(first.split_whitespace().next().unwrap()));
}

#[test]
fn the_clipboard_escape_suits_tmux_and_doubts_the_console() {
    let mut a = app((120, 30));
    a.terminal = Term {
        tmux: true,
        term: "tmux-256color".into(),
    };
    press(&mut a, "y");
    let escape = last_write(&a);
    assert!(
        escape.contains("\x07\x1bPtmux;\x1b\x1b]52;c;"),
        "{escape:?}"
    );
    assert!(escape.ends_with("\x07\x1b\\"));
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("set-clipboard on")
    );
    a.terminal = Term {
        tmux: false,
        term: "linux".into(),
    };
    press(&mut a, "y");
    assert!(!last_write(&a).contains("tmux"));
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("may not reach")
    );
}

const FIRST: &str = "The ferry to Nolde Island stopped running on Monday.\n\nHarbour master \
Pia Venn said the pier needs repairs. Engineers will inspect it this week. The council has \
set aside 40,000 crowns.\n\nIslanders can use the water taxi until then.\n";
const SECOND: &str = "The ferry to Nolde Island was halted on Monday.\n\nHarbour master Pia \
Venn said the pier needs repairs. Engineers will look at it this week. The council has set \
aside 40,000 crowns.\n\nIslanders can use the water taxi until then.\n";

/// Two files in a temporary directory, opened in the reader (with a review session there when
/// asked), analysed.
fn files(dir: &Path, review: bool) -> App {
    std::fs::write(dir.join("a.txt"), FIRST).unwrap();
    std::fs::write(dir.join("b.txt"), SECOND).unwrap();
    let sources = [
        Source::Path(dir.join("a.txt")),
        Source::Path(dir.join("b.txt")),
    ];
    let corpus = Arc::new(Corpus::load(&sources, &LoadOptions::default()).unwrap());
    let config = config::from_str("", "test.toml").unwrap();
    let place = review.then(|| Place::Dir(dir.join("sessions")));
    let setup = Setup::new(&config, None, Some(Depth::None), place).unwrap();
    let mut app = setup.app(Arc::clone(&corpus));
    app.resize(120, 30);
    app.install(analyse(corpus));
    app
}

fn reload(a: &mut App, docs: &[u32]) {
    let docs: Vec<DocId> = docs.iter().map(|&d| DocId(d)).collect();
    let r = read_again(&a.model.corpus, &docs, &LoadOptions::default());
    a.reloaded(r);
}

#[test]
fn a_changed_file_is_reloaded_with_the_cursor_on_its_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = files(dir.path(), false);
    press(&mut a, "jj");
    let before = cursor_text(&a, DocId(0));
    let at = a.cursor(DocId(0));
    assert!(before.starts_with("Engineers"), "{before}");
    let cursor_row = |a: &App| drawn(a).iter().position(|l| l.starts_with('▶'));
    let row = cursor_row(&a);
    assert!(row.is_some());
    let edited = format!("Update: a new opening paragraph was added.\n\n{FIRST}");
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
    reload(&mut a, &[0]);
    assert_eq!(
        cursor_row(&a),
        row,
        "the cursor stays on its line of the screen"
    );
    assert_eq!(
        cursor_text(&a, DocId(0)),
        before,
        "{at} → {}",
        a.cursor(DocId(0))
    );
    assert_eq!(a.cursor(DocId(0)), at + 1);
    let said = a.status.message.clone().unwrap();
    assert_eq!(said, "a.txt changed on disk: reloaded");
    assert!(a.status.progress.is_some(), "aligning again");
    assert!(!a.model.analysed());
    assert_cursor_visible(&a);
    press(&mut a, "gg");
    let screen = drawn(&a).join("\n");
    assert!(screen.contains("Update: a new opening"), "{screen}");
    press(&mut a, "jjj");

    // The analysis lands for the new text.
    let corpus = Arc::clone(&a.model.corpus);
    a.install(analyse(corpus));
    assert!(a.model.analysed());
    assert_eq!(cursor_text(&a, DocId(0)), before);
    assert_cursor_visible(&a);

    // Saved again with the same text: nothing to say.
    press(&mut a, "j");
    reload(&mut a, &[0]);
    assert_eq!(a.status.message, None);
    assert!(a.model.analysed());
}

#[test]
fn a_vanished_file_keeps_its_text_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = files(dir.path(), false);
    let text = a.model.corpus.documents[1].text.clone();
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    reload(&mut a, &[1]);
    let said = a.status.message.clone().unwrap();
    assert!(said.contains("b.txt: no such file"), "{said}");
    assert!(said.ends_with("showing its last text"), "{said}");
    assert_eq!(a.model.corpus.documents[1].text, text);
    assert!(a.model.analysed(), "nothing to align again");
    let header = |a: &App| cols(&drawn(a)[0], 60, 60);
    assert!(header(&a).contains('⚠'), "marked unfocused");
    press(&mut a, "l");
    assert!(header(&a).contains('⚠'), "and focused");

    // Replaced by a directory: the same.
    std::fs::create_dir(dir.path().join("b.txt")).unwrap();
    reload(&mut a, &[1]);
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("is a directory")
    );
    std::fs::remove_dir(dir.path().join("b.txt")).unwrap();

    std::fs::write(dir.path().join("b.txt"), SECOND).unwrap();
    reload(&mut a, &[1]);
    assert_eq!(
        a.status.message.as_deref(),
        Some("b.txt is back on disk, unchanged")
    );
    assert!(!header(&a).contains('⚠'));
}

#[test]
fn review_marks_follow_a_reloaded_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = files(dir.path(), true);
    press(&mut a, "]cv1");
    let said = a.status.message.clone().unwrap();
    assert!(said.starts_with("difference: verified"), "{said}");
    let mark = a.review.session.as_ref().unwrap().marks()[0].clone();

    let edited = format!("Update: a new opening paragraph was added.\n\n{FIRST}");
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
    reload(&mut a, &[0]);
    let said = a.status.message.clone().unwrap();
    assert!(
        said.ends_with("review: 1 mark(s) re-anchored, 0 orphaned (saved)"),
        "{said}"
    );
    let session = a.review.session.as_ref().unwrap();
    let moved = &session.marks()[0];
    assert_ne!(moved.span(), mark.span());
    assert_eq!(a.model.corpus.documents[0].slice(moved.span()), mark.text);
    let saved = std::fs::read_to_string(session.path()).unwrap();
    assert!(
        saved.contains(&format!("\"start\": {}", moved.start)),
        "{saved}"
    );
    assert!(a.mark_in_sentence(DocId(0), a.cursor(DocId(0))).is_some());
}
