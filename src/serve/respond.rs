//! What the preview answers to a page request: the site held in memory,
//! attachments streamed from the content folder, the not-found page, and
//! the problem page while the project has never built.

use super::http::Content;
use super::live;
use super::wire::{self, ANSWER_TIME};
use std::fs::File;
use std::io::{self, Read};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// An answer's body.
pub(crate) enum Body {
    Bytes(Vec<u8>),
    Shared(Arc<[u8]>),
    /// An attachment, sent as it is read: (file, length).
    File(File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::Shared(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }
}

/// An answer, written with `Connection: close`.
pub(crate) struct Response {
    pub status: &'static str,
    pub content_type: &'static str,
    pub body: Body,
    pub extra: Vec<(&'static str, String)>,
}

impl Response {
    pub(crate) fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Body::Bytes(body.as_bytes().to_vec()),
            extra: Vec::new(),
        }
    }

    fn ok(content_type: &'static str, body: Body) -> Response {
        Response {
            status: "200 OK",
            content_type,
            body,
            extra: Vec::new(),
        }
    }
}

/// Writes the answer (its head alone for HEAD) within [`ANSWER_TIME`].
pub(crate) fn write(stream: &mut TcpStream, response: Response, head_only: bool) -> io::Result<()> {
    let deadline = Instant::now() + ANSWER_TIME;
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    wire::write_by(stream, head.as_bytes(), deadline)?;
    if head_only {
        return Ok(());
    }
    match response.body {
        Body::Bytes(bytes) => wire::write_by(stream, &bytes, deadline),
        Body::Shared(bytes) => wire::write_by(stream, &bytes, deadline),
        Body::File(mut file, len) => {
            // In pieces: a large attachment is never held in memory whole.
            let mut chunk = vec![0u8; 64 * 1024];
            let mut left = len;
            while left > 0 {
                let n = file.read(&mut chunk)?;
                if n == 0 {
                    // The file shrank since its length was sent: the client
                    // sees a short answer, as the connection closes.
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                let n = n.min(usize::try_from(left).unwrap_or(usize::MAX));
                wire::write_by(stream, &chunk[..n], deadline)?;
                left -= n as u64;
            }
            Ok(())
        }
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

/// The answer to a GET of `target`.
pub(crate) fn lookup(target: &str, content: &Content) -> Response {
    if let Some(page) = &content.problem_page {
        return Response {
            status: "503 Service Unavailable",
            content_type: "text/html; charset=utf-8",
            body: Body::Shared(Arc::clone(page)),
            extra: Vec::new(),
        };
    }
    let Some(path) = site_path(target) else {
        return not_found(content);
    };
    let page = content.files.get(&path).map(|bytes| (path.clone(), bytes)).or_else(|| {
        // `/guides` serves `/guides/index.html`, as static hosts do.
        let index = format!("{path}/index.html");
        content.files.get(&index).map(|bytes| (index, bytes))
    });
    if let Some((found, bytes)) = page {
        let body = if found.ends_with(".html") {
            Body::Bytes(live::inject(bytes, None))
        } else {
            Body::Shared(Arc::clone(bytes))
        };
        return Response::ok(mime(&found), body);
    }
    if let Some(source) = content.assets.get(&path) {
        if let Some(body) = open_inside(source, &content.content_dir) {
            return Response::ok(mime(&path), body);
        }
    }
    not_found(content)
}

/// An attachment, unless it is a link that points out of the content
/// folder. Both are resolved now, not when the site was built: the
/// project folder may have been renamed since.
fn open_inside(source: &Path, content_dir: &Path) -> Option<Body> {
    let real = std::fs::canonicalize(source).ok()?;
    let root = std::fs::canonicalize(content_dir).ok()?;
    if !real.starts_with(root) {
        return None;
    }
    let file = File::open(real).ok()?;
    let len = file.metadata().ok().filter(|m| m.is_file())?.len();
    Some(Body::File(file, len))
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
        body: Body::Bytes(body),
        extra: Vec::new(),
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
