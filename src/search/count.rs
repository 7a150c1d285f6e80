//! Counting: each page made into documents, their terms counted (titles
//! and names weighing more), then every term's postings gathered. A build
//! that keeps a record for the next reads unchanged pages' counts back
//! instead (see [`super::kept`]).

use super::documents::{docs_of, Doc, DocKind, Unit};
use super::index::{pack, Postings};
use super::kept::{self, KeptDictionary, KeptDoc, DICTIONARY};
use super::terms::each_term;
use crate::content::model::{JourneyState, Level};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::io;

/// Matches in titles and names count this many times.
const TITLE_WEIGHT: u32 = 4;

/// Documents an index can hold: ids take the 24 upper bits of a posting.
const MAX_DOCUMENTS: usize = 1 << 24;

/// Pages made into documents at a time: their words are counted in
/// parallel, then added to the index and freed, so the site's text is never
/// held twice.
const PAGES_PER_BATCH: usize = 256;

/// What a result shows and what its filters test, without its text.
pub(super) struct Head {
    pub kind: DocKind,
    pub level: Option<Level>,
    pub state: Option<JourneyState>,
    pub journey: Option<usize>,
    /// `[title, breadcrumb, teaser, url]` as JSON, safe inside a script.
    pub display: Box<str>,
}

/// The documents' heads and lengths, and every term with its postings.
pub(super) struct Counted {
    pub heads: Vec<Head>,
    pub lengths: Vec<u32>,
    pub terms: Vec<(Box<str>, Postings)>,
}

/// What the counting of a build that keeps a record for the next reads and
/// writes: each page's key (0 for none), the previous build's records and
/// this build's.
pub(crate) struct Memo<'a, 's> {
    pub keys: Vec<u128>,
    pub store: &'a crate::kept::Store<'s>,
}

/// A document's distinct terms with their weighted counts: as words when
/// just counted, as numbers in the dictionary once it has them.
enum Terms {
    Words {
        /// The distinct terms, one after the other.
        text: String,
        /// (start, end, weighted count) of each in `text`.
        spans: Vec<(u32, u32, u32)>,
    },
    Numbered(Vec<(u32, u32)>),
}

/// One document, counted.
struct Counts {
    head: Head,
    terms: Terms,
    length: u32,
}

/// One page's documents, counted, and its record when it was read from the
/// previous build's.
type PageCounts = (Vec<Counts>, Option<Vec<u8>>);

/// Every term met, by number. A rebuild keeps the previous build's numbers
/// and gives new terms the next ones, so that a page's record, read back,
/// is kept as it was: a new word in one page no longer renumbers every term
/// met after it, and with them every later page's record. Terms no page
/// uses any more stay numbered until they are an eighth of the dictionary;
/// the build then numbers them afresh, in the order it meets them, as a
/// clean build does.
#[derive(Default)]
struct Dictionary {
    words: Vec<Box<str>>,
    numbers: FxHashMap<Box<str>, u32>,
    /// The previous build's terms, by their numbers there, when renumbering.
    previous: Vec<Box<str>>,
    /// Each of those numbers' number in this build, once met.
    renumbered: Vec<Option<u32>>,
}

/// Unused terms are kept until they are this share of the dictionary.
const UNUSED_SHARE: usize = 8;

impl Dictionary {
    /// A dictionary that reads the previous build's records, and how many
    /// terms they may number; none when it kept no dictionary, and so no
    /// record can be read.
    fn after(previous: &crate::kept::Previous) -> Option<(Dictionary, usize)> {
        let record = previous.record(DICTIONARY)?;
        kept::decode(&record).map(Dictionary::from_kept)
    }

