//! Splitting text into search terms, the same way the page's script splits a
//! query (docs/search-index.md, "Terms"): lowercase, Latin accents folded,
//! runs of letters and digits, and Chinese, Japanese and Korean text as
//! overlapping pairs of characters, since it is written without spaces.

use crate::ids::fold_char;
use unicode_normalization::UnicodeNormalization;

/// Whether `c` is written without spaces between words: Han, Hiragana,
/// Katakana or Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007       // 々 〆 〇
        | 0x3041..=0x3096     // Hiragana letters
        | 0x309D..=0x309F     // Hiragana iteration marks
        | 0x30A1..=0x30FA     // Katakana letters (not the ゠ and ・ punctuation)
        | 0x30FC..=0x30FF     // prolonged sound mark, Katakana iteration marks
        | 0x31F0..=0x31FF     // Katakana extensions
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xF900..=0xFAFF     // Han compatibility
        | 0xFF66..=0xFF9F     // halfwidth Katakana
        | 0x1100..=0x11FF     // Hangul Jamo
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0x20000..=0x2A6DF   // Han extension B
        | 0x2A700..=0x2EBEF   // Han extensions C to F
        | 0x30000..=0x3134F   // Han extension G
    )
}

/// Calls `term` with each term of `text`, in order, repeats included.
pub(crate) fn each_term(text: &str, mut term: impl FnMut(&str)) {
    // Accents typed as separate marks (some editors, text pasted from PDFs)
    // are joined to their letter first, as the page does with a query.
    let composed: String;
    let text = if text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        composed = text.nfc().collect();
        &composed
    };
    let mut word = String::new();
    let mut letters = 0;
    let mut cjk: Vec<char> = Vec::new();
    let mut pair = String::new();
    let end_word = |word: &mut String, letters: &mut usize, term: &mut dyn FnMut(&str)| {
        if *letters >= 2 {
            term(word);
        }
        word.clear();
        *letters = 0;
    };
    let end_cjk = |cjk: &mut Vec<char>, pair: &mut String, term: &mut dyn FnMut(&str)| {
        if cjk.len() == 1 {
            pair.clear();
            pair.push(cjk[0]);
            term(pair);
        }
        for two in cjk.windows(2) {
            pair.clear();
            pair.extend(two);
            term(pair);
        }
        cjk.clear();
    };
    let mut lower = [' '; 3];
    for original in text.chars() {
        // Most text is ASCII letters, digits and spaces: the short way.
        if original.is_ascii_alphanumeric() {
            if !cjk.is_empty() {
                end_cjk(&mut cjk, &mut pair, &mut term);
            }
            word.push(original.to_ascii_lowercase());
            letters += 1;
            continue;
        }
        if original == ' ' {
            end_word(&mut word, &mut letters, &mut term);
            if !cjk.is_empty() {
                end_cjk(&mut cjk, &mut pair, &mut term);
            }
            continue;
        }
        // Other ASCII is lowercased without the general mapping.
        let lowered: &[char] = if original.is_ascii() {
            lower[0] = original.to_ascii_lowercase();
            &lower[..1]
        } else {
            let mut n = 0;
            for l in original.to_lowercase() {
                lower[n] = l;
                n += 1;
            }
            &lower[..n]
        };
        for &c in lowered {
            if is_cjk(c) {
                end_word(&mut word, &mut letters, &mut term);
                cjk.push(c);
            } else if fold_char(c, &mut word) {
                letters += 1;
                end_cjk(&mut cjk, &mut pair, &mut term);
            } else {
                end_word(&mut word, &mut letters, &mut term);
                end_cjk(&mut cjk, &mut pair, &mut term);
            }
        }
    }
    end_word(&mut word, &mut letters, &mut term);
    end_cjk(&mut cjk, &mut pair, &mut term);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_term(text, |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn accents_fold_and_case_goes() {
        assert_eq!(
            terms("Crème Brûlée, STRASSE und Straße"),
            ["creme", "brulee", "strasse", "und", "strasse"]
        );
    }

    #[test]
    fn punctuation_separates_and_single_letters_are_dropped() {
        assert_eq!(
            terms("sign-up: a 14-day wait (e.g. 2fa)"),
            ["sign", "up", "14", "day", "wait", "2fa"]
        );
    }

    #[test]
    fn cjk_text_gives_pairs_of_characters() {
        assert_eq!(terms("問い合わせ"), ["問い", "い合", "合わ", "わせ"]);
        assert_eq!(terms("ガイド and 本"), ["ガイ", "イド", "and", "本"]);
        assert_eq!(terms("고객 여정"), ["고객", "여정"]);
    }

    #[test]
    fn decomposed_accents_are_joined_first() {
        assert_eq!(terms("cre\u{300}me"), ["creme"]);
        assert_eq!(terms("人々 ・ ケーキ"), ["人々", "ケー", "ーキ"]);
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(terms("Путь клиента"), ["путь", "клиента"]);
    }
}
