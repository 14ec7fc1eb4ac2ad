//! The interface root a query is sent to.

use crate::error::Error;

const FIELD: &str = "baseUrl";

/// A checked absolute `http:` or `https:` interface root, without trailing slashes.
///
/// The check is structural: scheme, a non-empty host, an optional numeric port, and nothing that
/// would change where the request goes (credentials, query, fragment, backslashes, whitespace).
/// Whether the host resolves is left to `fetch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    root: String,
}

impl BaseUrl {
    /// Checks `input` and keeps its path prefix.
    pub fn parse(input: &str) -> Result<BaseUrl, Error> {
        let input = input.trim();
        let (scheme, rest) = split_scheme(input)?;
        if input
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return Err(invalid(
                "baseUrl must not contain whitespace or backslashes",
            ));
        }
        if input.contains(['?', '#']) {
            return Err(invalid("baseUrl must not contain a query or fragment"));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        check_authority(authority)?;
        let root = format!("{scheme}://{authority}{}", path.trim_end_matches('/'));
        Ok(BaseUrl { root })
    }

    /// The URL of the resource, without query.
    pub fn resource_url(&self) -> String {
        format!("{}/customer-source-records", self.root)
    }

    /// The interface root as kept (trailing slashes removed, scheme lowercased).
    pub fn as_str(&self) -> &str {
        &self.root
    }
}

fn split_scheme(input: &str) -> Result<(&'static str, &str), Error> {
    let not_absolute = || invalid("baseUrl must be an absolute http: or https: URL");
    let (scheme, rest) = input.split_once("://").ok_or_else(not_absolute)?;
    if scheme.eq_ignore_ascii_case("https") {
        Ok(("https", rest))
    } else if scheme.eq_ignore_ascii_case("http") {
        Ok(("http", rest))
    } else {
        Err(not_absolute())
    }
}

fn check_authority(authority: &str) -> Result<(), Error> {
    if authority.contains('@') {
        return Err(invalid(
            "baseUrl must not contain credentials; pass them in auth",
        ));
    }
    let (host, port) = split_port(authority);
    if host.is_empty() || host == "[]" {
        return Err(invalid("baseUrl must name a host"));
    }
    match port {
        Some(port) if port.is_empty() || port.parse::<u16>().is_err() => Err(invalid(
            "baseUrl has a port that is not a number from 0 to 65535",
        )),
        _ => Ok(()),
    }
}

/// Splits `host:port`, minding IPv6 literals such as `[::1]:8080`.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let host_end = match authority.strip_prefix('[') {
        Some(rest) => rest.find(']').map_or(authority.len(), |end| end + 2),
        None => authority.find(':').unwrap_or(authority.len()),
    };
    let (host, after) = authority.split_at(host_end);
    (host, after.strip_prefix(':'))
}

fn invalid(message: &str) -> Error {
    Error::invalid(FIELD, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(input: &str) -> String {
        BaseUrl::parse(input).unwrap().as_str().to_owned()
    }

    fn message(input: &str) -> String {
        BaseUrl::parse(input).unwrap_err().to_string()
    }

    #[test]
    fn path_prefix_is_kept_and_trailing_slashes_dropped() {
        let url = "https://shop.example.test/webservice/rest-api/customer-interface/v1.0/";
        assert_eq!(
            BaseUrl::parse(url).unwrap().resource_url(),
            "https://shop.example.test/webservice/rest-api/customer-interface/v1.0\
             /customer-source-records"
        );
        assert_eq!(root("http://127.0.0.1:8787//"), "http://127.0.0.1:8787");
    }

    #[test]
    fn scheme_is_matched_in_any_case_and_kept_lower_case() {
        assert_eq!(
            root("HTTPS://Shop.example.test/api"),
            "https://Shop.example.test/api"
        );
    }

    #[test]
    fn ipv6_hosts_with_ports_are_accepted() {
        assert_eq!(root("http://[::1]:8080/v1"), "http://[::1]:8080/v1");
    }

    #[test]
    fn relative_and_non_http_urls_are_rejected() {
        for bad in [
            "/rest-api/v1.0",
            "shop.example.test/v1",
            "ftp://shop/v1",
            "file:///x",
        ] {
            assert_eq!(
                message(bad),
                "baseUrl must be an absolute http: or https: URL",
                "{bad}"
            );
        }
    }

    #[test]
    fn urls_with_credentials_are_rejected_without_echoing_them() {
        let text = message("https://user:s3cret@shop.example.test/v1");
        assert_eq!(
            text,
            "baseUrl must not contain credentials; pass them in auth"
        );
    }

    #[test]
    fn query_fragment_whitespace_and_bad_ports_are_rejected() {
        assert_eq!(
            message("https://h/v1?x=1"),
            "baseUrl must not contain a query or fragment"
        );
        assert_eq!(
            message("https://h/v1#top"),
            "baseUrl must not contain a query or fragment"
        );
        assert_eq!(
            message("https://h/v 1"),
            "baseUrl must not contain whitespace or backslashes"
        );
        assert_eq!(
            message("https://h:99999/v1"),
            "baseUrl has a port that is not a number from 0 to 65535"
        );
        assert_eq!(message("https:///v1"), "baseUrl must name a host");
    }
}
