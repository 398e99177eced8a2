//! Moving through the documents: the cursor sentence, scrolling, pane focus, differences,
//! counterparts and folds — each move keeps the cursor on screen and the other panes level.

use std::ops::Range;

use super::app::{App, Geometry, Layout};
use super::flow::{self, Pos};
use crate::document::DocId;

impl App {
    pub fn top(&self, doc: DocId) -> Pos {
        match self.effective_layout() {
            Layout::Aligned => self.aligned.top,
            Layout::Reading => self.panes.get(doc).map(|p| p.top).unwrap_or_default(),
        }
    }

    pub(super) fn set_top(&mut self, doc: DocId, pos: Pos) {
        match self.effective_layout() {
            Layout::Aligned => self.aligned.top = pos,
            Layout::Reading => {
                if let Some(pane) = self.panes.get_mut(doc) {
                    pane.top = pos;
                }
            }
        }
    }

    /// The block holding a sentence of a document in the current flow.
    pub fn sentence_block(&self, doc: DocId, sentence: u32) -> Option<usize> {
        match self.effective_layout() {
            Layout::Aligned => {
                let row = self.model.row_of(doc, sentence)?;
                self.aligned.row_block.get(row).map(|&b| b as usize)
            }
            Layout::Reading => {
                let d = self.model.corpus.get(doc)?;
                d.sentences
                    .get(sentence as usize)
                    .map(|s| s.paragraph as usize)
            }
        }
    }

    /// Where a sentence starts in its pane's flow.
    pub(super) fn sentence_pos(&self, doc: DocId, sentence: u32, geo: &Geometry) -> Option<Pos> {
        let block = self.sentence_block(doc, sentence)?;
        let m = self.measure(doc, geo);
        Some(Pos {
            block,
            line: m.sentence_line(block, doc, sentence),
        })
    }

    pub(super) fn move_cursor(&mut self, delta: i64) {
        let count = self.model.sentence_count(self.screen.focus) as i64;
        if count == 0 {
            self.status.message = Some("this document has no text".into());
            return;
        }
        let cur = i64::from(self.cursor(self.screen.focus));
        let next = (cur + delta).clamp(0, count - 1) as u32;
        self.set_cursor(self.screen.focus, next);
    }

    /// Put the focused cursor on a sentence, open a fold hiding it, and bring it into view.
    pub fn set_cursor(&mut self, doc: DocId, sentence: u32) {
        self.set_cursor_only(doc, sentence);
        if let Some(row) = self.model.row_of(doc, sentence) {
            let before = self.aligned.folded.len();
            self.aligned.folded.retain(|f| !f.contains(&(row as u32)));
            if self.aligned.folded.len() != before {
                self.rebuild_aligned();
            }
        }
        self.reveal_cursor();
    }

