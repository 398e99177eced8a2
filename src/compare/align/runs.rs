//! In-order runs of equal items in two sequences (sentence hashes), found the way patience diff
//! finds them: items that occur once on each side anchor the longest chain that keeps both
//! orders, each anchor grows into the run of equal items around it, and the stretches between
//! runs are searched again the same way. Linear-logarithmic, with no quadratic fallback: a
//! stretch with no item unique to both sides is left unmatched (alignment's candidate search
//! still sees its sentences).

use std::ops::Range;

use rustc_hash::FxHashMap;

/// A run of equal items: `a[a..a + len] == b[b..b + len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    pub a: usize,
    pub b: usize,
    pub len: usize,
}

/// The matched runs of `a` and `b`, in order on both sides, maximal (no two touch).
pub(super) fn matching_runs(a: &[u64], b: &[u64]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut stack = vec![(0..a.len(), 0..b.len())];
    while let Some((ra, rb)) = stack.pop() {
        let (ra, rb) = trim(a, b, ra, rb, &mut runs);
        if ra.is_empty() || rb.is_empty() {
            continue;
        }
        // A table of the stretch's size: clearing one sized for the whole sequence at every
        // stretch would cost the whole sequence each time.
        let mut uniques: FxHashMap<u64, Occurrences> =
            FxHashMap::with_capacity_and_hasher(ra.len(), Default::default());
        for (i, h) in a[ra.clone()].iter().enumerate() {
            uniques.entry(*h).or_default().see_a(ra.start + i);
        }
        for (j, h) in b[rb.clone()].iter().enumerate() {
            if let Some(o) = uniques.get_mut(h) {
                o.see_b(rb.start + j);
            }
        }
        let pairs: Vec<(usize, usize)> = a[ra.clone()]
            .iter()
            .filter_map(|h| uniques.get(h).and_then(Occurrences::pair))
            .collect();
        // Grow each anchor of the chain into its run, then search the stretches between.
        let (mut from_a, mut from_b) = (ra.start, rb.start);
        for (x, y) in longest_chain(&pairs) {
            if x < from_a || y < from_b {
                continue; // inside the run grown from the previous anchor
            }
            let back = (1..=(x - from_a).min(y - from_b))
                .take_while(|&k| a[x - k] == b[y - k])
                .count();
            let ahead = (x..ra.end)
                .zip(y..rb.end)
                .take_while(|&(i, j)| a[i] == b[j])
                .count();
            let (x0, y0) = (x - back, y - back);
            stack.push((from_a..x0, from_b..y0));
            runs.push(Run {
                a: x0,
                b: y0,
                len: back + ahead,
            });
            (from_a, from_b) = (x + ahead, y + ahead);
        }
        if (from_a, from_b) != (ra.start, rb.start) {
            stack.push((from_a..ra.end, from_b..rb.end));
        }
    }
    runs.sort_unstable_by_key(|r| r.a);
    join(runs)
}

/// Takes the common head and tail of a stretch as runs; returns what is left between them.
fn trim(
    a: &[u64],
    b: &[u64],
    ra: Range<usize>,
    rb: Range<usize>,
    runs: &mut Vec<Run>,
) -> (Range<usize>, Range<usize>) {
    let head = ra
        .clone()
        .zip(rb.clone())
        .take_while(|&(i, j)| a[i] == b[j])
        .count();
    let (ra, rb) = (ra.start + head..ra.end, rb.start + head..rb.end);
    let tail = ra
        .clone()
        .rev()
        .zip(rb.clone().rev())
        .take_while(|&(i, j)| a[i] == b[j])
        .count();
    if head > 0 {
        runs.push(Run {
            a: ra.start - head,
            b: rb.start - head,
            len: head,
        });
    }
    if tail > 0 {
        runs.push(Run {
            a: ra.end - tail,
            b: rb.end - tail,
            len: tail,
        });
    }
    (ra.start..ra.end - tail, rb.start..rb.end - tail)
}

/// How often an item occurs in a stretch of each side, and where (the last place seen).
#[derive(Default)]
struct Occurrences {
    in_a: u32,
    in_b: u32,
    at_a: usize,
    at_b: usize,
}

