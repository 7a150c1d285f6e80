//! Generates a large, deterministic playbook for benchmarks and scale tests:
//!
//! ```sh
//! cargo run --release --example gen-playbook -- --pages 10000 /tmp/playbook-10k
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (pages, out) = match args.as_slice() {
        [flag, n, out] if flag == "--pages" => match n.parse::<usize>() {
            Ok(n) if n >= 50 => (n, PathBuf::from(out)),
            _ => {
                eprintln!("error: --pages takes a whole number of at least 50");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: gen-playbook --pages N OUT");
            return ExitCode::from(2);
        }
    };
    if out.exists() {
        eprintln!("error: `{}` already exists; choose a new folder", out.display());
        return ExitCode::from(1);
    }
    match corpus::generate(pages, &out) {
        Ok(()) => {
            eprintln!("Generated a {pages}-page playbook in {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the playbook: {e}");
            ExitCode::from(1)
        }
    }
}
