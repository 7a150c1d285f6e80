//! Ids and slugs: the one rule that turns a name into an id, for file names,
//! stage and step ids and heading anchors alike.
//!
//! Letters are lowercased; Latin letters lose their accents (`Découvrir` →
//! `decouvrir`, `Straße` → `strasse`); letters and digits of other scripts
//! are kept (`問い合わせ` stays); every run of anything else becomes one
//! hyphen, and none starts or ends the slug.

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

/// Makes `id` unique among `used` by appending `-1`, `-2`, …, and records it.
pub fn unique(id: String, used: &mut std::collections::HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
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
        let mut used = std::collections::HashSet::new();
        assert_eq!(unique("faq".into(), &mut used), "faq");
        assert_eq!(unique("faq".into(), &mut used), "faq-1");
        assert_eq!(unique("faq".into(), &mut used), "faq-2");
    }
}
