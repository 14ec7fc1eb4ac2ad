//! The caller's query: where to send, how to authenticate, and the server-side parameters.

use crate::auth::Credentials;
use crate::base_url::BaseUrl;
use crate::error::Error;
use crate::options::{
    read_integer, read_non_empty_string, read_string, unknown_key, wrong_type, OptionValue,
};
use crate::record::RecordField;
use crate::retry::RetryPolicy;

/// The `Accept-Language` the API documents as its default.
pub const DEFAULT_LANGUAGE: &str = "cs, en-gb;q=0.8";

/// The page size the API uses when `count` is not sent.
pub const DEFAULT_COUNT: u64 = 100;

/// The most values the API takes in `external_ids[]`.
pub const MAX_EXTERNAL_IDS: usize = 1000;

/// The time limit of one attempt when `timeoutMs` is not given.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// The longest time limit `setTimeout` can hold.
const MAX_TIMEOUT_MS: u64 = 2_147_483_647;

/// Options that hold JS objects (an `AbortSignal`, a function). The JS layer takes them out
/// before the rest is read here.
pub const HOOK_KEYS: [&str; 2] = ["signal", "onRetry"];

/// Option names `fetchSourceRecords` accepts, as the caller spells them.
pub const QUERY_KEYS: [&str; 15] = [
    "baseUrl",
    "auth",
    "language",
    "count",
    "offset",
    "sortField",
    "sortDirection",
    "customerId",
    "externalId",
    "externalIds",
    "customerSourceId",
    "retry",
    "timeoutMs",
    "signal",
    "onRetry",
];

/// `ASC` or `DESC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// Ascending, the server's default.
    Asc,
    /// Descending.
    Desc,
}

impl SortDirection {
    /// Reads a direction in any case.
    pub fn parse(field: &str, text: &str) -> Result<SortDirection, Error> {
        if text.eq_ignore_ascii_case("asc") {
            Ok(SortDirection::Asc)
        } else if text.eq_ignore_ascii_case("desc") {
            Ok(SortDirection::Desc)
        } else {
            Err(Error::invalid(
                field,
                format!("{field} must be ASC or DESC"),
            ))
        }
    }

    /// The form the API takes.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "ASC",
            SortDirection::Desc => "DESC",
        }
    }
}

/// The documented query parameters; `None` means "not sent".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerParams {
    /// `count`: records to return, at least 1.
    pub count: Option<u64>,
    /// `offset`: records to skip.
    pub offset: Option<u64>,
    /// `sort_field`.
    pub sort_field: Option<RecordField>,
    /// `sort_direction`.
    pub sort_direction: Option<SortDirection>,
    /// `customer_id`: exact match.
    pub customer_id: Option<String>,
    /// `external_id`: exact match (deprecated by the API in favour of `external_ids`).
    pub external_id: Option<String>,
    /// `external_ids[]`: any of up to 1000 values.
    pub external_ids: Option<Vec<String>>,
    /// `customer_source_id`: exact match.
    pub customer_source_id: Option<String>,
}

/// A checked query, ready to be turned into a request.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRecordQuery {
    /// The interface root.
    pub base_url: BaseUrl,
    /// Credentials, when the caller gave them.
    pub auth: Option<Credentials>,
    /// The `Accept-Language` value.
    pub language: String,
    /// The server-side parameters.
    pub params: ServerParams,
    /// When to retry.
    pub retry: RetryPolicy,
    /// The time limit of each attempt.
    pub timeout_ms: u64,
}

impl SourceRecordQuery {
    /// Checks a query object; the first problem found is returned.
    pub fn from_options(value: &OptionValue) -> Result<SourceRecordQuery, Error> {
        let OptionValue::Object(entries) = value else {
            return Err(wrong_type("query", "an object", value));
        };
        let mut base_url = None;
        let mut query = QueryParts::default();
        for (key, value) in entries.iter().filter(|(_, value)| !value.is_null()) {
            if key == "baseUrl" {
                base_url = Some(BaseUrl::parse(&read_string(key, value)?)?);
            } else {
                query.read(key, value)?;
            }
        }
        let base_url = base_url.ok_or_else(|| {
            Error::invalid(
                "baseUrl",
                "baseUrl is required: the API root, \
                 e.g. https://shop.example/rest-api/customer-interface/v1.0",
            )
        })?;
        Ok(SourceRecordQuery {
            base_url,
            auth: query.auth,
            language: query
                .language
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
            params: query.params,
            retry: query.retry.unwrap_or_default(),
            timeout_ms: query.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        })
    }

    /// The page size the server will use.
    pub fn effective_count(&self) -> u64 {
        self.params.count.unwrap_or(DEFAULT_COUNT)
    }

