//! A small reader of JSON text (RFC 8259) for the few documents this crate reads: the API's page
//! and error bodies, and filters that JavaScript turned into JSON.
//!
//! [`Reader`] walks the bytes once and hands each value to its caller as it meets it, so the
//! caller keeps what it wants where it wants (the page decoder appends straight into its
//! columns) and skips the rest. A string is borrowed from the input when it holds no escape, and
//! unescaped into the caller's scratch buffer otherwise.
//!
//! Everything read or skipped is checked: UTF-8, escapes (a lone surrogate escape is an error,
//! as it cannot become Rust text), control characters in strings, number syntax, literals, and
//! nesting, which is capped at [`MAX_DEPTH`] so that hostile input cannot exhaust the stack of a
//! caller that recurses. Input that stops in the middle of a value is reported apart from input
//! that is wrong, because a body cut short by the network is a different story from one that
//! was never JSON. No input makes the reader panic: every byte is read with `get`.

use std::fmt::Write as _;
use std::ops::Range;
use std::str;

use crate::options::OptionValue;

/// The deepest nesting of arrays and objects the reader accepts: serde_json's figure, far beyond
/// any document the crate reads.
pub const MAX_DEPTH: usize = 128;

/// Why JSON text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonError {
    /// The text stops in the middle of a value.
    EndedEarly,
    /// The text is not JSON in UTF-8: a wrong byte, a bad escape, a lone surrogate, a control
    /// character in a string, text after the value...
    Invalid,
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A number that is not an integer of magnitude at most 2^53 (only [`parse_value`] reports
    /// this; see [`Number::to_exact_f64`]).
    NotAnExactInteger,
}

/// What kind of value comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"`
    String,
    /// `-` or a digit.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

/// A number as written. Its text has been checked against JSON's number grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number<'a> {
    text: &'a str,
    integer: bool,
}

impl<'a> Number<'a> {
    /// The number exactly as the text wrote it.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether it is written without a fraction or an exponent.
    pub fn is_integer(&self) -> bool {
        self.integer
    }

    /// The value, when it is written as an integer without a minus sign and fits in `u64`.
    pub fn to_u64(&self) -> Option<u64> {
        self.integer.then(|| digits_value(self.text)).flatten()
    }

    /// The value when it is written as an integer of magnitude at most 2^53, which `f64` holds
    /// exactly; `None` for any other number. Rounding decimal text to the nearest `f64` would
    /// link core's float parser and its tables (14 KB of the gzipped .wasm), and no caller
    /// needs it: the one that might ([`parse_value`], for filters) has an exact path of its own.
    pub fn to_exact_f64(&self) -> Option<f64> {
        let (negative, digits) = match self.text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, self.text),
        };
        let value = self.integer.then(|| digits_value(digits)).flatten()?;
        let value = (value <= 1 << 53).then_some(value as f64)?;
        Some(if negative { -value } else { value })
    }
}

