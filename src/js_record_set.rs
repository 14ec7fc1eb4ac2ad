//! The `RecordSet` class: records held in wasm memory, filtered and sorted into new views.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::columns::RecordColumns;
use crate::decode::decode_page;
use crate::error::Error;
use crate::field_columns::FieldColumns;
use crate::js_caller::{self, plain_value, unreadable};
use crate::js_error::to_js_error;
use crate::js_page::records_to_js;
use crate::js_records::{array, counts_to_object, field_columns, ordered_keys, read_filter};
use crate::record::RecordField;
use crate::record_set::{slice_bounds, RecordView};
use crate::record_values::RecordValues;
use crate::sort::{KeyOrder, OrderedKey};
use crate::sort_spec::{read_field, SortSpec};
use crate::text_list::join_with_utf16_spans;

/// Records kept in wasm memory. `filter` and `sort` return new sets that share the records;
/// `free()` releases a set as soon as it is no longer needed.
#[wasm_bindgen(js_name = RecordSet)]
pub struct JsRecordSet {
    view: RecordView,
}

type JsResult<T> = Result<T, JsValue>;

fn js<T>(result: Result<T, Error>) -> JsResult<T> {
    result.map_err(|error| to_js_error(&error))
}

impl JsRecordSet {
    /// A set of records already decoded in wasm, e.g. by `fetchAllSourceRecords`.
    pub(crate) fn from_columns(records: RecordColumns) -> JsRecordSet {
        JsRecordSet {
            view: RecordView::new(records),
        }
    }
}

#[wasm_bindgen(js_class = RecordSet)]
impl JsRecordSet {
    /// A set of the records of a JS array (fields other than the five are dropped).
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(records: JsValue) -> JsResult<JsRecordSet> {
        js(array("records", &records).and_then(|records| from_array("records", &records)))
    }

    /// A set of the records of a page from `fetchSourceRecords`, or of an array of pages.
    #[wasm_bindgen(js_name = fromPages)]
    pub fn from_pages(pages: JsValue) -> JsResult<JsRecordSet> {
        js(records_of_pages(&pages).and_then(|records| from_array("pages", &records)))
    }

    /// A set decoded straight from the API's JSON body (a string, `Uint8Array` or
    /// `ArrayBuffer`), with the same checks as `fetchSourceRecords`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(body: JsValue) -> JsResult<JsRecordSet> {
        let bytes = js(body_bytes(&body))?;
        let page = js(decode_page(&bytes, 200))?;
        Ok(JsRecordSet::from_columns(page.records))
    }

    /// Number of records.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.view.len()
    }

    /// A new set of the records that match `filter`, in this set's order.
    pub fn filter(&self, filter: JsValue) -> JsResult<JsRecordSet> {
        let (filter, _) = js(read_filter(filter))?;
        Ok(JsRecordSet {
            view: self.view.filter(&filter),
        })
    }

    /// A new set sorted by `keys`; ties keep this set's order.
    pub fn sort(&self, keys: JsValue, options: JsValue) -> JsResult<JsRecordSet> {
        js(self.sorted(keys, options))
    }

    /// Plain record objects for positions `start..end`, read like `Array.prototype.slice`.
    pub fn slice(&self, start: Option<f64>, end: Option<f64>) -> JsResult<Array> {
        let (start, end) = slice_bounds(self.view.len(), start, end);
        js(self.objects(start, end))
    }

    /// Every record as a plain object.
    #[wasm_bindgen(js_name = toArray)]
    pub fn to_array(&self) -> JsResult<Array> {
        js(self.objects(0, self.view.len()))
    }

    /// `{ value: count }` for a field, in first-appearance order; null values are not counted.
    #[wasm_bindgen(js_name = countBy)]
    pub fn count_by(&self, field: JsValue) -> JsResult<JsValue> {
        let Some(name) = field.as_string() else {
            return Err(to_js_error(&Error::invalid(
                "field",
                "field must be a string",
            )));
        };
        let field = js(read_field("field", &name))?;
        let distinct = self.view.distinct(field);
        let (text, spans) = join_with_utf16_spans(&distinct.values);
        Ok(counts_to_object(&text, &spans, &distinct.counts()))
    }
}

impl JsRecordSet {
    fn sorted(&self, keys: JsValue, options: JsValue) -> Result<JsRecordSet, Error> {
        let spec = SortSpec::read(
            &plain_value("keys", &keys)?,
            &plain_value("options", &options)?,
        )?;
        if spec.locale.is_some() {
            let mut ranks = Vec::new();
            let keys = ordered_keys(self.view.columns(), self.view.indices(), &spec, &mut ranks)?;
            return Ok(self.derive(self.view.sort(&keys, spec.nulls)));
        }
        let keys: Vec<OrderedKey> = spec
            .keys
            .iter()
            .map(|key| OrderedKey {
                key: *key,
                order: KeyOrder::Ranks(self.view.code_unit_ranks(key.field)),
            })
            .collect();
        Ok(self.derive(self.view.sort(&keys, spec.nulls)))
    }

    fn derive(&self, view: RecordView) -> JsRecordSet {
        JsRecordSet { view }
    }

    fn objects(&self, start: usize, end: usize) -> Result<Array, Error> {
        let copy = self
            .view
            .copy_range(start, end)
            .map_err(|_| Error::invalid("end", "the records asked for do not fit in memory"))?;
        Ok(records_to_js(&copy))
    }
}

fn from_array(name: &str, records: &Array) -> Result<JsRecordSet, Error> {
    let columns = field_columns(name, records, &RecordField::ALL)?;
    Ok(JsRecordSet::from_columns(to_record_columns(&columns)?))
}

fn to_record_columns(columns: &FieldColumns) -> Result<RecordColumns, Error> {
    let mut copy = RecordColumns::default();
    for record in 0..columns.record_count() {
        copy.push_record_from(columns, record)
            .map_err(|_| Error::invalid("records", "the records do not fit in memory"))?;
    }
    Ok(copy)
}

fn records_of_pages(pages: &JsValue) -> Result<Array, Error> {
    let read = js_caller::records_of_pages(pages).map_err(|e| unreadable("pages", &e))?;
    match read.as_f64() {
        // An array index: a whole number, printed as one without float formatting code.
        Some(at) => {
            let name = format!("pages[{}].records", at as u32);
            Err(Error::invalid(&name, format!("{name} must be an array")))
        }
        None => Ok(read.unchecked_into()),
    }
}

fn body_bytes(body: &JsValue) -> Result<Vec<u8>, Error> {
    let read = js_caller::body_of(body).map_err(|e| unreadable("body", &e))?;
    if let Some(text) = read.as_string() {
        return Ok(text.into_bytes());
    }
    match read.dyn_ref::<Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(Error::invalid(
            "body",
            "body must be a string, a Uint8Array or an ArrayBuffer",
        )),
    }
}
