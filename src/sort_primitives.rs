//! The two sorts every ordering in the crate is built on: a radix sort of items by an integer
//! key, and a merge sort of items by a comparison. Both are stable.
//!
//! The standard library's sorts are generic, so each element type and each comparison closure
//! gets its own copy of the whole algorithm, several kilobytes of wasm apiece. These take no
//! type parameters and the comparison goes through `dyn`, so each is compiled once. The sort
//! engine reduces nearly everything to integer keys (collation ranks, eight bytes of text), so
//! the comparison sort only settles the few ties those keys leave.

use std::cmp::Ordering;

/// An integer sort key and the item it belongs to (a view position, a value index).
pub type KeyedItem = (u64, u32);

/// Up to this many items an insertion sort is faster than counting digits or merging.
const SMALL: usize = 24;

const DIGIT_BITS: u32 = 8;
const DIGIT_VALUES: usize = 1 << DIGIT_BITS;
const DIGITS: usize = (u64::BITS / DIGIT_BITS) as usize;

/// How many keys have each value of each digit, least significant digit first.
type DigitCounts = [[usize; DIGIT_VALUES]; DIGITS];

/// Sorts `items` by key; items with equal keys keep their order.
pub fn sort_by_key(items: &mut [KeyedItem]) {
    if items.len() <= SMALL {
        insertion_sort_by_key(items);
    } else {
        radix_sort(items);
    }
}

/// Sorts `items` by `compare`; items that compare equal keep their order.
pub fn sort_by(items: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    if items.len() <= SMALL {
        insertion_sort_by(items, compare);
    } else {
        let mut scratch = items.to_vec();
        merge_sort(&mut scratch, items, compare);
    }
}

fn insertion_sort_by_key(items: &mut [KeyedItem]) {
    for next in 1..items.len() {
        let item = items[next];
        let mut at = next;
        while at > 0 && items[at - 1].0 > item.0 {
            items[at] = items[at - 1];
            at -= 1;
        }
        items[at] = item;
    }
}

/// A least significant digit radix sort, one byte per pass. A byte that is the same in every
/// key is skipped: the high bytes of ranks, the trailing padding of short text.
fn radix_sort(items: &mut [KeyedItem]) {
    let counts = digit_counts(items);
    let mut buffer = vec![(0, 0); items.len()];
    let mut sorted_into_buffer = false;
    for (digit, counts) in counts.iter().enumerate() {
        if counts.contains(&items.len()) {
            continue;
        }
        let (from, to) = if sorted_into_buffer {
            (&*buffer, &mut *items)
        } else {
            (&*items, &mut *buffer)
        };
        scatter(from, to, digit as u32 * DIGIT_BITS, counts);
        sorted_into_buffer = !sorted_into_buffer;
    }
    if sorted_into_buffer {
        items.copy_from_slice(&buffer);
    }
}

/// Counts every digit of every key in one pass over the items.
fn digit_counts(items: &[KeyedItem]) -> DigitCounts {
    let mut counts = [[0; DIGIT_VALUES]; DIGITS];
    for (key, _) in items {
        for (digit, counts) in counts.iter_mut().enumerate() {
            counts[digit_at(*key, digit as u32 * DIGIT_BITS)] += 1;
        }
    }
    counts
}

/// Moves `from` into `to` ordered by the digit at `shift`, keeping the order of equal digits.
fn scatter(from: &[KeyedItem], to: &mut [KeyedItem], shift: u32, counts: &[usize; DIGIT_VALUES]) {
    let mut next = [0; DIGIT_VALUES];
    let mut start = 0;
    for (next, count) in next.iter_mut().zip(counts) {
        *next = start;
        start += count;
    }
    for item in from {
        let slot = &mut next[digit_at(item.0, shift)];
        to[*slot] = *item;
        *slot += 1;
    }
}

#[inline]
fn digit_at(key: u64, shift: u32) -> usize {
    (key >> shift) as usize & (DIGIT_VALUES - 1)
}

fn insertion_sort_by(items: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    for next in 1..items.len() {
        let item = items[next];
        let mut at = next;
        while at > 0 && compare(item, items[at - 1]) == Ordering::Less {
            items[at] = items[at - 1];
            at -= 1;
        }
        items[at] = item;
    }
}

/// Sorts `items`, given `scratch` holding the same items in the same order to work in. Each
/// half is sorted into `scratch` (with `items` as its scratch), and the halves merged back, so
/// nothing is copied but the merges.
fn merge_sort(
    scratch: &mut [u32],
    items: &mut [u32],
    compare: &mut dyn FnMut(u32, u32) -> Ordering,
) {
    if items.len() <= SMALL {
        insertion_sort_by(items, compare);
        return;
    }
    let middle = items.len() / 2;
    let (scratch_left, scratch_right) = scratch.split_at_mut(middle);
    let (items_left, items_right) = items.split_at_mut(middle);
    merge_sort(items_left, scratch_left, compare);
    merge_sort(items_right, scratch_right, compare);
    merge(scratch_left, scratch_right, items, compare);
}

