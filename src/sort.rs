//! The sort engine: a stable order of records by several keys, nulls first or last.
//!
//! Records are not moved; the result is a list of record indices. The first key is sorted as
//! integers: a collation rank, or for text eight bytes at a time in UTF-16 weights (a most
//! significant digit radix scheme), so a string comparison is never needed for it. Only records
//! that tie on the whole first key are compared by the later keys. Ties on every key keep their
//! view order, in both directions: records enter every sort in view order, and every sort is
//! stable. The sorts carry record indices, not view positions, so reading a value never goes
//! through the view first.
//!
//! The records come as `&dyn RecordValues` and the sorts are those of
//! [`crate::sort_primitives`], so the engine is compiled once for both forms of records; the
//! trait is only called once per key, to get the field's [`FieldValues`].

use std::cmp::Ordering;

use crate::record_values::{FieldValues, RecordValues};
use crate::sort_primitives::{sort_by, sort_by_key, KeyedItem};
use crate::sort_spec::{Nulls, SortKey};
use crate::text_order::{compare_utf16, utf16_chunk};

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
pub fn sort_view(
    records: &dyn RecordValues,
    view: &[u32],
    keys: &[OrderedKey],
    nulls: Nulls,
) -> Vec<u32> {
    let Some(first) = keys.first() else {
        return view.to_vec();
    };
    let first_key = KeyReader::new(records, first);
    let (with_value, mut without_value): (Vec<u32>, Vec<u32>) = view
        .iter()
        .partition(|record| first_key.value(**record).is_some());
    let mut with_value = sort_by_first_key(&first_key, with_value);

    if keys.len() > 1 {
        let later: Vec<KeyReader> = keys[1..]
            .iter()
            .map(|key| KeyReader::new(records, key))
            .collect();
        let mut compare = |left, right| compare_records(&later, nulls, left, right);
        let tie = |left, right| first_key.value(left) == first_key.value(right);
        sort_ties(&mut with_value, tie, &mut compare);
        sort_by(&mut without_value, &mut compare);
    }

    let (mut sorted, rest) = match nulls {
        Nulls::Last => (with_value, without_value),
        Nulls::First => (without_value, with_value),
    };
    sorted.extend(rest);
    sorted
}

/// Reads one key of a record.
struct KeyReader<'a> {
    descending: bool,
    values: FieldValues<'a>,
    ranks: Option<&'a [u32]>,
}

/// A key's value: text, or a rank.
#[derive(PartialEq)]
enum KeyValue<'a> {
    Text(&'a str),
    Rank(u32),
}

impl<'a> KeyReader<'a> {
    fn new(records: &'a dyn RecordValues, key: &OrderedKey<'a>) -> Self {
        let (values, ranks) = match key.order {
            KeyOrder::CodeUnits => (records.field(key.key.field), None),
            KeyOrder::Ranks(ranks) => (FieldValues::missing(), Some(ranks)),
        };
        KeyReader {
            descending: key.key.descending,
            values,
            ranks,
        }
    }

    fn value(&self, record: u32) -> Option<KeyValue<'a>> {
        match self.ranks {
            None => self.values.get(record as usize).map(KeyValue::Text),
            Some(ranks) => match ranks.get(record as usize).copied() {
                Some(NULL_RANK) | None => None,
                Some(rank) => Some(KeyValue::Rank(rank)),
            },
        }
    }

    /// A record's text, empty for null (sorted text is never null).
    fn text(&self, record: u32) -> &'a str {
        self.values.get(record as usize).unwrap_or_default()
    }

    /// The integer key's direction: a descending key sorts its complement ascending.
    fn directed(&self, key: u64) -> u64 {
        if self.descending {
            !key
        } else {
            key
        }
    }
}

/// Sorts records (in view order) whose first key is not null by that key, then by view order.
fn sort_by_first_key(reader: &KeyReader, records: Vec<u32>) -> Vec<u32> {
    if let Some(ranks) = reader.ranks {
        if let Some(sorted) = counting_sort_by_rank(&records, ranks, reader.descending) {
            return sorted;
        }
    }
    let mut keyed: Vec<KeyedItem> = records
        .into_iter()
        .map(|record| {
            let key = match reader.value(record) {
                Some(KeyValue::Rank(rank)) => u64::from(rank),
                Some(KeyValue::Text(value)) => utf16_chunk(value, 0),
                None => 0,
            };
            (reader.directed(key), record)
        })
        .collect();
    sort_by_key(&mut keyed);
    if reader.ranks.is_none() {
        sort_text_runs(
            &mut keyed,
            |record| reader.text(record),
            |key| reader.directed(key),
        );
    }
    keyed.into_iter().map(|(_, record)| record).collect()
}

