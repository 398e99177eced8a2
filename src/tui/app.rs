//! The reader's state and its one update function: keys resolve through the keymap to actions,
//! and each action changes the state. Drawing (in `view`) only reads it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::action::Action;
use super::flow::{self, Block, Measure, Pos, WrapCache};
use super::input::InputLine;
use super::items::{Item, Kind};
use super::keymap::{Key, Keymap};
use super::markup::Markup;
use super::model::{Mark, ReaderModel};
use super::panel::{Panel, Row, Tab};
use super::review::ReviewFilter;
use super::search::{Scope, Search};
use super::theme::Theme;
use crate::config::{DisplayConfig, LayoutSetting};
use crate::document::Format;
use crate::review::Session;

/// Narrowest pane worth showing; fewer panes stand side by side below it.
pub const MIN_PANE_WIDTH: u16 = 24;
/// Gutter columns left of the text (cursor, sentence mark, quote/claim sign) and the overview
/// strip right of it.
pub const GUTTER: u16 = 3;
pub const STRIP: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Aligned,
    Reading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The wordings of a quote or claim in every version that carries it.
    Drift {
        item: Item,
    },
}

/// What the input line at the bottom is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputPurpose {
    Search,
    /// Filtering the side panel's list as you type.
    Filter,
    /// The review note on the item at the cursor.
    Note,
}

/// Width of the side panel when open.
const PANEL_MIN: u16 = 32;
const PANEL_MAX: u16 = 56;

/// Screen geometry derived from the terminal size: which documents show, and how wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub visible: Vec<usize>,
    pub pane_width: u16,
    pub text_width: u16,
    /// Columns of the side panel on the right (0 when closed).
    pub panel_width: u16,
    /// Lines of text in each pane (below the header, above the status line).
    pub body_height: u16,
}

/// The rows of one side-panel tab.
pub(super) type PanelRows = Rc<Vec<Row>>;
/// Per overview-strip cell: the strongest difference in its slice of the document.
pub(super) type StripCells = Rc<Vec<Option<Mark>>>;

pub struct App {
    pub model: ReaderModel,
    pub keymap: Keymap,
    pub theme: Theme,
    pub size: (u16, u16),
    pub focus: usize,
    pub first_visible: usize,
    pub pane_limit: usize,
    pub layout: Layout,
    pub sync: bool,
    pub min_fold_run: usize,
    pub fold_on_start: bool,
    /// Per document: the current sentence.
    pub cursor: Vec<u32>,
    /// Per document: the top of its pane (reading mode).
    pub tops: Vec<Pos>,
    /// The shared top in aligned mode.
    pub aligned_top: Pos,
    pub folded: Vec<Range<u32>>,
    pub reading: Vec<Vec<Block>>,
    pub aligned: Vec<Block>,
    /// Aligned flow: row → block index.
    pub(super) row_block: Vec<u32>,
    /// Per document: sentences that differ from the others (for `]c`), in order.
    pub(super) differences: Vec<Vec<u32>>,
    pub search: Option<Search>,
    pub input: Option<InputLine>,
    pub input_purpose: InputPurpose,
    /// The quote, claim or mention last jumped to.
    pub item: Option<Item>,
    pub panel: Panel,
    /// Entities, quotes and claims styled in the text.
    pub annotations: bool,
    /// The review session, when one is open.
    pub review: Option<Session>,
    /// The verdict picker waits for a digit.
    pub picking_verdict: bool,
    pub review_filter: ReviewFilter,
    pub pending: Vec<Key>,
    pub overlay: Option<Overlay>,
    pub message: Option<String>,
    pub progress: Option<String>,
    pub quit: bool,
    pub cache: WrapCache,
    /// Overview strip cells by (document, reference, height).
    pub(super) strip_cache: RefCell<HashMap<(usize, usize, u16), StripCells>>,
    /// Markdown highlighting, when a document is Markdown; styled markup by (document, paragraph).
    pub(super) markup: Option<Markup>,
    pub(super) markup_cache: RefCell<HashMap<(usize, u32), MarkupSpans>>,
    /// The side panel's rows by (tab, focused document), until the analysis or review changes.
    pub(super) panel_cache: RefCell<HashMap<(Tab, usize), PanelRows>>,
    /// Quotes and claims to review, counted once per analysis.
    pub(super) review_total: std::cell::OnceCell<usize>,
    /// Per document, its word count for the header (counted once).
    pub words: Vec<usize>,
}

