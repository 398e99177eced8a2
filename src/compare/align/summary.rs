//! The last pass: sentences every other pass left unlinked that the partner of a neighbour
//! also tells. A summary sentence stands for several neighbouring sentences of the fuller
//! version ("pointed to the previous assessments showing Moscow's support for him in 2016 and
//! 2020" for two sentences on 2016 and 2020), and a version may tell its lead twice; the chain
//! gives such a sentence one partner, so the others are left over, next to the one it took.
//! Each gets a [`LinkKind::Restated`] link when the pair would have passed as a link on its
//! own. Only a neighbour's partner is tried: what a summary merges lies together, and a leftover
//! sentence far from it (new material in a rewrite) shares words with it by chance.

use rustc_hash::FxHashMap;

use super::{Pair, RawLink, Space, one_story};
use crate::compare::{LinkKind, SentRange};

/// How far, in live sentences, the neighbours whose partners a leftover sentence tries reach.
const NEAR: usize = 3;

impl Pair<'_> {
    /// Links each sentence still unlinked to the best of its near neighbours' partners, when
    /// that pair reaches the link threshold.
    pub(super) fn summaries(&self, space: &Space, links: &mut Vec<RawLink>) {
        if !one_story(links) {
            return;
        }
        let partners = |side: fn(&RawLink) -> (SentRange, SentRange)| {
            let mut of: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
            for (own, other) in links.iter().map(side) {
                for s in own.range() {
                    of.entry(s as u32)
                        .or_default()
                        .extend(other.range().map(|o| o as u32));
                }
            }
            of
        };
        let of_a = partners(|l| (l.a, l.b));
        let of_b = partners(|l| (l.b, l.a));
        let min = self.options.link_threshold;
        let mut found: Vec<(u32, u32, f32)> = Vec::new();
        for (i, j, sim) in leftovers(space.a_live, &of_a, |i, j| self.sim(i, j)) {
            if sim >= min {
                found.push((i, j, sim));
            }
        }
        for (j, i, sim) in leftovers(space.b_live, &of_b, |j, i| self.sim(i, j)) {
            if sim >= min {
                found.push((i, j, sim));
            }
        }
        links.extend(found.into_iter().map(|(i, j, sim)| RawLink {
            a: SentRange::one(i),
            b: SentRange::one(j),
            kind: LinkKind::Restated,
            similarity: sim,
        }));
    }
}

/// For each sentence of `live` without partners in `of`, the best scored of the partners of its
/// neighbours within [`NEAR`]: `(sentence, partner, score)`.
fn leftovers(
    live: &[u32],
    of: &FxHashMap<u32, Vec<u32>>,
    score: impl Fn(u32, u32) -> f32,
) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut tried: Vec<u32> = Vec::new();
    for (x, &i) in live.iter().enumerate() {
        if of.contains_key(&i) {
            continue;
        }
        tried.clear();
        let near = live
            .get(x.saturating_sub(NEAR)..(x + NEAR + 1).min(live.len()))
            .unwrap_or(&[]);
        for n in near {
            tried.extend(of.get(n).into_iter().flatten());
        }
        tried.sort_unstable();
        tried.dedup();
        let best = tried
            .iter()
            .map(|&j| (j, score(i, j)))
            .max_by(|p, q| p.1.total_cmp(&q.1));
        if let Some((j, sim)) = best {
            out.push((i, j, sim));
        }
    }
    out
}
