//! Console sessions (```console, ```shell-session): a line that starts with
//! a prompt is a command, highlighted as shell, with the prompt in a class of
//! its own (the theme keeps it out of a copied selection); a command ending
//! in `\` goes on on the next line; every other line is the command's
//! output, shown as it is. Neither syntect nor two-face reads sessions.

use super::{escape, find, highlight_with};

/// The names a session block goes by, in any case.
const NAMES: &[&str] = &["console", "shell-session", "shellsession", "sh-session", "terminal"];

/// Whether `lang` names a console session.
pub(super) fn is_session(lang: &str) -> bool {
    NAMES.iter().any(|name| name.eq_ignore_ascii_case(lang))
}

/// The prompt at the start of `line`, if it has one: `$ `, `# `, `% `, `> `
/// alone, or after a `user@host:~/dir` part (which holds `@`, `:` or `~`, so
/// output such as `50% done` is not read as a prompt).
fn prompt(line: &str) -> Option<usize> {
    let marks = ['$', '#', '%', '>'];
    let bare = line.chars().next().filter(|c| marks.contains(c));
    if bare.is_some() && (line.len() == 1 || line[1..].starts_with(' ')) {
        return Some(line.len().min(2));
    }
    let word = line.split(' ').next().unwrap_or_default();
    let last = word.chars().last()?;
    let has_place = word.contains(['@', ':', '~']);
    (has_place && marks.contains(&last) && line.len() > word.len()).then_some(word.len() + 1)
}

/// The session's HTML for inside `<code>`.
pub(super) fn highlight(code: &str) -> String {
    let shell = find("bash");
    let mut out = String::with_capacity(code.len() * 3);
    let mut command = String::new();
    let mut lines = code.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let Some(at) = prompt(line.trim_end_matches(['\n', '\r'])) else {
            out.push_str("<span class=\"hl-output\">");
            out.push_str(&escape(line));
            out.push_str("</span>");
            continue;
        };
        out.push_str("<span class=\"hl-prompt\">");
        out.push_str(&escape(&line[..at]));
        out.push_str("</span>");
        command.clear();
        command.push_str(&line[at..]);
        while command.trim_end_matches(['\n', '\r']).ends_with('\\') {
            match lines.next() {
                Some(more) => command.push_str(more),
                None => break,
            }
        }
        match shell {
            Some((syntax, set)) => out.push_str(&highlight_with(&command, syntax, set)),
            None => out.push_str(&escape(&command)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_told_from_output() {
        assert_eq!(prompt("$ ls"), Some(2));
        assert_eq!(prompt("$"), Some(1));
        assert_eq!(prompt("# apt-get update"), Some(2));
        assert_eq!(prompt("me@box:~/src$ make"), Some(14));
        assert_eq!(prompt("50% done"), None);
        assert_eq!(prompt("$HOME is set"), None);
        assert_eq!(prompt("total 12"), None);
    }

    #[test]
    fn commands_are_highlighted_and_output_is_not() {
        let html = highlight("$ echo \"hi\" \\\n  | tr a-z A-Z\nHI\n");
        assert!(html.starts_with("<span class=\"hl-prompt\">$ </span>"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("<span class=\"hl-output\">HI\n</span>"), "{html}");
        // The continued line is part of the command, not output.
        assert!(!html.contains("<span class=\"hl-output\">  | tr"), "{html}");
        assert!(is_session("Console") && !is_session("bash"));
    }
}
