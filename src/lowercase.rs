//! Unicode's default lowercase mapping of one character, from a compact table.
//!
//! `char::to_lowercase` carries core's full mapping table (about 11.7 KB in the .wasm). The
//! mapping is regular: long runs of letters move by the same distance, every letter or every
//! other one. [`RUNS`] stores those runs, about 2 KB. The table was derived from
//! `char::to_lowercase` of the compiler that built it, and a test compares the two on every
//! code point, so a Rust upgrade with a newer Unicode shows up as a failing test, not as a
//! silent difference. Rebuild it with `cargo test -- --ignored --nocapture print_runs`.

/// Non-ASCII characters whose lowercase is one other character: `count` of them from `start`,
/// `stride` apart, each moved by `delta` code points.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    delta: i32,
    count: u8,
    stride: u8,
}

const fn run(start: u32, count: u8, stride: u8, delta: i32) -> Run {
    Run {
        start,
        delta,
        count,
        stride,
    }
}

/// `İ` (U+0130), the one character whose lowercase is two: `i` and a combining dot above.
const CAPITAL_I_WITH_DOT: char = '\u{130}';

/// Appends the lowercase of `c` to `out`, as `String.prototype.toLowerCase()` does to a string
/// of that one character.
pub fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == CAPITAL_I_WITH_DOT {
        out.push_str("i\u{307}");
    } else {
        out.push(lowercase_of_one(c));
    }
}

