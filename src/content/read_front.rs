//! Reading a file's front matter into the typed form of its kind, or
//! taking it from the kept records when the text is unchanged.

use super::frontmatter::Format;
use super::kept_front::{FrontMemo, Record};
use super::model::{JourneyFront, KindData, Meta, PageFront, PersonaFront, TouchpointFront};
use super::typed::typed;
use super::Kind;
use crate::diagnostics::{Diagnostic, SourceText};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The fields every kind shares, the `id:` if given, and the kind's own data.
pub(super) type Typed = (Meta, Option<String>, KindData);

/// A front matter to read: its file, its text and format, its first line,
/// and the kept records with its key, when the build keeps them.
pub(super) struct Front<'a, 'm> {
    pub text: &'a SourceText<'a>,
    pub yaml: (&'a str, Format),
    pub first_line: usize,
    pub kept: Option<(&'a FrontMemo<'m>, u128)>,
}

/// The front matter typed for its kind: the fields every kind shares, the
/// `id:` if given, and the kind's own data; none when it cannot be read.
/// Read without a problem, its `record` is set for the next build.
pub(super) fn read_front(
    kind: Kind,
    front: &Front<'_, '_>,
    record: &mut Option<Record>,
) -> (Option<Typed>, Vec<Diagnostic>) {
    fn with<T: DeserializeOwned + Serialize + PartialEq + Default>(
        front: &Front<'_, '_>,
        record: &mut Option<Record>,
        parts: impl Fn(T) -> Typed,
    ) -> (Option<Typed>, Vec<Diagnostic>) {
        if let Some((memo, key)) = front.kept {
            if let Some((typed, bytes)) = memo.read::<T>(key) {
                *record = Some((key, bytes));
                return (Some(parts(typed)), Vec::new());
            }
        }
        let (text, (yaml, format), first_line) = (front.text, front.yaml, front.first_line);
        let (typed, diagnostics) = match format {
            Format::Yaml => typed::<T>(text, yaml, first_line),
            Format::Toml => super::toml_front::typed::<T>(text, yaml, first_line),
        };
        if let (Some(value), true, Some((_, key))) = (&typed, diagnostics.is_empty(), front.kept) {
            *record = super::kept_front::record_of(value).map(|bytes| (key, bytes));
        }
        (typed.map(parts), diagnostics)
    }
    match kind {
        Kind::Page => with(front, record, |f: PageFront| (f.meta(), f.id.clone(), KindData::Page)),
        Kind::Persona => with(front, record, |f: PersonaFront| {
            (f.meta(), f.id.clone(), KindData::Persona(Box::new(f)))
        }),
        Kind::Journey => with(front, record, |f: JourneyFront| {
            (f.meta(), f.id.clone(), KindData::Journey(Box::new(f)))
        }),
        Kind::Touchpoint => with(front, record, |f: TouchpointFront| {
            (f.meta(), f.id.clone(), KindData::Touchpoint(Box::new(f)))
        }),
    }
}