    /// What [`Dictionary::after`] makes of the dictionary it read.
    fn from_kept(kept: KeptDictionary<'_>) -> (Dictionary, usize) {
        let known = kept.words.len();
        let unused = known.saturating_sub(kept.used as usize);
        let words: Vec<Box<str>> = kept.words.into_iter().map(Box::from).collect();
        if unused * UNUSED_SHARE > known {
            return (Dictionary::renumbering(words), known);
        }
        let numbers = words.iter().zip(0..).map(|(word, n)| (word.clone(), n)).collect();
        let renumbered = (0..known as u32).map(Some).collect();
        let dictionary = Dictionary {
            words,
            numbers,
            renumbered,
            ..Dictionary::default()
        };
        (dictionary, known)
    }

    /// A dictionary that numbers terms afresh, reading records numbered by `previous`.
    fn renumbering(previous: Vec<Box<str>>) -> Dictionary {
        Dictionary {
            renumbered: vec![None; previous.len()],
            previous,
            ..Dictionary::default()
        }
    }

    /// The number of `word`, given it if new.
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&number) = self.numbers.get(word) {
            return number;
        }
        let number = self.words.len() as u32;
        self.words.push(word.into());
        self.numbers.insert(word.into(), number);
        number
    }

    /// This build's number of the term the previous build numbered `old`.
    fn renumber(&mut self, old: u32) -> u32 {
        if let Some(Some(number)) = self.renumbered.get(old as usize) {
            return *number;
        }
        let word = self.previous[old as usize].clone();
        let number = self.number(&word);
        self.renumbered[old as usize] = Some(number);
        number
    }

    /// The dictionary as kept, with how many of its terms are `used`.
    fn record(&self, used: usize) -> Option<Vec<u8>> {
        kept::encode(&KeptDictionary {
            words: self.words.iter().map(|w| &**w).collect(),
            used: used as u32,
        })
    }
}

/// Counts a document's terms, titles and names weighing more; returns them
/// with the document's weighted length.
fn weigh(doc: &Doc) -> (Terms, u32) {
    // Terms are never longer than their source text: one allocation each.
    let mut text = String::with_capacity(doc.title.len() + doc.names.len() + doc.body.len());
    let mut all: Vec<(u32, u32, u32)> = Vec::with_capacity(doc.body.len() / 6 + 8);
    let mut length = 0;
    for (source, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.names, TITLE_WEIGHT), (&doc.body, 1)] {
        each_term(source, |term| {
            length += weight;
            let start = text.len() as u32;
            text.push_str(term);
            all.push((start, text.len() as u32, weight));
        });
    }
    // Repeats add up in the first occurrence's slot.
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(all.len());
    let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(all.len());
    for span in &all {
        let term = &text[span.0 as usize..span.1 as usize];
        match first.get(term) {
            Some(&at) => spans[at].2 += span.2,
            None => {
                first.insert(term, spans.len());
                spans.push(*span);
            }
        }
    }
    drop(first);
    (Terms::Words { text, spans }, length)
}

/// Counts the documents of `unit`, or reads them from the previous
/// build's record of the same key (`known` terms in its dictionary).
fn count_page(unit: Unit<'_>, key: u128, previous: Option<(&crate::kept::Previous, usize)>) -> io::Result<PageCounts> {
    let journey = match unit {
        Unit::Journey(index, _) => Some(index),
        _ => None,
    };
    if let Some((previous, known)) = previous {
        if let Some(record) = previous.record(key) {
            if let Some(docs) = from_record(&record, journey, known) {
                return Ok((docs, Some(record)));
            }
        }
    }
    let docs = docs_of(unit)?
        .into_iter()
        .map(|doc| {
            let (terms, length) = weigh(&doc);
            let display = serde_json::to_string(&(&doc.title, &doc.crumb, &doc.teaser, &doc.url))
                .unwrap_or_default()
                .replace("</", "<\\/")
                .into_boxed_str();
            let head = Head {
                kind: doc.kind,
                level: doc.level,
                state: doc.state,
                journey: doc.journey,
                display,
            };
            Counts { head, terms, length }
        })
        .collect();
    Ok((docs, None))
}

