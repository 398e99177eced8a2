//! The reader driven by keys with no terminal: every binding does what the help says, on our
//! bundled samples and on small made-up documents; screens checked as `insta` snapshots.

mod annotations;
mod live;
mod review;

use std::sync::Arc;

use super::app::{App, Layout, Mode, Overlay};
use super::flow::Block;
use super::keymap::parse_sequence;
use super::theme::Depth;
use super::{Setup, analyse, render};
use crate::compare::Relation;
use crate::config;
use crate::document::load::{from_bytes, sample_sources};
use crate::document::{Corpus, DocId, LoadOptions, Origin};

pub(super) fn samples() -> Corpus {
    Corpus::load(&sample_sources(), &LoadOptions::default()).unwrap()
}

pub(super) fn corpus_of(texts: &[&str]) -> Corpus {
    let mut corpus = Corpus::default();
    for (i, t) in texts.iter().enumerate() {
        let name: &'static str = Box::leak(format!("doc{}.txt", i + 1).into_boxed_str());
        corpus.push(from_bytes(Origin::Sample(name), t.as_bytes(), None).unwrap());
    }
    corpus
}

fn setup(user_config: &str) -> Setup {
    let config = config::from_str(user_config, "test.toml").unwrap();
    Setup::new(&config, None, Some(Depth::None), None).unwrap()
}

pub(super) fn app_with(corpus: Corpus, size: (u16, u16), user_config: &str) -> App {
    let corpus = Arc::new(corpus);
    let mut app = setup(user_config).app(Arc::clone(&corpus));
    app.resize(size.0, size.1);
    app.install(analyse(corpus));
    app
}

pub(super) fn app(size: (u16, u16)) -> App {
    app_with(samples(), size, "")
}

fn ids(docs: &[u32]) -> Vec<DocId> {
    docs.iter().map(|&d| DocId(d)).collect()
}

pub(super) fn press(app: &mut App, keys: &str) {
    for k in parse_sequence(keys).unwrap() {
        app.handle_key(k.to_event());
    }
}

pub(super) fn screen(corpus: Corpus, size: (u16, u16), keys: &str) -> String {
    render(corpus, setup(""), size, keys, false).unwrap()
}

pub(super) fn cursor_text(app: &App, doc: DocId) -> String {
    let d = &app.model.corpus.documents[doc.index()];
    d.slice(d.sentences[app.cursor(doc) as usize].span)
        .to_string()
}

/// The focused cursor's sentence lies inside the visible body.
pub(super) fn assert_cursor_visible(app: &App) {
    let geo = app.geometry();
    let doc = app.screen.focus;
    let block = app.sentence_block(doc, app.cursor(doc)).unwrap();
    let m = app.measure(doc, &geo);
    let line = m.sentence_line(block, doc, app.cursor(doc));
    let pos = super::flow::Pos { block, line };
    let d = m.distance(app.top(doc), pos, usize::from(geo.body_height));
    assert!(
        d.is_some_and(|d| d < usize::from(geo.body_height)),
        "cursor sentence off screen: top {:?}, cursor at {:?}",
        app.top(doc),
        pos
    );
}

#[test]
fn sentence_moves_keep_the_cursor_visible() {
    let mut a = app((80, 24));
    press(&mut a, "jjj");
    assert_eq!(a.cursor(DocId(0)), 3);
    press(&mut a, "k");
    assert_eq!(a.cursor(DocId(0)), 2);
    for _ in 0..40 {
        press(&mut a, "j");
        assert_cursor_visible(&a);
    }
    assert_eq!(
        a.cursor(DocId(0)) as usize,
        a.model.sentence_count(DocId(0)) - 1,
        "stops at the end"
    );
    press(&mut a, "gg");
    assert_eq!(a.cursor(DocId(0)), 0);
    assert_eq!(a.top(DocId(0)), Default::default());
    press(&mut a, "G");
    assert_eq!(
        a.cursor(DocId(0)) as usize,
        a.model.sentence_count(DocId(0)) - 1
    );
    assert_cursor_visible(&a);
}

