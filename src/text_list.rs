//! A list of strings as one text and UTF-16 spans, the form JavaScript slices cheaply.

/// Joins `values` and returns the text with a `[start, end)` pair of UTF-16 offsets per value.
pub fn join_with_utf16_spans(values: &[&str]) -> (String, Vec<u32>) {
    let mut text = String::with_capacity(values.iter().map(|value| value.len()).sum());
    let mut spans = Vec::with_capacity(2 * values.len());
    // Offsets fit in u32: UTF-16 units never outnumber UTF-8 bytes, and wasm32 memory does.
    let mut units = 0u32;
    for value in values {
        let length = if value.is_ascii() {
            value.len()
        } else {
            value.encode_utf16().count()
        };
        spans.extend([units, units + length as u32]);
        units += length as u32;
        text.push_str(value);
    }
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_utf16_units() {
        let (text, spans) = join_with_utf16_spans(&["ab", "😀", "", "ž"]);
        assert_eq!(text, "ab😀ž");
        assert_eq!(spans, [0, 2, 2, 4, 4, 4, 4, 5]);
    }
}
