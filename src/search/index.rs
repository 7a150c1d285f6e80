//! The index: BM25 weights per term and document, term shards of bounded
//! size, the document store in blocks, and the manifest that says where
//! each is (docs/search-index.md).

use super::count::{count, Counted, Head, Memo};
use super::documents::{DocKind, Unit};
use super::encode::{hash, push_number, script, script_of_json, utf16_order, DIGITS};
use super::Put;
use crate::content::model::{JourneyState, Level};
use crate::site::Site;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// A term shard is at most this big, unless one term's postings alone are.
pub(crate) const SHARD_BYTES: usize = 32 * 1024;
/// Documents per block of the store: a block is about 15 KB, and a
/// 10,000-page playbook has some 2,300 blocks rather than 9,000 files.
pub(crate) const BLOCK_SIZE: usize = 64;
/// Terms per task of the steps done for every term: a common word's
/// postings take thousands of times a rare one's, and rayon's few large
/// tasks would leave one core with most of them.
const TERMS_PER_TASK: usize = 8;
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
pub(super) type Postings = Vec<u32>;

pub(super) fn pack(id: u32, count: u32) -> u32 {
    (id << 8) | count.min(255)
}

fn unpack(posting: u32) -> (u32, u32) {
    (posting >> 8, posting & 255)
}

