//! `site-url` of book.toml: where the site is published. Links inside the
//! site stay relative (it must still work from a file share); the full
//! address is only written where a page is named from outside the site:
//! `sitemap.xml`, `<link rel="canonical">` and the exports' `url` column.

use crate::diagnostics::{Diagnostic, Location};

/// The problem with a `site-url`, if any, located by `locate` (which finds a key in book.toml).
pub(crate) fn check(site_url: Option<&str>, locate: &dyn Fn(&str) -> Location) -> Option<Diagnostic> {
    let url = site_url?;
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    let problem = match (rest, host) {
        (None, _) => "it must start with `https://` or `http://`",
        (Some(_), Some("")) => "it names no host",
        (Some(r), _) if r.contains(['?', '#']) => "it cannot have a `?query` or `#fragment`",
        (Some(r), _)
            if r.contains(|c: char| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>') =>
        {
            "it has spaces or characters a URL cannot hold"
        }
        _ => return None,
    };
    Some(
        Diagnostic::error(format!("`site-url` `{url}` is not a web address: {problem}"))
            .at(locate("site-url"))
            .with_help(
                "give the address the site is published at, e.g. `site-url = \"https://cx.example.com/playbook/\"`",
            ),
    )
}

/// The site's address ending in `/`, so a page's URL (relative to the site root) can follow it.
pub fn base(site_url: &str) -> String {
    match site_url.ends_with('/') {
        true => site_url.to_owned(),
        false => format!("{site_url}/"),
    }
}

/// A URL relative to the site root (`journeys/buy.html#stage-pay`),
/// percent-encoded as links are, made absolute when the site's address is
/// known, else left relative to the site root.
pub fn absolute(base: Option<&str>, url: &str) -> String {
    let (path, anchor) = match url.split_once('#') {
        Some((path, anchor)) => (path, format!("#{anchor}")),
        None => (url, String::new()),
    };
    let url = format!("{}{anchor}", crate::paths::percent_encode_path(path));
    match base {
        Some(base) => format!("{base}{url}"),
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(url: &str) -> Option<String> {
        let source = crate::diagnostics::SourceText::new(std::path::Path::new("book.toml"), "x");
        let locate = |_: &str| source.location_at_offset(0, 1);
        check(Some(url), &locate).map(|d| d.message)
    }

    #[test]
    fn only_web_addresses_pass() {
        assert_eq!(problem("https://cx.example.com/playbook/"), None);
        assert_eq!(problem("http://intranet:8080"), None);
        assert!(problem("cx.example.com").is_some());
        assert!(problem("ftp://x").is_some());
        assert!(problem("https:///path").is_some());
        assert!(problem("https://x.com/a b").is_some());
        assert!(problem("https://x.com/?q=1").is_some());
        assert_eq!(base("https://x.com/book"), "https://x.com/book/");
        assert_eq!(
            absolute(Some("https://x.com/"), "a b/é.html#s"),
            "https://x.com/a%20b/%C3%A9.html#s"
        );
        assert_eq!(absolute(None, "a b.html"), "a%20b.html");
    }
}