    /// Scroll so the focused cursor is on screen, then level the other panes with it.
    pub fn reveal_cursor(&mut self) {
        let geo = self.geometry();
        let doc = self.screen.focus;
        let cursor = self.cursor(doc);
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

    pub(super) fn sentence_height(&self, doc: DocId, sentence: u32, geo: &Geometry) -> usize {
        let Some(d) = self.model.corpus.get(doc) else {
            return 1;
        };
        let Some(s) = d.sentences.get(sentence as usize) else {
            return 1;
        };
        self.caches
            .wrap
            .lines(d, s.span, geo.text_width)
            .len()
            .max(1)
    }

    /// Level the other visible panes with the focused one: their cursors go to the
    /// counterparts of the focused sentence, and in reading mode they scroll to match.
    pub(super) fn sync_others(&mut self) {
        let geo = self.geometry();
        let f = self.screen.focus;
        let fc = self.cursor(f);
        for &o in geo.visible.iter().filter(|&&o| o != f) {
            let counterpart = self.nearest_counterpart(f, fc, o);
            if let Some(c) = counterpart {
                self.set_cursor_only(o, c);
            }
            if !self.screen.sync || self.effective_layout() == Layout::Aligned {
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
            if let Some(pane) = self.panes.get_mut(o) {
                pane.top = top;
            }
        }
    }

    /// The counterpart in `other` of `sentence`, or of the nearest earlier sentence that has one.
    pub(super) fn nearest_counterpart(
        &self,
        doc: DocId,
        sentence: u32,
        other: DocId,
    ) -> Option<u32> {
        let floor = sentence.saturating_sub(200);
        (floor..=sentence)
            .rev()
            .find_map(|s| self.model.counterpart(doc, s, other))
            .map(|r| r.start)
    }

    pub(super) fn scroll(&mut self, lines: usize, down: bool) {
        self.scroll_pane(self.screen.focus, lines, down);
    }

    /// Scroll one pane, keeping its cursor on screen; the focused pane brings the others level.
    pub(super) fn scroll_pane(&mut self, doc: DocId, lines: usize, down: bool) {
        let geo = self.geometry();
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
        if let Some(sentence) = self.first_sentence_at(doc, new_top, &geo) {
            let c = self.cursor(doc);
            let pos = self.sentence_pos(doc, c, &geo).unwrap_or_default();
            let m = self.measure(doc, &geo);
            let visible = m.distance(new_top, pos, page).is_some_and(|d| d < page);
            if !visible {
                self.set_cursor_only(doc, sentence);
            }
        }
        if doc == self.screen.focus {
            self.sync_others();
        }
    }

    /// The first sentence of `doc` whose start is at or after `pos`.
    pub fn first_sentence_at(&self, doc: DocId, pos: Pos, geo: &Geometry) -> Option<u32> {
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

    pub(super) fn focus_by(&mut self, delta: i64) {
        let n = self.model.doc_count();
        if n == 0 {
            return;
        }
        self.screen.focus = self.screen.focus.cycle(delta, n);
        self.keep_focus_visible();
    }

    pub(super) fn shift_panes(&mut self, delta: i64) {
        let geo = self.geometry();
        let count = geo.visible.len();
        let n = self.model.doc_count();
        if count >= n {
            self.status.message = Some("all documents are already shown".into());
            return;
        }
        let shown = geo.visible.first().map_or(0, |d| d.index());
        let first = (shown as i64 + delta).clamp(0, (n - count) as i64) as usize;
        if first == shown {
            self.status.message = Some(if delta > 0 {
                "already showing the last documents".into()
            } else {
                "already showing the first documents".into()
            });
            return;
        }
        self.screen.first_visible = DocId::at(first);
        if !self.geometry().visible.contains(&self.screen.focus) {
            self.screen.focus = DocId::at(if delta > 0 { first } else { first + count - 1 });
        }
        self.reveal_cursor();
    }

    pub(super) fn keep_focus_visible(&mut self) {
        let geo = self.geometry();
        let count = geo.visible.len();
        let first = geo.visible.first().map_or(0, |d| d.index());
        let focus = self.screen.focus.index();
        if focus < first {
            self.screen.first_visible = self.screen.focus;
        } else if focus >= first + count {
            self.screen.first_visible = DocId::at(focus + 1 - count);
        }
        self.reveal_cursor();
    }

    pub(super) fn jump_difference(&mut self, forward: bool) {
        if self.model.doc_count() < 2 {
            self.status.message = Some("one document alone: nothing to compare it with".into());
            return;
        }
        if !self.model.analysed() {
            self.status.message = Some("still aligning…".into());
            return;
        }
        let f = self.screen.focus;
        let cur = self.cursor(f);
        let diffs = self
            .panes
            .get(f)
            .map_or(&[][..], |p| p.differences.as_slice());
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
                self.status.message =
                    Some("no differences: every sentence is shared verbatim".into())
            }
            None => {
                self.status.message = Some(if forward {
                    "no more differences below".into()
                } else {
                    "no more differences above".into()
                })
            }
        }
    }

    pub(super) fn jump_counterpart(&mut self) {
        let f = self.screen.focus;
        let n = self.model.doc_count();
        let cur = self.cursor(f);
        let target = (1..n as i64)
            .map(|k| f.cycle(k, n))
            .find_map(|o| self.model.counterpart(f, cur, o).map(|r| (o, r.start)));
        match target {
            Some((o, s)) => {
                self.screen.focus = o;
                self.set_cursor_only(o, s);
                self.keep_focus_visible();
            }
            None if !self.model.analysed() => self.status.message = Some("still aligning…".into()),
            None => {
                self.status.message =
                    Some("this sentence has no counterpart in the other documents".into())
            }
        }
    }

    /// Runs of at least `min_fold_run` consecutive rows identical across the panes on screen
    /// (across every document when only one pane shows).
    pub(super) fn fold_runs(&self) -> Vec<Range<u32>> {
        let visible = self.geometry().visible;
        let docs: Vec<DocId> = if visible.len() >= 2 {
            visible
        } else {
            DocId::all(self.model.doc_count()).collect()
        };
        let same = |r: u32| self.model.same_in(r as usize, &docs);
        let rows = self.model.row_count() as u32;
        let mut runs = Vec::new();
        let mut r = 0;
        while r < rows {
            if !same(r) {
                r += 1;
                continue;
            }
            let start = r;
            while r < rows && same(r) {
                r += 1;
            }
            if (r - start) as usize >= self.aligned.min_fold_run {
                runs.push(start..r);
            }
        }
        runs
    }

    pub(super) fn toggle_fold(&mut self) {
        if self.effective_layout() != Layout::Aligned {
            self.status.message = Some("folding works in the aligned layout (t switches)".into());
            return;
        }
        let cur = self.cursor(self.screen.focus);
        let Some(row) = self.model.row_of(self.screen.focus, cur).map(|r| r as u32) else {
            return;
        };
        if let Some(i) = self.aligned.folded.iter().position(|f| f.contains(&row)) {
            self.aligned.folded.remove(i);
        } else if let Some(run) = self.fold_runs().into_iter().find(|f| f.contains(&row)) {
            self.aligned.folded.push(run);
            self.aligned.folded.sort_by_key(|f| f.start);
        } else {
            self.status.message = Some(format!(
                "not in a run of {} or more rows identical in the panes shown (min_fold_run)",
                self.aligned.min_fold_run
            ));
            return;
        }
        self.rebuild_aligned();
        self.reveal_cursor();
    }

    pub(super) fn fold_all(&mut self) {
        if self.effective_layout() != Layout::Aligned {
            self.status.message = Some("folding works in the aligned layout (t switches)".into());
            return;
        }
        self.aligned.folded = self.fold_runs();
        let count = self.aligned.folded.len();
        self.rebuild_aligned();
        self.reveal_cursor();
        self.status.message = Some(match count {
            0 => format!(
                "no run of {} or more identical rows to fold",
                self.aligned.min_fold_run
            ),
            1 => "1 run of identical rows folded".to_string(),
            n => format!("{n} runs of identical rows folded"),
        });
    }

    pub(super) fn show_evidence(&mut self) {
        let f = self.screen.focus;
        let sentence = self.cursor(f);
        if self.model.doc_count() < 2 {
            self.say("one document alone: nothing is linked");
        } else if !self.model.analysed() {
            self.say("still aligning…");
        } else if (1..self.model.doc_count() as i64)
            .map(|k| f.cycle(k, self.model.doc_count()))
            .all(|o| self.model.counterpart(f, sentence, o).is_none())
        {
            self.say("this sentence is linked to nothing in the other versions");
        } else {
            self.mode =
                super::app::Mode::Overlay(super::app::Overlay::Evidence { doc: f, sentence });
        }
    }
}
