//! What a caller asks `sortRecords` and `RecordSet.sort` for, read from JS values.

use crate::error::Error;
use crate::options::{
    quoted, read_non_empty_string, read_object, unknown_key, wrong_type, OptionValue,
};
use crate::record::RecordField;

/// One sort key: a field and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    /// The field compared.
    pub field: RecordField,
    /// Whether larger values come first.
    pub descending: bool,
}

/// Where null and missing values go, whatever the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nulls {
    /// After every value (the default).
    #[default]
    Last,
    /// Before every value.
    First,
}

/// The whole request: keys in priority order, where nulls go, and an optional collation locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortSpec {
    /// At least one key.
    pub keys: Vec<SortKey>,
    /// Where nulls go.
    pub nulls: Nulls,
    /// A BCP 47 tag for `Intl.Collator`; `None` for JavaScript's plain `<` order.
    pub locale: Option<String>,
}

impl SortSpec {
    /// Reads `keys` (a field name, `{ field, direction }`, or an array of those) and `options`
    /// (`{ nulls, locale }`, or null).
    pub fn read(keys: &OptionValue, options: &OptionValue) -> Result<SortSpec, Error> {
        let keys = match keys {
            OptionValue::Array(items) if items.is_empty() => {
                return Err(Error::invalid("keys", "keys must name at least one field"))
            }
            OptionValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(at, item)| read_key(&format!("keys[{at}]"), item))
                .collect::<Result<_, _>>()?,
            single => vec![read_key("keys", single)?],
        };
        let (nulls, locale) = read_options(options)?;
        Ok(SortSpec {
            keys,
            nulls,
            locale,
        })
    }
}

fn read_key(name: &str, value: &OptionValue) -> Result<SortKey, Error> {
    match value {
        OptionValue::String(field) => Ok(SortKey {
            field: read_field(name, field)?,
            descending: false,
        }),
        OptionValue::Object(entries) => read_key_object(name, entries),
        other => Err(wrong_type(
            name,
            "a field name or { field, direction }",
            other,
        )),
    }
}

fn read_key_object(name: &str, entries: &[(String, OptionValue)]) -> Result<SortKey, Error> {
    let mut field = None;
    let mut descending = false;
    for (key, value) in entries {
        let path = format!("{name}.{key}");
        match key.as_str() {
            "field" => field = Some(read_field(&path, &read_non_empty_string(&path, value)?)?),
            "direction" if value.is_null() => {}
            "direction" => descending = read_direction(&path, value)?,
            _ => {
                return Err(unknown_key(
                    &format!("{name}."),
                    key,
                    &["field", "direction"],
                ))
            }
        }
    }
    let field = field.ok_or_else(|| {
        Error::invalid(format!("{name}.field"), format!("{name}.field is required"))
    })?;
    Ok(SortKey { field, descending })
}

/// Reads a record field name; an unknown one is an error listing the five.
pub fn read_field(name: &str, field: &str) -> Result<RecordField, Error> {
    RecordField::from_api_name(field).ok_or_else(|| {
        Error::invalid(
            name,
            format!(
                "{name} must be a record field ({}), not {}",
                RecordField::api_names(),
                quoted(field)
            ),
        )
    })
}

fn read_direction(name: &str, value: &OptionValue) -> Result<bool, Error> {
    let text = match value {
        OptionValue::String(text) => text,
        other => return Err(wrong_type(name, "ASC or DESC", other)),
    };
    if text.eq_ignore_ascii_case("asc") {
        Ok(false)
    } else if text.eq_ignore_ascii_case("desc") {
        Ok(true)
    } else {
        Err(Error::invalid(name, format!("{name} must be ASC or DESC")))
    }
}

fn read_options(options: &OptionValue) -> Result<(Nulls, Option<String>), Error> {
    if options.is_null() {
        return Ok((Nulls::Last, None));
    }
    let mut nulls = Nulls::Last;
    let mut locale = None;
    for (key, value) in read_object("options", options)? {
        match key.as_str() {
            _ if value.is_null() && (key == "nulls" || key == "locale") => {}
            "nulls" => nulls = read_nulls(value)?,
            "locale" => locale = Some(read_non_empty_string("locale", value)?),
            _ => return Err(unknown_key("", key, &["nulls", "locale"])),
        }
    }
    Ok((nulls, locale))
}

