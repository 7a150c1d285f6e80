//! Routing: one document per id, one output URL per page.

use super::urls::{self, page_url};
use crate::content::{Document, Kind, Place};
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

/// The indices of the documents to build: all but the repeats of an id,
/// each reported at the file that repeats it. A file whose id is its own
/// name keeps it against one that sets `id:` to that name; otherwise the
/// first in path order keeps it.
pub(super) fn unique_documents(documents: &[Document], out: &mut Vec<Diagnostic>) -> Vec<usize> {
    let named_by_file = |doc: &Document| crate::paths::file_stem(&doc.source.content_path) == doc.id;
    let mut owner: HashMap<(Kind, &str), usize> = HashMap::new();
    for pass_named_by_file in [true, false] {
        for (i, doc) in documents.iter().enumerate() {
            if doc.kind != Kind::Page && named_by_file(doc) == pass_named_by_file {
                owner.entry((doc.kind, doc.id.as_str())).or_insert(i);
            }
        }
    }
    let mut kept = Vec::with_capacity(documents.len());
    for (i, doc) in documents.iter().enumerate() {
        if doc.kind != Kind::Page {
            let first = owner.get(&(doc.kind, doc.id.as_str())).copied().unwrap_or(i);
            if first != i {
                let previous = &documents[first];
                out.push(
                    Diagnostic::error(format!("duplicate {} id `{}`", doc.kind.name(), doc.id))
                        .at(doc.locator().find(Some(&doc.id), "id", Place::All))
                        .with_note(format!("`{}` already has this id", previous.source.path.display()))
                        .with_help("ids must be unique within a kind: rename one file or set a different `id:`"),
                );
                continue;
            }
        }
        kept.push(i);
    }
    kept
}

/// The URL of each document, reporting pages that would overwrite another
/// page or one journeybook makes itself.
pub(super) fn assign_urls(docs: &[&Document], out: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut taken: HashMap<String, String> = urls::Generated::ALL
        .iter()
        .map(|page| (page.url().to_owned(), "a page journeybook generates".to_owned()))
        .collect();
    docs.iter()
        .map(|doc| {
            let url = page_url(doc);
            if doc.is_home() {
                return url;
            }
            if let Some(owner) = taken.get(&url) {
                let help = if doc.kind == Kind::Page {
                    "rename or move the file: a plain page's path in the site follows its path in content/"
                } else {
                    "rename the file or set a different `id:`"
                };
                out.push(
                    Diagnostic::error(format!(
                        "this page would be written to `{url}`, which is already {owner}"
                    ))
                    .at(doc.locator().top())
                    .with_help(help),
                );
            }
            taken.insert(url.clone(), format!("taken by `{}`", doc.source.path.display()));
            url
        })
        .collect()
}
