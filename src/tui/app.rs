//! The reader's state and its one update function: keys resolve through the keymap to actions,
//! and each action changes the state. Drawing (in `view`) only reads it.

use super::action::Action;
use super::clipboard::Terminal;
use super::flow::{self, Block, Measure};
use super::input::InputLine;
use super::items::{Item, Kind};
use super::keymap::{Key, Keymap};
use super::markup::Markup;
use super::model::ReaderModel;
use super::panel::Panel;
use super::search::{Scope, Search};
pub use super::state::{Aligned, Caches, Effect, Pane, Review, Screen, Status};
pub(super) use super::state::{MarkupSpans, PanelRows, StripCells};
use super::theme::Theme;
use crate::config::{DisplayConfig, LayoutSetting};
use crate::document::{DocId, Format, PerDoc};

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
        /// Opened from the side panel: closing it gives the panel its keys back.
        over_panel: bool,
    },
    /// The wordings of a quote or claim in every version that carries it.
    Drift { item: Item },
    /// Why a sentence is linked to its counterparts.
    Evidence { doc: DocId, sentence: u32 },
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

/// Who takes the keys. One value: the reader is in exactly one of these at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Keys go through the keymap to the panes.
    Normal,
    /// The side panel has the keys (it is open).
    Panel,
    /// The input line at the bottom takes the keys.
    Input {
        line: InputLine,
        purpose: InputPurpose,
    },
    /// The next digit picks a verdict for the item at the cursor.
    Verdict,
    /// An overlay covers the panes.
    Overlay(Overlay),
}

/// Narrowest reading measure a configuration can ask for.
const MIN_MEASURE: u16 = 20;

/// Width of the side panel when open.
const PANEL_MIN: u16 = 32;
const PANEL_MAX: u16 = 56;

/// Screen geometry derived from the terminal size: which documents show, and how wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub visible: Vec<DocId>,
    pub pane_width: u16,
    pub text_width: u16,
    /// Columns between a pane's left edge and its gutter: the margin that centres the reading
    /// measure in a wider pane.
    pub text_left: u16,
    /// Columns of the side panel on the right (0 when closed).
    pub panel_width: u16,
    /// Lines of text in each pane (below the header, above the status line).
    pub body_height: u16,
}

/// The reader's state, each part with one owner. Only [`App::apply`] (and the key and worker
/// handlers that call it) changes it; the view reads it.
pub struct App {
    pub model: ReaderModel,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mode: Mode,
    /// Keys typed so far of a sequence the keymap has not resolved yet.
    pub pending: Vec<Key>,
    pub screen: Screen,
    pub panes: PerDoc<Pane>,
    pub aligned: Aligned,
    pub search: Option<Search>,
    /// The quote, claim or mention last jumped to.
    pub item: Option<Item>,
    pub panel: Panel,
    pub review: Review,
    pub status: Status,
    pub quit: bool,
    pub caches: Caches,
    /// Terminal writes the last updates asked for, drained by the event loop.
    pub effects: Vec<Effect>,
    /// What the clipboard escape must suit (tmux, a console without OSC 52).
    pub terminal: Terminal,
}

impl App {
    pub fn new(model: ReaderModel, keymap: Keymap, theme: Theme, display: &DisplayConfig) -> App {
        let has_markdown = model
            .corpus
            .documents
            .iter()
            .any(|d| d.format == Format::Markdown);
        let panes = PerDoc::from_vec(model.corpus.documents.iter().map(Pane::new).collect());
        let mut caches = Caches::default();
        if has_markdown {
            caches.markup = Some(Markup::new(theme.syntect.clone(), theme.depth));
        }
        let mut app = App {
            keymap,
            theme,
            mode: Mode::Normal,
            pending: Vec::new(),
            screen: Screen {
                size: (80, 24),
                focus: DocId(0),
                first_visible: DocId(0),
                pane_limit: display.panes.0,
                layout: match display.layout {
                    LayoutSetting::Aligned => Layout::Aligned,
                    LayoutSetting::Reading => Layout::Reading,
                },
                sync: display.sync_scroll,
                annotations: true,
                measure: display.max_width,
                full_width: false,
                mouse: display.mouse,
            },
            panes,
            aligned: Aligned {
                min_fold_run: display.min_fold_run.max(1),
                fold_on_start: display.fold_identical,
                ..Aligned::default()
            },
            search: None,
            item: None,
            panel: Panel::default(),
            review: Review::default(),
            status: Status::default(),
            quit: false,
            caches,
            effects: Vec::new(),
            terminal: Terminal::default(),
            model,
        };
        app.install(app.model.clone());
        app
    }

    /// The focused document.
    pub fn focus(&self) -> DocId {
        self.screen.focus
    }

    /// The cursor sentence of a document.
    pub fn cursor(&self, doc: DocId) -> u32 {
        self.panes.get(doc).map_or(0, |p| p.cursor)
    }

