//! Sentence alignment of two documents. Exact repeats are anchored by hash first, so effort goes
//! only where the texts differ; reworded counterparts come from an IDF-weighted inverted index of
//! content stems (never all pairs), an order-preserving chain with 1:1, 1:2 and 2:1 steps picks
//! the in-order links, leaving out any step that would take a sentence from a clearly better
//! partner elsewhere, a pass links the remaining strong pairs as moved, and another the exact
//! repeats, however short, that sit between the same links on both sides. The last passes add
//! second pairings of a sentence already linked: headlines and standfirsts with the fuller
//! telling of their fact, and a summary sentence with each sentence it stands for.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

mod headline;
mod merge;
mod moved;
mod restated;
mod runs;
mod search;
mod short;
mod summary;
mod top;

use merge::Singles;
use search::EXHAUSTIVE_PAIRS;

use super::chain::{self, Item};
use super::terms::{Prepared, Relations};
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

/// Below this many gaps between anchors, their sentences are scored on one thread.
const PARALLEL_GAPS: usize = 256;
/// Fewest split/merge tries worth scoring on several threads.
const PARALLEL_MERGES: usize = 256;

/// An exact repeat standing alone is trusted as an anchor only with this many content stems.
const ANCHOR_MIN_STEMS: u32 = 3;

/// Everything about one pair of documents that the passes share.
struct Pair<'a> {
    a: &'a Document,
    b: &'a Document,
    pa: &'a Prepared<'a>,
    pb: &'a Prepared<'a>,
    /// Stems related in meaning, shared by every pair of the comparison.
    relations: &'a Relations<'a>,
    /// Inverse document frequency of each stem over the sentences of both documents.
    idf: Vec<f32>,
    /// Sum of the idf of each sentence's stems, computed on first use: most sentences of a
    /// light edit are never scored.
    wa: Vec<OnceLock<f32>>,
    wb: Vec<OnceLock<f32>>,
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
    relations: &Relations,
    options: &Options,
) -> Vec<RawLink> {
    let total = (pa.live + pb.live).max(1) as f32;
    let idf: Vec<f32> = pa
        .df
        .iter()
        .zip(&pb.df)
        .map(|(&x, &y)| (1.0 + total / (x + y).max(1) as f32).ln())
        .collect();
    let unset = |p: &Prepared| (0..p.sentences.len()).map(|_| OnceLock::new()).collect();
    let (wa, wb) = (unset(pa), unset(pb));
    let pair = Pair {
        a,
        b,
        pa,
        pb,
        relations,
        idf,
        wa,
        wb,
        options,
    };
    pair.run()
}

