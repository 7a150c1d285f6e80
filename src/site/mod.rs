//! Resolving documents into the site model, one module per duty: routes,
//! references between pages, each kind's model (journeys with their lanes,
//! blueprint lines, KPIs and review schedule; personas; touchpoints),
//! anchors, back-links, current ↔ future comparison and the roll-ups.

mod addresses;
mod anchors;
mod assumptions;
mod backlinks;
mod blueprint;
mod board;
mod body;
mod changes;
mod comparison;
mod evidence;
mod insights;
mod journeys;
mod kpis;
mod landscape;
pub mod memo;
pub mod model;
pub mod pages;
mod personas;
mod references;
mod replaces;
mod resolve;
mod review;
mod routes;
mod touchpoints;
pub mod urls;

pub use anchors::LinkIndex;
pub use body::Body;
pub use memo::Memo;
pub use model::*;
pub use resolve::{resolve, Settings};
