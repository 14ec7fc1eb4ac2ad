//! The exact request a query becomes: URL with encoded parameters, and headers.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::query::SourceRecordQuery;

/// Everything but RFC 3986's unreserved characters is encoded, so a value can never end a
/// parameter (`&`), start a fragment (`#`) or turn into a space (`+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The full URL of the request, parameters in the API's documented order.
pub fn request_url(query: &SourceRecordQuery) -> String {
    let pairs = query_pairs(query);
    let mut url = query.base_url.resource_url();
    for (index, (name, value)) in pairs.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(name);
        url.push('=');
        url.extend(utf8_percent_encode(value, QUERY_VALUE));
    }
    url
}

/// The parameters that were given, unencoded. `external_ids[]` keeps its brackets literally,
/// as the API documents it; servers read `%5B%5D` the same way.
fn query_pairs(query: &SourceRecordQuery) -> Vec<(&'static str, String)> {
    let params = &query.params;
    let mut pairs = Vec::new();
    let mut push = |name, value: Option<String>| {
        if let Some(value) = value {
            pairs.push((name, value));
        }
    };
    push("count", params.count.map(|n| n.to_string()));
    push("offset", params.offset.map(|n| n.to_string()));
    push(
        "sort_field",
        params.sort_field.map(|f| f.api_name().to_owned()),
    );
    push(
        "sort_direction",
        params.sort_direction.map(|d| d.as_str().to_owned()),
    );
    push("customer_id", params.customer_id.clone());
    push("external_id", params.external_id.clone());
    push("customer_source_id", params.customer_source_id.clone());
    for id in params.external_ids.iter().flatten() {
        push("external_ids[]", Some(id.clone()));
    }
    pairs
}

/// The request headers. The `Authorization` value is a secret: never log this list.
pub fn request_headers(query: &SourceRecordQuery) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("Accept", "application/json".to_owned()),
        ("Accept-Language", query.language.clone()),
    ];
    if let Some(credentials) = &query.auth {
        headers.push(("Authorization", credentials.header_value()));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(json: &str) -> SourceRecordQuery {
        SourceRecordQuery::from_options(&serde_json::from_str(json).unwrap()).unwrap()
    }

    #[test]
    fn query_without_parameters_has_no_question_mark() {
        let url = request_url(&query(
            r#"{"baseUrl":"https://shop.example.test/rest-api/v1.0/"}"#,
        ));
        assert_eq!(
            url,
            "https://shop.example.test/rest-api/v1.0/customer-source-records"
        );
    }

    #[test]
    fn parameters_follow_the_documented_order_and_names() {
        let url = request_url(&query(
            r#"{"baseUrl":"http://127.0.0.1:8787/api","customerSourceId":"s1","count":50,
                "offset":100,"sortDirection":"desc","sortField":"last_change",
                "customerId":"c1","externalId":"e1"}"#,
        ));
        assert_eq!(
            url,
            "http://127.0.0.1:8787/api/customer-source-records?count=50&offset=100\
             &sort_field=last_change&sort_direction=DESC&customer_id=c1&external_id=e1\
             &customer_source_id=s1"
        );
    }

    #[test]
    fn reserved_characters_spaces_and_non_ascii_are_percent_encoded() {
        let url = request_url(&query(
            r#"{"baseUrl":"https://h","customerId":"a&b=c#d+e f/g?h%i","externalId":"Žluť 🔑"}"#,
        ));
        assert_eq!(
            url,
            "https://h/customer-source-records?customer_id=a%26b%3Dc%23d%2Be%20f%2Fg%3Fh%25i\
             &external_id=%C5%BDlu%C5%A5%20%F0%9F%94%91"
        );
    }

    #[test]
    fn external_ids_are_repeated_with_literal_brackets() {
        let url = request_url(&query(
            r#"{"baseUrl":"https://h","externalIds":["x 1","y&2"]}"#,
        ));
        assert_eq!(
            url,
            "https://h/customer-source-records?external_ids[]=x%201&external_ids[]=y%262"
        );
    }

    #[test]
    fn headers_carry_accept_language_and_authorization() {
        let headers = request_headers(&query(
            r#"{"baseUrl":"https://h","language":"en","auth":{"token":"t0k"}}"#,
        ));
        assert_eq!(
            headers,
            vec![
                ("Accept", "application/json".to_owned()),
                ("Accept-Language", "en".to_owned()),
                ("Authorization", "Bearer t0k".to_owned()),
            ]
        );
    }

    #[test]
    fn no_authorization_header_without_auth() {
        let headers = request_headers(&query(r#"{"baseUrl":"https://h"}"#));
        assert_eq!(headers.len(), 2);
        assert_eq!(
            headers[1],
            ("Accept-Language", "cs, en-gb;q=0.8".to_owned())
        );
    }
}
