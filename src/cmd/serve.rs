//! `journeybook serve`: builds the site in memory, serves it and reloads
//! open pages after every change.

use crate::config::{BuildConfig, Config, ServeConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::pipeline::BuildOptions;
use crate::serve::hosts::Hosts;
use crate::serve::http::{self, Content, Shared};
use crate::serve::live;
use crate::serve::watcher::{self, Scope, Watch};
use crate::session::{Session, Update};
use serde::Serialize;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on, e.g. `127.0.0.1` (the CLI's `--host`).
    pub host: String,
    /// None: the port of book.toml (3000 unless set).
    pub port: Option<u16>,
    /// Poll for changes instead of waiting for file-system events.
    pub poll: bool,
    /// Host names answered besides those of this machine (the CLI's
    /// `--allow-host`): requests naming any other host are refused.
    pub allow_hosts: Vec<String>,
    /// How each build of the preview is made.
    pub build: BuildOptions,
}

/// A running preview server: its address, and what it shares with its threads.
pub struct Preview {
    /// The address it listens on, with the port actually bound.
    pub address: SocketAddr,
    shared: Arc<Shared>,
    session: Session,
    watch: Watch,
    /// The project folder as given.
    root: PathBuf,
    /// The content folder of the last book.toml read without error.
    content_dir: PathBuf,
    changes: std::sync::mpsc::Receiver<Vec<PathBuf>>,
    report: fn(&Update),
}

/// One problem as the browser overlay shows it.
#[derive(Serialize)]
struct Problem<'a> {
    text: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

fn problems_json(diagnostics: &[Diagnostic]) -> String {
    let problems: Vec<Problem<'_>> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| Problem {
            text: d.to_string(),
            file: d.location.as_ref().map(|l| l.file.display().to_string()),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().and_then(|l| l.column),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into())
}

fn address_error(host: &str, port: u16, e: &std::io::Error) -> Diagnostic {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => Diagnostic::error(format!("port {port} on {host} is already in use"))
            .with_help(
                "stop the program using it, or choose another port with --port (or `port` under [serve] in book.toml)",
            ),
        std::io::ErrorKind::PermissionDenied => Diagnostic::error(format!("not allowed to listen on port {port}"))
            .with_help("ports below 1024 need special rights: choose another port with --port"),
        _ => Diagnostic::error(format!("cannot listen on {host}:{port}: {e}"))
            .with_help("check --host (an address of this machine, e.g. 127.0.0.1) and --port"),
    }
}

/// The port book.toml names under [serve], read leniently: a book.toml
/// with a mistake elsewhere still says where its writer looks.
fn port_hint(root: &Path) -> Option<u16> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let port = table.get("serve")?.get("port")?.as_integer()?;
    u16::try_from(port).ok()
}

impl Preview {
    /// Builds the project, binds the address and starts watching. `report`
    /// prints each rebuild's outcome. A project that does not build is
    /// served all the same: every address answers with its problems until
    /// the first good build.
    pub fn start(root: &Path, options: ServeOptions, report: fn(&Update)) -> Result<(Preview, Update), Diagnostic> {
        if !root.is_dir() {
            return Err(
                Diagnostic::error(format!("the project folder `{}` does not exist", root.display()))
                    .with_help("give the folder that holds book.toml and content/"),
            );
        }
        // A broken book.toml is reported by the first build, in the browser too.
        let config = Config::load(root).ok();
        let port = options
            .port
            .or_else(|| config.as_ref().map(|c| c.serve.port))
            .or_else(|| port_hint(root))
            .unwrap_or(ServeConfig::default().port);
        let listener =
            TcpListener::bind((options.host.as_str(), port)).map_err(|e| address_error(&options.host, port, &e))?;
        let address = listener
            .local_addr()
            .map_err(|e| address_error(&options.host, port, &e))?;
        let content_dir = config.map_or_else(|| BuildConfig::default().content_dir, |c| c.build.content_dir);
        let shared = Arc::new(Shared::new());
        // Watching starts before the first build, so no edit made during it is missed.
        let (watch, changes) = watcher::watch(Scope::of(root, &content_dir), options.poll).map_err(|e| {
            Diagnostic::error(format!("cannot watch the project for changes: {e}")).with_help("try --poll")
        })?;
        let mut session = Session::new(root, options.build.clone(), false);
        let first = session.rebuild();
        publish(&shared, &session, &first, root);
        let server_shared = Arc::clone(&shared);
        let hosts = Hosts::new(address, &options.allow_hosts);
        std::thread::Builder::new()
            .name("journeybook-accept".into())
            .spawn(move || http::run(listener, server_shared, hosts))
            .map_err(|e| Diagnostic::error(format!("cannot start the server: {e}")))?;
        let mut preview = Preview {
            address,
            shared,
            session,
            watch,
            root: root.to_path_buf(),
            content_dir,
            changes,
            report,
        };
        preview.note_config();
        Ok((preview, first))
    }

