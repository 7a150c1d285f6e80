//! The index: BM25 weights per term and document, term shards of bounded
//! size, the document store in blocks, and the manifest that says where
//! each is (docs/search-index.md).

use super::documents::{docs_of, Doc, DocKind, Unit};
use super::encode::{hash, push_number, script, DIGITS};
use super::kept;
use super::terms::each_term;
use crate::content::model::{JourneyState, Level};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};
use std::collections::HashMap;

/// A term shard is at most this big, unless one term's postings alone are.
pub(crate) const SHARD_BYTES: usize = 32 * 1024;
/// Documents per block of the store: a block is about 15 KB, and a
/// 10,000-page playbook has some 2,300 blocks rather than 9,000 files.
pub(crate) const BLOCK_SIZE: usize = 64;
/// Matches in titles and names count this many times.
const TITLE_WEIGHT: u32 = 4;
/// BM25's constants.
const K1: f32 = 1.2;
// Long documents (a journey with its whole narrative) are penalised less
// than BM25's usual 0.75 would, so a map named for the words still ranks high.
const B: f32 = 0.5;

/// The folder of the site the index is written to.
pub(crate) const FOLDER: &str = "search";

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

/// A term's postings, each a document id and the term's weighted count in
/// it, packed as `id << 8 | count` to keep a 10,000-page index's postings
/// in a few megabytes.
type Postings = Vec<u32>;

/// Documents an index can hold: ids take the 24 upper bits of a posting.
const MAX_DOCUMENTS: usize = 1 << 24;

fn pack(id: u32, count: u32) -> u32 {
    (id << 8) | count.min(255)
}

fn unpack(posting: u32) -> (u32, u32) {
    (posting >> 8, posting & 255)
}

/// One document's distinct terms, in one string, with their weighted counts.
struct Counts {
    text: String,
    /// (start, end, weighted count) of each distinct term in `text`.
    terms: Vec<(u32, u32, u32)>,
}

/// Counts a document's terms, titles and names weighing more; returns them
/// with the document's weighted length.
fn weigh(doc: &Doc) -> (Counts, u32) {
    // Terms are never longer than their source text: one allocation each.
    let mut text = String::with_capacity(doc.title.len() + doc.names.len() + doc.body.len());
    let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(doc.body.len() / 6 + 8);
    let mut length = 0;
    for (source, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.names, TITLE_WEIGHT), (&doc.body, 1)] {
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
    let mut terms: Vec<(u32, u32, u32)> = Vec::with_capacity(spans.len());
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
    /// `[title, breadcrumb, teaser, url]` as JSON, safe inside a script.
    display: Box<str>,
}

/// Pages made into documents at a time: their words are counted in
/// parallel, then added to the index and freed, so the site's text is never
/// held twice.
const PAGES_PER_BATCH: usize = 256;

/// The documents' heads and lengths, and every term with its postings.
struct Counted {
    heads: Vec<Head>,
    lengths: Vec<u32>,
    terms: Vec<(Box<str>, Postings)>,
}

/// What the counting of a build that keeps a record for the next reads and
/// writes: each page's key (0 for none), the previous build's records and
/// this build's.
pub(crate) struct Memo<'a> {
    pub keys: Vec<u128>,
    pub previous: crate::kept::Previous,
    pub keeper: crate::kept::Keeper<&'a mut dyn std::io::Write>,
}

/// One page's documents, counted, and its record when it is to be kept.
type PageCounts = (Vec<(Head, Counts, u32)>, Option<Vec<u8>>);

/// Counts the documents of `unit`, or reads them from the previous build's
/// record of the same key.
fn count_page(unit: Unit<'_>, key: u128, previous: Option<&crate::kept::Previous>) -> PageCounts {
    let journey = match unit {
        Unit::Journey(index, _) => Some(index),
        _ => None,
    };
    if let Some(record) = previous.and_then(|p| p.record(key)) {
        let docs = kept::decode(&record).map(|docs| docs.iter().map(|doc| from_kept(doc, journey)).collect());
        if let Some(docs) = docs {
            return (docs, Some(record));
        }
    }
    let docs: Vec<(Head, Counts, u32)> = docs_of(unit)
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
            (head, terms, length)
        })
        .collect();
    let record = match previous.is_some() && key != 0 {
        true => kept::encode(&docs.iter().map(to_kept).collect::<Vec<_>>()),
        false => None,
    };
    (docs, record)
}