    pub(super) fn set_cursor_only(&mut self, doc: DocId, sentence: u32) {
        if let Some(p) = self.panes.get_mut(doc) {
            p.cursor = sentence;
        }
    }

    /// Say something in the status line until the next key.
    pub(super) fn say(&mut self, message: impl Into<String>) {
        self.status.message = Some(message.into());
    }

    /// Take a (re)built model: analysis finished, or the initial text-only one.
    pub fn install(&mut self, model: ReaderModel) {
        self.model = model;
        self.caches.clear_analysis();
        self.review.total = std::cell::OnceCell::new();
        for (d, pane) in self.panes.iter_mut() {
            let count = self.model.sentence_count(d) as u32;
            pane.differences = (0..count)
                .filter(|&s| self.model.is_difference(d, s, d))
                .collect();
        }
        if self.aligned.fold_on_start && self.model.analysed() {
            self.aligned.folded = self.fold_runs();
        }
        self.rebuild_aligned();
        if self.model.analysed() {
            self.status.progress = None;
        }
        self.reveal_cursor();
    }

    pub(super) fn rebuild_aligned(&mut self) {
        self.aligned.blocks = flow::aligned_blocks(&self.model, &self.aligned.folded);
        self.aligned.row_block = vec![0; self.model.row_count()];
        for (i, b) in self.aligned.blocks.iter().enumerate() {
            let rows = match b {
                Block::Row { row, .. } => *row..*row + 1,
                Block::Fold { rows } => rows.clone(),
                Block::Para { .. } => 0..0,
            };
            for r in rows {
                if let Some(slot) = self.aligned.row_block.get_mut(r as usize) {
                    *slot = i as u32;
                }
            }
        }
    }

    /// Aligned layout needs the analysis; until it lands the panes flow as in reading mode.
    pub fn effective_layout(&self) -> Layout {
        if self.model.analysed() {
            self.screen.layout
        } else {
            Layout::Reading
        }
    }

    pub fn geometry(&self) -> Geometry {
        let (full_w, h) = self.screen.size;
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
        let count = n.min(self.screen.pane_limit).min(fit).max(1);
        let first = self.screen.first_visible.index().min(n - count);
        let separators = count as u16 - 1;
        let pane_width = w.saturating_sub(separators) / count as u16;
        // One column of air between the text and the overview strip.
        let room = pane_width.saturating_sub(GUTTER + STRIP + 1).max(1);
        let text_width = match self.screen.measure {
            0 => room,
            _ if self.screen.full_width => room,
            m => room.min(m.max(MIN_MEASURE)),
        };
        Geometry {
            visible: DocId::all(first + count).skip(first).collect(),
            pane_width,
            text_width,
            text_left: (room - text_width) / 2,
            panel_width,
            body_height: h.saturating_sub(2),
        }
    }

    /// The measuring view of a document's pane: its flow and the documents sharing heights.
    pub fn measure<'a>(&'a self, doc: DocId, geo: &'a Geometry) -> Measure<'a> {
        match self.effective_layout() {
            Layout::Aligned => Measure {
                model: &self.model,
                cache: &self.caches.wrap,
                docs: &geo.visible,
                text_width: geo.text_width,
                blocks: &self.aligned.blocks,
            },
            Layout::Reading => Measure {
                model: &self.model,
                cache: &self.caches.wrap,
                docs: std::slice::from_ref(
                    &geo.visible[geo.visible.iter().position(|&d| d == doc).unwrap_or(0)],
                ),
                text_width: geo.text_width,
                blocks: self.panes.get(doc).map_or(&[], |p| p.reading.as_slice()),
            },
        }
    }

    /// Whether sentence `s` of `doc` is shown as current: the focused pane's cursor, or in the
    /// other panes a true counterpart of it (their cursors only keep the panes level).
    pub fn cursor_on(&self, doc: DocId, s: u32) -> bool {
        if self.cursor(doc) != s {
            return false;
        }
        let f = self.focus();
        if doc == f {
            return true;
        }
        self.model
            .counterpart(f, self.cursor(f), doc)
            .is_some_and(|r| r.contains(s as usize))
    }

    /// Byte offset where the cursor sentence of `doc` starts.
    pub fn cursor_start(&self, doc: DocId) -> u32 {
        self.model
            .corpus
            .get(doc)
            .and_then(|d| d.sentences.get(self.cursor(doc) as usize))
            .map_or(0, |s| s.span.start)
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen.size = (width, height);
        self.reveal_cursor();
    }

