//! The one place that parses YAML, so the parser can be swapped.

use serde::de::DeserializeOwned;

/// A YAML error with its position inside the front matter (1-based).
#[derive(Debug)]
pub(super) struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Reads "… at line 5 column 9" numbers.
fn line_and_column(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

pub(super) fn from_front_matter<T: DeserializeOwned + Default>(yaml: &str) -> Result<T, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(T::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let location = e.location();
        let full = e.to_string();
        let mut line = location.as_ref().map(|l| l.line());
        let mut column = location.as_ref().map(|l| l.column());
        // The position is reported separately: drop " at line N column M". An
        // unclosed bracket or quote is detected far from where it opened; the
        // parser names the opening ("while parsing a flow sequence at line 4
        // column 18"), which is where the writer must look.
        let mut message = full.clone();
        if let Some(at) = full.find(" at line ") {
            message = full[..at].to_owned();
            if let Some((_, context)) = full.split_once(", while parsing ") {
                // Only an unclosed bracket or quote: a block list's or map's
                // own start is not where a mis-indented line is.
                let unclosed = context.starts_with("a flow") || context.starts_with("a quoted");
                if let Some((what, position)) = context.split_once(" at ").filter(|_| unclosed) {
                    if let Some((l, c)) = line_and_column(position) {
                        message = format!("{message} (in the {} that starts here)", what.trim_start_matches("a "));
                        line = Some(l);
                        column = Some(c);
                    }
                }
            }
        }
        YamlError { message, line, column }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize)]
    struct Doc {
        #[allow(dead_code)]
        items: Vec<String>,
    }

    #[test]
    fn unclosed_lists_point_at_their_opening() {
        let err = from_front_matter::<Doc>("title: x\nitems: [a, b\nother: 1\n").expect_err("unclosed");
        assert_eq!((err.line, err.column), (Some(2), Some(8)), "{}", err.message);
        assert!(err.message.contains("starts here"), "{}", err.message);
    }
}
