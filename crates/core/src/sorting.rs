//! A stable sort for the short lists the app sorts (signs, sources, reminders, flex steps,
//! recalls: tens of items, at most a hundred). The standard library's `sort_by` compiles to
//! about 3 KB of wasm for every element type and comparison it is used with; this loop is a
//! few hundred bytes. Same result as `slice::sort_by`: equal items keep their order.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stable (an insertion sort: fine for short lists only).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` in its natural order, stable (see [`sort_by`]).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Pairs sorted by their first half only: ties show whether the sort is stable.
        let mut seed = 12345u32;
        for len in 0..60 {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) as u8 % 7, i)
                })
                .collect();
            let (mut ours, mut std) = (v.clone(), v);
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std);
            sort(&mut ours);
            std.sort();
            assert_eq!(ours, std);
        }
    }
}
