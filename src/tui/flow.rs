//! The vertical layout of the panes: blocks (paragraphs in reading mode, aligned rows or folds
//! in aligned mode), their wrapped lines at a pane width, and positions measured in lines.
//! Every walk is bounded by what fits on screen, so cost does not grow with document size.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::model::ReaderModel;
use super::wrap::{self, Line};
use crate::document::{DocId, Document, Span};

/// One block of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Reading mode: a paragraph of one document.
    Para { para: u32, gap: bool },
    /// Aligned mode: one row of the N-way alignment.
    Row { row: u32, gap: bool },
    /// Aligned mode: a folded run of identical rows, shown as one line.
    Fold { rows: Range<u32> },
}

impl Block {
    fn gap(&self) -> usize {
        match self {
            Block::Para { gap, .. } | Block::Row { gap, .. } => usize::from(*gap),
            Block::Fold { .. } => 0,
        }
    }
}

/// A place in a flow: a block and a line inside it (the gap line counts as line 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub block: usize,
    pub line: usize,
}

/// Document, text range start and end, width.
type WrapKey = (DocId, u32, u32, u16);

/// Wrapped lines by (document, text range, width); cleared when it grows large.
#[derive(Debug, Default)]
pub struct WrapCache {
    map: RefCell<HashMap<WrapKey, Rc<Vec<Line>>>>,
}

const CACHE_LIMIT: usize = 20_000;

impl WrapCache {
    pub fn lines(&self, doc: &Document, span: Span, width: u16) -> Rc<Vec<Line>> {
        let key = (doc.id, span.start, span.end, width);
        if let Some(hit) = self.map.borrow().get(&key) {
            return Rc::clone(hit);
        }
        let text = doc.text.get(span.range()).unwrap_or("");
        let lines = Rc::new(wrap::wrap(text, span.start as usize, usize::from(width)));
        let mut map = self.map.borrow_mut();
        if map.len() > CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, Rc::clone(&lines));
        lines
    }
}

/// The text span a block covers in one document, and the sentences in it.
pub fn block_text(model: &ReaderModel, block: &Block, doc: DocId) -> Option<(Span, Range<u32>)> {
    let d = model.corpus.get(doc)?;
    match block {
        Block::Para { para, .. } => {
            let p = d.paragraphs.get(*para as usize)?;
            let first = d.sentences.partition_point(|s| s.paragraph < *para) as u32;
            let end = d.sentences.partition_point(|s| s.paragraph <= *para) as u32;
            Some((p.span, first..end))
        }
        Block::Row { row, .. } => {
            let range = model.cell(*row as usize, doc)?;
            let first = d.sentences.get(range.start as usize)?;
            let last = d.sentences.get(range.end.checked_sub(1)? as usize)?;
            Some((
                Span {
                    start: first.span.start,
                    end: last.span.end,
                },
                range.start..range.end,
            ))
        }
        Block::Fold { .. } => None,
    }
}

/// The blocks of a reading-mode flow for one document.
pub fn reading_blocks(doc: &Document) -> Vec<Block> {
    (0..doc.paragraphs.len() as u32)
        .map(|para| Block::Para {
            para,
            gap: para > 0,
        })
        .collect()
}

/// The blocks of the aligned flow: rows, with identical runs folded where asked. A blank line
/// separates rows where any document starts a new paragraph.
pub fn aligned_blocks(model: &ReaderModel, folded: &[Range<u32>]) -> Vec<Block> {
    let rows = model.row_count();
    let mut out = Vec::with_capacity(rows);
    let mut folds = folded.iter().peekable();
    let mut r = 0u32;
    while (r as usize) < rows {
        if let Some(f) = folds.peek()
            && f.start == r
        {
            out.push(Block::Fold { rows: (*f).clone() });
            r = f.end;
            folds.next();
            continue;
        }
        let gap = r > 0 && starts_paragraph(model, r as usize);
        out.push(Block::Row { row: r, gap });
        r += 1;
    }
    out
}

fn starts_paragraph(model: &ReaderModel, row: usize) -> bool {
    let Some(rows) = model.rows() else {
        return false;
    };
    rows.cells(row).any(|(d, range)| {
        let Some(doc) = model.corpus.get(d) else {
            return false;
        };
        let para = |s: u32| doc.sentences.get(s as usize).map(|s| s.paragraph);
        range.start > 0 && para(range.start) != para(range.start - 1)
    })
}

/// Geometry and content of the panes at this moment: enough to measure and walk positions.
pub struct Measure<'a> {
    pub model: &'a ReaderModel,
    pub cache: &'a WrapCache,
    /// The documents whose heights count (all visible panes in aligned mode, one in reading).
    pub docs: &'a [DocId],
    pub text_width: u16,
    pub blocks: &'a [Block],
}

