//! Candidate search and similarity for one pair: an inverted index of content stems over one
//! side, probed with each sentence of the other, IDF-weighted Dice similarity to rank them,
//! raised for passages kept word for word.

use super::Pair;
use crate::compare::related::stem_bit;

/// Searches over at most this many sentence pairs are scored exhaustively; larger ones use the index.
pub(super) const EXHAUSTIVE_PAIRS: usize = 400;
/// Index postings longer than this are skipped when looking for candidates: such stems are so
/// common that their weight is low, and walking them would make the search quadratic.
const POSTING_CAP: usize = 128;
/// Each sentence always probes at least this many of its rarest stems, however common.
const MIN_PROBES: usize = 2;
/// Fewest sentences probed per task when a search is spread over the cores (a few tasks per
/// core even out their uneven costs).
const MIN_PROBE_CHUNK: usize = 16;
/// How far a pair's share of verbatim word runs closes the gap between its term overlap and a
/// perfect score. A quote kept word for word under a new attribution is the strongest sign of a
/// rewritten sentence, though the new words around it pull the term overlap down.
const VERBATIM_WEIGHT: f32 = 0.5;

impl Pair<'_> {
    /// Scored pairs `(rank in ga, rank in gb, similarity)` with similarity at least `min`, at
    /// most `keep` per sentence of `ga`.
    pub(super) fn candidates(
        &self,
        ga: &[u32],
        gb: &[u32],
        keep: usize,
        min: f32,
    ) -> Vec<(u32, u32, f32)> {
        let mut out = Vec::new();
        let mut scored: Vec<(u32, f32)> = Vec::new();
        if ga.len().saturating_mul(gb.len()) <= EXHAUSTIVE_PAIRS {
            for (x, &i) in ga.iter().enumerate() {
                scored.clear();
                scored.extend(
                    gb.iter()
                        .enumerate()
                        .map(|(y, &j)| (y as u32, self.sim(i, j))),
                );
                best(&mut scored, keep, min, x as u32, &mut out);
            }
            return out;
        }

        // The index: for each stem, the ranks in `gb` of the sentences holding it, in order
        // (`starts` delimits each stem's list in `postings`).
        let mut starts = vec![0u32; self.idf.len() + 1];
        for &j in gb {
            for &s in self.pb.stems(j) {
                if let Some(n) = starts.get_mut(s as usize + 1) {
                    *n += 1;
                }
            }
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut postings = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        let mut fill = starts.clone();
        for (y, &j) in gb.iter().enumerate() {
            for &s in self.pb.stems(j) {
                if let Some(at) = fill.get_mut(s as usize) {
                    postings[*at as usize] = y as u32;
                    *at += 1;
                }
            }
        }
        let posting = |stem: u32| {
            let from = starts.get(stem as usize).copied().unwrap_or(0) as usize;
            let to = starts.get(stem as usize + 1).copied().unwrap_or(0) as usize;
            postings.get(from..to).unwrap_or(&[])
        };

        // Each sentence of `ga` is probed on its own: chunks of them go to the cores, each with
        // its own accumulators, and their candidates come back in order.
        let size = ga
            .len()
            .div_ceil(4 * crate::parallel::threads())
            .max(MIN_PROBE_CHUNK);
        let chunks: Vec<(usize, &[u32])> = ga
            .chunks(size)
            .enumerate()
            .map(|(c, chunk)| (c * size, chunk))
            .collect();
        let found = crate::parallel::map(&chunks, chunks.len() > 1, |&(offset, chunk)| {
            self.probe(chunk, offset, gb, &posting, keep, min)
        });
        found.into_iter().flatten().collect()
    }

    /// [`Pair::candidates`] of the sentences `ga` (numbered from `offset`) among `gb`, through
    /// the index `posting` of `gb`'s stems.
    fn probe<'p>(
        &self,
        ga: &[u32],
        offset: usize,
        gb: &[u32],
        posting: &(impl Fn(u32) -> &'p [u32] + Sync),
        keep: usize,
        min: f32,
    ) -> Vec<(u32, u32, f32)> {
        let mut out = Vec::new();
        let mut scored: Vec<(u32, f32)> = Vec::new();
        let mut acc = vec![0f32; gb.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut probes: Vec<(usize, u32)> = Vec::new();
        for (x, &i) in ga.iter().enumerate() {
            let x = x + offset;
            probes.clear();
            probes.extend(self.pa.stems(i).iter().map(|&s| (posting(s).len(), s)));
            probes.sort_unstable();
            for (k, &(len, stem)) in probes.iter().enumerate() {
                if len > POSTING_CAP && k >= MIN_PROBES {
                    break;
                }
                let w = self.idf.get(stem as usize).copied().unwrap_or(0.0);
                for &y in posting(stem) {
                    if let Some(slot) = acc.get_mut(y as usize) {
                        if *slot == 0.0 {
                            touched.push(y);
                        }
                        *slot += w;
                    }
                }
            }
            // The partial overlap ranks the candidates; only the best few get an exact score.
            let wa = self.wa(i);
            scored.clear();
            for &y in &touched {
                let wb = gb.get(y as usize).map_or(0.0, |&j| self.wb(j));
                let partial = acc.get(y as usize).copied().unwrap_or(0.0);
                scored.push((y, 2.0 * partial / (wa + wb).max(f32::EPSILON)));
                if let Some(slot) = acc.get_mut(y as usize) {
                    *slot = 0.0;
                }
            }
            touched.clear();
            let shortlist = keep * 3;
            if scored.len() > shortlist {
                scored.select_nth_unstable_by(shortlist, |p, q| q.1.total_cmp(&p.1));
                scored.truncate(shortlist);
            }
            for entry in scored.iter_mut() {
                entry.1 = gb.get(entry.0 as usize).map_or(0.0, |&j| self.sim(i, j));
            }
            best(&mut scored, keep, min, x as u32, &mut out);
        }
        out
    }

    /// Weighted Dice similarity of two single sentences' content stems, raised by their
    /// verbatim runs. Pairs sharing a single stem need a near-total match, so one shared name
    /// does not make two sentences kin. Words related in meaning count only for pairs that
    /// already share two stems and are not yet sure: that is where they decide, and it spares
    /// their cost on the many weak candidates.
    pub(super) fn sim(&self, i: u32, j: u32) -> f32 {
        let (x, y) = (self.pa.stems(i), self.pb.stems(j));
        let (mut shared, count) = self.exact_overlap(x, y);
        let total = (self.wa(i) + self.wb(j)).max(f32::EPSILON);
        if count >= 2 && 2.0 * shared / total < SURE {
            shared += self.related_overlap(x, y).0;
        }
        let sim = 2.0 * shared / total;
        if count < 2 && sim < 0.8 {
            0.0
        } else {
            with_verbatim(sim, self.pa.grams(i), self.pb.grams(j))
        }
    }

    /// Shared weight and number of shared stems of two sorted stem lists, a stem of `x` with
    /// a stem related in meaning in `y` (and not itself in `y`) counting at [`RELATED_WEIGHT`].
    pub(super) fn overlap(&self, x: &[u32], y: &[u32]) -> (f32, usize) {
        let (exact, n) = self.exact_overlap(x, y);
        let (related, m) = self.related_overlap(x, y);
        (exact + related, n + m)
    }

    pub(super) fn exact_overlap(&self, x: &[u32], y: &[u32]) -> (f32, usize) {
        crate::sorted::common(x, y).fold((0.0, 0), |(weight, count), &s| {
            (
                weight + self.idf.get(s as usize).copied().unwrap_or(0.0),
                count + 1,
            )
        })
    }

    /// The weight and number of the stems of `x` met in `y` only by a related stem. Only
    /// stems on one side alone can meet that way. This runs for every pair the search scores
    /// closely, so the sides are walked in step rather than searched, and a 64-bit mask of
    /// `y`'s own stems spares most membership tests.
    fn related_overlap(&self, x: &[u32], y: &[u32]) -> (f32, usize) {
        let bit = stem_bit;
        let mut only_y = 0u64;
        let mut rest = x.iter().peekable();
        for &s in y {
            while rest.next_if(|&&t| t < s).is_some() {}
            if rest.peek() != Some(&&s) {
                only_y |= bit(s);
            }
        }
        if only_y == 0 {
            return (0.0, 0);
        }
        let idf = |s: u32| self.idf.get(s as usize).copied().unwrap_or(0.0);
        let (mut weight, mut count) = (0.0, 0);
        let mut rest = y.iter().peekable();
        for &s in x {
            while rest.next_if(|&&t| t < s).is_some() {}
            if rest.peek() == Some(&&s) {
                continue;
            }
            let related = self.relations.of(s);
            if related.mask & only_y == 0 {
                continue;
            }
            let partner = related.ids.iter().find(|&&r| {
                only_y & bit(r) != 0 && y.binary_search(&r).is_ok() && x.binary_search(&r).is_err()
            });
            if let Some(&r) = partner {
                weight += RELATED_WEIGHT * (idf(s) + idf(r)) / 2.0;
                count += 1;
            }
        }
        (weight, count)
    }

    pub(super) fn weight(&self, stems: &[u32]) -> f32 {
        stems.iter().filter_map(|&s| self.idf.get(s as usize)).sum()
    }
}

/// `sim` raised by the Dice share of word runs (sorted distinct hashes) the two sides have in
/// common.
pub(super) fn with_verbatim(sim: f32, x: &[u32], y: &[u32]) -> f32 {
    let shared = crate::sorted::common(x, y).count();
    let share = 2.0 * shared as f32 / (x.len() + y.len()).max(1) as f32;
    sim + (1.0 - sim).max(0.0) * VERBATIM_WEIGHT * share
}

/// The most [`with_verbatim`] can make of `sim`: every word run shared.
pub(super) fn verbatim_ceiling(sim: f32) -> f32 {
    sim + (1.0 - sim).max(0.0) * VERBATIM_WEIGHT
}

/// What a stem met by a synonym or derivation in the other sentence counts, against one met
/// as itself: related words are the same fact less surely.
const RELATED_WEIGHT: f32 = 0.8;

/// Above this similarity a pair is sure without its related words.
const SURE: f32 = 0.75;

/// Keep the `keep` best of `scored` that reach `min`, as candidates of sentence `x`.
fn best(scored: &mut [(u32, f32)], keep: usize, min: f32, x: u32, out: &mut Vec<(u32, u32, f32)>) {
    scored.sort_unstable_by(|p, q| q.1.total_cmp(&p.1));
    out.extend(
        scored
            .iter()
            .take(keep)
            .filter(|e| e.1 >= min && e.1 > 0.0)
            .map(|&(y, s)| (x, y, s)),
    );
}
