//! Sentence alignment of two documents. Exact repeats are anchored by hash first, so effort goes
//! only where the texts differ; reworded counterparts come from an IDF-weighted inverted index of
//! content stems (never all pairs), an order-preserving chain with 1:1, 1:2 and 2:1 steps picks
//! the in-order links, and a last pass links the remaining strong pairs as moved.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

mod search;

use search::EXHAUSTIVE_PAIRS;

use super::chain::{self, Item};
use super::terms::Prepared;
use super::{LinkKind, Options, SentRange};
use crate::document::Document;

/// A link before its word diff is computed.
#[derive(Debug, Clone)]
pub(crate) struct RawLink {
    pub a: SentRange,
    pub b: SentRange,
    pub kind: LinkKind,
    pub similarity: f32,
}

/// An exact repeat standing alone is trusted as an anchor only with this many content stems.
const ANCHOR_MIN_STEMS: usize = 3;

/// Everything about one pair of documents that the passes share.
struct Pair<'a> {
    a: &'a Document,
    b: &'a Document,
    pa: &'a Prepared,
    pb: &'a Prepared,
    /// Inverse document frequency of each stem over the sentences of both documents.
    idf: Vec<f32>,
    /// Sum of the idf of each sentence's stems.
    wa: Vec<f32>,
    wb: Vec<f32>,
    options: &'a Options,
}

/// The live sentences of both sides (positions index these) and which are anchored.
struct Space<'a> {
    a_live: &'a [u32],
    b_live: &'a [u32],
    fixed_a: &'a [bool],
    fixed_b: &'a [bool],
}

/// Which side of the pair a run of sentences is on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    A,
    B,
}

pub(crate) fn align(
    a: &Document,
    b: &Document,
    pa: &Prepared,
    pb: &Prepared,
    options: &Options,
) -> Vec<RawLink> {
    let total = (pa.live + pb.live).max(1) as f32;
    let idf: Vec<f32> = pa
        .df
        .iter()
        .zip(&pb.df)
        .map(|(&x, &y)| (1.0 + total / (x + y).max(1) as f32).ln())
        .collect();
    let weigh = |p: &Prepared| -> Vec<f32> {
        (0..p.sentences.len() as u32)
            .map(|i| p.stems(i).iter().map(|&s| idf[s as usize]).sum())
            .collect()
    };
    let (wa, wb) = (weigh(pa), weigh(pb));
    let pair = Pair {
        a,
        b,
        pa,
        pb,
        idf,
        wa,
        wb,
        options,
    };
    pair.run()
}

fn live(p: &Prepared) -> Vec<u32> {
    (0..p.sentences.len() as u32)
        .filter(|&i| p.sentences.get(i as usize).is_some_and(|s| !s.boilerplate))
        .collect()
}

