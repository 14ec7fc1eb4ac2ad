//! The filter of `filterRecords` and `RecordSet.filter`: read from JS, then matched per record.
//!
//! Every key given must match (AND). Id keys match any of their strings exactly. Change bounds
//! are inclusive and compared as text: `last_change` is `YYYY-MM-DD HH:MM:SS` in the API's own
//! wall-clock time, which orders correctly as text and means the same in every time zone, so
//! no date arithmetic is involved. A bare date as `changedFrom` starts at `00:00:00`, as
//! `changedTo` it ends at `23:59:59`.

use rustc_hash::FxHashSet;

use crate::error::Error;
use crate::options::{read_bool, read_object, unknown_key, wrong_type, OptionValue};
use crate::record::RecordField;
use crate::record_values::{FieldValues, RecordValues};
use crate::search::Needle;
use crate::timestamp::is_wall_clock;

const KEYS: [&str; 7] = [
    "customerId",
    "customerSourceId",
    "externalId",
    "hasExternalId",
    "changedFrom",
    "changedTo",
    "search",
];

/// A checked filter.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    ids: Vec<(RecordField, IdSet)>,
    has_external_id: Option<bool>,
    changed_from: Option<String>,
    changed_to: Option<String>,
    search: Option<Needle>,
}

/// Strings an id field may equal. Small sets are scanned, large ones hashed.
#[derive(Debug, Clone)]
enum IdSet {
    Few(Vec<String>),
    Many(FxHashSet<String>),
}

impl IdSet {
    const SCAN_LIMIT: usize = 8;

    fn new(ids: Vec<String>) -> IdSet {
        if ids.len() <= IdSet::SCAN_LIMIT {
            IdSet::Few(ids)
        } else {
            IdSet::Many(ids.into_iter().collect())
        }
    }

    fn contains(&self, value: &str) -> bool {
        match self {
            IdSet::Few(ids) => ids.iter().any(|id| id == value),
            IdSet::Many(ids) => ids.contains(value),
        }
    }
}

impl RecordFilter {
    /// Reads a filter object. `null` and `undefined` values count as not given.
    pub fn read(filter: &OptionValue) -> Result<RecordFilter, Error> {
        let mut read = RecordFilter::default();
        for (key, value) in read_object("filter", filter)? {
            if !KEYS.contains(&key.as_str()) {
                return Err(unknown_key("", key, &KEYS));
            }
            if value.is_null() {
                continue;
            }
            match key.as_str() {
                "customerId" => read.add_ids(RecordField::CustomerId, key, value)?,
                "customerSourceId" => read.add_ids(RecordField::SourceId, key, value)?,
                "externalId" => read.add_ids(RecordField::ExternalId, key, value)?,
                "hasExternalId" => read.has_external_id = Some(read_bool(key, value)?),
                "changedFrom" => read.changed_from = Some(read_bound(key, value, "00:00:00")?),
                "changedTo" => read.changed_to = Some(read_bound(key, value, "23:59:59")?),
                _ => read.search = Some(Needle::new(read_text(key, value)?)),
            }
        }
        Ok(read)
    }

    /// The fields this filter reads, for copying only those out of a JS array.
    pub fn fields(&self) -> Vec<RecordField> {
        if self.search.is_some() {
            return RecordField::ALL.to_vec();
        }
        let mut fields: Vec<RecordField> = self.ids.iter().map(|(field, _)| *field).collect();
        if self.has_external_id.is_some() {
            fields.push(RecordField::ExternalId);
        }
        if self.changed_from.is_some() || self.changed_to.is_some() {
            fields.push(RecordField::LastChange);
        }
        // Picked out of RecordField::ALL rather than sorted and deduplicated: same result, and
        // no sort is compiled in for five fields.
        RecordField::ALL
            .into_iter()
            .filter(|field| fields.contains(field))
            .collect()
    }

    /// Whether one record matches. `fields` holds every field of the records, in
    /// [`RecordField::ALL`] order; `scratch` is reused by the search between calls.
    pub fn matches(&self, fields: &[FieldValues], record: usize, scratch: &mut String) -> bool {
        let value = |field: RecordField| fields.get(field.index()).and_then(|f| f.get(record));
        if let Some(wanted) = self.has_external_id {
            if value(RecordField::ExternalId).is_some() != wanted {
                return false;
            }
        }
        for (field, ids) in &self.ids {
            if !value(*field).is_some_and(|value| ids.contains(value)) {
                return false;
            }
        }
        if self.changed_from.is_some() || self.changed_to.is_some() {
            let Some(changed) = value(RecordField::LastChange) else {
                return false;
            };
            let after_from = self
                .changed_from
                .as_deref()
                .is_none_or(|from| changed >= from);
            let before_to = self.changed_to.as_deref().is_none_or(|to| changed <= to);
            if !(after_from && before_to) {
                return false;
            }
        }
        match &self.search {
            Some(needle) => RecordField::ALL
                .into_iter()
                .any(|field| value(field).is_some_and(|value| needle.is_in(value, scratch))),
            None => true,
        }
    }

