//! The order-preserving core of alignment: among weighted candidate links, each covering a run
//! of sentences on both sides, pick the set of heaviest total weight that never crosses itself.

/// A candidate link in rank space: `a` and `b` are half-open runs of positions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub weight: f32,
}

/// Indices into `items` of the heaviest chain whose runs increase strictly on both sides.
///
/// Sparse dynamic programming: items are visited by first `a` position, and an item becomes
/// visible to later ones only once the `a` position has passed its end; a Fenwick tree keyed
/// on the last `b` position answers "best chain ending before this `b`" in O(log n), so the
/// whole pass is O(items · log n) rather than O(n²).
pub(crate) fn heaviest(items: &[Item], b_len: u32) -> Vec<usize> {
    let mut by_start: Vec<usize> = (0..items.len()).collect();
    by_start.sort_unstable_by_key(|&i| items[i].a.0);
    let mut by_end: Vec<usize> = (0..items.len()).collect();
    by_end.sort_unstable_by_key(|&i| items[i].a.1);

    let mut tree = Fenwick::new(b_len as usize);
    let mut best = vec![0f32; items.len()];
    let mut prev = vec![usize::MAX; items.len()];
    let mut inserted = 0;
    for &i in &by_start {
        let item = &items[i];
        while let Some(&j) = by_end.get(inserted) {
            if items[j].a.1 > item.a.0 {
                break;
            }
            tree.raise(items[j].b.1 as usize - 1, best[j], j);
            inserted += 1;
        }
        let (score, from) = tree.best_before(item.b.0 as usize);
        best[i] = score + item.weight;
        prev[i] = from;
    }

    let mut chain = Vec::new();
    let mut at = (0..items.len()).max_by(|&x, &y| best[x].total_cmp(&best[y]));
    while let Some(i) = at {
        chain.push(i);
        at = prev.get(i).copied().filter(|&p| p != usize::MAX);
    }
    chain.reverse();
    chain
}

/// Prefix maximum over positions, remembering which item holds it.
struct Fenwick {
    nodes: Vec<(f32, usize)>,
}

impl Fenwick {
    fn new(len: usize) -> Self {
        Fenwick {
            nodes: vec![(0.0, usize::MAX); len + 1],
        }
    }

    fn raise(&mut self, pos: usize, score: f32, item: usize) {
        let mut i = pos + 1;
        while let Some(node) = self.nodes.get_mut(i) {
            if score > node.0 {
                *node = (score, item);
            }
            i += i & i.wrapping_neg();
        }
    }

    /// Best over positions `< end`.
    fn best_before(&self, end: usize) -> (f32, usize) {
        let mut out = (0.0, usize::MAX);
        let mut i = end.min(self.nodes.len().saturating_sub(1));
        while i > 0 {
            if let Some(&node) = self.nodes.get(i)
                && node.0 > out.0
            {
                out = node;
            }
            i &= i - 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(a: u32, b: u32, weight: f32) -> Item {
        Item {
            a: (a, a + 1),
            b: (b, b + 1),
            weight,
        }
    }

    #[test]
    fn picks_the_heaviest_non_crossing_set() {
        // 0-0, 1-2, 2-1 (crosses 1-2), 3-3; 2-1 is lighter than 1-2.
        let items = [
            item(0, 0, 0.9),
            item(1, 2, 0.8),
            item(2, 1, 0.5),
            item(3, 3, 0.7),
        ];
        assert_eq!(heaviest(&items, 4), vec![0, 1, 3]);
    }

    #[test]
    fn a_merge_competes_with_its_parts() {
        let merged = Item {
            a: (0, 2),
            b: (0, 1),
            weight: 0.9,
        };
        let items = [item(0, 0, 0.5), item(1, 0, 0.3), merged];
        assert_eq!(heaviest(&items, 1), vec![2]);
        assert!(heaviest(&[], 0).is_empty());
    }
}
