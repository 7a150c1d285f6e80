//! The YAML reader's and the typing's messages in a writer's words: what
//! the key wants, what it got, and the fix for the usual slips.

use crate::diagnostics::did_you_mean;

/// What a type named in a message is, in plain words.
fn wanted(expected: &str) -> String {
    let expected = expected.trim();
    match expected {
        "f64" | "f32" => "a number".into(),
        "i64" | "i32" | "i16" | "i8" | "isize" => "a whole number".into(),
        "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number of 0 or more".into(),
        "a sequence" => "a list".into(),
        "a string" | "a borrowed string" | "a character" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "a map" => "keys with values (`key: value` lines)".into(),
        "unit" => "nothing".into(),
        _ if expected.starts_with("struct ") || expected.starts_with("a map") => {
            "keys with values (`key: value` lines)".into()
        }
        _ if expected.starts_with("enum ") => "one of the listed words".into(),
        // The model's own descriptions ("a date written YYYY-MM-DD", "a list or a single value") are plain already.
        _ => expected.to_owned(),
    }
}

/// What a value named in a message is, in plain words.
fn got(unexpected: &str) -> String {
    let unexpected = unexpected.trim();
    let quoted = || {
        unexpected
            .split_once(' ')
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    match unexpected.split(' ').next().unwrap_or_default() {
        "string" => format!("the text {}", quoted()),
        "integer" | "floating" => format!("the number {}", quoted().trim_start_matches("point ").trim_matches('`')),
        "boolean" => quoted(),
        "map" => "keys with values".into(),
        "sequence" => "a list".into(),
        "unit" => "nothing".into(),
        "char" => format!("the character {}", quoted()),
        _ => unexpected.to_owned(),
    }
}

/// The words of a list in a message: "`a`, `b` or `c`" → `["a", "b", "c"]`.
fn quoted_words(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The language a message's examples are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Front matter.
    Yaml,
    /// book.toml.
    Toml,
}

/// A message of the typing (`unknown field`, `invalid type`, …) for the key
/// `field`: the error line, and help.
pub(crate) fn plain_serde_message(field: &str, message: &str, syntax: Syntax) -> (String, Option<String>) {
    let key = if field.is_empty() {
        "this value".to_owned()
    } else {
        format!("`{field}`")
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let words = quoted_words(rest);
        let Some((wrong, known)) = words.split_first() else {
            return (format!("unknown key {rest}"), None);
        };
        let help =
            did_you_mean(wrong, known.iter().copied()).unwrap_or_else(|| format!("the keys here are {}", list(known)));
        return (format!("unknown key `{wrong}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let words = quoted_words(rest);
        let Some((wrong, known)) = words.split_first() else {
            return (format!("{key} cannot be {rest}"), None);
        };
        let help =
            did_you_mean(wrong, known.iter().copied()).unwrap_or_else(|| format!("write one of {}", list(known)));
        return (format!("{key} cannot be `{wrong}`"), Some(help));
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((unexpected, expected)) = rest.split_once(", expected ") {
                let wants = match field {
                    "review_every" | "review-every" => "a number of days".to_owned(),
                    _ => wanted(expected),
                };
                let help = help_for_wanted(&wants, field, syntax);
                return (format!("{key} wants {wants}, not {}", got(unexpected)), help);
            }
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = quoted_words(rest).first().copied().unwrap_or(rest).to_owned();
        return (
            format!("`{name}` is missing"),
            Some(format!("add `{name}:` with its value")),
        );
    }
    if message.starts_with("invalid date") {
        return (
            message.to_owned(),
            Some("dates are written YYYY-MM-DD and must exist in the calendar".into()),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        return (format!("{key} has the wrong number of items ({rest})"), None);
    }
    (message.to_owned(), None)
}

fn list(words: &[&str]) -> String {
    match words {
        [] => "none".into(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn help_for_wanted(wants: &str, field: &str, syntax: Syntax) -> Option<String> {
    let key = if field.is_empty() { "key" } else { field };
    let set = match syntax {
        Syntax::Yaml => format!("{key}:"),
        Syntax::Toml => format!("{key} ="),
    };
    Some(match (wants, syntax) {
        ("a number", _) => format!("write a number without quotes, e.g. `{set} 2.5`"),
        ("a number of days", _) => format!("write the number of days without quotes, e.g. `{set} 90`"),
        ("a whole number" | "a whole number of 0 or more", _) => {
            format!("write a whole number without quotes, e.g. `{set} 3`")
        }
        ("a list", Syntax::Yaml) => {
            format!("write a list, e.g. `{set} [first, second]`, or one item per line starting with `- `")
        }
        ("a list", Syntax::Toml) => format!("write a list, e.g. `{set} [\"first\", \"second\"]`"),
        ("text", Syntax::Yaml) => {
            "write the text on the same line, in quotes if it contains `: `, `#` or starts with a special character"
                .into()
        }
        ("text", Syntax::Toml) => format!("write the text in quotes, e.g. `{set} \"…\"`"),
        ("`true` or `false`", _) => format!("write `{set} true` or `{set} false`"),
        (w, Syntax::Yaml) if w.starts_with("keys with values") => {
            format!("write the keys of `{key}` on the lines below it, indented")
        }
        (w, Syntax::Toml) if w.starts_with("keys with values") => format!("write the keys under a `[{key}]` table"),
        (w, _) if w.contains("YYYY-MM-DD") => "dates are written YYYY-MM-DD and must exist in the calendar".into(),
        _ => return None,
    })
}

/// A YAML reader's message in plain words.
pub(super) fn plain_yaml_message(message: &str) -> String {
    let message = message.trim();
    if message.starts_with("found a tab character") {
        "a tab is used for indentation".into()
    } else if message.starts_with("mapping values are not allowed") {
        "a `: ` inside a value".into()
    } else if message.starts_with("found character that cannot start any token") {
        "a value starts with a character YAML keeps for itself".into()
    } else if message.starts_with("unknown anchor") {
        "a value starting with `*` names an anchor that does not exist".into()
    } else if message.starts_with("did not find expected key") || message.starts_with("did not find expected '-'") {
        "this line is not indented like the lines around it".into()
    } else if message.starts_with("did not find expected ',' or ']'") {
        "the list in `[ ]` that starts here is not closed".into()
    } else if message.starts_with("did not find expected ',' or '}'") {
        "the map in `{ }` that starts here is not closed".into()
    } else if message.starts_with("found unexpected end of stream") {
        "the front matter ends inside a quoted or bracketed value".into()
    } else if let Some(rest) = message.strip_prefix("duplicate entry with key ") {
        format!("the key {rest} is written twice")
    } else if let Some(rest) = message.strip_prefix("duplicate field ") {
        format!("the key {rest} is written twice")
    } else {
        message.to_owned()
    }
}

/// The line, column and help for a YAML reader's error at `line`/`column`
/// (1-based, within the front matter), looking at the text that is there.
pub(super) fn yaml_help(
    yaml: &str,
    message: &str,
    line: Option<usize>,
    column: Option<usize>,
) -> (Option<usize>, Option<usize>, Option<String>) {
    let text_of = |n: usize| yaml.lines().nth(n.saturating_sub(1)).unwrap_or_default();
    let Some(at) = line else {
        return (None, None, None);
    };
    let here = text_of(at);
    let help = if message.starts_with("found a tab character") || here.starts_with('\t') {
        // Point at the tab itself.
        let tab_line = (at..=yaml.lines().count())
            .find(|&n| text_of(n).contains('\t'))
            .unwrap_or(at);
        let col = text_of(tab_line).find('\t').map(|c| c + 1);
        return (
            Some(tab_line),
            col,
            Some("replace the tab with spaces: YAML is indented with spaces only".into()),
        );
    } else if message.starts_with("mapping values are not allowed") {
        let suggestion = here
            .split_once(": ")
            .map(|(key, value)| format!("{key}: \"{}\"", value.trim().replace('"', "\\\"")));
        match suggestion {
            Some(fixed) => format!("put the text in quotes: `{}`", fixed.trim_start()),
            None => "put the text in quotes".into(),
        }
    } else if message.starts_with("found character that cannot start any token")
        || message.starts_with("unknown anchor")
    {
        let first = column
            .and_then(|c| here.chars().nth(c - 1))
            .filter(|c| !c.is_whitespace())
            .map(|c| format!("`{c}`"))
            .unwrap_or_else(|| "this character".into());
        format!(
            "a value that starts with {first} must be in quotes: `key: \"{}\"`",
            value_of(here)
        )
    } else if message.starts_with("did not find expected ',' or") {
        "close the brackets on the same line, or write the items one a line, each starting with `- `".into()
    } else if message.starts_with("did not find expected key") || message.starts_with("did not find expected '-'") {
        indent_help(yaml, at)
    } else if message.starts_with("found unexpected end of stream") {
        "close the quote or bracket that is opened here".into()
    } else {
        "check the indentation, and quote text that contains `: ` or starts with a special character".into()
    };
    (Some(at), column, Some(help))
}

fn value_of(line: &str) -> String {
    line.split_once(':')
        .map_or(line, |(_, v)| v)
        .trim()
        .replace('"', "\\\"")
}

/// Help for a line indented unlike its neighbours: name the indent it should have.
fn indent_help(yaml: &str, at: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(here) = lines.get(at.saturating_sub(1)) else {
        return "line this up with the lines above it".into();
    };
    let own = indent(here);
    let above = lines[..at.saturating_sub(1)]
        .iter()
        .rev()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| indent(l))
        .find(|&i| i != own);
    match above {
        Some(expected) => format!(
            "this line is indented by {own} spaces; the lines it belongs with are indented by {expected}: line it up with them"
        ),
        None => "line this up with the lines above it".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_become_words() {
        let (what, help) = plain_serde_message("emotion", "invalid type: string \"high\", expected i64", Syntax::Yaml);
        assert_eq!(what, "`emotion` wants a whole number, not the text \"high\"");
        assert!(help.unwrap_or_default().contains("without quotes"));
        let (what, help) = plain_serde_message(
            "state",
            "unknown variant `past`, expected `current` or `future`",
            Syntax::Yaml,
        );
        assert_eq!(what, "`state` cannot be `past`");
        assert_eq!(help.as_deref(), Some("write one of current or future"));
        let (what, _) = plain_serde_message("title", "invalid type: map, expected a string", Syntax::Yaml);
        assert_eq!(what, "`title` wants text, not keys with values");
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let (what, help) = plain_serde_message(
            "qoute",
            "unknown field `qoute`, expected one of `name`, `quote`, `role`",
            Syntax::Yaml,
        );
        assert_eq!(what, "unknown key `qoute`");
        assert_eq!(help.as_deref(), Some("did you mean `quote`?"));
    }

    #[test]
    fn yaml_slips_get_their_fix() {
        let (_, _, help) = yaml_help(
            "quote: Hello: world\n",
            "mapping values are not allowed in this context",
            Some(1),
            Some(13),
        );
        assert_eq!(
            help.as_deref(),
            Some("put the text in quotes: `quote: \"Hello: world\"`")
        );
        let (line, col, help) = yaml_help(
            "title: a\n\tquote: b\n",
            "found a tab character that violates indentation",
            Some(2),
            Some(1),
        );
        assert_eq!((line, col), (Some(2), Some(1)));
        assert!(help.unwrap_or_default().starts_with("replace the tab with spaces"));
        let (_, _, help) = yaml_help(
            "title: @home\n",
            "found character that cannot start any token",
            Some(1),
            Some(8),
        );
        assert_eq!(
            help.as_deref(),
            Some("a value that starts with `@` must be in quotes: `key: \"@home\"`")
        );
    }
}
