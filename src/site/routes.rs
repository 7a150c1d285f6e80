//! Routing: one document per id, one output URL per page.

use super::urls::{self, page_url};
use crate::content::{Document, Kind, Place};
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

/// The indices of the documents to build: all but later duplicates of an
/// id, each of which is reported at the file that repeats it.
pub(super) fn unique_documents(documents: &[Document], out: &mut Vec<Diagnostic>) -> Vec<usize> {
    let mut first: HashMap<(Kind, &str), &Document> = HashMap::new();
    let mut kept = Vec::with_capacity(documents.len());
    for (i, doc) in documents.iter().enumerate() {
        if doc.kind != Kind::Page {
            if let Some(previous) = first.get(&(doc.kind, doc.id.as_str())) {
                out.push(
                    Diagnostic::error(format!("duplicate {} id `{}`", doc.kind.name(), doc.id))
                        .at(doc.locator().find(Some(&doc.id), "id", Place::All))
                        .with_note(format!("`{}` already has this id", previous.source.path.display()))
                        .with_help("ids must be unique within a kind: rename one file or set a different `id:`"),
                );
                continue;
            }
            first.insert((doc.kind, doc.id.as_str()), doc);
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
