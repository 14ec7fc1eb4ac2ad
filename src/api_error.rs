//! Reading the API's error body, `{"error": {type, exception, title, detail, error_data}}`.
//!
//! The body is read with the crate's JSON [`Reader`]; it must be JSON throughout, or it is not
//! the API's error body. When a member appears twice, the last one counts.
//!
//! `error_data` is kept as the server's own JSON text: its key order, spacing and number
//! spelling stay as they were sent. The one change is for secrets: a string (member names
//! included), number or literal whose text holds one is replaced by the JSON string of its
//! redacted text. Strings are compared unescaped, so a secret written with escapes (`\/` for
//! `/`, `\u00e9` for `é`) is found too, and the text stays valid JSON.

use crate::error::{ApiError, InvalidParam};
use crate::json::{self, JsonError, Kind, Reader, Scalar};

/// The error body's fields, or `None` when the body does not have the API's shape (an HTML page
/// from a proxy, an empty 429). Any `secrets` the server echoed back are replaced.
pub fn parse_api_error(body: &[u8], secrets: &[String]) -> Option<ApiError> {
    let mut reader = Reader::new(body);
    let mut scratch = String::new();
    let parsed = read_body(&mut reader, &mut scratch, secrets).ok()?;
    reader.finish().ok()?;
    parsed
}

/// `{"error": {...}}`; `Ok(None)` for JSON of another shape.
fn read_body(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
) -> Result<Option<ApiError>, JsonError> {
    if reader.peek()? != Kind::Object {
        return Ok(None);
    }
    reader.enter_object()?;
    let mut error = None;
    while let Some(key) = reader.next_key(scratch)? {
        if key == "error" {
            error = read_error(reader, scratch, secrets)?;
        } else {
            reader.skip_value(scratch)?;
        }
    }
    Ok(error)
}

fn read_error(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
) -> Result<Option<ApiError>, JsonError> {
    if reader.peek()? != Kind::Object {
        reader.skip_value(scratch)?;
        return Ok(None);
    }
    reader.enter_object()?;
    let mut error = ApiError::default();
    while let Some(key) = reader.next_key(scratch)? {
        let is_error_data = key == "error_data";
        if let Some(slot) = text_member(&mut error, key) {
            *slot = value_text(reader, scratch, secrets)?;
        } else if is_error_data {
            read_error_data(reader, scratch, secrets, &mut error)?;
        } else {
            reader.skip_value(scratch)?;
        }
    }
    Ok(Some(error))
}

/// Where the text member `key` of `error` goes.
fn text_member<'e>(error: &'e mut ApiError, key: &str) -> Option<&'e mut Option<String>> {
    match key {
        "type" => Some(&mut error.error_type),
        "exception" => Some(&mut error.exception),
        "title" => Some(&mut error.title),
        "detail" => Some(&mut error.detail),
        _ => None,
    }
}

fn read_error_data(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
    error: &mut ApiError,
) -> Result<(), JsonError> {
    if reader.peek()? == Kind::Null {
        reader.read_null()?;
        error.error_data = None;
        error.invalid_params = Vec::new();
        return Ok(());
    }
    let text = reader.skip_value(scratch)?;
    error.invalid_params = invalid_params(text, secrets);
    error.error_data = redacted_json(text, secrets);
    Ok(())
}

/// `invalid_params` of the `error_data` text, read again now that it is known to be JSON.
fn invalid_params(error_data: &str, secrets: &[String]) -> Vec<InvalidParam> {
    let mut reader = Reader::new(error_data.as_bytes());
    read_invalid_params(&mut reader, &mut String::new(), secrets).unwrap_or_default()
}

fn read_invalid_params(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
) -> Result<Vec<InvalidParam>, JsonError> {
    let mut params = Vec::new();
    if reader.peek()? != Kind::Object {
        return Ok(params);
    }
    reader.enter_object()?;
    while let Some(key) = reader.next_key(scratch)? {
        if key != "invalid_params" {
            reader.skip_value(scratch)?;
            continue;
        }
        params = if reader.peek()? == Kind::Array {
            read_param_list(reader, scratch, secrets)?
        } else {
            reader.skip_value(scratch)?;
            Vec::new()
        };
    }
    Ok(params)
}

