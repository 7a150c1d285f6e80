//! `journeybook serve`: builds the site in memory, serves it and reloads
//! open pages after every change.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::paths;
use crate::pipeline::BuildOptions;
use crate::serve::http::{self, Content, Shared};
use crate::serve::watcher::{self, Scope, Watch};
use crate::session::{Session, Update};
use serde::Serialize;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
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
    scope: Scope,
    changes: std::sync::mpsc::Receiver<Vec<std::path::PathBuf>>,
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

impl Preview {
    /// Builds the project, binds the address and starts watching. `report`
    /// prints each rebuild's outcome.
    pub fn start(root: &Path, options: ServeOptions, report: fn(&Update)) -> Result<(Preview, Update), Diagnostic> {
        let config = Config::load(root)?;
        let port = options.port.unwrap_or(config.serve.port);
        let listener =
            TcpListener::bind((options.host.as_str(), port)).map_err(|e| address_error(&options.host, port, &e))?;
        let address = listener
            .local_addr()
            .map_err(|e| address_error(&options.host, port, &e))?;
        let content_root = std::fs::canonicalize(root.join(&config.build.content_dir))
            .map_err(|e| Diagnostic::error(format!("cannot open the content folder: {e}")))?;
        let shared = Arc::new(Shared::new(content_root.clone()));
        let scope = Scope {
            root: paths::canonical(root).unwrap_or_else(|_| root.to_path_buf()),
            content: content_root,
            output: None,
        };
        // Watching starts before the first build, so no edit made during it is missed.
        let (watch, changes) = watcher::watch(scope.clone(), options.poll).map_err(|e| {
            Diagnostic::error(format!("cannot watch the project for changes: {e}")).with_help("try --poll")
        })?;
        let mut session = Session::new(root, options.build.clone(), false);
        let first = session.rebuild();
        publish(&shared, &session, &first);
        let server_shared = Arc::clone(&shared);
        std::thread::spawn(move || http::run(listener, server_shared));
        Ok((
            Preview {
                address,
                shared,
                session,
                watch,
                scope,
                changes,
                report,
            },
            first,
        ))
    }

    /// Rebuilds after each batch of changes, until the watch ends.
    pub fn run(mut self) {
        // The folders that existed at the start are watched already.
        let mut watched: Vec<std::path::PathBuf> = ["templates", "themes"]
            .iter()
            .map(|folder| self.scope.root.join(folder))
            .filter(|path| path.is_dir())
            .collect();
        loop {
            // While the search index is rebuilt in the background, look in
            // on it between changes; else wait for the next change.
            let paths = if self.session.search_pending() {
                match watcher::next_batch_within(&self.changes, Duration::from_millis(100)) {
                    Ok(paths) => paths,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(update) = self.session.finish_search(false) {
                            if !update.changed.is_empty() || !update.removed.is_empty() {
                                publish(&self.shared, &self.session, &update);
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
            self.watch.follow_new_folders(&self.scope, &mut watched);
            let update = self.session.update(&paths);
            (self.report)(&update);
            publish(&self.shared, &self.session, &update);
        }
    }
}

/// Makes a rebuild's outcome visible: the new site and a reload, or the
/// problems over the last good site.
fn publish(shared: &Shared, session: &Session, update: &Update) {
    let problems = problems_json(&update.diagnostics);
    let failed = update.has_errors();
    *shared.problems.write().unwrap_or_else(|p| p.into_inner()) = problems.clone();
    if failed {
        shared.broadcast("problems", &problems);
        return;
    }
    let content = Content {
        files: session.files().clone(),
        assets: session.assets(),
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
