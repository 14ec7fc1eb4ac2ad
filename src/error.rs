//! The one error type of the crate, and the API's own error body.

use std::fmt;

/// Everything that can go wrong, named for what happened.
///
/// Every variant crosses to JavaScript as a real `Error` (see `js_error`) with a stable `name`
/// and `code`. No variant ever holds a password or token.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The caller's query or options were rejected before anything was sent.
    InvalidQuery {
        /// The option at fault, as the caller spelt it (`count`, `auth.username`...).
        field: String,
        /// What is wrong and what to do instead.
        message: String,
    },
    /// The server answered with a status outside 200..=299.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The status line's reason phrase, when the server sent one.
        status_text: String,
        /// The API's `{"error": ...}` body, when the body had that shape.
        api_error: Option<Box<ApiError>>,
        /// The wait the server asked for with `Retry-After`, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// One attempt took longer than `timeoutMs`.
    Timeout {
        /// The limit that was passed.
        timeout_ms: u64,
    },
    /// The caller's `AbortSignal` fired; nothing more is sent.
    Aborted,
    /// No response arrived: refused connection, DNS failure, CORS rejection, offline, or a
    /// connection that broke while the body was read.
    Network {
        /// What the platform's `fetch` reported.
        message: String,
    },
    /// A response arrived but its body is not a page of the documented shape.
    Decode {
        /// Where in the body the problem is (`data.total_items`), or `None` when the body is
        /// not JSON at all.
        field: Option<String>,
        /// What was wrong there.
        message: String,
        /// The HTTP status of the response that could not be decoded.
        status: u16,
    },
}

impl Error {
    /// Shorthand for an [`Error::InvalidQuery`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidQuery {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The stable JS `name` of this error.
    pub fn name(&self) -> &'static str {
        match self {
            Error::InvalidQuery { .. } => "InvalidQueryError",
            Error::Http { status: 429, .. } => "RateLimitError",
            Error::Http { .. } => "HttpError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Aborted => "AbortError",
            Error::Network { .. } => "NetworkError",
            Error::Decode { .. } => "DecodeError",
        }
    }

    /// The stable JS `code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidQuery { .. } => "ERR_INVALID_QUERY",
            Error::Http { status: 429, .. } => "ERR_RATE_LIMITED",
            Error::Http { .. } => "ERR_HTTP_STATUS",
            Error::Timeout { .. } => "ERR_TIMEOUT",
            Error::Aborted => "ERR_ABORTED",
            Error::Network { .. } => "ERR_NETWORK",
            Error::Decode { .. } => "ERR_DECODE",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidQuery { message, .. } => f.write_str(message),
            Error::Http {
                status,
                status_text,
                api_error,
                retry_after_ms,
            } => {
                write_http(f, *status, status_text, api_error.as_deref())?;
                match retry_after_ms {
                    Some(wait) => write!(f, "; the server asks to wait {} s", wait.div_ceil(1000)),
                    None => Ok(()),
                }
            }
            Error::Timeout { timeout_ms } => write!(
                f,
                "no complete response within {timeout_ms} ms (raise timeoutMs for slow servers)"
            ),
            Error::Aborted => f.write_str("the request was aborted by its signal"),
            Error::Network { message } => write!(f, "could not reach the server: {message}"),
            Error::Decode {
                field: Some(field),
                message,
                ..
            } => write!(f, "unexpected response: {field}: {message}"),
            Error::Decode { message, .. } => write!(f, "unexpected response: {message}"),
        }
    }
}

fn write_http(
    f: &mut fmt::Formatter<'_>,
    status: u16,
    status_text: &str,
    api_error: Option<&ApiError>,
) -> fmt::Result {
    write!(f, "server answered {status}")?;
    if !status_text.is_empty() {
        write!(f, " {status_text}")?;
    }
    if let Some(said) = api_error.and_then(|api_error| api_error.summary(status_text)) {
        write!(f, ": {said}")?;
    }
    if let Some(advice) = advice_for_status(status) {
        write!(f, " ({advice})")?;
    }
    Ok(())
}

