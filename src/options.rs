//! Untyped option values as they arrive from JavaScript, and typed readers with clear errors.
//!
//! Option objects cross the boundary as [`OptionValue`] trees (built in `js_caller.rs`) rather
//! than as typed structs, so that every mistake (`count: "10"`, `count: NaN`, `sort_field`) can be
//! reported with the option's name and a hint, which serde's own messages cannot do.

use crate::error::Error;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JS value from an option object. `undefined` and `null` are both [`OptionValue::Null`].
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// `null` or `undefined`: treated as "not given".
    Null,
    /// A boolean.
    Bool(bool),
    /// Any number, including `NaN` and the infinities.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<OptionValue>),
    /// A plain object's own enumerable entries, in their order.
    Object(Vec<(String, OptionValue)>),
}

impl OptionValue {
    /// How the value's type is named in error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            OptionValue::Null => "null",
            OptionValue::Bool(_) => "a boolean",
            OptionValue::Number(_) => "a number",
            OptionValue::String(_) => "a string",
            OptionValue::Array(_) => "an array",
            OptionValue::Object(_) => "an object",
        }
    }

    /// Whether the caller left this option out.
    pub fn is_null(&self) -> bool {
        matches!(self, OptionValue::Null)
    }
}

/// Reads a string option.
pub fn read_string(field: &str, value: &OptionValue) -> Result<String, Error> {
    match value {
        OptionValue::String(text) => Ok(text.clone()),
        other => Err(wrong_type(field, "a string", other)),
    }
}

/// Reads a non-empty string option.
pub fn read_non_empty_string(field: &str, value: &OptionValue) -> Result<String, Error> {
    let text = read_string(field, value)?;
    if text.is_empty() {
        return Err(Error::invalid(field, format!("{field} must not be empty")));
    }
    Ok(text)
}

/// Reads a boolean option.
pub fn read_bool(field: &str, value: &OptionValue) -> Result<bool, Error> {
    match value {
        OptionValue::Bool(flag) => Ok(*flag),
        other => Err(wrong_type(field, "true or false", other)),
    }
}

/// Reads an integer option within `min..=MAX_SAFE_INTEGER`.
pub fn read_integer(field: &str, value: &OptionValue, min: u64) -> Result<u64, Error> {
    let range = || {
        Error::invalid(
            field,
            format!(
                "{field} must be an integer from {min} to {}",
                MAX_SAFE_INTEGER as u64
            ),
        )
    };
    let OptionValue::Number(number) = value else {
        return Err(wrong_type(field, "an integer", value));
    };
    let in_range = number.is_finite()
        && number.fract() == 0.0
        && *number >= min as f64
        && *number <= MAX_SAFE_INTEGER;
    if in_range {
        Ok(*number as u64)
    } else {
        Err(range())
    }
}

/// Reads an object option's entries.
pub fn read_object<'a>(
    field: &str,
    value: &'a OptionValue,
) -> Result<&'a [(String, OptionValue)], Error> {
    match value {
        OptionValue::Object(entries) => Ok(entries),
        other => Err(wrong_type(field, "an object", other)),
    }
}

/// The error for a value of the wrong type. The value itself is never echoed: it may be a secret.
pub fn wrong_type(field: &str, expected: &str, got: &OptionValue) -> Error {
    Error::invalid(
        field,
        format!("{field} must be {expected}, not {}", got.type_name()),
    )
}

/// The error for an option name that is not one of `known`, with the right spelling when the
/// name differs from a known one only in case, `_` or `-` (`sort_field` for `sortField`).
pub fn unknown_key(prefix: &str, key: &str, known: &[&str]) -> Error {
    let field = format!("{prefix}{key}");
    let wanted = loose_spelling(key);
    let message = match known.iter().find(|name| loose_spelling(name) == wanted) {
        Some(name) => format!("unknown option {field}; did you mean {prefix}{name}?"),
        None => format!(
            "unknown option {field}; known options are {}",
            known.join(", ")
        ),
    };
    Error::invalid(field, message)
}

