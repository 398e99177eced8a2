//! The mouse: the wheel scrolls the pane (or the panel list, or the help) under the pointer, a
//! click focuses a pane and puts the cursor on the sentence clicked, or selects a panel row (a
//! second click jumps to it) or tab. Capture can be switched off so the terminal's own text selection works again.
//!
//! Hit-testing follows the drawing in `view` (panes side by side with one-column separators, a
//! header line on each, the panel at the right with its tabs on top and a footer below).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, Effect, Layout, Mode, Overlay};
use super::flow::{self, Block, Pos};
use super::panel::Tab;
use crate::document::DocId;

/// Lines one wheel notch scrolls.
const WHEEL_LINES: usize = 3;

/// What is under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    /// A pane: its document and the text line (none on the header).
    Pane {
        doc: DocId,
        line: Option<u16>,
    },
    PanelTab(Tab),
    /// A row of the panel's list, as an index into the shown rows.
    PanelRow(usize),
    /// Elsewhere in the panel, or the status line.
    Nothing,
}

impl App {
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        if !self.screen.mouse {
            return;
        }
        let wheel = match event.kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => None,
        };
        let click = event.kind == MouseEventKind::Down(MouseButton::Left);
        if wheel.is_none() && !click {
            return;
        }
        match &self.mode {
            // Typing or picking a verdict: the mouse waits.
            Mode::Input { .. } | Mode::Verdict => return,
            Mode::Overlay(Overlay::Help { .. }) => {
                match wheel {
                    Some(true) => self.apply(Action::ScrollDown),
                    Some(false) => self.apply(Action::ScrollUp),
                    None => self.apply(Action::Cancel),
                }
                return;
            }
            Mode::Overlay(_) => {
                if click {
                    self.apply(Action::Cancel);
                }
                return;
            }
            Mode::Normal | Mode::Panel => {}
        }
        self.status.message = None;
        let hit = self.hit(event.column, event.row);
        match (wheel, hit) {
            (Some(down), Hit::Pane { doc, .. }) => self.wheel_pane(doc, down),
            (Some(down), Hit::PanelRow(_) | Hit::PanelTab(_) | Hit::Nothing)
                if self.panel.open && event.column >= self.panes_width() =>
            {
                let tab = self.panel.tab;
                let len = self.panel_shown(tab).1.len();
                let i = Tab::ALL.iter().position(|&t| t == tab).unwrap_or(0);
                if let Some(sel) = self.panel.selected.get_mut(i) {
                    *sel = if down {
                        (*sel + WHEEL_LINES).min(len.saturating_sub(1))
                    } else {
                        sel.saturating_sub(WHEEL_LINES)
                    };
                }
            }
            (None, Hit::Pane { doc, line }) => self.click_pane(doc, line),
            (None, Hit::PanelTab(tab)) => {
                self.mode = Mode::Panel;
                self.panel.tab = tab;
            }
            (None, Hit::PanelRow(row)) => {
                let i = Tab::ALL
                    .iter()
                    .position(|&t| t == self.panel.tab)
                    .unwrap_or(0);
                // A second click on the selected row jumps to it, as Enter does.
                let again = self.mode == Mode::Panel && self.panel.selected.get(i) == Some(&row);
                self.mode = Mode::Panel;
                if let Some(sel) = self.panel.selected.get_mut(i) {
                    *sel = row;
                }
                if again {
                    self.apply(Action::Select);
                }
            }
            _ => {}
        }
    }

    pub(super) fn toggle_mouse(&mut self) {
        self.screen.mouse = !self.screen.mouse;
        self.effects.push(Effect::MouseCapture(self.screen.mouse));
        let key = self
            .keymap
            .keys_for(Action::ToggleMouse)
            .into_iter()
            .next()
            .unwrap_or_default();
        self.say(if self.screen.mouse {
            format!("mouse on: the wheel scrolls, a click selects ({key}: off, for the terminal's own selection)")
        } else {
            format!("mouse off: the terminal selects text ({key}: mouse on)")
        });
    }

    /// Columns the panes take: the screen less the open panel.
    fn panes_width(&self) -> u16 {
        self.screen
            .size
            .0
            .saturating_sub(self.geometry().panel_width)
    }

    fn hit(&self, column: u16, row: u16) -> Hit {
        let geo = self.geometry();
        let (_, height) = self.screen.size;
        // The status line is the last row.
        if row.saturating_add(1) >= height {
            return Hit::Nothing;
        }
        let panes_width = self.panes_width();
        if column >= panes_width {
            return self.panel_hit(column, row);
        }
        // Each pane but the last is `pane_width` wide and followed by a separator column, which
        // counts for the pane on its left.
        let slot = usize::from(column / (geo.pane_width + 1).max(1));
        let Some(&doc) = geo.visible.get(slot).or(geo.visible.last()) else {
            return Hit::Nothing;
        };
        Hit::Pane {
            doc,
            line: row.checked_sub(1),
        }
    }

    fn panel_hit(&self, column: u16, row: u16) -> Hit {
        if row == 0 {
            let geo = self.geometry();
            // The panel's first column is its border.
            let mut x = self.panes_width() + 1;
            for (tab, label) in super::view::panel_tabs(self, geo.panel_width.saturating_sub(1)) {
                let w = super::wrap::width(&label) as u16;
                if column >= x && column < x + w {
                    return Hit::PanelTab(tab);
                }
                x += w;
            }
            return Hit::Nothing;
        }
        let body = self.screen.size.1.saturating_sub(1);
        let first_row = 1 + u16::from(!self.panel.filter.is_empty());
        let footer = body.saturating_sub(1);
        if row < first_row || row >= footer {
            return Hit::Nothing;
        }
        let shown = self.panel_shown(self.panel.tab).1.len();
        let height = usize::from(footer.max(first_row) - first_row);
        let i = Tab::ALL
            .iter()
            .position(|&t| t == self.panel.tab)
            .unwrap_or(0);
        // As the view scrolls the list: the selection stays on its last line.
        let selected = self
            .panel
            .selected
            .get(i)
            .copied()
            .unwrap_or(0)
            .min(shown.saturating_sub(1));
        let first = selected.saturating_sub(height.saturating_sub(1));
        let index = first + usize::from(row - first_row);
        if index < shown {
            Hit::PanelRow(index)
        } else {
            Hit::Nothing
        }
    }

    /// The wheel over a pane. Aligned panes share one top, so any of them scrolls them all as
    /// the focused one would; in reading layout the pane under the pointer scrolls alone.
    fn wheel_pane(&mut self, doc: DocId, down: bool) {
        if doc == self.screen.focus || self.effective_layout() == Layout::Aligned {
            self.scroll(WHEEL_LINES, down);
        } else {
            self.scroll_pane(doc, WHEEL_LINES, down);
        }
    }

    fn click_pane(&mut self, doc: DocId, line: Option<u16>) {
        self.mode = Mode::Normal;
        let sentence = line.and_then(|y| self.sentence_on_line(doc, y));
        if doc != self.screen.focus {
            self.screen.focus = doc;
            self.keep_focus_visible();
        }
        match sentence {
            Some(s) => self.set_cursor(doc, s),
            None => self.reveal_cursor(),
        }
    }

    /// The sentence drawn on text line `y` of a pane (0 is the line below the header), as the
    /// pane draws it from its top.
    pub(super) fn sentence_on_line(&self, doc: DocId, y: u16) -> Option<u32> {
        let geo = self.geometry();
        let m = self.measure(doc, &geo);
        let d = self.model.corpus.get(doc)?;
        let mut pos = self.top(doc);
        let mut y = usize::from(y);
        while pos.block < m.blocks.len() {
            let h = m.height(pos.block);
            let left = h.saturating_sub(pos.line);
            if y < left {
                let block = &m.blocks[pos.block];
                let (_, sentences) = flow::block_text(&self.model, block, doc)?;
                let gap = usize::from(matches!(
                    block,
                    Block::Para { gap: true, .. } | Block::Row { gap: true, .. }
                ));
                let lines = m.lines(block, doc);
                let index = (pos.line + y).checked_sub(gap)?;
                // Below this pane's part of an aligned row: the row's last sentence here.
                let Some(line) = lines.get(index) else {
                    return sentences
                        .end
                        .checked_sub(1)
                        .filter(|&s| s >= sentences.start);
                };
                let slice = d
                    .sentences
                    .get(sentences.start as usize..sentences.end as usize)?;
                let i = slice.partition_point(|s| (s.span.end as usize) <= line.start);
                return (i < slice.len()).then_some(sentences.start + i as u32);
            }
            y -= left;
            pos = Pos {
                block: pos.block + 1,
                line: 0,
            };
        }
        None
    }
}
