//! Splitting a page into its YAML front matter and its Markdown body.

/// The parts of a page. Lines are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Why a page's front matter cannot be split off.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum SplitError {
    /// No `---` line ends it.
    Unclosed,
    /// It is TOML between `+++` lines, which journeybook does not read.
    Toml,
}

impl<'a> Split<'a> {
    /// No front matter and no body: what is left of a page whose front
    /// matter cannot be split off.
    pub(super) fn nothing(text: &'a str) -> Split<'a> {
        let end = &text[text.len()..];
        Split {
            front_matter: end,
            front_matter_line: 2,
            body: end,
            body_line: text.lines().count() + 1,
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Front matter sits between a first line `---` and the next `---` (or `...`)
/// line. A page that does not start with `---` has none.
pub(super) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let Some(first_end) = text.find('\n') else {
        return if is_fence(text) {
            Err(SplitError::Unclosed)
        } else {
            Ok(Split {
                front_matter: &text[..0],
                front_matter_line: 1,
                body: text,
                body_line: 1,
            })
        };
    };
    if text[..first_end].trim_end() == "+++" {
        return Err(SplitError::Toml);
    }
    if !is_fence(&text[..first_end]) {
        return Ok(Split {
            front_matter: &text[..0],
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok(Split {
                front_matter: &text[yaml_start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let page = "---\ntitle: A\nweight: 2\n---\n# Body\n";
        let split = split(page).expect("closed");
        assert_eq!(split.front_matter, "title: A\nweight: 2\n");
        assert_eq!(split.front_matter_line, 2);
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn page_without_front_matter_is_all_body() {
        let split = split("# Hello\n\n---\n").expect("no front matter");
        assert_eq!(split.front_matter, "");
        assert_eq!(split.body_line, 1);
    }

    #[test]
    fn crlf_and_empty_front_matter() {
        let split = split("---\r\n---\r\nbody").expect("closed");
        assert_eq!(split.front_matter, "");
        assert_eq!(split.body, "body");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(split("---\ntitle: A\n# Body\n"), Err(SplitError::Unclosed));
        assert_eq!(split("---"), Err(SplitError::Unclosed));
    }

    #[test]
    fn toml_front_matter_is_recognised() {
        assert_eq!(split("+++\ntitle = \"A\"\n+++\nBody\n"), Err(SplitError::Toml));
    }
}
