//! Splitting a page into its YAML front matter and its Markdown body.

/// The parts of a page. Lines are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unclosed;

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Front matter sits between a first line `---` and the next `---` (or `...`)
/// line. A page that does not start with `---` has none.
pub(super) fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let Some(first_end) = text.find('\n') else {
        return if is_fence(text) {
            Err(Unclosed)
        } else {
            Ok(Split {
                front_matter: &text[..0],
                front_matter_line: 1,
                body: text,
                body_line: 1,
            })
        };
    };
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
    Err(Unclosed)
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
        assert_eq!(split("---\ntitle: A\n# Body\n"), Err(Unclosed));
        assert_eq!(split("---"), Err(Unclosed));
    }
}
