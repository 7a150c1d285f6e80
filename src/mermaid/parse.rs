//! Mermaid's `journey` grammar, read as Mermaid's own lexer reads it: the
//! rules are tried in Mermaid's order at each position and the first that
//! matches wins, so names that begin with a keyword, `%%` and `#` comments
//! and the `{ … }` description behave as they do on GitHub. Beyond
//! Mermaid, a score must be a whole number from 1 to 5 (Mermaid takes any
//! number and draws it off the scale).

/// A journey diagram: what Mermaid's journey database holds after parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagram {
    /// `title …`, as written after the keyword and its space; empty when none.
    pub title: String,
    /// `accTitle: …`; empty when none.
    pub acc_title: String,
    /// `accDescr: …` or `accDescr { … }`, each line's indentation removed; empty when none.
    pub acc_descr: String,
    /// The sections in order; tasks written before any `section` are in a
    /// first section without a name.
    pub sections: Vec<Section>,
}

/// A `section` and its tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The name after `section `; `None` for tasks before the first section.
    pub name: Option<String>,
    /// The tasks, in order.
    pub tasks: Vec<Task>,
}

/// A task: `Name: score: actor, actor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The name, as Mermaid keeps it (trailing spaces included).
    pub name: String,
    /// From 1 (worst) to 5 (best).
    pub score: u8,
    /// The actors, trimmed; `["" ]` for a trailing `:` with nothing after it, as in Mermaid.
    pub people: Vec<String>,
}

impl Task {
    /// The actors who take part, the empty names Mermaid keeps left out.
    pub fn actors(&self) -> Vec<&str> {
        self.people
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// What is wrong with a diagram, at a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Byte offset in the diagram's text.
    pub offset: usize,
    /// Length in bytes of what is wrong (at least one character's worth).
    pub len: usize,
}

impl Diagram {
    /// `section NAME`: tasks from now on belong to it.
    pub fn add_section(&mut self, name: &str) {
        self.sections.push(Section {
            name: Some(name.to_owned()),
            tasks: Vec::new(),
        });
    }

    /// A task named `name` with its data as the lexer hands it over, from
    /// the colon: `: 5: Alice, Bob`. Offsets in a problem are into `data`.
    pub fn add_task(&mut self, name: &str, data: &str) -> Result<(), Problem> {
        let body = data.get(1..).unwrap_or_default();
        let mut pieces = body.split(':');
        let score_text = pieces.next().unwrap_or_default();
        let score = score(name, score_text, 1)?;
        // Like Mermaid: the actors are the second piece; any further `:` piece is ignored.
        let people = pieces
            .next()
            .map(|p| p.split(',').map(|s| s.trim().to_owned()).collect())
            .unwrap_or_default();
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        if let Some(section) = self.sections.last_mut() {
            section.tasks.push(Task {
                name: name.to_owned(),
                score,
                people,
            });
        }
        Ok(())
    }

    /// Every task with its section's name (`""` before any section), in
    /// order: Mermaid's `getTasks`.
    pub fn tasks(&self) -> impl Iterator<Item = (&str, &Task)> {
        self.sections
            .iter()
            .flat_map(|s| s.tasks.iter().map(move |t| (s.name.as_deref().unwrap_or_default(), t)))
    }

    /// The names of the sections: Mermaid's `getSections`.
    pub fn section_names(&self) -> Vec<&str> {
        self.sections.iter().filter_map(|s| s.name.as_deref()).collect()
    }

    /// Every actor once, sorted: Mermaid's `getActors`.
    pub fn actors(&self) -> Vec<&str> {
        let mut actors: Vec<&str> = self
            .tasks()
            .flat_map(|(_, t)| t.people.iter().map(String::as_str))
            .collect();
        actors.sort_unstable();
        actors.dedup();
        actors
    }
}

/// The score of task `name` from its text; `at` is where the text starts in the task's data.
fn score(name: &str, text: &str, at: usize) -> Result<u8, Problem> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let value = match trimmed.bytes().all(|b| b.is_ascii_digit()) {
        true => trimmed.parse::<u32>().ok().filter(|n| (1..=5).contains(n)),
        false => None,
    };
    match value {
        Some(n) => Ok(n as u8),
        None => Err(Problem {
            message: match trimmed.is_empty() {
                true => format!("task `{}` has no score", name.trim()),
                false => format!(
                    "the score `{trimmed}` of task `{}` is not a whole number from 1 to 5",
                    name.trim()
                ),
            },
            help: "a Mermaid score runs from 1 (worst) to 5 (best): write `Task name: 4` or `Task name: 4: Actor`"
                .into(),
            offset: at + lead,
            len: trimmed.len().max(1),
        }),
    }
}

