//! The preview server under faults, over real sockets: clients that never
//! finish their request or never read the answer, oversize requests,
//! foreign Host names, a project broken from the start, content/ deleted
//! and made anew, the project folder renamed, a file made unreadable.

mod common;
#[path = "common/serve.rs"]
mod serve;

use common::Project;
use journeybook::cmd::serve::ServeOptions;
use serve::{exchange, get, get_until, options, parse, request, start, start_with, Events};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Asks for `/` and returns how long the whole answer took.
fn timed_home(address: SocketAddr) -> Duration {
    let started = Instant::now();
    let (status, body) = get(address, "/");
    assert_eq!(status, 200);
    assert!(body.contains("</html>"), "the whole page arrived");
    started.elapsed()
}

/// The number of threads of a process, where the system tells.
fn threads_of(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("Threads:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn clients_that_never_finish_or_never_read_do_not_keep_pages_from_others() {
    let project = Project::from_fixture("rich");
    // Large enough that its answer fills the socket buffers of a client that never reads.
    let big = vec![b'x'; 16 * 1024 * 1024];
    std::fs::write(project.path("content/guides/big.bin"), &big).expect("write");
    // A process of its own, so that its threads can be counted.
    let served = Served::start(&project.root);
    let address = served.address;
    let mut events = Events::open(address);
    let threads_before = threads_of(served.child.id());

    // Connected, part of a request sent, never finished.
    let half_open: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = TcpStream::connect(address).expect("connect");
            write!(s, "GET /index.html HTTP/1.1\r\nHost: {address}\r\nX-Slow: ").expect("send");
            s
        })
        .collect();
    // Whole requests for a large file, whose answers are never read.
    let never_reading: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(address).expect("connect");
            write!(s, "GET /guides/big.bin HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
            s
        })
        .collect();

    let times: Vec<Duration> = (0..20).map(|_| timed_home(address)).collect();
    let slowest = times.iter().max().copied().unwrap_or_default();
    eprintln!("20 pages beside 300 half-open and 20 unread connections: slowest {slowest:?}");
    assert!(
        slowest < Duration::from_secs(2),
        "pages came slowly: {times:?} (a client holds a place it should have lost)"
    );
    // A thread per connection, but only for as many as have a place.
    if let Some(before) = threads_before {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let now = threads_of(served.child.id()).unwrap_or(usize::MAX);
            eprintln!("threads: {before} before, {now} with the 320 connections open");
            if now <= before + 64 + 16 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{now} threads, {before} before: connections are not capped"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    // Live reload still works, and an attachment is still served whole.
    let page = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replace("Words we use", "Words under load")).expect("edit");
    events.wait_for("reload");
    assert!(get(address, "/guides/glossary.html").1.contains("Words under load"));
    let csv = std::fs::read_to_string(project.path("content/guides/checklist.csv")).expect("read");
    assert_eq!(get(address, "/guides/checklist.csv"), (200, csv));
    drop((half_open, never_reading));
}

#[test]
fn a_request_trickling_in_is_cut_off() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let mut slow = TcpStream::connect(address).expect("connect");
    slow.set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut served_meanwhile = false;
    // A byte at a time, each after the read's wait: a whole head never arrives.
    let request = format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Slow: {}", "y".repeat(1000));
    for byte in request.bytes().cycle() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the trickling request was never cut off"
        );
        if slow.write_all(&[byte]).is_err() {
            break;
        }
        let mut chunk = [0u8; 512];
        match slow.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
        // Pages are served all along.
        if !served_meanwhile && started.elapsed() > Duration::from_secs(1) {
            assert!(timed_home(address) < Duration::from_secs(2));
            served_meanwhile = true;
        }
    }
    let waited = started.elapsed();
    eprintln!("trickling request cut off after {waited:?}");
    assert!(waited < Duration::from_secs(15), "cut off after {waited:?}");
    if !answer.is_empty() {
        assert_eq!(parse(&answer).status, 408);
    }
}