/// Writes the files of the index through `put` (path in the site,
/// contents); fails only when a page's body, kept by the previous build,
/// can no longer be read.
pub(crate) fn build(
    site: &Site,
    units: &[Unit<'_>],
    memo: Option<&mut Memo<'_, '_>>,
    put: Put<'_>,
) -> std::io::Result<()> {
    let Counted {
        heads,
        lengths,
        mut terms,
    } = count(units, memo)?;

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
    terms.par_iter_mut().with_max_len(TERMS_PER_TASK).for_each(|(_, list)| {
        for posting in list.iter_mut() {
            let (id, tf) = unpack(*posting);
            *posting = pack(new_id[id as usize], tf);
        }
        // A few runs, each in order (one per kind, level and state): the
        // stable sort merges runs where the unstable one would partition.
        list.sort();
    });
    drop(new_id);
    // JavaScript compares strings by UTF-16 code units: sort the same way.
    terms.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
    let bm25 = Bm25::new(&lengths);
    let shards = write_shards(&terms, &bm25, put);
    drop(terms);
    // The facets and ranges are made on one core while the blocks are
    // written on the other.
    let (blocks, (facets, ranges)) = rayon::join(
        || write_blocks(&heads, put),
        || (write_facets(site, &heads, put), ranges(&heads)),
    );
    let manifest = json!({
        "version": 3,
        "documents": heads.len(),
        "kinds": DocKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>(),
        "shards": shards,
        "block_size": BLOCK_SIZE,
        "blocks": blocks,
        "facets": facets,
        "ranges": ranges,
    });
    put(&format!("{FOLDER}/manifest.js"), &script("manifest", &manifest));
    Ok(())
}

/// BM25 over the documents' weighted lengths, in their final order.
///
/// Its constants stay put when one page is edited, so that a rebuild
/// renames only the shards holding that page's terms: the average length is
/// rounded to a few significant bits, and scores are scaled to a ceiling
/// that depends only on the number of documents rather than to the highest
/// weight (which a new rare word would move, changing every shard).
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
            average: steady(average),
        }
    }

    /// No weight is higher: a term in one document only, counted so often
    /// that its saturation nears `K1 + 1`.
    fn ceiling(&self) -> f32 {
        self.idf(1) * (K1 + 1.0)
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

/// `value` with its lowest 18 of 23 mantissa bits cleared: within 3% of it,
/// and the same for every value in that step.
fn steady(value: f32) -> f32 {
    f32::from_bits(value.to_bits() & !((1 << 18) - 1))
}

/// Writes the term shards; returns `[first term, name, terms]` of each.
fn write_shards(terms: &[(Box<str>, Postings)], bm25: &Bm25<'_>, put: Put<'_>) -> Vec<Value> {
    let ceiling = bm25.ceiling();
    let encoded: Vec<String> = terms
        .par_iter()
        .with_max_len(TERMS_PER_TASK)
        .map(|(_, list)| {
            let idf = bm25.idf(list.len());
            let mut out = String::with_capacity(list.len() * 2);
            let mut previous = 0;
            let mut previous_score = None;
            for &posting in list {
                let id = posting >> 8;
                let score = ((bm25.weight(idf, posting) / ceiling) * 63.0).round().clamp(1.0, 63.0) as usize;
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
    // Where each shard starts: before a term its hash picks, once the shard
    // is an eighth full, or before the term that would pass the size. Bounds
    // chosen by the terms themselves, not by the sizes of the shards before,
    // stay put when an edit grows one shard, and so do the shards after it.
    let entry = |i: usize| terms[i].0.len() + encoded[i].len() + 6;
    // One pick in about half a shard of the usual terms: the common words,
    // whose lists fill shards of their own, left out of the average.
    let (usual, usual_bytes) = (0..terms.len())
        .map(entry)
        .filter(|&bytes| bytes < SHARD_BYTES / 8)
        .fold((0, 0), |(n, total), bytes| (n + 1, total + bytes));
    let picks_one_in = (usual * SHARD_BYTES / 2 / usual_bytes.max(1)).max(1);
    // A power of two, so that an edit moving the ratio a little leaves it be.
    let mask = (1u64 << picks_one_in.ilog2()) - 1;
    let mut starts = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        starts.push(start);
        let mut end = start;
        let mut size = 0;
        while end < terms.len() {
            let entry = entry(end);
            if end > start
                && (size + entry > SHARD_BYTES
                    || (size >= SHARD_BYTES / 8 && xxh3_64(terms[end].0.as_bytes()) & mask == 0))
            {
                break;
            }
            size += entry;
            end += 1;
        }
        start = end;
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([terms.len()]).collect();
    // Each shard made and written on any thread.
    starts
        .par_iter()
        .zip(&ends)
        .with_max_len(1)
        .map(|(&start, &end)| {
            // Terms are letters and digits, postings the index's digits:
            // nothing here needs escaping for a script.
            let size: usize = (start..end).map(entry).sum();
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
            // Named by content alone: a shard the same as before keeps its
            // name even when one before it was split in two.
            let name = format!("t-{}", hash(body.as_bytes()));
            put(
                &format!("{FOLDER}/{name}.js"),
                format!("journeybookSearch.register(\"{name}\", {body});\n").as_bytes(),
            );
            json!([&*terms[start].0, name, end - start])
        })
        .collect()
}

/// Writes the document blocks; returns each block's hash. Each has its own,
/// so an edit renames only the blocks whose documents it changed, and a
/// rebuild carries the others over.
fn write_blocks(heads: &[Head], put: Put<'_>) -> Vec<String> {
    // Each block made and written on any thread; only its hash is kept.
    heads
        .par_chunks(BLOCK_SIZE)
        .enumerate()
        .map(|(k, chunk)| {
            let mut documents = String::from("[");
            for (i, head) in chunk.iter().enumerate() {
                if i > 0 {
                    documents.push(',');
                }
                documents.push_str(&head.display);
            }
            documents.push(']');
            let block_hash = hash(documents.as_bytes());
            let file = format!("journeybookSearch.register(\"b{k}-{block_hash}\", {documents});\n");
            put(&format!("{FOLDER}/b{k}-{block_hash}.js"), file.as_bytes());
            block_hash
        })
        .collect()
}

/// Writes the personas and journeys with their document ranges; returns the file's name.
fn write_facets(site: &Site, docs: &[Head], put: Put<'_>) -> String {
    let persona_at: HashMap<&str, usize> = site
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.info.id.as_str(), i))
        .collect();
    // Each journey's personas, by their place in `site.personas`, once each.
    let personas_of: Vec<Vec<usize>> = site
        .journeys
        .iter()
        .map(|j| {
            let mut at: Vec<usize> = j
                .personas
                .iter()
                .filter_map(|c| persona_at.get(c.link.id.as_str()).copied())
                .collect();
            at.sort_unstable();
            at.dedup();
            at
        })
        .collect();
    // Documents in id order: every list below comes out sorted.
    let mut of_journey: Vec<Vec<usize>> = vec![Vec::new(); site.journeys.len()];
    let mut of_persona: Vec<Vec<usize>> = vec![Vec::new(); site.personas.len()];
    for (id, doc) in docs.iter().enumerate() {
        if let Some(j) = doc.journey {
            of_journey[j].push(id);
            for &p in &personas_of[j] {
                of_persona[p].push(id);
            }
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
        .zip(of_persona)
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(p, ids)| json!([p.info.id, p.name, runs(ids)]))
        .collect();
    let value = json!({ "personas": personas, "journeys": journeys });
    let body = serde_json::to_string(&value).unwrap_or_default();
    let name = format!("facets-{}", hash(body.as_bytes()));
    put(&format!("{FOLDER}/{name}.js"), &script_of_json(&name, &body));
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

    #[test]
    fn an_average_moved_a_little_stays_the_same() {
        let mut moved = 0;
        for i in 0..1000 {
            let average = 40.0 + i as f32 * 0.731;
            let steadied = steady(average);
            assert!(
                steadied <= average && average - steadied < average * 0.032,
                "{average} → {steadied}"
            );
            // One page in 10,000 a few words longer.
            if steady(average * 1.0001) != steadied {
                moved += 1;
            }
        }
        assert!(moved < 10, "{moved} of 1,000 averages moved");
    }

    #[test]
    fn no_weight_passes_the_ceiling() {
        let lengths = [1, 5, 300, 40];
        let bm25 = Bm25::new(&lengths);
        for id in 0..4 {
            for tf in [1, 4, 255] {
                assert!(bm25.weight(bm25.idf(1), pack(id, tf)) <= bm25.ceiling());
            }
        }
    }
}
