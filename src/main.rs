//! The journeybook command line: arguments, exit codes, printing diagnostics.

use clap::{Parser, Subcommand};
use journeybook::cmd;
use journeybook::diagnostics::{formats, MessageFormat};
use journeybook::{BuildOptions, Outcome};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod allocator;

/// Build customer journey playbooks into a cross-linked static site.
#[derive(Parser)]
#[command(name = "journeybook", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: `site`).
    Build {
        /// The project folder, holding book.toml and content/.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (overrides `output-dir` of book.toml; relative to the current folder).
        #[arg(short = 'd', long = "dest-dir", value_name = "OUT")]
        dest_dir: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Run every check of `build` without writing anything.
    Check {
        /// The project folder, holding book.toml and content/.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build the site in memory, serve it, and reload open pages after every change.
    Serve(ServeArgs),
    /// Rebuild the output folder after every change, as `build` does.
    Watch {
        /// The project folder, holding book.toml and content/.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (overrides `output-dir` of book.toml).
        #[arg(short = 'd', long = "dest-dir", value_name = "OUT")]
        dest_dir: Option<PathBuf>,
        /// Look for changes every half second instead of waiting for file-system events.
        #[arg(long)]
        poll: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write a ready page: a journey (with the stages of book.toml), a persona, a touchpoint or a plain page.
    New {
        /// What to write.
        #[arg(value_enum)]
        kind: cmd::new::NewKind,
        /// Its id and file name, e.g. `first-purchase`; a plain page may be in a folder: `guides/onboarding`.
        name: String,
        /// The title (a persona's or touchpoint's name); by default, from NAME.
        #[arg(long)]
        title: Option<String>,
        /// The project folder, holding book.toml.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Turn a diagram into a journey page: `journeybook import mermaid day.mmd`.
    Import {
        /// What the file holds.
        #[arg(value_enum)]
        format: cmd::import::ImportFormat,
        /// The diagram's file.
        file: PathBuf,
        /// Where to write the journey (default: the journeys folder, named from the title).
        #[arg(short = 'o', long = "out", value_name = "OUT.md")]
        out: Option<PathBuf>,
        /// Write no stub persona pages for the diagram's actors.
        #[arg(long)]
        no_personas: bool,
        /// The project folder, holding book.toml.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Remove the output folder (default: `output-dir` of book.toml), if journeybook built it.
    Clean {
        /// The project folder, holding book.toml.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (overrides `output-dir` of book.toml; relative to the current folder).
        #[arg(short = 'd', long = "dest-dir", value_name = "OUT")]
        dest_dir: Option<PathBuf>,
    },
    /// Print a shell completion script, e.g. `journeybook completions bash > ~/.local/share/bash-completion/completions/journeybook`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write JSON Schemas of each kind's front matter and of book.toml, for editors.
    Schema {
        /// The folder to write them into.
        #[arg(long, value_name = "DIR", default_value = "schemas")]
        out: PathBuf,
    },
    /// Create a new project: book.toml, a home page, a persona, a journey and three touchpoints.
    Init {
        /// Where to create it (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

/// How problems are reported, shared by build, check and watch.
#[derive(clap::Args, Clone, Copy)]
struct ReportArgs {
    /// How diagnostics are printed: `human` (rustc's style, on stderr), `json` (one object
    /// a line, on stdout) or `github` (GitHub Actions annotations, on stdout).
    #[arg(long, value_enum, default_value = "human", value_name = "FORMAT")]
    message_format: MessageFormat,
    /// Warnings fail the build (exit 1), as `strict = true` under [build] in book.toml does.
    #[arg(long)]
    strict: bool,
}

fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print_diagnostics(outcome: &Outcome, format: MessageFormat) {
    let all: Vec<_> = outcome.diagnostics.iter().collect();
    formats::print(&all, format, colour());
}

/// With JOURNEYBOOK_TIMINGS set, how long each stage took.
fn print_timings(outcome: &Outcome) {
    if std::env::var_os("JOURNEYBOOK_TIMINGS").is_none() {
        return;
    }
    for (stage, took, resident) in &outcome.timings {
        let memory = resident
            .map(|kib| format!("  {:>6} MiB resident", kib / 1024))
            .unwrap_or_default();
        eprintln!("  {stage:<18} {:>8.1} ms{memory}", took.as_secs_f64() * 1000.0);
    }
    // Linux reports the process's peak resident memory; elsewhere it is left out.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(peak) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
        eprintln!("  peak memory        {:>11}", peak.trim());
    }
}

fn report_watch_build(outcome: &Outcome, secs: f64, format: MessageFormat) {
    print_diagnostics(outcome, format);
    let summary = cmd::build::build_summary(outcome, secs);
    if outcome.output_dir.is_some() {
        eprintln!("{summary}");
    } else {
        eprintln!("{summary} Waiting for the next change.");
    }
}

fn report_update(update: &journeybook::session::Update) {
    // Warnings are shown with the first build, then counted, so each save
    // does not repeat the same stale-map warnings.
    static SHOWN_WARNINGS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let show_warnings = !SHOWN_WARNINGS.swap(true, std::sync::atomic::Ordering::SeqCst);
    let shown: Vec<_> = update
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || show_warnings)
        .collect();
    formats::print(&shown, MessageFormat::Human, colour());
    eprintln!("{}", cmd::build::rebuild_summary(update));
}

/// What `serve` was asked for on the command line.
#[derive(clap::Args)]
struct ServeArgs {
    /// The project folder, holding book.toml and content/.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Port to listen on (default: `port` under [serve] in book.toml, else 3000).
    #[arg(short, long)]
    port: Option<u16>,
    /// Address to listen on.
    #[arg(short = 'n', long = "host", default_value = "127.0.0.1")]
    host: String,
    /// Also answer requests for this host name (a name of this machine on the network,
    /// or a proxy's); repeatable. Others than localhost and the address served are refused.
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Look for changes every half second instead of waiting for file-system events
    /// (for network shares, WSL and containers).
    #[arg(long)]
    poll: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

fn serve(args: ServeArgs) -> ExitCode {
    let ServeArgs {
        dir,
        port,
        host,
        allow_hosts,
        open,
        poll,
        drafts,
    } = args;
    // Served from inside the project, by relative paths: if the project
    // folder is renamed or moved while serving, they still lead into it.
    let root = if dir.is_dir() && std::env::set_current_dir(&dir).is_ok() {
        PathBuf::from(".")
    } else {
        dir.clone()
    };
    let options = cmd::serve::ServeOptions {
        host,
        port,
        poll,
        allow_hosts,
        build: BuildOptions {
            drafts,
            ..BuildOptions::default()
        },
    };
    let (preview, first) = match cmd::serve::Preview::start(&root, options, report_update) {
        Ok(started) => started,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::from(1);
        }
    };
    report_update(&first);
    let url = cmd::serve::url(&preview.address);
    eprintln!("Serving {} at {url}; press Ctrl-C to stop.", dir.display());
    if open {
        if let Err(e) = cmd::serve::open_browser(&url) {
            eprintln!("warning: could not open a browser ({e}); open {url} yourself");
        }
    }
    // Everything is in memory: stopping leaves nothing behind.
    let _ = ctrlc::set_handler(|| {
        eprintln!("Stopped.");
        std::process::exit(0);
    });
    preview.run();
    ExitCode::SUCCESS
}

/// Mistakes in how journeybook was called, found before any work: a
/// project folder that is not there, a `JOURNEYBOOK_TODAY` that is not a date.
fn usage_problem(command: &Command) -> Option<String> {
    if let Some(value) = std::env::var_os("JOURNEYBOOK_TODAY") {
        let text = value.to_string_lossy();
        if journeybook::date::Date::parse(&text).is_none() {
            return Some(format!(
                "JOURNEYBOOK_TODAY is `{text}`, which is not a date: write it YYYY-MM-DD (e.g. 2026-03-31), or unset it to use today's date"
            ));
        }
    }
    let project = match command {
        Command::Build { dir, .. }
        | Command::Check { dir, .. }
        | Command::Serve(ServeArgs { dir, .. })
        | Command::Watch { dir, .. }
        | Command::New { dir, .. }
        | Command::Import { dir, .. }
        | Command::Clean { dir, .. } => dir,
        Command::Init { .. } | Command::Completions { .. } | Command::Schema { .. } => return None,
    };
    match std::fs::metadata(project) {
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some(format!(
            "`{}` is a file, not a project folder: name the folder that holds book.toml and content/",
            project.display()
        )),
        Err(_) => Some(format!(
            "no project folder `{}`: name the folder that holds book.toml and content/, or create one with `journeybook init {}`",
            project.display(),
            project.display()
        )),
    }
}

fn new_page(kind: cmd::new::NewKind, name: &str, title: Option<&str>, dir: &std::path::Path) -> ExitCode {
    let page = cmd::new::NewPage {
        root: dir,
        kind: kind.into(),
        name,
        title,
        today: journeybook::today_from_env(),
    };
    match cmd::new::new_page(&page) {
        Err(cmd::new::Refusal::Usage(d)) => {
            eprintln!("{d}");
            ExitCode::from(2)
        }
        Err(cmd::new::Refusal::Failed(d)) => finish(Err(d)),
        Ok(path) => finish(Ok(vec![format!("  created {}", path.display())])),
    }
}

/// Prints what a command did, or its problem: exit code 0 or 1.
fn finish(result: Result<Vec<String>, journeybook::diagnostics::Diagnostic>) -> ExitCode {
    match result {
        Ok(lines) => {
            lines.iter().for_each(|line| eprintln!("{line}"));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{d}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    allocator::return_freed_memory_promptly();
    let cli = Cli::parse();
    let started = Instant::now();
    if let Some(problem) = usage_problem(&cli.command) {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build {
            dir,
            dest_dir,
            drafts,
            report,
        } => {
            // Ctrl-C or SIGTERM: the staging folder is removed, the previous site stays.
            let _ = ctrlc::set_handler(|| {
                journeybook::output::abandon();
                eprintln!("Build stopped. The previous site, if any, is unchanged.");
                std::process::exit(130);
            });
            let options = BuildOptions {
                dest_dir,
                drafts,
                today: None,
                strict: report.strict,
            };
            let outcome = journeybook::build(&dir, &options);
            print_diagnostics(&outcome, report.message_format);
            print_timings(&outcome);
            eprintln!(
                "{}",
                cmd::build::build_summary(&outcome, started.elapsed().as_secs_f64())
            );
            let code = if outcome.output_dir.is_some() && !outcome.has_errors() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
            // The process ends here: freeing the site model piece by piece
            // would only delay the exit (a tenth of a second at 10,000 pages).
            std::mem::forget(outcome);
            code
        }
        Command::Check { dir, drafts, report } => {
            let options = BuildOptions {
                drafts,
                strict: report.strict,
                ..BuildOptions::default()
            };
            let outcome = journeybook::check(&dir, &options);
            print_diagnostics(&outcome, report.message_format);
            print_timings(&outcome);
            eprintln!(
                "{}",
                cmd::check::check_summary(&outcome, started.elapsed().as_secs_f64())
            );
            if outcome.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve(args) => serve(args),
        Command::Watch {
            dir,
            dest_dir,
            poll,
            drafts,
            report,
        } => {
            let stop = cmd::watch::StopHandle::default();
            let handler = stop.clone();
            // Ctrl-C or SIGTERM: a build under way is abandoned, its staging folder removed.
            let _ = ctrlc::set_handler(move || {
                handler.stop();
                journeybook::output::abandon();
                eprintln!("Stopped.");
                std::process::exit(0);
            });
            let options = BuildOptions {
                dest_dir,
                drafts,
                today: None,
                strict: report.strict,
            };
            let format = report.message_format;
            let report_build = move |outcome: &Outcome, secs: f64| report_watch_build(outcome, secs, format);
            eprintln!("Watching {} for changes; press Ctrl-C to stop.", dir.display());
            match cmd::watch::watch(&dir, options, poll, &stop, report_build) {
                Ok(()) => {
                    eprintln!("Stopped.");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Clean { dir, dest_dir } => finish(cmd::clean::clean(&dir, dest_dir).map(|done| match done {
            journeybook::output::Cleaned::Removed(path) => vec![format!("Removed {}", path.display())],
            journeybook::output::Cleaned::Nothing => vec!["Nothing to clean: there is no output folder.".into()],
        })),
        // The current folder's custom lanes join the schemas; a book.toml
        // that does not read gives the plain ones (`check` reports it).
        Command::Schema { out } => finish(
            journeybook::schema::write_all_for(
                &out,
                &journeybook::config::Config::load(Path::new(".")).unwrap_or_default(),
            )
            .map(|files| files.iter().map(|f| format!("  wrote {}", f.display())).collect()),
        ),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "journeybook", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::New { kind, name, title, dir } => new_page(kind, &name, title.as_deref(), &dir),
        Command::Import {
            format: cmd::import::ImportFormat::Mermaid,
            file,
            out,
            no_personas,
            dir,
        } => finish(cmd::import::import(&cmd::import::Import {
            root: &dir,
            file: &file,
            out: out.as_deref(),
            write_personas: !no_personas,
        })),
        Command::Init { dir } => finish(cmd::init::init(&dir, journeybook::today_from_env()).map(|files| {
            let mut lines: Vec<String> = files
                .iter()
                .map(|(f, how)| format!("  {how} {}", f.display()))
                .collect();
            lines.push(format!(
                "Created a new playbook in {}. Preview it with: journeybook serve --open {}",
                dir.display(),
                dir.display()
            ));
            lines
        })),
    }
}
