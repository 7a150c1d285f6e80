//! Resolving documents into the site model: ids, references, back-links,
//! Markdown and roll-ups, with every broken reference reported.

mod insights;
pub mod model;
mod resolve;
pub mod urls;

pub use model::*;
pub use resolve::{body_has_title, resolve, LinkIndex};
