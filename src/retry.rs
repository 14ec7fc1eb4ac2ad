//! When to try a request again, and how long to wait first.
//!
//! Follows the provider's guidance: 429, 500, 502, 503, 504, network failures and timeouts are
//! retried with exponential backoff (about 1 s, 2 s, 4 s, ±20 % jitter, capped); a readable
//! `Retry-After` wins over the backoff; 4xx other than 429 is never retried.

use std::time::{Duration, UNIX_EPOCH};

use crate::error::Error;
use crate::options::{read_integer, read_object, unknown_key, OptionValue};

/// Share of the backoff that is randomised, so clients that failed together spread out.
const JITTER: f64 = 0.2;

/// How often and how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub retries: u32,
    /// The first backoff, doubled for each further retry.
    pub delay_ms: u64,
    /// The longest single wait, for backoff and `Retry-After` alike. A server asking for more
    /// makes the request fail at once instead of sleeping that long.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            delay_ms: 1_000,
            max_delay_ms: 30_000,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum RetryDecision {
    /// Wait this long, then send again.
    RetryAfter {
        /// The wait in milliseconds.
        delay_ms: u64,
    },
    /// Give up with this error.
    Fail,
}

impl RetryPolicy {
    /// Reads `query.retry`: `{ retries, delayMs, maxDelayMs }`, each optional.
    pub fn from_option(value: &OptionValue) -> Result<RetryPolicy, Error> {
        let mut policy = RetryPolicy::default();
        for (key, value) in read_object("retry", value)? {
            if value.is_null() {
                continue;
            }
            let field = format!("retry.{key}");
            match key.as_str() {
                "retries" => policy.retries = read_integer(&field, value, 0)?.min(100) as u32,
                "delayMs" => policy.delay_ms = read_integer(&field, value, 0)?,
                "maxDelayMs" => policy.max_delay_ms = read_integer(&field, value, 0)?,
                _ => {
                    return Err(unknown_key(
                        "retry.",
                        key,
                        &["retries", "delayMs", "maxDelayMs"],
                    ))
                }
            }
        }
        Ok(policy)
    }

    /// Decides after failed attempt number `attempt` (0 for the first). `random` is uniform in
    /// `[0, 1)`.
    pub fn decide(&self, attempt: u32, error: &Error, random: f64) -> RetryDecision {
        if attempt >= self.retries || !is_retryable(error) {
            return RetryDecision::Fail;
        }
        match error {
            Error::Http {
                retry_after_ms: Some(wait),
                ..
            } if *wait > self.max_delay_ms => RetryDecision::Fail,
            Error::Http {
                retry_after_ms: Some(wait),
                ..
            } => RetryDecision::RetryAfter { delay_ms: *wait },
            _ => RetryDecision::RetryAfter {
                delay_ms: self.backoff_ms(attempt, random),
            },
        }
    }

    /// `delay_ms · 2^attempt`, capped at `max_delay_ms`, ±20 % jitter (still within the cap).
    pub fn backoff_ms(&self, attempt: u32, random: f64) -> u64 {
        let doubled = self.delay_ms.saturating_mul(1u64 << attempt.min(32));
        let base = doubled.min(self.max_delay_ms) as f64;
        let jittered = base * (1.0 + JITTER * (2.0 * random.clamp(0.0, 1.0) - 1.0));
        (jittered.round() as u64).min(self.max_delay_ms)
    }
}

/// Whether trying again may help: overload, server failures, and no response at all.
pub fn is_retryable(error: &Error) -> bool {
    match error {
        Error::Http { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504),
        Error::Network { .. } | Error::Timeout { .. } => true,
        Error::InvalidQuery { .. } | Error::Decode { .. } | Error::Aborted => false,
    }
}

