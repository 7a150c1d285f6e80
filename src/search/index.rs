//! The index: BM25 weights per term and document, term shards of bounded
//! size, the document store in blocks, and the manifest that says where
//! each is (docs/search-index.md).

use super::documents::{docs_of, Doc, DocKind, Unit};
use super::terms::each_term;
use crate::content::model::{JourneyState, Level};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};
use std::collections::HashMap;

/// A term shard is at most this big, unless one term's postings alone are.
pub(crate) const SHARD_BYTES: usize = 32 * 1024;
/// Documents per block of the store.
pub(crate) const BLOCK_SIZE: usize = 16;
/// Matches in titles and names count this many times.
const TITLE_WEIGHT: f32 = 4.0;
/// BM25's constants.
const K1: f32 = 1.2;
// Long documents (a journey with its whole narrative) are penalised less
// than BM25's usual 0.75 would, so a map named for the words still ranks high.
const B: f32 = 0.5;

/// The folder of the site the index is written to.
pub(crate) const FOLDER: &str = "search";

const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends `n` as a variable-length number: 5 bits a character, least
/// significant first, 32 added to every character but the last.
pub(crate) fn push_number(mut n: u32, out: &mut String) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// FNV-1a: a stable content hash for file names (not for security).
pub(crate) fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Base 36, eight characters: enough to tell versions of a file apart.
    let mut text = String::new();
    let mut n = h;
    for _ in 0..8 {
        text.push(DIGITS[(n % 36) as usize] as char);
        n /= 36;
    }
    text
}

/// A file of the index: `journeybookSearch.register("<name>", <value>);`.
fn script(name: &str, value: &Value) -> Vec<u8> {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    // Keep "</script>" inert should the file ever be inlined.
    format!(
        "journeybookSearch.register(\"{name}\", {});\n",
        json.replace("</", "<\\/")
    )
    .into_bytes()
}

fn level_rank(level: Option<Level>) -> u8 {
    match level {
        Some(Level::High) => 0,
        Some(Level::Medium) => 1,
        Some(Level::Low) => 2,
        None => 3,
    }
}

fn state_rank(state: Option<JourneyState>) -> u8 {
    match state {
        Some(JourneyState::Current) => 0,
        Some(JourneyState::Future) => 1,
        None => 2,
    }
}

/// Consecutive ids as `[start, end)` ranges.
fn runs(ids: impl IntoIterator<Item = usize>) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some(last) if last[1] == id => last[1] = id + 1,
            _ => out.push([id, id + 1]),
        }
    }
    out
}

/// A term's postings: (document id, weight).
type Postings = Vec<(u32, f32)>;

/// One document's distinct terms, in one string, with their weighted counts.
struct Counts {
    text: String,
    /// (start, end, weighted count) of each distinct term in `text`.
    terms: Vec<(u32, u32, f32)>,
}

/// Counts a document's terms, titles and names weighing more; returns them
/// with the document's weighted length.
fn weigh(doc: &Doc) -> (Counts, f32) {
    // Terms are never longer than their source text: one allocation each.
    let mut text = String::with_capacity(doc.title.len() + doc.names.len() + doc.body.len());
    let mut spans: Vec<(u32, u32, f32)> = Vec::with_capacity(doc.body.len() / 6 + 8);
    let mut length = 0.0;
    for (source, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.names, TITLE_WEIGHT), (&doc.body, 1.0)] {
        each_term(source, |term| {
            length += weight;
            let start = text.len() as u32;
            text.push_str(term);
            spans.push((start, text.len() as u32, weight));
        });
    }
    // Repeats add up in the first occurrence's slot.
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(spans.len());
    let mut terms: Vec<(u32, u32, f32)> = Vec::with_capacity(spans.len());
    for span in &spans {
        let term = &text[span.0 as usize..span.1 as usize];
        match first.get(term) {
            Some(&at) => terms[at].2 += span.2,
            None => {
                first.insert(term, terms.len());
                terms.push(*span);
            }
        }
    }
    drop(first);
    (Counts { text, terms }, length)
}

/// What a result shows and what its filters test, without its text.
struct Head {
    kind: DocKind,
    level: Option<Level>,
    state: Option<JourneyState>,
    journey: Option<usize>,
    /// `[title, breadcrumb, teaser, url]` as JSON.
    display: Box<str>,
}

/// Pages made into documents at a time: their words are counted in
/// parallel, then added to the index and freed, so the site's text is never
/// held twice.
const PAGES_PER_BATCH: usize = 256;

