//! The search index a build writes under `search/` (docs/search-index.md):
//! a document for every addressable thing with the URL of its spot, terms
//! folded as the page's script folds a query, shards and blocks within their
//! bounds, names that change with their content, and pages left out.

mod common;

// Shared with the benches; this file uses only the playbook.
#[allow(dead_code)]
#[path = "../benches/support/corpus.rs"]
mod corpus;

use common::Project;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Every index file of a built site: name → registered value.
fn index_files(site: &Path) -> BTreeMap<String, Value> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(site.join("search")).expect("a search folder") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("read an index file");
        let rest = text
            .strip_prefix("journeybookSearch.register(\"")
            .expect("a register call");
        let (name, json) = rest.split_once("\", ").expect("a name then a value");
        let json = json.trim_end().strip_suffix(");").expect("the call's end");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        assert_eq!(name, stem, "a file registers under its own name");
        files.insert(name.to_owned(), serde_json::from_str(json).expect("valid JSON"));
    }
    files
}

/// The alphabet of docs/search-index.md.
fn digit(c: u8) -> u32 {
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
        .iter()
        .position(|d| *d == c)
        .expect("a digit of the alphabet") as u32
}

/// A term's postings: (document id, score).
fn postings(encoded: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let bytes = encoded.as_bytes();
    let (mut i, mut id, mut score) = (0, 0u32, 0u32);
    while i < bytes.len() {
        let (mut delta, mut shift) = (0u32, 0);
        loop {
            let v = digit(bytes[i]);
            i += 1;
            delta |= (v & 31) << shift;
            shift += 5;
            if v < 32 {
                break;
            }
        }
        id += delta / 2;
        if delta % 2 == 0 {
            score = digit(bytes[i]);
            i += 1;
        }
        out.push((id, score));
    }
    out
}

struct Index {
    manifest: Value,
    files: BTreeMap<String, Value>,
}

impl Index {
    fn load(site: &Path) -> Index {
        let files = index_files(site);
        Index {
            manifest: files["manifest"].clone(),
            files,
        }
    }

    fn documents(&self) -> Vec<Value> {
        let hashes = self.manifest["blocks"].as_array().expect("the blocks' hashes");
        let count = self.manifest["documents"].as_u64().expect("a count") as usize;
        let size = self.manifest["block_size"].as_u64().expect("a block size") as usize;
        let mut docs = Vec::new();
        assert_eq!(hashes.len(), count.div_ceil(size), "a hash per block");
        for (k, hash) in hashes.iter().enumerate() {
            let hash = hash.as_str().expect("a block's hash");
            let block = self.files[&format!("b{k}-{hash}")].as_array().expect("a block").clone();
            assert!(
                block.len() == size || k == count.div_ceil(size) - 1,
                "block {k} is full"
            );
            docs.extend(block);
        }
        assert_eq!(docs.len(), count);
        docs
    }

    /// The documents a term is found in, through the manifest's shards.
    fn lookup(&self, term: &str) -> Vec<u32> {
        let shards = self.manifest["shards"].as_array().expect("shards");
        // A term before the first shard's first term is in no shard.
        let Some(at) = shards
            .iter()
            .rposition(|s| s[0].as_str().expect("a first term") <= term)
        else {
            return Vec::new();
        };
        let shard = &self.files[shards[at][1].as_str().expect("a shard name")];
        shard
            .get(term)
            .and_then(Value::as_str)
            .map(|p| postings(p).into_iter().map(|(id, _)| id).collect())
            .unwrap_or_default()
    }

    fn kind_of(&self, id: u32) -> String {
        let ranges = self.manifest["ranges"]["kind"].as_object().expect("kind ranges");
        ranges
            .iter()
            .find(|(_, r)| r[0].as_u64().unwrap_or(0) <= u64::from(id) && u64::from(id) < r[1].as_u64().unwrap_or(0))
            .map(|(kind, _)| kind.clone())
            .expect("every document has a kind")
    }
}

fn built(project: &Project) -> Index {
    project.build_ok();
    Index::load(&project.out())
}

