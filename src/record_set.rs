//! Records kept in wasm memory, and views of them in some order.
//!
//! A view is a list of record indices into columns shared with every view derived from it, so
//! filtering or sorting a large set allocates four bytes per record and copies no text.
//!
//! The shared records also remember, per field, the rank of every record's value in JavaScript's
//! string order, worked out by the first sort on that field. Later sorts of any view then compare
//! integers only, which is what makes repeated sorting of a large set cheap.

use std::cell::OnceCell;
use std::rc::Rc;

use crate::collation::DistinctValues;
use crate::columns::{ColumnsFull, RecordColumns};
use crate::filter::{filter_view, RecordFilter};
use crate::record::RecordField;
use crate::sort::{sort_view, OrderedKey, NULL_RANK};
use crate::sort_primitives::{sort_by, sort_by_key, KeyedItem};
use crate::sort_spec::Nulls;
use crate::text_order::{compare_utf16, utf16_chunk};

/// Records shared by every view of a set, and the per-field ranks worked out so far.
#[derive(Debug)]
struct SharedRecords {
    columns: RecordColumns,
    ranks: [OnceCell<Vec<u32>>; RecordField::ALL.len()],
}

/// Some of the records of shared columns, in a given order.
#[derive(Debug, Clone)]
pub struct RecordView {
    records: Rc<SharedRecords>,
    view: Vec<u32>,
}

impl RecordView {
    /// A view of every record, in their order.
    pub fn new(records: RecordColumns) -> RecordView {
        let view = (0..records.len() as u32).collect();
        RecordView {
            records: Rc::new(SharedRecords {
                columns: records,
                ranks: Default::default(),
            }),
            view,
        }
    }

    /// Number of records in the view.
    pub fn len(&self) -> usize {
        self.view.len()
    }

    /// Whether the view has no records.
    pub fn is_empty(&self) -> bool {
        self.view.is_empty()
    }

    /// The records that match, in this view's order.
    pub fn filter(&self, filter: &RecordFilter) -> RecordView {
        self.derive(filter_view(self.columns(), &self.view, filter))
    }

    /// This view sorted; ties keep this view's order.
    pub fn sort(&self, keys: &[OrderedKey], nulls: Nulls) -> RecordView {
        self.derive(sort_view(self.columns(), &self.view, keys, nulls))
    }

    /// Every record's rank in JavaScript's string order of `field` (equal values share a rank,
    /// null is [`NULL_RANK`]), worked out once per set of shared records.
    pub fn code_unit_ranks(&self, field: RecordField) -> &[u32] {
        self.records.ranks[field.index()].get_or_init(|| code_unit_ranks(self.columns(), field))
    }

    /// The distinct values of a field in this view, e.g. for collation or counting.
    pub fn distinct(&self, field: RecordField) -> DistinctValues<'_> {
        DistinctValues::collect(self.columns(), &self.view, field)
    }

    /// Record indices of this view, into [`RecordView::columns`].
    pub fn indices(&self) -> &[u32] {
        &self.view
    }

    /// The shared columns the view points into.
    pub fn columns(&self) -> &RecordColumns {
        &self.records.columns
    }

    /// Copies the records at view positions `start..end` into compact columns of their own.
    pub fn copy_range(&self, start: usize, end: usize) -> Result<RecordColumns, ColumnsFull> {
        let mut copy = RecordColumns::default();
        for record in self.view.get(start..end).unwrap_or_default() {
            copy.push_record_from(self.columns(), *record as usize)?;
        }
        Ok(copy)
    }

    fn derive(&self, view: Vec<u32>) -> RecordView {
        RecordView {
            records: Rc::clone(&self.records),
            view,
        }
    }
}

/// Ranks through the distinct values: each distinct value is sorted once, and records read
/// their rank through the value they hold. With repeated values (several records per customer)
/// that sorts far fewer strings, and it reads each record's text once, in storage order, instead
/// of again and again in sorted order, which is what made the direct sort slow on large sets.
fn code_unit_ranks(columns: &RecordColumns, field: RecordField) -> Vec<u32> {
    let all: Vec<u32> = (0..columns.len() as u32).collect();
    let distinct = DistinctValues::collect(columns, &all, field);
    let mut value_ranks = vec![0; distinct.values.len()];
    for (rank, value) in sort_distinct_text(&distinct.values).into_iter().enumerate() {
        value_ranks[value as usize] = rank as u32;
    }
    distinct
        .record_ranks(&all, &value_ranks, columns.len())
        .unwrap_or_else(|| vec![NULL_RANK; columns.len()])
}

/// Indices of `values` (all different) in JavaScript's string order: by their first eight
/// bytes as one integer, and only values sharing those by a full comparison.
fn sort_distinct_text(values: &[&str]) -> Vec<u32> {
    let mut keyed: Vec<KeyedItem> = values
        .iter()
        .enumerate()
        .map(|(index, value)| (utf16_chunk(value, 0), index as u32))
        .collect();
    sort_by_key(&mut keyed);
    let chunks: Vec<u64> = keyed.iter().map(|(chunk, _)| *chunk).collect();
    let mut sorted: Vec<u32> = keyed.into_iter().map(|(_, index)| index).collect();
    let mut compare = |a: u32, b: u32| compare_utf16(values[a as usize], values[b as usize]);
    let mut start = 0;
    while start < sorted.len() {
        let chunk = chunks[start];
        let end = start + chunks[start..].partition_point(|other| *other == chunk);
        if end - start > 1 {
            sort_by(&mut sorted[start..end], &mut compare);
        }
        start = end;
    }
    sorted
}