/// Merges two sorted runs into `into`; on equal items the left run's come first.
fn merge(
    left: &[u32],
    right: &[u32],
    into: &mut [u32],
    compare: &mut dyn FnMut(u32, u32) -> Ordering,
) {
    let (mut from_left, mut from_right) = (0, 0);
    for slot in into {
        *slot = match (left.get(from_left), right.get(from_right)) {
            (Some(left), Some(right)) if compare(*right, *left) == Ordering::Less => {
                from_right += 1;
                *right
            }
            (Some(left), _) => {
                from_left += 1;
                *left
            }
            (None, Some(right)) => {
                from_right += 1;
                *right
            }
            (None, None) => return,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::numbers;

    /// Items with the given keys, numbered in input order so stability can be checked.
    fn items(keys: impl IntoIterator<Item = u64>) -> Vec<KeyedItem> {
        keys.into_iter()
            .enumerate()
            .map(|(at, key)| (key, at as u32))
            .collect()
    }

    /// Sorts with [`sort_by_key`] and checks against the standard library's stable sort.
    fn check_sort_by_key(mut sorted: Vec<KeyedItem>) {
        let mut expected = sorted.clone();
        expected.sort_by_key(|item| item.0);
        sort_by_key(&mut sorted);
        assert_eq!(sorted, expected);
    }

    /// Sorts with [`sort_by`] by `keys[item]` and checks against the standard library.
    fn check_sort_by(keys: &[u64]) {
        let mut sorted: Vec<u32> = (0..keys.len() as u32).collect();
        let mut expected = sorted.clone();
        expected.sort_by_key(|item| keys[*item as usize]);
        sort_by(&mut sorted, &mut |left, right| {
            keys[left as usize].cmp(&keys[right as usize])
        });
        assert_eq!(sorted, expected);
    }

    /// Lengths around the switch between insertion sort and the real sorts.
    const LENGTHS: [usize; 12] = [0, 1, 2, 3, 23, 24, 25, 26, 49, 100, 1_000, 20_000];

    #[test]
    fn empty_and_single_item_inputs_stay_as_they_are() {
        check_sort_by_key(Vec::new());
        check_sort_by_key(items([u64::MAX]));
        check_sort_by(&[]);
        check_sort_by(&[7]);
    }

    #[test]
    fn all_equal_keys_keep_their_input_order() {
        for length in LENGTHS {
            let mut sorted = items(vec![42; length]);
            sort_by_key(&mut sorted);
            assert_eq!(sorted, items(vec![42; length]));
            check_sort_by(&vec![42; length]);
        }
    }

    #[test]
    fn random_keys_sort_like_the_standard_stable_sort() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        for length in LENGTHS {
            // Full-width keys, keys with many ties, and keys differing only in one middle byte.
            let wide: Vec<u64> = (0..length).map(|_| next()).collect();
            let tied: Vec<u64> = (0..length).map(|_| next() % 5).collect();
            let middle: Vec<u64> = (0..length).map(|_| (next() % 3) << 29).collect();
            for keys in [wide, tied, middle] {
                check_sort_by_key(items(keys.iter().copied()));
                check_sort_by(&keys);
            }
        }
    }

    #[test]
    fn extreme_keys_sort_to_the_ends() {
        let mut next = numbers(7);
        for length in LENGTHS {
            let keys: Vec<u64> = (0..length)
                .map(|_| match next() % 4 {
                    0 => 0,
                    1 => u64::MAX,
                    2 => u64::MAX - 1,
                    _ => 1 << 63,
                })
                .collect();
            check_sort_by_key(items(keys.iter().copied()));
            check_sort_by(&keys);
        }
    }

    #[test]
    fn sorted_and_reversed_inputs_sort() {
        for length in LENGTHS {
            let ascending: Vec<u64> = (0..length as u64).map(|key| key * 1_000_003).collect();
            let descending: Vec<u64> = ascending.iter().rev().copied().collect();
            for keys in [ascending, descending] {
                check_sort_by_key(items(keys.iter().copied()));
                check_sort_by(&keys);
            }
        }
    }

    #[test]
    fn a_comparison_is_called_with_items_of_the_input_only() {
        let mut items: Vec<u32> = (0..500).rev().map(|item| item * 2).collect();
        sort_by(&mut items, &mut |left, right| {
            assert!(left % 2 == 0 && right % 2 == 0 && left < 1_000 && right < 1_000);
            left.cmp(&right)
        });
        assert_eq!(items, (0..500).map(|item| item * 2).collect::<Vec<u32>>());
    }
}