#[test]
fn scrolling_moves_the_view_and_drags_the_cursor() {
    let mut a = app((80, 24));
    let top = a.top(DocId(0));
    press(&mut a, "<C-d>");
    assert!(a.top(DocId(0)) > top);
    assert_cursor_visible(&a);
    press(&mut a, "<C-f><C-f>");
    assert_cursor_visible(&a);
    press(&mut a, "<C-u><C-b><C-b><C-b><C-b>");
    assert_eq!(a.top(DocId(0)), Default::default());
    press(&mut a, "<C-e>");
    assert_eq!(
        a.top(DocId(0)).block * 100 + a.top(DocId(0)).line,
        1,
        "one line down"
    );
    press(&mut a, "<C-y>");
    assert_eq!(a.top(DocId(0)), Default::default());
}

#[test]
fn focus_moves_between_panes_and_wraps() {
    let mut a = app((120, 30));
    press(&mut a, "l");
    assert_eq!(a.screen.focus, DocId(1));
    press(&mut a, "<Tab>");
    assert_eq!(a.screen.focus, DocId(2));
    press(&mut a, "l");
    assert_eq!(a.screen.focus, DocId(0), "wraps around");
    press(&mut a, "h");
    assert_eq!(a.screen.focus, DocId(2));
    press(&mut a, "<S-Tab>");
    assert_eq!(a.screen.focus, DocId(1));
}

#[test]
fn next_difference_visits_only_differences_in_order() {
    let mut a = app((120, 30));
    let mut seen = Vec::new();
    loop {
        let before = a.cursor(DocId(0));
        press(&mut a, "]c");
        if a.cursor(DocId(0)) == before {
            break;
        }
        assert!(a.cursor(DocId(0)) > before);
        assert!(matches!(
            a.model.mark(DocId(0), a.cursor(DocId(0)), DocId(0)),
            Some(Relation::Reworded | Relation::Moved | Relation::OnlyHere)
        ));
        assert_cursor_visible(&a);
        seen.push(a.cursor(DocId(0)));
    }
    assert!(seen.len() > 5, "the samples differ a lot: {seen:?}");
    assert_eq!(
        a.status.message.as_deref(),
        Some("no more differences below")
    );
    press(&mut a, "[c");
    assert!(a.cursor(DocId(0)) < *seen.last().unwrap());
}

#[test]
fn identical_documents_have_no_differences_and_fold() {
    let text = "One fact here. Two facts here. Three facts here. Four facts here. Five facts.";
    let mut a = app_with(corpus_of(&[text, text]), (80, 24), "");
    press(&mut a, "]c");
    assert_eq!(
        a.status.message.as_deref(),
        Some("no differences: every sentence is shared verbatim")
    );
    press(&mut a, "zM");
    assert!(
        a.aligned
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Fold { .. }))
    );
    let folded = screen(corpus_of(&[text, text]), (80, 12), "zM");
    assert!(folded.contains("identical rows folded"), "{folded}");
    insta::assert_snapshot!("folded_80x12", folded);
    press(&mut a, "zR");
    assert!(
        !a.aligned
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Fold { .. }))
    );
    press(&mut a, "za");
    assert_eq!(a.aligned.folded.len(), 1);
    press(&mut a, "za");
    assert!(a.aligned.folded.is_empty());
}

#[test]
fn counterpart_jump_lands_on_the_linked_sentence() {
    let mut a = app((120, 30));
    // Dr. Reyl's second sentence is in every version.
    press(&mut a, "/Here they had<Enter>");
    assert_eq!(a.screen.focus, DocId(0));
    let from = a.cursor(DocId(0));
    press(&mut a, "o");
    assert_ne!(a.screen.focus, DocId(0));
    let target = a.model.counterpart(DocId(0), from, a.screen.focus).unwrap();
    assert_eq!(a.cursor(a.screen.focus), target.start);
    assert!(cursor_text(&a, a.screen.focus).contains("forty minutes"));
}

