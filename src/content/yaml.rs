//! The one place that parses YAML, so the parser can be swapped.

use serde::de::DeserializeOwned;

/// A YAML error with its position inside the front matter (1-based).
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn from_front_matter<T: DeserializeOwned + Default>(yaml: &str) -> Result<T, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(T::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let location = e.location();
        let mut message = e.to_string();
        // The position is reported separately: drop serde_yaml's " at line N column M".
        if let Some(at) = message.find(" at line ") {
            message.truncate(at);
        }
        YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })
}
