//! Helpers for the preview server's tests: a server started on a project,
//! requests over real sockets, and the live-reload channel as a page reads
//! it. Included with `#[path]` beside `mod common;`.
#![allow(dead_code)]

use crate::common::{self, Project};
use journeybook::cmd::serve::{Preview, ServeOptions};
use journeybook::session::Update;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

pub(crate) fn options() -> ServeOptions {
    ServeOptions {
        host: "127.0.0.1".into(),
        port: Some(0),
        poll: false,
        allow_hosts: Vec::new(),
        build: common::options(None, false),
    }
}

/// Starts a server and its rebuild loop; returns its address and the first build.
pub(crate) fn start_with(project: &Project, options: ServeOptions) -> (SocketAddr, Update) {
    let (preview, first) = Preview::start(&project.root, options, |_| {}).expect("the server starts");
    let address = preview.address;
    std::thread::spawn(move || preview.run());
    (address, first)
}

/// Starts a server on a project that builds.
pub(crate) fn start(project: &Project) -> SocketAddr {
    let (address, first) = start_with(project, options());
    assert!(!first.has_errors(), "{}", common::describe(&first.diagnostics));
    address
}

/// An answer as read off the socket.
pub(crate) struct Answer {
    pub status: u16,
    /// The head's lines after the status line.
    pub headers: Vec<String>,
    pub body: String,
}

impl Answer {
    /// The value of a header, by its name in any case.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends `bytes` and reads the answer to its end.
pub(crate) fn exchange(address: SocketAddr, bytes: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream.write_all(bytes).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    parse(&response)
}

pub(crate) fn parse(response: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    Answer {
        status,
        headers: lines.map(str::to_owned).collect(),
        body: body.to_owned(),
    }
}

/// One request with the server's own address as the Host.
pub(crate) fn request(address: SocketAddr, method: &str, target: &str) -> Answer {
    exchange(
        address,
        format!("{method} {target} HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes(),
    )
}

pub(crate) fn get(address: SocketAddr, target: &str) -> (u16, String) {
    let answer = request(address, "GET", target);
    (answer.status, answer.body)
}

/// Asks for `target` until `done` holds for the answer, failing after `within`.
pub(crate) fn get_until(
    address: SocketAddr,
    target: &str,
    within: Duration,
    done: impl Fn(u16, &str) -> bool,
) -> (u16, String) {
    let deadline = Instant::now() + within;
    loop {
        let (status, body) = get(address, target);
        if done(status, &body) {
            return (status, body);
        }
        assert!(
            Instant::now() < deadline,
            "{target} did not come within {within:?}; last answer {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The live-reload channel, as a page's script opens it.
pub(crate) struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub(crate) fn open(address: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(address).expect("connect");
        write!(stream, "GET /__journeybook/events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        // The stream opens with headers and a retry interval.
        events.wait_for_line(|l| l.starts_with("retry:"));
        events
    }

    /// Reads until a line matches, failing after twenty seconds.
    pub(crate) fn wait_for_line(&mut self, matches: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut line = String::new();
        loop {
            assert!(Instant::now() < deadline, "no matching event within twenty seconds");
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed"),
                Ok(_) if matches(line.trim_end()) => return line.trim_end().to_owned(),
                Ok(_) => {}
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(e) => panic!("reading events: {e}"),
            }
        }
    }

    /// Waits for `event: name` and returns its data line.
    pub(crate) fn wait_for(&mut self, name: &str) -> String {
        self.wait_for_line(|l| l == format!("event: {name}"));
        self.wait_for_line(|l| l.starts_with("data: "))
            .trim_start_matches("data: ")
            .to_owned()
    }
}