/// A page's documents from its record; none when it cannot be read or
/// numbers a term the dictionary does not have.
fn from_record(record: &[u8], journey: Option<usize>, known: usize) -> Option<Vec<Counts>> {
    let docs: Vec<KeptDoc<'_>> = kept::decode(record)?;
    docs.into_iter()
        .map(|doc| {
            let known = doc.terms.iter().all(|&(number, _)| (number as usize) < known);
            known.then(|| Counts {
                head: Head {
                    kind: doc.kind,
                    level: doc.level,
                    state: doc.state,
                    journey,
                    display: doc.display.into(),
                },
                terms: Terms::Numbered(doc.terms),
                length: doc.length,
            })
        })
        .collect()
}

/// A page's documents as kept, once their terms are numbered.
fn record_of(docs: &[Counts]) -> Option<Vec<u8>> {
    let kept: Vec<KeptDoc<'_>> = docs
        .iter()
        .map(|doc| KeptDoc {
            kind: doc.head.kind,
            level: doc.head.level,
            state: doc.head.state,
            display: &doc.head.display,
            length: doc.length,
            terms: match &doc.terms {
                Terms::Numbered(numbers) => numbers.clone(),
                Terms::Words { .. } => Vec::new(),
            },
        })
        .collect();
    kept::encode(&kept)
}