/// Every item of the list becomes a parameter; one that is not an object has no fields.
fn read_param_list(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
) -> Result<Vec<InvalidParam>, JsonError> {
    reader.enter_array()?;
    let mut params = Vec::new();
    while reader.next_element()? {
        let mut param = InvalidParam::default();
        if reader.peek()? != Kind::Object {
            reader.skip_value(scratch)?;
            params.push(param);
            continue;
        }
        reader.enter_object()?;
        while let Some(key) = reader.next_key(scratch)? {
            let slot = match key {
                "name" => &mut param.name,
                "reason" => &mut param.reason,
                "value" => &mut param.value,
                "message" => &mut param.message,
                _ => {
                    reader.skip_value(scratch)?;
                    continue;
                }
            };
            *slot = value_text(reader, scratch, secrets)?;
        }
        params.push(param);
    }
    Ok(params)
}

/// Strings as they are; numbers and booleans as their JSON text; null and containers as absent.
fn value_text(
    reader: &mut Reader<'_>,
    scratch: &mut String,
    secrets: &[String],
) -> Result<Option<String>, JsonError> {
    let text = match reader.peek()? {
        Kind::String => reader.read_str(scratch)?,
        Kind::Number => reader.read_number()?.text(),
        Kind::Bool => {
            if reader.read_bool()? {
                "true"
            } else {
                "false"
            }
        }
        Kind::Null => {
            reader.read_null()?;
            return Ok(None);
        }
        Kind::Object | Kind::Array => {
            reader.skip_value(scratch)?;
            return Ok(None);
        }
    };
    Ok(Some(redact(text, secrets)))
}

/// The `error_data` text with every string, number or literal that holds a secret replaced by
/// the JSON string of its redacted text; everything else is copied as it was.
fn redacted_json(text: &str, secrets: &[String]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut reader = Reader::new(text.as_bytes());
    let walked = reader.walk_value(&mut String::new(), |scalar, span| {
        let (Scalar::Str(value) | Scalar::Raw(value)) = scalar;
        let redacted = redact(value, secrets);
        if redacted != value {
            out.push_str(text.get(copied..span.start).unwrap_or_default());
            json::write_str(&mut out, &redacted);
            copied = span.end;
        }
    });
    walked.ok()?;
    out.push_str(text.get(copied..).unwrap_or_default());
    Some(out)
}