/// A string or scalar met by [`Reader::walk_value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'t> {
    /// A string or a member name, unescaped.
    Str(&'t str),
    /// A number, `true`, `false` or `null`, as written.
    Raw(&'t str),
}

/// A cursor over JSON text that reads one value at a time.
///
/// The caller drives it: [`Reader::peek`] says what comes next, and each value is then read
/// with the matching method, or skipped with [`Reader::skip_value`]. Objects are read with
/// [`Reader::enter_object`] and [`Reader::next_key`] until it gives `None`, arrays with
/// [`Reader::enter_array`] and [`Reader::next_element`] until it gives `false`; after each key
/// or element the caller reads exactly one value. [`Reader::finish`] checks that nothing but
/// whitespace follows.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    /// The longest prefix of `bytes` that is UTF-8. Checking it once up front is faster than
    /// checking each string (measured: 15 % of decoding a page), and taking a string from it
    /// then costs two boundary tests.
    valid: &'a str,
    pos: usize,
    /// Open arrays and objects.
    depth: usize,
    /// Bit `d` is set when the container at depth `d + 1` is an object (for `walk_value`).
    objects: u128,
    /// Just after `{` or `[`: the first member or element needs no comma before it.
    at_open: bool,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        let valid = match str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => bytes
                .get(..error.valid_up_to())
                .and_then(|prefix| str::from_utf8(prefix).ok())
                .unwrap_or_default(),
        };
        Reader {
            bytes,
            valid,
            pos: 0,
            depth: 0,
            objects: 0,
            at_open: false,
        }
    }

    /// The kind of the next value, after any whitespace.
    pub fn peek(&mut self) -> Result<Kind, JsonError> {
        match self.peek_byte()? {
            b'{' => Ok(Kind::Object),
            b'[' => Ok(Kind::Array),
            b'"' => Ok(Kind::String),
            b'-' | b'0'..=b'9' => Ok(Kind::Number),
            b't' | b'f' => Ok(Kind::Bool),
            b'n' => Ok(Kind::Null),
            _ => Err(JsonError::Invalid),
        }
    }

    /// Reads the `{` of an object.
    pub fn enter_object(&mut self) -> Result<(), JsonError> {
        self.enter(b'{', true)
    }

    /// Reads the `[` of an array.
    pub fn enter_array(&mut self) -> Result<(), JsonError> {
        self.enter(b'[', false)
    }

    /// The next member name of the object being read, with its `:`, or `None` once the object
    /// has closed. The name is borrowed from the input or, when escaped, from `scratch`.
    pub fn next_key<'s>(&mut self, scratch: &'s mut String) -> Result<Option<&'s str>, JsonError>
    where
        'a: 's,
    {
        if !self.next_member()? {
            return Ok(None);
        }
        let key = self.read_str(scratch)?;
        self.expect_colon()?;
        Ok(Some(key))
    }

    /// Whether another element of the array being read follows; `false` once it has closed.
    pub fn next_element(&mut self) -> Result<bool, JsonError> {
        self.next_item(b']')
    }

    /// Reads a string, borrowed from the input or, when escaped, unescaped into `scratch`.
    pub fn read_str<'s>(&mut self, scratch: &'s mut String) -> Result<&'s str, JsonError>
    where
        'a: 's,
    {
        if self.peek_byte()? != b'"' {
            return Err(JsonError::Invalid);
        }
        let start = self.pos + 1;
        let stop = self.string_stop(start);
        match self.bytes.get(stop) {
            Some(b'"') => {
                self.pos = stop + 1;
                self.text(start..stop)
            }
            Some(b'\\') => self.read_escaped(start, stop, scratch),
            Some(_) => Err(JsonError::Invalid),
            None => Err(JsonError::EndedEarly),
        }
    }

    /// Reads a number.
    pub fn read_number(&mut self) -> Result<Number<'a>, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.byte_at(self.pos)? {
            b'0' => {
                self.pos += 1;
                // JSON has no leading zeros: "01" is not a number.
                if self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                    return Err(JsonError::Invalid);
                }
            }
            b'1'..=b'9' => self.skip_digits(),
            _ => return Err(JsonError::Invalid),
        }
        let mut integer = true;
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            self.read_digits()?;
            integer = false;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            self.read_digits()?;
            integer = false;
        }
        let text = self.text(start..self.pos)?;
        Ok(Number { text, integer })
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte()? {
            b't' => self.read_word(b"true").map(|()| true),
            b'f' => self.read_word(b"false").map(|()| false),
            _ => Err(JsonError::Invalid),
        }
    }

    /// Reads `null`.
    pub fn read_null(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        self.read_word(b"null")
    }

    /// Skips one value of any kind, checking it as thoroughly as reading would, and returns its
    /// text.
    pub fn skip_value(&mut self, scratch: &mut String) -> Result<&'a str, JsonError> {
        self.walk_value(scratch, |_, _| {})
    }

    /// Reads one value of any kind, calling `visit` with every string, member name and scalar in
    /// it and the byte range it spans in the input, and returns the value's text. Nesting is
    /// followed without recursion.
    pub fn walk_value(
        &mut self,
        scratch: &mut String,
        mut visit: impl FnMut(Scalar<'_>, Range<usize>),
    ) -> Result<&'a str, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let outer = self.depth;
        loop {
            self.walk_one(scratch, &mut visit)?;
            if !self.walk_to_next(outer, scratch, &mut visit)? {
                return self.text(start..self.pos);
            }
        }
    }

    /// Checks that only whitespace is left.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.depth > 0 || self.pos < self.bytes.len() {
            return Err(self
                .bytes
                .get(self.pos)
                .map_or(JsonError::EndedEarly, |_| JsonError::Invalid));
        }
        Ok(())
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek_byte(&mut self) -> Result<u8, JsonError> {
        self.skip_whitespace();
        self.byte_at(self.pos)
    }

    fn byte_at(&self, at: usize) -> Result<u8, JsonError> {
        self.bytes.get(at).copied().ok_or(JsonError::EndedEarly)
    }

    /// The input in `range` as text; fails when it reaches invalid UTF-8. Outside strings only
    /// ASCII is JSON, so text is taken only from strings and from what the grammar checked.
    fn text(&self, range: Range<usize>) -> Result<&'a str, JsonError> {
        self.valid.get(range).ok_or(JsonError::Invalid)
    }

    fn enter(&mut self, open: u8, object: bool) -> Result<(), JsonError> {
        if self.peek_byte()? != open {
            return Err(JsonError::Invalid);
        }
        if self.depth >= MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        let bit = 1u128.checked_shl(self.depth as u32).unwrap_or(0);
        if object {
            self.objects |= bit;
        } else {
            self.objects &= !bit;
        }
        self.depth += 1;
        self.pos += 1;
        self.at_open = true;
        Ok(())
    }

    /// Whether the innermost open container is an object.
    fn in_object(&self) -> bool {
        let shift = self.depth.saturating_sub(1) as u32;
        self.depth > 0 && self.objects & 1u128.checked_shl(shift).unwrap_or(0) != 0
    }

    /// Whether a member follows in the object being read (its name is then next); reads the
    /// comma before it, or the closing brace.
    fn next_member(&mut self) -> Result<bool, JsonError> {
        let more = self.next_item(b'}')?;
        // After a comma, the member's name must follow: "{"a":1,}" is not JSON.
        if more && self.peek_byte()? != b'"' {
            return Err(JsonError::Invalid);
        }
        Ok(more)
    }

    /// Reads the comma before the next item of a container, or its `close`.
    fn next_item(&mut self, close: u8) -> Result<bool, JsonError> {
        let byte = self.peek_byte()?;
        if byte == close {
            self.pos += 1;
            self.depth = self.depth.saturating_sub(1);
            self.at_open = false;
            return Ok(false);
        }
        if std::mem::take(&mut self.at_open) {
            return Ok(true);
        }
        if byte != b',' {
            return Err(JsonError::Invalid);
        }
        self.pos += 1;
        Ok(true)
    }

    fn expect_colon(&mut self) -> Result<(), JsonError> {
        if self.peek_byte()? != b':' {
            return Err(JsonError::Invalid);
        }
        self.pos += 1;
        Ok(())
    }

    /// The first position from `from` on that ends a plain run of string text: a quote, a
    /// backslash or a control character, or the end of the input.
    fn string_stop(&self, from: usize) -> usize {
        let mut at = from;
        // Eight bytes at a time (most strings are plain), then byte by byte for the last few.
        while let Some(chunk) = self.bytes.get(at..at + 8) {
            // The chunk is eight bytes, so the conversion cannot fail.
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            match run_end(word) {
                Some(offset) => return at + offset,
                None => at += 8,
            }
        }
        let rest = self.bytes.get(at..).unwrap_or_default();
        let run = rest
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20);
        at + run.unwrap_or(rest.len())
    }

    /// Reads the rest of a string whose first escape is at `stop`, unescaping into `scratch`.
    fn read_escaped<'s>(
        &mut self,
        mut start: usize,
        mut stop: usize,
        scratch: &'s mut String,
    ) -> Result<&'s str, JsonError>
    where
        'a: 's,
    {
        scratch.clear();
        loop {
            // Input that stops inside the string ended early, even when it stops inside a
            // character: the end is checked before the last run is taken as text, which would
            // call that half character invalid UTF-8.
            let Some(&byte) = self.bytes.get(stop) else {
                return Err(JsonError::EndedEarly);
            };
            scratch.push_str(self.text(start..stop)?);
            match byte {
                b'"' => {
                    self.pos = stop + 1;
                    return Ok(scratch);
                }
                b'\\' => {
                    self.pos = stop;
                    scratch.push(self.read_escape()?);
                }
                _ => return Err(JsonError::Invalid),
            }
            start = self.pos;
            stop = self.string_stop(start);
        }
    }

    /// Reads one escape at the backslash under the cursor.
    fn read_escape(&mut self) -> Result<char, JsonError> {
        let letter = self.byte_at(self.pos + 1)?;
        self.pos += 2;
        match letter {
            b'"' => Ok('"'),
            b'\\' => Ok('\\'),
            b'/' => Ok('/'),
            b'b' => Ok('\u{8}'),
            b'f' => Ok('\u{c}'),
            b'n' => Ok('\n'),
            b'r' => Ok('\r'),
            b't' => Ok('\t'),
            b'u' => self.read_unicode_escape(),
            _ => Err(JsonError::Invalid),
        }
    }

    /// Reads the four hex digits after `\u`, and a second `\uXXXX` when the first is the high
    /// half of a surrogate pair. Either half alone is an error: Rust text cannot hold it.
    fn read_unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.read_hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.byte_at(self.pos)? != b'\\' || self.byte_at(self.pos + 1)? != b'u' {
                    return Err(JsonError::Invalid);
                }
                self.pos += 2;
                let second = self.read_hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(JsonError::Invalid);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(JsonError::Invalid),
            code => code,
        };
        char::from_u32(code).ok_or(JsonError::Invalid)
    }

    fn read_hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = char::from(self.byte_at(self.pos)?).to_digit(16);
            value = value * 16 + digit.ok_or(JsonError::Invalid)?;
            self.pos += 1;
        }
        Ok(value)
    }

    fn skip_digits(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
    }

    /// One or more digits, as after `.` or `e`.
    fn read_digits(&mut self) -> Result<(), JsonError> {
        if !self.byte_at(self.pos)?.is_ascii_digit() {
            return Err(JsonError::Invalid);
        }
        self.skip_digits();
        Ok(())
    }

    /// Reads `word` at the cursor; a prefix of it at the end of the input ended early.
    fn read_word(&mut self, word: &[u8]) -> Result<(), JsonError> {
        for (offset, expected) in word.iter().enumerate() {
            if self.byte_at(self.pos + offset)? != *expected {
                return Err(JsonError::Invalid);
            }
        }
        self.pos += word.len();
        Ok(())
    }

    /// For `walk_value`: reads a scalar, or opens a container.
    fn walk_one(
        &mut self,
        scratch: &mut String,
        visit: &mut impl FnMut(Scalar<'_>, Range<usize>),
    ) -> Result<(), JsonError> {
        let kind = self.peek()?;
        let start = self.pos;
        match kind {
            Kind::Object => return self.enter_object(),
            Kind::Array => return self.enter_array(),
            Kind::String => {
                let text = self.read_str(scratch)?;
                visit(Scalar::Str(text), start..self.pos);
                return Ok(());
            }
            Kind::Number => {
                self.read_number()?;
            }
            Kind::Bool => {
                self.read_bool()?;
            }
            Kind::Null => self.read_null()?,
        }
        visit(Scalar::Raw(self.text(start..self.pos)?), start..self.pos);
        Ok(())
    }

    /// For `walk_value`: moves to the next value inside the walk, reading member names and
    /// closing the containers that end. `false` once the walked value is complete.
    fn walk_to_next(
        &mut self,
        outer: usize,
        scratch: &mut String,
        visit: &mut impl FnMut(Scalar<'_>, Range<usize>),
    ) -> Result<bool, JsonError> {
        while self.depth > outer {
            if !self.in_object() {
                if self.next_element()? {
                    return Ok(true);
                }
            } else if self.next_member()? {
                let start = self.pos;
                let key = self.read_str(scratch)?;
                visit(Scalar::Str(key), start..self.pos);
                self.expect_colon()?;
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The offset of the first of the eight bytes of `word` (read little-endian) that is a quote, a
/// backslash or below 0x20. Each test is the classic "has a byte less than n" bit trick: a byte
/// can be flagged wrongly only above one flagged rightly, so the lowest flag is exact.
fn run_end(word: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS;
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    let flags = quote | backslash | below(word, 0x20);
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

/// The value of a run of ASCII digits, or `None` when it overflows `u64` or holds anything else
/// (a '-' fails `checked_sub`, so `-0` gives `None`).
fn digits_value(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |value, byte| {
        let digit = byte.checked_sub(b'0').filter(|digit| *digit <= 9)?;
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Appends `text` to `out` as a JSON string, escaping only what JSON requires.
pub fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads JSON text, such as `JSON.stringify` makes, into an [`OptionValue`]. Numbers must be
/// integers of magnitude at most 2^53 ([`JsonError::NotAnExactInteger`] otherwise).
pub fn parse_value(text: &str) -> Result<OptionValue, JsonError> {
    let mut reader = Reader::new(text.as_bytes());
    let mut scratch = String::new();
    let value = read_option_value(&mut reader, &mut scratch)?;
    reader.finish()?;
    Ok(value)
}

/// Recurses once per level of nesting, which the reader caps at [`MAX_DEPTH`].
fn read_option_value(
    reader: &mut Reader<'_>,
    scratch: &mut String,
) -> Result<OptionValue, JsonError> {
    Ok(match reader.peek()? {
        Kind::Null => {
            reader.read_null()?;
            OptionValue::Null
        }
        Kind::Bool => OptionValue::Bool(reader.read_bool()?),
        Kind::Number => {
            let number = reader.read_number()?.to_exact_f64();
            OptionValue::Number(number.ok_or(JsonError::NotAnExactInteger)?)
        }
        Kind::String => OptionValue::String(reader.read_str(scratch)?.to_owned()),
        Kind::Array => {
            reader.enter_array()?;
            let mut items = Vec::new();
            while reader.next_element()? {
                items.push(read_option_value(reader, scratch)?);
            }
            OptionValue::Array(items)
        }
        Kind::Object => {
            reader.enter_object()?;
            let mut entries = Vec::new();
            while let Some(key) = reader.next_key(scratch)? {
                let key = key.to_owned();
                entries.push((key, read_option_value(reader, scratch)?));
            }
            OptionValue::Object(entries)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::below;

    use JsonError::{EndedEarly, Invalid, TooDeep};

    /// Reads `text` as one string value followed by nothing.
    fn string(text: &[u8]) -> Result<String, JsonError> {
        let mut reader = Reader::new(text);
        let mut scratch = String::new();
        let value = reader.read_str(&mut scratch)?.to_owned();
        reader.finish()?;
        Ok(value)
    }

    /// Skips `text` as one value followed by nothing, returning the value's text.
    fn skip(text: &[u8]) -> Result<String, JsonError> {
        let mut reader = Reader::new(text);
        let value = reader.skip_value(&mut String::new())?.to_owned();
        reader.finish()?;
        Ok(value)
    }

    fn number(text: &str) -> Result<Number<'_>, JsonError> {
        let mut reader = Reader::new(text.as_bytes());
        let number = reader.read_number()?;
        reader.finish()?;
        Ok(number)
    }

    #[test]
    fn every_short_escape_is_unescaped() {
        assert_eq!(
            string(br#""\"\\\/\b\f\n\r\t""#),
            Ok("\"\\/\u{8}\u{c}\n\r\t".to_owned())
        );
        assert_eq!(string(br#""a\nb""#), Ok("a\nb".to_owned()));
    }

    #[test]
    fn unicode_escapes_in_either_case_become_their_characters() {
        assert_eq!(
            string(br#""\u0041\u00e9\u017D\u20AC""#),
            Ok("AéŽ€".to_owned())
        );
        assert_eq!(string(br#""\u0000""#), Ok("\0".to_owned()));
    }

    #[test]
    fn surrogate_pairs_join_into_one_character() {
        assert_eq!(string(br#""\ud83d\udd11""#), Ok("🔑".to_owned()));
        assert_eq!(string(br#""x\uD83D\uDD11y""#), Ok("x🔑y".to_owned()));
        assert_eq!(string(br#""\udbff\udfff""#), Ok("\u{10FFFF}".to_owned()));
    }

    #[test]
    fn lone_surrogate_escapes_are_invalid() {
        for text in [
            &br#""\ud800""#[..],
            br#""\udc00""#,
            br#""x\udfffy""#,
            br#""\ud800\u0041""#,
            br#""\ud800\n""#,
            br#""\ud800x""#,
            br#""\ud800\ud800""#,
        ] {
            assert_eq!(
                string(text),
                Err(Invalid),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        assert_eq!(string(br#""\ud800"#), Err(EndedEarly));
        assert_eq!(string(br#""\ud800\u12"#), Err(EndedEarly));
    }

    #[test]
    fn unknown_or_short_escapes_are_invalid() {
        for text in [
            &br#""\x""#[..],
            br#""\U0041""#,
            br#""\u12g4""#,
            br#""\u12""#,
            br#""\'""#,
        ] {
            assert_eq!(
                string(text),
                Err(Invalid),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn plain_strings_are_borrowed_and_escaped_ones_use_the_scratch() {
        let body = r#"["Žluťoučký","a\tb"]"#.as_bytes();
        let mut reader = Reader::new(body);
        let mut scratch = String::new();
        reader.enter_array().unwrap();
        assert!(reader.next_element().unwrap());
        let plain = reader.read_str(&mut scratch).unwrap();
        assert_eq!(plain, "Žluťoučký");
        assert_eq!(plain.as_ptr(), body[2..].as_ptr());
        assert!(reader.next_element().unwrap());
        assert_eq!(reader.read_str(&mut scratch).unwrap(), "a\tb");
        assert_eq!(scratch, "a\tb");
        assert!(!reader.next_element().unwrap());
        assert_eq!(reader.finish(), Ok(()));
    }

    #[test]
    fn invalid_utf8_is_rejected_wherever_it_is() {
        for text in [
            &b"\"\xff\""[..],
            b"\"a\xc3\x28\"",
            b"\"\xc0\xaf\"",
            b"\"\xed\xa0\x80\"",
            b"\"\\n\xff\"",
            b"\"\xf4\x90\x80\x80\"",
        ] {
            assert_eq!(string(text), Err(Invalid), "{text:?}");
            let mut in_array = b"[1,".to_vec();
            in_array.extend_from_slice(text);
            in_array.push(b']');
            assert_eq!(skip(&in_array), Err(Invalid), "{text:?}");
        }
        assert_eq!(skip(b"[1,\xff]"), Err(Invalid));
        assert_eq!(skip(b"{\"\xff\":1}"), Err(Invalid));
    }

    #[test]
    fn every_control_character_in_a_string_is_rejected() {
        for byte in 0u8..0x20 {
            assert_eq!(string(&[b'"', b'a', byte, b'"']), Err(Invalid), "{byte:#x}");
            assert_eq!(
                string(&[b'"', b'\\', b'n', byte, b'"']),
                Err(Invalid),
                "{byte:#x}"
            );
        }
        assert_eq!(string(b"\"\x7f\""), Ok("\u{7f}".to_owned()));
    }

    #[test]
    fn long_strings_find_their_end_at_every_offset() {
        // The scan reads eight bytes at a time; put the quote, an escape or a control byte at
        // every offset of a word.
        for length in 0..20 {
            let plain = "é".repeat(length / 2) + &"x".repeat(length % 2);
            let text = format!("\"{plain}\"");
            assert_eq!(string(text.as_bytes()), Ok(plain.clone()), "{length}");
            let escaped = format!("\"{plain}\\\"\"");
            assert_eq!(string(escaped.as_bytes()), Ok(format!("{plain}\"")));
            let control = format!("\"{plain}\u{1}\"");
            assert_eq!(string(control.as_bytes()), Err(Invalid));
        }
    }

    #[test]
    fn nesting_is_accepted_up_to_the_cap_and_refused_beyond() {
        let arrays = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(skip(arrays(MAX_DEPTH).as_bytes()).is_ok());
        assert_eq!(skip(arrays(MAX_DEPTH + 1).as_bytes()), Err(TooDeep));
        assert!(parse_value(&arrays(MAX_DEPTH)).is_ok());
        assert_eq!(parse_value(&arrays(MAX_DEPTH + 1)), Err(TooDeep));

        let objects = |depth: usize| format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        assert!(skip(objects(MAX_DEPTH).as_bytes()).is_ok());
        assert_eq!(skip(objects(MAX_DEPTH + 1).as_bytes()), Err(TooDeep));
        assert_eq!(parse_value(&objects(MAX_DEPTH + 1)), Err(TooDeep));
        // Far deeper input fails the same way, without exhausting the stack.
        assert_eq!(parse_value(&"[".repeat(100_000)), Err(TooDeep));
    }

    #[test]
    fn depth_is_counted_back_down_as_containers_close() {
        let siblings = format!(
            "[{}]",
            vec![format!("{}{}", "[".repeat(120), "]".repeat(120)); 3].join(",")
        );
        assert!(skip(siblings.as_bytes()).is_ok());
    }

    #[test]
    fn numbers_keep_their_text_and_read_as_integers_only_when_written_so() {
        let zero = number("-0").unwrap();
        assert_eq!(
            (zero.text(), zero.is_integer(), zero.to_u64()),
            ("-0", true, None)
        );
        let negative_zero = zero.to_exact_f64().unwrap();
        assert!(negative_zero == 0.0 && negative_zero.is_sign_negative());

        let thousand = number("1e3").unwrap();
        assert_eq!((thousand.is_integer(), thousand.to_u64()), (false, None));
        assert_eq!(thousand.to_exact_f64(), None, "not written as an integer");
        assert_eq!(number("-1.5").unwrap().to_exact_f64(), None);
        assert_eq!(number("1.0").unwrap().to_u64(), None);
        assert_eq!(number("1.0").unwrap().to_exact_f64(), None);

        assert_eq!(number("0").unwrap().to_u64(), Some(0));
        assert_eq!(number("-7").unwrap().to_u64(), None);
        assert_eq!(number("-7").unwrap().to_exact_f64(), Some(-7.0));
        let max = number("18446744073709551615").unwrap();
        assert_eq!(max.to_u64(), Some(u64::MAX));
        assert_eq!(number("18446744073709551616").unwrap().to_u64(), None);
        assert_eq!(
            number("9007199254740992").unwrap().to_exact_f64(),
            Some(9_007_199_254_740_992.0),
            "2^53"
        );
        assert_eq!(
            number("-9007199254740992").unwrap().to_exact_f64(),
            Some(-9_007_199_254_740_992.0)
        );
        assert_eq!(
            number("9007199254740993").unwrap().to_exact_f64(),
            None,
            "2^53 + 1"
        );
        assert_eq!(number("1e400").unwrap().to_exact_f64(), None);
    }

    #[test]
    fn malformed_numbers_are_invalid_and_cut_ones_ended_early() {
        for text in [
            "01", "-01", "1.e3", ".5", "+1", "--1", "-a", "1.x", "1ex", "1e+x",
        ] {
            assert_eq!(skip(text.as_bytes()), Err(Invalid), "{text}");
        }
        for text in ["-", "1.", "1e", "1e+", "-0."] {
            assert_eq!(skip(text.as_bytes()), Err(EndedEarly), "{text}");
        }
        assert_eq!(
            skip(b"[1.5e-3,-0,0.25E+10]"),
            Ok("[1.5e-3,-0,0.25E+10]".to_owned())
        );
    }

    #[test]
    fn literals_must_be_spelt_out() {
        assert_eq!(
            skip(b"[true,false,null]"),
            Ok("[true,false,null]".to_owned())
        );
        for text in ["True", "trux", "nulx", "fals3", "nil", "undefined", "NaN"] {
            assert_eq!(skip(text.as_bytes()), Err(Invalid), "{text}");
        }
        for text in ["t", "tru", "nul", "fals"] {
            assert_eq!(skip(text.as_bytes()), Err(EndedEarly), "{text}");
        }
    }

    #[test]
    fn structure_errors_are_invalid() {
        for text in [
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\":1,}",
            "{,}",
            "{\"a\" 1}",
            "{\"a\":}",
            "{1:2}",
            "{\"a\":1]",
            "[1}",
            "{\"a\",1}",
            "]",
            "}",
            ",",
            ":",
            "[1]]",
            "{}}",
        ] {
            assert_eq!(skip(text.as_bytes()), Err(Invalid), "{text}");
        }
    }

    #[test]
    fn whitespace_is_allowed_around_every_token_but_only_json_whitespace() {
        let spaced = b" \t\r\n{ \"a\" : [ 1 , true , \"x\" ] , \"b\" : { } }\n";
        assert!(skip(spaced).is_ok());
        assert_eq!(skip(b"\x0c1"), Err(Invalid));
        assert_eq!(skip(b"\xc2\xa01"), Err(Invalid));
        assert_eq!(skip(b"\xef\xbb\xbf{}"), Err(Invalid));
    }

    #[test]
    fn text_after_the_value_is_invalid_but_trailing_whitespace_is_not() {
        assert_eq!(skip(b"{} \n\t"), Ok("{}".to_owned()));
        assert_eq!(skip(b"{} x"), Err(Invalid));
        assert_eq!(skip(b"1 2"), Err(Invalid));
        assert_eq!(skip(b"\"a\"\"b\""), Err(Invalid));
        assert_eq!(skip(b"[] \xff"), Err(Invalid));
        assert_eq!(skip(b""), Err(EndedEarly));
        assert_eq!(skip(b"  \n"), Err(EndedEarly));
    }

    const SAMPLE: &str = r#"{"a":[1,-2.5e+3,true,false,null],"é\"\u00e9":"Žluť\ud83d\udd11\n",
        "nested":{"x":[{"y":[]},{}],"z":"}]"} , "n":0}"#;

    #[test]
    fn every_cut_of_a_sample_ended_early() {
        assert!(skip(SAMPLE.as_bytes()).is_ok());
        for end in 0..SAMPLE.len() {
            let cut = SAMPLE.as_bytes().get(..end).unwrap();
            assert_eq!(skip(cut), Err(EndedEarly), "cut at {end}");
        }
        // parse_value takes whole numbers only.
        let whole = SAMPLE.replace("-2.5e+3", "-25");
        assert!(parse_value(&whole).is_ok());
        for end in 0..whole.len() {
            let text = String::from_utf8_lossy(whole.as_bytes().get(..end).unwrap());
            assert_eq!(parse_value(&text), Err(EndedEarly), "cut at {end}");
        }
    }

    #[test]
    fn a_cut_inside_a_character_after_an_escape_ended_early() {
        // The cut falls inside "Ž" (two bytes) and "ť" (two bytes), after an escape in the same
        // string: the text is short, not wrong.
        let text = "[\"a\\nŽluť\"]".as_bytes();
        for end in [6, 10] {
            let cut = text.get(..end).unwrap();
            assert_eq!(
                skip(cut),
                Err(EndedEarly),
                "{}",
                String::from_utf8_lossy(cut)
            );
        }
    }

    #[test]
    fn walk_visits_every_string_name_and_scalar_with_its_span() {
        let text = r#" {"a\n":[1,"x",null],"b":{"c":true}} "#;
        let mut seen = Vec::new();
        let mut reader = Reader::new(text.as_bytes());
        let walked = reader
            .walk_value(&mut String::new(), |scalar, span| {
                seen.push((format!("{scalar:?}"), text.get(span).unwrap().to_owned()));
            })
            .unwrap();
        assert_eq!(walked, r#"{"a\n":[1,"x",null],"b":{"c":true}}"#);
        let expected = [
            (r#"Str("a\n")"#, r#""a\n""#),
            (r#"Raw("1")"#, "1"),
            (r#"Str("x")"#, r#""x""#),
            (r#"Raw("null")"#, "null"),
            (r#"Str("b")"#, r#""b""#),
            (r#"Str("c")"#, r#""c""#),
            (r#"Raw("true")"#, "true"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(scalar, raw)| (scalar.to_string(), raw.to_string()))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn skipping_a_member_leaves_the_reader_at_the_next() {
        let text = br#"{"skip":{"a":["]","}",{"b":"\"}"}]},"keep":"k"}"#;
        let mut reader = Reader::new(text);
        let mut scratch = String::new();
        reader.enter_object().unwrap();
        assert_eq!(reader.next_key(&mut scratch), Ok(Some("skip")));
        assert_eq!(
            reader.skip_value(&mut scratch),
            Ok(r#"{"a":["]","}",{"b":"\"}"}]}"#)
        );
        assert_eq!(reader.next_key(&mut scratch), Ok(Some("keep")));
        assert_eq!(reader.read_str(&mut scratch), Ok("k"));
        assert_eq!(reader.next_key(&mut scratch), Ok(None));
        assert_eq!(reader.finish(), Ok(()));
    }

    #[test]
    fn written_strings_escape_what_json_requires_and_read_back() {
        let mut out = String::new();
        write_str(&mut out, "a\"b\\c\n\r\t\u{1}\u{1f}/é🔑");
        assert_eq!(out, r#""a\"b\\c\n\r\t\u0001\u001f/é🔑""#);
        assert_eq!(
            string(out.as_bytes()),
            Ok("a\"b\\c\n\r\t\u{1}\u{1f}/é🔑".to_owned())
        );
    }

    #[test]
    fn values_parse_into_option_values() {
        let value = parse_value(r#" {"a":[1,"x\u00e9",null,true,-5],"b":{},"a":false} "#);
        let expected = OptionValue::Object(vec![
            (
                "a".to_owned(),
                OptionValue::Array(vec![
                    OptionValue::Number(1.0),
                    OptionValue::String("xé".to_owned()),
                    OptionValue::Null,
                    OptionValue::Bool(true),
                    OptionValue::Number(-5.0),
                ]),
            ),
            ("b".to_owned(), OptionValue::Object(Vec::new())),
            ("a".to_owned(), OptionValue::Bool(false)),
        ]);
        assert_eq!(value, Ok(expected));
        assert_eq!(
            parse_value("12345678901234567890"),
            Err(JsonError::NotAnExactInteger)
        );
    }

    #[test]
    fn values_that_are_not_single_json_values_are_refused() {
        assert_eq!(parse_value(r#"["\ud800"]"#), Err(Invalid));
        assert_eq!(parse_value("[1] [2]"), Err(Invalid));
        assert_eq!(parse_value("[1"), Err(EndedEarly));
        assert_eq!(parse_value("[1.5]"), Err(JsonError::NotAnExactInteger));
        assert_eq!(parse_value("1e999"), Err(JsonError::NotAnExactInteger));
    }

    /// Random text glued from JSON fragments, some of them wrong: structure, escapes, numbers,
    /// whitespace kinds, and invalid or partial UTF-8.
    fn random_texts(count: usize) -> impl Iterator<Item = Vec<u8>> {
        const PIECES: &[&[u8]] = &[
            b"{",
            b"}",
            b"[",
            b"]",
            b",",
            b":",
            b"\"",
            b"\\",
            b"\\u",
            b"d83d",
            b"\\udd11",
            b"dc00",
            b"00e9",
            b"0",
            b"1",
            b"-",
            b".",
            b"e",
            b"E",
            b"+",
            b"true",
            b"false",
            b"null",
            b" ",
            b"\n",
            b"\t",
            b"\r",
            b"\x0c",
            b"a",
            b"\xc3\xa9",
            b"\xff",
            b"\xed\xa0\x80",
            b"\xf0\x9f\x94\x91",
            b"\xf0\x9f",
            b"\x80",
            b"\x01",
            b"\x7f",
            b"\"a\"",
            b"\"k\":",
            b"12",
            b"\\n",
            b"\\/",
            b"\xef\xbb\xbf",
            b"\"\xc5\xbd\\n\xc5\xa5\"",
            b"[\"",
            b"{\"",
        ];
        let mut next = below(0x2545_f491_4f6c_dd1d);
        (0..count).map(move |_| {
            let pieces = next(14);
            (0..pieces)
                .flat_map(|_| PIECES[next(PIECES.len())].iter().copied())
                .collect()
        })
    }

    #[test]
    fn random_text_is_accepted_exactly_when_serde_json_accepts_it() {
        for text in random_texts(200_000) {
            let shown = String::from_utf8_lossy(&text);
            let theirs = serde_json::from_slice::<serde_json::Value>(&text);
            // serde_json refuses numbers beyond f64's range; JSON does not.
            if theirs
                .as_ref()
                .is_err_and(|error| error.to_string().contains("out of range"))
            {
                continue;
            }
            assert_eq!(skip(&text).is_ok(), theirs.is_ok(), "{shown}");
            if let Ok(serde_json::Value::String(expected)) = theirs {
                assert_eq!(string(&text), Ok(expected), "{shown}");
            }
        }
    }

    #[test]
    fn every_cut_of_random_valid_text_ended_early_unless_it_is_whole() {
        for text in random_texts(200_000) {
            if serde_json::from_slice::<serde_json::Value>(&text).is_err() {
                continue;
            }
            for end in 0..text.len() {
                let cut = text.get(..end).unwrap();
                // A cut number can be a whole one ("12" of "123").
                if let Err(error) = skip(cut) {
                    assert_eq!(error, EndedEarly, "{}", String::from_utf8_lossy(cut));
                }
            }
        }
    }
}