    fn add_ids(&mut self, field: RecordField, key: &str, value: &OptionValue) -> Result<(), Error> {
        let ids = match value {
            OptionValue::String(id) => vec![id.clone()],
            OptionValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(at, item)| match item {
                    OptionValue::String(id) => Ok(id.clone()),
                    other => Err(wrong_type(&format!("{key}[{at}]"), "a string", other)),
                })
                .collect::<Result<_, _>>()?,
            other => return Err(wrong_type(key, "a string or an array of strings", other)),
        };
        self.ids.push((field, IdSet::new(ids)));
        Ok(())
    }
}

/// A checked filter in the plain form that `filterRecords` applies to a JS array in JS itself:
/// reading each value out of a JS object costs as much as testing it, so moving values into
/// wasm first can only be slower (measured: about 3x) than matching them where they are.
///
/// The id keys are not part of the plan: JS reads them from the caller's filter, which
/// [`RecordFilter::read`] has checked, instead of copying every id back out of wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPlan<'f> {
    /// `hasExternalId`.
    pub has_external_id: Option<bool>,
    /// The inclusive lower bound on `last_change`, completed to `YYYY-MM-DD HH:MM:SS`.
    pub changed_from: Option<&'f str>,
    /// The inclusive upper bound on `last_change`, completed to `YYYY-MM-DD HH:MM:SS`.
    pub changed_to: Option<&'f str>,
    /// The search needle, already folded (see `search`).
    pub search: Option<&'f str>,
}

impl RecordFilter {
    /// This filter as a [`FilterPlan`].
    pub fn plan(&self) -> FilterPlan<'_> {
        FilterPlan {
            has_external_id: self.has_external_id,
            changed_from: self.changed_from.as_deref(),
            changed_to: self.changed_to.as_deref(),
            search: self.search.as_ref().map(Needle::folded),
        }
    }
}

/// The records of `view` (indices into `records`) that match, in view order.
pub fn filter_view(records: &dyn RecordValues, view: &[u32], filter: &RecordFilter) -> Vec<u32> {
    // Each field is looked up once, so a value is read with arithmetic, not a call per value.
    let fields = RecordField::ALL.map(|field| records.field(field));
    let mut scratch = String::new();
    view.iter()
        .copied()
        .filter(|record| filter.matches(&fields, *record as usize, &mut scratch))
        .collect()
}

fn read_text<'v>(key: &str, value: &'v OptionValue) -> Result<&'v str, Error> {
    match value {
        OptionValue::String(text) => Ok(text),
        other => Err(wrong_type(key, "a string", other)),
    }
}

