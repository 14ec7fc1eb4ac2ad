//! The sort engine: a stable order of records by several keys, nulls first or last.
//!
//! Records are not moved; the result is a list of record indices. The first key is reduced to a
//! `u64` per record (the first eight bytes of the text in UTF-16 weights, or the collation rank)
//! so that most comparisons are integer comparisons; only records whose prefixes tie are then
//! compared in full. Ties on every key keep their input order because the input position is the
//! last key, in both directions.

use std::cmp::Ordering;

use crate::record_values::RecordValues;
use crate::sort_spec::{Nulls, SortKey};
use crate::text_order::{compare_utf16, utf16_prefix};

/// The rank of a null value in [`KeyOrder::Ranks`].
pub const NULL_RANK: u32 = u32::MAX;

/// How one key's values compare.
#[derive(Debug, Clone, Copy)]
pub enum KeyOrder<'r> {
    /// JavaScript's `<` on strings (UTF-16 code units).
    CodeUnits,
    /// By a precomputed rank per record index (e.g. from `Intl.Collator`); equal ranks tie.
    Ranks(&'r [u32]),
}

/// A key and how its values compare.
#[derive(Debug, Clone, Copy)]
pub struct OrderedKey<'r> {
    /// The field and direction.
    pub key: SortKey,
    /// How values compare.
    pub order: KeyOrder<'r>,
}

/// Sorts `view` (record indices into `records`) and returns the sorted indices.
pub fn sort_view<R: RecordValues>(
    records: &R,
    view: &[u32],
    keys: &[OrderedKey],
    nulls: Nulls,
) -> Vec<u32> {
    let Some(first) = keys.first() else {
        return view.to_vec();
    };
    let compare =
        |left: u32, right: u32| compare_positions(records, view, keys, nulls, left, right);

    let mut with_value = Vec::with_capacity(view.len());
    let mut without_value = Vec::new();
    for (position, record) in view.iter().enumerate() {
        match prefix(records, *record as usize, first) {
            Some(prefix) => with_value.push((prefix, position as u32)),
            None => without_value.push(position as u32),
        }
    }

    with_value.sort_unstable();
    let prefix_decides = keys.len() == 1 && matches!(first.order, KeyOrder::Ranks(_));
    let with_value: Vec<u32> = if prefix_decides {
        with_value
            .into_iter()
            .map(|(_, position)| position)
            .collect()
    } else {
        refine_ties(with_value, compare)
    };
    if keys.len() > 1 {
        without_value.sort_unstable_by(|left, right| compare(*left, *right));
    }

    let (mut sorted, rest) = match nulls {
        Nulls::Last => (with_value, without_value),
        Nulls::First => (without_value, with_value),
    };
    sorted.extend(rest);
    for position in &mut sorted {
        *position = view[*position as usize];
    }
    sorted
}

/// The first key's value reduced to an integer that orders like the value, or `None` for null.
fn prefix<R: RecordValues>(records: &R, record: usize, first: &OrderedKey) -> Option<u64> {
    let ascending = match first.order {
        KeyOrder::CodeUnits => utf16_prefix(records.value(record, first.key.field)?),
        KeyOrder::Ranks(ranks) => match ranks.get(record).copied() {
            Some(NULL_RANK) | None => return None,
            Some(rank) => u64::from(rank),
        },
    };
    Some(if first.key.descending {
        !ascending
    } else {
        ascending
    })
}

/// Sorts each run of equal prefixes by the full comparison and drops the prefixes.
fn refine_ties(sorted: Vec<(u64, u32)>, compare: impl Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut positions: Vec<u32> = sorted.iter().map(|(_, position)| *position).collect();
    let mut start = 0;
    while start < sorted.len() {
        let prefix = sorted[start].0;
        let end = start + sorted[start..].partition_point(|(other, _)| *other == prefix);
        if end - start > 1 {
            positions[start..end].sort_unstable_by(|left, right| compare(*left, *right));
        }
        start = end;
    }
    positions
}

