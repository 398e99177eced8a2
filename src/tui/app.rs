//! The reader's state and its one update function: keys resolve through the keymap to actions,
//! and each action changes the state. Drawing (in `view`) only reads it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::flow::{self, Block, Measure, Pos, WrapCache};
use super::input::{InputLine, InputOutcome};
use super::keymap::{Key, Keymap, Resolution};
use super::markup::Markup;
use super::model::{Mark, ReaderModel};
use super::search::{Scope, Search};
use super::theme::Theme;
use crate::config::{DisplayConfig, LayoutSetting};
use crate::document::Format;

/// Narrowest pane worth showing; fewer panes stand side by side below it.
pub const MIN_PANE_WIDTH: u16 = 24;
/// Gutter columns left of the text and the overview strip right of it.
pub const GUTTER: u16 = 2;
pub const STRIP: u16 = 1;
/// Longest Markdown paragraph (bytes) that gets markup highlighting.
const MAX_MARKUP_PARAGRAPH: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Aligned,
    Reading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
}

/// Screen geometry derived from the terminal size: which documents show, and how wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub visible: Vec<usize>,
    pub pane_width: u16,
    pub text_width: u16,
    /// Lines of text in each pane (below the header, above the status line).
    pub body_height: u16,
}

/// Per overview-strip cell: the strongest difference in its slice of the document.
type StripCells = Rc<Vec<Option<Mark>>>;

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
    row_block: Vec<u32>,
    /// Per document: sentences that differ from the others (for `]c`), in order.
    differences: Vec<Vec<u32>>,
    pub search: Option<Search>,
    pub input: Option<InputLine>,
    pub pending: Vec<Key>,
    pub overlay: Option<Overlay>,
    pub message: Option<String>,
    pub progress: Option<String>,
    pub quit: bool,
    pub cache: WrapCache,
    /// Overview strip cells by (document, reference, height).
    strip_cache: RefCell<HashMap<(usize, usize, u16), StripCells>>,
    /// Markdown highlighting, when a document is Markdown; styled markup by (document, paragraph).
    markup: Option<Markup>,
    markup_cache: RefCell<HashMap<(usize, u32), MarkupSpans>>,
    /// Per document, its word count for the header (counted once).
    pub words: Vec<usize>,
}

