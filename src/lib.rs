//! journeybook: a static site generator for customer journey playbooks.
//!
//! The crate root is a facade: [`build`] and [`check`] run the pipeline
//! (`pipeline`), `cmd` holds every command, and the preview keeps a
//! [`session::Session`] between changes. The tree names the domain:
//! `site/` has one module per duty of resolving (journeys, blueprint lines,
//! review schedule, comparison, back-links, anchors, roll-ups).

pub mod cmd;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod export;
pub mod fingerprint;
pub mod highlight;
pub mod ids;
pub mod kept;
pub mod lines;
pub mod markdown;
pub mod mermaid;
pub mod output;
pub mod paths;
mod pipeline;
pub mod render;
pub mod sanitize;
pub mod schema;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;

/// Pages per task wherever every page is worked on in parallel: a journey
/// takes many times a guide's work, and files in path order put the
/// journeys together, so rayon's few large tasks would leave one core
/// working through them while the other waits.
pub(crate) const PAGES_PER_TASK: usize = 16;

pub use cmd::build::build;
pub use cmd::check::check;
pub use pipeline::{destination, today_from_env, BuildOptions, Lap, Outcome};
