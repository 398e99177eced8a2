//! Headlines. Two versions of one story put its main fact in their headlines, and each tells it
//! again in its lead; but a headline is worded most freely of all ("Russia maintains support
//! for Trump" against "Trump remains Moscow's pick"), so its words overlap the other version's
//! headline and lead less than the fact they share would suggest. Once the rest of the pair
//! shows one story, this pass pairs the headlines on a few shared terms, and each headline with
//! the other version's lead where the leads are already linked.

use super::restated::MIN_SHARED;
use super::top::Top;
use super::{Pair, RawLink, one_story};
use crate::compare::terms::Prepared;
use crate::compare::{LinkKind, SentRange};
use crate::document::{Document, TermId, TokenKind};

/// Least share of a headline's content weight found in the other version's lead, when the
/// headlines pair and the leads are linked: those links already say the four tell one fact.
const IN_LEAD: f32 = 0.25;

impl Pair<'_> {
    /// Adds restated links between the two headlines, and between each headline and the other
    /// version's lead, where the pair tells one story.
    pub(super) fn headlines(&self, top_a: &Top, top_b: &Top, links: &mut Vec<RawLink>) {
        if !one_story(links) {
            return;
        }
        let (Some(ha), Some(hb)) = (top_a.headline, top_b.headline) else {
            return;
        };
        let linked = |links: &[RawLink], i: u32, j: u32| {
            links.iter().any(|l| l.a == one(i) && l.b == one(j))
        };
        let mut found = Vec::new();
        let (shared, count) = self.overlap(self.pa.stems(ha), self.pb.stems(hb));
        if count >= MIN_SHARED && !linked(links, ha, hb) && self.figures_agree(ha, hb) {
            let weight = self.wa(ha).min(self.wb(hb)).max(f32::EPSILON);
            found.push((ha, hb, (shared / weight).min(1.0)));
        }
        // The leads: sentences of both tops that the chain links one to one.
        let leads: Vec<(u32, u32)> = links
            .iter()
            .filter(|l| l.kind.in_order() && l.a.len() == 1 && l.b.len() == 1)
            .map(|l| (l.a.start, l.b.start))
            .filter(|&(i, j)| {
                i != ha && j != hb && top_a.sentences.contains(&i) && top_b.sentences.contains(&j)
            })
            .collect();
        for (la, lb) in leads {
            if !linked(links, ha, lb)
                && self.figures_agree(ha, lb)
                && let Some(share) = self.found_in(self.pa, ha, self.pb, lb)
            {
                found.push((ha, lb, share));
            }
            if !linked(links, la, hb)
                && self.figures_agree(la, hb)
                && let Some(share) = self.found_in(self.pb, hb, self.pa, la)
            {
                found.push((la, hb, share));
            }
        }
        for (i, j, share) in found {
            if !linked(links, i, j) {
                links.push(RawLink {
                    a: one(i),
                    b: one(j),
                    kind: LinkKind::Restated,
                    similarity: share,
                });
            }
        }
    }

    /// The share of headline `h`'s (of `ph`) content weight found in sentence `s` of `ps`,
    /// when it reaches [`IN_LEAD`] with at least [`MIN_SHARED`] terms.
    fn found_in(&self, ph: &Prepared, h: u32, ps: &Prepared, s: u32) -> Option<f32> {
        let stems = ph.stems(h);
        let (shared, count) = self.overlap(stems, ps.stems(s));
        let share = (shared / self.weight(stems).max(f32::EPSILON)).min(1.0);
        (count >= MIN_SHARED && share >= IN_LEAD).then_some(share)
    }

    /// False when sentence `i` of A and `j` of B both state figures and share none: "in 2016
    /// and 2020" and "in 2024" are different facts, however alike the words around them.
    fn figures_agree(&self, i: u32, j: u32) -> bool {
        let (x, y) = (figures(self.a, i), figures(self.b, j));
        x.is_empty() || y.is_empty() || x.iter().any(|f| y.contains(f))
    }
}

fn one(i: u32) -> SentRange {
    SentRange::one(i)
}

/// The figures a sentence states, as terms.
fn figures(doc: &Document, i: u32) -> Vec<TermId> {
    doc.sentences.get(i as usize).map_or_else(Vec::new, |s| {
        doc.sentence_tokens(s)
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.term)
            .collect()
    })
}