/// The full comparison of two view positions: every key, then input position.
fn compare_positions<R: RecordValues>(
    records: &R,
    view: &[u32],
    keys: &[OrderedKey],
    nulls: Nulls,
    left: u32,
    right: u32,
) -> Ordering {
    let (left_record, right_record) = (view[left as usize] as usize, view[right as usize] as usize);
    for key in keys {
        let ordering = match key.order {
            KeyOrder::CodeUnits => compare_values(
                records.value(left_record, key.key.field),
                records.value(right_record, key.key.field),
                key.key.descending,
                nulls,
                compare_utf16,
            ),
            KeyOrder::Ranks(ranks) => compare_values(
                rank(ranks, left_record),
                rank(ranks, right_record),
                key.key.descending,
                nulls,
                |a: u32, b: u32| a.cmp(&b),
            ),
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    left.cmp(&right)
}

fn rank(ranks: &[u32], record: usize) -> Option<u32> {
    ranks.get(record).copied().filter(|rank| *rank != NULL_RANK)
}

fn compare_values<T>(
    left: Option<T>,
    right: Option<T>,
    descending: bool,
    nulls: Nulls,
    compare: impl Fn(T, T) -> Ordering,
) -> Ordering {
    let null_side = match nulls {
        Nulls::Last => Ordering::Greater,
        Nulls::First => Ordering::Less,
    };
    match (left, right) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => null_side,
        (Some(_), None) => null_side.reverse(),
        (Some(left), Some(right)) if descending => compare(right, left),
        (Some(left), Some(right)) => compare(left, right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::RecordColumns;
    use crate::record::RecordField;

    const ID: RecordField = RecordField::RecordId;
    const EXTERNAL: RecordField = RecordField::ExternalId;

    /// Records with the record id `0`, `1`, ... and the given external ids.
    fn records(external_ids: &[Option<&str>]) -> RecordColumns {
        let mut columns = RecordColumns::default();
        for (at, external_id) in external_ids.iter().enumerate() {
            let record = columns.push_empty_record();
            columns.set(record, ID, &at.to_string()).unwrap();
            if let Some(value) = external_id {
                columns.set(record, EXTERNAL, value).unwrap();
            }
        }
        columns
    }

    fn key(field: RecordField, descending: bool) -> OrderedKey<'static> {
        OrderedKey {
            key: SortKey { field, descending },
            order: KeyOrder::CodeUnits,
        }
    }

    fn all(columns: &RecordColumns) -> Vec<u32> {
        (0..columns.len() as u32).collect()
    }

    #[test]
    fn ascending_order_is_javascripts_code_unit_order() {
        let columns = records(&[Some("\u{e000}"), Some("b"), Some("😀"), Some("B"), Some("")]);
        let sorted = sort_view(
            &columns,
            &all(&columns),
            &[key(EXTERNAL, false)],
            Nulls::Last,
        );
        // "" < "B" < "b" < "😀" (surrogates 0xD83D...) < "\u{e000}".
        assert_eq!(sorted, [4, 3, 1, 2, 0]);
    }

    #[test]
    fn ties_keep_input_order_in_both_directions() {
        let columns = records(&[Some("x"), Some("y"), Some("x"), Some("y"), Some("x")]);
        let view = all(&columns);
        let ascending = sort_view(&columns, &view, &[key(EXTERNAL, false)], Nulls::Last);
        assert_eq!(ascending, [0, 2, 4, 1, 3]);
        let descending = sort_view(&columns, &view, &[key(EXTERNAL, true)], Nulls::Last);
        assert_eq!(descending, [1, 3, 0, 2, 4]);
    }

    #[test]
    fn nulls_go_last_or_first_whatever_the_direction() {
        let columns = records(&[None, Some("b"), None, Some("a")]);
        let view = all(&columns);
        for descending in [false, true] {
            let keys = [key(EXTERNAL, descending)];
            let last = sort_view(&columns, &view, &keys, Nulls::Last);
            let first = sort_view(&columns, &view, &keys, Nulls::First);
            let values = if descending { [1, 3] } else { [3, 1] };
            assert_eq!(&last[..2], &values);
            assert_eq!(&last[2..], &[0, 2]);
            assert_eq!(&first[..2], &[0, 2]);
            assert_eq!(&first[2..], &values);
        }
    }

    #[test]
    fn long_values_sharing_eight_bytes_are_compared_in_full() {
        let columns = records(&[Some("abcdefgh-2"), Some("abcdefgh-10"), Some("abcdefgh")]);
        let sorted = sort_view(
            &columns,
            &all(&columns),
            &[key(EXTERNAL, false)],
            Nulls::Last,
        );
        assert_eq!(sorted, [2, 1, 0]);
    }

    #[test]
    fn a_second_key_orders_ties_of_the_first_including_null_ties() {
        let columns = records(&[Some("x"), None, Some("x"), None]);
        let keys = [key(EXTERNAL, false), key(ID, true)];
        let sorted = sort_view(&columns, &all(&columns), &keys, Nulls::Last);
        assert_eq!(sorted, [2, 0, 3, 1]);
    }

    #[test]
    fn ranks_order_records_and_equal_ranks_tie() {
        let columns = records(&[Some("a"), Some("b"), Some("c"), None]);
        let ranks = [1, 0, 1, NULL_RANK];
        let ranked = OrderedKey {
            key: SortKey {
                field: EXTERNAL,
                descending: true,
            },
            order: KeyOrder::Ranks(&ranks),
        };
        let sorted = sort_view(&columns, &all(&columns), &[ranked], Nulls::First);
        assert_eq!(sorted, [3, 0, 2, 1]);
    }

    #[test]
    fn a_view_is_sorted_by_its_own_order_and_returns_record_indices() {
        let columns = records(&[Some("b"), Some("a"), Some("b"), Some("a")]);
        let sorted = sort_view(
            &columns,
            &[3, 2, 1, 0],
            &[key(EXTERNAL, false)],
            Nulls::Last,
        );
        assert_eq!(sorted, [3, 1, 2, 0]);
    }
}
