//! The preview's HTTP/1.1 server: GET and HEAD of the site held in memory,
//! and a server-sent events stream that tells pages to reload. One thread
//! per connection, in a capped number of places (see `slots`), each
//! connection read and answered within time limits (see `wire`), and only
//! for the host names of this machine (see `hosts`).

use super::hosts::Hosts;
use super::respond::{self, Response};
use super::slots::{Slot, Slots};
use super::wire;
use std::collections::HashMap;
use std::io;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub use super::respond::site_path;

/// Where the live-reload events are streamed.
pub const EVENTS: &str = "/__journeybook/events";
/// The problems of the last rebuild, as JSON.
pub const STATUS: &str = "/__journeybook/status";

/// A connection's thread needs little stack: no recursion, bodies on the heap.
const STACK: usize = 512 * 1024;
/// After a failed accept (too many open files), a pause before the next,
/// rather than a loop that spins.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);
/// A live-reload stream's quiet interval: a comment then keeps it open
/// through proxies and notices closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often a stream looks whether it lost its place to a newer one.
const STREAM_CHECK: Duration = Duration::from_secs(1);
/// An event must be taken by the page within this time.
const EVENT_TIME: Duration = Duration::from_secs(10);

/// What the server serves; swapped whole after each rebuild.
#[derive(Default)]
pub struct Content {
    /// Rendered files by output path, relative to the site root.
    pub files: HashMap<String, Arc<[u8]>>,
    /// Attachments: output path → source file.
    pub assets: HashMap<String, PathBuf>,
    /// The content folder as the project names it: attachments must
    /// resolve inside it.
    pub content_dir: PathBuf,
    /// While the project has never built: the page answered at every address.
    pub problem_page: Option<Arc<[u8]>>,
}

/// State shared by the connections and the rebuild loop.
pub struct Shared {
    /// What is served now; replaced whole after a rebuild.
    pub content: RwLock<Arc<Content>>,
    /// The problems of the last rebuild, as a JSON array (empty when it succeeded).
    pub problems: RwLock<String>,
    listeners: Mutex<Vec<Sender<String>>>,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared::new()
    }
}

impl Shared {
    /// Nothing served yet and no problems.
    pub fn new() -> Shared {
        Shared {
            content: RwLock::new(Arc::new(Content::default())),
            problems: RwLock::new("[]".into()),
            listeners: Mutex::new(Vec::new()),
        }
    }

    /// Sends an event (`event: name`, `data: …`) to every open page.
    pub fn broadcast(&self, name: &str, data: &str) {
        let message = format!("event: {name}\ndata: {data}\n\n");
        let mut listeners = self.listeners.lock().unwrap_or_else(|p| p.into_inner());
        listeners.retain(|tx| tx.send(message.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        self.listeners.lock().unwrap_or_else(|p| p.into_inner()).push(tx);
        rx
    }
}

/// Accepts connections until the process ends.
pub fn run(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) {
    let slots = Arc::new(Slots::default());
    let hosts = Arc::new(hosts);
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            std::thread::sleep(ACCEPT_PAUSE);
            continue;
        };
        let Some(slot) = slots.admit(&stream) else {
            busy(stream);
            continue;
        };
        let shared = Arc::clone(&shared);
        let hosts = Arc::clone(&hosts);
        // When the system refuses a thread, the connection is dropped (the
        // client sees it closed) and the next one is accepted as usual.
        let _ = std::thread::Builder::new()
            .name("journeybook-http".into())
            .stack_size(STACK)
            .spawn(move || connection(stream, &slot, &shared, &hosts));
    }
}

/// Answers 503 without waiting on the client: too many threads are alive.
fn busy(stream: TcpStream) {
    use std::io::Write;
    if stream.set_nonblocking(true).is_ok() {
        let _ = (&stream).write(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
              Content-Length: 21\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n\
              too many connections\n",
        );
    }
}

fn connection(mut stream: TcpStream, slot: &Slot, shared: &Shared, hosts: &Hosts) {
    let request = match wire::read_request(&mut stream) {
        Ok(request) => request,
        Err(refusal) => {
            if let Some((status, text)) = refusal.answer() {
                slot.answering();
                let _ = respond::write(&mut stream, Response::text(status, text), false);
                wire::close_gently(&mut stream);
            }
            return;
        }
    };
    slot.answering();
    let reached = stream.local_addr().ok().map(|a| a.ip());
    if !request.host.as_deref().is_some_and(|h| hosts.allows(h, reached)) {
        let text = format!(
            "this preview answers to localhost:{port} and 127.0.0.1:{port} only; \
             to reach it by another name, start it with --allow-host NAME\n",
            port = hosts.port()
        );
        let _ = respond::write(&mut stream, Response::text("403 Forbidden", &text), false);
        return;
    }
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let mut response = Response::text("405 Method Not Allowed", "only GET and HEAD\n");
        response.extra.push(("Allow", "GET, HEAD".into()));
        let _ = respond::write(&mut stream, response, false);
        return;
    }
    let bare = request.target.split('?').next().unwrap_or_default();
    if bare == EVENTS {
        slot.streaming();
        let _ = stream_events(stream, shared, slot);
        return;
    }
    let response = if bare == STATUS {
        let body = shared.problems.read().unwrap_or_else(|p| p.into_inner()).clone();
        Response {
            status: "200 OK",
            content_type: "application/json",
            body: respond::Body::Bytes(body.into_bytes()),
            extra: Vec::new(),
        }
    } else {
        let content = Arc::clone(&shared.content.read().unwrap_or_else(|p| p.into_inner()));
        respond::lookup(&request.target, &content)
    };
    let _ = respond::write(&mut stream, response, head_only);
}

fn stream_events(mut stream: TcpStream, shared: &Shared, slot: &Slot) -> io::Result<()> {
    let events = shared.subscribe();
    let send =
        |stream: &mut TcpStream, text: &str| wire::write_by(stream, text.as_bytes(), Instant::now() + EVENT_TIME);
    send(
        &mut stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n",
    )?;
    // Reconnect quickly when the server restarts; show problems at once.
    send(&mut stream, "retry: 500\n\n")?;
    let problems = shared.problems.read().unwrap_or_else(|p| p.into_inner()).clone();
    if problems != "[]" {
        send(&mut stream, &format!("event: problems\ndata: {problems}\n\n"))?;
    }
    let mut quiet_since = Instant::now();
    while !slot.ended() {
        match events.recv_timeout(STREAM_CHECK) {
            Ok(message) => {
                send(&mut stream, &message)?;
                quiet_since = Instant::now();
            }
            Err(mpsc::RecvTimeoutError::Timeout) if quiet_since.elapsed() >= KEEP_ALIVE => {
                send(&mut stream, ": keep-alive\n\n")?;
                quiet_since = Instant::now();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
    Ok(())
}