/// Reads a `Retry-After` value, delay-seconds or an HTTP-date, as a wait from `now_ms`
/// (milliseconds since the Unix epoch). A date in the past means no wait.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        let seconds: u64 = value.parse().unwrap_or(u64::MAX);
        return Some(seconds.saturating_mul(1000));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    let date_ms = date
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis() as f64;
    Some((date_ms - now_ms).max(0.0).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, retry_after_ms: Option<u64>) -> Error {
        Error::Http {
            status,
            status_text: String::new(),
            api_error: None,
            retry_after_ms,
        }
    }

    /// Sun, 06 Nov 1994 08:49:37 GMT, in milliseconds since the epoch.
    const NOV_6_1994: f64 = 784_111_777_000.0;

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after("120", 0.0), Some(120_000));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0));
    }

    #[test]
    fn retry_after_as_an_http_date_in_all_three_forms() {
        let now = NOV_6_1994 - 5_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(5_000)
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
            Some(5_000)
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:37 1994", now),
            Some(5_000)
        );
    }

    #[test]
    fn retry_after_in_the_past_means_now() {
        let later = NOV_6_1994 + 60_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", later),
            Some(0)
        );
    }

    #[test]
    fn unreadable_retry_after_is_ignored() {
        for bad in ["", "-5", "1.5", "soon", "Sun, 32 Nov 1994 08:49:37 GMT"] {
            assert_eq!(parse_retry_after(bad, 0.0), None, "{bad}");
        }
    }

    #[test]
    fn huge_delay_seconds_saturate_instead_of_overflowing() {
        assert_eq!(
            parse_retry_after("99999999999999999999999", 0.0),
            Some(u64::MAX)
        );
    }

    #[test]
    fn backoff_doubles_from_about_one_second_with_twenty_percent_jitter() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_ms(0, 0.5), 1_000);
        assert_eq!(policy.backoff_ms(1, 0.5), 2_000);
        assert_eq!(policy.backoff_ms(2, 0.5), 4_000);
        assert_eq!(policy.backoff_ms(0, 0.0), 800);
        assert_eq!(policy.backoff_ms(0, 1.0), 1_200);
    }

    #[test]
    fn backoff_is_capped_even_with_jitter() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_ms(10, 1.0), 30_000);
        assert_eq!(policy.backoff_ms(60, 0.0), 24_000);
    }

    #[test]
    fn retryable_statuses_and_failures() {
        for status in [429, 500, 502, 503, 504] {
            assert!(is_retryable(&http(status, None)), "{status}");
        }
        for status in [400, 401, 403, 404, 405] {
            assert!(!is_retryable(&http(status, None)), "{status}");
        }
        assert!(is_retryable(&Error::Network {
            message: String::new()
        }));
        assert!(is_retryable(&Error::Timeout { timeout_ms: 1 }));
        assert!(!is_retryable(&Error::Aborted));
    }

    #[test]
    fn retry_after_wins_over_backoff() {
        let decision = RetryPolicy::default().decide(0, &http(429, Some(2_000)), 0.9);
        assert_eq!(decision, RetryDecision::RetryAfter { delay_ms: 2_000 });
    }

    #[test]
    fn retry_after_beyond_the_maximum_fails_at_once() {
        let decision = RetryPolicy::default().decide(0, &http(429, Some(3_600_000)), 0.5);
        assert_eq!(decision, RetryDecision::Fail);
    }

    #[test]
    fn retries_stop_at_the_configured_count() {
        let policy = RetryPolicy {
            retries: 2,
            ..RetryPolicy::default()
        };
        assert!(matches!(
            policy.decide(1, &http(503, None), 0.5),
            RetryDecision::RetryAfter { .. }
        ));
        assert_eq!(policy.decide(2, &http(503, None), 0.5), RetryDecision::Fail);
    }

    #[test]
    fn retry_option_is_read_and_checked() {
        let value = serde_json::from_str(r#"{"retries":0,"delayMs":10}"#).unwrap();
        let policy = RetryPolicy::from_option(&value).unwrap();
        assert_eq!(
            (policy.retries, policy.delay_ms, policy.max_delay_ms),
            (0, 10, 30_000)
        );
        let misspelt = serde_json::from_str(r#"{"retry":1}"#).unwrap();
        assert_eq!(
            RetryPolicy::from_option(&misspelt).unwrap_err().to_string(),
            "unknown option retry.retry; known options are retries, delayMs, maxDelayMs"
        );
    }
}
