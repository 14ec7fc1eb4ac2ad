//! Sorting by a locale's collation: the distinct values go to `Intl.Collator` once, and the
//! records are then sorted by the integer rank of their value.
//!
//! `Intl.Collator`'s order cannot be reproduced in Rust, but ranking the distinct values needs
//! fewer collator calls than sorting every record whenever values repeat, and the records
//! themselves are then sorted by integers here (see [`crate::sort::KeyOrder::Ranks`]).

use rustc_hash::FxHashMap;

use crate::record::RecordField;
use crate::record_values::RecordValues;
use crate::sort::NULL_RANK;

/// A value as a hash key, compared eight bytes at a time: in wasm, `str` equality is a byte
/// loop, and a million lookups each end in one.
#[derive(Hash, Eq)]
struct Key<'r>(&'r str);

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (left, right) = (self.0.as_bytes(), other.0.as_bytes());
        if left.len() != right.len() {
            return false;
        }
        let (left_words, left_rest) = left.split_at(left.len() / 8 * 8);
        let (right_words, right_rest) = right.split_at(left_words.len());
        let word = |chunk: &[u8]| u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        left_words
            .chunks_exact(8)
            .zip(right_words.chunks_exact(8))
            .all(|(a, b)| word(a) == word(b))
            && left_rest == right_rest
    }
}

/// The distinct non-null values of one field over a view, in first-appearance order, and which
/// of them each record of the view holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DistinctValues<'r> {
    /// Each value once.
    pub values: Vec<&'r str>,
    /// Per view position, the index into `values`, or [`NULL_RANK`] for null.
    value_of: Vec<u32>,
}

impl<'r> DistinctValues<'r> {
    /// Collects the distinct values of `field` over `view` (record indices into `records`).
    pub fn collect(
        records: &'r dyn RecordValues,
        view: &[u32],
        field: RecordField,
    ) -> DistinctValues<'r> {
        let field = records.field(field);
        // FxHash rather than the keyed SipHash, which took a third of a first sort's time. Values
        // crafted to collide could slow this down, never change its result; they would have to
        // come from the API the caller chose to read.
        let mut index: FxHashMap<Key<'r>, u32> = FxHashMap::default();
        index.reserve(view.len() / 8);
        let mut values = Vec::new();
        let value_of = view
            .iter()
            .map(|record| match field.get(*record as usize) {
                None => NULL_RANK,
                Some(value) => *index.entry(Key(value)).or_insert_with(|| {
                    values.push(value);
                    values.len() as u32 - 1
                }),
            })
            .collect();
        DistinctValues { values, value_of }
    }

    /// Each record's rank, indexed by record (`record_count` long, [`NULL_RANK`] for records
    /// outside the view and for nulls), given the rank of each distinct value. A rank list of
    /// the wrong length gives `None`.
    pub fn record_ranks(
        &self,
        view: &[u32],
        value_ranks: &[u32],
        record_count: usize,
    ) -> Option<Vec<u32>> {
        if value_ranks.len() != self.values.len() {
            return None;
        }
        let mut ranks = vec![NULL_RANK; record_count];
        for (record, value) in view.iter().zip(&self.value_of) {
            if *value != NULL_RANK {
                *ranks.get_mut(*record as usize)? = value_ranks[*value as usize];
            }
        }
        Some(ranks)
    }

    /// How many times each distinct value occurs in the view, in `values` order.
    pub fn counts(&self) -> Vec<u32> {
        let mut counts = vec![0; self.values.len()];
        for value in self.value_of.iter().filter(|value| **value != NULL_RANK) {
            counts[*value as usize] += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::RecordColumns;

    fn records(values: &[Option<&str>]) -> RecordColumns {
        let mut columns = RecordColumns::default();
        for value in values {
            let record = columns.push_empty_record();
            if let Some(value) = value {
                columns.set(record, RecordField::CustomerId, value).unwrap();
            }
        }
        columns
    }

    #[test]
    fn keys_are_equal_exactly_when_their_text_is() {
        let id = "8aa209ac2f84f95201d96bb23";
        let copy = String::from(id);
        assert!(Key(id) == Key(copy.as_str()));
        assert!(Key("") == Key(""));
        for other in [
            "8aa209ac2f84f95201d96bb24",
            "9aa209ac2f84f95201d96bb23",
            "8aa209ac2f84f95201d96bb2",
            "8aa209ac",
        ] {
            assert!(Key(id) != Key(other), "{other}");
        }
        assert!(Key("12345678") != Key("12345679"));
    }

    #[test]
    fn distinct_values_come_once_in_first_appearance_order_with_counts() {
        let columns = records(&[Some("b"), None, Some("a"), Some("b"), Some("")]);
        let distinct = DistinctValues::collect(&columns, &[0, 1, 2, 3, 4], RecordField::CustomerId);
        assert_eq!(distinct.values, ["b", "a", ""]);
        assert_eq!(distinct.counts(), [2, 1, 1]);
    }

    #[test]
    fn value_ranks_spread_to_the_records_of_the_view_only() {
        let columns = records(&[Some("b"), None, Some("a"), Some("b")]);
        let view = [3, 1, 0];
        let distinct = DistinctValues::collect(&columns, &view, RecordField::CustomerId);
        assert_eq!(distinct.values, ["b"]);
        assert_eq!(
            distinct.record_ranks(&view, &[7], 4),
            Some(vec![7, NULL_RANK, NULL_RANK, 7])
        );
        assert_eq!(distinct.record_ranks(&view, &[7, 8], 4), None);
    }
}