pub(super) type MarkupSpans = Rc<Vec<(crate::document::Span, ratatui::style::Style)>>;

impl App {
    pub fn new(model: ReaderModel, keymap: Keymap, theme: Theme, display: &DisplayConfig) -> App {
        let n = model.doc_count();
        let has_markdown = model
            .corpus
            .documents
            .iter()
            .any(|d| d.format == Format::Markdown);
        let reading = model
            .corpus
            .documents
            .iter()
            .map(flow::reading_blocks)
            .collect();
        let mut app = App {
            keymap,
            theme,
            size: (80, 24),
            focus: 0,
            first_visible: 0,
            pane_limit: display.panes.0,
            layout: match display.layout {
                LayoutSetting::Aligned => Layout::Aligned,
                LayoutSetting::Reading => Layout::Reading,
            },
            sync: display.sync_scroll,
            min_fold_run: display.min_fold_run.max(1),
            fold_on_start: display.fold_identical,
            cursor: vec![0; n],
            tops: vec![Pos::default(); n],
            aligned_top: Pos::default(),
            folded: Vec::new(),
            reading,
            aligned: Vec::new(),
            row_block: Vec::new(),
            differences: vec![Vec::new(); n],
            search: None,
            input: None,
            input_purpose: InputPurpose::Search,
            item: None,
            panel: Panel::default(),
            annotations: true,
            review: None,
            picking_verdict: false,
            review_filter: ReviewFilter::default(),
            pending: Vec::new(),
            overlay: None,
            message: None,
            progress: None,
            quit: false,
            cache: WrapCache::default(),
            strip_cache: RefCell::default(),
            markup: None,
            markup_cache: RefCell::default(),
            panel_cache: RefCell::default(),
            review_total: std::cell::OnceCell::new(),
            words: model
                .corpus
                .documents
                .iter()
                .map(|d| d.word_count())
                .collect(),
            model,
        };
        if has_markdown {
            app.markup = Some(Markup::new(app.theme.syntect.clone(), app.theme.depth));
        }
        app.install(app.model.clone());
        app
    }

    /// Take a (re)built model: analysis finished, or the initial text-only one.
    pub fn install(&mut self, model: ReaderModel) {
        self.model = model;
        self.strip_cache.borrow_mut().clear();
        self.panel_cache.borrow_mut().clear();
        self.review_total = std::cell::OnceCell::new();
        let n = self.model.doc_count();
        self.differences = (0..n)
            .map(|d| {
                (0..self.model.sentence_count(d) as u32)
                    .filter(|&s| self.model.is_difference(d, s, d))
                    .collect()
            })
            .collect();
        if self.fold_on_start && self.model.analysed() {
            self.folded = self.fold_runs();
        }
        self.rebuild_aligned();
        if self.model.analysed() {
            self.progress = None;
        }
        self.reveal_cursor();
    }

    pub(super) fn rebuild_aligned(&mut self) {
        self.aligned = flow::aligned_blocks(&self.model, &self.folded);
        self.row_block = vec![0; self.model.rows().len()];
        for (i, b) in self.aligned.iter().enumerate() {
            let rows = match b {
                Block::Row { row, .. } => *row..*row + 1,
                Block::Fold { rows } => rows.clone(),
                Block::Para { .. } => 0..0,
            };
            for r in rows {
                if let Some(slot) = self.row_block.get_mut(r as usize) {
                    *slot = i as u32;
                }
            }
        }
    }

    /// Aligned layout needs the analysis; until it lands the panes flow as in reading mode.
    pub fn effective_layout(&self) -> Layout {
        if self.model.analysed() {
            self.layout
        } else {
            Layout::Reading
        }
    }

