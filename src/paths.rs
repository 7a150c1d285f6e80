//! Content paths and the links to them: where a file of content/ is, and how
//! a path is written in a link, each rule written once.
//! A content path is relative to the content folder, with `/` separators and
//! no `.` or `..` segments: `journeys/buying.md`. Output paths (URLs) follow
//! the same rules, relative to the site root.

use std::path::{Path, PathBuf};

/// `path` with `/` separators, whatever the system's.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `.` and `..` in a `/`-separated path. None when it climbs above
/// its start: such a path names nothing inside the folder it is relative to.
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Whether `link` is an address with a scheme (`https:`, `mailto:`) or
/// another host (`//cdn.example.org/…`), rather than a path.
pub fn is_address(link: &str) -> bool {
    link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// The folder of a content path: `guides/deep` for `guides/deep/a.md`, `""` at the top.
pub fn folder_of(content_path: &str) -> &str {
    content_path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The last segment: `a.md` for `guides/a.md`.
pub fn file_name(content_path: &str) -> &str {
    content_path.rsplit('/').next().unwrap_or(content_path)
}

/// The file name without `.md`: `a` for `guides/a.md`.
pub fn file_stem(content_path: &str) -> &str {
    let name = file_name(content_path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The content path without `.md`: `guides/a` for `guides/a.md`, the
/// page's path in the site and a plain page's id.
pub fn without_md(content_path: &str) -> &str {
    content_path.strip_suffix(".md").unwrap_or(content_path)
}

/// `relative` (as written in the file at `from`) as a content path; None
/// when it climbs out of the content folder.
pub fn join(from: &str, relative: &str) -> Option<String> {
    normalise(&format!("{}/{relative}", folder_of(from)))
}

/// The relative link from the file at content path `from` to content path `to`.
pub fn relative_link(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = folder_of(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut link = "../".repeat(from_dirs.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// `path` relative to `root` when it is inside it, else as it is: how
/// messages name files.
pub fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A path as the file system knows it: absolute, with links resolved as far
/// as the path exists (the rest, not yet created, added back as written).
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    if path.exists() {
        return std::fs::canonicalize(path);
    }
    let mut rest = Vec::new();
    let mut current = path.to_path_buf();
    loop {
        if current.exists() {
            let mut base = std::fs::canonicalize(&current)?;
            for part in rest.iter().rev() {
                base.push(part);
            }
            return Ok(base);
        }
        match (current.file_name(), current.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                current = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return std::path::absolute(path),
        }
    }
}

/// The content path of a file given in any form (relative to the current
/// folder, absolute, through a link), or None when it is not inside
/// `content_root` (which [`canonical`] made).
pub fn content_path_of(content_root: &Path, file: &Path) -> Option<String> {
    let inside = |p: &Path| p.strip_prefix(content_root).ok().map(slash_path);
    let plain = file
        .components()
        .all(|c| !matches!(c, std::path::Component::ParentDir | std::path::Component::CurDir));
    if let Some(path) = inside(file).filter(|_| plain) {
        return Some(path);
    }
    let whole = canonical(file).ok()?;
    inside(&whole)
}

/// Decodes `%41`-style escapes; None for a malformed escape or text that
/// does not decode to UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A link as written, decoded where it can be, else as it is.
pub fn decode_or_keep(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_owned())
}

/// A content path as a link writes it: bytes outside `A-Z a-z 0-9 - _ . ~ /` as `%XX`.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_never_climbs_above_the_start() {
        assert_eq!(normalise("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalise("a//b/").as_deref(), Some("a/b"));
        assert_eq!(normalise("a/../../b"), None);
        assert_eq!(
            join("guides/a.md", "../personas/x.svg").as_deref(),
            Some("personas/x.svg")
        );
        assert_eq!(join("a.md", "../x.md"), None);
    }

    #[test]
    fn names_of_a_content_path() {
        assert_eq!(folder_of("guides/deep/a.md"), "guides/deep");
        assert_eq!(folder_of("a.md"), "");
        assert_eq!(file_stem("guides/a.md"), "a");
        assert_eq!(file_name("guides/a.md"), "a.md");
    }

    #[test]
    fn relative_links_between_content_paths() {
        assert_eq!(relative_link("guides/a.md", "guides/b.md"), "b.md");
        assert_eq!(relative_link("guides/a.md", "touchpoints/x.md"), "../touchpoints/x.md");
        assert_eq!(relative_link("a.md", "guides/deep/b.md"), "guides/deep/b.md");
    }

    #[test]
    fn content_paths_of_relative_and_absolute_files() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("guides")).expect("folders");
        std::fs::write(content.join("guides/a.md"), "x").expect("file");
        let root = canonical(&content).expect("canonical");
        assert_eq!(
            content_path_of(&root, &root.join("guides/a.md")).as_deref(),
            Some("guides/a.md")
        );
        // Through `..` and a folder that is not canonical, and a file since deleted.
        let roundabout = content.join("guides/../guides/gone.md");
        assert_eq!(content_path_of(&root, &roundabout).as_deref(), Some("guides/gone.md"));
        assert_eq!(content_path_of(&root, tmp.path()), None);
    }
}