/// Sorts records by rank in one linear pass, when the ranks are dense enough for a count per
/// rank to cost less than a radix sort (they are for a set's own ranks, which never exceed its
/// record count). Records come in view order and a counting sort keeps the order of equal
/// keys, so ties stay in view order in both directions.
fn counting_sort_by_rank(records: &[u32], ranks: &[u32], descending: bool) -> Option<Vec<u32>> {
    let rank_of = |record: u32| ranks.get(record as usize).copied();
    let highest = records.iter().filter_map(|r| rank_of(*r)).max()? as usize;
    if highest > 4 * records.len() + 64 {
        return None;
    }
    let slot = |record: u32| {
        let rank = rank_of(record).unwrap_or_default() as usize;
        if descending {
            highest - rank
        } else {
            rank
        }
    };

    let mut starts = vec![0u32; highest + 2];
    for record in records {
        starts[slot(*record) + 1] += 1;
    }
    for at in 1..starts.len() {
        starts[at] += starts[at - 1];
    }
    let mut sorted = vec![0u32; records.len()];
    for record in records {
        let next = &mut starts[slot(*record)];
        sorted[*next as usize] = *record;
        *next += 1;
    }
    Some(sorted)
}

/// Refines runs of equal eight-byte chunks by the next eight bytes until the values are
/// exhausted; values equal but for trailing NUL bytes then order by length. A run whose values
/// are all the same string is settled at once: ties are common (several records of one
/// customer), and refining them chunk by chunk would read their text again at every depth.
///
/// `keyed` comes in view order and every sort here is stable, so the items of a run are
/// always in view order, which is the order the same string's records keep.
fn sort_text_runs<'t>(
    keyed: &mut [KeyedItem],
    text: impl Fn(u32) -> &'t str,
    directed: impl Fn(u64) -> u64,
) {
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    push_runs(keyed, 0, keyed.len(), 8, &mut pending);
    while let Some((start, end, depth)) = pending.pop() {
        let run = &mut keyed[start..end];
        let (common, identical) = common_prefix(run, &text, depth.saturating_sub(8));
        if identical {
            continue;
        }
        // Skip straight past the bytes every value of the run shares, so a long common prefix
        // is read once rather than eight bytes per pass.
        let depth = depth.max(common);
        let mut exhausted = true;
        for item in run.iter_mut() {
            let value = text(item.1);
            exhausted &= value.len() <= depth;
            item.0 = directed(utf16_chunk(value, depth));
        }
        if exhausted {
            for item in run.iter_mut() {
                item.0 = directed(text(item.1).len() as u64);
            }
            sort_by_key(run);
            continue;
        }
        sort_by_key(run);
        push_runs(keyed, start, end, depth + 8, &mut pending);
    }
}

/// The length of the prefix every value of `run` shares (all of them agree before `from`), and
/// whether the values are all the same string.
fn common_prefix<'t>(
    run: &[KeyedItem],
    text: impl Fn(u32) -> &'t str,
    from: usize,
) -> (usize, bool) {
    let first = text(run[0].1).as_bytes();
    let mut common = first.len();
    let mut identical = true;
    for item in &run[1..] {
        let value = text(item.1).as_bytes();
        let shared = first
            .get(from..)
            .unwrap_or_default()
            .iter()
            .zip(value.get(from..).unwrap_or_default())
            .take_while(|(a, b)| a == b)
            .count();
        common = common.min(from + shared);
        identical &= value == first;
    }
    (common, identical)
}

fn push_runs(
    keyed: &[KeyedItem],
    start: usize,
    end: usize,
    depth: usize,
    pending: &mut Vec<(usize, usize, usize)>,
) {
    let mut run_start = start;
    while run_start < end {
        let key = keyed[run_start].0;
        let run_end = run_start + keyed[run_start..end].partition_point(|(other, _)| *other == key);
        if run_end - run_start > 1 {
            pending.push((run_start, run_end, depth));
        }
        run_start = run_end;
    }
}