impl Occurrences {
    fn see_a(&mut self, at: usize) {
        self.in_a += 1;
        self.at_a = at;
    }

    fn see_b(&mut self, at: usize) {
        self.in_b += 1;
        self.at_b = at;
    }

    /// Its places, if it occurs exactly once on each side.
    fn pair(&self) -> Option<(usize, usize)> {
        (self.in_a == 1 && self.in_b == 1).then_some((self.at_a, self.at_b))
    }
}

/// The longest chain of `pairs` (given in increasing `.0`) increasing in `.1` as well, by
/// patience sorting.
fn longest_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // `tops[k]`: index of the smallest last `.1` of a chain of length k + 1 so far.
    let mut tops: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for (i, &(_, y)) in pairs.iter().enumerate() {
        let k = tops.partition_point(|&t| pairs[t].1 < y);
        if k > 0 {
            prev[i] = tops[k - 1];
        }
        if k == tops.len() {
            tops.push(i);
        } else {
            tops[k] = i;
        }
    }
    let mut chain = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        chain.push(pairs[at]);
        at = prev[at];
    }
    chain.reverse();
    chain
}

/// Runs sorted by `a`, with runs that continue one another joined.
fn join(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs.into_iter().filter(|r| r.len > 0) {
        match out.last_mut() {
            Some(last) if last.a + last.len == r.a && last.b + last.len == r.b => {
                last.len += r.len;
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(a: &[u64], b: &[u64]) -> Vec<(usize, usize, usize)> {
        matching_runs(a, b)
            .into_iter()
            .map(|r| (r.a, r.b, r.len))
            .collect()
    }

    #[test]
    fn equal_edited_and_empty() {
        assert_eq!(runs(&[1, 2, 3], &[1, 2, 3]), [(0, 0, 3)]);
        assert_eq!(runs(&[1, 2, 3, 4], &[1, 9, 3, 4]), [(0, 0, 1), (2, 2, 2)]);
        assert_eq!(runs(&[1, 2, 3], &[1, 2, 7, 3]), [(0, 0, 2), (2, 3, 1)]);
        assert!(runs(&[], &[1]).is_empty());
        assert!(runs(&[1, 2], &[3, 4]).is_empty());
    }

    #[test]
    fn a_moved_item_keeps_the_longer_order() {
        // 5 moved to the front: the other four stay matched in order.
        assert_eq!(runs(&[1, 2, 3, 4, 5], &[5, 1, 2, 3, 4]), [(0, 1, 4)]);
    }

    #[test]
    fn repeats_next_to_anchors_join_their_runs() {
        // 7 occurs twice on each side, so it anchors nothing, but it grows the runs of 1 and 2.
        assert_eq!(
            runs(&[1, 7, 9, 2, 7], &[1, 7, 8, 2, 7]),
            [(0, 0, 2), (3, 3, 2)]
        );
        // A common head is matched whatever it holds; a stretch of repeats alone is not.
        assert_eq!(runs(&[7, 7], &[7, 7, 7]), [(0, 0, 2)]);
        assert_eq!(
            runs(&[1, 7, 7, 2], &[1, 8, 7, 7, 7, 2]),
            [(0, 0, 1), (1, 3, 3)]
        );
        assert_eq!(
            runs(&[1, 7, 9, 7, 2], &[1, 8, 7, 7, 8, 2]),
            [(0, 0, 1), (4, 5, 1)]
        );
    }

    proptest::proptest! {
        #[test]
        fn runs_are_equal_ordered_and_disjoint(
            a in proptest::collection::vec(0u64..6, 0..40),
            b in proptest::collection::vec(0u64..6, 0..40),
        ) {
            let found = matching_runs(&a, &b);
            let mut last = (0, 0);
            for r in &found {
                proptest::prop_assert!(r.len > 0);
                proptest::prop_assert!(r.a >= last.0 && r.b >= last.1);
                proptest::prop_assert_eq!(&a[r.a..r.a + r.len], &b[r.b..r.b + r.len]);
                last = (r.a + r.len, r.b + r.len);
            }
        }
    }
}
