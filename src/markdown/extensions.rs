//! What Markdown written for mdBook, Zola, Hugo or GitHub needs besides
//! CommonMark: GitHub's alerts (`> [!NOTE]`) with a visible title, the
//! optional smart punctuation, and the ids of raw HTML counted as anchors.

use crate::highlight::escape;
use pulldown_cmark::{BlockQuoteKind, Options};
use std::path::PathBuf;

/// The page-independent settings of the compatibility features.
#[derive(Debug, Clone)]
pub struct Extensions {
    /// `[markdown] smart-punctuation`: curly quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// The visible titles of alerts, in the book's language: note, tip,
    /// important, warning, caution.
    pub alert_titles: [String; 5],
    /// What a task-list checkbox says to a screen reader: done, not done.
    pub task_labels: [String; 2],
    /// The content folder on disk, which `{{#include}}` reads from; none
    /// turns includes into errors (pages rendered without a project).
    pub content_root: Option<PathBuf>,
}

impl Default for Extensions {
    fn default() -> Self {
        Extensions {
            smart_punctuation: false,
            alert_titles: ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from),
            task_labels: ["done", "not done"].map(String::from),
            content_root: None,
        }
    }
}

/// The theme's words that title alerts, in the order of [`Extensions::alert_titles`].
pub const ALERT_WORDS: [&str; 5] = [
    "markdown.alert_note",
    "markdown.alert_tip",
    "markdown.alert_important",
    "markdown.alert_warning",
    "markdown.alert_caution",
];

/// The theme's words for task-list checkboxes, as [`Extensions::task_labels`].
pub(super) const TASK_WORDS: [&str; 2] = ["markdown.task_done", "markdown.task_open"];

impl Extensions {
    /// The settings of a project: book.toml's `[markdown]`, the theme's
    /// words (`word(key)`) and the content folder at `content_root`.
    pub fn for_project(
        config: &crate::config::Config,
        word: impl Fn(&str) -> String,
        content_root: PathBuf,
    ) -> Extensions {
        Extensions {
            smart_punctuation: config.markdown.smart_punctuation,
            alert_titles: ALERT_WORDS.map(&word),
            task_labels: TASK_WORDS.map(&word),
            content_root: Some(content_root),
        }
    }

    /// A task-list checkbox, named for screen readers (the item's text is
    /// not its label, and a checkbox without one fails accessibility checks).
    pub(super) fn task_marker(&self, done: bool) -> String {
        let (checked, label) = match done {
            true => (" checked", &self.task_labels[0]),
            false => ("", &self.task_labels[1]),
        };
        format!(
            "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ",
            escape(label)
        )
    }

    /// The parser's options beyond the ones every page gets.
    pub(super) fn options(&self) -> Options {
        match self.smart_punctuation {
            true => Options::ENABLE_SMART_PUNCTUATION,
            false => Options::empty(),
        }
    }

    /// The opening of an alert: a box whose title says what it is in
    /// words, so that colour is never the only sign.
    pub(super) fn alert_open(&self, kind: BlockQuoteKind) -> String {
        let (class, index) = match kind {
            BlockQuoteKind::Note => ("note", 0),
            BlockQuoteKind::Tip => ("tip", 1),
            BlockQuoteKind::Important => ("important", 2),
            BlockQuoteKind::Warning => ("warning", 3),
            BlockQuoteKind::Caution => ("caution", 4),
        };
        format!(
            "<div class=\"alert alert-{class}\">\n<p class=\"alert-title\">{}</p>\n",
            escape(&self.alert_titles[index])
        )
    }
}

/// The element ids (and `<a name>`s, as old books write them) in a piece of
/// raw HTML: links may name them as anchors of the page.
pub(super) fn html_ids(html: &str, out: &mut Vec<String>) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with(['/', '!', '?']) {
            continue;
        }
        let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
        let is_anchor = tag[..name_end].eq_ignore_ascii_case("a");
        attributes(&tag[name_end..], |name, value| {
            let names_anchor = name.eq_ignore_ascii_case("id") || (is_anchor && name.eq_ignore_ascii_case("name"));
            if names_anchor && !value.is_empty() {
                out.push(value.to_owned());
            }
        });
    }
}

/// Calls `each` with every `name="value"` (or `'value'`, or bare) of a tag's attribute text.
fn attributes(mut text: &str, mut each: impl FnMut(&str, &str)) {
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if text.is_empty() {
            return;
        }
        let name_end = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        let name = &text[..name_end];
        text = text[name_end..].trim_start();
        let Some(after) = text.strip_prefix('=') else {
            if name.is_empty() {
                text = &text[1.min(text.len())..];
            }
            continue;
        };
        let after = after.trim_start();
        let (value, rest) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let close = inner.find(q).unwrap_or(inner.len());
                (&inner[..close], &inner[(close + 1).min(inner.len())..])
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        each(name, value);
        text = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_raw_html() {
        let mut ids = Vec::new();
        html_ids(
            "<a id=\"old-anchor\"></a><span class=x id='two'>t</span><a name=legacy></a><p data-id=\"no\" hidden>",
            &mut ids,
        );
        assert_eq!(ids, ["old-anchor", "two", "legacy"]);
    }
}