/// `text` in double quotes for an error message, with quotes, backslashes and control
/// characters escaped so that a hostile value cannot break the message's line.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn loose_spelling(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Native tests write option objects as JSON; the package builds them from JS values instead.
#[cfg(test)]
mod from_json {
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    use super::OptionValue;

    impl<'de> Deserialize<'de> for OptionValue {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(OptionValueVisitor)
        }
    }

    struct OptionValueVisitor;

    impl<'de> Visitor<'de> for OptionValueVisitor {
        type Value = OptionValue;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a plain JavaScript value")
        }

        fn visit_unit<E: de::Error>(self) -> Result<OptionValue, E> {
            Ok(OptionValue::Null)
        }

        fn visit_none<E: de::Error>(self) -> Result<OptionValue, E> {
            Ok(OptionValue::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<OptionValue, D::Error> {
            OptionValue::deserialize(inner)
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<OptionValue, E> {
            Ok(OptionValue::Bool(value))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<OptionValue, E> {
            Ok(OptionValue::Number(value as f64))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<OptionValue, E> {
            Ok(OptionValue::Number(value as f64))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<OptionValue, E> {
            Ok(OptionValue::Number(value))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<OptionValue, E> {
            Ok(OptionValue::String(value.to_owned()))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<OptionValue, E> {
            Ok(OptionValue::String(value))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OptionValue, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(OptionValue::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OptionValue, A::Error> {
            let mut entries = Vec::new();
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(OptionValue::Object(entries))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64) -> OptionValue {
        OptionValue::Number(value)
    }

    #[test]
    fn integer_reader_rejects_fractions_nan_infinity_and_values_below_minimum() {
        for bad in [
            1.5,
            f64::NAN,
            f64::INFINITY,
            0.0,
            -1.0,
            9_007_199_254_740_992.0,
        ] {
            let error = read_integer("count", &number(bad), 1).unwrap_err();
            assert_eq!(
                error,
                Error::invalid(
                    "count",
                    "count must be an integer from 1 to 9007199254740991"
                )
            );
        }
        assert_eq!(read_integer("count", &number(250.0), 1), Ok(250));
    }

    #[test]
    fn integer_reader_names_the_wrong_type_without_echoing_the_value() {
        let error = read_integer("count", &OptionValue::String("10".into()), 1).unwrap_err();
        assert_eq!(
            error,
            Error::invalid("count", "count must be an integer, not a string")
        );
    }

    #[test]
    fn unknown_snake_case_key_suggests_the_camel_case_spelling() {
        let error = unknown_key("", "sort_field", &["count", "sortField"]);
        assert_eq!(
            error,
            Error::invalid(
                "sort_field",
                "unknown option sort_field; did you mean sortField?"
            )
        );
    }

    #[test]
    fn quoted_escapes_what_would_break_a_message_line() {
        assert_eq!(quoted("eshop"), r#""eshop""#);
        assert_eq!(quoted("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quoted("x\ny\u{7f}\u{9f}"), r#""x\u{a}y\u{7f}\u{9f}""#);
        assert_eq!(quoted("žluť"), "\"žluť\"");
    }

    #[test]
    fn unknown_key_without_near_match_lists_the_known_keys() {
        let error = unknown_key("auth.", "pass", &["username", "password", "token"]);
        assert_eq!(
            error,
            Error::invalid(
                "auth.pass",
                "unknown option auth.pass; known options are username, password, token"
            )
        );
    }

    #[test]
    fn option_values_deserialize_from_json_shapes() {
        let value: OptionValue = serde_json::from_str(r#"{"a":[1,"x",null,true]}"#).unwrap();
        let expected = OptionValue::Object(vec![(
            "a".into(),
            OptionValue::Array(vec![
                number(1.0),
                OptionValue::String("x".into()),
                OptionValue::Null,
                OptionValue::Bool(true),
            ]),
        )]);
        assert_eq!(value, expected);
    }
}
