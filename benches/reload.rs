//! Save-to-reload latency of the preview server: from writing a file to the
//! reload event arriving on the live-reload channel, as a page receives it.
//!
//! ```sh
//! cargo bench --bench reload
//! ```
//!
//! Measured on a copy of the sample playbook and on a generated
//! 10,000-page playbook, editing the Markdown of a guide five times each.

// Shared with the scale benchmark, which uses the docs corpus this one does not.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;

use journeybook::cmd::serve::{Preview, ServeOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const EDITS: usize = 5;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn events(address: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET /__journeybook/events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        reader.read_line(&mut line).expect("read the stream");
    }
    reader
}

fn wait_for_reload(reader: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).expect("an event within a minute");
        assert!(n > 0, "the stream closed");
        if line.trim_end() == "event: reload" {
            return;
        }
    }
}

fn measure(name: &str, project: &Path, page: &Path) {
    let options = ServeOptions {
        host: "127.0.0.1".into(),
        port: Some(0),
        poll: false,
        allow_hosts: Vec::new(),
        build: journeybook::BuildOptions {
            today: journeybook::date::Date::parse("2026-11-22"),
            ..journeybook::BuildOptions::default()
        },
    };
    let started = Instant::now();
    let (preview, first) = Preview::start(project, options, |_| {}).expect("the server starts");
    assert!(!first.has_errors(), "the project builds");
    let startup = started.elapsed();
    let address = preview.address;
    std::thread::spawn(move || preview.run());
    let mut stream = events(address);
    let original = std::fs::read_to_string(page).expect("read the page");
    let mut times = Vec::new();
    for i in 0..EDITS {
        let started = Instant::now();
        std::fs::write(page, format!("{original}\nEdit number {i}.\n")).expect("edit");
        wait_for_reload(&mut stream);
        times.push(started.elapsed());
    }
    std::fs::write(page, original).expect("restore");
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("## {name}");
    println!("first build and start               {:>8.0} ms", ms(startup));
    println!(
        "save to reload, median of {EDITS}         {:>8.0} ms",
        ms(times[EDITS / 2])
    );
    println!("save to reload, slowest               {:>8.0} ms", ms(times[EDITS - 1]));
    println!();
}

fn main() {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reload");
    let _ = std::fs::remove_dir_all(&work);
    let sample = work.join("sample");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &sample.join("content"));
    std::fs::copy(repo.join("book.toml"), sample.join("book.toml")).expect("copy book.toml");
    println!("journeybook save-to-reload benchmark (a change is reported after 50 ms without further changes)\n");
    measure("sample playbook", &sample, &sample.join("content/guides/glossary.md"));

    let large = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scale/playbook-10000");
    if !large.exists() {
        corpus::generate(corpus::Kind::Playbook, 10_000, &large).expect("generate the playbook");
    }
    measure(
        "10,000 pages",
        &large,
        &large.join("content/guides/section-00/guide-0.md"),
    );
}