#[test]
fn every_kind_has_documents_that_land_on_their_spot() {
    let project = Project::from_fixture("rich");
    let index = built(&project);
    let docs = index.documents();
    let mut kinds = std::collections::BTreeSet::new();
    for (id, doc) in docs.iter().enumerate() {
        let kind = index.kind_of(id as u32);
        let url = doc[3].as_str().expect("a url");
        let page = url.split('#').next().unwrap_or_default();
        assert!(project.out().join(page).is_file(), "{kind} {url} lands on a page");
        match kind.as_str() {
            "stage" | "step" | "pain-point" | "opportunity" | "kpi" => {
                assert!(url.contains("#stage-"), "{kind} lands on its stage's column: {url}");
                assert!(
                    !doc[1].as_str().unwrap_or_default().is_empty(),
                    "{kind} has a breadcrumb"
                );
            }
            "journey" | "persona" | "touchpoint" => assert!(!url.contains('#'), "{url}"),
            _ => {}
        }
        kinds.insert(kind);
    }
    for kind in [
        "journey",
        "stage",
        "step",
        "persona",
        "touchpoint",
        "pain-point",
        "opportunity",
        "kpi",
        "section",
    ] {
        assert!(kinds.contains(kind), "no {kind} document");
    }
    // A stage's breadcrumb is its journey; a pain point's, its journey and stage.
    let json = common::Site::load(&project.out()).json();
    let journey = &json["journeys"][0];
    let stage = &journey["stages"][0];
    let stage_doc = docs
        .iter()
        .find(|d| {
            d[0] == stage["name"]
                && d[3]
                    .as_str()
                    .is_some_and(|u| u.starts_with(journey["url"].as_str().unwrap_or("-")))
        })
        .expect("the first stage's document");
    assert_eq!(stage_doc[1], journey["title"]);
    // Headings of plain pages are documents at their anchor.
    assert!(docs
        .iter()
        .any(|d| d[3].as_str().is_some_and(|u| u.starts_with("guides/glossary.html#"))));
}

#[test]
fn terms_fold_accents_and_split_cjk_as_the_script_does() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Search\"\n"),
        (
            "content/guides/menu.md",
            "---\ntitle: Menu\n---\n## Crème brûlée\n\nOrder at the counter.\n\n## 問い合わせ\n\nお問い合わせ窓口\n",
        ),
    ]);
    let index = built(&project);
    let docs = index.documents();
    let creme = index.lookup("creme");
    assert_eq!(creme.len(), 1, "one section has crème");
    assert_eq!(docs[creme[0] as usize][0], "Crème brûlée");
    assert!(index.lookup("crème").is_empty(), "terms are stored folded");
    let pair = index.lookup("合わ");
    assert_eq!(pair.len(), 1);
    assert!(docs[pair[0] as usize][3].as_str().unwrap_or_default().contains('#'));
    assert!(index.lookup("a").is_empty(), "one-letter words are not terms");
}

#[test]
fn shards_and_blocks_keep_their_bounds_and_order() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let project = tmp.path().join("playbook");
    corpus::generate(corpus::Kind::Playbook, 400, &project).expect("generate a corpus");
    let out = tmp.path().join("site");
    common::build_ok(&project, Some(&out));
    let index = Index::load(&out);
    let shards = index.manifest["shards"].as_array().expect("shards").clone();
    assert!(shards.len() > 1, "a 400-page playbook needs several shards");
    let count = index.manifest["documents"].as_u64().expect("count") as u32;
    let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
    for (i, shard) in shards.iter().enumerate() {
        let first = shard[0].as_str().expect("first term");
        let name = shard[1].as_str().expect("name");
        let bytes = std::fs::metadata(out.join(format!("search/{name}.js")))
            .expect("shard file")
            .len();
        let terms = index.files[name].as_object().expect("a shard is a map");
        assert_eq!(
            shard[2].as_u64(),
            Some(terms.len() as u64),
            "{name}: the manifest counts its terms"
        );
        assert!(bytes <= 32 * 1024 + 64 || terms.len() == 1, "{name} is {bytes} bytes");
        let next = shards.get(i + 1).and_then(|s| s[0].as_str());
        for (term, encoded) in terms {
            assert!(
                utf16(term) >= utf16(first),
                "{term} before its shard's first term {first}"
            );
            assert!(
                next.is_none_or(|n| utf16(term) < utf16(n)),
                "{term} belongs to the next shard"
            );
            let list = postings(encoded.as_str().expect("postings"));
            assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{term}: ids increase");
            assert!(list.iter().all(|(id, score)| *id < count && (1..=63).contains(score)));
        }
    }
    index.documents();
}