/// `Array.prototype.slice`'s reading of `start` and `end` for a length: missing means the whole
/// range, negative counts from the end, fractions are cut toward zero, and both are clamped.
pub fn slice_bounds(len: usize, start: Option<f64>, end: Option<f64>) -> (usize, usize) {
    let resolve = |position: Option<f64>, default: usize| {
        let Some(position) = position else {
            return default;
        };
        let position = if position.is_nan() {
            0.0
        } else {
            position.trunc()
        };
        if position < 0.0 {
            (len as f64 + position).max(0.0) as usize
        } else {
            position.min(len as f64) as usize
        }
    };
    let start = resolve(start, 0);
    let end = resolve(end, len);
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::OptionValue;
    use crate::sort::KeyOrder;
    use crate::sort_spec::SortKey;
    use crate::test_random::below;

    fn columns(customer_ids: &[&str]) -> RecordColumns {
        let mut columns = RecordColumns::default();
        for (at, customer_id) in customer_ids.iter().enumerate() {
            let record = columns.push_empty_record();
            columns
                .set(record, RecordField::RecordId, &format!("r{at}"))
                .unwrap();
            columns
                .set(record, RecordField::CustomerId, customer_id)
                .unwrap();
        }
        columns
    }

    fn customer_ids(view: &RecordView) -> Vec<&str> {
        let columns = view.columns();
        view.indices()
            .iter()
            .map(|record| {
                columns
                    .get(*record as usize, RecordField::CustomerId)
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn views_filter_and_sort_without_changing_the_set_they_came_from() {
        let set = RecordView::new(columns(&["b", "a", "c", "a"]));
        let filter = RecordFilter::read(&OptionValue::Object(vec![(
            "customerId".into(),
            OptionValue::Array(vec![
                OptionValue::String("a".into()),
                OptionValue::String("c".into()),
            ]),
        )]))
        .unwrap();
        let picked = set.filter(&filter);
        let key = OrderedKey {
            key: SortKey {
                field: RecordField::CustomerId,
                descending: true,
            },
            order: KeyOrder::CodeUnits,
        };
        let sorted = picked.sort(&[key], Nulls::Last);
        assert_eq!(customer_ids(&sorted), ["c", "a", "a"]);
        assert_eq!(sorted.indices(), [2, 1, 3]);
        assert_eq!(customer_ids(&set), ["b", "a", "c", "a"]);
    }

    #[test]
    fn ranks_follow_javascript_order_and_equal_values_share_one() {
        let set = RecordView::new(columns(&["b", "😀", "\u{e000}", "b", "a"]));
        // Dense ranks: "a" < "b" < "😀" (a surrogate pair, 0xD83D...) < U+E000 in UTF-16 order.
        assert_eq!(
            set.code_unit_ranks(RecordField::CustomerId),
            [1, 2, 3, 1, 0]
        );
        assert_eq!(
            set.code_unit_ranks(RecordField::ExternalId),
            [NULL_RANK; 5],
            "every external id is null"
        );
    }

    #[test]
    fn many_distinct_values_sort_in_javascript_order_even_sharing_eight_bytes() {
        let mut next = below(0x2545_f491);
        const PARTS: [&str; 6] = ["abcdefgh", "a", "\0", "ž", "\u{e000}", "😀"];
        let mut values: Vec<String> = (0..2_000)
            .map(|_| (0..next(5)).map(|_| PARTS[next(6)]).collect())
            .collect();
        values.sort();
        values.dedup();
        for at in (1..values.len()).rev() {
            values.swap(at, next(at + 1));
        }
        let borrowed: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut expected: Vec<u32> = (0..borrowed.len() as u32).collect();
        expected.sort_by(|a, b| {
            let (a, b) = (borrowed[*a as usize], borrowed[*b as usize]);
            a.encode_utf16().cmp(b.encode_utf16())
        });
        assert_eq!(sort_distinct_text(&borrowed), expected);
    }

    #[test]
    fn a_copied_range_holds_only_those_records() {
        let set = RecordView::new(columns(&["b", "a", "c"]));
        let copy = set.copy_range(1, 3).unwrap();
        assert_eq!(copy.len(), 2);
        assert_eq!(copy.get(0, RecordField::RecordId), Some("r1"));
        assert_eq!(copy.get(1, RecordField::CustomerId), Some("c"));
        assert_eq!(copy.get(1, RecordField::ExternalId), None);
        assert!(
            set.copy_range(2, 9).unwrap().is_empty(),
            "out of range is empty"
        );
    }

    #[test]
    fn slice_bounds_read_like_array_slice() {
        assert_eq!(slice_bounds(10, None, None), (0, 10));
        assert_eq!(slice_bounds(10, Some(2.0), Some(5.0)), (2, 5));
        assert_eq!(slice_bounds(10, Some(-3.0), None), (7, 10));
        assert_eq!(slice_bounds(10, Some(-30.0), Some(-8.0)), (0, 2));
        assert_eq!(slice_bounds(10, Some(5.0), Some(2.0)), (5, 5));
        assert_eq!(slice_bounds(10, Some(1.9), Some(f64::INFINITY)), (1, 10));
        assert_eq!(slice_bounds(10, Some(f64::NAN), Some(-0.5)), (0, 0));
    }
}