/// What the lexer hands the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Journey,
    Newline,
    Title(&'a str),
    AccTitle(&'a str),
    AccDescr(&'a str),
    Section(&'a str),
    TaskName(&'a str),
    /// From the colon on.
    TaskData(&'a str),
    Colon,
    Invalid(char),
    Eof,
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

fn starts_with_ignore_case(text: &str, word: &str) -> bool {
    text.len() >= word.len() && text.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// Length of the longest prefix of `text` whose characters all pass `keep`.
fn run(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !keep(c)).unwrap_or(text.len())
}

fn rest_of_line(text: &str) -> usize {
    run(text, |c| c != '\n')
}

/// One whitespace character at the start of `text`, its length in bytes.
fn one_space(text: &str) -> Option<usize> {
    text.chars().next().filter(|c| c.is_whitespace()).map(char::len_utf8)
}

impl<'a> Lexer<'a> {
    /// The next token and where it starts, skipping what Mermaid skips.
    fn next(&mut self) -> Result<(Token<'a>, usize), Problem> {
        loop {
            let start = self.pos;
            let rest = &self.text[start..];
            let Some(first) = rest.chars().next() else {
                return Ok((Token::Eof, start));
            };
            let after_first = &rest[first.len_utf8()..];
            // `%%{…}%%` directives are taken out by Mermaid before parsing.
            if rest.starts_with("%%{") {
                self.pos += rest.find("}%%").map_or(rest_of_line(rest), |end| end + 3);
                continue;
            }
            // `%%` comments, and (as in Mermaid) any character followed by `%%`.
            // The second rule's first character may be a line break, which it eats.
            if rest.starts_with("%%") || (first != '}' && after_first.starts_with("%%")) {
                self.pos += first.len_utf8() + rest_of_line(after_first);
                continue;
            }
            if first == '\n' {
                self.pos += run(rest, |c| c == '\n');
                return Ok((Token::Newline, start));
            }
            if first.is_whitespace() {
                self.pos += run(rest, char::is_whitespace);
                continue;
            }
            if first == '#' {
                self.pos += rest_of_line(rest);
                continue;
            }
            return self.token(rest, start);
        }
    }

    fn token(&mut self, rest: &'a str, start: usize) -> Result<(Token<'a>, usize), Problem> {
        let word_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if starts_with_ignore_case(rest, "journey") && !rest[7..].starts_with(word_char) {
            self.pos += 7;
            return Ok((Token::Journey, start));
        }
        if let Some((token, len)) = keyword_line(rest, "title", |c| c != '#' && c != '\n' && c != ';') {
            self.pos += len;
            return Ok((Token::Title(token), start));
        }
        for (word, make) in [
            ("acctitle", Token::AccTitle as fn(&'a str) -> Token<'a>),
            ("accdescr", Token::AccDescr),
        ] {
            if let Some(value_at) = after_keyword_and(rest, word, ':') {
                let value = &rest[value_at..value_at + rest_of_line(&rest[value_at..])];
                self.pos += value_at + value.len();
                return Ok((make(value), start));
            }
        }
        if let Some(value_at) = after_keyword_and(rest, "accdescr", '{') {
            let Some(end) = rest[value_at..].find('}') else {
                return Err(Problem {
                    message: "the `accDescr {` description is never closed".into(),
                    help: "end the description with `}`".into(),
                    offset: start,
                    len: value_at,
                });
            };
            self.pos += value_at + end + 1;
            // `accDescr {}` sets nothing.
            if end == 0 {
                return self.next();
            }
            return Ok((Token::AccDescr(&rest[value_at..value_at + end]), start));
        }
        let name_char = |c: char| !matches!(c, '#' | ':' | '\n' | ';');
        if let Some((token, len)) = keyword_line(rest, "section", name_char) {
            self.pos += len;
            return Ok((Token::Section(token), start));
        }
        let name = run(rest, name_char);
        if name > 0 {
            self.pos += name;
            return Ok((Token::TaskName(&rest[..name]), start));
        }
        if let Some(data) = rest.strip_prefix(':') {
            let len = 1 + run(data, |c| c != '#' && c != '\n' && c != ';');
            self.pos += len;
            return Ok((
                if len > 1 {
                    Token::TaskData(&rest[..len])
                } else {
                    Token::Colon
                },
                start,
            ));
        }
        let c = rest.chars().next().unwrap_or(';');
        self.pos += c.len_utf8();
        Ok((Token::Invalid(c), start))
    }
}

/// `word`, one whitespace character, then at least one character passing
/// `keep`: the text after the space and the whole length.
fn keyword_line<'a>(rest: &'a str, word: &str, keep: impl Fn(char) -> bool) -> Option<(&'a str, usize)> {
    if !starts_with_ignore_case(rest, word) {
        return None;
    }
    let space = one_space(&rest[word.len()..])?;
    let from = word.len() + space;
    let len = run(&rest[from..], keep);
    (len > 0).then(|| (&rest[from..from + len], from + len))
}

/// `word`, spaces, `mark`, spaces: where the value after them starts.
fn after_keyword_and(rest: &str, word: &str, mark: char) -> Option<usize> {
    if !starts_with_ignore_case(rest, word) {
        return None;
    }
    let mut at = word.len();
    at += run(&rest[at..], char::is_whitespace);
    rest[at..].strip_prefix(mark)?;
    at += 1;
    Some(at + run(&rest[at..], char::is_whitespace))
}

/// Mermaid's description: trimmed, each line's indentation removed.
fn description(text: &str) -> String {
    // Mermaid drops every run of whitespace after a line break, blank lines included.
    text.trim()
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `---` front matter before the diagram: Mermaid reads its `title:`. Returns the title and where the diagram starts.
fn front_matter(text: &str) -> (Option<String>, usize) {
    let lead = text.len() - text.trim_start().len();
    let Some(body) = text[lead..].strip_prefix("---") else {
        return (None, 0);
    };
    let Some(end) = body.find("\n---") else {
        return (None, 0);
    };
    let title = body[..end].lines().find_map(|line| {
        let value = line.trim().strip_prefix("title:")?.trim();
        Some(value.trim_matches(|c| c == '"' || c == '\'').to_owned())
    });
    let close = lead + 3 + end + 4;
    (title, close + rest_of_line(&text[close..]))
}

fn problem(message: impl Into<String>, help: impl Into<String>, offset: usize, len: usize) -> Problem {
    Problem {
        message: message.into(),
        help: help.into(),
        offset,
        len: len.max(1),
    }
}

/// Reads a journey diagram as Mermaid does; the first mistake is the problem.
pub fn parse(text: &str) -> Result<Diagram, Problem> {
    let (front_title, start) = front_matter(text);
    let mut lexer = Lexer { text, pos: start };
    let mut diagram = Diagram {
        title: front_title.unwrap_or_default(),
        ..Diagram::default()
    };
    // Mermaid trims the text's start before parsing: blank lines may come first.
    let (first, at) = loop {
        match lexer.next()? {
            (Token::Newline, _) => continue,
            other => break other,
        }
    };
    if first != Token::Journey {
        let len = rest_of_line(&text[at..]);
        return Err(problem(
            "a Mermaid journey starts with the line `journey`",
            "write `journey` on the first line, before the title and the sections",
            at,
            len,
        ));
    }
    loop {
        let (token, at) = lexer.next()?;
        match token {
            Token::Eof => return Ok(diagram),
            Token::Newline => {}
            Token::Title(t) => diagram.title = t.to_owned(),
            Token::AccTitle(t) => diagram.acc_title = t.trim().to_owned(),
            Token::AccDescr(t) => diagram.acc_descr = description(t),
            Token::Section(s) => diagram.add_section(s),
            Token::TaskName(name) => match lexer.next()? {
                (Token::TaskData(data), data_at) => diagram.add_task(name, data).map_err(|mut p| {
                    p.offset += data_at;
                    p
                })?,
                _ => return Err(no_score(name, at)),
            },
            Token::TaskData(data) => {
                return Err(problem(
                    "a score without a task name before it",
                    "write the task's name before the colon (`Make tea: 5: Me`); a section name cannot hold `:`",
                    at,
                    data.len(),
                ))
            }
            Token::Colon => {
                return Err(problem(
                    "a `:` with nothing after it",
                    "write a score after the colon",
                    at,
                    1,
                ))
            }
            Token::Journey => {
                return Err(problem(
                    "`journey` may only begin the diagram",
                    "a task name cannot begin with the word `journey`: reword it",
                    at,
                    7,
                ))
            }
            Token::Invalid(c) => {
                return Err(problem(
                    format!("`{c}` cannot be used in a journey diagram"),
                    "remove it: names, scores and actors cannot hold `;`",
                    at,
                    c.len_utf8(),
                ))
            }
        }
    }
}

fn no_score(name: &str, at: usize) -> Problem {
    let trimmed = name.trim();
    let help = match trimmed.to_ascii_lowercase().as_str() {
        "title" => "write the title after the keyword: `title My working day`".to_owned(),
        "section" => "write the section's name after the keyword: `section Go to work`".to_owned(),
        _ => format!(
            "write a score from 1 to 5 after a colon: `{trimmed}: 3`, optionally with actors: `{trimmed}: 3: Me, Cat`"
        ),
    };
    problem(
        format!("task `{trimmed}` has no score"),
        help,
        at,
        name.trim_end().len(),
    )
}