impl Measure<'_> {
    /// Lines of one document's part of a block (without the gap).
    pub fn lines(&self, block: &Block, doc: DocId) -> Rc<Vec<Line>> {
        match (
            block_text(self.model, block, doc),
            self.model.corpus.get(doc),
        ) {
            (Some((span, _)), Some(d)) => self.cache.lines(d, span, self.text_width),
            _ => Rc::new(Vec::new()),
        }
    }

    /// Height of a block: its gap plus the tallest of the measured documents' parts.
    pub fn height(&self, i: usize) -> usize {
        let Some(block) = self.blocks.get(i) else {
            return 0;
        };
        if let Block::Fold { .. } = block {
            return 1;
        }
        let body = self
            .docs
            .iter()
            .map(|&d| self.lines(block, d).len())
            .max()
            .unwrap_or(0);
        if body == 0 { 0 } else { block.gap() + body }
    }

    /// `pos` moved down by `n` lines, stopping at the last line.
    pub fn forward(&self, mut pos: Pos, mut n: usize) -> Pos {
        loop {
            let h = self.height(pos.block);
            let room = h.saturating_sub(pos.line + 1);
            if n <= room {
                pos.line += n;
                return pos;
            }
            if pos.block + 1 >= self.blocks.len() {
                pos.line = h.saturating_sub(1);
                return pos;
            }
            n -= room + 1;
            pos = Pos {
                block: pos.block + 1,
                line: 0,
            };
            // Zero-height blocks (rows with nothing in the visible panes) are stepped over.
            while self.height(pos.block) == 0 && pos.block + 1 < self.blocks.len() {
                pos.block += 1;
            }
        }
    }

    /// `pos` moved up by `n` lines, stopping at the top.
    pub fn backward(&self, mut pos: Pos, mut n: usize) -> Pos {
        loop {
            if n <= pos.line {
                pos.line -= n;
                return pos;
            }
            n -= pos.line + 1;
            let mut block = pos.block;
            loop {
                if block == 0 {
                    return Pos::default();
                }
                block -= 1;
                if self.height(block) > 0 {
                    break;
                }
            }
            pos = Pos {
                block,
                line: self.height(block).saturating_sub(1),
            };
        }
    }

    /// Lines from `from` down to `to`, if `to` is within `limit` lines of it.
    pub fn distance(&self, from: Pos, to: Pos, limit: usize) -> Option<usize> {
        if to < from {
            return None;
        }
        let mut pos = from;
        let mut d = 0;
        while d <= limit {
            if pos.block == to.block {
                return Some(d + to.line.saturating_sub(pos.line));
            }
            d += self.height(pos.block).saturating_sub(pos.line);
            pos = Pos {
                block: pos.block + 1,
                line: 0,
            };
            if pos.block >= self.blocks.len() {
                return None;
            }
        }
        None
    }

    /// The last position from which a full screen of `rows` lines can be shown.
    pub fn last_top(&self, rows: usize) -> Pos {
        let Some(last) = self.blocks.len().checked_sub(1) else {
            return Pos::default();
        };
        let end = Pos {
            block: last,
            line: self.height(last).saturating_sub(1),
        };
        self.backward(end, rows.saturating_sub(1))
    }

    /// The line within block `i` where `sentence` of `doc` starts (after the gap).
    pub fn sentence_line(&self, i: usize, doc: DocId, sentence: u32) -> usize {
        let Some(block) = self.blocks.get(i) else {
            return 0;
        };
        let start = self
            .model
            .corpus
            .get(doc)
            .and_then(|d| d.sentences.get(sentence as usize))
            .map_or(0, |s| s.span.start as usize);
        let lines = self.lines(block, doc);
        let idx = lines.partition_point(|l| l.end <= start);
        block.gap() + idx.min(lines.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Corpus;
    use crate::document::Origin;
    use crate::document::load::from_bytes;
    use std::sync::Arc;

    fn model(text: &str) -> ReaderModel {
        let mut corpus = Corpus::default();
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), None).unwrap());
        ReaderModel::unanalysed(Arc::new(corpus))
    }

    #[test]
    fn positions_walk_lines_across_blocks() {
        let m = model("one two three four\n\nfive six\n\nseven");
        let blocks = reading_blocks(&m.corpus.documents[0]);
        let cache = WrapCache::default();
        let measure = Measure {
            model: &m,
            cache: &cache,
            docs: &[DocId(0)],
            text_width: 9,
            blocks: &blocks,
        };
        // "one two" / "three" / "four"; gap + "five six"; gap + "seven"
        assert_eq!(
            (0..3).map(|i| measure.height(i)).collect::<Vec<_>>(),
            vec![3, 2, 2]
        );
        let top = Pos::default();
        assert_eq!(measure.forward(top, 4), Pos { block: 1, line: 1 });
        assert_eq!(measure.forward(top, 100), Pos { block: 2, line: 1 });
        assert_eq!(
            measure.backward(Pos { block: 2, line: 1 }, 3),
            Pos { block: 1, line: 0 }
        );
        assert_eq!(
            measure.backward(Pos { block: 1, line: 0 }, 10),
            Pos::default()
        );
        assert_eq!(
            measure.distance(top, Pos { block: 2, line: 1 }, 50),
            Some(6)
        );
        assert_eq!(measure.distance(top, Pos { block: 2, line: 1 }, 2), None);
        assert_eq!(measure.last_top(3), Pos { block: 1, line: 1 });
    }
}