    /// The offset the server will use.
    pub fn effective_offset(&self) -> u64 {
        self.params.offset.unwrap_or(0)
    }
}

/// Everything but `baseUrl`, gathered while reading the entries.
#[derive(Default)]
struct QueryParts {
    auth: Option<Credentials>,
    language: Option<String>,
    params: ServerParams,
    retry: Option<RetryPolicy>,
    timeout_ms: Option<u64>,
}

impl QueryParts {
    fn read(&mut self, key: &str, value: &OptionValue) -> Result<(), Error> {
        let params = &mut self.params;
        match key {
            "auth" => self.auth = Some(Credentials::from_option(value)?),
            "language" => self.language = Some(read_language(value)?),
            "count" => params.count = Some(read_integer(key, value, 1)?),
            "offset" => params.offset = Some(read_integer(key, value, 0)?),
            "sortField" => params.sort_field = Some(read_sort_field(value)?),
            "sortDirection" => {
                let text = read_string(key, value)?;
                params.sort_direction = Some(SortDirection::parse(key, &text)?);
            }
            "customerId" => params.customer_id = Some(read_non_empty_string(key, value)?),
            "externalId" => params.external_id = Some(read_non_empty_string(key, value)?),
            "externalIds" => params.external_ids = Some(read_external_ids(value)?),
            "customerSourceId" => {
                params.customer_source_id = Some(read_non_empty_string(key, value)?)
            }
            "retry" => self.retry = Some(RetryPolicy::from_option(value)?),
            "timeoutMs" => self.timeout_ms = Some(read_timeout(value)?),
            _ if HOOK_KEYS.contains(&key) => {}
            _ => return Err(unknown_key("", key, &QUERY_KEYS)),
        }
        Ok(())
    }
}

fn read_timeout(value: &OptionValue) -> Result<u64, Error> {
    let timeout_ms = read_integer("timeoutMs", value, 1)?;
    if timeout_ms > MAX_TIMEOUT_MS {
        return Err(Error::invalid(
            "timeoutMs",
            format!("timeoutMs must be at most {MAX_TIMEOUT_MS}"),
        ));
    }
    Ok(timeout_ms)
}

fn read_sort_field(value: &OptionValue) -> Result<RecordField, Error> {
    let name = read_string("sortField", value)?;
    RecordField::from_api_name(&name).ok_or_else(|| {
        Error::invalid(
            "sortField",
            format!("sortField must be one of {}", RecordField::api_names()),
        )
    })
}