#[test]
fn oversize_requests_are_refused_with_414_and_431() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: {address}\r\n\r\n", "a".repeat(20_000));
    let answer = exchange(address, long_line.as_bytes());
    assert_eq!(answer.status, 414, "{}", answer.body);
    // A long line still without its end is refused too, without waiting for it.
    let answer = exchange(address, format!("GET /{}", "a".repeat(10_000)).as_bytes());
    assert_eq!(answer.status, 414);

    let big_headers: String = (0..40)
        .map(|i| format!("X-Big-{i}: {}\r\n", "b".repeat(1000)))
        .collect();
    let answer = exchange(
        address,
        format!("GET / HTTP/1.1\r\nHost: {address}\r\n{big_headers}\r\n").as_bytes(),
    );
    assert_eq!(answer.status, 431, "{}", answer.body);
    let many_headers: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
    let answer = exchange(
        address,
        format!("GET / HTTP/1.1\r\nHost: {address}\r\n{many_headers}\r\n").as_bytes(),
    );
    assert_eq!(answer.status, 431);
    // Just under the limits is served.
    let fine: String = (0..20)
        .map(|i| format!("X-Fine-{i}: {}\r\n", "c".repeat(1000)))
        .collect();
    let answer = exchange(
        address,
        format!(
            "GET /index.html?{} HTTP/1.1\r\nHost: {address}\r\n{fine}\r\n",
            "q".repeat(7000)
        )
        .as_bytes(),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(exchange(address, b"\x16\x03\x01\x02\x00 hello\r\n\r\n").status, 400);
}

#[test]
fn every_answer_forbids_content_sniffing() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let answers = [
        request(address, "GET", "/"),
        request(address, "GET", "/personas/ana.svg"),
        request(address, "GET", "/guides/checklist.csv"),
        request(address, "GET", "/no/such/page.html"),
        request(address, "HEAD", "/index.html"),
        request(address, "POST", "/"),
        request(address, "GET", "/__journeybook/status"),
        exchange(address, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
        exchange(
            address,
            format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(9000)).as_bytes(),
        ),
        exchange(address, b"nonsense\r\n\r\n"),
    ];
    for answer in &answers {
        assert_eq!(
            answer.header("X-Content-Type-Options"),
            Some("nosniff"),
            "status {} without nosniff",
            answer.status
        );
    }
    // The live-reload stream too.
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET /__journeybook/events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).expect("read") > 0, "the stream closed");
    }
    assert!(head.contains("X-Content-Type-Options: nosniff"), "{head}");
}