impl Pair<'_> {
    /// The weight of sentence `i` of side A.
    fn wa(&self, i: u32) -> f32 {
        Self::weight_of(&self.wa, self.pa, i, &self.idf)
    }

    /// The weight of sentence `j` of side B.
    fn wb(&self, j: u32) -> f32 {
        Self::weight_of(&self.wb, self.pb, j, &self.idf)
    }

    fn weight_of(cache: &[OnceLock<f32>], p: &Prepared, i: u32, idf: &[f32]) -> f32 {
        cache.get(i as usize).map_or(0.0, |cell| {
            *cell.get_or_init(|| p.stems(i).iter().filter_map(|&s| idf.get(s as usize)).sum())
        })
    }
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
        let mut fixed_a = vec![false; a_live.len()];
        let mut fixed_b = vec![false; b_live.len()];
        for &(x, y) in &anchors {
            fixed_a[x] = true;
            fixed_b[y] = true;
        }
        let seeds = self.seeds(&a_live, &b_live, &anchors, &fixed_a, &fixed_b);
        let single = Singles::new(&seeds, a_live.len(), b_live.len());
        let space = Space {
            a_live: &a_live,
            b_live: &b_live,
            fixed_a: &fixed_a,
            fixed_b: &fixed_b,
        };
        let mut links = self.chain(&space, &anchors, &seeds, &single);
        self.moved(&space, &single, &mut links);
        self.enclosed_repeats(&space, &mut links);
        let tops = (top::top(self.a, &a_live), top::top(self.b, &b_live));
        self.restated((&a_live, &b_live), (&tops.0, &tops.1), &mut links);
        self.headlines(&tops.0, &tops.1, &mut links);
        self.summaries(&space, &mut links);
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
        let mut counts: FxHashMap<u64, (u32, u32)> =
            FxHashMap::with_capacity_and_hasher(ha.len().max(hb.len()), Default::default());
        ha.iter().for_each(|&h| counts.entry(h).or_default().0 += 1);
        hb.iter().for_each(|&h| counts.entry(h).or_default().1 += 1);

        let mut out = Vec::new();
        for run in runs::matching_runs(&ha, &hb) {
            let (old_index, new_index, len) = (run.a, run.b, run.len);
            for k in 0..len {
                let (x, y) = (old_index + k, new_index + k);
                let (Some(&i), Some(&j)) = (a_live.get(x), b_live.get(y)) else {
                    continue;
                };
                let trusted = len >= 2
                    || ha.get(x).and_then(|h| counts.get(h)) == Some(&(1, 1))
                        && self.pa.sentences.get(i as usize).map_or(0, |s| s.content)
                            >= ANCHOR_MIN_STEMS;
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
    fn chain(
        &self,
        space: &Space,
        anchors: &[(usize, usize)],
        seeds: &[(u32, u32, f32)],
        single: &Singles,
    ) -> Vec<RawLink> {
        let o = self.options;
        let (a_live, b_live) = (space.a_live, space.b_live);
        let mut items: Vec<Item> = Vec::with_capacity(anchors.len() + seeds.len());
        for &(x, y) in anchors {
            items.push(Item {
                a: (x as u32, x as u32 + 1),
                b: (y as u32, y as u32 + 1),
                weight: 1.0,
            });
        }
        // A sentence split in two, or two merged into one: each seed tries each neighbour, once
        // per pairing, the tries scored on all cores.
        let mut seen: FxHashSet<(Side, u32, u32)> = FxHashSet::default();
        let mut tries: Vec<(usize, Side, u32)> = Vec::new();
        for (k, &(x, y, _)) in seeds.iter().enumerate() {
            for (side, first) in [
                (Side::A, x.wrapping_sub(1)),
                (Side::A, x),
                (Side::B, y.wrapping_sub(1)),
                (Side::B, y),
            ] {
                if seen.insert((side, first, if side == Side::A { y } else { x })) {
                    tries.push((k, side, first));
                }
            }
        }
        let merged = crate::parallel::map(
            &tries,
            tries.len() >= PARALLEL_MERGES,
            |&(k, side, first)| {
                let (x, y, _) = seeds[k];
                self.merged(side, first, (x, y), space, single)
            },
        );
        let mut merged = tries.iter().map(|t| t.0).zip(merged).peekable();
        for (k, &(x, y, sim)) in seeds.iter().enumerate() {
            if sim >= o.link_threshold && !single.displaced(x, y, sim, o.moved_threshold) {
                items.push(Item {
                    a: (x, x + 1),
                    b: (y, y + 1),
                    weight: sim,
                });
            }
            while let Some((_, item)) = merged.next_if(|&(of, _)| of == k) {
                items.extend(item);
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
        // An empty side (most gaps between anchors) has nothing to pair; a wide gap's
        // sentences are sought everywhere below.
        let mut gaps: Vec<(Range<u32>, Range<u32>)> = Vec::new();
        let mut from = (0, 0);
        for &(x, y) in anchors.iter().chain([&(a_live.len(), b_live.len())]) {
            let (ra, rb) = (from.0..x as u32, from.1..y as u32);
            from = (x as u32 + 1, y as u32 + 1);
            if !ra.is_empty()
                && !rb.is_empty()
                && ra.len().saturating_mul(rb.len()) <= EXHAUSTIVE_PAIRS
            {
                gaps.push((ra, rb));
            }
        }
        let found = crate::parallel::map(&gaps, gaps.len() >= PARALLEL_GAPS, |(ra, rb)| {
            let ga = a_live
                .get(ra.start as usize..ra.end as usize)
                .unwrap_or(&[]);
            let gb = b_live
                .get(rb.start as usize..rb.end as usize)
                .unwrap_or(&[]);
            let found = self.candidates(ga, gb, o.candidates, min);
            found
                .into_iter()
                .map(|(i, j, sim)| (ra.start + i, rb.start + j, sim))
                .collect::<Vec<_>>()
        });
        let mut seeds: Vec<(u32, u32, f32)> = found.into_iter().flatten().collect();
        let mut best = vec![0f32; a_live.len()];
        for &(p, _, sim) in &seeds {
            if let Some(b) = best.get_mut(p as usize) {
                *b = b.max(sim);
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
        let known: FxHashSet<(u32, u32)> = seeds.iter().map(|&(p, q, _)| (p, q)).collect();
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

/// Fewest in-order links that show two documents tell one story. Articles on other stories
/// about the same people share a chance link or two; a second pairing of a sentence there would
/// only add to the noise.
const SAME_STORY: usize = 3;

/// Whether `links` show one story told twice, so second pairings may be added.
fn one_story(links: &[RawLink]) -> bool {
    links.iter().filter(|l| l.kind.in_order()).count() >= SAME_STORY
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