/// Sorts each run of records that `tie` says are equal by `compare`.
fn sort_ties(
    records: &mut [u32],
    tie: impl Fn(u32, u32) -> bool,
    compare: &mut dyn FnMut(u32, u32) -> Ordering,
) {
    let mut start = 0;
    while start < records.len() {
        let mut end = start + 1;
        while end < records.len() && tie(records[start], records[end]) {
            end += 1;
        }
        if end - start > 1 {
            sort_by(&mut records[start..end], compare);
        }
        start = end;
    }
}

/// Compares two records by every key; records equal on all of them keep their order, because
/// [`sort_by`] is stable.
fn compare_records(keys: &[KeyReader], nulls: Nulls, left: u32, right: u32) -> Ordering {
    for key in keys {
        let ordering = compare_values(key.value(left), key.value(right), key.descending, nulls);
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    Ordering::Equal
}

fn compare_values(
    left: Option<KeyValue>,
    right: Option<KeyValue>,
    descending: bool,
    nulls: Nulls,
) -> Ordering {
    let null_side = match nulls {
        Nulls::Last => Ordering::Greater,
        Nulls::First => Ordering::Less,
    };
    match (left, right) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => null_side,
        (Some(_), None) => null_side.reverse(),
        (Some(left), Some(right)) if descending => left.compare(&right).reverse(),
        (Some(left), Some(right)) => left.compare(&right),
    }
}