/// Reads `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` completed with `time_of_day`.
fn read_bound(key: &str, value: &OptionValue, time_of_day: &str) -> Result<String, Error> {
    let text = read_text(key, value)?;
    let bound = if text.len() == 10 {
        format!("{text} {time_of_day}")
    } else {
        text.to_owned()
    };
    if !is_wall_clock(&bound) {
        return Err(Error::invalid(
            key,
            format!("{key} must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, a real date and time"),
        ));
    }
    Ok(bound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::RecordColumns;

    /// (customer_id, external_id, last_change) per record; the source id is always "s".
    fn records(rows: &[(&str, Option<&str>, Option<&str>)]) -> RecordColumns {
        let mut columns = RecordColumns::default();
        for (at, (customer, external, changed)) in rows.iter().enumerate() {
            let record = columns.push_empty_record();
            columns
                .set(record, RecordField::RecordId, &format!("r{at}"))
                .unwrap();
            columns.set(record, RecordField::SourceId, "s").unwrap();
            columns
                .set(record, RecordField::CustomerId, customer)
                .unwrap();
            if let Some(external) = external {
                columns
                    .set(record, RecordField::ExternalId, external)
                    .unwrap();
            }
            if let Some(changed) = changed {
                columns
                    .set(record, RecordField::LastChange, changed)
                    .unwrap();
            }
        }
        columns
    }

    fn text(value: &str) -> OptionValue {
        OptionValue::String(value.into())
    }

    fn filter(entries: &[(&str, OptionValue)]) -> Result<RecordFilter, Error> {
        let entries = entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        RecordFilter::read(&OptionValue::Object(entries))
    }

    fn run(columns: &RecordColumns, entries: &[(&str, OptionValue)]) -> Vec<u32> {
        let all: Vec<u32> = (0..columns.len() as u32).collect();
        filter_view(columns, &all, &filter(entries).unwrap())
    }

    fn error_field(entries: &[(&str, OptionValue)]) -> String {
        match filter(entries) {
            Err(Error::InvalidQuery { field, .. }) => field,
            other => panic!("expected an invalid query error, got {other:?}"),
        }
    }

    const DAY: &[(&str, Option<&str>, Option<&str>)] = &[
        ("a", None, Some("2024-03-09 23:59:59")),
        ("b", Some("x"), Some("2024-03-10 00:00:00")),
        ("a", Some("y"), Some("2024-03-10 23:59:59")),
        ("c", Some(""), Some("2024-03-11 00:00:00")),
        ("a", None, None),
    ];

    #[test]
    fn a_bare_date_covers_its_whole_day_on_both_bounds() {
        let columns = records(DAY);
        let day = [
            ("changedFrom", text("2024-03-10")),
            ("changedTo", text("2024-03-10")),
        ];
        assert_eq!(run(&columns, &day), [1, 2]);
        let to_second = [("changedTo", text("2024-03-10 00:00:00"))];
        assert_eq!(run(&columns, &to_second), [0, 1]);
        let inverted = [
            ("changedFrom", text("2024-03-11")),
            ("changedTo", text("2024-03-10")),
        ];
        assert_eq!(run(&columns, &inverted), Vec::<u32>::new());
    }

    #[test]
    fn ids_match_any_of_their_strings_and_keys_combine_with_and() {
        let columns = records(DAY);
        assert_eq!(run(&columns, &[("customerId", text("a"))]), [0, 2, 4]);
        let any = OptionValue::Array(vec![text("b"), text("c")]);
        assert_eq!(run(&columns, &[("customerId", any)]), [1, 3]);
        let both = [
            ("customerId", text("a")),
            ("hasExternalId", OptionValue::Bool(true)),
        ];
        assert_eq!(run(&columns, &both), [2]);
        let none = [("customerId", OptionValue::Array(vec![]))];
        assert_eq!(run(&columns, &none), Vec::<u32>::new());
    }

    #[test]
    fn an_empty_external_id_counts_as_having_one() {
        let columns = records(DAY);
        let without = [("hasExternalId", OptionValue::Bool(false))];
        assert_eq!(run(&columns, &without), [0, 4]);
        assert_eq!(run(&columns, &[("externalId", text(""))]), [3]);
    }

    #[test]
    fn search_looks_at_every_field_in_any_case() {
        let columns = records(&[
            ("Žluť", None, None),
            ("b", Some("XŽLUŤ"), None),
            ("c", None, None),
        ]);
        assert_eq!(run(&columns, &[("search", text("žluť"))]), [0, 1]);
        assert_eq!(
            run(&columns, &[("search", text("R2"))]),
            [2],
            "the record id"
        );
        assert_eq!(
            run(&columns, &[("search", text("2024"))]),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn many_ids_are_matched_through_a_hash_set() {
        let columns = records(DAY);
        let mut ids: Vec<OptionValue> = (0..20).map(|n| text(&format!("id{n}"))).collect();
        ids.push(text("c"));
        assert_eq!(
            run(&columns, &[("customerId", OptionValue::Array(ids))]),
            [3]
        );
    }

    #[test]
    fn null_values_count_as_not_given() {
        let columns = records(DAY);
        let entries = [
            ("customerId", OptionValue::Null),
            ("search", OptionValue::Null),
        ];
        assert_eq!(run(&columns, &entries), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn mistakes_are_rejected_with_the_key_at_fault() {
        assert_eq!(error_field(&[("customer_id", text("a"))]), "customer_id");
        assert_eq!(
            error_field(&[("changedFrom", text("2024-02-30"))]),
            "changedFrom"
        );
        assert_eq!(
            error_field(&[("changedTo", text("2024-03-10T10:00:00"))]),
            "changedTo"
        );
        assert_eq!(
            error_field(&[("changedTo", text("2024-03-10 24:00:00"))]),
            "changedTo"
        );
        assert_eq!(
            error_field(&[("hasExternalId", text("yes"))]),
            "hasExternalId"
        );
        let mixed = OptionValue::Array(vec![text("a"), OptionValue::Number(2.0)]);
        assert_eq!(error_field(&[("externalId", mixed)]), "externalId[1]");
        assert_eq!(
            error_field(&[("search", OptionValue::Number(1.0))]),
            "search"
        );
        assert!(matches!(
            RecordFilter::read(&OptionValue::Null),
            Err(Error::InvalidQuery { field, .. }) if field == "filter"
        ));
    }

    #[test]
    fn only_the_fields_a_filter_reads_are_asked_for() {
        let picked = filter(&[("changedTo", text("2024-01-01")), ("customerId", text("a"))]);
        assert_eq!(
            picked.unwrap().fields(),
            [RecordField::CustomerId, RecordField::LastChange]
        );
    }
}
