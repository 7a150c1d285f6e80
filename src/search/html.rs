//! Text out of rendered HTML: a page split at its headings, tags dropped and
//! entities decoded, for search documents.

/// A part of a page's HTML: the heading that opens it (level, id, text) and its text.
pub(super) struct Section {
    pub heading: Option<(u8, String, String)>,
    pub text: String,
}

/// Splits rendered Markdown at its headings (`<hN id="…">`, as journeybook writes them).
pub(super) fn split_sections(html: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: None,
        text: String::new(),
    }];
    let mut rest = html;
    while let Some(start) = find_heading(rest) {
        if let Some(last) = sections.last_mut() {
            last.text = html_text(&rest[..start]);
        }
        let tag = &rest[start..];
        let level = tag.as_bytes().get(2).map_or(2, |b| b.saturating_sub(b'0'));
        let id = tag
            .split_once("id=\"")
            .and_then(|(_, after)| after.split_once('"'))
            .map_or("", |(id, _)| id);
        let close = format!("</h{level}>");
        let end = memchr::memmem::find(tag.as_bytes(), close.as_bytes()).map_or(tag.len(), |i| i + close.len());
        // The `#` link journeybook adds inside each heading is not its text.
        let inner = &tag[..end];
        let inner = inner.find("<a class=\"heading-anchor\"").map_or(inner, |i| &inner[..i]);
        sections.push(Section {
            heading: Some((level, decode(id).into_owned(), html_text(inner))),
            text: String::new(),
        });
        rest = &tag[end..];
    }
    if let Some(last) = sections.last_mut() {
        last.text = html_text(rest);
    }
    sections
}

fn find_heading(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, b"<h")
        .find(|&at| matches!(bytes.get(at + 2), Some(b'1'..=b'6')) && bytes.get(at + 3) == Some(&b' '))
}

/// Elements inside a line of text, which do not separate words.
const INLINE: [&str; 16] = [
    "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span", "strong",
];

/// The text of an HTML fragment: tags dropped, entities decoded, spaces
/// collapsed, in one pass.
pub(super) fn html_text(html: &str) -> String {
    let mut text = Text {
        out: String::with_capacity(html.len()),
        space: false,
    };
    let mut rest = html;
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        text.push_decoded(&rest[..open]);
        let tag = &rest[open + 1..];
        let close = memchr::memchr(b'>', tag.as_bytes()).map_or(tag.len(), |i| i + 1);
        // Words either side of an inline element belong together ("state</a>,").
        let bare = tag.trim_start_matches('/');
        let name = &bare[..bare.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        if !INLINE.iter().any(|inline| inline.eq_ignore_ascii_case(name)) {
            text.space();
        }
        rest = &tag[close..];
    }
    text.push_decoded(rest);
    text.out
}

/// Text being gathered: every run of white space becomes one space, and
/// none is left at either end.
struct Text {
    out: String,
    /// Whether white space came since the last word.
    space: bool,
}

impl Text {
    fn space(&mut self) {
        self.space = !self.out.is_empty();
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space {
            self.out.push(' ');
            self.space = false;
        }
        self.out.push_str(word);
    }

    fn plain(&mut self, run: &str) {
        for (i, word) in run.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space();
            }
            self.word(word);
        }
    }

    /// `run`, its entities decoded.
    fn push_decoded(&mut self, run: &str) {
        let mut rest = run;
        while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
            self.plain(&rest[..at]);
            let after = &rest[at..];
            match entity(after) {
                Some((c, length)) => {
                    match c.is_whitespace() {
                        true => self.space(),
                        false => self.word(c.encode_utf8(&mut [0; 4])),
                    }
                    rest = &after[length..];
                }
                None => {
                    self.word("&");
                    rest = &after[1..];
                }
            }
        }
        self.plain(rest);
    }
}

/// The character an entity at the start of `text` (`&amp;`, `&#39;`)
/// stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.find(';').filter(|&e| e <= 10)?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32)?,
    };
    Some((c, end + 1))
}

/// Decodes the entities journeybook's Markdown writes.
fn decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match entity(after) {
            Some((c, length)) => {
                out.push(c);
                rest = &after[length..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_headings_without_the_anchor_link() {
        let html = "<p>Intro &amp; more</p>\n<h2 id=\"why\">Why <em>now</em><a class=\"heading-anchor\" href=\"#why\" aria-label=\"Link\">#</a></h2>\n<p>Because.</p><h3 id=\"ca\">Ça</h3><p>x</p>";
        let sections = split_sections(html);
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0].text, "Intro & more");
        assert_eq!(sections[1].heading, Some((2, "why".into(), "Why now".into())));
        assert_eq!(sections[1].text, "Because.");
        assert_eq!(sections[2].heading, Some((3, "ca".into(), "Ça".into())));
    }

    #[test]
    fn text_collapses_spaces_across_tags_and_entities() {
        let html = "<p>  One&nbsp;two <em>th</em>ree</p>\n<ul><li>a&amp;b</li><li>&bogus; &#10;end&#x21;</li></ul>  ";
        assert_eq!(html_text(html), "One two three a&b &bogus; end!");
        assert_eq!(html_text("<p> </p>"), "");
        assert_eq!(html_text("Ça\u{a0}va"), "Ça va");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode("a &lt;b&gt; &#39;c&#x27; &bogus; &"), "a <b> 'c' &bogus; &");
    }
}