impl KeyValue<'_> {
    /// Texts in JavaScript's order, ranks as numbers. One key's values are all of one kind;
    /// text before rank only makes the order total.
    fn compare(&self, other: &Self) -> Ordering {
        match (self, other) {
            (KeyValue::Text(left), KeyValue::Text(right)) => compare_utf16(left, right),
            (KeyValue::Rank(left), KeyValue::Rank(right)) => left.cmp(right),
            (KeyValue::Text(_), KeyValue::Rank(_)) => Ordering::Less,
            (KeyValue::Rank(_), KeyValue::Text(_)) => Ordering::Greater,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::RecordColumns;
    use crate::record::RecordField;
    use crate::test_random::below;

    const ID: RecordField = RecordField::RecordId;
    const EXTERNAL: RecordField = RecordField::ExternalId;
    const CUSTOMER: RecordField = RecordField::CustomerId;

    /// JavaScript's `<` on strings, from the UTF-16 code units themselves.
    fn by_code_units(left: &str, right: &str) -> Ordering {
        left.encode_utf16().cmp(right.encode_utf16())
    }

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
    fn values_equal_but_for_trailing_nul_bytes_order_by_length_both_ways() {
        let columns = records(&[Some("a\0"), Some("a"), Some("a\0\0"), Some("a")]);
        let view = all(&columns);
        let ascending = sort_view(&columns, &view, &[key(EXTERNAL, false)], Nulls::Last);
        assert_eq!(ascending, [1, 3, 0, 2]);
        let descending = sort_view(&columns, &view, &[key(EXTERNAL, true)], Nulls::Last);
        assert_eq!(descending, [2, 0, 1, 3]);
    }

    #[test]
    fn random_values_sort_like_a_stable_sort_with_javascripts_comparison() {
        const ALPHABET: [&str; 7] = ["a", "b", "\0", "ž", "\u{e000}", "😀", "aaaaaaa"];
        let mut next = below(0x2545_f491);
        for _ in 0..200 {
            let values: Vec<Option<String>> = (0..next(40))
                .map(|_| {
                    let parts = next(5);
                    (next(6) != 0).then(|| (0..parts).map(|_| ALPHABET[next(7)]).collect())
                })
                .collect();
            let borrowed: Vec<Option<&str>> = values.iter().map(Option::as_deref).collect();
            let columns = records(&borrowed);
            for descending in [false, true] {
                let mut expected = all(&columns);
                expected.sort_by(|l, r| {
                    let (l, r) = (borrowed[*l as usize], borrowed[*r as usize]);
                    let (l, r) = (l.map(KeyValue::Text), r.map(KeyValue::Text));
                    compare_values(l, r, descending, Nulls::Last)
                });
                let keys = [key(EXTERNAL, descending)];
                let sorted = sort_view(&columns, &all(&columns), &keys, Nulls::Last);
                assert_eq!(sorted, expected, "{borrowed:?} descending: {descending}");
            }
        }
    }

    /// The reference order of two optional values: nulls by `nulls`, others by `compare`.
    fn reference_order<T>(
        left: Option<T>,
        right: Option<T>,
        descending: bool,
        nulls: Nulls,
        compare: impl Fn(T, T) -> Ordering,
    ) -> Ordering {
        match (left, right, nulls) {
            (None, None, _) => Ordering::Equal,
            (None, Some(_), Nulls::Last) | (Some(_), None, Nulls::First) => Ordering::Greater,
            (None, Some(_), Nulls::First) | (Some(_), None, Nulls::Last) => Ordering::Less,
            (Some(left), Some(right), _) if descending => compare(right, left),
            (Some(left), Some(right), _) => compare(left, right),
        }
    }

    #[test]
    fn large_views_with_two_keys_sort_like_a_stable_sort_of_the_view() {
        const WORDS: [&str; 9] = [
            "",
            "a",
            "ab",
            "a\0",
            "b",
            "ž",
            "\u{e000}",
            "😀",
            "abcdefghij",
        ];
        let mut next = below(0x9e37_79b9);
        let word = |next: &mut dyn FnMut(usize) -> usize| {
            (next(5) != 0).then(|| {
                let parts = next(3) + 1;
                (0..parts).map(|_| WORDS[next(9)]).collect::<String>()
            })
        };
        for length in [30, 300, 3_000] {
            let mut columns = RecordColumns::default();
            let mut values = Vec::new();
            for _ in 0..length {
                let (customer, external) = (word(&mut next), word(&mut next));
                let record = columns.push_empty_record();
                if let Some(customer) = &customer {
                    columns.set(record, CUSTOMER, customer).unwrap();
                }
                if let Some(external) = &external {
                    columns.set(record, EXTERNAL, external).unwrap();
                }
                values.push((customer, external));
            }
            // A view of two thirds of the records, shuffled.
            let mut view: Vec<u32> = (0..length as u32).filter(|_| next(3) != 0).collect();
            for at in (1..view.len()).rev() {
                view.swap(at, next(at + 1));
            }
            // Sparse ranks by length, so the rank sort is a radix sort and ties are common.
            let ranks: Vec<u32> = values
                .iter()
                .map(|(customer, _)| {
                    customer
                        .as_ref()
                        .map_or(NULL_RANK, |c| c.len() as u32 * 1_000)
                })
                .collect();
            for (descending, nulls) in [
                (false, Nulls::Last),
                (true, Nulls::First),
                (true, Nulls::Last),
            ] {
                for ranked in [false, true] {
                    let first = OrderedKey {
                        key: SortKey {
                            field: CUSTOMER,
                            descending,
                        },
                        order: if ranked {
                            KeyOrder::Ranks(&ranks)
                        } else {
                            KeyOrder::CodeUnits
                        },
                    };
                    let keys = [first, key(EXTERNAL, !descending)];
                    let mut expected = view.clone();
                    expected.sort_by(|left, right| {
                        let (left, right) = (&values[*left as usize], &values[*right as usize]);
                        let first = if ranked {
                            let length = |value: &Option<String>| value.as_ref().map(String::len);
                            reference_order(
                                length(&left.0),
                                length(&right.0),
                                descending,
                                nulls,
                                |a, b| a.cmp(&b),
                            )
                        } else {
                            reference_order(
                                left.0.as_deref(),
                                right.0.as_deref(),
                                descending,
                                nulls,
                                by_code_units,
                            )
                        };
                        first.then_with(|| {
                            reference_order(
                                left.1.as_deref(),
                                right.1.as_deref(),
                                !descending,
                                nulls,
                                by_code_units,
                            )
                        })
                    });
                    let sorted = sort_view(&columns, &view, &keys, nulls);
                    assert_eq!(
                        sorted, expected,
                        "length {length}, ranked {ranked}, descending {descending}"
                    );
                }
            }
        }
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
    fn sparse_ranks_sort_by_comparison_with_the_same_ties() {
        let columns = records(&[Some("a"), Some("b"), Some("c"), Some("d")]);
        let ranks = [5_000, 7, 5_000, 9_000];
        let ranked = |descending| OrderedKey {
            key: SortKey {
                field: EXTERNAL,
                descending,
            },
            order: KeyOrder::Ranks(&ranks),
        };
        let view = all(&columns);
        assert_eq!(
            sort_view(&columns, &view, &[ranked(false)], Nulls::Last),
            [1, 0, 2, 3]
        );
        assert_eq!(
            sort_view(&columns, &view, &[ranked(true)], Nulls::Last),
            [3, 0, 2, 1]
        );
    }

    #[test]
    fn values_sharing_a_long_prefix_are_read_a_few_times_not_once_per_eight_bytes() {
        // Regression: every pass compared whole values again, eight bytes deeper each time, so
        // three values sharing a 100,000 byte prefix took most of a second (a million, a minute).
        let prefix = "x".repeat(1_000_000);
        let values = [
            format!("{prefix}c"),
            format!("{prefix}a"),
            format!("{prefix}b"),
        ];
        let reads = std::cell::Cell::new(0);
        let text = |position: u32| {
            reads.set(reads.get() + 1);
            values[position as usize].as_str()
        };
        let mut keyed: Vec<KeyedItem> = (0..3)
            .map(|p| (utf16_chunk(&values[p], 0), p as u32))
            .collect();
        sort_by_key(&mut keyed);
        sort_text_runs(&mut keyed, text, |key| key);
        let order: Vec<u32> = keyed.iter().map(|(_, position)| *position).collect();
        assert_eq!(order, [1, 2, 0]);
        assert!(reads.get() < 50, "{} reads of the values", reads.get());
    }

    #[test]
    fn runs_of_identical_values_keep_input_order_in_both_directions() {
        let same = "8aa209ac2f84f95201d96bb23";
        let columns = records(&[Some(same), Some("0"), Some(same), Some(same)]);
        let ascending = sort_view(
            &columns,
            &all(&columns),
            &[key(EXTERNAL, false)],
            Nulls::Last,
        );
        assert_eq!(ascending, [1, 0, 2, 3]);
        let descending = sort_view(
            &columns,
            &all(&columns),
            &[key(EXTERNAL, true)],
            Nulls::Last,
        );
        assert_eq!(descending, [0, 2, 3, 1]);
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

    #[test]
    fn values_sharing_long_prefixes_cut_anywhere_sort_like_javascript() {
        // Prefixes of one shared text, cut at any character and extended, put the first
        // difference at every depth and inside every kind of character, past the eight bytes
        // of the first key.
        const ALPHABET: [&str; 8] = [
            "a",
            "b",
            "\0",
            "ž",
            "\u{e000}",
            "😀",
            "\u{ffff}",
            "\u{10000}",
        ];
        let mut next = below(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2_000 {
            let shared: String = (0..next(30)).map(|_| ALPHABET[next(3)]).collect();
            let values: Vec<Option<String>> = (0..next(60))
                .map(|_| {
                    (next(8) != 0).then(|| {
                        let cut = (0..=next(shared.len() + 1))
                            .rev()
                            .find(|at| shared.is_char_boundary(*at))
                            .unwrap_or_default();
                        let mut value = shared.get(..cut).unwrap_or_default().to_owned();
                        value.extend((0..next(20)).map(|_| ALPHABET[next(8)]));
                        value
                    })
                })
                .collect();
            let borrowed: Vec<Option<&str>> = values.iter().map(Option::as_deref).collect();
            let columns = records(&borrowed);
            for (descending, nulls) in [(false, Nulls::Last), (true, Nulls::First)] {
                let mut expected = all(&columns);
                expected.sort_by(|left, right| {
                    let (left, right) = (borrowed[*left as usize], borrowed[*right as usize]);
                    reference_order(left, right, descending, nulls, by_code_units)
                });
                let keys = [key(EXTERNAL, descending)];
                let sorted = sort_view(&columns, &all(&columns), &keys, nulls);
                assert_eq!(sorted, expected, "{borrowed:?} descending: {descending}");
            }
        }
    }
}