/// Writes the files of the index through `put` (path in the site, contents).
pub(crate) fn build(site: &Site, units: &[Unit<'_>], put: &mut dyn FnMut(&str, &[u8])) {
    let mut heads: Vec<Head> = Vec::new();
    let mut lengths: Vec<f32> = Vec::new();
    let mut term_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut postings: Vec<Postings> = Vec::new();
    for batch in units.chunks(PAGES_PER_BATCH) {
        let weighed: Vec<(Head, Counts, f32)> = batch
            .par_iter()
            .flat_map_iter(|unit| {
                docs_of(*unit).into_iter().map(|doc| {
                    let (terms, length) = weigh(&doc);
                    let display = serde_json::to_string(&(&doc.title, &doc.crumb, &doc.teaser, &doc.url))
                        .unwrap_or_default()
                        .into_boxed_str();
                    let head = Head {
                        kind: doc.kind,
                        level: doc.level,
                        state: doc.state,
                        journey: doc.journey,
                        display,
                    };
                    (head, terms, length)
                })
            })
            .collect();
        for (head, terms, length) in weighed {
            let id = heads.len() as u32;
            heads.push(head);
            lengths.push(length);
            for &(start, end, tf) in &terms.terms {
                let term = &terms.text[start as usize..end as usize];
                let term_id = match term_ids.get(term) {
                    Some(&known) => known,
                    None => {
                        let new = term_ids.len() as u32;
                        term_ids.insert(term.into(), new);
                        postings.push(Vec::new());
                        new
                    }
                };
                postings[term_id as usize].push((id, tf));
            }
        }
    }

    // Facet values become a few id ranges: kind, then level, then state, then journey.
    let mut order: Vec<u32> = (0..heads.len() as u32).collect();
    order.sort_by_key(|&i| {
        let h = &heads[i as usize];
        (h.kind, level_rank(h.level), state_rank(h.state), h.journey, i)
    });
    let mut new_id = vec![0u32; heads.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old as usize] = new as u32;
    }
    let count = heads.len().max(1) as f32;
    let average = (lengths.iter().sum::<f32>() / count).max(1.0);
    postings.par_iter_mut().for_each(|list| {
        let df = list.len() as f32;
        let idf = (1.0 + (count - df + 0.5) / (df + 0.5)).ln();
        for (id, tf) in list.iter_mut() {
            let length = lengths[*id as usize];
            *tf = idf * (*tf * (K1 + 1.0)) / (*tf + K1 * (1.0 - B + B * length / average));
            *id = new_id[*id as usize];
        }
        list.sort_unstable_by_key(|(id, _)| *id);
    });
    let mut terms: Vec<(Box<str>, Postings)> = term_ids
        .into_iter()
        .map(|(term, id)| (term, std::mem::take(&mut postings[id as usize])))
        .collect();
    drop(postings);
    // JavaScript compares strings by UTF-16 code units: sort the same way.
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let top = terms
        .iter()
        .flat_map(|(_, list)| list.iter().map(|(_, w)| *w))
        .fold(f32::MIN_POSITIVE, f32::max);
    let heads: Vec<Head> = {
        let mut slots: Vec<Option<Head>> = heads.into_iter().map(Some).collect();
        order.iter().filter_map(|&old| slots[old as usize].take()).collect()
    };

    let shards = write_shards(&terms, top, put);
    drop(terms);
    let blocks = write_blocks(&heads, put);
    let facets = write_facets(site, &heads, put);
    let manifest = json!({
        "version": 1,
        "documents": heads.len(),
        "kinds": DocKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>(),
        "shards": shards,
        "block_size": BLOCK_SIZE,
        "blocks": blocks,
        "facets": facets,
        "ranges": ranges(&heads),
    });
    put(&format!("{FOLDER}/manifest.js"), &script("manifest", &manifest));
}

/// Writes the term shards; returns `[first term, name]` of each.
fn write_shards(terms: &[(Box<str>, Postings)], top: f32, put: &mut dyn FnMut(&str, &[u8])) -> Vec<[String; 2]> {
    let encoded: Vec<String> = terms
        .par_iter()
        .map(|(_, list)| {
            let mut out = String::with_capacity(list.len() * 3);
            let mut previous = 0;
            for (id, weight) in list {
                push_number(id - previous, &mut out);
                previous = *id;
                let score = ((weight / top) * 63.0).round().clamp(1.0, 63.0) as usize;
                out.push(DIGITS[score] as char);
            }
            out
        })
        .collect();
    let mut shards = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        let mut end = start;
        let mut size = 0;
        while end < terms.len() {
            let entry = terms[end].0.len() + encoded[end].len() + 6;
            if end > start && size + entry > SHARD_BYTES {
                break;
            }
            size += entry;
            end += 1;
        }
        let mut body = String::from("{");
        for i in start..end {
            if i > start {
                body.push(',');
            }
            body.push_str(&serde_json::to_string(&*terms[i].0).unwrap_or_default());
            body.push_str(":\"");
            body.push_str(&encoded[i]);
            body.push('"');
        }
        body.push('}');
        let name = format!("t{}-{}", shards.len(), hash(body.as_bytes()));
        let body = body.replace("</", "<\\/");
        put(
            &format!("{FOLDER}/{name}.js"),
            format!("journeybookSearch.register(\"{name}\", {body});\n").as_bytes(),
        );
        shards.push([terms[start].0.to_string(), name]);
        start = end;
    }
    shards
}