    /// The one update step: an action, taken in the current mode.
    pub fn apply(&mut self, action: Action) {
        self.status.message = None;
        match &mut self.mode {
            Mode::Overlay(Overlay::Drift { .. } | Overlay::Evidence { .. }) => {
                self.mode = Mode::Normal;
                if action == Action::Quit {
                    self.quit = true;
                }
            }
            Mode::Overlay(Overlay::Help { scroll, over_panel }) => match action {
                Action::NextSentence | Action::ScrollDown => *scroll += 1,
                Action::PrevSentence | Action::ScrollUp => *scroll = scroll.saturating_sub(1),
                Action::HalfPageDown | Action::PageDown => *scroll += 10,
                Action::HalfPageUp | Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                Action::Quit => self.quit = true,
                _ => {
                    self.mode = if *over_panel {
                        Mode::Panel
                    } else {
                        Mode::Normal
                    }
                }
            },
            Mode::Panel => self.panel_apply(action),
            // Keys reach these modes through `handle_key`, not as actions.
            Mode::Input { .. } | Mode::Verdict => {}
            Mode::Normal => self.pane_apply(action),
        }
    }

    /// An action in normal mode: the panes have the keys.
    fn pane_apply(&mut self, action: Action) {
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
            Action::Top => self.set_cursor(self.screen.focus, 0),
            Action::Bottom => {
                let last = self
                    .model
                    .sentence_count(self.screen.focus)
                    .saturating_sub(1) as u32;
                self.set_cursor(self.screen.focus, last);
            }
            Action::FocusNext => self.focus_by(1),
            Action::FocusPrev => self.focus_by(-1),
            Action::ShowNextPanes => self.shift_panes(1),
            Action::ShowPrevPanes => self.shift_panes(-1),
            Action::MorePanes => {
                let shown = geo.visible.len();
                if shown >= self.model.doc_count() {
                    self.status.message = Some("every document is already shown".into());
                } else if self.screen.pane_limit >= 4 {
                    self.status.message =
                        Some("four panes at most side by side (> and < shift them)".into());
                } else if usize::from(self.screen.size.0 / MIN_PANE_WIDTH) <= shown {
                    self.status.message = Some("no room for another pane at this width".into());
                } else {
                    self.screen.pane_limit = shown + 1;
                    self.keep_focus_visible();
                }
            }
            Action::FewerPanes => {
                if geo.visible.len() <= 1 {
                    self.status.message = Some("one pane is the fewest".into());
                } else {
                    self.screen.pane_limit = geo.visible.len() - 1;
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
            Action::ShowEvidence => self.show_evidence(),
            Action::TogglePanel => self.toggle_panel(),
            Action::SetVerdict => self.start_verdict(),
            Action::EditNote => self.start_note(),
            Action::ClearMark => self.clear_mark(),
            Action::ReviewFilter => self.cycle_review_filter(),
            Action::ExportReview => self.export_review(),
            Action::ToggleAnnotations => {
                self.screen.annotations = !self.screen.annotations;
                self.status.message = Some(if self.screen.annotations {
                    "entities, quotes and claims: shown".into()
                } else {
                    "entities, quotes and claims: hidden (plain reading)".into()
                });
            }
            Action::Search => {
                self.mode = Mode::Input {
                    line: InputLine::new(Scope::AllPanes),
                    purpose: InputPurpose::Search,
                }
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::ToggleFold => self.toggle_fold(),
            Action::FoldAll => self.fold_all(),
            Action::UnfoldAll => {
                self.aligned.folded.clear();
                self.rebuild_aligned();
                self.reveal_cursor();
            }
            Action::ToggleLayout => {
                if !self.model.analysed() {
                    self.status.message =
                        Some("still aligning: the aligned layout comes when it finishes".into());
                    return;
                }
                self.screen.layout = match self.screen.layout {
                    Layout::Aligned => Layout::Reading,
                    Layout::Reading => Layout::Aligned,
                };
                self.reveal_cursor();
                self.status.message = Some(match self.screen.layout {
                    Layout::Aligned => "aligned layout: counterparts on the same rows".into(),
                    Layout::Reading => "reading layout: each pane flows by paragraph".into(),
                });
            }
            Action::ToggleSync => {
                self.screen.sync = !self.screen.sync;
                self.status.message = Some(if self.screen.sync {
                    "scrolling: synchronised".into()
                } else {
                    "scrolling: independent".into()
                });
                self.reveal_cursor();
            }
            Action::ToggleMeasure => {
                if self.screen.measure == 0 {
                    self.say("no reading measure set ([display] max_width = 0)");
                    return;
                }
                self.screen.full_width = !self.screen.full_width;
                self.say(if self.screen.full_width {
                    "prose runs the full width of the pane".to_string()
                } else {
                    format!("prose wraps at {} columns", self.screen.measure)
                });
                self.reveal_cursor();
            }
            Action::Help => {
                self.mode = Mode::Overlay(Overlay::Help {
                    scroll: 0,
                    over_panel: false,
                })
            }
            Action::Copy => self.copy(false),
            Action::CopyAllVersions => self.copy(true),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Cancel => {
                self.search = None;
                self.item = None;
                self.pending.clear();
            }
            Action::Quit => self.quit = true,
        }
    }
}