#[test]
fn search_finds_highlights_and_steps() {
    let mut a = app((120, 30));
    press(&mut a, "/Reyl<Enter>");
    let total = a.search.as_ref().unwrap().total();
    assert!(total >= 6, "Reyl is named in every version");
    assert!(cursor_text(&a, a.screen.focus).contains("Reyl"));
    let first = a.cursor(a.screen.focus);
    press(&mut a, "n");
    assert!(
        a.cursor(a.screen.focus) > first
            || a.status
                .message
                .as_deref()
                .unwrap_or("")
                .contains("wrapped")
    );
    press(&mut a, "N");
    assert_eq!(a.cursor(a.screen.focus), first);
    assert!(a.status.message.as_deref().unwrap().starts_with("match 1/"));
    press(&mut a, "<Esc>");
    assert!(a.search.is_none());
    press(&mut a, "/zzzz<Enter>");
    assert_eq!(a.status.message.as_deref(), Some("no match for “zzzz”"));
}

#[test]
fn search_in_one_pane_only() {
    let mut a = app((120, 30));
    press(&mut a, "/<Tab>Reyl<Enter>");
    let s = a.search.as_ref().unwrap();
    assert!(!s.in_doc(DocId(0)).is_empty());
    assert!(s.in_doc(DocId(1)).is_empty() && s.in_doc(DocId(2)).is_empty());
}