/// The lowercase of a non-ASCII character other than `İ`: itself when it has none.
fn lowercase_of_one(c: char) -> char {
    let code = u32::from(c);
    let after = RUNS.partition_point(|run| run.start <= code);
    let Some(run) = after.checked_sub(1).and_then(|index| RUNS.get(index)) else {
        return c;
    };
    let offset = code - run.start;
    let stride = u32::from(run.stride);
    if offset % stride != 0 || offset / stride >= u32::from(run.count) {
        return c;
    }
    code.checked_add_signed(run.delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

#[rustfmt::skip]
const RUNS: [Run; 184] = [
    run(0x00C0, 23, 1, 32),
    run(0x00D8, 7, 1, 32),
    run(0x0100, 24, 2, 1),
    run(0x0132, 3, 2, 1),
    run(0x0139, 8, 2, 1),
    run(0x014A, 23, 2, 1),
    run(0x0178, 1, 1, -121),
    run(0x0179, 3, 2, 1),
    run(0x0181, 1, 1, 210),
    run(0x0182, 2, 2, 1),
    run(0x0186, 1, 1, 206),
    run(0x0187, 1, 1, 1),
    run(0x0189, 2, 1, 205),
    run(0x018B, 1, 1, 1),
    run(0x018E, 1, 1, 79),
    run(0x018F, 1, 1, 202),
    run(0x0190, 1, 1, 203),
    run(0x0191, 1, 1, 1),
    run(0x0193, 1, 1, 205),
    run(0x0194, 1, 1, 207),
    run(0x0196, 1, 1, 211),
    run(0x0197, 1, 1, 209),
    run(0x0198, 1, 1, 1),
    run(0x019C, 1, 1, 211),
    run(0x019D, 1, 1, 213),
    run(0x019F, 1, 1, 214),
    run(0x01A0, 3, 2, 1),
    run(0x01A6, 1, 1, 218),
    run(0x01A7, 1, 1, 1),
    run(0x01A9, 1, 1, 218),
    run(0x01AC, 1, 1, 1),
    run(0x01AE, 1, 1, 218),
    run(0x01AF, 1, 1, 1),
    run(0x01B1, 2, 1, 217),
    run(0x01B3, 2, 2, 1),
    run(0x01B7, 1, 1, 219),
    run(0x01B8, 1, 1, 1),
    run(0x01BC, 1, 1, 1),
    run(0x01C4, 1, 1, 2),
    run(0x01C5, 1, 1, 1),
    run(0x01C7, 1, 1, 2),
    run(0x01C8, 1, 1, 1),
    run(0x01CA, 1, 1, 2),
    run(0x01CB, 9, 2, 1),
    run(0x01DE, 9, 2, 1),
    run(0x01F1, 1, 1, 2),
    run(0x01F2, 2, 2, 1),
    run(0x01F6, 1, 1, -97),
    run(0x01F7, 1, 1, -56),
    run(0x01F8, 20, 2, 1),
    run(0x0220, 1, 1, -130),
    run(0x0222, 9, 2, 1),
    run(0x023A, 1, 1, 10795),
    run(0x023B, 1, 1, 1),
    run(0x023D, 1, 1, -163),
    run(0x023E, 1, 1, 10792),
    run(0x0241, 1, 1, 1),
    run(0x0243, 1, 1, -195),
    run(0x0244, 1, 1, 69),
    run(0x0245, 1, 1, 71),
    run(0x0246, 5, 2, 1),
    run(0x0370, 2, 2, 1),
    run(0x0376, 1, 1, 1),
    run(0x037F, 1, 1, 116),
    run(0x0386, 1, 1, 38),
    run(0x0388, 3, 1, 37),
    run(0x038C, 1, 1, 64),
    run(0x038E, 2, 1, 63),
    run(0x0391, 17, 1, 32),
    run(0x03A3, 9, 1, 32),
    run(0x03CF, 1, 1, 8),
    run(0x03D8, 12, 2, 1),
    run(0x03F4, 1, 1, -60),
    run(0x03F7, 1, 1, 1),
    run(0x03F9, 1, 1, -7),
    run(0x03FA, 1, 1, 1),
    run(0x03FD, 3, 1, -130),
    run(0x0400, 16, 1, 80),
    run(0x0410, 32, 1, 32),
    run(0x0460, 17, 2, 1),
    run(0x048A, 27, 2, 1),
    run(0x04C0, 1, 1, 15),
    run(0x04C1, 7, 2, 1),
    run(0x04D0, 48, 2, 1),
    run(0x0531, 38, 1, 48),
    run(0x10A0, 38, 1, 7264),
    run(0x10C7, 1, 1, 7264),
    run(0x10CD, 1, 1, 7264),
    run(0x13A0, 80, 1, 38864),
    run(0x13F0, 6, 1, 8),
    run(0x1C89, 1, 1, 1),
    run(0x1C90, 43, 1, -3008),
    run(0x1CBD, 3, 1, -3008),
    run(0x1E00, 75, 2, 1),
    run(0x1E9E, 1, 1, -7615),
    run(0x1EA0, 48, 2, 1),
    run(0x1F08, 8, 1, -8),
    run(0x1F18, 6, 1, -8),
    run(0x1F28, 8, 1, -8),
    run(0x1F38, 8, 1, -8),
    run(0x1F48, 6, 1, -8),
    run(0x1F59, 4, 2, -8),
    run(0x1F68, 8, 1, -8),
    run(0x1F88, 8, 1, -8),
    run(0x1F98, 8, 1, -8),
    run(0x1FA8, 8, 1, -8),
    run(0x1FB8, 2, 1, -8),
    run(0x1FBA, 2, 1, -74),
    run(0x1FBC, 1, 1, -9),
    run(0x1FC8, 4, 1, -86),
    run(0x1FCC, 1, 1, -9),
    run(0x1FD8, 2, 1, -8),
    run(0x1FDA, 2, 1, -100),
    run(0x1FE8, 2, 1, -8),
    run(0x1FEA, 2, 1, -112),
    run(0x1FEC, 1, 1, -7),
    run(0x1FF8, 2, 1, -128),
    run(0x1FFA, 2, 1, -126),
    run(0x1FFC, 1, 1, -9),
    run(0x2126, 1, 1, -7517),
    run(0x212A, 1, 1, -8383),
    run(0x212B, 1, 1, -8262),
    run(0x2132, 1, 1, 28),
    run(0x2160, 16, 1, 16),
    run(0x2183, 1, 1, 1),
    run(0x24B6, 26, 1, 26),
    run(0x2C00, 48, 1, 48),
    run(0x2C60, 1, 1, 1),
    run(0x2C62, 1, 1, -10743),
    run(0x2C63, 1, 1, -3814),
    run(0x2C64, 1, 1, -10727),
    run(0x2C67, 3, 2, 1),
    run(0x2C6D, 1, 1, -10780),
    run(0x2C6E, 1, 1, -10749),
    run(0x2C6F, 1, 1, -10783),
    run(0x2C70, 1, 1, -10782),
    run(0x2C72, 1, 1, 1),
    run(0x2C75, 1, 1, 1),
    run(0x2C7E, 2, 1, -10815),
    run(0x2C80, 50, 2, 1),
    run(0x2CEB, 2, 2, 1),
    run(0x2CF2, 1, 1, 1),
    run(0xA640, 23, 2, 1),
    run(0xA680, 14, 2, 1),
    run(0xA722, 7, 2, 1),
    run(0xA732, 31, 2, 1),
    run(0xA779, 2, 2, 1),
    run(0xA77D, 1, 1, -35332),
    run(0xA77E, 5, 2, 1),
    run(0xA78B, 1, 1, 1),
    run(0xA78D, 1, 1, -42280),
    run(0xA790, 2, 2, 1),
    run(0xA796, 10, 2, 1),
    run(0xA7AA, 1, 1, -42308),
    run(0xA7AB, 1, 1, -42319),
    run(0xA7AC, 1, 1, -42315),
    run(0xA7AD, 1, 1, -42305),
    run(0xA7AE, 1, 1, -42308),
    run(0xA7B0, 1, 1, -42258),
    run(0xA7B1, 1, 1, -42282),
    run(0xA7B2, 1, 1, -42261),
    run(0xA7B3, 1, 1, 928),
    run(0xA7B4, 8, 2, 1),
    run(0xA7C4, 1, 1, -48),
    run(0xA7C5, 1, 1, -42307),
    run(0xA7C6, 1, 1, -35384),
    run(0xA7C7, 2, 2, 1),
    run(0xA7CB, 1, 1, -42343),
    run(0xA7CC, 8, 2, 1),
    run(0xA7DC, 1, 1, -42561),
    run(0xA7F5, 1, 1, 1),
    run(0xFF21, 26, 1, 32),
    run(0x10400, 40, 1, 40),
    run(0x104B0, 36, 1, 40),
    run(0x10570, 11, 1, 39),
    run(0x1057C, 15, 1, 39),
    run(0x1058C, 7, 1, 39),
    run(0x10594, 2, 1, 39),
    run(0x10C80, 51, 1, 64),
    run(0x10D50, 22, 1, 32),
    run(0x118A0, 32, 1, 32),
    run(0x16E40, 32, 1, 32),
    run(0x16EA0, 25, 1, 27),
    run(0x1E900, 34, 1, 34),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn lowercase(c: char) -> String {
        let mut out = String::new();
        push_lowercase(c, &mut out);
        out
    }

    #[test]
    fn every_code_point_lowercases_as_the_standard_library_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                lowercase(c),
                c.to_lowercase().collect::<String>(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn known_letters() {
        assert_eq!(lowercase('Ž'), "ž");
        assert_eq!(lowercase('Ā'), "ā");
        assert_eq!(lowercase('ā'), "ā");
        assert_eq!(lowercase('Σ'), "σ");
        assert_eq!(lowercase('\u{212A}'), "k", "Kelvin sign");
        assert_eq!(lowercase('İ'), "i\u{307}");
        assert_eq!(lowercase('\u{10400}'), "\u{10428}", "Deseret");
        assert_eq!(lowercase('€'), "€");
    }

    /// Prints [`RUNS`] from `char::to_lowercase`, for pasting after a Unicode upgrade.
    #[test]
    #[ignore]
    fn print_runs() {
        let mut runs: Vec<(u32, u8, u8, i32)> = Vec::new();
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let (Some(one), None) = (lower.next(), lower.next()) else {
                continue;
            };
            let (code, delta) = (u32::from(c), u32::from(one) as i32 - u32::from(c) as i32);
            if delta == 0 {
                continue;
            }
            if let Some(last) = runs.last_mut() {
                let step = code - (last.0 + (u32::from(last.1) - 1) * u32::from(last.2));
                let extends = last.3 == delta
                    && ((last.1 == 1 && (step == 1 || step == 2))
                        || (last.1 > 1 && step == u32::from(last.2)));
                if extends {
                    last.2 = step as u8;
                    last.1 += 1;
                    continue;
                }
            }
            runs.push((code, 1, 1, delta));
        }
        for (start, count, stride, delta) in runs {
            println!("    run(0x{start:04X}, {count}, {stride}, {delta}),");
        }
    }
}
