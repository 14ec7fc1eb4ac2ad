//! JavaScript's string order (`<` on strings, UTF-16 code units) for UTF-8 text.
//!
//! Byte order of UTF-8 is code point order, which agrees with UTF-16 order everywhere except
//! between U+E000..=U+FFFF and the characters above U+FFFF: UTF-16 writes the latter as
//! surrogates (0xD800..=0xDFFF), so they sort *before* U+E000 in JavaScript. Only the lead bytes
//! of those two groups need swapping: 0xEE and 0xEF start U+E000..=U+FFFF, 0xF0..=0xF4 start the
//! characters above U+FFFF. Continuation bytes (0x80..=0xBF) are never affected, and two strings
//! first differ either at a lead byte or inside the same kind of character.

use std::cmp::Ordering;

/// A byte's weight in UTF-16 order: lead bytes of U+E000..=U+FFFF move above those of the
/// supplementary planes, everything else keeps its value.
#[inline]
pub fn utf16_weight(byte: u8) -> u8 {
    match byte {
        0xf0..=0xf4 => byte - 2,
        0xee | 0xef => byte + 5,
        _ => byte,
    }
}

/// Compares two strings exactly as JavaScript's `<` and `>` would.
pub fn compare_utf16(left: &str, right: &str) -> Ordering {
    let (left, right) = (left.as_bytes(), right.as_bytes());
    match left.iter().zip(right).position(|(a, b)| a != b) {
        Some(at) => utf16_weight(left[at]).cmp(&utf16_weight(right[at])),
        None => left.len().cmp(&right.len()),
    }
}

/// Eight bytes of `text` from byte `depth` on, in UTF-16 weights, big-endian, padded with
/// zeros: when two strings agree before `depth` and their chunks differ, the chunks order as
/// [`compare_utf16`] orders the whole strings.
#[inline]
pub fn utf16_chunk(text: &str, depth: usize) -> u64 {
    let mut chunk = [0u8; 8];
    let bytes = text.as_bytes().get(depth..).unwrap_or_default();
    for (slot, byte) in chunk.iter_mut().zip(bytes) {
        *slot = utf16_weight(*byte);
    }
    u64::from_be_bytes(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: compare the UTF-16 code units themselves.
    fn by_code_units(left: &str, right: &str) -> Ordering {
        left.encode_utf16().cmp(right.encode_utf16())
    }

    const SAMPLES: &[&str] = &[
        "",
        "a",
        "ab",
        "a\u{0}",
        "B",
        "á",
        "ž",
        "\u{7ff}",
        "\u{800}",
        "\u{d7ff}",
        "\u{e000}",
        "\u{fffd}",
        "\u{ffff}",
        "\u{10000}",
        "😀",
        "😀a",
        "\u{10ffff}",
        "\u{e000}x",
        "x\u{ffff}",
        "x😀",
        "Žluťoučký",
        "žluťoučký",
    ];

    #[test]
    fn characters_above_the_bmp_sort_before_private_use_and_specials_as_in_javascript() {
        assert_eq!(compare_utf16("😀", "\u{e000}"), Ordering::Less);
        assert_eq!(compare_utf16("\u{ffff}", "\u{10000}"), Ordering::Greater);
        assert_eq!(
            "😀".cmp("\u{e000}"),
            Ordering::Greater,
            "Rust's own order differs"
        );
    }

    #[test]
    fn every_pair_of_samples_orders_as_utf16_code_units() {
        for left in SAMPLES {
            for right in SAMPLES {
                assert_eq!(
                    compare_utf16(left, right),
                    by_code_units(left, right),
                    "{left:?} vs {right:?}"
                );
            }
        }
    }

    #[test]
    fn differing_prefixes_agree_with_the_whole_comparison() {
        for left in SAMPLES {
            for right in SAMPLES {
                let prefixes = utf16_chunk(left, 0).cmp(&utf16_chunk(right, 0));
                if prefixes != Ordering::Equal {
                    assert_eq!(
                        prefixes,
                        by_code_units(left, right),
                        "{left:?} vs {right:?}"
                    );
                }
            }
        }
    }
}
