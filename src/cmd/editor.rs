//! The editor wiring `init` writes beside a new playbook: the JSON Schemas
//! (`journeybook schema`), VS Code's `yaml.schemas` mapping each content
//! folder to its kind's schema, and Taplo's rule for book.toml, so writers
//! get completion and red squiggles while typing.

use crate::diagnostics::Diagnostic;
use crate::schema;
use serde_json::json;
use std::fs;
use std::path::{Path, PathBuf};

/// Where `init` puts the schemas, relative to the project.
pub const SCHEMA_DIR: &str = "schemas";

/// VS Code's settings: each kind's folder to its schema, plain pages everywhere else.
fn vscode_settings(content: &str) -> String {
    let folder = |name: &str| format!("{content}/{name}/**/*.md");
    let schema = |file: &str| format!("./{SCHEMA_DIR}/{file}");
    let settings = json!({
        "yaml.schemas": {
            schema("journey.schema.json"): [folder("journeys")],
            schema("persona.schema.json"): [folder("personas")],
            schema("touchpoint.schema.json"): [folder("touchpoints")],
            schema("page.schema.json"): [
                format!("{content}/**/*.md"),
                format!("!{}", folder("journeys")),
                format!("!{}", folder("personas")),
                format!("!{}", folder("touchpoints"))
            ]
        }
    });
    // Plain JSON values: serialising cannot fail.
    serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n"
}

fn taplo_config() -> String {
    format!(
        "# Taplo (the Even Better TOML extension, `taplo check`): book.toml against journeybook's schema.\n\
         [[rule]]\n\
         include = [\"book.toml\"]\n\n\
         [rule.schema]\n\
         path = \"./{SCHEMA_DIR}/book.schema.json\"\n"
    )
}

/// Writes the schemas and the editors' settings into `dir`, whose content
/// folder is `content`. A settings file that is there already is the
/// writer's own and is kept ("kept"; the docs show what to add).
pub fn write(dir: &Path, content: &str) -> Result<Vec<(PathBuf, &'static str)>, Diagnostic> {
    let mut written: Vec<(PathBuf, &'static str)> = schema::write_all(&dir.join(SCHEMA_DIR))?
        .into_iter()
        .map(|path| (path, "created"))
        .collect();
    for (path, text) in [
        (dir.join(".vscode/settings.json"), vscode_settings(content)),
        (dir.join(".taplo.toml"), taplo_config()),
    ] {
        if path.exists() {
            written.push((path, "kept"));
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", parent.display())))?;
        }
        fs::write(&path, text).map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
        written.push((path, "created"));
    }
    Ok(written)
}