fn read_external_ids(value: &OptionValue) -> Result<Vec<String>, Error> {
    let OptionValue::Array(items) = value else {
        return Err(wrong_type("externalIds", "an array of strings", value));
    };
    if items.is_empty() {
        return Err(Error::invalid(
            "externalIds",
            "externalIds must hold at least one id; leave it out to match any",
        ));
    }
    if items.len() > MAX_EXTERNAL_IDS {
        return Err(Error::invalid(
            "externalIds",
            format!(
                "externalIds takes at most {MAX_EXTERNAL_IDS} ids, got {}",
                items.len()
            ),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| read_non_empty_string(&format!("externalIds[{index}]"), item))
        .collect()
}

/// A header value must be visible ASCII, spaces and tabs; `fetch` throws on anything else.
fn read_language(value: &OptionValue) -> Result<String, Error> {
    let language = read_non_empty_string("language", value)?;
    let is_header_safe = language
        .bytes()
        .all(|byte| byte.is_ascii_graphic() || byte == b' ' || byte == b'\t');
    if !is_header_safe {
        return Err(Error::invalid(
            "language",
            "language must be an Accept-Language value in printable ASCII, e.g. cs, en-gb;q=0.8",
        ));
    }
    Ok(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(json: &str) -> Result<SourceRecordQuery, Error> {
        SourceRecordQuery::from_options(&serde_json::from_str(json).unwrap())
    }

    fn rejection(json: &str) -> String {
        query(json).unwrap_err().to_string()
    }

    #[test]
    fn minimal_query_uses_documented_defaults() {
        let parsed = query(r#"{"baseUrl":"https://h/v1"}"#).unwrap();
        assert_eq!(parsed.language, "cs, en-gb;q=0.8");
        assert_eq!(parsed.params, ServerParams::default());
        assert_eq!(
            (parsed.effective_count(), parsed.effective_offset()),
            (100, 0)
        );
        assert_eq!(parsed.auth, None);
    }

    #[test]
    fn null_values_count_as_not_given() {
        let parsed = query(r#"{"baseUrl":"https://h/v1","count":null,"auth":null}"#).unwrap();
        assert_eq!(parsed.params.count, None);
        assert_eq!(parsed.auth, None);
    }

    #[test]
    fn every_server_parameter_is_read() {
        let parsed = query(
            r#"{"baseUrl":"https://h/v1","count":5,"offset":10,"sortField":"last_change",
                "sortDirection":"desc","customerId":"c1","externalId":"e1",
                "externalIds":["a","b"],"customerSourceId":"s1"}"#,
        )
        .unwrap();
        let expected = ServerParams {
            count: Some(5),
            offset: Some(10),
            sort_field: Some(RecordField::LastChange),
            sort_direction: Some(SortDirection::Desc),
            customer_id: Some("c1".into()),
            external_id: Some("e1".into()),
            external_ids: Some(vec!["a".into(), "b".into()]),
            customer_source_id: Some("s1".into()),
        };
        assert_eq!(parsed.params, expected);
    }

    #[test]
    fn missing_base_url_is_rejected() {
        assert!(rejection(r#"{"count":5}"#).starts_with("baseUrl is required"));
    }

    #[test]
    fn non_object_query_is_rejected() {
        assert_eq!(
            rejection(r#""https://h""#),
            "query must be an object, not a string"
        );
    }

    #[test]
    fn out_of_range_count_and_offset_are_rejected() {
        let base = r#""baseUrl":"https://h/v1""#;
        assert_eq!(
            rejection(&format!("{{{base},\"count\":0}}")),
            "count must be an integer from 1 to 9007199254740991"
        );
        assert_eq!(
            rejection(&format!("{{{base},\"offset\":-1}}")),
            "offset must be an integer from 0 to 9007199254740991"
        );
        assert_eq!(
            rejection(&format!("{{{base},\"offset\":2.5}}")),
            "offset must be an integer from 0 to 9007199254740991"
        );
    }

    #[test]
    fn unknown_sort_field_and_direction_are_rejected() {
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","sortField":"customerId"}"#),
            "sortField must be one of customer_source_record_id, customer_source_id, \
             customer_id, external_id, last_change"
        );
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","sortDirection":"up"}"#),
            "sortDirection must be ASC or DESC"
        );
    }

    #[test]
    fn empty_ids_are_rejected() {
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","customerId":""}"#),
            "customerId must not be empty"
        );
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","externalIds":["a",""]}"#),
            "externalIds[1] must not be empty"
        );
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","externalIds":[]}"#),
            "externalIds must hold at least one id; leave it out to match any"
        );
    }

    #[test]
    fn a_thousand_external_ids_pass_and_one_more_is_rejected() {
        let ids = |n: usize| {
            (0..n)
                .map(|i| format!("\"e{i}\""))
                .collect::<Vec<_>>()
                .join(",")
        };
        let json = |n| format!(r#"{{"baseUrl":"https://h","externalIds":[{}]}}"#, ids(n));
        assert_eq!(
            query(&json(1000))
                .unwrap()
                .params
                .external_ids
                .unwrap()
                .len(),
            1000
        );
        assert_eq!(
            rejection(&json(1001)),
            "externalIds takes at most 1000 ids, got 1001"
        );
    }

    #[test]
    fn snake_case_option_names_get_the_right_spelling() {
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","customer_id":"c"}"#),
            "unknown option customer_id; did you mean customerId?"
        );
        assert_eq!(
            rejection(r#"{"base_url":"https://h"}"#),
            "unknown option base_url; did you mean baseUrl?"
        );
    }

    #[test]
    fn retry_and_timeout_default_to_the_documented_guidance() {
        let parsed = query(r#"{"baseUrl":"https://h"}"#).unwrap();
        assert_eq!(parsed.retry, RetryPolicy::default());
        assert_eq!(parsed.timeout_ms, 30_000);
        let parsed = query(r#"{"baseUrl":"https://h","timeoutMs":250,"retry":{"retries":0}}"#);
        let parsed = parsed.unwrap();
        assert_eq!((parsed.timeout_ms, parsed.retry.retries), (250, 0));
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","timeoutMs":0}"#),
            "timeoutMs must be an integer from 1 to 9007199254740991"
        );
    }

    #[test]
    fn misspelt_hook_names_get_the_right_spelling() {
        assert_eq!(
            rejection(r#"{"baseUrl":"https://h","on_retry":1}"#),
            "unknown option on_retry; did you mean onRetry?"
        );
    }

    #[test]
    fn language_with_line_breaks_is_rejected() {
        assert!(
            rejection(r#"{"baseUrl":"https://h","language":"cs\r\nX: y"}"#)
                .starts_with("language must be an Accept-Language value")
        );
    }
}
