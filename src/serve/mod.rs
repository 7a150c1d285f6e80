//! The preview's machinery: the HTTP server, the live-reload client it
//! injects into pages, and the file watcher that `serve` and `watch` share.

pub mod hosts;
pub mod http;
pub(crate) mod live;
mod respond;
mod slots;
pub(crate) mod watcher;
mod wire;