type MarkupSpans = Rc<Vec<(crate::document::Span, ratatui::style::Style)>>;

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
            pending: Vec::new(),
            overlay: None,
            message: None,
            progress: None,
            quit: false,
            cache: WrapCache::default(),
            strip_cache: RefCell::default(),
            markup: None,
            markup_cache: RefCell::default(),
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

    /// The styled markup of a Markdown paragraph (empty for other formats).
    pub fn markup(&self, doc: usize, para: u32) -> MarkupSpans {
        let (Some(markup), Some(d)) = (&self.markup, self.model.corpus.documents.get(doc)) else {
            return Rc::default();
        };
        if d.format != Format::Markdown {
            return Rc::default();
        }
        if let Some(hit) = self.markup_cache.borrow().get(&(doc, para)) {
            return Rc::clone(hit);
        }
        // Highlighting is line-local work; an enormous paragraph is left plain rather than
        // stalling the screen.
        let spans = d
            .paragraphs
            .get(para as usize)
            .filter(|p| p.span.len() <= MAX_MARKUP_PARAGRAPH)
            .map_or_else(Vec::new, |p| {
                markup.paragraph(d.slice(p.span), p.span.start as usize)
            });
        let spans = Rc::new(spans);
        self.markup_cache
            .borrow_mut()
            .insert((doc, para), Rc::clone(&spans));
        spans
    }

    /// Take a (re)built model: analysis finished, or the initial text-only one.
    pub fn install(&mut self, model: ReaderModel) {
        self.model = model;
        self.strip_cache.borrow_mut().clear();
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

    fn rebuild_aligned(&mut self) {
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
        let (w, h) = self.size;
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

    pub fn top(&self, doc: usize) -> Pos {
        match self.effective_layout() {
            Layout::Aligned => self.aligned_top,
            Layout::Reading => self.tops.get(doc).copied().unwrap_or_default(),
        }
    }

    fn set_top(&mut self, doc: usize, pos: Pos) {
        match self.effective_layout() {
            Layout::Aligned => self.aligned_top = pos,
            Layout::Reading => {
                if let Some(t) = self.tops.get_mut(doc) {
                    *t = pos;
                }
            }
        }
    }

    /// The block holding a sentence of a document in the current flow.
    pub fn sentence_block(&self, doc: usize, sentence: u32) -> Option<usize> {
        match self.effective_layout() {
            Layout::Aligned => {
                let row = self.model.row_of(doc, sentence)?;
                self.row_block.get(row).map(|&b| b as usize)
            }
            Layout::Reading => {
                let d = self.model.corpus.documents.get(doc)?;
                d.sentences
                    .get(sentence as usize)
                    .map(|s| s.paragraph as usize)
            }
        }
    }

    /// Where a sentence starts in its pane's flow.
    fn sentence_pos(&self, doc: usize, sentence: u32, geo: &Geometry) -> Option<Pos> {
        let block = self.sentence_block(doc, sentence)?;
        let m = self.measure(doc, geo);
        Some(Pos {
            block,
            line: m.sentence_line(block, doc, sentence),
        })
    }

    pub fn handle_key(&mut self, event: KeyEvent) {
        let Some(key) = Key::from_event(event) else {
            return;
        };
        if let Some(input) = self.input.as_mut() {
            match input.key(key) {
                InputOutcome::Editing => {}
                InputOutcome::Cancel => {
                    self.input = None;
                }
                InputOutcome::ToggleScope => {
                    input.toggle_scope();
                }
                InputOutcome::Submit => {
                    let line = self.input.take();
                    if let Some(line) = line {
                        self.run_search(line.text(), line.scope());
                    }
                }
            }
            return;
        }
        self.pending.push(key);
        match self.keymap.resolve(&self.pending) {
            Resolution::Matched(action) => {
                self.pending.clear();
                self.apply(action);
            }
            Resolution::Pending(_) => {}
            Resolution::NotFound => {
                let typed = super::keymap::sequence_string(&self.pending);
                self.pending.clear();
                if key.code != super::keymap::Code::Esc {
                    self.message = Some(format!("{typed} is not bound (? shows the keys)"));
                }
                if self.overlay.is_some() {
                    self.overlay = None;
                }
            }
        }
    }

    /// Text pasted into the terminal goes to the input line, if one is open.
    pub fn handle_paste(&mut self, text: &str) {
        if let Some(input) = self.input.as_mut() {
            input.insert(text);
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.reveal_cursor();
    }

    pub fn apply(&mut self, action: Action) {
        self.message = None;
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
                self.pane_limit = (self.pane_limit + 1).min(4);
                self.keep_focus_visible();
            }
            Action::FewerPanes => {
                self.pane_limit = self.pane_limit.saturating_sub(1).max(1);
                self.keep_focus_visible();
            }
            Action::NextDifference => self.jump_difference(true),
            Action::PrevDifference => self.jump_difference(false),
            Action::Counterpart => self.jump_counterpart(),
            Action::Search => self.input = Some(InputLine::new(Scope::AllPanes)),
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
                self.pending.clear();
            }
            Action::Quit => self.quit = true,
        }
    }

    fn move_cursor(&mut self, delta: i64) {
        let count = self.model.sentence_count(self.focus) as i64;
        if count == 0 {
            self.message = Some("this document has no text".into());
            return;
        }
        let cur = i64::from(self.cursor.get(self.focus).copied().unwrap_or(0));
        let next = (cur + delta).clamp(0, count - 1) as u32;
        self.set_cursor(self.focus, next);
    }

    /// Put the focused cursor on a sentence, open a fold hiding it, and bring it into view.
    pub fn set_cursor(&mut self, doc: usize, sentence: u32) {
        if let Some(c) = self.cursor.get_mut(doc) {
            *c = sentence;
        }
        if let Some(row) = self.model.row_of(doc, sentence) {
            let before = self.folded.len();
            self.folded.retain(|f| !f.contains(&(row as u32)));
            if self.folded.len() != before {
                self.rebuild_aligned();
            }
        }
        self.reveal_cursor();
    }

    /// Scroll so the focused cursor is on screen, then level the other panes with it.
    pub fn reveal_cursor(&mut self) {
        let geo = self.geometry();
        let doc = self.focus;
        let Some(cursor) = self.cursor.get(doc).copied() else {
            return;
        };
        let Some(target) = self.sentence_pos(doc, cursor, &geo) else {
            return;
        };
        let page = usize::from(geo.body_height.max(1));
        let top = self.top(doc);
        let m = self.measure(doc, &geo);
        let sentence_height = self.sentence_height(doc, cursor, &geo).min(page);
        let new_top = if target < top {
            target
        } else {
            match m.distance(top, target, page) {
                Some(d) if d + sentence_height <= page => top,
                Some(_) => m.backward(target, page.saturating_sub(sentence_height)),
                // Far below: show it a third of the way down.
                None => m.backward(target, page / 3),
            }
        };
        self.set_top(doc, new_top);
        self.sync_others();
    }

    fn sentence_height(&self, doc: usize, sentence: u32, geo: &Geometry) -> usize {
        let Some(d) = self.model.corpus.documents.get(doc) else {
            return 1;
        };
        let Some(s) = d.sentences.get(sentence as usize) else {
            return 1;
        };
        self.cache
            .lines(d, doc, s.span, geo.text_width)
            .len()
            .max(1)
    }

    /// Level the other visible panes with the focused one: their cursors go to the
    /// counterparts of the focused sentence, and in reading mode they scroll to match.
    fn sync_others(&mut self) {
        let geo = self.geometry();
        let f = self.focus;
        let Some(&fc) = self.cursor.get(f) else {
            return;
        };
        for &o in geo.visible.iter().filter(|&&o| o != f) {
            let counterpart = self.nearest_counterpart(f, fc, o);
            if let Some(c) = counterpart
                && let Some(slot) = self.cursor.get_mut(o)
            {
                *slot = c;
            }
            if !self.sync || self.effective_layout() == Layout::Aligned {
                continue;
            }
            let Some(c) = counterpart else { continue };
            let (Some(fpos), Some(opos)) = (
                self.sentence_pos(f, fc, &geo),
                self.sentence_pos(o, c, &geo),
            ) else {
                continue;
            };
            let page = usize::from(geo.body_height);
            let screen_line = self
                .measure(f, &geo)
                .distance(self.top(f), fpos, page)
                .unwrap_or(0);
            let top = self.measure(o, &geo).backward(opos, screen_line);
            if let Some(t) = self.tops.get_mut(o) {
                *t = top;
            }
        }
    }

    /// The counterpart in `other` of `sentence`, or of the nearest earlier sentence that has one.
    fn nearest_counterpart(&self, doc: usize, sentence: u32, other: usize) -> Option<u32> {
        let floor = sentence.saturating_sub(200);
        (floor..=sentence)
            .rev()
            .find_map(|s| self.model.counterpart(doc, s, other))
            .map(|r| r.start)
    }

    fn scroll(&mut self, lines: usize, down: bool) {
        let geo = self.geometry();
        let doc = self.focus;
        let page = usize::from(geo.body_height.max(1));
        let m = self.measure(doc, &geo);
        let top = self.top(doc);
        let limit = m.last_top(page).max(Pos::default());
        let new_top = if down {
            m.forward(top, lines).min(limit.max(top))
        } else {
            m.backward(top, lines)
        };
        self.set_top(doc, new_top);
        // Keep the cursor on screen: onto the first sentence at or below the new top.
        if let Some(sentence) = self.first_sentence_at(doc, new_top, &geo)
            && let Some(c) = self.cursor.get(doc).copied()
        {
            let pos = self.sentence_pos(doc, c, &geo).unwrap_or_default();
            let m = self.measure(doc, &geo);
            let visible = m.distance(new_top, pos, page).is_some_and(|d| d < page);
            if !visible && let Some(slot) = self.cursor.get_mut(doc) {
                *slot = sentence;
            }
        }
        self.sync_others();
    }

    /// The first sentence of `doc` whose start is at or after `pos`.
    pub fn first_sentence_at(&self, doc: usize, pos: Pos, geo: &Geometry) -> Option<u32> {
        let m = self.measure(doc, geo);
        for block in pos.block..(pos.block + 64).min(m.blocks.len()) {
            if let Some((_, sentences)) = flow::block_text(&self.model, &m.blocks[block], doc) {
                for s in sentences {
                    let line = m.sentence_line(block, doc, s);
                    if block > pos.block || line >= pos.line {
                        return Some(s);
                    }
                }
            }
        }
        None
    }

    fn focus_by(&mut self, delta: i64) {
        let n = self.model.doc_count() as i64;
        if n == 0 {
            return;
        }
        self.focus = ((self.focus as i64 + delta).rem_euclid(n)) as usize;
        self.keep_focus_visible();
    }

    fn shift_panes(&mut self, delta: i64) {
        let geo = self.geometry();
        let count = geo.visible.len();
        let n = self.model.doc_count();
        if count >= n {
            self.message = Some("all documents are already shown".into());
            return;
        }
        let first = (geo.visible[0] as i64 + delta).clamp(0, (n - count) as i64) as usize;
        self.first_visible = first;
        if !self.geometry().visible.contains(&self.focus) {
            self.focus = if delta > 0 { first } else { first + count - 1 };
        }
        self.reveal_cursor();
    }

    fn keep_focus_visible(&mut self) {
        let geo = self.geometry();
        let count = geo.visible.len();
        if self.focus < geo.visible[0] {
            self.first_visible = self.focus;
        } else if self.focus >= geo.visible[0] + count {
            self.first_visible = self.focus + 1 - count;
        }
        self.reveal_cursor();
    }

    fn jump_difference(&mut self, forward: bool) {
        if !self.model.analysed() {
            self.message = Some("still aligning…".into());
            return;
        }
        let f = self.focus;
        let cur = self.cursor.get(f).copied().unwrap_or(0);
        let diffs = self.differences.get(f).map_or(&[][..], Vec::as_slice);
        let target = if forward {
            diffs.get(diffs.partition_point(|&s| s <= cur)).copied()
        } else {
            diffs
                .partition_point(|&s| s < cur)
                .checked_sub(1)
                .map(|i| diffs[i])
        };
        match target {
            Some(s) => self.set_cursor(f, s),
            None if diffs.is_empty() => {
                self.message = Some("no differences: every sentence is shared verbatim".into())
            }
            None => {
                self.message = Some(if forward {
                    "no more differences below".into()
                } else {
                    "no more differences above".into()
                })
            }
        }
    }

    fn jump_counterpart(&mut self) {
        let f = self.focus;
        let n = self.model.doc_count();
        let cur = self.cursor.get(f).copied().unwrap_or(0);
        let target = (1..n)
            .map(|k| (f + k) % n)
            .find_map(|o| self.model.counterpart(f, cur, o).map(|r| (o, r.start)));
        match target {
            Some((o, s)) => {
                self.focus = o;
                if let Some(c) = self.cursor.get_mut(o) {
                    *c = s;
                }
                self.keep_focus_visible();
            }
            None if !self.model.analysed() => self.message = Some("still aligning…".into()),
            None => {
                self.message =
                    Some("this sentence has no counterpart in the other documents".into())
            }
        }
    }

    /// Runs of at least `min_fold_run` consecutive identical rows.
    fn fold_runs(&self) -> Vec<Range<u32>> {
        let rows = self.model.rows().len() as u32;
        let mut runs = Vec::new();
        let mut r = 0;
        while r < rows {
            if !self.model.row_identical(r as usize) {
                r += 1;
                continue;
            }
            let start = r;
            while r < rows && self.model.row_identical(r as usize) {
                r += 1;
            }
            if (r - start) as usize >= self.min_fold_run {
                runs.push(start..r);
            }
        }
        runs
    }

    fn toggle_fold(&mut self) {
        if self.effective_layout() != Layout::Aligned {
            self.message = Some("folding works in the aligned layout (t switches)".into());
            return;
        }
        let cur = self.cursor.get(self.focus).copied().unwrap_or(0);
        let Some(row) = self.model.row_of(self.focus, cur).map(|r| r as u32) else {
            return;
        };
        if let Some(i) = self.folded.iter().position(|f| f.contains(&row)) {
            self.folded.remove(i);
        } else if let Some(run) = self.fold_runs().into_iter().find(|f| f.contains(&row)) {
            self.folded.push(run);
            self.folded.sort_by_key(|f| f.start);
        } else {
            self.message = Some("not in a run of identical sentences".into());
            return;
        }
        self.rebuild_aligned();
        self.reveal_cursor();
    }

    fn fold_all(&mut self) {
        if self.effective_layout() != Layout::Aligned {
            self.message = Some("folding works in the aligned layout (t switches)".into());
            return;
        }
        self.folded = self.fold_runs();
        let count = self.folded.len();
        self.rebuild_aligned();
        self.reveal_cursor();
        self.message = Some(format!("{count} runs of identical sentences folded"));
    }

    fn run_search(&mut self, query: &str, scope: Scope) {
        if query.is_empty() {
            self.search = None;
            return;
        }
        let search = Search::new(&self.model.corpus, query, scope, self.focus);
        let total = search.total();
        self.search = Some(search);
        if total == 0 {
            self.message = Some(format!("no match for “{query}”"));
            return;
        }
        self.search_step(true);
    }

    fn search_step(&mut self, forward: bool) {
        let Some(search) = self.search.as_ref() else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        let f = self.focus;
        let cur = self.cursor.get(f).copied().unwrap_or(0);
        let from = self
            .model
            .corpus
            .documents
            .get(f)
            .and_then(|d| d.sentences.get(cur as usize))
            .map_or(0, |s| s.span.start);
        let current = search
            .current
            .filter(|&(d, _)| d == f)
            .map(|(_, s)| s)
            .unwrap_or(from);
        match search.step(&self.model.corpus, f, current, forward) {
            Some(hit) => {
                let wrapped = hit.wrapped;
                if let Some(s) = self.search.as_mut() {
                    s.current = Some((hit.doc, hit.span.start));
                }
                let (index, total) = (hit.index + 1, hit.of);
                if hit.doc != f {
                    self.focus = hit.doc;
                }
                self.set_cursor(hit.doc, hit.sentence);
                self.keep_focus_visible();
                self.message = Some(format!(
                    "match {index}/{total}{}",
                    if wrapped { " (wrapped)" } else { "" }
                ));
            }
            None => self.message = Some("no match".into()),
        }
    }

    /// The overview strip of a pane: per cell, the strongest difference among its sentences.
    pub fn strip_marks(&self, doc: usize, height: u16) -> StripCells {
        let key = (doc, self.focus, height);
        if let Some(hit) = self.strip_cache.borrow().get(&key) {
            return Rc::clone(hit);
        }
        let n = self.model.sentence_count(doc);
        let h = usize::from(height.max(1));
        let rank = |m: Mark| match m {
            Mark::Unique => 3,
            Mark::Moved => 2,
            Mark::Paraphrase => 1,
            _ => 0,
        };
        let cells: Vec<Option<Mark>> = (0..h)
            .map(|i| {
                let (lo, hi) = (i * n / h, ((i + 1) * n / h).max(i * n / h + 1).min(n));
                (lo..hi)
                    .map(|s| self.model.mark(doc, s as u32, self.focus))
                    .filter(|&m| rank(m) > 0)
                    .max_by_key(|&m| rank(m))
            })
            .collect();
        let cells = Rc::new(cells);
        self.strip_cache.borrow_mut().insert(key, Rc::clone(&cells));
        cells
    }

    /// Keys waiting for the rest of a sequence, and what they could become.
    pub fn pending_hint(&self) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        let Resolution::Pending(options) = self.keymap.resolve(&self.pending) else {
            return None;
        };
        let typed = super::keymap::sequence_string(&self.pending);
        let rest: Vec<String> = options
            .iter()
            .map(|(seq, a)| {
                format!(
                    "{} {}",
                    super::keymap::sequence_string(&seq[self.pending.len()..]),
                    a.name().replace('_', " ")
                )
            })
            .collect();
        Some(format!("{typed}…  {}", rest.join(" · ")))
    }
}
