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

pub use cmd::build::build;
pub use cmd::check::check;
pub use pipeline::{destination, today_from_env, BuildOptions, Lap, Outcome};
