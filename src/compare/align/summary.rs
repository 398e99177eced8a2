//! The last pass: sentences every other pass left unlinked, whose best counterpart is already
//! linked. A summary sentence stands for several of the fuller version's sentences ("pointed to
//! the previous assessments showing Moscow's support for him in 2016 and 2020" for two
//! sentences on 2016 and 2020), and a version may tell its lead twice; the chain gives such a
//! sentence one partner, so the others are left over. Each gets a [`LinkKind::Restated`] link
//! to its best counterpart when that pair would have passed as a link on its own.

use super::{Pair, RawLink, Space};
use crate::compare::{LinkKind, SentRange};

/// How many counterparts each sentence of the probing side keeps, when the free sentences are
/// found from the other side: enough that a free sentence's best partner keeps it in view.
const KEEP_FROM_OTHER_SIDE: usize = 3;
/// Fewest in-order links that show two documents tell one story. Articles on other stories
/// about the same people share a chance link or two; a second pairing of a sentence there would
/// only add to the noise.
pub(super) const SAME_STORY: usize = 3;

impl Pair<'_> {
    /// Links each sentence still unlinked to its best counterpart, when that counterpart is
    /// linked elsewhere and the pair reaches the link threshold. A counterpart that is itself
    /// free was already weighed by the chain and the moved pass, and left apart.
    pub(super) fn summaries(&self, space: &Space, links: &mut Vec<RawLink>) {
        if links.iter().filter(|l| l.kind.in_order()).count() < SAME_STORY {
            return;
        }
        let used = |n: usize, side: fn(&RawLink) -> SentRange| {
            let mut used = vec![false; n];
            for r in links.iter().map(side) {
                for s in r.range() {
                    if let Some(u) = used.get_mut(s) {
                        *u = true;
                    }
                }
            }
            used
        };
        let used_a = used(self.pa.sentences.len(), |l| l.a);
        let used_b = used(self.pb.sentences.len(), |l| l.b);
        let is_used = |used: &[bool], k: u32| used.get(k as usize).copied().unwrap_or(false);
        let free = |live: &[u32], used: &[bool]| -> Vec<u32> {
            live.iter()
                .copied()
                .filter(|&k| !is_used(used, k))
                .collect()
        };
        let (free_a, free_b) = (free(space.a_live, &used_a), free(space.b_live, &used_b));
        let min = self.options.link_threshold;
        let mut found: Vec<(u32, u32, f32)> = Vec::new();
        if !free_a.is_empty() {
            for (x, y, sim) in self.candidates(&free_a, space.b_live, 1, min) {
                if let (Some(&i), Some(&j)) = (free_a.get(x as usize), space.b_live.get(y as usize))
                {
                    found.push((i, j, sim));
                }
            }
        }
        if !free_b.is_empty() {
            // The search probes with side A's sentences: each free sentence of B keeps the best
            // of the A sentences that count it among their best few.
            let mut best: Vec<Option<(u32, f32)>> = vec![None; free_b.len()];
            let scored = self.candidates(space.a_live, &free_b, KEEP_FROM_OTHER_SIDE, min);
            for (x, y, sim) in scored {
                let (Some(&i), Some(slot)) =
                    (space.a_live.get(x as usize), best.get_mut(y as usize))
                else {
                    continue;
                };
                if slot.is_none_or(|(_, s)| sim > s) {
                    *slot = Some((i, sim));
                }
            }
            for (&j, b) in free_b.iter().zip(best) {
                if let Some((i, sim)) = b {
                    found.push((i, j, sim));
                }
            }
        }
        for (i, j, sim) in found {
            if is_used(&used_a, i) != is_used(&used_b, j) {
                links.push(RawLink {
                    a: SentRange::one(i),
                    b: SentRange::one(j),
                    kind: LinkKind::Restated,
                    similarity: sim,
                });
            }
        }
    }
}
