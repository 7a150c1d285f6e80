//! Links in Markdown: each destination checked against the site's pages and
//! attachments, rewritten to the page it lands on, with advice when it does not.

use super::{AnchorLink, LinkTargets, PageSource, Rendered};
use crate::diagnostics::{closest, Diagnostic};
use crate::paths::{self, decode_or_keep, file_name, folder_of, percent_encode_path, relative_link};
use crate::sanitize;
use pulldown_cmark::CowStr;
use std::collections::HashMap;

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.starts_with('\\')
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// A link written from the site's root: it breaks under a sub-path or on a file share.
fn root_absolute_warning(dest: &str, from: &str, resolved: &str, at: crate::diagnostics::Location) -> Diagnostic {
    Diagnostic::warning(format!(
        "link `{dest}` starts with `/`, so it breaks when the site is served from a sub-path or opened from a file share"
    ))
    .at(at)
    .with_help(format!(
        "write it relative to this page: `{}`",
        paths::relative_link(from, resolved)
    ))
}

/// "did you mean `../touchpoints/live-chat.md`?" for a link to a missing page:
/// pages whose file name is close, those in the intended folder first, given
/// as links relative to the page being written.
fn suggest_page(resolved: &str, from: &str, pages: &HashMap<String, String>) -> Option<String> {
    let wanted_folder = folder_of(resolved);
    let close = closest(file_name(resolved), pages.keys().map(|p| file_name(p)));
    let mut matches: Vec<(bool, usize, &str)> = pages
        .keys()
        .filter_map(|p| {
            let rank = close.iter().position(|c| *c == file_name(p))?;
            Some((folder_of(p) != wanted_folder, rank, p.as_str()))
        })
        .collect();
    matches.sort_unstable();
    let links: Vec<String> = matches
        .iter()
        .take(3)
        .map(|(_, _, p)| format!("`{}`", relative_link(from, p)))
        .collect();
    match links.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        many => Some(format!("did you mean one of {}?", many.join(", "))),
    }
}

/// The output form of a link found in the page, recording anchors to check.
pub(super) fn rewrite<'a>(
    page: &PageSource<'_>,
    targets: &LinkTargets<'_>,
    dest: CowStr<'a>,
    offset: usize,
    len: usize,
    out: &mut Rendered,
) -> CowStr<'a> {
    if let Some(scheme) = sanitize::script_scheme(&dest) {
        let span = &page.source.text[offset..(offset + len).min(page.source.text.len())];
        let at = span
            .find(':')
            .and_then(|colon| span[..colon].rfind('(').map(|open| offset + open + 1));
        out.diagnostics.push(
            Diagnostic::error(format!(
                "`{scheme}:` link refused: it would run or show code taken from the link"
            ))
            .at(page.source.location_at_offset(at.unwrap_or(offset), 1))
            .with_help(match scheme {
                "data" => "put the file in the content folder and link to it by its path",
                _ => "link to a page or an `https:` address instead",
            }),
        );
        return CowStr::Borrowed("");
    }
    if dest.is_empty() || is_external(&dest) {
        return dest;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest.as_ref(), None),
    };
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let locate = || {
        // Point at the destination inside `[text](dest)` when it can be found.
        let span = &page.source.text[offset..(offset + len).min(page.source.text.len())];
        let at = span.rfind(dest.as_ref()).map_or(offset, |i| offset + i);
        page.source.location_at_offset(at, dest.chars().count())
    };
    if path.is_empty() {
        if let Some(anchor) = anchor {
            out.anchor_links.push(AnchorLink {
                target: page.content_path.to_owned(),
                anchor: decode_or_keep(anchor),
                offset,
                len,
            });
        }
        return dest;
    }
    let decoded = decode_or_keep(path);
    // `/x.md` means the content folder's `x.md`; it works, but the link
    // written into the site is relative, and the writer is told to write it so.
    let from_root = decoded.starts_with('/');
    let resolved = match from_root {
        true => paths::normalise(decoded.trim_start_matches('/')),
        false => paths::join(page.content_path, &decoded),
    };
    let Some(resolved) = resolved else {
        out.diagnostics.push(
            Diagnostic::error(format!("link `{dest}` points outside the content folder"))
                .at(locate())
                .with_help("link to a page or file inside the content folder"),
        );
        return dest;
    };
    if resolved.ends_with(".md") {
        // A folder's README.md is built as its index page (content::discover).
        let resolved = match crate::content::readme_folder(&resolved) {
            Some(folder) if targets.page(&resolved).is_none() => format!("{folder}index.md"),
            _ => resolved,
        };
        let Some(url) = targets.page(&resolved) else {
            let help = suggest_page(&resolved, page.content_path, targets.pages)
                .unwrap_or_else(|| "link to an existing `.md` file, relative to this page's folder".into());
            out.diagnostics.push(
                Diagnostic::error(format!(
                    "broken link: `{decoded}` does not exist (resolved to content/{resolved})"
                ))
                .at(locate())
                .with_help(help),
            );
            return dest;
        };
        if from_root {
            out.diagnostics
                .push(root_absolute_warning(&dest, page.content_path, &resolved, locate()));
        }
        let mut href = format!("{}{}", page.root, url);
        if let Some(anchor) = anchor {
            out.anchor_links.push(AnchorLink {
                target: resolved,
                anchor: decode_or_keep(anchor),
                offset,
                len,
            });
            href.push('#');
            href.push_str(anchor);
        }
        return href.into();
    }
    let folder_index = format!("{}/index.md", resolved.trim_end_matches('/'));
    if let Some(url) = targets.page(&folder_index) {
        return format!("{}{}", page.root, url).into();
    }
    // Any other path from the web server's root is outside the site.
    if from_root && !targets.has_asset(&resolved) {
        return dest;
    }
    if !targets.has_asset(&resolved) {
        // A link to the page's HTML: the Markdown file is what links name.
        let markdown = resolved.strip_suffix(".html").map(|stem| format!("{stem}.md"));
        let help = match markdown.filter(|md| targets.pages.contains_key(md)) {
            Some(md) => format!(
                "link to the Markdown file: `{}` (journeybook turns it into the page's address)",
                decoded
                    .strip_suffix(".html")
                    .map_or(md.clone(), |stem| format!("{stem}.md"))
            ),
            None => "put the file in the content folder, or fix the path (relative to this page's folder)".into(),
        };
        out.diagnostics.push(
            Diagnostic::error(format!(
                "broken link: file `{decoded}` does not exist (resolved to content/{resolved})"
            ))
            .at(locate())
            .with_help(help),
        );
        return dest;
    }
    if from_root {
        out.diagnostics
            .push(root_absolute_warning(&dest, page.content_path, &resolved, locate()));
    }
    let mut href = format!("{}{}", page.root, percent_encode_path(&resolved));
    if let Some(q) = query {
        href.push('?');
        href.push_str(q);
    }
    if let Some(a) = anchor {
        href.push('#');
        href.push_str(a);
    }
    href.into()
}