impl Pair<'_> {
    fn run(&self) -> Vec<RawLink> {
        let (a_live, b_live) = (live(self.pa), live(self.pb));
        let anchors = self.anchors(&a_live, &b_live);
        let mut links = self.chain(&a_live, &b_live, &anchors);
        self.moved(&a_live, &b_live, &mut links);
        links.sort_by_key(|l| (l.a.start, l.b.start));
        links
    }

    /// Positions (in `a_live`, `b_live`) of exact repeats that are safe to anchor on: runs of
    /// two or more, or one sentence unique in both documents with enough content to be telling.
    fn anchors(&self, a_live: &[u32], b_live: &[u32]) -> Vec<(usize, usize)> {
        let hash = |p: &Prepared, ids: &[u32]| -> Vec<u64> {
            ids.iter()
                .filter_map(|&i| p.sentences.get(i as usize).map(|s| s.hash))
                .collect()
        };
        let (ha, hb) = (hash(self.pa, a_live), hash(self.pb, b_live));
        let mut counts: HashMap<u64, (u32, u32)> = HashMap::with_capacity(ha.len() + hb.len());
        ha.iter().for_each(|&h| counts.entry(h).or_default().0 += 1);
        hb.iter().for_each(|&h| counts.entry(h).or_default().1 += 1);
        let deadline = Instant::now() + self.options.diff_deadline * 4;
        let ops = capture_diff_slices_deadline(Algorithm::Patience, &ha, &hb, Some(deadline));

        let mut out = Vec::new();
        for op in ops {
            let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            else {
                continue;
            };
            for k in 0..len {
                let (x, y) = (old_index + k, new_index + k);
                let (Some(&i), Some(&j)) = (a_live.get(x), b_live.get(y)) else {
                    continue;
                };
                let trusted = len >= 2
                    || ha.get(x).and_then(|h| counts.get(h)) == Some(&(1, 1))
                        && self.pa.stems(i).len() >= ANCHOR_MIN_STEMS;
                if trusted && self.same_terms(SentRange::one(i), SentRange::one(j)) {
                    out.push((x, y));
                }
            }
        }
        out
    }

    /// The in-order links. Anchors enter the chain as sure items rather than as fixed
    /// boundaries, so an exact repeat that moved cannot drag its neighbours out of order; the
    /// other sentences get candidates from the whole of the other document.
    fn chain(&self, a_live: &[u32], b_live: &[u32], anchors: &[(usize, usize)]) -> Vec<RawLink> {
        let o = self.options;
        let mut fixed_a = vec![false; a_live.len()];
        let mut fixed_b = vec![false; b_live.len()];
        let mut items: Vec<Item> = Vec::with_capacity(anchors.len() + a_live.len());
        for &(x, y) in anchors {
            fixed_a[x] = true;
            fixed_b[y] = true;
            items.push(Item {
                a: (x as u32, x as u32 + 1),
                b: (y as u32, y as u32 + 1),
                weight: 1.0,
            });
        }
        let seeds = self.seeds(a_live, b_live, anchors, &fixed_a, &fixed_b);
        let single: HashMap<(u32, u32), f32> = seeds.iter().map(|&(x, y, s)| ((x, y), s)).collect();
        let mut seen: HashSet<(Side, u32, u32)> = HashSet::new();
        let space = Space {
            a_live,
            b_live,
            fixed_a: &fixed_a,
            fixed_b: &fixed_b,
        };
        for &(x, y, sim) in &seeds {
            if sim >= o.link_threshold {
                items.push(Item {
                    a: (x, x + 1),
                    b: (y, y + 1),
                    weight: sim,
                });
            }
            // A sentence split in two, or two merged into one: try each neighbour.
            for (side, first) in [
                (Side::A, x.wrapping_sub(1)),
                (Side::A, x),
                (Side::B, y.wrapping_sub(1)),
                (Side::B, y),
            ] {
                if seen.insert((side, first, if side == Side::A { y } else { x })) {
                    items.extend(self.merged(side, first, (x, y), &space, &single));
                }
            }
        }
        let mut links = Vec::new();
        for i in chain::heaviest(&items, b_live.len() as u32) {
            let Some(item) = items.get(i) else { continue };
            let (Some(a), Some(b)) = (run(a_live, item.a), run(b_live, item.b)) else {
                continue;
            };
            let kind = if self.same_terms(a, b) {
                LinkKind::Identical
            } else {
                LinkKind::Paraphrase
            };
            links.push(RawLink {
                a,
                b,
                kind,
                similarity: item.weight,
            });
        }
        links
    }

    /// Candidate pairs `(a position, b position, similarity)` of the sentences not anchored.
    /// Where the anchors leave a narrow gap, its sentences are first sought inside it, where an
    /// edited sentence usually stays; the others, and those without a good match there, are
    /// sought in the whole other document.
    fn seeds(
        &self,
        a_live: &[u32],
        b_live: &[u32],
        anchors: &[(usize, usize)],
        fixed_a: &[bool],
        fixed_b: &[bool],
    ) -> Vec<(u32, u32, f32)> {
        let o = self.options;
        let min = o.link_threshold * 0.5;
        let mut seeds: Vec<(u32, u32, f32)> = Vec::new();
        let mut best = vec![0f32; a_live.len()];
        let mut from = (0, 0);
        for &(x, y) in anchors.iter().chain([&(a_live.len(), b_live.len())]) {
            let (pa, pb): (Vec<u32>, Vec<u32>) =
                ((from.0..x as u32).collect(), (from.1..y as u32).collect());
            from = (x as u32 + 1, y as u32 + 1);
            if pa.len().saturating_mul(pb.len()) > EXHAUSTIVE_PAIRS {
                continue; // a wide gap: its sentences are sought everywhere below
            }
            let found = self.candidates(&ids(a_live, &pa), &ids(b_live, &pb), o.candidates, min);
            for (i, j, sim) in found {
                let (Some(&p), Some(&q)) = (pa.get(i as usize), pb.get(j as usize)) else {
                    continue;
                };
                if let Some(b) = best.get_mut(p as usize) {
                    *b = b.max(sim);
                }
                seeds.push((p, q, sim));
            }
        }
        let needy: Vec<u32> = (0..a_live.len() as u32)
            .filter(|&p| !fixed_a[p as usize] && best[p as usize] < o.moved_threshold)
            .collect();
        if needy.is_empty() {
            return seeds;
        }
        let free_b: Vec<u32> = (0..b_live.len() as u32)
            .filter(|&q| !fixed_b[q as usize])
            .collect();
        let known: HashSet<(u32, u32)> = seeds.iter().map(|&(p, q, _)| (p, q)).collect();
        let found = self.candidates(
            &ids(a_live, &needy),
            &ids(b_live, &free_b),
            o.candidates,
            min,
        );
        for (i, j, sim) in found {
            let (Some(&p), Some(&q)) = (needy.get(i as usize), free_b.get(j as usize)) else {
                continue;
            };
            if !known.contains(&(p, q)) {
                seeds.push((p, q, sim));
            }
        }
        seeds
    }

    /// The 2:1 (or 1:2) item that merges positions `first, first + 1` on `side` against the
    /// other side's sentence in `at`, if both halves share content with it and together they
    /// match better than either alone.
    fn merged(
        &self,
        side: Side,
        first: u32,
        at: (u32, u32),
        space: &Space,
        single: &HashMap<(u32, u32), f32>,
    ) -> Option<Item> {
        let (ids, fixed, other) = match side {
            Side::A => (
                space.a_live,
                space.fixed_a,
                space.b_live.get(at.1 as usize)?,
            ),
            Side::B => (
                space.b_live,
                space.fixed_b,
                space.a_live.get(at.0 as usize)?,
            ),
        };
        let (p, q) = (*ids.get(first as usize)?, *ids.get(first as usize + 1)?);
        if q != p + 1 {
            return None; // something (boilerplate) sits between them
        }
        if fixed.get(first as usize) != Some(&false)
            || fixed.get(first as usize + 1) != Some(&false)
        {
            return None; // an exact repeat is already spoken for
        }
        let (prep, other_prep) = match side {
            Side::A => (self.pa, self.pb),
            Side::B => (self.pb, self.pa),
        };
        let target = other_prep.stems(*other);
        if self.overlap(prep.stems(p), target).0 <= 0.0
            || self.overlap(prep.stems(q), target).0 <= 0.0
        {
            return None;
        }
        let union = union(prep.stems(p), prep.stems(q));
        let (shared, _) = self.overlap(&union, target);
        let sim = 2.0 * shared / (self.weight(&union) + self.weight(target)).max(f32::EPSILON);
        let part = |k: u32| match side {
            Side::A => single.get(&(k, at.1)),
            Side::B => single.get(&(at.0, k)),
        };
        let best_part = part(first)
            .copied()
            .unwrap_or(0.0)
            .max(part(first + 1).copied().unwrap_or(0.0));
        if sim < self.options.link_threshold || sim <= best_part {
            return None;
        }
        let (a, b) = match side {
            Side::A => ((first, first + 2), (at.1, at.1 + 1)),
            Side::B => ((at.0, at.0 + 1), (first, first + 2)),
        };
        Some(Item { a, b, weight: sim })
    }

    /// Links the live sentences still unlinked on both sides when they match strongly. A pair
    /// that turns out to sit in order with its neighbours keeps its plain kind.
    fn moved(&self, a_live: &[u32], b_live: &[u32], links: &mut Vec<RawLink>) {
        let covered = |ranges: &mut dyn Iterator<Item = SentRange>, n: usize| {
            let mut used = vec![false; n];
            for r in ranges {
                for i in r.start..r.end {
                    if let Some(u) = used.get_mut(i as usize) {
                        *u = true;
                    }
                }
            }
            used
        };
        let used_a = covered(&mut links.iter().map(|l| l.a), self.pa.sentences.len());
        let used_b = covered(&mut links.iter().map(|l| l.b), self.pb.sentences.len());
        let free = |ids: &[u32], used: &[bool]| -> Vec<u32> {
            ids.iter()
                .copied()
                .filter(|&i| !used.get(i as usize).copied().unwrap_or(true))
                .collect()
        };
        let (fa, fb) = (free(a_live, &used_a), free(b_live, &used_b));
        if fa.is_empty() || fb.is_empty() {
            return;
        }
        let mut found = self.candidates(&fa, &fb, 3, self.options.moved_threshold);
        found.sort_by(|x, y| y.2.total_cmp(&x.2));

        let mut in_order: BTreeMap<u32, SentRange> =
            links.iter().map(|l| (l.a.start, l.b)).collect();
        let (mut taken_a, mut taken_b) = (vec![false; fa.len()], vec![false; fb.len()]);
        for (x, y, sim) in found {
            let (xi, yi) = (x as usize, y as usize);
            if taken_a.get(xi) != Some(&false) || taken_b.get(yi) != Some(&false) {
                continue;
            }
            let (Some(&i), Some(&j)) = (fa.get(xi), fb.get(yi)) else {
                continue;
            };
            taken_a[xi] = true;
            taken_b[yi] = true;
            let (a, b) = (SentRange::one(i), SentRange::one(j));
            let before_ok = in_order
                .range(..i)
                .next_back()
                .is_none_or(|(_, r)| r.end <= j);
            let after_ok = in_order
                .range(i + 1..)
                .next()
                .is_none_or(|(_, r)| r.start > j);
            let identical = self.same_terms(a, b);
            let kind = match (before_ok && after_ok, identical) {
                (false, _) => LinkKind::Moved,
                (true, true) => LinkKind::Identical,
                (true, false) => LinkKind::Paraphrase,
            };
            if kind != LinkKind::Moved {
                in_order.insert(i, b);
            }
            links.push(RawLink {
                a,
                b,
                kind,
                similarity: if identical { 1.0 } else { sim },
            });
        }
    }

    /// Whether two runs have the same normalised term sequence.
    fn same_terms(&self, a: SentRange, b: SentRange) -> bool {
        let (x, y) = (run_tokens(self.a, a), run_tokens(self.b, b));
        x.len() == y.len() && x.iter().zip(y).all(|(s, t)| s.term == t.term)
    }
}

/// The tokens of a run of sentences.
fn run_tokens(doc: &Document, r: SentRange) -> &[crate::document::Token] {
    let first = doc
        .sentences
        .get(r.start as usize)
        .map_or(0, |s| s.tokens.start);
    let last = r
        .end
        .checked_sub(1)
        .and_then(|e| doc.sentences.get(e as usize))
        .map_or(0, |s| s.tokens.end);
    doc.tokens.get(first as usize..last as usize).unwrap_or(&[])
}

/// The sentence ids at some positions of a live list.
fn ids(live: &[u32], positions: &[u32]) -> Vec<u32> {
    positions
        .iter()
        .filter_map(|&p| live.get(p as usize).copied())
        .collect()
}

/// Sorted union of two sorted stem lists.
fn union(x: &[u32], y: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = x.iter().chain(y).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sentence range covered by a run of positions in `ids`, if they are consecutive.
fn run(ids: &[u32], (from, to): (u32, u32)) -> Option<SentRange> {
    let first = *ids.get(from as usize)?;
    let last = *ids.get(to as usize - 1)?;
    (last - first + 1 == to - from).then_some(SentRange {
        start: first,
        end: last + 1,
    })
}
