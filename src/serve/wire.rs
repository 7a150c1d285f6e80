//! HTTP/1.1 on the socket: a request head read within size and time
//! limits, and answers written within a time limit, so that no client,
//! however slow or silent, keeps a connection's thread for long.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The longest request line (method, target, version): longer is 414.
pub(crate) const MAX_LINE: usize = 8 * 1024;
/// The longest request head, headers included: longer is 431.
pub(crate) const MAX_HEAD: usize = 32 * 1024;
/// The most headers in a request: more is 431.
const MAX_HEADERS: usize = 64;
/// The whole request head must arrive within this time, however it trickles in.
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);
/// An answer must be taken by the client within this time.
pub(crate) const ANSWER_TIME: Duration = Duration::from_secs(20);

/// A request head as the server uses it.
#[derive(Debug)]
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not HTTP, or not readable as such: 400.
    Malformed,
    /// Two Host headers: 400.
    TwoHosts,
    /// The request line is longer than [`MAX_LINE`]: 414.
    LineTooLong,
    /// The head is longer than [`MAX_HEAD`] or has too many headers: 431.
    HeadTooLarge,
    /// The head did not arrive within [`HEAD_TIME`]: 408.
    TooSlow,
    /// The client went away (or the connection lost its place): no answer.
    Gone,
}

impl Refusal {
    /// The status line and text to answer with, if any.
    pub(crate) fn answer(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Refusal::Malformed => Some(("400 Bad Request", "bad request\n")),
            Refusal::TwoHosts => Some(("400 Bad Request", "a request has one Host header\n")),
            Refusal::LineTooLong => Some(("414 URI Too Long", "the address asked for is too long\n")),
            Refusal::HeadTooLarge => Some((
                "431 Request Header Fields Too Large",
                "the request's headers are too large\n",
            )),
            Refusal::TooSlow => Some(("408 Request Timeout", "the request took too long to arrive\n")),
            Refusal::Gone => None,
        }
    }
}

/// Reads and parses one request head, by [`HEAD_TIME`] from now.
pub(crate) fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let head = read_head(stream, Instant::now() + HEAD_TIME)?;
    parse(&head)
}

fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<Vec<u8>, Refusal> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::TooSlow);
        }
        // The timeout applies to each read: it is renewed to what is left of
        // the whole, so trickling a byte at a time does not extend it.
        stream.set_read_timeout(Some(left)).map_err(|_| Refusal::Gone)?;
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Err(Refusal::TooSlow)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Refusal::Gone),
        };
        let searched_from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        let line_end = memchr::memchr(b'\n', &head);
        if line_end.map_or(head.len(), |at| at + 1) > MAX_LINE + 2 {
            return Err(Refusal::LineTooLong);
        }
        if let Some(end) = head_end(&head, searched_from) {
            head.truncate(end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            return Err(Refusal::HeadTooLarge);
        }
    }
}

/// Where the blank line ending the head ends, looking from `from`.
fn head_end(head: &[u8], from: usize) -> Option<usize> {
    let tail = &head[from..];
    let crlf = memchr::memmem::find(tail, b"\r\n\r\n").map(|at| from + at + 4);
    let lf = memchr::memmem::find(tail, b"\n\n").map(|at| from + at + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse(head: &[u8]) -> Result<Request, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(Refusal::HeadTooLarge),
        _ => return Err(Refusal::Malformed),
    }
    let mut hosts = request
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| String::from_utf8_lossy(h.value).into_owned());
    let host = hosts.next();
    if hosts.next().is_some() {
        return Err(Refusal::TwoHosts);
    }
    Ok(Request {
        method: request.method.unwrap_or_default().to_owned(),
        target: request.path.unwrap_or_default().to_owned(),
        host,
    })
}

/// Writes all of `bytes` by `deadline`, however slowly the client reads.
pub(crate) fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Closes after an answer sent before the whole request was read (too
/// large, too slow): what the client is still sending is read and dropped
/// for a moment, as closing with unread data would reset the connection
/// and could lose the answer on its way.
pub(crate) fn close_gently(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < 1024 * 1024 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_with_their_host() {
        let request = parse(b"GET /a.html?x HTTP/1.1\r\nHost: localhost:3000\r\n\r\n").expect("parsed");
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a.html?x");
        assert_eq!(request.host.as_deref(), Some("localhost:3000"));
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nHost: a\r\nHOST: b\r\n\r\n").err(),
            Some(Refusal::TwoHosts)
        );
        assert_eq!(parse(b"\x16\x03\x01 not http\r\n\r\n").err(), Some(Refusal::Malformed));
        let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
        let head = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(parse(head.as_bytes()).err(), Some(Refusal::HeadTooLarge));
    }

    #[test]
    fn the_end_of_a_head_is_found_across_reads() {
        let head = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nbody";
        assert_eq!(head_end(head, 0), Some(head.len() - 4));
        assert_eq!(head_end(head, 22), Some(head.len() - 4));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n", 0), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n", 0), None);
    }
}