/// Makes the documents of `units`, a batch at a time, and counts their
/// terms; with a `memo`, unchanged pages are read from the previous
/// build's records and every page's record is kept for the next.
pub(super) fn count(units: &[Unit<'_>], mut memo: Option<&mut Memo<'_, '_>>) -> io::Result<Counted> {
    let after_previous = memo.as_ref().and_then(|m| Dictionary::after(&m.store.previous));
    // Kept records hold terms by number: unless the numbers carry over,
    // the records the previous build kept are not this build's.
    let numbers_carry_over = after_previous.as_ref().is_some_and(|(d, _)| d.previous.is_empty());
    if let (Some(memo), false) = (memo.as_ref(), numbers_carry_over) {
        memo.store.rewrite_all();
    }
    // Without its dictionary, the previous build's records cannot be read.
    let known = after_previous.as_ref().map(|&(_, known)| known);
    let mut dictionary = after_previous.map(|(d, _)| d).unwrap_or_default();
    let mut heads: Vec<Head> = Vec::new();
    let mut lengths: Vec<u32> = Vec::new();
    let mut postings: Vec<Postings> = Vec::new();
    for (number, batch) in units.chunks(PAGES_PER_BATCH).enumerate() {
        let first = number * PAGES_PER_BATCH;
        let key = |i: usize| memo.as_ref().map_or(0, |m| m.keys.get(first + i).copied().unwrap_or(0));
        let keys: Vec<u128> = (0..batch.len()).map(key).collect();
        let previous = memo.as_ref().zip(known).map(|(m, known)| (&*m.store.previous, known));
        let mut weighed: Vec<PageCounts> = batch
            .par_iter()
            .with_max_len(crate::PAGES_PER_TASK)
            .zip(&keys)
            .map(|(unit, &key)| count_page(*unit, key, previous))
            .collect::<io::Result<_>>()?;
        for (docs, record) in &mut weighed {
            if !number_terms(docs, &mut dictionary) {
                // Its terms have other numbers now: the record is made again.
                *record = None;
            }
        }
        if memo.is_some() {
            weighed
                .par_iter_mut()
                .with_max_len(crate::PAGES_PER_TASK)
                .zip(&keys)
                .filter(|((_, record), &key)| record.is_none() && key != 0)
                .for_each(|((docs, record), _)| *record = record_of(docs));
        }
        postings.resize_with(dictionary.words.len(), Vec::new);
        for ((docs, record), key) in weighed.into_iter().zip(keys) {
            if let (Some(memo), Some(record)) = (memo.as_deref_mut(), record) {
                memo.store.keep([(key, record)]);
            }
            for Counts { head, terms, length } in docs {
                if heads.len() == MAX_DOCUMENTS {
                    break;
                }
                let id = heads.len() as u32;
                heads.push(head);
                lengths.push(length);
                if let Terms::Numbered(numbers) = terms {
                    for (number, tf) in numbers {
                        postings[number as usize].push(pack(id, tf));
                    }
                }
            }
        }
    }
    if let Some(memo) = memo {
        let used = postings.iter().filter(|list| !list.is_empty()).count();
        if let Some(record) = dictionary.record(used) {
            // Grown by this build's new words: under the same key, other bytes.
            memo.store.keep_new(DICTIONARY, &record);
        }
    }
    let terms = dictionary
        .words
        .into_iter()
        .zip(postings)
        .filter(|(_, list)| !list.is_empty())
        .collect();
    Ok(Counted { heads, lengths, terms })
}

/// Gives the terms of a page's documents this build's numbers, in the
/// order met; returns whether read-back terms kept the numbers they had.
fn number_terms(docs: &mut [Counts], dictionary: &mut Dictionary) -> bool {
    let mut same = true;
    for doc in docs {
        match &mut doc.terms {
            Terms::Words { text, spans } => {
                let numbered = spans
                    .iter()
                    .map(|&(start, end, tf)| (dictionary.number(&text[start as usize..end as usize]), tf))
                    .collect();
                doc.terms = Terms::Numbered(numbered);
            }
            // Numbers carried over as they were need no looking up.
            Terms::Numbered(_) if dictionary.previous.is_empty() => {}
            Terms::Numbered(numbers) => {
                for (number, _) in numbers.iter_mut() {
                    let now = dictionary.renumber(*number);
                    same &= now == *number;
                    *number = now;
                }
            }
        }
    }
    same
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(dictionary: &Dictionary, used: usize) -> Vec<u8> {
        dictionary.record(used).expect("encoded")
    }

    #[test]
    fn a_clean_build_numbers_terms_in_the_order_it_meets_them() {
        let mut dictionary = Dictionary::default();
        assert_eq!(dictionary.number("stage"), 0);
        assert_eq!(dictionary.number("map"), 1);
        assert_eq!(dictionary.number("stage"), 0);
    }

    #[test]
    fn a_rebuild_keeps_the_numbers_and_gives_new_terms_the_next() {
        let mut first = Dictionary::default();
        first.number("stage");
        first.number("map");
        let record = kept(&first, 2);
        let (mut next, known) = Dictionary::from_kept(kept::decode(&record).expect("decoded"));
        assert_eq!(known, 2);
        // The next build meets `map` first, then a new word: both keep to the old numbers.
        assert_eq!(next.renumber(1), 1);
        assert_eq!(next.number("journey"), 2);
        assert_eq!(next.renumber(0), 0);
        assert_eq!(next.number("stage"), 0);
    }

    #[test]
    fn terms_no_longer_used_are_dropped_once_they_are_an_eighth_of_the_dictionary() {
        let mut first = Dictionary::default();
        for word in ["a", "b", "c", "d", "e", "f", "g", "h", "i"] {
            first.number(word);
        }
        // Eight of nine used: the numbers stay.
        let (mut kept_on, _) = Dictionary::from_kept(kept::decode(&kept(&first, 8)).expect("decoded"));
        assert_eq!(kept_on.renumber(5), 5);
        // Seven of nine: numbered afresh in the order met, as a clean build numbers them.
        let (mut afresh, known) = Dictionary::from_kept(kept::decode(&kept(&first, 7)).expect("decoded"));
        assert_eq!(known, 9);
        assert_eq!(afresh.renumber(5), 0);
        assert_eq!(afresh.number("a"), 1);
        assert_eq!(afresh.renumber(0), 1);
    }
}
