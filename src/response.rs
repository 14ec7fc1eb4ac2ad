//! Turning a raw HTTP response into a page or the right error.

use crate::api_error::{parse_api_error, redact};
use crate::decode::decode_page;
use crate::error::Error;
use crate::page::Page;
use crate::query::SourceRecordQuery;

/// What came back from the server, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The reason phrase (empty over HTTP/2).
    pub status_text: String,
    /// The whole body.
    pub body: Vec<u8>,
    /// The `Retry-After` header as a wait in milliseconds, when present and readable.
    pub retry_after_ms: Option<u64>,
}

/// A 2xx response becomes a page; anything else becomes an [`Error::Http`] carrying the API's
/// error body where there is one.
pub fn read_response(query: &SourceRecordQuery, response: &RawResponse) -> Result<Page, Error> {
    if !(200..300).contains(&response.status) {
        let secrets = query
            .auth
            .as_ref()
            .map(|auth| auth.secrets())
            .unwrap_or_default();
        return Err(Error::Http {
            status: response.status,
            status_text: redact(&response.status_text, &secrets),
            api_error: parse_api_error(&response.body, &secrets).map(Box::new),
            retry_after_ms: response.retry_after_ms,
        });
    }
    let decoded = decode_page(&response.body, response.status)?;
    Ok(Page {
        decoded,
        offset: query.effective_offset(),
        count: query.effective_count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn query() -> SourceRecordQuery {
        let json = r#"{"baseUrl":"https://h","offset":20,"count":10,
            "auth":{"username":"u","password":"pw-9z"}}"#;
        SourceRecordQuery::from_options(&serde_json::from_str(json).unwrap()).unwrap()
    }

    fn response(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status,
            status_text: String::new(),
            body: body.as_bytes().to_vec(),
            retry_after_ms: None,
        }
    }

    #[test]
    fn success_carries_the_requested_offset_and_count() {
        let body = r#"{"data":{"customer_source_records":[],"total_items":0}}"#;
        let page = read_response(&query(), &response(200, body)).unwrap();
        assert_eq!((page.offset, page.count), (20, 10));
    }

    #[test]
    fn unauthorized_body_is_kept_and_echoed_password_redacted() {
        let body = r#"{"error":{"title":"Unauthorized","detail":"bad password pw-9z"}}"#;
        let error = read_response(&query(), &response(401, body)).unwrap_err();
        let expected_api_error = ApiError {
            title: Some("Unauthorized".into()),
            detail: Some("bad password [redacted]".into()),
            ..ApiError::default()
        };
        assert_eq!(
            error,
            Error::Http {
                status: 401,
                status_text: String::new(),
                api_error: Some(Box::new(expected_api_error)),
                retry_after_ms: None,
            }
        );
        assert!(!error.to_string().contains("pw-9z"));
    }

    #[test]
    fn a_reason_phrase_echoing_the_credentials_is_redacted() {
        // A hostile server answered "HTTP/1.1 401 Basic dTpwdy05eg==" (base64 of "u:pw-9z").
        let mut echoed = response(401, "");
        echoed.status_text = "Basic dTpwdy05eg== pw-9z".into();
        let error = read_response(&query(), &echoed).unwrap_err();
        let Error::Http { status_text, .. } = &error else {
            panic!("not an HTTP error: {error:?}");
        };
        assert_eq!(status_text, "Basic [redacted] [redacted]");
    }

    #[test]
    fn html_error_page_gives_a_status_error_without_api_details() {
        let error = read_response(&query(), &response(502, "<html>Bad Gateway</html>"));
        assert_eq!(
            error.unwrap_err(),
            Error::Http {
                status: 502,
                status_text: String::new(),
                api_error: None,
                retry_after_ms: None,
            }
        );
    }

    #[test]
    fn non_json_success_body_is_a_decode_error() {
        let error = read_response(&query(), &response(200, "OK")).unwrap_err();
        assert_eq!(
            error,
            Error::Decode {
                field: None,
                message: "the body is not valid JSON".into(),
                status: 200,
            }
        );
    }
}
