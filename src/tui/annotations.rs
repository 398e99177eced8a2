//! The reader's moves between quotes, claims and entity mentions: jumps within a pane, the same
//! item in another version, following an entity across versions, and the drift view.

use super::app::{App, Mode, Overlay};
use super::items::{Item, Items, Kind};
use crate::document::DocId;

impl App {
    pub fn items(&self) -> Items<'_> {
        Items(&self.model.extraction)
    }

    /// Where the focused pane stands for item jumps: the current item while the cursor is
    /// still on it, else just before the cursor sentence (so the first item in that sentence is
    /// next). Moving the cursor by any other means moves the anchor with it.
    fn item_anchor(&self, kind: Kind) -> u32 {
        let f = self.screen.focus;
        if let Some(item) = self
            .item
            .filter(|i| i.doc == f && i.kind == kind && self.item_here(&[kind]) == Some(*i))
            && let Some(span) = self.items().span(item)
        {
            return span.start;
        }
        self.cursor_start(f).saturating_sub(1)
    }

    pub(super) fn jump_item(&mut self, kind: Kind, forward: bool) {
        if !self.model.analysed() {
            self.status.message = Some("still reading the documents…".into());
            return;
        }
        let f = self.screen.focus;
        let items = self.items();
        if items.list(kind, f).is_empty() {
            self.status.message = Some(format!("no {} in this document", kind.plural()));
            return;
        }
        let from = self.item_anchor(kind);
        match items.step(kind, f, from, forward) {
            Some(item) => self.go_to_item(item),
            None => {
                self.status.message = Some(format!(
                    "no more {} {}",
                    kind.plural(),
                    if forward { "below" } else { "above" }
                ))
            }
        }
    }

    /// Make `item` current: focus its pane, put the cursor on its sentence, and level the
    /// other panes with its counterparts.
    pub(super) fn go_to_item(&mut self, item: Item) {
        self.item = Some(item);
        self.screen.focus = item.doc;
        self.keep_focus_visible();
        if let Some(span) = self.items().span(item)
            && let Some(s) = self.sentence_at(item.doc, span.start)
        {
            self.set_cursor(item.doc, s);
        }
        // The counterparts of a quote or claim take the cursors of their panes.
        let targets: Vec<(DocId, u32)> = self
            .items()
            .counterparts(item)
            .iter()
            .filter_map(|c| {
                let other = Item {
                    kind: item.kind,
                    doc: c.doc,
                    index: c.index,
                };
                let span = self.items().span(other)?;
                Some((other.doc, self.sentence_at(other.doc, span.start)?))
            })
            .collect();
        for (doc, s) in targets {
            self.set_cursor_only(doc, s);
        }
    }

    fn sentence_at(&self, doc: DocId, byte: u32) -> Option<u32> {
        let d = self.model.corpus.get(doc)?;
        let i = d.sentences.partition_point(|s| s.span.end <= byte);
        (i < d.sentences.len()).then_some(i as u32)
    }

    /// The current item if the cursor is still on it, else the first item of `kind` in the
    /// cursor sentence.
    pub fn item_here(&self, kinds: &[Kind]) -> Option<Item> {
        let f = self.screen.focus;
        let cur = self.cursor(f);
        let sentence = self.model.corpus.get(f)?.sentences.get(cur as usize)?;
        if let Some(item) = self.item.filter(|i| i.doc == f && kinds.contains(&i.kind))
            && let Some(span) = self.items().span(item)
            && sentence.span.start <= span.start
            && span.start < sentence.span.end
        {
            return Some(item);
        }
        kinds
            .iter()
            .find_map(|&k| self.items().first_within(k, f, sentence.span))
    }

    pub(super) fn item_counterpart(&mut self) {
        let Some(item) = self.item_here(&[Kind::Quote, Kind::Claim]) else {
            self.status.message = Some("not on a quote or claim (]q and ]a find one)".into());
            return;
        };
        let n = self.model.doc_count();
        let next = (1..n as i64)
            .map(|k| item.doc.cycle(k, n))
            .find_map(|o| self.items().counterpart_in(item, o));
        match next {
            Some(other) => self.go_to_item(other),
            None => {
                self.status.message =
                    Some(format!("this {} is in no other version", item.kind.name()))
            }
        }
    }

    pub(super) fn follow_entity(&mut self, forward: bool) {
        let Some(here) = self.item_here(&[Kind::Mention]) else {
            self.status.message = Some("no named entity here (]e finds one)".into());
            return;
        };
        let items = self.items();
        let Some(entity) = items.entity_of(here) else {
            return;
        };
        let all = items.mentions_of(entity);
        let Some(pos) = all.iter().position(|m| *m == here) else {
            return;
        };
        let len = all.len();
        let next = if forward {
            all[(pos + 1) % len]
        } else {
            all[(pos + len - 1) % len]
        };
        let name = items
            .0
            .entity(entity)
            .map_or_else(String::new, |e| e.name.clone());
        self.go_to_item(next);
        let at = all.iter().position(|m| *m == next).map_or(0, |p| p + 1);
        let docs = all
            .iter()
            .map(|m| m.doc)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        self.status.message = Some(format!(
            "{name}: mention {at}/{len}, in {docs} version{}",
            if docs == 1 { "" } else { "s" }
        ));
    }

    pub(super) fn show_drift(&mut self) {
        match self.item_here(&[Kind::Quote, Kind::Claim]) {
            Some(item) if !self.items().counterparts(item).is_empty() => {
                self.item = Some(item);
                self.mode = Mode::Overlay(Overlay::Drift { item });
            }
            Some(item) => {
                self.status.message =
                    Some(format!("this {} is in no other version", item.kind.name()))
            }
            None => {
                self.status.message = Some("not on a quote or claim (]q and ]a find one)".into())
            }
        }
    }
}