    pub fn geometry(&self) -> Geometry {
        let (full_w, h) = self.size;
        // On a narrow screen the open panel takes it all rather than squeeze the panes.
        let panel_width = if !self.panel.open {
            0
        } else if full_w < PANEL_MIN + MIN_PANE_WIDTH {
            full_w
        } else {
            (full_w / 3).clamp(PANEL_MIN, PANEL_MAX)
        };
        let w = full_w.saturating_sub(panel_width);
        let n = self.model.doc_count().max(1);
        let fit = usize::from((w / MIN_PANE_WIDTH).max(1));
        let count = n.min(self.pane_limit).min(fit).max(1);
        let first = self.first_visible.min(n - count);
        let separators = count as u16 - 1;
        let pane_width = w.saturating_sub(separators) / count as u16;
        Geometry {
            visible: (first..first + count).collect(),
            pane_width,
            // One column of air between the text and the overview strip.
            text_width: pane_width.saturating_sub(GUTTER + STRIP + 1).max(1),
            panel_width,
            body_height: h.saturating_sub(2),
        }
    }

    /// The measuring view of a document's pane: its flow and the documents sharing heights.
    pub fn measure<'a>(&'a self, doc: usize, geo: &'a Geometry) -> Measure<'a> {
        match self.effective_layout() {
            Layout::Aligned => Measure {
                model: &self.model,
                cache: &self.cache,
                docs: &geo.visible,
                text_width: geo.text_width,
                blocks: &self.aligned,
            },
            Layout::Reading => Measure {
                model: &self.model,
                cache: &self.cache,
                docs: std::slice::from_ref(
                    &geo.visible[geo.visible.iter().position(|&d| d == doc).unwrap_or(0)],
                ),
                text_width: geo.text_width,
                blocks: self.reading.get(doc).map_or(&[], Vec::as_slice),
            },
        }
    }

    /// Whether sentence `s` of `doc` is shown as current: the focused pane's cursor, or in the
    /// other panes a true counterpart of it (their cursors only keep the panes level).
    pub fn cursor_on(&self, doc: usize, s: u32) -> bool {
        if self.cursor.get(doc) != Some(&s) {
            return false;
        }
        if doc == self.focus {
            return true;
        }
        let fc = self.cursor.get(self.focus).copied().unwrap_or(0);
        self.model
            .counterpart(self.focus, fc, doc)
            .is_some_and(|r| r.contains(&s))
    }

    /// Byte offset where the cursor sentence of `doc` starts.
    pub fn cursor_start(&self, doc: usize) -> u32 {
        let cur = self.cursor.get(doc).copied().unwrap_or(0);
        self.model
            .corpus
            .documents
            .get(doc)
            .and_then(|d| d.sentences.get(cur as usize))
            .map_or(0, |s| s.span.start)
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.reveal_cursor();
    }

