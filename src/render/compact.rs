//! Drops the indentation and blank lines templates leave behind, outside
//! `<pre>` blocks, where white space is content. It works as the page streams
//! out of the template, so no page is ever held whole in memory twice; pages
//! shrink by a third.

use std::io::{self, Write};

/// Where in the page the next byte falls.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// At the start of a line outside `<pre>`: white space is dropped.
    Indent,
    /// Inside a line that has content, outside `<pre>`.
    Line,
    /// Between `<pre` and `</pre>`: everything is kept.
    Pre,
}

const PRE_OPEN: &[u8] = b"<pre";
const PRE_CLOSE: &[u8] = b"</pre>";
/// Bytes gathered before they are passed on.
const CHUNK: usize = 16 * 1024;

/// A writer that compacts HTML on its way to `out`.
pub(super) struct Compact<W: Write> {
    out: W,
    pending: Vec<u8>,
    mode: Mode,
    /// How many bytes of `<pre` (or, inside, of `</pre>`) were just seen.
    matched: usize,
    /// The last byte written, so a blank line after `</pre>` still ends it.
    last: Option<u8>,
}

impl<W: Write> Compact<W> {
    pub(super) fn new(out: W) -> Self {
        Compact {
            out,
            pending: Vec::with_capacity(CHUNK),
            mode: Mode::Indent,
            matched: 0,
            last: None,
        }
    }

    fn keep(&mut self, b: u8) {
        self.pending.push(b);
        self.last = Some(b);
    }

    fn feed(&mut self, input: &[u8]) {
        let mut i = 0;
        while i < input.len() {
            // Fast path: inside a line or a <pre> block, no tag half-seen,
            // copy everything up to the next byte that can change the mode.
            if self.matched == 0 && self.mode != Mode::Indent {
                let rest = &input[i..];
                let stop = match self.mode {
                    Mode::Line => memchr::memchr2(b'\n', b'<', rest),
                    _ => memchr::memchr(b'<', rest),
                }
                .unwrap_or(rest.len());
                if stop > 0 {
                    self.pending.extend_from_slice(&rest[..stop]);
                    self.last = Some(rest[stop - 1]);
                    i += stop;
                    continue;
                }
            }
            let b = input[i];
            i += 1;
            match self.mode {
                Mode::Indent => {
                    if b == b'\n' {
                        // A blank line is dropped, unless it ends the line a
                        // `</pre>` closed.
                        if self.last != Some(b'\n') {
                            self.keep(b'\n');
                        }
                    } else if !matches!(b, b' ' | b'\t' | b'\r' | 0x0c) {
                        self.mode = Mode::Line;
                        self.in_line(b);
                    }
                }
                Mode::Line => self.in_line(b),
                Mode::Pre => {
                    self.keep(b);
                    self.matched = advance(self.matched, b, PRE_CLOSE);
                    if self.matched == PRE_CLOSE.len() {
                        self.mode = Mode::Indent;
                        self.matched = 0;
                    }
                }
            }
        }
    }

    fn in_line(&mut self, b: u8) {
        self.keep(b);
        if b == b'\n' {
            self.mode = Mode::Indent;
            self.matched = 0;
            return;
        }
        self.matched = advance(self.matched, b, PRE_OPEN);
        if self.matched == PRE_OPEN.len() {
            self.mode = Mode::Pre;
            self.matched = 0;
        }
    }

    /// Writes what is left and hands back the writer.
    pub(super) fn finish(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}

/// One more byte against `pattern`, of which `matched` bytes were seen.
fn advance(matched: usize, b: u8, pattern: &[u8]) -> usize {
    if b == pattern[matched] {
        matched + 1
    } else if b == pattern[0] {
        1
    } else {
        0
    }
}

impl<W: Write> Write for Compact<W> {
    fn write(&mut self, input: &[u8]) -> io::Result<usize> {
        self.feed(input);
        if self.pending.len() >= CHUNK {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        Ok(input.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule, line by line: the test's own statement of it.
    fn by_lines(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while !rest.is_empty() {
            let (outside, pre) = rest.split_at(rest.find("<pre").unwrap_or(rest.len()));
            for line in outside.split_inclusive('\n') {
                let kept = line.trim_start_matches([' ', '\t', '\r', '\x0c']);
                if !kept.trim_end().is_empty() {
                    out.push_str(kept);
                } else if line.ends_with('\n') && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            let end = pre.find("</pre>").map_or(pre.len(), |at| at + "</pre>".len());
            out.push_str(&pre[..end]);
            rest = &pre[end..];
        }
        out
    }

    const SAMPLES: &[&str] = &[
        "<div>\n    <p>a</p>\n\n   \n<pre><code>  x\n\n  y\n</code></pre>\n  <p>b</p>\n",
        "\n\n  <ul>\n    <li>one</li>\n  </ul>\n",
        "<td>  <pre>  kept  </pre>  after\n   \n",
        "<pre>never closed\n   still kept\n",
        "<p>a <preview> b</p>\n  <p>c</p>",
        "  <p>trailing spaces stay   \n\t\t<p>tabs go</p>\r\n  \r\n<p>é ü</p>\n",
        "</pre>\n<pre>a</pre><pre>b</pre>\n\n<p>x</p>",
        "",
        "   ",
    ];

    fn compact_html(html: &str) -> String {
        let mut out = Compact::new(Vec::new());
        out.write_all(html.as_bytes()).expect("writing to memory");
        String::from_utf8(out.finish().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn matches_the_line_rule() {
        for sample in SAMPLES {
            assert_eq!(compact_html(sample), by_lines(sample), "{sample:?}");
        }
        assert_eq!(
            compact_html(SAMPLES[0]),
            "<div>\n<p>a</p>\n<pre><code>  x\n\n  y\n</code></pre>\n<p>b</p>\n"
        );
    }

    /// Pages made of pieces that stress the rule: tags cut anywhere, `<pre`
    /// look-alikes, blank lines, indentation. A fixed generator, so every
    /// run checks the same pages.
    #[test]
    fn matches_the_line_rule_on_many_pages_cut_anywhere() {
        const PIECES: &[&str] = &[
            "<pre>", "</pre>", "<p>", "</p>", "<", "/", "pre", ">", " ", "  ", "\t", "\n", "\r\n", "x", "é", "<pr",
            "<<pre",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        for _ in 0..3000 {
            let page: String = (0..next(40)).map(|_| PIECES[next(PIECES.len())]).collect();
            let mut out = Compact::new(Vec::new());
            let mut rest = page.as_bytes();
            while !rest.is_empty() {
                let (piece, after) = rest.split_at((1 + next(9)).min(rest.len()));
                out.write_all(piece).expect("writing to memory");
                rest = after;
            }
            let bytes = out.finish().expect("writing to memory");
            assert_eq!(String::from_utf8_lossy(&bytes), by_lines(&page), "{page:?}");
        }
    }

    #[test]
    fn gives_the_same_result_however_the_page_is_cut() {
        for sample in SAMPLES {
            let expected = by_lines(sample);
            for size in 1..=7 {
                let mut out = Compact::new(Vec::new());
                for piece in sample.as_bytes().chunks(size) {
                    out.write_all(piece).expect("writing to memory");
                }
                let bytes = out.finish().expect("writing to memory");
                assert_eq!(
                    String::from_utf8_lossy(&bytes),
                    expected,
                    "{sample:?} in pieces of {size}"
                );
            }
        }
    }
}