fn to_kept<'a>((head, counts, length): &'a (Head, Counts, u32)) -> kept::KeptDoc<'a> {
    kept::KeptDoc {
        kind: head.kind,
        level: head.level,
        state: head.state,
        display: &head.display,
        length: *length,
        terms: counts
            .terms
            .iter()
            .map(|&(start, end, tf)| (&counts.text[start as usize..end as usize], tf))
            .collect(),
    }
}

fn from_kept(doc: &kept::KeptDoc<'_>, journey: Option<usize>) -> (Head, Counts, u32) {
    let mut text = String::with_capacity(doc.terms.iter().map(|(t, _)| t.len()).sum());
    let mut terms = Vec::with_capacity(doc.terms.len());
    for &(term, tf) in &doc.terms {
        let start = text.len() as u32;
        text.push_str(term);
        terms.push((start, text.len() as u32, tf));
    }
    let head = Head {
        kind: doc.kind,
        level: doc.level,
        state: doc.state,
        journey,
        display: doc.display.into(),
    };
    (head, Counts { text, terms }, doc.length)
}

/// Makes the documents of `units`, a batch at a time, and counts their
/// terms; with a `memo`, unchanged pages are read from the previous
/// build's records and every page's record is kept for the next.
fn count(units: &[Unit<'_>], mut memo: Option<&mut Memo<'_>>) -> Counted {
    let mut heads: Vec<Head> = Vec::new();
    let mut lengths: Vec<u32> = Vec::new();
    let mut term_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut postings: Vec<Postings> = Vec::new();
    for (number, batch) in units.chunks(PAGES_PER_BATCH).enumerate() {
        let first = number * PAGES_PER_BATCH;
        let key = |i: usize| memo.as_ref().map_or(0, |m| m.keys.get(first + i).copied().unwrap_or(0));
        let keys: Vec<u128> = (0..batch.len()).map(key).collect();
        let previous = memo.as_ref().map(|m| &m.previous);
        let weighed: Vec<PageCounts> = batch
            .par_iter()
            .zip(&keys)
            .map(|(unit, &key)| count_page(*unit, key, previous))
            .collect();
        for ((docs, record), key) in weighed.into_iter().zip(keys) {
            if let (Some(memo), Some(record)) = (memo.as_deref_mut(), record) {
                memo.keeper.keep(key, &record);
            }
            for (head, terms, length) in docs {
                if heads.len() == MAX_DOCUMENTS {
                    break;
                }
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
                    postings[term_id as usize].push(pack(id, tf));
                }
            }
        }
    }
    let terms = term_ids
        .into_iter()
        .map(|(term, id)| (term, std::mem::take(&mut postings[id as usize])))
        .collect();
    Counted { heads, lengths, terms }
}

