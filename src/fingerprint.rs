//! Stable 128-bit hashes of what a build reads and writes, so a rebuild can
//! tell which outputs are unchanged. XXH3: fast enough to hash every page a
//! build produces, and stable across runs and machines (not for security).

mod feed;

use serde::Serialize;
use std::io;
use xxhash_rust::xxh3::Xxh3;

/// A hash being built from pieces.
#[derive(Default, Clone)]
pub struct Fingerprint {
    hasher: Xxh3,
    /// Set when a value could not be serialised: the result is then unusable.
    failed: bool,
}

impl Fingerprint {
    /// An empty hash.
    pub fn new() -> Fingerprint {
        Fingerprint::default()
    }

    /// Adds bytes, framed by their length so that ("ab", "c") ≠ ("a", "bc").
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.hasher.update(&(bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
        self
    }

    /// Adds a text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds a number.
    pub fn number(&mut self, n: u128) -> &mut Self {
        self.hasher.update(&n.to_le_bytes());
        self
    }

    /// Adds a value, after its name: every field, item and text of it.
    pub fn value<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        self.text(name);
        let mut feed = feed::Feed::new(&mut self.hasher);
        if value.serialize(&mut feed).is_err() {
            self.failed = true;
        }
        feed.flush();
        self
    }

    /// The hash; none when a value could not be serialised.
    pub fn finish(&self) -> Option<u128> {
        (!self.failed).then(|| self.hasher.digest128())
    }
}

/// The hash of one run of bytes: a file's contents.
pub fn of_bytes(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A writer that hashes what passes through it.
pub struct Hashing<W> {
    inner: W,
    hasher: Xxh3,
}

impl<W: io::Write> Hashing<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Xxh3::new(),
        }
    }

    /// The writer, and the hash of everything written to it.
    pub fn finish(self) -> (W, u128) {
        (self.inner, self.hasher.digest128())
    }
}

impl<W: io::Write> io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_framed_and_values_named() {
        let ab_c = Fingerprint::new().text("ab").text("c").finish();
        let a_bc = Fingerprint::new().text("a").text("bc").finish();
        assert_ne!(ab_c, a_bc);
        let one = Fingerprint::new().value("title", "Billing").finish();
        let other = Fingerprint::new().value("name", "Billing").finish();
        assert_ne!(one, other);
        assert_eq!(one, Fingerprint::new().value("title", "Billing").finish());
    }

    #[test]
    fn a_value_that_cannot_be_serialised_gives_no_hash() {
        struct Broken;
        impl Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        assert_eq!(Fingerprint::new().value("broken", &[Broken]).finish(), None);
    }

    #[test]
    fn values_of_different_shapes_hash_differently() {
        #[derive(Serialize)]
        struct Row {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<&'static str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<&'static str>,
        }
        let hash = |value: &dyn Fn(&mut Fingerprint)| {
            let mut f = Fingerprint::new();
            value(&mut f);
            f.finish()
        };
        let only_a = hash(&|f| {
            f.value("v", &Row { a: Some("x"), b: None });
        });
        let only_b = hash(&|f| {
            f.value("v", &Row { a: None, b: Some("x") });
        });
        assert_ne!(only_a, only_b);
        let nested = hash(&|f| {
            f.value("v", &vec![vec!["a"], vec!["b"]]);
        });
        let flat = hash(&|f| {
            f.value("v", &vec![vec!["a", "b"]]);
        });
        assert_ne!(nested, flat);
        assert_ne!(
            hash(&|f| {
                f.value("v", &None::<u8>);
            }),
            hash(&|f| {
                f.value("v", &());
            })
        );
        assert_ne!(
            hash(&|f| {
                f.value("v", &1u8);
            }),
            hash(&|f| {
                f.value("v", &1.0f64);
            })
        );
        assert_eq!(
            only_a,
            hash(&|f| {
                f.value("v", &Row { a: Some("x"), b: None });
            })
        );
    }

    #[test]
    fn the_hashing_writer_hashes_what_it_writes() {
        let mut writer = Hashing::new(Vec::new());
        io::Write::write_all(&mut writer, b"<p>page</p>").expect("write");
        let (bytes, hash) = writer.finish();
        assert_eq!(bytes, b"<p>page</p>");
        assert_eq!(hash, of_bytes(b"<p>page</p>"));
    }
}