#[test]
fn names_change_with_their_content_only() {
    let project = Project::from_fixture("rich");
    let first = built(&project);
    let names: Vec<String> = first.files.keys().cloned().collect();
    assert!(names.iter().any(|n| n.starts_with('t') && n.contains('-')));
    // The same content: the same names.
    assert_eq!(built(&project).files.keys().cloned().collect::<Vec<_>>(), names);
    // A new word deep in a section: the shard holding it is renamed; the
    // blocks, whose teasers do not reach it, keep their names.
    let path = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{text}\nZymurgy is a word.\n")).expect("write");
    let second = built(&project);
    assert!(!second.lookup("zymurgy").is_empty());
    assert_eq!(first.manifest["blocks"], second.manifest["blocks"]);
    let renamed: Vec<&String> = second.files.keys().filter(|n| !first.files.contains_key(*n)).collect();
    assert!(renamed.iter().any(|n| n.starts_with('t')), "{renamed:?}");
    assert!(
        renamed.iter().all(|n| n.starts_with('t') || *n == "manifest"),
        "{renamed:?}"
    );
    // A new heading shows in results: the blocks from its document on are
    // renamed, those before it keep their names.
    std::fs::write(&path, format!("{text}\n## Zymurgy\n\nBrewing.\n")).expect("write");
    let third = built(&project);
    assert_ne!(second.manifest["blocks"], third.manifest["blocks"]);
    let blocks = |index: &Index| index.manifest["blocks"].as_array().expect("blocks").clone();
    let (before, after) = (blocks(&second), blocks(&third));
    let kept = before.iter().zip(&after).take_while(|(a, b)| a == b).count();
    let new_heading = third
        .documents()
        .iter()
        .position(|d| d[0] == "Zymurgy")
        .expect("the new heading is a document");
    let size = third.manifest["block_size"].as_u64().expect("a block size") as usize;
    assert_eq!(
        kept,
        new_heading / size,
        "blocks before the new document keep their names"
    );
}

/// Guides with words of their own, `q` and four letters numbered from
/// `page * WORDS`: each page's words sit side by side in term order, so a
/// page's words fill one or two shards of many. Pages differ in length, so
/// their words weigh differently.
fn guides_of_their_own_words(pages: usize) -> Vec<(String, String)> {
    const WORDS: usize = 80;
    let word = |n: usize| -> String {
        let letters: String = (0..4)
            .rev()
            .map(|k| char::from(b'a' + (n / 26usize.pow(k) % 26) as u8))
            .collect();
        format!("q{letters}")
    };
    (0..pages)
        .map(|page| {
            let length = WORDS / 2 + page * 7 % (WORDS / 2);
            let words: Vec<String> = (0..length).map(|j| word(page * WORDS + j)).collect();
            (
                format!("content/guides/g{page:03}.md"),
                format!("---\ntitle: Guide {page}\n---\nThe words: {}.\n", words.join(" ")),
            )
        })
        .collect()
}

#[test]
fn an_edit_renames_only_the_shards_holding_the_edited_documents_words() {
    let files = guides_of_their_own_words(250);
    let project = Project::with_owned_files(&files);
    let first = built(&project);
    // Longer by a few words: the edited document's weights move, and with
    // them the index's average length; and a new word weighs more than any
    // before it. No other shard may show either.
    let (path, text) = &files[100];
    let more = format!("Zymurgy and the words again: {}.", ["zymurgy"; 12].join(", "));
    std::fs::write(project.path(path), format!("{text}\n{more}\n")).expect("write");
    let second = built(&project);
    assert_eq!(first.manifest["documents"], second.manifest["documents"]);
    // The documents that changed: those the new word is in.
    let edited = second.lookup("zymurgy");
    assert!(!edited.is_empty(), "the new word is found");
    let shards = first.manifest["shards"].as_array().expect("shards");
    let holding_new_word = shards
        .iter()
        .rposition(|s| s[0].as_str().is_some_and(|t| t <= "zymurgy"));
    let mut kept = 0;
    for (at, shard) in shards.iter().enumerate() {
        let name = shard[1].as_str().expect("a name");
        let terms = first.files[name].as_object().expect("a shard is a map");
        let holds_edited = terms.values().any(|p| {
            postings(p.as_str().expect("postings"))
                .iter()
                .any(|(id, _)| edited.contains(id))
        });
        if holds_edited || Some(at) == holding_new_word {
            continue;
        }
        assert!(
            second.files.contains_key(name),
            "{name} holds none of the edited document's words, yet was renamed"
        );
        kept += 1;
    }
    assert!(
        kept >= shards.len() / 2,
        "{kept} of {} shards hold none of the edited words",
        shards.len()
    );
}