/// Writes the files of the index through `put` (path in the site, contents).
pub(crate) fn build(site: &Site, units: &[Unit<'_>], memo: Option<&mut Memo<'_>>, put: &mut dyn FnMut(&str, &[u8])) {
    let Counted {
        heads,
        lengths,
        mut terms,
    } = count(units, memo);

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
    let lengths: Vec<u32> = order.iter().map(|&old| lengths[old as usize]).collect();
    let heads: Vec<Head> = {
        let mut slots: Vec<Option<Head>> = heads.into_iter().map(Some).collect();
        order.iter().filter_map(|&old| slots[old as usize].take()).collect()
    };
    drop(order);
    terms.par_iter_mut().for_each(|(_, list)| {
        for posting in list.iter_mut() {
            let (id, tf) = unpack(*posting);
            *posting = pack(new_id[id as usize], tf);
        }
        list.sort_unstable();
    });
    drop(new_id);
    // JavaScript compares strings by UTF-16 code units: sort the same way.
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let bm25 = Bm25::new(&lengths);
    let top = terms
        .par_iter()
        .map(|(_, list)| {
            let idf = bm25.idf(list.len());
            list.iter()
                .map(|&p| bm25.weight(idf, p))
                .fold(f32::MIN_POSITIVE, f32::max)
        })
        .reduce(|| f32::MIN_POSITIVE, f32::max);

    let shards = write_shards(&terms, &bm25, top, put);
    drop(terms);
    let blocks = write_blocks(&heads, put);
    let facets = write_facets(site, &heads, put);
    let manifest = json!({
        "version": 3,
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

/// BM25 over the documents' weighted lengths, in their final order.
struct Bm25<'a> {
    lengths: &'a [u32],
    count: f32,
    average: f32,
}

impl<'a> Bm25<'a> {
    fn new(lengths: &'a [u32]) -> Bm25<'a> {
        let count = lengths.len().max(1) as f32;
        let average = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() as f32 / count).max(1.0);
        Bm25 {
            lengths,
            count,
            average,
        }
    }

    fn idf(&self, df: usize) -> f32 {
        let df = df as f32;
        (1.0 + (self.count - df + 0.5) / (df + 0.5)).ln()
    }

    fn weight(&self, idf: f32, posting: u32) -> f32 {
        let (id, tf) = unpack(posting);
        let tf = tf as f32;
        let length = self.lengths[id as usize] as f32;
        idf * (tf * (K1 + 1.0)) / (tf + K1 * (1.0 - B + B * length / self.average))
    }
}

/// Writes the term shards; returns `[first term, name, terms]` of each.
fn write_shards(
    terms: &[(Box<str>, Postings)],
    bm25: &Bm25<'_>,
    top: f32,
    put: &mut dyn FnMut(&str, &[u8]),
) -> Vec<Value> {
    let encoded: Vec<String> = terms
        .par_iter()
        .map(|(_, list)| {
            let idf = bm25.idf(list.len());
            let mut out = String::with_capacity(list.len() * 2);
            let mut previous = 0;
            let mut previous_score = None;
            for &posting in list {
                let id = posting >> 8;
                let score = ((bm25.weight(idf, posting) / top) * 63.0).round().clamp(1.0, 63.0) as usize;
                // A score like the one before is not written again: the
                // delta's lowest bit says so. Common words, whose lists are
                // long, have many such runs.
                if previous_score == Some(score) {
                    push_number((id - previous) * 2 + 1, &mut out);
                } else {
                    push_number((id - previous) * 2, &mut out);
                    out.push(DIGITS[score] as char);
                    previous_score = Some(score);
                }
                previous = id;
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
        // Terms are letters and digits, postings the index's digits: nothing
        // here needs escaping for a script.
        let mut body = String::with_capacity(size + 2);
        body.push('{');
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
        put(
            &format!("{FOLDER}/{name}.js"),
            format!("journeybookSearch.register(\"{name}\", {body});\n").as_bytes(),
        );
        shards.push(json!([&*terms[start].0, name, end - start]));
        start = end;
    }
    shards
}

/// Writes the document blocks; returns each block's hash. Each has its own,
/// so an edit renames only the blocks whose documents it changed, and a
/// rebuild carries the others over.
fn write_blocks(heads: &[Head], put: &mut dyn FnMut(&str, &[u8])) -> Vec<String> {
    let mut file = String::new();
    let mut hashes = Vec::with_capacity(heads.len().div_ceil(BLOCK_SIZE));
    for (k, chunk) in heads.chunks(BLOCK_SIZE).enumerate() {
        let mut documents = String::from("[");
        for (i, head) in chunk.iter().enumerate() {
            if i > 0 {
                documents.push(',');
            }
            documents.push_str(&head.display);
        }
        documents.push(']');
        let block_hash = hash(documents.as_bytes());
        file.clear();
        file.push_str("journeybookSearch.register(\"b");
        file.push_str(&k.to_string());
        file.push('-');
        file.push_str(&block_hash);
        file.push_str("\", ");
        file.push_str(&documents);
        file.push_str(");\n");
        put(&format!("{FOLDER}/b{k}-{block_hash}.js"), file.as_bytes());
        hashes.push(block_hash);
    }
    hashes
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

    #[test]
    fn runs_join_consecutive_ids() {
        assert_eq!(runs([1, 2, 3, 7, 9, 10]), [[1, 4], [7, 8], [9, 11]]);
    }
}