#[test]
fn layout_sync_help_pending_and_quit() {
    let mut a = app((120, 30));
    assert_eq!(a.effective_layout(), Layout::Aligned);
    press(&mut a, "t");
    assert_eq!(a.effective_layout(), Layout::Reading);
    press(&mut a, "s");
    assert!(!a.screen.sync);
    press(&mut a, "?");
    assert_eq!(
        a.mode,
        Mode::Overlay(Overlay::Help {
            scroll: 0,
            over_panel: false
        })
    );
    press(&mut a, "j");
    assert_eq!(
        a.mode,
        Mode::Overlay(Overlay::Help {
            scroll: 1,
            over_panel: false
        })
    );
    press(&mut a, "<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    press(&mut a, "g");
    assert!(a.pending_hint().unwrap().contains("g top"));
    press(&mut a, "x");
    assert!(a.pending.is_empty());
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("gx is not bound")
    );
    assert!(!a.quit);
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn reading_mode_levels_counterparts_with_the_cursor() {
    let mut a = app((120, 30));
    press(&mut a, "t");
    press(&mut a, "/Ferrel Hall<Enter>");
    let f = a.screen.focus;
    let geo = a.geometry();
    let line_of = |a: &App, doc: DocId| {
        let block = a.sentence_block(doc, a.cursor(doc)).unwrap();
        let m = a.measure(doc, &geo);
        let pos = super::flow::Pos {
            block,
            line: m.sentence_line(block, doc, a.cursor(doc)),
        };
        m.distance(a.top(doc), pos, 100)
    };
    for o in DocId::all(3).filter(|&o| o != f) {
        if a.model.counterpart(f, a.cursor(f), o).is_some() {
            assert_eq!(
                line_of(&a, o),
                line_of(&a, f),
                "pane {o:?} level with {f:?}"
            );
        }
    }
}

#[test]
fn more_documents_than_panes_can_be_shifted() {
    let texts = [
        "Alpha one.",
        "Beta two.",
        "Gamma three.",
        "Delta four.",
        "Epsilon five.",
    ];
    let mut a = app_with(corpus_of(&texts), (100, 20), "");
    assert_eq!(a.geometry().visible, ids(&[0, 1, 2]));
    press(&mut a, ">");
    assert_eq!(a.geometry().visible, ids(&[1, 2, 3]));
    press(&mut a, ">>");
    assert_eq!(a.geometry().visible, ids(&[2, 3, 4]));
    press(&mut a, "+");
    assert_eq!(a.geometry().visible.len(), 4);
    press(&mut a, "<lt><lt><lt>");
    assert_eq!(a.geometry().visible[0], DocId(0));
    press(&mut a, "---");
    assert_eq!(a.geometry().visible.len(), 1);
}

#[test]
fn rebinding_keys_changes_behaviour() {
    let mut a = app_with(
        samples(),
        (80, 24),
        "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n",
    );
    press(&mut a, "q");
    assert!(!a.quit);
    press(&mut a, "x");
    assert!(a.quit);
}

#[test]
fn empty_and_tiny_never_panic() {
    for size in [(1, 1), (2, 1), (5, 3), (11, 2), (12, 3), (20, 5), (40, 8)] {
        for keys in ["", "jjj]c]cG", "?", "/dam<Enter>n", "tzMo"] {
            screen(samples(), size, keys);
        }
    }
    let empty = screen(corpus_of(&["", "Only one."]), (60, 10), "jj]c");
    assert!(empty.contains("(empty document)"), "{empty}");
}

#[test]
fn snapshots_two_documents() {
    let corpus = || Corpus::load(&sample_sources()[..2], &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("two_80x24", screen(corpus(), (80, 24), ""));
    insta::assert_snapshot!("two_160x40_diff", screen(corpus(), (160, 40), "]c]c"));
}

#[test]
fn snapshots_one_document_reading() {
    let corpus = || Corpus::load(&sample_sources()[..1], &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("one_80x24", screen(corpus(), (80, 24), ""));
    insta::assert_snapshot!("one_120x35", screen(corpus(), (120, 35), "jjj"));
    insta::assert_snapshot!("one_200x50", screen(corpus(), (200, 50), "<C-d>"));
    insta::assert_snapshot!("one_help_120x40", screen(corpus(), (120, 40), "?"));
}

#[test]
fn snapshots_three_documents() {
    insta::assert_snapshot!("three_80x24", screen(samples(), (80, 24), ""));
    insta::assert_snapshot!("three_160x40_reading", screen(samples(), (160, 40), "t]c"));
    insta::assert_snapshot!("help_120x40", screen(samples(), (120, 40), "?"));
    insta::assert_snapshot!(
        "search_120x30",
        screen(samples(), (120, 30), "/Ocksen<Enter>n")
    );
    insta::assert_snapshot!("tiny_12x3", screen(samples(), (12, 3), "jj"));
    insta::assert_snapshot!("tiny_30x6", screen(samples(), (30, 6), "jj"));
}

#[test]
fn readme_documents_every_default_binding() {
    let readme = include_str!("../../../README.md");
    let a = app((80, 24));
    for &action in super::action::Action::ALL {
        let keys = a.keymap.keys_for(action);
        assert!(!keys.is_empty(), "{} has a default key", action.name());
        for key in keys {
            assert!(
                readme.contains(&format!("`{key}`")),
                "README's key table lacks `{key}` ({})",
                action.name()
            );
        }
    }
}

#[test]
fn search_in_all_panes_visits_every_document() {
    let mut a = app((120, 30));
    press(&mut a, "/Marand<Enter>");
    let total = a.search.as_ref().unwrap().total();
    let mut docs = std::collections::BTreeSet::new();
    for _ in 0..total {
        docs.insert(a.screen.focus);
        assert!(cursor_text(&a, a.screen.focus).contains("Marand"));
        press(&mut a, "n");
    }
    assert_eq!(docs.len(), 3, "every version has Marand");
    assert!(a.status.message.as_deref().unwrap().contains("(wrapped)"));
    assert!(a.status.message.as_deref().unwrap().starts_with("match 1/"));
    press(&mut a, "N");
    assert_eq!(
        a.status.message.as_deref(),
        Some(format!("match {total}/{total} (wrapped)").as_str())
    );
}

#[test]
fn one_document_alone_has_no_marks_and_no_differences() {
    let mut a = app_with(
        corpus_of(&["Alone here. Nothing to compare."]),
        (80, 12),
        "",
    );
    assert_eq!(a.model.mark(DocId(0), 0, DocId(0)), None);
    press(&mut a, "]c");
    assert_eq!(
        a.status.message.as_deref(),
        Some("one document alone: nothing to compare it with")
    );
}

/// Three versions where two share a sentence the focused one lacks.
fn three_versions() -> App {
    let shared =
        "The harbour master said the north pier would stay closed until the cranes were checked.";
    let pair =
        "Dock workers on the night shift walked out after the second crane failure in a week.";
    let storm = "The storm reached the coast on Monday evening and flooded the lower town.";
    let only = "Officials in the capital declined to comment on the state of the port.";
    let texts = [
        format!("{shared}\n\n{storm}\n\n{only}"),
        format!("{shared}\n\n{pair}\n\n{storm}"),
        format!("{shared}\n\n{pair}\n\n{storm}"),
    ];
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    app_with(corpus_of(&texts), (150, 20), "")
}

#[test]
fn marks_mean_the_same_in_every_pane() {
    let a = three_versions();
    assert_eq!(a.screen.focus, DocId(0));
    let mark = |doc: u32, s: u32| a.model.mark(DocId(doc), s, a.screen.focus);
    // In every version: identical wherever it is shown.
    assert_eq!(mark(0, 0), Some(Relation::Identical));
    assert_eq!(mark(1, 0), Some(Relation::Identical));
    // Two of three versions carry it, the focused one does not: partial, not "only here".
    assert_eq!(mark(1, 1), Some(Relation::Partial));
    assert_eq!(mark(2, 1), Some(Relation::Partial));
    // Only the focused version has it.
    assert_eq!(mark(0, 2), Some(Relation::OnlyHere));
}

#[test]
fn folds_follow_the_panes_on_screen() {
    let a = three_versions();
    let docs = |d: &[u32]| ids(d);
    let row = a.model.row_of(DocId(1), 1).unwrap();
    assert!(
        !a.model.same_in(row, &docs(&[0, 1, 2])),
        "the first lacks it"
    );
    assert!(
        a.model.same_in(row, &docs(&[1, 2])),
        "the two that carry it agree"
    );
    let first = a.model.row_of(DocId(0), 0).unwrap();
    assert!(a.model.same_in(first, &docs(&[0, 1, 2])));
}

#[test]
fn the_status_line_drops_hints_before_cutting_words() {
    let shown = screen(samples(), (80, 24), "]e");
    let status = shown.lines().last().unwrap();
    assert!(!status.contains("? help"), "hints go first: {status}");
    assert!(
        status.contains("entity 1/40 · Orsa River · place · 10 mentions in all (* follows)"),
        "the whole description: {status}"
    );
    let narrow = screen(samples(), (30, 6), "jj");
    let status = narrow.lines().last().unwrap().trim();
    assert_eq!(
        status, "sentence 3/34 · 8%…",
        "cut between parts, not inside a word"
    );
}

#[test]
fn prose_wraps_at_the_reading_measure_centred_in_a_wide_pane() {
    let para = "The council met on Friday to hear the engineers' report on the harbour wall, \
                which had cracked in two places after the spring tides, and voted to close the \
                north pier until the repairs were done. ";
    let text = format!("Harbour wall to be repaired\n\n{}", para.repeat(6));
    let body = |shown: &str| -> Vec<String> {
        let lines: Vec<&str> = shown.lines().collect();
        // The pane's text lines, without the overview strip in the last column.
        lines[1..lines.len() - 1]
            .iter()
            .map(|l| {
                let chars: Vec<char> = l.chars().collect();
                chars[..chars.len().saturating_sub(1)].iter().collect()
            })
            .collect()
    };
    for (width, height) in [(80, 24), (120, 35), (200, 50)] {
        let shown = screen(corpus_of(&[&text]), (width, height), "");
        let lines = body(&shown);
        let widest = lines
            .iter()
            .map(|l| l.trim().chars().count())
            .max()
            .unwrap();
        assert!(
            widest <= 90 + 2,
            "{width}: a line of {widest} columns\n{shown}"
        );
        if width == 200 {
            let indent = lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.chars().take_while(|c| *c == ' ').count())
                .min()
                .unwrap();
            assert!(indent > 40, "centred: the text starts {indent} columns in");
        }
    }
    let full = screen(corpus_of(&[&text]), (200, 50), "=");
    let widest = body(&full)
        .iter()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap();
    assert!(widest > 150, "= gives the full width back: {widest}");
}
