//! `sortRecords` and `filterRecords` on a JS array, and the moves across the boundary that
//! they and `RecordSet` share.
//!
//! Only the fields a call needs cross into wasm (one string, one `Uint32Array`); what comes back
//! is a list of record indices, which JS turns into an array of the caller's own objects.

use js_sys::{Array, Object, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::collation::DistinctValues;
use crate::error::Error;
use crate::field_columns::FieldColumns;
use crate::filter::{filter_view, FilterPlan, RecordFilter};
use crate::js_caller::{self, unreadable};
use crate::js_props::{optional_string, set};
use crate::json;
use crate::record::RecordField;
use crate::record_values::RecordValues;
use crate::sort::{sort_view, KeyOrder, OrderedKey};
use crate::sort_spec::SortSpec;
use crate::text_list::join_with_utf16_spans;

#[wasm_bindgen(module = "/js/filter_array.js")]
extern "C" {
    /// The matching records, or null when a record or value is malformed.
    #[wasm_bindgen(js_name = filterArray, catch)]
    fn filter_array(records: &Array, filter: &JsValue, plan: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/js/caller_values.js")]
extern "C" {
    /// `[json, data]` for a filter of plain data, `null` otherwise.
    #[wasm_bindgen(js_name = filterAsJson, catch)]
    fn filter_as_json(filter: &JsValue) -> Result<JsValue, JsValue>;
}

/// Reads and checks a filter object, returning it with the plain copy that was checked. A filter
/// of plain data crosses as one JSON string, several times faster than value by value for long
/// id lists (measured: 634 ids took 0.25 ms value by value); anything else, including a number
/// that is not a whole number (which the JSON reader does not round), takes the value-by-value
/// path, whose errors name it.
pub fn read_filter(filter: JsValue) -> Result<(RecordFilter, JsValue), Error> {
    let read = filter_as_json(&filter).map_err(|thrown| unreadable("filter", &thrown))?;
    if let Some(pair) = read.dyn_ref::<Array>() {
        let parsed = pair
            .get(0)
            .as_string()
            .and_then(|json| json::parse_value(&json).ok());
        if let Some(value) = parsed {
            return Ok((RecordFilter::read(&value)?, pair.get(1)));
        }
    }
    let (value, copy) = js_caller::plain_copy("filter", &filter)?;
    Ok((RecordFilter::read(&value)?, copy))
}

#[wasm_bindgen(module = "/js/record_columns.js")]
extern "C" {
    #[wasm_bindgen(js_name = valuesOfFields, catch)]
    fn values_of_fields(records: &Array, field_indexes: &[u8]) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_name = pickRecords, catch)]
    fn pick_records(records: &Array, indices: &[u32]) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_name = collationRanks, catch)]
    fn collation_ranks(text: &str, spans: &[u32], locale: &str) -> Result<Uint32Array, JsValue>;

    #[wasm_bindgen(js_name = countsToObject)]
    pub fn counts_to_object(text: &str, spans: &[u32], counts: &[u32]) -> JsValue;
}

/// `value` as an array, or an error naming it as `name`.
pub fn array(name: &str, value: &JsValue) -> Result<Array, Error> {
    if js_caller::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(Error::invalid(name, format!("{name} must be an array")))
    }
}

/// Copies `fields` of every record of a JS array into wasm memory.
pub fn field_columns(
    name: &str,
    records: &Array,
    fields: &[RecordField],
) -> Result<FieldColumns, Error> {
    let indexes: Vec<u8> = fields.iter().map(|field| field.index() as u8).collect();
    let moved = values_of_fields(records, &indexes).map_err(|thrown| unreadable(name, &thrown))?;
    let text = moved.get(0).as_string().unwrap_or_default();
    let lengths = Uint32Array::from(moved.get(1)).to_vec();
    FieldColumns::from_utf16_lengths(name, text, fields, &lengths)
}