fn read_nulls(value: &OptionValue) -> Result<Nulls, Error> {
    match value {
        OptionValue::String(text) if text.eq_ignore_ascii_case("first") => Ok(Nulls::First),
        OptionValue::String(text) if text.eq_ignore_ascii_case("last") => Ok(Nulls::Last),
        OptionValue::String(_) => Err(Error::invalid("nulls", "nulls must be first or last")),
        other => Err(wrong_type("nulls", "first or last", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> OptionValue {
        OptionValue::String(value.into())
    }

    fn object(entries: &[(&str, OptionValue)]) -> OptionValue {
        OptionValue::Object(
            entries
                .iter()
                .map(|(key, value)| (key.to_string(), value.clone()))
                .collect(),
        )
    }

    fn error_field(result: Result<SortSpec, Error>) -> String {
        match result {
            Err(Error::InvalidQuery { field, .. }) => field,
            other => panic!("expected an invalid query error, got {other:?}"),
        }
    }

    #[test]
    fn a_bare_field_name_sorts_ascending_with_nulls_last() {
        let spec = SortSpec::read(&text("customer_id"), &OptionValue::Null).unwrap();
        assert_eq!(
            spec,
            SortSpec {
                keys: vec![SortKey {
                    field: RecordField::CustomerId,
                    descending: false
                }],
                nulls: Nulls::Last,
                locale: None,
            }
        );
    }

    #[test]
    fn several_keys_keep_their_order_and_direction_is_case_insensitive() {
        let keys = OptionValue::Array(vec![
            object(&[("field", text("last_change")), ("direction", text("dEsC"))]),
            text("external_id"),
        ]);
        let options = object(&[("nulls", text("FIRST")), ("locale", text("cs"))]);
        let spec = SortSpec::read(&keys, &options).unwrap();
        assert_eq!(
            spec.keys,
            [
                SortKey {
                    field: RecordField::LastChange,
                    descending: true
                },
                SortKey {
                    field: RecordField::ExternalId,
                    descending: false
                },
            ]
        );
        assert_eq!(spec.nulls, Nulls::First);
        assert_eq!(spec.locale.as_deref(), Some("cs"));
    }

    #[test]
    fn mistakes_name_the_key_at_fault() {
        let none = OptionValue::Null;
        let bad_field = OptionValue::Array(vec![text("customer_id"), text("customerId")]);
        assert_eq!(error_field(SortSpec::read(&bad_field, &none)), "keys[1]");
        let bad_direction = object(&[("field", text("customer_id")), ("direction", text("up"))]);
        assert_eq!(
            error_field(SortSpec::read(&bad_direction, &none)),
            "keys.direction"
        );
        let no_field = object(&[("direction", text("ASC"))]);
        assert_eq!(error_field(SortSpec::read(&no_field, &none)), "keys.field");
        let extra = object(&[("field", text("customer_id")), ("dir", text("ASC"))]);
        assert_eq!(error_field(SortSpec::read(&extra, &none)), "keys.dir");
        let empty = OptionValue::Array(vec![]);
        assert_eq!(error_field(SortSpec::read(&empty, &none)), "keys");
        assert_eq!(
            error_field(SortSpec::read(&OptionValue::Number(1.0), &none)),
            "keys"
        );
    }

    #[test]
    fn bad_options_are_rejected_by_name() {
        let key = text("customer_id");
        let nulls = object(&[("nulls", text("middle"))]);
        assert_eq!(error_field(SortSpec::read(&key, &nulls)), "nulls");
        let locale = object(&[("locale", OptionValue::Bool(true))]);
        assert_eq!(error_field(SortSpec::read(&key, &locale)), "locale");
        let unknown = object(&[("Locale", text("cs"))]);
        assert_eq!(error_field(SortSpec::read(&key, &unknown)), "Locale");
        assert_eq!(error_field(SortSpec::read(&key, &text("cs"))), "options");
    }
}
