//! A serde serialiser that feeds a value straight into the hash: every
//! piece is tagged and framed, and texts go in as they are. Hashing a page's
//! values through JSON spent most of its time escaping strings that no one
//! reads.

use serde::ser::{self, Serialize};
use std::fmt;
use xxhash_rust::xxh3::Xxh3;

/// A value whose `Serialize` reported an error: it has no hash.
#[derive(Debug)]
pub(super) struct Unhashable;

impl fmt::Display for Unhashable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value could not be serialised")
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unhashable
    }
}

/// One tag byte per kind of piece, so that values of different shapes never
/// feed the same bytes (`None` ≠ `()` ≠ `[]`).
mod tag {
    pub(super) const NONE: u8 = 0;
    pub(super) const SOME: u8 = 1;
    pub(super) const UNIT: u8 = 2;
    pub(super) const FALSE: u8 = 3;
    pub(super) const TRUE: u8 = 4;
    pub(super) const INT: u8 = 5;
    pub(super) const FLOAT: u8 = 6;
    pub(super) const TEXT: u8 = 7;
    pub(super) const BYTES: u8 = 8;
    pub(super) const VARIANT: u8 = 9;
    pub(super) const SEQ: u8 = 10;
    pub(super) const MAP: u8 = 11;
    pub(super) const FIELD: u8 = 12;
    pub(super) const END: u8 = 13;
    pub(super) const WIDE: u8 = 14;
}

/// Bytes gathered before they go to the hash: XXH3's streaming update has
/// a cost per call, and a value feeds it a tag byte or a short name at a time.
const BUFFER: usize = 4096;

pub(super) struct Feed<'a> {
    hasher: &'a mut Xxh3,
    buffer: [u8; BUFFER],
    filled: usize,
}

impl<'a> Feed<'a> {
    pub(super) fn new(hasher: &'a mut Xxh3) -> Self {
        Feed {
            hasher,
            buffer: [0; BUFFER],
            filled: 0,
        }
    }

    /// Hands what is gathered to the hash; to be called when the value is fed.
    pub(super) fn flush(&mut self) {
        self.hasher.update(&self.buffer[..self.filled]);
        self.filled = 0;
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.filled + bytes.len() > BUFFER {
            self.flush();
            if bytes.len() > BUFFER / 2 {
                self.hasher.update(bytes);
                return;
            }
        }
        self.buffer[self.filled..self.filled + bytes.len()].copy_from_slice(bytes);
        self.filled += bytes.len();
    }

    fn tag(&mut self, tag: u8) {
        self.push(&[tag]);
    }

    fn int(&mut self, n: i128) {
        self.push(&[tag::INT]);
        self.push(&n.to_le_bytes());
    }

    fn framed(&mut self, tag: u8, bytes: &[u8]) {
        self.push(&[tag]);
        self.push(&(bytes.len() as u64).to_le_bytes());
        self.push(bytes);
    }

    fn name(&mut self, name: &str) {
        self.framed(tag::FIELD, name.as_bytes());
    }
}

type Done = Result<(), Unhashable>;

/// Every integer type but `u128` fits an `i128`: one form for them all.
macro_rules! integers {
    ($($method:ident $type:ty),*) => {$(
        fn $method(self, v: $type) -> Done {
            self.int(v.into());
            Ok(())
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'a mut Feed<'b> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    // Values with a compact form hash it (a touchpoint's usages: their digests).
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
    }
    integers!(
        serialize_i8 i8,
        serialize_i16 i16,
        serialize_i32 i32,
        serialize_i64 i64,
        serialize_i128 i128,
        serialize_u8 u8,
        serialize_u16 u16,
        serialize_u32 u32,
        serialize_u64 u64
    );
    fn serialize_u128(self, v: u128) -> Done {
        // Above i128::MAX it would read as negative: a tag of its own.
        self.tag(tag::WIDE);
        self.push(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(tag::FLOAT);
        self.push(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.framed(tag::TEXT, v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.framed(tag::TEXT, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.framed(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.framed(tag::VARIANT, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.framed(tag::VARIANT, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unhashable> {
        self.framed(tag::VARIANT, variant.as_bytes());
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unhashable> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unhashable> {
        self.framed(tag::VARIANT, variant.as_bytes());
        self.serialize_map(None)
    }
}

/// Every sequence, tuple and map ends with a tag, so that nesting is
/// unambiguous: `[[a], b]` ≠ `[[a, b]]`.
macro_rules! sequence {
    ($($trait:ident $method:ident),*) => {$(
        impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(tag::END);
                Ok(())
            }
        }
    )*};
}

sequence!(
    SerializeSeq serialize_element,
    SerializeTuple serialize_element,
    SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field
);

impl ser::SerializeMap for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(tag::END);
        Ok(())
    }
}

/// Fields are named, so that a field left out (`skip_serializing_if`) cannot
/// make two different values feed the same bytes.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
                self.name(key);
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(tag::END);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    /// Gathering bytes in the buffer feeds the hash the same stream as
    /// feeding each piece straight in, whatever the pieces' sizes.
    #[test]
    fn the_buffer_does_not_change_the_stream() {
        let texts: Vec<String> = [10, 3000, 5000, 1, 4095].iter().map(|&n| "é".repeat(n)).collect();
        let mut fed = Xxh3::new();
        let mut feed = Feed::new(&mut fed);
        texts.serialize(&mut feed).expect("a list of texts serialises");
        feed.flush();
        let mut direct = Xxh3::new();
        direct.update(&[tag::SEQ]);
        for text in &texts {
            direct.update(&[tag::TEXT]);
            direct.update(&(text.len() as u64).to_le_bytes());
            direct.update(text.as_bytes());
        }
        direct.update(&[tag::END]);
        assert_eq!(fed.digest128(), direct.digest128());
    }
}
