//! Case-insensitive substring search, defined so that JavaScript can state it in one line.
//!
//! Text is folded one character at a time with Unicode's default lowercase mapping, which is
//! what `String.prototype.toLowerCase()` does to a string of one character: `[...text].map((c)
//! => c.toLowerCase()).join('')`. Folding per character rather than per string keeps search
//! free of context: `toLowerCase()` on a whole string turns a final `Σ` into `ς` but an inner
//! one into `σ`, so a needle could match a word in one place and not another. A value matches
//! when its folded text contains the folded needle.
//!
//! Rust's tables follow the Unicode version of the compiler, a JS engine's that of its ICU; the
//! two agree on every character that had a case mapping by Unicode 15.1 (2023).

use crate::lowercase::push_lowercase;

/// A search needle, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    folded: String,
}

impl Needle {
    /// Folds `text` for searching.
    pub fn new(text: &str) -> Needle {
        let mut folded = String::with_capacity(text.len());
        fold_into(text, &mut folded);
        Needle { folded }
    }

    /// The folded needle.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether the folded `haystack` contains the needle. `scratch` is reused between calls
    /// to avoid an allocation per value.
    pub fn is_in(&self, haystack: &str, scratch: &mut String) -> bool {
        if haystack.len() < self.folded.len() && haystack.is_ascii() {
            return false;
        }
        scratch.clear();
        fold_into(haystack, scratch);
        scratch.contains(self.folded.as_str())
    }
}

/// Appends the per-character lowercase folding of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(
            text.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
        return;
    }
    for c in text.chars() {
        push_lowercase(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(needle: &str, haystack: &str) -> bool {
        Needle::new(needle).is_in(haystack, &mut String::new())
    }

    #[test]
    fn ascii_and_czech_letters_match_in_any_case() {
        assert!(found("ESHOP", "my-eshop-1"));
        assert!(found("žluť", "ŽLUŤOUČKÝ kůň"));
        assert!(!found("zlut", "žluťoučký"), "diacritics are not removed");
    }

    #[test]
    fn sigma_folds_the_same_at_the_end_of_a_word_as_inside_it() {
        assert!(found("σ", "ΟΔΥΣΣΕΥΣ"));
        assert!(found("ΟΔΥΣ", "οδυσ"));
        let mut folded = String::new();
        fold_into("ΑΣ", &mut folded);
        assert_eq!(folded, "ασ", "no final-sigma rule");
    }

    #[test]
    fn characters_that_lowercase_to_several_or_to_ascii_follow_javascript() {
        let mut folded = String::new();
        fold_into("İK\u{212a}", &mut folded);
        // JS: 'İ'.toLowerCase() is 'i̇' (two characters), the Kelvin sign becomes 'k'.
        assert_eq!(folded, "i\u{307}kk");
        assert!(found("\u{212a}", "k"));
        assert!(found("i", "İ"));
    }

    #[test]
    fn letters_outside_the_bmp_fold_too() {
        assert!(
            found("\u{10400}", "x\u{10428}y"),
            "Deseret capital and small long I"
        );
    }

    #[test]
    fn the_empty_needle_is_in_every_value() {
        assert!(found("", ""));
        assert!(found("", "abc"));
    }
}
