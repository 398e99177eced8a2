//! Sorted lists of distinct items, as both engines keep them (content stems, word-run hashes,
//! term sets): what two of them have in common, by one merge walk.

/// The items `a` and `b` share, in order; both must be sorted and distinct.
pub(crate) fn common<'a, T: Ord>(a: &'a [T], b: &'a [T]) -> impl Iterator<Item = &'a T> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(x);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::common;

    #[test]
    fn shared_items_in_order() {
        let shared: Vec<u32> = common(&[1, 3, 5, 7, 9], &[2, 3, 4, 7, 10])
            .copied()
            .collect();
        assert_eq!(shared, [3, 7]);
        assert_eq!(common::<u32>(&[], &[1]).count(), 0);
    }
}
