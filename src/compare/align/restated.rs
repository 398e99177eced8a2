//! Restatements: a headline or standfirst says again, in brief, what the lead or a body
//! sentence says in full, and an article may repeat a paragraph in other words. Each is one
//! fact told twice in one version, so a reader pairs each telling with the fact's telling in
//! the other version, while the in-order chain gives every sentence one partner. This pass adds
//! those second pairings as [`LinkKind::Restated`] links.

use super::top::{TOP, Top};
use super::{Pair, RawLink};
use crate::compare::terms::Prepared;
use crate::compare::{LinkKind, SentRange};

/// How far their fuller telling is sought, in live sentences from the top.
const WINDOW: usize = 12;
/// Least share of the briefer sentence's content weight found in the fuller one (words related
/// in meaning counting at their reduced weight), across the two versions.
const CONTAINED: f32 = 0.6;
/// The same within one version, where the wording is the outlet's own and so closer.
const CONTAINED_WITHIN: f32 = 0.5;
/// The same for a sentence anywhere that the chain left unlinked: it is a repeat in other words
/// only when nearly all of it is said again nearby.
const REPEATED: f32 = 0.8;
/// Fewest content stems the two must share, so a short line of common words restates nothing.
pub(super) const MIN_SHARED: usize = 3;
/// The same for a repeat of an unlinked sentence: chance containment of a short sentence in a
/// neighbour is common in a long text, a repeat in other words keeps most of the facts.
const MIN_SHARED_REPEATED: usize = 6;

impl Pair<'_> {
    /// Adds the restated links: each top sentence of either side to the sentence of the other
    /// side's top that best contains it; and each top sentence, or unlinked sentence, that
    /// another sentence of its own version contains, to that sentence's partners.
    pub(super) fn restated(
        &self,
        (a_live, b_live): (&[u32], &[u32]),
        (top_a, top_b): (&Top, &Top),
        links: &mut Vec<RawLink>,
    ) {
        let partners = |n: usize, side: fn(&RawLink) -> (SentRange, SentRange)| {
            let mut of = vec![None; n];
            for (own, other) in links.iter().map(side) {
                for s in own.range() {
                    if let Some(slot) = of.get_mut(s) {
                        *slot = Some(other);
                    }
                }
            }
            of
        };
        let of_a = partners(self.pa.sentences.len(), |l| (l.a, l.b));
        let of_b = partners(self.pb.sentences.len(), |l| (l.b, l.a));
        let linked = |of: &[Option<SentRange>], i: u32, j: u32| {
            of.get(i as usize)
                .copied()
                .flatten()
                .is_some_and(|r| r.contains(j as usize))
        };
        // (sentence of A, run of B, score)
        let mut found: Vec<(SentRange, SentRange, f32)> = Vec::new();
        let mut add = |a: SentRange, b: SentRange, score: f32| {
            if !found.iter().any(|f| (f.0, f.1) == (a, b)) {
                found.push((a, b, score));
            }
        };
        let one = SentRange::one;
        let (top_a, top_b) = (&top_a.sentences, &top_b.sentences);
        for &i in top_a {
            let full = b_live
                .iter()
                .take(WINDOW)
                .filter(|&&j| !linked(&of_a, i, j));
            if let Some((j, score)) = self.best_container(self.pa, i, self.pb, full, CONTAINED) {
                add(one(i), one(j), score);
            }
        }
        for &j in top_b {
            let full = a_live
                .iter()
                .take(WINDOW)
                .filter(|&&i| !linked(&of_b, j, i));
            if let Some((i, score)) = self.best_container(self.pb, j, self.pa, full, CONTAINED) {
                add(one(i), one(j), score);
            }
        }
        for (k, &i) in a_live.iter().enumerate() {
            if let Some((other, score)) = self.echo(self.pa, a_live, k, top_a, &of_a) {
                add(one(i), other, score);
            }
        }
        for (k, &j) in b_live.iter().enumerate() {
            if let Some((other, score)) = self.echo(self.pb, b_live, k, top_b, &of_b) {
                add(other, one(j), score);
            }
        }
        for (a, b, score) in found {
            links.push(RawLink {
                a,
                b,
                kind: LinkKind::Restated,
                similarity: score,
            });
        }
    }

    /// The partner run of the sentence of its own version (`live`, at position `k`) that says
    /// the sentence again: for a top sentence any containing one in the top `WINDOW`, for an
    /// unlinked one a near-total repeat within `WINDOW` positions. `of` holds the partners,
    /// `tops` the version's top sentences.
    fn echo(
        &self,
        p: &Prepared,
        live: &[u32],
        k: usize,
        tops: &[u32],
        of: &[Option<SentRange>],
    ) -> Option<(SentRange, f32)> {
        let &i = live.get(k)?;
        let free = of.get(i as usize).copied().flatten().is_none();
        let (near, bar) = if tops.contains(&i) {
            (live.get(..WINDOW.min(live.len()))?, CONTAINED_WITHIN)
        } else if free && k >= TOP {
            let from = k.saturating_sub(WINDOW);
            (live.get(from..(k + WINDOW + 1).min(live.len()))?, REPEATED)
        } else {
            return None;
        };
        let others = near
            .iter()
            .filter(|&&u| u != i && of.get(u as usize).copied().flatten().is_some());
        let (u, score) = self.best_container(p, i, p, others, bar)?;
        if !tops.contains(&i) && self.overlap(p.stems(i), p.stems(u)).1 < MIN_SHARED_REPEATED {
            return None;
        }
        let partner = of.get(u as usize).copied().flatten()?;
        let own = of.get(i as usize).copied().flatten();
        (own != Some(partner)).then_some((partner, score))
    }

    /// Of the sentences `full` of `pf`, the one that best contains sentence `brief` of `pb`,
    /// with the share of its weight, if that reaches `bar`.
    fn best_container<'s>(
        &self,
        pb: &Prepared,
        brief: u32,
        pf: &Prepared,
        full: impl Iterator<Item = &'s u32>,
        bar: f32,
    ) -> Option<(u32, f32)> {
        let stems = pb.stems(brief);
        let weight = self.weight(stems).max(f32::EPSILON);
        full.filter_map(|&j| {
            let (shared, count) = self.overlap(stems, pf.stems(j));
            let share = (shared / weight).min(1.0);
            (count >= MIN_SHARED && share >= bar).then_some((j, share))
        })
        .max_by(|p, q| p.1.total_cmp(&q.1))
    }
}
