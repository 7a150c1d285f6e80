//! Generates a large, deterministic playbook for benchmarks and scale tests:
//!
//! ```sh
//! cargo run --release --example gen-playbook -- --pages 10000 /tmp/playbook-10k
//! cargo run --release --example gen-playbook -- --docs --pages 10000 /tmp/docs-10k
//! ```
//!
//! `--docs` writes plain documentation pages only (see `corpus::Kind::Docs`);
//! `--dense` a playbook whose touchpoints are shared widely (`corpus::Kind::Dense`).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut kind = corpus::Kind::Playbook;
    for (flag, named) in [("--docs", corpus::Kind::Docs), ("--dense", corpus::Kind::Dense)] {
        if let Some(at) = args.iter().position(|a| a == flag) {
            args.remove(at);
            kind = named;
        }
    }
    let (pages, out) = match args.as_slice() {
        [flag, n, out] if flag == "--pages" => match n.parse::<usize>() {
            Ok(n) if n >= 50 => (n, PathBuf::from(out)),
            _ => {
                eprintln!("error: --pages takes a whole number of at least 50");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: gen-playbook [--docs | --dense] --pages N OUT");
            return ExitCode::from(2);
        }
    };
    if out.exists() {
        eprintln!("error: `{}` already exists; choose a new folder", out.display());
        return ExitCode::from(1);
    }
    match corpus::generate(kind, pages, &out) {
        Ok(()) => {
            eprintln!("Generated a {pages}-page {} corpus in {}", kind.name(), out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the playbook: {e}");
            ExitCode::from(1)
        }
    }
}
