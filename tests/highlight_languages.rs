//! Fenced blocks in TOML, TypeScript, console sessions, Dockerfile and SQL
//! come out highlighted, with the same `hl-` classes as every other
//! language (issue 15): a real build, read back as HTML.

mod common;

use common::{describe, Project, Site};

const PAGE: &str = "---\ntitle: Code\n---\n\
```toml\n[book]\ntitle = \"Kestrel\" # the name\n```\n\n\
```ts\nconst n: number = 4;\n```\n\n\
```typescript\ninterface Stage { name: string }\n```\n\n\
```console\n$ journeybook build \\\n    --strict\nBuilt 46 pages\n```\n\n\
```dockerfile\nFROM debian:stable\nRUN apt-get update\n```\n\n\
```sql\nSELECT id FROM journeys WHERE stale = 1;\n```\n\n\
```no-such-language\na < b\n```\n";

fn site() -> Site {
    let project = Project::with_files(&[("content/code.md", PAGE)]);
    let outcome = project.build();
    assert!(!outcome.has_errors(), "{}", describe(&outcome.diagnostics));
    Site::load(&project.out())
}

/// The classes of every span in the block of language `lang`.
fn classes(site: &Site, lang: &str) -> Vec<String> {
    site.select("code.html", &format!("pre.code[data-lang=\"{lang}\"] code span"))
        .iter()
        .filter_map(|s| s.value().attr("class").map(str::to_owned))
        .collect()
}

#[test]
fn each_language_gets_highlighted_spans() {
    let site = site();
    for (lang, expected) in [
        ("toml", "hl-toml"),
        ("ts", "hl-ts"),
        ("typescript", "hl-ts"),
        ("dockerfile", "hl-dockerfile"),
        ("sql", "hl-sql"),
        ("console", "hl-shell"),
    ] {
        let found = classes(&site, lang);
        assert!(
            found.iter().any(|c| c.split(' ').any(|class| class == expected)),
            "{lang}: no `{expected}` among {found:?}"
        );
        // More than the one span around the whole block: the text is cut into tokens.
        assert!(found.len() > 2, "{lang}: {found:?}");
        assert!(
            found.iter().all(|c| c.split(' ').all(|class| class.starts_with("hl-"))),
            "{lang}: {found:?}"
        );
    }
    // The TOML comment and string are told apart, as the stylesheets colour them.
    let toml = classes(&site, "toml").join(" ");
    assert!(toml.contains("hl-comment") && toml.contains("hl-string"), "{toml}");
}

#[test]
fn a_console_session_has_prompts_commands_and_output() {
    let site = site();
    assert_eq!(
        site.texts("code.html", "pre.code[data-lang=\"console\"] .hl-prompt"),
        ["$"]
    );
    assert_eq!(
        site.texts("code.html", "pre.code[data-lang=\"console\"] .hl-output"),
        ["Built 46 pages"]
    );
    // The continued line belongs to the command.
    let command = site.texts("code.html", "pre.code[data-lang=\"console\"] code > .hl-source");
    assert_eq!(command.len(), 1, "{command:?}");
    assert!(command[0].contains("--strict"), "{command:?}");
}

#[test]
fn unknown_languages_stay_plain() {
    let site = site();
    assert!(classes(&site, "no-such-language").is_empty());
    assert_eq!(
        site.texts("code.html", "pre.code[data-lang=\"no-such-language\"] code"),
        ["a < b"]
    );
}
