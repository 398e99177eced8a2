//! Order-keeping parallel map over the machine's cores, for the engine's batch steps (segmenting,
//! preparing, aligning, diffing), on rayon's pool.

use std::sync::OnceLock;

use rayon::prelude::*;

/// Map `f` over `items`, when `worth` it on up to as many threads as the machine has cores,
/// keeping order. Callers decide `worth` from the amount of work: handing work to other threads
/// (and waiting for a busy machine to schedule them) costs more than a small step.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    worth: bool,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    map_owned(items.iter().collect(), worth, f)
}

/// [`map`] that hands each item over to `f`.
pub(crate) fn map_owned<T: Send, R: Send>(
    items: Vec<T>,
    worth: bool,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = threads();
    if !worth || threads < 2 || items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    // rayon's pool lives for the whole process: the steps after the first find their threads
    // (and those threads' warm allocator heaps) ready instead of starting new ones.
    let f = &f;
    items.into_par_iter().map(f).collect()
}

/// How many threads a step may use: the cores this process may run on, read once (finding
/// out takes system calls and reading cgroup files).
pub(crate) fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_on_any_number_of_threads() {
        let items: Vec<u32> = (0..103).collect();
        for worth in [false, true] {
            let doubled = map(&items, worth, |&x| x * 2);
            assert_eq!(doubled, (0..103).map(|x| x * 2).collect::<Vec<_>>());
            let owned = map_owned(items.clone(), worth, |x| x.to_string());
            assert_eq!(owned.len(), 103);
            assert_eq!(owned[102], "102");
        }
        assert!(map_owned(Vec::<u8>::new(), true, |x| x).is_empty());
    }
}