    /// Keeps the content folder of book.toml, when it was read without error.
    fn note_config(&mut self) {
        if let Some(config) = self.session.config() {
            self.content_dir = config.build.content_dir.clone();
        }
    }

    /// Watches the project's folders again where they were replaced or
    /// moved; true when they were (see [`Watch::follow`]).
    fn follow(&mut self) -> bool {
        let scope = Scope::of(&self.root, &self.content_dir);
        self.watch.follow(scope)
    }

    /// Rebuilds after each batch of changes, until the watch ends.
    pub fn run(mut self) {
        loop {
            // While the search index is rebuilt in the background, look in
            // on it between changes; else wait for the next change.
            let paths = if self.session.search_pending() {
                match watcher::next_batch_within(&self.changes, Duration::from_millis(100)) {
                    Ok(paths) => paths,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(update) = self.session.finish_search(false) {
                            if !update.changed.is_empty() || !update.removed.is_empty() {
                                publish(&self.shared, &self.session, &update, &self.root);
                            }
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match watcher::next_batch(&self.changes) {
                    Some(paths) => paths,
                    None => break,
                }
            };
            // A folder watched anew may have changed unseen: all is read again.
            let mut update = if self.follow() {
                self.session.rebuild()
            } else {
                self.session.update(&paths)
            };
            self.note_config();
            // book.toml may name another content folder now.
            if self.follow() {
                update = self.session.rebuild();
            }
            (self.report)(&update);
            publish(&self.shared, &self.session, &update, &self.root);
        }
    }
}

/// Makes a rebuild's outcome visible: the new site and a reload, or the
/// problems over the last good site.
fn publish(shared: &Shared, session: &Session, update: &Update, root: &Path) {
    let problems = problems_json(&update.diagnostics);
    let failed = update.has_errors();
    *shared.problems.write().unwrap_or_else(|p| p.into_inner()) = problems.clone();
    if failed {
        if session.files().is_empty() {
            // Never built: no last good site to show, so the problems are the page.
            let texts: Vec<String> = update
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect();
            let content = Content {
                problem_page: Some(live::problem_page(&texts).into()),
                ..Content::default()
            };
            *shared.content.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(content);
        }
        shared.broadcast("problems", &problems);
        return;
    }
    let content_dir = session
        .config()
        .map_or_else(|| BuildConfig::default().content_dir, |c| c.build.content_dir.clone());
    let content = Content {
        files: session.files().clone(),
        assets: session.assets(),
        content_dir: root.join(content_dir),
        problem_page: None,
    };
    *shared.content.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(content);
    let only_styles = !update.changed.is_empty() && update.changed.iter().all(|p| p.ends_with(".css"));
    // A new search index changes no page: open pages need not reload.
    let only_search = update
        .changed
        .iter()
        .chain(&update.removed)
        .all(|p| p.starts_with("search/"));
    let touched = !update.changed.is_empty() || !update.removed.is_empty();
    if only_search && touched {
        return;
    }
    if only_styles {
        shared.broadcast("css", "{}");
    } else {
        shared.broadcast("reload", "{}");
    }
}

/// The URL to open for a server at `address`.
pub fn url(address: &SocketAddr) -> String {
    format!("http://{address}/")
}

/// Opens `url` in the default browser, where the system has a way to.
pub fn open_browser(url: &str) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(url).spawn().map(|_| ())
}
