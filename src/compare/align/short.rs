//! The pass after the moved one: exact repeats still unlinked on both sides, linked where their
//! neighbours' links agree with them. A short sentence ("And so it was.", "Not yet.") has too
//! few content stems to anchor alone and, made of common words only, none to be found or scored
//! by as a candidate; yet when it sits between the same two in-order links in both documents,
//! its place says what its words cannot. Between each two consecutive in-order links, the free
//! sentences of the two sides are matched the way patience diff matches lines
//! (`runs::matching_runs`): a sentence repeated within the stretch links only where it is unique
//! to both sides or at the stretch's ends, never by guess among its copies.

use super::{Pair, RawLink, Space, runs};
use crate::compare::{LinkKind, SentRange};

impl Pair<'_> {
    /// Adds an identical link for each exact repeat that the in-order links around it enclose on
    /// both sides.
    pub(super) fn enclosed_repeats(&self, space: &Space, links: &mut Vec<RawLink>) {
        let mut bounds: Vec<(SentRange, SentRange)> = links
            .iter()
            .filter(|l| l.kind != LinkKind::Moved)
            .map(|l| (l.a, l.b))
            .collect();
        // In-order links never overlap, so their first sentence orders them.
        bounds.sort_unstable_by_key(|(a, _)| a.start);
        let taken = |n: usize, ranges: &mut dyn Iterator<Item = SentRange>| {
            let mut used = vec![false; n];
            for r in ranges {
                for s in r.range() {
                    if let Some(u) = used.get_mut(s) {
                        *u = true;
                    }
                }
            }
            used
        };
        let used_a = taken(self.pa.sentences.len(), &mut links.iter().map(|l| l.a));
        let used_b = taken(self.pb.sentences.len(), &mut links.iter().map(|l| l.b));
        let (ends_a, ends_b) = (
            self.pa.sentences.len() as u32,
            self.pb.sentences.len() as u32,
        );
        let edge = SentRange { start: 0, end: 0 };
        let last = (
            SentRange {
                start: ends_a,
                end: ends_a,
            },
            SentRange {
                start: ends_b,
                end: ends_b,
            },
        );
        let mut before = (edge, edge);
        let (mut at_a, mut at_b) = (0usize, 0usize);
        let mut found = Vec::new();
        for after in bounds.into_iter().chain([last]) {
            let (ga, gb) = (before.0.end..after.0.start, before.1.end..after.1.start);
            before = after;
            let free = |live: &[u32], at: &mut usize, gap: &std::ops::Range<u32>, used: &[bool]| {
                let mut out = Vec::new();
                while let Some(&s) = live.get(*at) {
                    if s >= gap.end {
                        break;
                    }
                    *at += 1;
                    if s >= gap.start && !used.get(s as usize).copied().unwrap_or(true) {
                        out.push(s);
                    }
                }
                out
            };
            let fa = free(space.a_live, &mut at_a, &ga, &used_a);
            let fb = free(space.b_live, &mut at_b, &gb, &used_b);
            if fa.is_empty() || fb.is_empty() {
                continue;
            }
            let hash = |p: &super::Prepared, ids: &[u32]| -> Vec<u64> {
                ids.iter()
                    .filter_map(|&i| p.sentences.get(i as usize).map(|s| s.hash))
                    .collect()
            };
            let (ha, hb) = (hash(self.pa, &fa), hash(self.pb, &fb));
            for run in runs::matching_runs(&ha, &hb) {
                for k in 0..run.len {
                    let (Some(&i), Some(&j)) = (fa.get(run.a + k), fb.get(run.b + k)) else {
                        continue;
                    };
                    let (a, b) = (SentRange::one(i), SentRange::one(j));
                    if self.same_terms(a, b) {
                        found.push(RawLink {
                            a,
                            b,
                            kind: LinkKind::Identical,
                            similarity: 1.0,
                        });
                    }
                }
            }
        }
        links.extend(found);
    }
}