/// The spec's keys, ranked by `Intl.Collator` when it names a locale, for sorting `view`.
pub fn ordered_keys<'r>(
    records: &dyn RecordValues,
    view: &[u32],
    spec: &SortSpec,
    ranks: &'r mut Vec<Vec<u32>>,
) -> Result<Vec<OrderedKey<'r>>, Error> {
    if let Some(locale) = &spec.locale {
        for key in &spec.keys {
            ranks.push(rank_by_collation(records, view, key.field, locale)?);
        }
    }
    let keys = spec.keys.iter().enumerate().map(|(at, key)| OrderedKey {
        key: *key,
        order: match ranks.get(at) {
            Some(ranks) => KeyOrder::Ranks(ranks),
            None => KeyOrder::CodeUnits,
        },
    });
    Ok(keys.collect())
}

fn rank_by_collation(
    records: &dyn RecordValues,
    view: &[u32],
    field: RecordField,
    locale: &str,
) -> Result<Vec<u32>, Error> {
    let distinct = DistinctValues::collect(records, view, field);
    let (text, spans) = join_with_utf16_spans(&distinct.values);
    let value_ranks = collation_ranks(&text, &spans, locale).map_err(|_| {
        Error::invalid(
            "locale",
            "locale must be a BCP 47 language tag that Intl.Collator accepts, such as 'cs'",
        )
    })?;
    distinct
        .record_ranks(view, &value_ranks.to_vec(), records.record_count())
        .ok_or_else(|| Error::invalid("locale", "Intl.Collator did not rank every value"))
}

/// `sortRecords(records, keys, options)`.
pub fn sort_records(records: JsValue, keys: JsValue, options: JsValue) -> Result<Array, Error> {
    let records = array("records", &records)?;
    let spec = SortSpec::read(
        &js_caller::plain_value("keys", &keys)?,
        &js_caller::plain_value("options", &options)?,
    )?;

    let fields: Vec<RecordField> = RecordField::ALL
        .into_iter()
        .filter(|field| spec.keys.iter().any(|key| key.field == *field))
        .collect();
    let columns = field_columns("records", &records, &fields)?;

    let view: Vec<u32> = (0..columns.record_count() as u32).collect();
    let mut ranks = Vec::new();
    let keys = ordered_keys(&columns, &view, &spec, &mut ranks)?;
    let order = sort_view(&columns, &view, &keys, spec.nulls);
    pick_records(&records, &order).map_err(|thrown| unreadable("records", &thrown))
}

/// `filterRecords(records, filter)`.
pub fn filter_records(records: JsValue, filter: JsValue) -> Result<Array, Error> {
    let records = array("records", &records)?;
    let (filter, checked) = read_filter(filter)?;
    let fields = filter.fields();
    if fields.is_empty() {
        return Ok(records.slice(0, records.length()));
    }

    let matching = filter_array(&records, &checked, &plan_to_js(&filter.plan()))
        .map_err(|thrown| unreadable("records", &thrown))?;
    if Array::is_array(&matching) {
        return Ok(matching.unchecked_into());
    }

    // A malformed record: the columnar path checks every value and names the one at fault.
    let columns = field_columns("records", &records, &fields)?;
    let view: Vec<u32> = (0..columns.record_count() as u32).collect();
    let matching = filter_view(&columns, &view, &filter);
    pick_records(&records, &matching).map_err(|thrown| unreadable("records", &thrown))
}

/// `{ hasExternalId, changedFrom, changedTo, search }`, each `null` when not part of the
/// filter. The id keys are read from the caller's filter itself, which has been checked.
fn plan_to_js(plan: &FilterPlan) -> JsValue {
    let object = Object::new();
    let has_external_id = plan.has_external_id.map_or(JsValue::NULL, JsValue::from);
    set(&object, "hasExternalId", has_external_id);
    set(&object, "changedFrom", optional_string(plan.changed_from));
    set(&object, "changedTo", optional_string(plan.changed_to));
    set(&object, "search", optional_string(plan.search));
    object.into()
}
