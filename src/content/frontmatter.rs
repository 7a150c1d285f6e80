//! Splitting a page into its front matter and its Markdown body: YAML
//! between `---` lines, or TOML between `+++` lines as Zola and Hugo write it.

/// The parts of a page. Lines are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
    /// How the front matter is written.
    pub format: Format,
}

/// The language of a front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// Why a page's front matter cannot be split off.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum SplitError {
    /// No `---` (or, for TOML, `+++`) line ends it.
    Unclosed(Format),
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
            format: Format::Yaml,
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

fn is_toml_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Front matter sits between a first line `---` and the next `---` (or `...`)
/// line, or between a first line `+++` and the next `+++` line. A page that
/// starts with neither has none.
pub(super) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let Some(first_end) = text.find('\n') else {
        return if is_fence(text) || is_toml_fence(text) {
            Err(SplitError::Unclosed(if is_fence(text) {
                Format::Yaml
            } else {
                Format::Toml
            }))
        } else {
            Ok(Split {
                front_matter: &text[..0],
                front_matter_line: 1,
                body: text,
                body_line: 1,
                format: Format::Yaml,
            })
        };
    };
    let format = match &text[..first_end] {
        line if is_fence(line) => Format::Yaml,
        line if is_toml_fence(line) => Format::Toml,
        _ => {
            return Ok(Split {
                front_matter: &text[..0],
                front_matter_line: 1,
                body: text,
                body_line: 1,
                format: Format::Yaml,
            })
        }
    };
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let bare = line.trim_end();
        let closes = match format {
            Format::Yaml => bare == "---" || bare == "...",
            Format::Toml => bare == "+++",
        };
        if closes {
            return Ok(Split {
                front_matter: &text[yaml_start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
                format,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed(format))
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
        assert_eq!(
            split("---\ntitle: A\n# Body\n"),
            Err(SplitError::Unclosed(Format::Yaml))
        );
        assert_eq!(split("---"), Err(SplitError::Unclosed(Format::Yaml)));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unclosed(Format::Toml)));
    }

    #[test]
    fn toml_front_matter_is_split_off() {
        let split = split("+++\ntitle = \"A\"\n+++\nBody\n").expect("closed");
        assert_eq!(split.format, Format::Toml);
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!((split.body, split.body_line), ("Body\n", 4));
    }
}
