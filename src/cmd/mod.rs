//! The commands, one module each. They run the pipeline and return what
//! happened, with the lines that sum it up; the binary only parses
//! arguments and prints.

pub mod build;
pub mod check;
pub mod clean;
pub mod editor;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod watch;

/// "1 page", "2 pages".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
