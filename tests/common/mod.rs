//! Helpers shared by the integration tests: fixture projects in temporary
//! folders, builds with a fixed "today", reading the produced HTML, and a
//! link checker for whole output folders.
#![allow(dead_code)]

use journeybook::date::Date;
use journeybook::diagnostics::Diagnostic;
use journeybook::{BuildOptions, Outcome};
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The date every test builds against, so stale-map checks never depend on the clock.
pub(crate) const TODAY: &str = "2026-11-22";

pub(crate) fn today() -> Date {
    Date::parse(TODAY).expect("TODAY is a valid date")
}

pub(crate) fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A project copied into a fresh temporary folder: `<tmp>/project`, with
/// `<tmp>/out` free for the output.
pub(crate) struct Project {
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl Project {
    /// Copies `tests/fixtures/<name>`.
    pub(crate) fn from_fixture(name: &str) -> Project {
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        let root = tmp.path().join("project");
        copy_dir(&fixture_path(name), &root);
        Project { tmp, root }
    }

    /// A project made of the given files (path relative to the project, text).
    pub(crate) fn with_files(files: &[(&str, &str)]) -> Project {
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        let project = Project {
            root: tmp.path().join("project"),
            tmp,
        };
        fs::create_dir_all(&project.root).expect("create project folder");
        for (path, text) in files {
            project.write(path, text);
        }
        project
    }

    /// [`Project::with_files`] of files made by the test (path, text).
    pub(crate) fn with_owned_files(files: &[(String, String)]) -> Project {
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        Project::with_files(&borrowed)
    }

    /// A folder beside the project, not yet created.
    pub(crate) fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// Runs `journeybook build` on the project into `out()`, which must succeed; returns `out()`.
    pub(crate) fn build_with_binary(&self) -> PathBuf {
        let out = self.out();
        journeybook()
            .arg("build")
            .arg(&self.root)
            .arg("-d")
            .arg(&out)
            .assert()
            .success();
        out
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub(crate) fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("create folders");
        fs::write(path, text).expect("write file");
    }

    pub(crate) fn build(&self) -> Outcome {
        build(&self.root, Some(&self.out()))
    }

    pub(crate) fn build_ok(&self) -> Outcome {
        build_ok(&self.root, Some(&self.out()))
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create target folder");
    for entry in fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("read entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

pub(crate) fn options(dest: Option<&Path>, drafts: bool) -> BuildOptions {
    BuildOptions {
        dest_dir: dest.map(Path::to_path_buf),
        drafts,
        today: Some(today()),
        strict: false,
    }
}

pub(crate) fn build(root: &Path, dest: Option<&Path>) -> Outcome {
    journeybook::build(root, &options(dest, false))
}

/// Builds and fails the test, showing every diagnostic, if there is an error.
pub(crate) fn build_ok(root: &Path, dest: Option<&Path>) -> Outcome {
    let outcome = build(root, dest);
    assert_no_errors(&outcome);
    outcome
}

pub(crate) fn assert_no_errors(outcome: &Outcome) {
    assert!(
        !outcome.has_errors(),
        "expected no errors, got:\n{}",
        describe(&outcome.diagnostics)
    );
}

/// The diagnostics as the CLI shows them, for assertion messages.
pub(crate) fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.to_string() + "\n").collect()
}

/// The one error of a failed build; fails the test unless there is exactly one.
pub(crate) fn only_error(outcome: &Outcome) -> &Diagnostic {
    let errors: Vec<&Diagnostic> = outcome.errors().collect();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error, got:\n{}",
        describe(&outcome.diagnostics)
    );
    errors[0]
}

/// Where a diagnostic points: (file with `/` separators, line, column).
pub(crate) fn position(d: &Diagnostic) -> (String, usize, Option<usize>) {
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("diagnostic has no location:\n{d}"));
    let file = loc
        .file
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    (file, loc.line, loc.column)
}

pub(crate) fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// The text of an element with runs of white space collapsed.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every file of a folder, by its `/`-separated path relative to it, with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read folder") {
            let entry = entry.expect("read entry");
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().expect("file type").is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, fs::read(entry.path()).expect("read file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, "", &mut files);
    files
}