/// What a caller can do about a status, following the provider's guidance.
fn advice_for_status(status: u16) -> Option<&'static str> {
    match status {
        400 => Some("check the query parameters"),
        401 => Some("check auth: the user name, password or token is wrong"),
        403 => Some("the credentials may not use this interface"),
        404 => Some("check baseUrl"),
        429 => Some("too many requests; wait and try again"),
        500 | 502 | 503 | 504 => Some("the server failed; try again later"),
        _ => None,
    }
}

/// The API's error body, `{"error": {...}}`, as far as it was present.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApiError {
    /// `error.type`, e.g. `interface_not_allowed_exception`.
    pub error_type: Option<String>,
    /// `error.exception`, e.g. `bad_request_exception`.
    pub exception: Option<String>,
    /// `error.title`.
    pub title: Option<String>,
    /// `error.detail`.
    pub detail: Option<String>,
    /// `error.error_data.invalid_params`, for 400.
    pub invalid_params: Vec<InvalidParam>,
    /// The whole `error.error_data` value as the server's own JSON text (key order, spacing and
    /// number spelling as sent), for 403, 404 and 405 details. A string, number or literal in it
    /// that holds a secret is replaced by the JSON string of its redacted text.
    pub error_data: Option<String>,
}

impl ApiError {
    /// The title and detail in one line, when the server gave either. A title that only
    /// repeats the status line's reason phrase (`401 Unauthorized: Unauthorized`) is left out.
    fn summary(&self, status_text: &str) -> Option<String> {
        let title = self
            .title
            .as_ref()
            .filter(|title| !title.eq_ignore_ascii_case(status_text));
        match (title, &self.detail) {
            (Some(title), Some(detail)) if title != detail => Some(format!("{title}: {detail}")),
            (Some(text), _) | (None, Some(text)) => Some(text.clone()),
            (None, None) => None,
        }
    }
}

/// One entry of `error_data.invalid_params` in a 400 body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvalidParam {
    /// The parameter name, e.g. `count`.
    pub name: Option<String>,
    /// One of the documented reasons, e.g. `invalid_value_format`.
    pub reason: Option<String>,
    /// The rejected value, as text.
    pub value: Option<String>,
    /// The server's explanation.
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_error_message_names_status_title_detail_and_advice() {
        let error = Error::Http {
            status: 401,
            status_text: "Unauthorized".into(),
            api_error: Some(Box::new(ApiError {
                title: Some("Unauthorized".into()),
                detail: Some("Invalid token".into()),
                ..ApiError::default()
            })),
            retry_after_ms: None,
        };
        assert_eq!(
            error.to_string(),
            "server answered 401 Unauthorized: Invalid token \
             (check auth: the user name, password or token is wrong)"
        );
    }

    #[test]
    fn http_error_without_body_still_says_what_to_do() {
        let error = Error::Http {
            status: 503,
            status_text: String::new(),
            api_error: None,
            retry_after_ms: None,
        };
        assert_eq!(
            error.to_string(),
            "server answered 503 (the server failed; try again later)"
        );
    }

    #[test]
    fn rate_limit_error_has_its_own_name_and_says_how_long_to_wait() {
        let error = Error::Http {
            status: 429,
            status_text: "Too Many Requests".into(),
            api_error: None,
            retry_after_ms: Some(3_600_000),
        };
        assert_eq!(
            (error.name(), error.code()),
            ("RateLimitError", "ERR_RATE_LIMITED")
        );
        assert_eq!(
            error.to_string(),
            "server answered 429 Too Many Requests (too many requests; wait and try again); \
             the server asks to wait 3600 s"
        );
    }

    #[test]
    fn decode_error_message_names_the_field() {
        let error = Error::Decode {
            field: Some("data.total_items".into()),
            message: "missing".into(),
            status: 200,
        };
        assert_eq!(
            error.to_string(),
            "unexpected response: data.total_items: missing"
        );
    }

    #[test]
    fn names_and_codes_are_stable() {
        let network = Error::Network {
            message: "x".into(),
        };
        assert_eq!(
            (network.name(), network.code()),
            ("NetworkError", "ERR_NETWORK")
        );
        let invalid = Error::invalid("count", "x");
        assert_eq!(
            (invalid.name(), invalid.code()),
            ("InvalidQueryError", "ERR_INVALID_QUERY")
        );
    }
}
