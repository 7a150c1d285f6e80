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

/// FNV-1a: a stable content hash for file names (not for security).
pub(crate) fn hash(bytes: &[u8]) -> String {
    let mut h = Fnv::new();
    h.update(bytes);
    h.finish()
}

/// FNV-1a over text given in pieces.
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Base 36, eight characters: enough to tell versions of a file apart.
    pub(crate) fn finish(&self) -> String {
        let mut text = String::with_capacity(8);
        let mut n = self.0;
        for _ in 0..8 {
            text.push(DIGITS[(n % 36) as usize] as char);
            n /= 36;
        }
        text
    }
}

/// A file of the index: `journeybookSearch.register("<name>", <value>);`.
pub(crate) fn script(name: &str, value: &Value) -> Vec<u8> {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
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
    fn hashes_are_stable_and_differ_with_content() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(hash(b"").len(), 8);
    }
}
