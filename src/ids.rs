//! Ids and slugs: the one rule that turns a name into an id, for file names,
//! stage and step ids and heading anchors alike.
//!
//! Letters are lowercased; Latin letters lose their accents (`Découvrir` →
//! `decouvrir`, `Straße` → `strasse`); letters and digits of other scripts
//! are kept (`問い合わせ` stays); every run of anything else becomes one
//! hyphen, and none starts or ends the slug.

use std::collections::{HashMap, HashSet};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Latin letters that are not a base letter plus accents.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// Appends what a lowercase `c` becomes in a slug or a search term (Latin
/// letters without their accents); false when it is a separator.
pub(crate) fn fold_char(c: char, out: &mut String) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c);
        return true;
    }
    if !c.is_alphanumeric() {
        return false;
    }
    if let Some(folded) = fold_special(c) {
        out.push_str(folded);
        return true;
    }
    // A Latin letter with accents decomposes into an ASCII letter and marks.
    let mut base = None;
    let mut only_marks = true;
    decompose_canonical(c, |part| match base {
        None => base = Some(part),
        Some(_) => only_marks &= is_combining_mark(part),
    });
    match base {
        Some(b) if b.is_ascii_alphabetic() && only_marks => out.push(b),
        _ => out.push(c),
    }
    true
}

/// Turns a name into an id: "Ticket opened!" → `ticket-opened`. May be empty
/// when the name has no letter or digit; callers that need an id use
/// [`slug_or`].
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mut piece = String::new();
        if fold_char(c, &mut piece) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push_str(&piece);
        } else {
            gap = true;
        }
    }
    out
}

/// The words of a file, folder or key name, for a title or a label:
/// `running-workshops` → "Running workshops", `_methods` → "Methods",
/// `annual_usage` → "Annual usage". The first letter is raised only when
/// the name is all lower case, so "iPhone" or "NPS" stay as written.
pub fn words_of(name: &str) -> String {
    let words: Vec<&str> = name.split(['-', '_', ' ']).filter(|w| !w.is_empty()).collect();
    let text = words.join(" ");
    if text.chars().any(char::is_uppercase) {
        return text;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The slug of `text`, or `fallback` when it would be empty.
pub fn slug_or(text: &str, fallback: impl FnOnce() -> String) -> String {
    let slug = slug(text);
    if slug.is_empty() {
        fallback()
    } else {
        slug
    }
}

/// Ids look like `live-chat`: what [`slug`] makes, where hyphens may also
/// repeat or end the id (ids written before slugs were tidied stay valid).
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let kept = |c: char| {
        let mut piece = String::new();
        c.to_lowercase().eq([c]) && fold_char(c, &mut piece) && piece.chars().eq([c])
    };
    kept(first) && chars.all(|c| c == '-' || kept(c))
}

/// The id of a stage or step: its own `id:`, else its name's slug, else its
/// position (1-based), so that no id is ever empty.
pub fn stage_id(explicit: Option<&str>, name: &str, position: usize) -> String {
    match explicit {
        Some(id) => id.to_owned(),
        None => slug_or(name, || position.to_string()),
    }
}

/// Hands out the ids of one page, each unique: a repeated id gets `-1`,
/// `-2`, …, the lowest number no id of the page has yet.
///
/// Each base id remembers the number after the last one it got. Numbers
/// below it were all taken when it was handed out, and taken ids stay
/// taken, so starting there gives what counting from 1 would, without
/// retrying every earlier number on each repeat (a page repeating one
/// heading 20,000 times would otherwise take minutes).
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    /// Marks `id` as taken without handing it out (ids the page has besides
    /// its headings).
    pub fn reserve(&mut self, id: String) {
        self.used.insert(id);
    }

    /// `id` itself when it is free, else `id-N` for the lowest free N; taken from then on.
    pub fn assign(&mut self, id: String) -> String {
        if !self.used.contains(&id) {
            self.used.insert(id.clone());
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(1);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if !self.used.contains(&candidate) {
                self.used.insert(candidate.clone());
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_lose_their_accents() {
        assert_eq!(slug("Découvrir"), "decouvrir");
        assert_eq!(slug("Prüfen"), "prufen");
        assert_eq!(slug("Straße & Café"), "strasse-cafe");
        assert_eq!(slug("Ærø Łódź"), "aero-lodz");
    }

    #[test]
    fn other_scripts_are_kept() {
        assert_eq!(slug("問い合わせ"), "問い合わせ");
        assert_eq!(slug("Заявка клиента"), "заявка-клиента");
        assert_eq!(slug("ガイド"), "ガイド");
    }

    #[test]
    fn separators_collapse_and_never_end_a_slug() {
        assert_eq!(slug("Ticket opened!"), "ticket-opened");
        assert_eq!(slug("  05:45  Open up "), "05-45-open-up");
        assert_eq!(slug("snake_case -- name"), "snake-case-name");
        assert_eq!(slug("?!"), "");
        assert_eq!(stage_id(None, "?!", 3), "3");
        assert_eq!(stage_id(Some("own"), "Name", 1), "own");
    }

    #[test]
    fn ids_follow_the_slug_rule() {
        for valid in ["live-chat", "2fa", "問い合わせ", "live--chat", "decouvrir"] {
            assert!(is_valid_id(valid), "{valid}");
        }
        for invalid in ["Live-chat", "-chat", "live_chat", "", "café", "live chat"] {
            assert!(!is_valid_id(invalid), "{invalid}");
        }
        assert!(is_valid_id(&slug("Café crème")));
    }

    #[test]
    fn repeated_ids_get_a_number() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.assign("faq".into()), "faq");
        assert_eq!(ids.assign("faq".into()), "faq-1");
        assert_eq!(ids.assign("faq".into()), "faq-2");
    }

    #[test]
    fn numbers_skip_ids_taken_literally() {
        let mut ids = UniqueIds::default();
        ids.reserve("intro-1".into());
        let got: Vec<String> = ["intro", "intro", "intro-2", "intro", "intro-3", "intro"]
            .into_iter()
            .map(|id| ids.assign(id.into()))
            .collect();
        assert_eq!(
            got,
            ["intro", "intro-2", "intro-2-1", "intro-3", "intro-3-1", "intro-4"]
        );
        // A heading "Intro 2" written before the repeats keeps its id.
        let mut ids = UniqueIds::default();
        let got: Vec<String> = ["intro-2", "intro", "intro", "intro"]
            .into_iter()
            .map(|id| ids.assign(id.into()))
            .collect();
        assert_eq!(got, ["intro-2", "intro", "intro-1", "intro-3"]);
    }

    #[test]
    fn many_repeats_take_linear_time() {
        let mut ids = UniqueIds::default();
        let last = (0..50_000).map(|_| ids.assign("step".into())).last();
        assert_eq!(last.as_deref(), Some("step-49999"));
    }
}