/// Every file of a built site but its manifest, which records when each
/// file was written, and the records kept for the next build, which hold
/// what the builds before it kept as well: both differ between builds of
/// the same content, and neither is part of the site.
pub(crate) fn site_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(journeybook::output::MANIFEST);
    let kept = format!("{}/", journeybook::kept::FOLDER);
    files.retain(|path, _| !path.starts_with(&kept));
    files
}

/// The names in a folder, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A built site: every HTML page of an output folder, parsed.
pub(crate) struct Site {
    pub dir: PathBuf,
    pub pages: BTreeMap<String, Html>,
}

impl Site {
    pub(crate) fn load(dir: &Path) -> Site {
        let pages = snapshot(dir)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| {
                let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not valid UTF-8"));
                (path, Html::parse_document(&text))
            })
            .collect();
        Site {
            dir: dir.to_path_buf(),
            pages,
        }
    }

    pub(crate) fn page(&self, url: &str) -> &Html {
        self.pages.get(url).unwrap_or_else(|| {
            panic!(
                "no page `{url}` in the site; pages: {:?}",
                self.pages.keys().collect::<Vec<_>>()
            )
        })
    }

    pub(crate) fn select<'a>(&'a self, url: &str, css: &str) -> Vec<ElementRef<'a>> {
        self.page(url).select(&sel(css)).collect()
    }

    /// The one element matching `css` on the page.
    pub(crate) fn one<'a>(&'a self, url: &str, css: &str) -> ElementRef<'a> {
        let found = self.select(url, css);
        assert_eq!(found.len(), 1, "expected one `{css}` in {url}");
        found[0]
    }

    /// The texts of every element matching `css`.
    pub(crate) fn texts(&self, url: &str, css: &str) -> Vec<String> {
        self.select(url, css).into_iter().map(text_of).collect()
    }

    /// The hrefs of every link on the page.
    pub(crate) fn hrefs(&self, url: &str) -> Vec<String> {
        self.select(url, "a[href]")
            .into_iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect()
    }

    /// Where the relative links of the page lead, from the site root:
    /// `journeys/a.html#stage-buy`.
    pub(crate) fn links(&self, url: &str) -> Vec<String> {
        self.links_in(url, self.one(url, "html"))
    }

    /// Where the relative links inside `scope`, on the page at `url`, lead.
    pub(crate) fn links_in(&self, url: &str, scope: ElementRef<'_>) -> Vec<String> {
        scope
            .select(&sel("a[href]"))
            .filter_map(|a| resolve_link(url, a.value().attr("href")?))
            .collect()
    }

    pub(crate) fn links_to(&self, url: &str, target: &str) -> bool {
        self.links(url).iter().any(|l| l == target)
    }

    /// The table rows of the page whose text contains `needle`.
    pub(crate) fn rows_containing<'a>(&'a self, url: &str, needle: &str) -> Vec<ElementRef<'a>> {
        self.select(url, "tr")
            .into_iter()
            .filter(|row| text_of(*row).contains(needle))
            .collect()
    }

    /// The one table row of the page whose text contains `needle`.
    pub(crate) fn row<'a>(&'a self, url: &str, needle: &str) -> ElementRef<'a> {
        let rows = self.rows_containing(url, needle);
        assert_eq!(rows.len(), 1, "expected one row with `{needle}` in {url}");
        rows[0]
    }

    /// The page's visible text, white space collapsed.
    pub(crate) fn body_text(&self, url: &str) -> String {
        text_of(self.one(url, "body"))
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        let text = fs::read_to_string(self.dir.join("journeybook.json")).expect("journeybook.json");
        serde_json::from_str(&text).expect("journeybook.json is valid JSON")
    }
}

pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The scheme of a URL (`https`, `mailto`), if it has one.
fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let valid = !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Resolves a relative path against the folder of `from`; None when it climbs out.
fn resolve(from: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in relative.split('/') {
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

/// A relative link on the page at `url`, resolved from the site root with
/// its fragment (`journeys/a.html#stage-buy`); None for other hosts.
pub(crate) fn resolve_link(url: &str, href: &str) -> Option<String> {
    if scheme(href).is_some() || href.starts_with('/') {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let mut target = if path.is_empty() {
        url.to_owned()
    } else {
        resolve(url, &percent_decode(path))?
    };
    if let Some(fragment) = fragment {
        target.push('#');
        target.push_str(&fragment);
    }
    Some(target)
}

/// Every problem with the links of a built site, one line each: relative
/// `href`/`src` targets that do not exist, fragments with no element of that
/// id, ids used twice on a page, absolute paths, and any resource from
/// another host (only `<a href>` may leave the site).
pub(crate) fn link_problems(dir: &Path) -> Vec<String> {
    let site = Site::load(dir);
    let ids: HashMap<&str, HashMap<String, usize>> = site
        .pages
        .iter()
        .map(|(url, html)| {
            let mut counts = HashMap::new();
            for el in html.select(&sel("[id]")) {
                let id = el.value().attr("id").unwrap_or_default().to_owned();
                *counts.entry(id).or_insert(0) += 1;
            }
            (url.as_str(), counts)
        })
        .collect();
    let mut problems = Vec::new();
    for (url, counts) in &ids {
        for (id, n) in counts.iter().filter(|(_, n)| **n > 1) {
            problems.push(format!("{url}: id `{id}` is used {n} times"));
        }
    }
    let linking = sel("[href], [src]");
    for (url, html) in &site.pages {
        for el in html.select(&linking) {
            let tag = el.value().name();
            for attr in ["href", "src"] {
                let Some(value) = el.value().attr(attr) else {
                    continue;
                };
                let at = format!("{url}: <{tag} {attr}=\"{value}\">");
                let value = value.trim();
                if value.is_empty() {
                    problems.push(format!("{at}: empty"));
                    continue;
                }
                if value.starts_with("//") || value.starts_with('/') {
                    problems.push(format!("{at}: absolute path or another host"));
                    continue;
                }
                if let Some(scheme) = scheme(value) {
                    // An inline `data:` resource fetches nothing.
                    if scheme == "data" {
                        continue;
                    }
                    let prose_link = tag == "a" && attr == "href";
                    let allowed = ["http", "https", "mailto", "tel"].contains(&scheme.as_str());
                    if !(prose_link && allowed) {
                        problems.push(format!("{at}: refers to another host or scheme"));
                    }
                    continue;
                }
                let (path, fragment) = match value.split_once('#') {
                    Some((p, f)) => (p, Some(percent_decode(f))),
                    None => (value, None),
                };
                let path = path.split('?').next().unwrap_or_default();
                let target = if path.is_empty() {
                    url.clone()
                } else {
                    match resolve(url, &percent_decode(path)) {
                        Some(t) => t,
                        None => {
                            problems.push(format!("{at}: climbs out of the site"));
                            continue;
                        }
                    }
                };
                if !dir.join(&target).is_file() {
                    problems.push(format!("{at}: `{target}` does not exist"));
                    continue;
                }
                if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                    match ids.get(target.as_str()) {
                        Some(known) if known.contains_key(&fragment) => {}
                        Some(_) => problems.push(format!("{at}: `{target}` has no id `{fragment}`")),
                        None => problems.push(format!("{at}: `{target}` is not an HTML page")),
                    }
                }
            }
        }
    }
    problems.sort();
    problems
}

pub(crate) fn assert_links_resolve(dir: &Path) {
    let problems = link_problems(dir);
    assert!(
        problems.is_empty(),
        "{} link problems in {}:\n{}",
        problems.len(),
        dir.display(),
        problems.join("\n")
    );
}

/// The journeybook binary, with a fixed "today" and no colours.
pub(crate) fn journeybook() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_journeybook"));
    cmd.env("JOURNEYBOOK_TODAY", TODAY).env("NO_COLOR", "1");
    cmd
}

pub(crate) fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