#[test]
fn a_foreign_host_is_refused_unless_allowed() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let port = address.port();
    let with_host = |host: &str| exchange(address, format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host(&host).status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        "evil.example".to_owned(),
    ] {
        let answer = with_host(&host);
        assert_eq!(answer.status, 403, "{host}");
        assert!(answer.body.contains("--allow-host"), "the refusal says what to do");
        assert!(!answer.body.contains("<"), "a plain message");
    }
    let no_host = exchange(address, b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(no_host.status, 403);
    // The live-reload stream is refused the same way.
    let events = exchange(
        address,
        b"GET /__journeybook/events HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    );
    assert_eq!(events.status, 403);

    let mut allowing = options();
    allowing.allow_hosts = vec!["preview.example.test".into()];
    let (allowed, _) = start_with(&project, allowing);
    let host_answer = |host: &str| exchange(allowed, format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
    assert_eq!(host_answer("preview.example.test").status, 200);
    assert_eq!(host_answer("Preview.Example.Test:8443").status, 200);
    assert_eq!(host_answer(&format!("localhost:{}", allowed.port())).status, 200);
    assert_eq!(host_answer("evil.example").status, 403);
}

#[test]
fn a_project_broken_from_the_start_shows_its_problems_then_the_site() {
    let project = Project::from_fixture("rich");
    let page = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replace("[Buy](", "[Buy](missing.md#x) [Old](")).expect("break");
    let (address, first) = start_with(&project, options());
    assert!(first.has_errors() && first.no_site_yet);
    let summary = journeybook::cmd::build::rebuild_summary(&first);
    assert!(summary.contains("until the first good build"), "{summary}");
    for target in ["/", "/guides/glossary.html", "/no/such/page.html"] {
        let answer = request(address, "GET", target);
        assert_eq!(answer.status, 503, "{target}");
        assert!(
            answer.body.contains("<div id=\"journeybook-problems\" role=\"alert\""),
            "{target} shows the overlay:\n{}",
            answer.body
        );
        assert!(answer.body.contains("missing.md"), "{target} names the problem");
        assert!(answer.body.contains("--&gt; content/guides/glossary.md:"));
        assert!(
            answer.body.contains("<script id=\"journeybook-live\">"),
            "{target} has the live-reload client"
        );
    }
    let mut events = Events::open(address);
    assert!(events.wait_for("problems").contains("missing.md"));
    std::fs::write(&page, &text).expect("fix");
    events.wait_for("reload");
    let (status, home) = get(address, "/");
    assert_eq!(status, 200);
    assert!(home.contains("id=\"journeybook-live\"") && !home.contains("journeybook-problems\" role"));
    assert!(get(address, "/guides/glossary.html").1.contains("Words we use"));
}

#[test]
fn a_broken_book_toml_at_the_start_is_shown_too() {
    let project = Project::from_fixture("rich");
    let config = std::fs::read_to_string(project.path("book.toml")).expect("read");
    project.write("book.toml", &format!("{config}\ncolour = \"teal\"\n"));
    let (address, first) = start_with(&project, options());
    assert!(first.has_errors());
    let answer = request(address, "GET", "/");
    assert_eq!(answer.status, 503);
    assert!(answer.body.contains("book.toml"), "{}", answer.body);
    let mut events = Events::open(address);
    project.write("book.toml", &config);
    events.wait_for("reload");
    assert_eq!(get(address, "/").0, 200);
}

#[test]
fn content_deleted_and_made_anew_is_watched_again() {
    content_made_anew(false);
}

#[test]
fn content_deleted_and_made_anew_is_polled_again() {
    content_made_anew(true);
}

fn content_made_anew(poll: bool) {
    let project = Project::from_fixture("rich");
    let (address, first) = start_with(&project, ServeOptions { poll, ..options() });
    assert!(!first.has_errors(), "{}", common::describe(&first.diagnostics));
    let mut events = Events::open(address);
    let content = project.path("content");
    std::fs::remove_dir_all(&content).expect("delete content/");
    assert!(events.wait_for("problems").contains("content"));
    assert_eq!(get(address, "/guides/glossary.html").0, 200, "the last good site stays");

    common::copy_dir(&common::fixture_path("rich/content"), &content);
    for i in 0..300 {
        project.write(
            &format!("content/fresh/page-{i:03}.md"),
            &format!("---\ntitle: Fresh {i}\n---\nText.\n"),
        );
    }
    get_until(address, "/fresh/page-299.html", Duration::from_secs(20), |status, _| {
        status == 200
    });
    // Edits in the new folder are seen as in the old one.
    project.write("content/fresh/page-000.md", "---\ntitle: Fresh 0\n---\nSeen anew.\n");
    get_until(address, "/fresh/page-000.html", Duration::from_secs(20), |_, body| {
        body.contains("Seen anew.")
    });
}

#[cfg(unix)]
#[test]
fn fixing_an_unreadable_file_clears_the_problems() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let mut events = Events::open(address);
    let page = project.path("content/guides/glossary.md");
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    if std::fs::read(&page).is_err() {
        let problems = events.wait_for("problems");
        assert!(problems.contains("glossary.md"), "{problems}");
    } else {
        // Run as root, which reads any file: the change of permissions is
        // still seen, as a rebuild that finds nothing wrong.
        events.wait_for("reload");
    }
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o644)).expect("chmod 644");
    events.wait_for("reload");
    assert_eq!(get(address, "/__journeybook/status").1, "[]");
    assert_eq!(get(address, "/guides/glossary.html").0, 200);
}

/// `journeybook serve` run as a program, as a writer runs it.
struct Served {
    child: std::process::Child,
    address: SocketAddr,
}

impl Served {
    fn start(dir: &std::path::Path) -> Served {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_journeybook"))
            .args(["serve", "--port", "0"])
            .arg(dir)
            .env("JOURNEYBOOK_TODAY", common::TODAY)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("journeybook serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("serve prints where it serves")
                .expect("read stderr");
            if let Some(url) = line.split(" at http://").nth(1) {
                let address = url.split('/').next().unwrap_or_default();
                break address.parse().expect("an address");
            }
        };
        // The rest of its output is read, so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Served { child, address }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn attachments_are_served_after_the_project_folder_is_renamed() {
    let project = Project::from_fixture("rich");
    let served = Served::start(&project.root);
    let address = served.address;
    let csv = std::fs::read_to_string(project.path("content/guides/checklist.csv")).expect("read");
    assert_eq!(get(address, "/guides/checklist.csv"), (200, csv.clone()));

    let renamed = project.tmp.path().join("renamed");
    std::fs::rename(&project.root, &renamed).expect("rename the project folder");
    assert_eq!(
        get(address, "/guides/checklist.csv"),
        (200, csv),
        "the attachment is still served"
    );
    assert_eq!(get(address, "/personas/ana.svg").0, 200);
    // Edits in the renamed folder are still seen and built.
    let page = renamed.join("content/guides/glossary.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replace("Words we use", "Words moved")).expect("edit");
    get_until(address, "/guides/glossary.html", Duration::from_secs(20), |_, body| {
        body.contains("Words moved")
    });
    std::fs::write(renamed.join("content/guides/new.csv"), "a,b\n").expect("write");
    get_until(address, "/guides/new.csv", Duration::from_secs(20), |status, _| {
        status == 200
    });
}