    pub fn apply(&mut self, action: Action) {
        self.message = None;
        if let Some(Overlay::Drift { .. }) = self.overlay {
            self.overlay = None;
            if action == Action::Quit {
                self.quit = true;
            }
            return;
        }
        if self.panel.focused && self.overlay.is_none() {
            self.panel_apply(action);
            return;
        }
        if let Some(Overlay::Help { scroll }) = self.overlay.as_mut() {
            match action {
                Action::NextSentence | Action::ScrollDown => *scroll += 1,
                Action::PrevSentence | Action::ScrollUp => *scroll = scroll.saturating_sub(1),
                Action::HalfPageDown | Action::PageDown => *scroll += 10,
                Action::HalfPageUp | Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                Action::Quit => self.quit = true,
                _ => self.overlay = None,
            }
            return;
        }
        let geo = self.geometry();
        let page = usize::from(geo.body_height.max(1));
        match action {
            Action::NextSentence => self.move_cursor(1),
            Action::PrevSentence => self.move_cursor(-1),
            Action::ScrollDown => self.scroll(1, true),
            Action::ScrollUp => self.scroll(1, false),
            Action::HalfPageDown => self.scroll(page / 2, true),
            Action::HalfPageUp => self.scroll(page / 2, false),
            Action::PageDown => self.scroll(page.saturating_sub(2).max(1), true),
            Action::PageUp => self.scroll(page.saturating_sub(2).max(1), false),
            Action::Top => self.set_cursor(self.focus, 0),
            Action::Bottom => {
                let last = self.model.sentence_count(self.focus).saturating_sub(1) as u32;
                self.set_cursor(self.focus, last);
            }
            Action::FocusNext => self.focus_by(1),
            Action::FocusPrev => self.focus_by(-1),
            Action::ShowNextPanes => self.shift_panes(1),
            Action::ShowPrevPanes => self.shift_panes(-1),
            Action::MorePanes => {
                let shown = geo.visible.len();
                if shown >= self.model.doc_count() {
                    self.message = Some("every document is already shown".into());
                } else if self.pane_limit >= 4 {
                    self.message =
                        Some("four panes at most side by side (> and < shift them)".into());
                } else if usize::from(self.size.0 / MIN_PANE_WIDTH) <= shown {
                    self.message = Some("no room for another pane at this width".into());
                } else {
                    self.pane_limit = shown + 1;
                    self.keep_focus_visible();
                }
            }
            Action::FewerPanes => {
                if geo.visible.len() <= 1 {
                    self.message = Some("one pane is the fewest".into());
                } else {
                    self.pane_limit = geo.visible.len() - 1;
                    self.keep_focus_visible();
                }
            }
            Action::NextDifference => self.jump_difference(true),
            Action::PrevDifference => self.jump_difference(false),
            Action::Counterpart | Action::Select => self.jump_counterpart(),
            Action::NextQuote => self.jump_item(Kind::Quote, true),
            Action::PrevQuote => self.jump_item(Kind::Quote, false),
            Action::NextClaim => self.jump_item(Kind::Claim, true),
            Action::PrevClaim => self.jump_item(Kind::Claim, false),
            Action::NextMention => self.jump_item(Kind::Mention, true),
            Action::PrevMention => self.jump_item(Kind::Mention, false),
            Action::FollowEntity => self.follow_entity(true),
            Action::FollowEntityBack => self.follow_entity(false),
            Action::ItemCounterpart => self.item_counterpart(),
            Action::ShowDrift => self.show_drift(),
            Action::TogglePanel => self.toggle_panel(),
            Action::SetVerdict => self.start_verdict(),
            Action::EditNote => self.start_note(),
            Action::ClearMark => self.clear_mark(),
            Action::ReviewFilter => self.cycle_review_filter(),
            Action::ExportReview => self.export_review(),
            Action::ToggleAnnotations => {
                self.annotations = !self.annotations;
                self.message = Some(if self.annotations {
                    "entities, quotes and claims: shown".into()
                } else {
                    "entities, quotes and claims: hidden (plain reading)".into()
                });
            }
            Action::Search => {
                self.input = Some(InputLine::new(Scope::AllPanes));
                self.input_purpose = InputPurpose::Search;
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::ToggleFold => self.toggle_fold(),
            Action::FoldAll => self.fold_all(),
            Action::UnfoldAll => {
                self.folded.clear();
                self.rebuild_aligned();
                self.reveal_cursor();
            }
            Action::ToggleLayout => {
                if !self.model.analysed() {
                    self.message =
                        Some("still aligning: the aligned layout comes when it finishes".into());
                    return;
                }
                self.layout = match self.layout {
                    Layout::Aligned => Layout::Reading,
                    Layout::Reading => Layout::Aligned,
                };
                self.reveal_cursor();
                self.message = Some(match self.layout {
                    Layout::Aligned => "aligned layout: counterparts on the same rows".into(),
                    Layout::Reading => "reading layout: each pane flows by paragraph".into(),
                });
            }
            Action::ToggleSync => {
                self.sync = !self.sync;
                self.message = Some(if self.sync {
                    "scrolling: synchronised".into()
                } else {
                    "scrolling: independent".into()
                });
                self.reveal_cursor();
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Cancel => {
                self.search = None;
                self.item = None;
                self.pending.clear();
            }
            Action::Quit => self.quit = true,
        }
    }
}
