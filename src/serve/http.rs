//! A small HTTP/1.1 server for the preview: GET and HEAD of the site held in
//! memory, attachments from the content folder, and a server-sent events
//! stream that tells pages to reload. One thread per connection is plenty for
//! one writer's browser tabs.

use super::live;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// Where the live-reload events are streamed.
pub const EVENTS: &str = "/__journeybook/events";
/// The problems of the last rebuild, as JSON.
pub const STATUS: &str = "/__journeybook/status";

/// What the server serves; swapped whole after each good rebuild.
#[derive(Default)]
pub struct Content {
    /// Rendered files by output path, relative to the site root.
    pub files: HashMap<String, Arc<[u8]>>,
    /// Attachments: output path → source file.
    pub assets: HashMap<String, PathBuf>,
}

/// State shared by the connections and the rebuild loop.
pub struct Shared {
    /// What is served now; replaced whole after a good rebuild.
    pub content: RwLock<Arc<Content>>,
    /// The content folder, canonical: attachments must resolve inside it.
    pub content_root: PathBuf,
    /// The problems of the last rebuild, as a JSON array (empty when it succeeded).
    pub problems: RwLock<String>,
    listeners: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Nothing served yet and no problems; `content_root` is the canonical content folder.
    pub fn new(content_root: PathBuf) -> Shared {
        Shared {
            content: RwLock::new(Arc::new(Content::default())),
            content_root,
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

/// Accepts connections until the listener fails.
pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

fn mime(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// The site path a request names, or None for anything that could climb out
/// of the site: `..`, backslashes, NUL, also when percent-encoded.
pub fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let decoded = crate::paths::percent_decode(path)?;
    if decoded.contains(['\\', '\0']) || !decoded.starts_with('/') {
        return None;
    }
    // Climbing above the site root is refused, not clamped.
    let mut joined = crate::paths::normalise(&decoded)?;
    if joined.is_empty() || decoded.ends_with('/') {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    extra: Vec<(&'static str, String)>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            extra: Vec::new(),
        }
    }
}

fn write_response(stream: &mut TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Reads the request head (up to the blank line), at most 16 KiB.
fn read_head(stream: &TcpStream) -> io::Result<Vec<u8>> {
    let mut reader = BufReader::new(stream.try_clone()?).take(16 * 1024);
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = reader.read_until(b'\n', &mut head)?;
        if n == 0 {
            return Ok(head);
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            return Ok(head);
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let head = read_head(&stream)?;
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let (method, target) = match request.parse(&head) {
        Ok(httparse::Status::Complete(_)) => (
            request.method.unwrap_or_default().to_owned(),
            request.path.unwrap_or_default().to_owned(),
        ),
        _ => return write_response(&mut stream, &Response::text("400 Bad Request", "bad request\n"), false),
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let mut response = Response::text("405 Method Not Allowed", "only GET and HEAD\n");
        response.extra.push(("Allow", "GET, HEAD".into()));
        return write_response(&mut stream, &response, false);
    }
    let bare = target.split('?').next().unwrap_or_default();
    if bare == EVENTS {
        return stream_events(stream, shared);
    }
    if bare == STATUS {
        let body = shared.problems.read().unwrap_or_else(|p| p.into_inner()).clone();
        let response = Response {
            status: "200 OK",
            content_type: "application/json",
            body: body.into_bytes(),
            extra: Vec::new(),
        };
        return write_response(&mut stream, &response, head_only);
    }
    let response = lookup(&target, shared);
    write_response(&mut stream, &response, head_only)
}

fn lookup(target: &str, shared: &Shared) -> Response {
    let content = Arc::clone(&shared.content.read().unwrap_or_else(|p| p.into_inner()));
    let Some(path) = site_path(target) else {
        return not_found(&content);
    };
    let page = content.files.get(&path).map(|bytes| (path.clone(), bytes)).or_else(|| {
        // `/guides` serves `/guides/index.html`, as static hosts do.
        let index = format!("{path}/index.html");
        content.files.get(&index).map(|bytes| (index, bytes))
    });
    if let Some((found, bytes)) = page {
        let body = if found.ends_with(".html") {
            live::inject(bytes, None)
        } else {
            bytes.to_vec()
        };
        return Response {
            status: "200 OK",
            content_type: mime(&found),
            body,
            extra: Vec::new(),
        };
    }
    if let Some(source) = content.assets.get(&path) {
        if let Some(bytes) = read_inside(source, &shared.content_root) {
            return Response {
                status: "200 OK",
                content_type: mime(&path),
                body: bytes,
                extra: Vec::new(),
            };
        }
    }
    not_found(&content)
}

/// An attachment's bytes, unless it is a link that points out of the content folder.
fn read_inside(source: &Path, content_root: &Path) -> Option<Vec<u8>> {
    let real = std::fs::canonicalize(source).ok()?;
    if !real.starts_with(content_root) {
        return None;
    }
    std::fs::read(real).ok()
}

fn not_found(content: &Content) -> Response {
    let body = match content.files.get(crate::site::urls::Generated::NotFound.url()) {
        // The page's links are relative to the site root, wherever the missing URL was.
        Some(page) => live::inject(page, Some("/")),
        None => b"not found\n".to_vec(),
    };
    Response {
        status: "404 Not Found",
        content_type: "text/html; charset=utf-8",
        body,
        extra: Vec::new(),
    }
}

fn stream_events(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let events = shared.subscribe();
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    // Reconnect quickly when the server restarts; show problems at once.
    stream.write_all(b"retry: 500\n\n")?;
    let problems = shared.problems.read().unwrap_or_else(|p| p.into_inner()).clone();
    if problems != "[]" {
        stream.write_all(format!("event: problems\ndata: {problems}\n\n").as_bytes())?;
    }
    stream.flush()?;
    loop {
        match events.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => stream.write_all(message.as_bytes())?,
            // A comment keeps idle connections open through proxies and notices closed tabs.
            Err(mpsc::RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_never_climb_out() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/guides/").as_deref(), Some("guides/index.html"));
        assert_eq!(site_path("/a%20b.html?x=1").as_deref(), Some("a b.html"));
        assert_eq!(site_path("/./journeys/x.html").as_deref(), Some("journeys/x.html"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/secret",
            "/a/..%2f..%2fb",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "x",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn mime_types_follow_extensions() {
        assert_eq!(mime("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(mime("x.SVG"), "image/svg+xml");
        assert_eq!(mime("x.bin"), "application/octet-stream");
    }
}