/// Replaces every occurrence of a secret, so an error never carries one even when a server
/// echoes credentials back.
pub fn redact(text: &str, secrets: &[String]) -> String {
    secrets
        .iter()
        .filter(|secret| !secret.is_empty())
        .fold(text.to_owned(), |text, secret| {
            text.replace(secret.as_str(), "[redacted]")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_request_body_yields_invalid_params() {
        let body =
            br#"{"error":{"type":"bad_request_exception","exception":"bad_request_exception",
            "title":"Bad request","detail":"Invalid parameters","error_data":{"invalid_params":[
            {"name":"count","reason":"invalid_value_format","value":"abc","message":"Not a number"}
            ]}}}"#;
        let parsed = parse_api_error(body, &[]).unwrap();
        assert_eq!(parsed.exception.as_deref(), Some("bad_request_exception"));
        assert_eq!(parsed.title.as_deref(), Some("Bad request"));
        assert_eq!(
            parsed.invalid_params,
            vec![InvalidParam {
                name: Some("count".into()),
                reason: Some("invalid_value_format".into()),
                value: Some("abc".into()),
                message: Some("Not a number".into()),
            }]
        );
    }

    #[test]
    fn forbidden_body_keeps_type_and_error_data() {
        let body = br#"{"error":{"type":"interface_not_allowed_exception","title":"Forbidden",
            "error_data":{"resource":"customer-source-records","interface":"customer"}}}"#;
        let parsed = parse_api_error(body, &[]).unwrap();
        assert_eq!(
            parsed.error_type.as_deref(),
            Some("interface_not_allowed_exception")
        );
        assert_eq!(parsed.exception, None);
        assert_eq!(
            parsed.error_data.as_deref(),
            Some(r#"{"resource":"customer-source-records","interface":"customer"}"#)
        );
    }

    #[test]
    fn error_data_keeps_the_servers_own_text() {
        let body = br#"{"error":{"error_data": { "b" : [1.50, 1e3, -0],
            "a":"\u00e9\/"}, "title":"x"}}"#;
        let parsed = parse_api_error(body, &[]).unwrap();
        assert_eq!(
            parsed.error_data.as_deref(),
            Some("{ \"b\" : [1.50, 1e3, -0],\n            \"a\":\"\\u00e9\\/\"}")
        );
        let string = br#"{"error":{"error_data":"gone"}}"#;
        let parsed = parse_api_error(string, &[]).unwrap();
        assert_eq!(parsed.error_data.as_deref(), Some(r#""gone""#));
        let null = br#"{"error":{"error_data":null}}"#;
        assert_eq!(parse_api_error(null, &[]).unwrap().error_data, None);
    }

    #[test]
    fn secrets_in_error_data_are_found_however_the_server_escaped_them() {
        let secrets = ["ab/cd+==", "pässwort", "4711", r#"q"\"#].map(str::to_owned);
        let body = r#"{"error":{"error_data":{"token":"ab\/cd+==","echo":"p\u00e4sswort!",
            "ab/cd+==":1,"pin":4711,"plain":"pässwort","other":"kept \/ as sent","quote":"q\"\\"}}}"#;
        let parsed = parse_api_error(body.as_bytes(), &secrets).unwrap();
        let data = parsed.error_data.unwrap();
        assert_eq!(
            data,
            r#"{"token":"[redacted]","echo":"[redacted]!",
            "[redacted]":1,"pin":"[redacted]","plain":"[redacted]","other":"kept \/ as sent","quote":"[redacted]"}"#
        );
        for secret in &secrets {
            assert!(!data.contains(secret.as_str()), "{secret}");
        }
        assert!(serde_json::from_str::<serde_json::Value>(&data).is_ok());
    }

    #[test]
    fn invalid_params_read_any_scalar_as_text_and_tolerate_odd_items() {
        let body = br#"{"error":{"error_data":{"invalid_params":[
            {"name":"count","value":1e3,"reason":true,"message":null},
            "not an object",
            {"name":["x"],"value":-2,"extra":{}}
            ]}}}"#;
        let parsed = parse_api_error(body, &[]).unwrap();
        assert_eq!(
            parsed.invalid_params,
            vec![
                InvalidParam {
                    name: Some("count".into()),
                    reason: Some("true".into()),
                    value: Some("1e3".into()),
                    message: None,
                },
                InvalidParam::default(),
                InvalidParam {
                    value: Some("-2".into()),
                    ..InvalidParam::default()
                },
            ]
        );
    }

    #[test]
    fn the_last_of_a_repeated_member_counts() {
        let body = br#"{"error":{"title":"first","detail":"d"},
            "error":{"title":"a","title":"b","error_data":{"x":1},"error_data":null}}"#;
        let parsed = parse_api_error(body, &[]).unwrap();
        assert_eq!(parsed.title.as_deref(), Some("b"));
        assert_eq!(parsed.detail, None);
        assert_eq!(parsed.error_data, None);
        let not_object_last = br#"{"error":{"title":"a"},"error":"x"}"#;
        assert_eq!(parse_api_error(not_object_last, &[]), None);
    }

    #[test]
    fn non_api_bodies_give_none() {
        assert_eq!(parse_api_error(b"<html>502</html>", &[]), None);
        assert_eq!(parse_api_error(b"", &[]), None);
        assert_eq!(parse_api_error(br#"{"message":"x"}"#, &[]), None);
        assert_eq!(parse_api_error(br#"{"error":"x"}"#, &[]), None);
        assert_eq!(parse_api_error(br#"{"error":{}} x"#, &[]), None);
        assert_eq!(parse_api_error(br#"{"error":{"title":"a"}"#, &[]), None);
        assert_eq!(parse_api_error(b"{\"error\":{},\"x\":\"\xff\"}", &[]), None);
        assert_eq!(parse_api_error(br#"{"error":{},"x":"\ud800"}"#, &[]), None);
        assert!(parse_api_error(br#" {"error":{}} "#, &[]).is_some());
    }

    #[test]
    fn echoed_secrets_are_redacted() {
        let body = br#"{"error":{"title":"Unauthorized","detail":"token s3cr3t is unknown"}}"#;
        let parsed = parse_api_error(body, &["s3cr3t".to_owned()]).unwrap();
        assert_eq!(
            parsed.detail.as_deref(),
            Some("token [redacted] is unknown")
        );
    }
}
