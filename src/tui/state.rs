//! The parts of the reader's state, each with one owner: the screen as a whole, one pane per
//! document, the aligned flow, the review, the status line and the caches kept between frames.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::app::Layout;
use super::flow::{self, Block, Pos, WrapCache};
use super::markup::Markup;
use super::model::Mark;
use super::panel::{Row, Tab};
use super::review::ReviewFilter;
use crate::document::structure::{self, Role};
use crate::document::{DocId, Document};
use crate::review::Session;

/// The rows of one side-panel tab.
pub(super) type PanelRows = Rc<Vec<Row>>;
/// Per overview-strip cell: the strongest difference in its slice of the document.
pub(super) type StripCells = Rc<Vec<Mark>>;
pub(super) type MarkupSpans = Rc<Vec<(crate::document::Span, ratatui::style::Style)>>;

/// The panes as a whole: size, which documents show, which has focus, how they flow.
#[derive(Debug, Clone)]
pub struct Screen {
    pub size: (u16, u16),
    pub focus: DocId,
    pub first_visible: DocId,
    pub pane_limit: usize,
    pub layout: Layout,
    pub sync: bool,
    /// Entities, quotes and claims styled in the text.
    pub annotations: bool,
    /// The reading measure in columns (0: none).
    pub measure: u16,
    /// The measure switched off with `=`: prose runs the full pane width.
    pub full_width: bool,
    /// The reader takes mouse events; off, the terminal keeps its own text selection.
    pub mouse: bool,
}

/// One document's pane: where its cursor and its top are, and what it flows.
#[derive(Debug, Clone)]
pub struct Pane {
    /// The current sentence.
    pub cursor: u32,
    /// The top of the pane in reading mode.
    pub top: Pos,
    /// Its reading-mode flow: one block per paragraph.
    pub reading: Vec<Block>,
    /// Sentences that differ from the others (for `]c`), in order.
    pub differences: Vec<u32>,
    /// Its word count for the header.
    pub words: usize,
    /// What each paragraph is in the article (title, heading, byline…), for styling.
    pub roles: Vec<Role>,
    /// The dateline opening the lead, set apart like a heading.
    pub dateline: Option<crate::document::Span>,
    /// Why the text shown is not the file's current one (it vanished from disk), if it is not.
    pub stale: Option<String>,
}

impl Pane {
    /// A document's pane with the cursor on its first sentence.
    pub fn new(d: &Document) -> Pane {
        let roles = structure::roles(d);
        let lead = roles.iter().position(|&r| r == Role::Body);
        Pane {
            cursor: 0,
            top: Pos::default(),
            reading: flow::reading_blocks(d),
            differences: Vec::new(),
            words: d.word_count(),
            dateline: lead
                .and_then(|p| d.paragraphs.get(p))
                .and_then(|p| structure::dateline(d, p.span)),
            roles,
            stale: None,
        }
    }
}

/// The aligned layout: rows of every document, shared by all panes.
#[derive(Debug, Clone, Default)]
pub struct Aligned {
    /// The shared top.
    pub top: Pos,
    pub blocks: Vec<Block>,
    /// Row → block index.
    pub row_block: Vec<u32>,
    pub folded: Vec<Range<u32>>,
    pub min_fold_run: usize,
    pub fold_on_start: bool,
}

/// The review session, when one is open, and how the panel filters it.
#[derive(Debug, Default)]
pub struct Review {
    pub session: Option<Session>,
    pub filter: ReviewFilter,
    /// Quotes and claims to review, counted once per analysis.
    pub total: std::cell::OnceCell<usize>,
}

/// What the status line has to say besides the hints.
#[derive(Debug, Clone, Default)]
pub struct Status {
    pub message: Option<String>,
    pub progress: Option<String>,
}

/// What the event loop must do to the terminal after an update: the state asks, the loop
/// writes, so the update stays testable without a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write an escape sequence as it is (OSC 52: the clipboard).
    Write(String),
    /// Capture the mouse, or give it back to the terminal for its own text selection.
    MouseCapture(bool),
}

/// Lookups kept between frames so a keypress costs what is on screen, not what is loaded.
#[derive(Default)]
pub struct Caches {
    pub wrap: WrapCache,
    /// Overview strip cells by (document, reference, height).
    pub(super) strip: RefCell<HashMap<(DocId, DocId, u16), StripCells>>,
    /// Markdown highlighting, when a document is Markdown; styled markup by (document, paragraph).
    pub(super) markup: Option<Markup>,
    pub(super) markup_spans: RefCell<HashMap<(DocId, u32), MarkupSpans>>,
    /// The side panel's rows by (tab, focused document), until the analysis or review changes.
    pub(super) panel: RefCell<HashMap<(Tab, DocId), PanelRows>>,
}

impl Caches {
    /// Forget everything derived from the analysis or the review.
    pub(super) fn clear_analysis(&self) {
        self.strip.borrow_mut().clear();
        self.panel.borrow_mut().clear();
    }

    /// Forget everything derived from the text as well: a document was read again.
    pub(super) fn clear_text(&mut self) {
        self.clear_analysis();
        self.wrap = WrapCache::default();
        self.markup_spans.borrow_mut().clear();
    }
}
