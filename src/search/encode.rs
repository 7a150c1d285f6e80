//! How the index's files are written: numbers in the 64-character alphabet,
//! content hashes for file names, and the script that registers a file.

use serde_json::Value;

/// The alphabet of the index's numbers, 0 to 63 (docs/search-index.md).
pub(crate) const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends `n` as a variable-length number: 5 bits a character, least
/// significant first, 32 added to every character but the last.
pub(crate) fn push_number(mut n: u32, out: &mut String) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// A stable content hash for file names, eight base-36 characters: enough
/// to tell versions of a file apart (not for security). XXH3, as for the
/// rest of the build's hashes: the index's files are hashed on every build.
pub(crate) fn hash(bytes: &[u8]) -> String {
    let mut n = xxhash_rust::xxh3::xxh3_64(bytes);
    let mut text = String::with_capacity(8);
    for _ in 0..8 {
        text.push(DIGITS[(n % 36) as usize] as char);
        n /= 36;
    }
    text
}

/// JavaScript's order of strings, by UTF-16 code units, which the index's
/// readers search in. It is the order of the UTF-8 bytes unless a string
/// holds a character beyond U+FFFF (four bytes in UTF-8, a surrogate pair
/// in UTF-16, which sorts below U+E000 to U+FFFF): only then are the
/// strings compared unit by unit.
pub(crate) fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let beyond_bmp = |s: &str| s.bytes().any(|byte| byte >= 0xF0);
    match beyond_bmp(a) || beyond_bmp(b) {
        true => a.encode_utf16().cmp(b.encode_utf16()),
        false => a.cmp(b),
    }
}

/// A file of the index: `journeybookSearch.register("<name>", <value>);`.
pub(crate) fn script(name: &str, value: &Value) -> Vec<u8> {
    script_of_json(name, &serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// [`script`] of a value already written as JSON.
pub(crate) fn script_of_json(name: &str, json: &str) -> Vec<u8> {
    // Keep "</script>" inert should the file ever be inlined.
    format!(
        "journeybookSearch.register(\"{name}\", {});\n",
        json.replace("</", "<\\/")
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut shift) = (0u32, 0);
        for c in text.bytes() {
            let v = DIGITS.iter().position(|d| *d == c).expect("a digit") as u32;
            n |= (v & 31) << shift;
            if v >= 32 {
                shift += 5;
            } else {
                out.push(n);
                n = 0;
                shift = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_through_the_alphabet() {
        let mut text = String::new();
        for n in [0, 1, 31, 32, 1023, 1024, 70_000] {
            push_number(n, &mut text);
        }
        assert_eq!(decode(&text), [0, 1, 31, 32, 1023, 1024, 70_000]);
        let mut one = String::new();
        push_number(5, &mut one);
        assert_eq!(one, "5", "small numbers take one character");
    }

    #[test]
    fn strings_sort_as_javascript_sorts_them() {
        let mut words = vec!["\u{ff5e}", "zebra", "\u{1f600}", "apple", "é", "\u{e000}", "a"];
        words.sort_by(|a, b| utf16_order(a, b));
        let mut by_units = words.clone();
        by_units.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(words, by_units);
        // The emoji's surrogate pair (U+D83D…) comes before U+E000, unlike its code point.
        let at = |w: &str| words.iter().position(|x| *x == w);
        assert!(at("\u{1f600}") < at("\u{e000}"));
        assert!(at("a") < at("apple") && at("apple") < at("zebra") && at("zebra") < at("é"));
    }

    #[test]
    fn hashes_are_stable_and_differ_with_content() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(hash(b"").len(), 8);
    }
}
