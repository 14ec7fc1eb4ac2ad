//! Reading the API's error body, `{"error": {type, exception, title, detail, error_data}}`.

use serde_json::Value;

use crate::error::{ApiError, InvalidParam};

/// The error body's fields, or `None` when the body does not have the API's shape (an HTML page
/// from a proxy, an empty 429). Any `secrets` the server echoed back are replaced.
pub fn parse_api_error(body: &[u8], secrets: &[String]) -> Option<ApiError> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error")?.as_object()?;
    let text = |name: &str| {
        error
            .get(name)
            .and_then(value_text)
            .map(|t| redact(&t, secrets))
    };
    let error_data = error.get("error_data").filter(|data| !data.is_null());
    Some(ApiError {
        error_type: text("type"),
        exception: text("exception"),
        title: text("title"),
        detail: text("detail"),
        invalid_params: error_data
            .map(|data| invalid_params(data, secrets))
            .unwrap_or_default(),
        error_data: error_data.map(|data| redact(&data.to_string(), secrets)),
    })
}

fn invalid_params(error_data: &Value, secrets: &[String]) -> Vec<InvalidParam> {
    let Some(list) = error_data.get("invalid_params").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .map(|item| {
            let text = |name: &str| {
                item.get(name)
                    .and_then(value_text)
                    .map(|t| redact(&t, secrets))
            };
            InvalidParam {
                name: text("name"),
                reason: text("reason"),
                value: text("value"),
                message: text("message"),
            }
        })
        .collect()
}

/// Strings as they are; numbers and booleans as their JSON text; null and containers as absent.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        _ => None,
    }
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
            Some(r#"{"interface":"customer","resource":"customer-source-records"}"#)
        );
    }

    #[test]
    fn non_api_bodies_give_none() {
        assert_eq!(parse_api_error(b"<html>502</html>", &[]), None);
        assert_eq!(parse_api_error(b"", &[]), None);
        assert_eq!(parse_api_error(br#"{"message":"x"}"#, &[]), None);
        assert_eq!(parse_api_error(br#"{"error":"x"}"#, &[]), None);
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
