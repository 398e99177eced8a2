//! The last pass of alignment: strong pairs among the sentences the in-order chain left
//! unlinked, found out of order (moved), each widened to a 2:1 or 1:2 link when its free
//! neighbour clearly belongs with it.

use std::collections::BTreeMap;

use super::merge::Singles;
use super::{Pair, RawLink, Side, Space, run};
use crate::compare::{LinkKind, SentRange};

impl Pair<'_> {
    /// Links the live sentences still unlinked on both sides when they match strongly. A pair
    /// that turns out to sit in order with its neighbours keeps its plain kind.
    pub(super) fn moved(&self, space: &Space, single: &Singles, links: &mut Vec<RawLink>) {
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
        let mut used_a = covered(&mut links.iter().map(|l| l.a), self.pa.sentences.len());
        let mut used_b = covered(&mut links.iter().map(|l| l.b), self.pb.sentences.len());
        let free = |ids: &[u32], used: &[bool]| -> Vec<u32> {
            ids.iter()
                .copied()
                .filter(|&i| !used.get(i as usize).copied().unwrap_or(true))
                .collect()
        };
        let (fa, fb) = (free(space.a_live, &used_a), free(space.b_live, &used_b));
        if fa.is_empty() || fb.is_empty() {
            return;
        }
        let mut found = self.candidates(&fa, &fb, 3, self.options.moved_threshold);
        found.sort_by(|x, y| y.2.total_cmp(&x.2));

        let mut in_order: BTreeMap<u32, SentRange> =
            links.iter().map(|l| (l.a.start, l.b)).collect();
        for (x, y, sim) in found {
            let (Some(&i), Some(&j)) = (fa.get(x as usize), fb.get(y as usize)) else {
                continue;
            };
            let is_free = |used: &[bool], k: u32| used.get(k as usize) == Some(&false);
            if !is_free(&used_a, i) || !is_free(&used_b, j) {
                continue;
            }
            let (a, b, sim) = self
                .widened(i, j, space, single, |side, k| match side {
                    Side::A => is_free(&used_a, k),
                    Side::B => is_free(&used_b, k),
                })
                .unwrap_or((SentRange::one(i), SentRange::one(j), sim));
            for (used, r) in [(&mut used_a, a), (&mut used_b, b)] {
                for k in r.start..r.end {
                    if let Some(u) = used.get_mut(k as usize) {
                        *u = true;
                    }
                }
            }
            let before_ok = in_order
                .range(..a.start)
                .next_back()
                .is_none_or(|(_, r)| r.end <= b.start);
            let after_ok = in_order
                .range(a.end..)
                .next()
                .is_none_or(|(_, r)| r.start >= b.end);
            let identical = self.same_terms(a, b);
            let kind = match (before_ok && after_ok, identical) {
                (false, _) => LinkKind::Moved,
                (true, true) => LinkKind::Identical,
                (true, false) => LinkKind::Paraphrase,
            };
            if kind != LinkKind::Moved {
                in_order.insert(a.start, b);
            }
            links.push(RawLink {
                a,
                b,
                kind,
                similarity: if identical { 1.0 } else { sim },
            });
        }
    }

    /// The best 2:1 or 1:2 link that widens sentences `i`, `j` by a neighbour that is still
    /// `free`, if one passes the same tests as a merge in the chain.
    fn widened(
        &self,
        i: u32,
        j: u32,
        space: &Space,
        single: &Singles,
        free: impl Fn(Side, u32) -> bool,
    ) -> Option<(SentRange, SentRange, f32)> {
        let x = space.a_live.binary_search(&i).ok()? as u32;
        let y = space.b_live.binary_search(&j).ok()? as u32;
        [
            (Side::A, x.wrapping_sub(1), x.wrapping_sub(1)),
            (Side::A, x, x + 1),
            (Side::B, y.wrapping_sub(1), y.wrapping_sub(1)),
            (Side::B, y, y + 1),
        ]
        .into_iter()
        .filter_map(|(side, first, extra)| {
            let live = match side {
                Side::A => space.a_live,
                Side::B => space.b_live,
            };
            if !free(side, *live.get(extra as usize)?) {
                return None;
            }
            let item = self.merged(side, first, (x, y), space, single)?;
            let (a, b) = (run(space.a_live, item.a)?, run(space.b_live, item.b)?);
            Some((a, b, item.weight))
        })
        .max_by(|p, q| p.2.total_cmp(&q.2))
    }
}
