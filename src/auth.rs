//! Credentials and the `Authorization` header.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::Error;
use crate::options::{read_object, read_string, unknown_key, OptionValue};

/// How a request authenticates. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `Basic base64(username ":" password)`, the older documented form.
    Basic {
        /// The user, usually `customer_interface`.
        username: String,
        /// The password (the API calls it the token id).
        password: String,
    },
    /// `Bearer token`, the newer documented form.
    Bearer {
        /// The token id.
        token: String,
    },
}

impl Credentials {
    /// Reads `query.auth`: `{ username, password }` or `{ token }`.
    pub fn from_option(value: &OptionValue) -> Result<Credentials, Error> {
        let entries = read_object("auth", value)?;
        let mut username = None;
        let mut password = None;
        let mut token = None;
        for (key, value) in entries.iter().filter(|(_, value)| !value.is_null()) {
            let field = format!("auth.{key}");
            match key.as_str() {
                "username" => username = Some(read_string(&field, value)?),
                "password" => password = Some(read_string(&field, value)?),
                "token" => token = Some(read_string(&field, value)?),
                _ => {
                    return Err(unknown_key(
                        "auth.",
                        key,
                        &["username", "password", "token"],
                    ))
                }
            }
        }
        match (username, password, token) {
            (None, None, Some(token)) => bearer(token),
            (Some(username), Some(password), None) => basic(username, password),
            (None, None, None) => Err(Error::invalid(
                "auth",
                "auth needs { username, password } or { token }",
            )),
            (_, _, Some(_)) => Err(Error::invalid(
                "auth",
                "auth takes either { username, password } or { token }, not both",
            )),
            (None, Some(_), None) => Err(missing("auth.username")),
            (Some(_), None, None) => Err(missing("auth.password")),
        }
    }

    /// The `Authorization` header value. Credentials are UTF-8 encoded (RFC 7617).
    pub fn header_value(&self) -> String {
        match self {
            Credentials::Basic { username, password } => {
                format!(
                    "Basic {}",
                    STANDARD.encode(format!("{username}:{password}"))
                )
            }
            Credentials::Bearer { token } => format!("Bearer {token}"),
        }
    }

    /// Every form in which a secret of these credentials could be echoed back by a server.
    pub fn secrets(&self) -> Vec<String> {
        let encoded = self.header_value();
        let mut secrets = match self {
            Credentials::Basic { password, .. } => vec![password.clone()],
            Credentials::Bearer { token } => vec![token.clone()],
        };
        if let Some((_, value)) = encoded.split_once(' ') {
            secrets.push(value.to_owned());
        }
        secrets.retain(|secret| !secret.is_empty());
        secrets
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { username, .. } => {
                write!(
                    f,
                    "Basic {{ username: {username:?}, password: <redacted> }}"
                )
            }
            Credentials::Bearer { .. } => f.write_str("Bearer { token: <redacted> }"),
        }
    }
}

fn basic(username: String, password: String) -> Result<Credentials, Error> {
    if username.contains(':') {
        return Err(Error::invalid(
            "auth.username",
            "auth.username must not contain ':' (RFC 7617)",
        ));
    }
    if username
        .chars()
        .chain(password.chars())
        .any(char::is_control)
    {
        return Err(Error::invalid(
            "auth",
            "auth.username and auth.password must not contain control characters",
        ));
    }
    Ok(Credentials::Basic { username, password })
}

fn bearer(token: String) -> Result<Credentials, Error> {
    if token.is_empty() {
        return Err(Error::invalid("auth.token", "auth.token must not be empty"));
    }
    if !token.bytes().all(|byte| byte.is_ascii_graphic()) {
        return Err(Error::invalid(
            "auth.token",
            "auth.token must be printable ASCII without spaces",
        ));
    }
    Ok(Credentials::Bearer { token })
}

fn missing(field: &str) -> Error {
    Error::invalid(field, format!("{field} is required for Basic auth"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(json: &str) -> Result<Credentials, Error> {
        Credentials::from_option(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn basic_header_encodes_non_ascii_credentials_as_utf8() {
        // base64 of the UTF-8 bytes of "uživatel:heslo-žluť-🔑", worked out with a separate tool.
        let credentials = auth(r#"{"username":"uživatel","password":"heslo-žluť-🔑"}"#).unwrap();
        assert_eq!(
            credentials.header_value(),
            "Basic dcW+aXZhdGVsOmhlc2xvLcW+bHXFpS3wn5SR"
        );
    }

    #[test]
    fn basic_header_for_the_documented_user() {
        let credentials = auth(r#"{"username":"customer_interface","password":"abc"}"#).unwrap();
        assert_eq!(
            credentials.header_value(),
            "Basic Y3VzdG9tZXJfaW50ZXJmYWNlOmFiYw=="
        );
    }

    #[test]
    fn bearer_header_carries_the_token_as_is() {
        let credentials = auth(r#"{"token":"8fd6413615ac"}"#).unwrap();
        assert_eq!(credentials.header_value(), "Bearer 8fd6413615ac");
    }

    #[test]
    fn user_name_with_colon_is_rejected() {
        let error = auth(r#"{"username":"a:b","password":"p"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "auth.username must not contain ':' (RFC 7617)"
        );
    }

    #[test]
    fn mixed_incomplete_or_misspelt_auth_is_rejected_without_echoing_secrets() {
        let both = auth(r#"{"username":"u","password":"pw-secret","token":"tk-secret"}"#);
        let only_password = auth(r#"{"password":"pw-secret"}"#);
        let misspelt = auth(r#"{"user_name":"u","password":"pw-secret"}"#);
        let spaced_token = auth(r#"{"token":"tk secret"}"#);
        for result in [both, only_password, misspelt, spaced_token] {
            let text = result.unwrap_err().to_string();
            assert!(!text.contains("secret"), "{text}");
        }
        let misspelt = auth(r#"{"user_name":"u"}"#).unwrap_err().to_string();
        assert_eq!(
            misspelt,
            "unknown option auth.user_name; did you mean auth.username?"
        );
    }

    #[test]
    fn debug_output_redacts_secrets() {
        let credentials = auth(r#"{"username":"u","password":"pw-secret"}"#).unwrap();
        assert_eq!(
            format!("{credentials:?}"),
            "Basic { username: \"u\", password: <redacted> }"
        );
    }

    #[test]
    fn secrets_include_the_encoded_form() {
        let credentials = auth(r#"{"username":"customer_interface","password":"abc"}"#).unwrap();
        assert_eq!(
            credentials.secrets(),
            vec![
                "abc".to_owned(),
                "Y3VzdG9tZXJfaW50ZXJmYWNlOmFiYw==".to_owned()
            ]
        );
    }
}