/// The records of a kept store (the format of `journeybook::kept`): each
/// key with its record's bytes, the changes over the base's.
fn kept_records(path: &Path) -> BTreeMap<u128, Vec<u8>> {
    let mut records = records_of(path);
    let changes = path.with_file_name(format!(
        "{}.changes",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    if changes.is_file() {
        records.extend(records_of(&changes));
    }
    records
}

fn records_of(path: &Path) -> BTreeMap<u128, Vec<u8>> {
    let file = std::fs::read(path).expect("the kept search counts");
    let number = |at: usize, width: usize| -> u128 {
        let mut bytes = [0u8; 16];
        bytes[..width].copy_from_slice(&file[at..at + width]);
        u128::from_le_bytes(bytes)
    };
    let tail = file.len() - 16 - 8;
    let count = number(tail, 8) as usize;
    let index = tail - count * 28;
    (0..count)
        .map(|i| {
            let entry = index + i * 28;
            let (start, length) = (number(entry + 16, 8) as usize, number(entry + 24, 4) as usize);
            (number(entry, 16), file[start..start + length].to_vec())
        })
        .collect()
}

#[test]
fn a_new_word_in_one_page_leaves_every_other_pages_kept_counts_as_they_were() {
    let files = guides_of_their_own_words(250);
    let project = Project::with_owned_files(&files);
    let kept = project.out().join(journeybook::search::KEPT);
    project.build_ok();
    let before = kept_records(&kept);
    // A word no page had, in a page near the start: numbered in the order
    // met, it would move the number of every word met after it.
    let (path, text) = &files[10];
    std::fs::write(
        project.path(path),
        format!(
            "{text}
Aardvark zymurgy.
"
        ),
    )
    .expect("write");
    let index = built(&project);
    assert!(!index.lookup("zymurgy").is_empty(), "the new word is found");
    let after = kept_records(&kept);
    let same = before
        .iter()
        .filter(|(key, record)| after.get(*key) == Some(*record))
        .count();
    // Every page but the edited one, out of 250 pages and the dictionary
    // (the edited page's old record may stay, unread, in the store's base).
    assert!(same >= 249, "{same} records kept as they were, of {}", before.len());
}

#[test]
fn pages_left_out_are_not_in_the_index() {
    let project = Project::from_fixture("rich");
    let config = std::fs::read_to_string(project.path("book.toml")).unwrap_or_default();
    project.write(
        "book.toml",
        &format!("{config}\n[search]\nexclude = [\"guides/methods\"]\n"),
    );
    project.write(
        "content/guides/private.md",
        "---\ntitle: Private notes\nsearch: false\n---\nQuixotic plans.\n",
    );
    let index = built(&project);
    assert!(index.lookup("quixotic").is_empty(), "search: false");
    let docs = index.documents();
    assert!(docs
        .iter()
        .all(|d| !d[3].as_str().unwrap_or_default().starts_with("guides/methods/")));
    assert!(docs
        .iter()
        .any(|d| d[3].as_str().unwrap_or_default().starts_with("guides/glossary")));
    assert!(
        project.out().join("guides/private.html").is_file(),
        "still built, only not found"
    );
}

#[test]
fn search_can_be_turned_off() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Quiet\"\n[search]\nenable = false\n"),
        ("content/guides/a.md", "---\ntitle: A\n---\nText.\n"),
    ]);
    project.build_ok();
    assert!(!project.out().join("search").exists());
    assert!(!project.out().join("search.html").exists());
    let page = std::fs::read_to_string(project.out().join("guides/a.html")).expect("a page");
    assert!(!page.contains("data-search"), "no field is shown");
}

#[test]
fn an_unknown_search_key_is_an_error_with_a_suggestion() {
    let project = Project::with_files(&[
        ("book.toml", "[search]\nexclude = []\nenabled = false\n"),
        ("content/index.md", "# Home\n"),
    ]);
    let outcome = project.build();
    let error = common::only_error(&outcome);
    assert!(error.to_string().contains("enable"), "{error}");
}

#[test]
fn a_persona_facet_holds_the_documents_of_every_journey_it_is_in() {
    let project = Project::from_fixture("rich");
    let index = built(&project);
    let name = index.manifest["facets"].as_str().expect("the facets file's name");
    let facets = &index.files[name];
    let ids = |runs: &Value| -> Vec<u64> {
        let runs = runs.as_array().expect("runs");
        runs.iter()
            .flat_map(|r| r[0].as_u64().expect("a start")..r[1].as_u64().expect("an end"))
            .collect()
    };
    let of_journey: BTreeMap<String, Vec<u64>> = facets["journeys"]
        .as_array()
        .expect("journeys")
        .iter()
        .map(|j| (j[0].as_str().expect("an id").to_owned(), ids(&j[2])))
        .collect();
    // The fixture's `personas:` (and `persona:`) lines.
    let journeys_of = [
        (
            "ana",
            vec!["buying-a-bike-current", "servicing-stale", "buying-a-bike-future"],
        ),
        ("ben", vec!["buying-a-bike-current", "choosing-deep-dive"]),
    ];
    let personas = facets["personas"].as_array().expect("personas");
    assert_eq!(
        personas.len(),
        journeys_of.len(),
        "a facet for each persona in a journey"
    );
    for (persona, journeys) in journeys_of {
        let facet = personas
            .iter()
            .find(|p| p[0] == persona)
            .unwrap_or_else(|| panic!("a facet for {persona}"));
        let mut expected: Vec<u64> = journeys.iter().flat_map(|j| of_journey[*j].clone()).collect();
        expected.sort_unstable();
        assert!(!expected.is_empty(), "{persona}'s journeys have documents");
        assert_eq!(
            ids(&facet[2]),
            expected,
            "{persona}'s facet is its journeys' documents, in order"
        );
    }
}