/// Writes the document blocks; returns the hash they share.
fn write_blocks(heads: &[Head], put: &mut dyn FnMut(&str, &[u8])) -> String {
    let block_json = |chunk: &[Head]| {
        let mut json = String::from("[");
        for (i, head) in chunk.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&head.display);
        }
        json.push(']');
        json
    };
    // One hash of the whole store names every block.
    let mut whole = Vec::new();
    for chunk in heads.chunks(BLOCK_SIZE) {
        whole.extend_from_slice(hash(block_json(chunk).as_bytes()).as_bytes());
    }
    let shared = hash(&whole);
    for (k, chunk) in heads.chunks(BLOCK_SIZE).enumerate() {
        let name = format!("b{k}-{shared}");
        let json = block_json(chunk).replace("</", "<\\/");
        put(
            &format!("{FOLDER}/{name}.js"),
            format!("journeybookSearch.register(\"{name}\", {json});\n").as_bytes(),
        );
    }
    shared
}

/// Writes the personas and journeys with their document ranges; returns the file's name.
fn write_facets(site: &Site, docs: &[Head], put: &mut dyn FnMut(&str, &[u8])) -> String {
    let mut of_journey: Vec<Vec<usize>> = vec![Vec::new(); site.journeys.len()];
    for (id, doc) in docs.iter().enumerate() {
        if let Some(j) = doc.journey {
            of_journey[j].push(id);
        }
    }
    let journeys: Vec<Value> = site
        .journeys
        .iter()
        .zip(&of_journey)
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(j, ids)| json!([j.info.id, j.info.title, runs(ids.iter().copied())]))
        .collect();
    let personas: Vec<Value> = site
        .personas
        .iter()
        .filter_map(|p| {
            let mut ids: Vec<usize> = site
                .journeys
                .iter()
                .zip(&of_journey)
                .filter(|(j, _)| j.personas.iter().any(|c| c.link.id == p.info.id))
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect();
            ids.sort_unstable();
            (!ids.is_empty()).then(|| json!([p.info.id, p.name, runs(ids)]))
        })
        .collect();
    let value = json!({ "personas": personas, "journeys": journeys });
    let body = serde_json::to_string(&value).unwrap_or_default();
    let name = format!("facets-{}", hash(body.as_bytes()));
    put(&format!("{FOLDER}/{name}.js"), &script(&name, &value));
    name
}

/// The id ranges of each kind, level and state.
fn ranges(docs: &[Head]) -> Value {
    let kinds: serde_json::Map<String, Value> = DocKind::ALL
        .iter()
        .filter_map(|kind| {
            let ids = docs.iter().enumerate().filter(|(_, d)| d.kind == *kind).map(|(i, _)| i);
            let run = runs(ids);
            let first = run.first()?;
            let last = run.last()?;
            Some((kind.name().to_owned(), json!([first[0], last[1]])))
        })
        .collect();
    let by = |pick: &dyn Fn(&Head) -> Option<&'static str>| -> serde_json::Map<String, Value> {
        let mut ids: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            if let Some(value) = pick(d) {
                ids.entry(value).or_default().push(i);
            }
        }
        ids.into_iter()
            .map(|(value, ids)| (value.to_owned(), json!(runs(ids))))
            .collect()
    };
    let levels = by(&|d| match d.level {
        Some(Level::High) => Some("high"),
        Some(Level::Medium) => Some("medium"),
        Some(Level::Low) => Some("low"),
        None => None,
    });
    let states = by(&|d| match d.state {
        Some(JourneyState::Current) => Some("current"),
        Some(JourneyState::Future) => Some("future"),
        None => None,
    });
    json!({ "kind": kinds, "level": levels, "state": states })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut shift) = (0u32, 0);
        for c in text.bytes() {
            let v = DIGITS.iter().position(|d| *d == c).expect("a digit") as u32;
            n |= (v & 31) << shift;
            if v >= 32 {
                shift += 5;
            } else {
                out.push(n);
                n = 0;
                shift = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_through_the_alphabet() {
        let mut text = String::new();
        for n in [0, 1, 31, 32, 1023, 1024, 70_000] {
            push_number(n, &mut text);
        }
        assert_eq!(decode(&text), [0, 1, 31, 32, 1023, 1024, 70_000]);
        let mut one = String::new();
        push_number(5, &mut one);
        assert_eq!(one, "5", "small numbers take one character");
    }

    #[test]
    fn runs_join_consecutive_ids() {
        assert_eq!(runs([1, 2, 3, 7, 9, 10]), [[1, 4], [7, 8], [9, 11]]);
    }

    #[test]
    fn hashes_are_stable_and_differ_with_content() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(hash(b"").len(), 8);
    }
}
