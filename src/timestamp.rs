//! The API's wall-clock timestamps, `YYYY-MM-DD HH:MM:SS`, without any time zone.

/// Whether `text` is a well-formed `YYYY-MM-DD HH:MM:SS` with plausible ranges.
///
/// Such strings order correctly as plain text, which is why the crate never turns them into
/// dates: a wall-clock time in the project's zone means the same in every caller's zone.
pub fn is_wall_clock(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 19 || !separators_match(bytes) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| digits(&bytes[range]);
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) = (number(11..13), number(14..16), number(17..19))
    else {
        return false;
    };
    (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60
}

fn separators_match(bytes: &[u8]) -> bool {
    bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[16] == b':'
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_is_accepted() {
        assert!(is_wall_clock("2021-04-07 11:54:23"));
    }

    #[test]
    fn leap_days_follow_the_gregorian_rule() {
        assert!(is_wall_clock("2024-02-29 00:00:00"));
        assert!(is_wall_clock("2000-02-29 00:00:00"));
        assert!(!is_wall_clock("1900-02-29 00:00:00"));
        assert!(!is_wall_clock("2023-02-29 00:00:00"));
    }

    #[test]
    fn other_shapes_and_out_of_range_parts_are_rejected() {
        for bad in [
            "2021-04-07T11:54:23",
            "2021-04-07 11:54:23Z",
            "2021-4-07 11:54:23",
            "2021-13-07 11:54:23",
            "2021-04-31 11:54:23",
            "2021-04-07 24:00:00",
            "2021-04-07 11:60:00",
            "2021-04-07",
            "",
            "２021-04-07 11:54:2",
        ] {
            assert!(!is_wall_clock(bad), "{bad}");
        }
    }
}
