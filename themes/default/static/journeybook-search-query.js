// Search's query engine, for readers with JavaScript: what is needed once a
// query is typed. It splits the words into terms as the build does, reads
// the term shards a query needs, corrects a typo, completes the last word,
// ranks the documents, loads the blocks of those shown and draws a result.
//
// journeybook-search.js (the loader, the manifest and the popup) asks for
// this file as soon as it runs, right after the manifest, so that opening
// search loads only that file and the manifest while this one arrives during
// the reader's first keystrokes. It adds its members to the engine,
// `window.journeybookSearch`, then dispatches the journeybook-search event,
// which the results page's script waits for.
(function () {
  "use strict";
  var api = window.journeybookSearch;
  if (!api || !api.register || api.search) return; // no loader, or loaded twice
  var word = api.word;
  var element = api.element;
  var load = api.load;
  var openManifest = api.open;
  function own(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  // ======================================================================
  // Terms: the same split as the build's (docs/search-index.md, "Terms")
  // ======================================================================

  var LETTER = /[\p{Alphabetic}\p{N}]/u;
  var ASCII_TERM = /[a-z0-9]/;
  var ASCII_LETTER = /[A-Za-z]/;
  var MARKS = /^\p{M}+$/u;
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  var folded = Object.create(null);

  // Chinese, Japanese and Korean: the build's blocks of Han, Hiragana,
  // Katakana and Hangul, taken before the test for a letter.
  function isCjk(code) {
    return (
      (code >= 0x3005 && code <= 0x3007) ||
      (code >= 0x3041 && code <= 0x3096) ||
      (code >= 0x309d && code <= 0x309f) ||
      (code >= 0x30a1 && code <= 0x30fa) ||
      (code >= 0x30fc && code <= 0x30ff) ||
      (code >= 0x31f0 && code <= 0x31ff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff66 && code <= 0xff9f) ||
      (code >= 0x1100 && code <= 0x11ff) ||
      (code >= 0x3130 && code <= 0x318f) ||
      (code >= 0xac00 && code <= 0xd7af) ||
      (code >= 0x20000 && code <= 0x2a6df) ||
      (code >= 0x2a700 && code <= 0x2ebef) ||
      (code >= 0x30000 && code <= 0x3134f)
    );
  }

  // What one lowercase character becomes in a term: itself, its base letter
  // (é → e, ß → ss), "" for a separator, or null for a CJK character.
  function fold(c) {
    var hit = folded[c];
    if (hit !== undefined) return hit;
    var out;
    var code = c.codePointAt(0);
    if (code < 128) out = ASCII_TERM.test(c) ? c : "";
    else if (isCjk(code)) out = null;
    else if (!LETTER.test(c)) out = "";
    else if (own(SPECIAL, c)) out = SPECIAL[c];
    else {
      // A Latin letter with accents decomposes into an ASCII letter and marks.
      var parts = c.normalize("NFD");
      out = parts.length > 1 && ASCII_LETTER.test(parts[0]) && MARKS.test(parts.slice(1)) ? parts[0] : c;
    }
    folded[c] = out;
    return out;
  }

  // Calls emit(term, start, end, split) for every term of `text`, in order:
  // start and end are its offsets in `text`; split is where the first
  // character of a Chinese, Japanese or Korean pair ends.
  function eachTerm(text, emit) {
    text = text.normalize("NFC");
    var run = "";
    var runLength = 0;
    var runStart = 0;
    var runEnd = 0;
    var pairs = []; // [character, start, end] of a run of CJK letters
    function endRun() {
      if (runLength > 1) emit(run, runStart, runEnd, runEnd);
      run = "";
      runLength = 0;
    }
    function endPairs() {
      if (pairs.length === 1) emit(pairs[0][0], pairs[0][1], pairs[0][2], pairs[0][2]);
      for (var p = 0; p + 1 < pairs.length; p++) emit(pairs[p][0] + pairs[p + 1][0], pairs[p][1], pairs[p + 1][2], pairs[p][2]);
      pairs = [];
    }
    for (var i = 0; i < text.length; ) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var next = i + ch.length;
      var lower = ch.toLowerCase();
      for (var j = 0; j < lower.length; ) {
        var c = String.fromCodePoint(lower.codePointAt(j));
        j += c.length;
        var f = fold(c);
        if (f === null) {
          endRun();
          pairs.push([c, i, next]);
        } else if (f) {
          endPairs();
          if (!runLength) runStart = i;
          run += f;
          runLength++; // letters as written: "ß" alone is one letter
          runEnd = next;
        } else {
          endRun();
          endPairs();
        }
      }
      i = next;
    }
    endRun();
    endPairs();
  }

  function terms(text) {
    var out = [];
    eachTerm(text, function (term) {
      out.push(term);
    });
    return out;
  }

  // ======================================================================
  // The engine
  // ======================================================================

  var manifest = null; // once prepared
  var shards = []; // loaded term shards by number: { terms: sorted keys, postings: object }
  var decoded = new Map(); // term → { ids: Int32Array, scores: Uint8Array }
  var blocks = []; // loaded document blocks by number
  var kindOf, levelOf, stateOf; // per document: the index of its value, 255 for none
  var best, total, count, stamp, seen; // scratch arrays of one number per document
  var epoch = 0;

  var MULTIPLY = { exact: 10, prefix: 8, typo: 5 }; // scores × 10, so sums stay whole numbers
  var PREFIX_SHARDS = 2; // a short prefix reads at most this many shards…
  var PREFIX_TERMS = 100; // …and completes to at most this many terms, the commonest
  var TYPO_SHARDS = 4; // shards read to correct one word
  // The loader's open() reads the manifest; the per-document tables are
  // derived from it once.
  function open() {
    if (manifest) return Promise.resolve(manifest);
    return openManifest().then(function (data) {
      if (!manifest) {
        prepare(data);
        manifest = data;
      }
      return manifest;
    });
  }

  // Per-document facet values from the manifest's ranges, so a filter reads no file.
  function prepare(data) {
    var n = data.documents;
    best = new Uint16Array(n);
    total = new Uint32Array(n);
    count = new Uint8Array(n);
    stamp = new Uint32Array(n);
    seen = new Int32Array(n);
    function fill(values, ranges, single) {
      var out = new Uint8Array(n).fill(255);
      values.forEach(function (value, index) {
        var list = ranges[value];
        if (single) list = list ? [list] : [];
        (list || []).forEach(function (range) {
          out.fill(index, Math.max(0, range[0]), Math.min(n, range[1]));
        });
      });
      return out;
    }
    var ranges = data.ranges || {};
    var order = ["high", "medium", "low"];
    data.levels = Object.keys(ranges.level || {}).sort(function (a, b) {
      return (order.indexOf(a) + 1 || 9) - (order.indexOf(b) + 1 || 9) || (a < b ? -1 : 1);
    });
    data.states = Object.keys(ranges.state || {}).sort(function (a, b) {
      return a === "current" ? -1 : b === "current" ? 1 : a < b ? -1 : 1;
    });
    kindOf = fill(data.kinds, ranges.kind || {}, true);
    levelOf = fill(data.levels, ranges.level || {}, false);
    stateOf = fill(data.states, ranges.state || {}, false);
  }

  // The shard that holds `term`: the last whose first term is not after it.
  function shardOf(term) {
    var list = manifest.shards;
    var low = 0;
    var high = list.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (list[middle][0] <= term) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  // The shards that may hold a term starting with `prefix`, first `limit` only.
  function shardsFrom(prefix, limit) {
    var first = Math.max(0, shardOf(prefix));
    var last = Math.max(0, shardOf(prefix + "\uffff"));
    var out = [];
    for (var i = first; i <= last && out.length < limit; i++) out.push(i);
    return out;
  }

  function loadShards(numbers) {
    return Promise.all(
      numbers.map(function (i) {
        if (shards[i]) return shards[i];
        return load(manifest.shards[i][1]).then(function (data) {
          if (!shards[i]) shards[i] = { terms: Object.keys(data).sort(), postings: data };
          return shards[i];
        });
      }),
    );
  }

  // Postings: the alphabet 0-9a-zA-Z-_ gives 0 to 63; a number in 5-bit
  // digits, least significant first, 32 and over meaning more follow: twice
  // the document id delta, plus 1 when the score is the previous posting's;
  // else the score follows in one digit.
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".split("").forEach(function (c, i) {
    DIGIT[c.charCodeAt(0)] = i;
  });

  function decode(text) {
    var ids = new Int32Array(text.length);
    var scores = new Uint8Array(text.length);
    var n = 0;
    var id = 0;
    var score = 0;
    var i = 0;
    while (i < text.length) {
      var delta = 0;
      var shift = 0;
      var digit;
      do {
        digit = DIGIT[text.charCodeAt(i++)];
        if (digit < 0 || digit === undefined) throw new Error("search index: bad postings");
        delta += (digit & 31) * Math.pow(2, shift);
        shift += 5;
      } while (digit >= 32 && i < text.length);
      id += Math.floor(delta / 2);
      if (delta % 2 === 0) score = DIGIT[text.charCodeAt(i++)];
      ids[n] = id;
      scores[n++] = score;
    }
    return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
  }

  function postingsOf(term) {
    var hit = decoded.get(term);
    if (hit) return hit;
    var shard = shards[shardOf(term)];
    hit = decode(shard.postings[term]);
    decoded.set(term, hit);
    return hit;
  }

  function has(term) {
    var shard = shards[shardOf(term)];
    return !!shard && own(shard.postings, term);
  }

  // The index of the first key of a sorted list that is not before `term`.
  function lowerBound(list, term) {
    var low = 0;
    var high = list.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (list[middle] < term) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // The terms of the loaded shards `numbers` that start with `prefix` and pass `keep`.
  function startingWith(prefix, numbers, keep) {
    var found = [];
    numbers.forEach(function (i) {
      var shard = shards[i];
      if (!shard) return;
      for (var k = lowerBound(shard.terms, prefix); k < shard.terms.length; k++) {
        var term = shard.terms[k];
        if (term.lastIndexOf(prefix, 0) !== 0) break;
        if (keep(term)) found.push(term);
      }
    });
    return found;
  }

  // Terms that start with `prefix` (not `prefix` itself), in the loaded shards.
  function completions(prefix, numbers) {
    var found = startingWith(prefix, numbers, function (term) {
      return term !== prefix;
    });
    if (found.length > PREFIX_TERMS) {
      // The commonest completions: the longest postings.
      found.sort(function (a, b) {
        return postingsLength(b) - postingsLength(a) || (a < b ? -1 : 1);
      });
      found.length = PREFIX_TERMS;
    }
    return found;
  }

  function postingsLength(term) {
    return shards[shardOf(term)].postings[term].length;
  }

  // Whether `a` and `b` differ by exactly one insertion, deletion,
  // substitution or swap of two neighbours, with the same first letter.
  function oneTypo(a, b) {
    if (a === b || a[0] !== b[0]) return false;
    var la = a.length;
    var lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The shards to read for the typos of `term`: all those of its first
  // letter when they are few; else those of its first two letters, then
  // those of the words a typo in the second letter gives.
  function typoShards(term) {
    var first = String.fromCodePoint(term.codePointAt(0));
    var all = shardsFrom(first, TYPO_SHARDS + 1);
    if (all.length <= TYPO_SHARDS)
      return all.filter(function (i) {
        return mayHoldTypo(i, term);
      });
    var out = shardsFrom(term.slice(0, first.length + 1), PREFIX_SHARDS);
    var rest = term.slice(first.length + 1);
    var letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    var candidates = [first + rest, first + rest[0] + term[first.length] + rest.slice(1)];
    for (var l = 0; l < letters.length; l++) {
      candidates.push(first + letters[l] + rest);
      candidates.push(first + letters[l] + term.slice(first.length));
    }
    candidates.forEach(function (candidate) {
      var i = shardOf(candidate);
      if (i >= 0 && out.length < TYPO_SHARDS && out.indexOf(i) < 0 && mayHoldTypo(i, term)) out.push(i);
    });
    return out;
  }

  // A shard of one term (a common word, alone for its size) is read for a
  // typo only when that term is one; the manifest names it.
  function mayHoldTypo(i, term) {
    var shard = manifest.shards[i];
    return shard[2] !== 1 || oneTypo(term, shard[0]);
  }

  function typos(term, numbers) {
    return startingWith(String.fromCodePoint(term.codePointAt(0)), numbers, function (candidate) {
      return oneTypo(term, candidate);
    });
  }

  // What each word of a query matches: [[term, multiplier], …] per word,
  // reading the shards it needs. Memoised per word, as typing repeats them.
  var matched = new Map();

  function length(term) {
    return Array.from(term).length;
  }

  function matchWord(term, last) {
    var key = (last ? "…" : "=") + term;
    if (matched.has(key)) return Promise.resolve(matched.get(key));
    var own_ = shardOf(term);
    var numbers = last ? shardsFrom(term, PREFIX_SHARDS) : own_ >= 0 ? [own_] : [];
    if (own_ >= 0 && numbers.indexOf(own_) < 0) numbers.unshift(own_);
    return loadShards(numbers).then(function () {
      var found = [];
      if (has(term)) found.push([term, MULTIPLY.exact]);
      if (last)
        completions(term, numbers).forEach(function (t) {
          found.push([t, MULTIPLY.prefix]);
        });
      if (found.length || length(term) < 5 || isCjk(term.codePointAt(0))) return found;
      var numbers2 = typoShards(term);
      return loadShards(numbers2).then(function () {
        return typos(term, numbers2).map(function (t) {
          return [t, MULTIPLY.typo];
        });
      });
    }).then(function (found) {
      matched.set(key, found);
      return found;
    });
  }

  // Every word must match; a document's score is the sum of its best score
  // for each word (×10, whole numbers). `keep(id)` is the filters without
  // the kind, `kind` the index of the kind wanted or -1. Returns the ids
  // kept, best first then by id, their scores, and the results by kind.
  function rank(perWord, keep, kind) {
    var n = perWord.length;
    // Locals, not the closure's variables, in the hot loops.
    var stamp_ = stamp;
    var best_ = best;
    var seen_ = seen;
    var count_ = count;
    var total_ = total;
    var kindOf_ = kindOf;
    var first = null; // the first word's documents: only they can match every word
    for (var w = 0; w < n; w++) {
      var matches = perWord[w];
      if (matches.length === 1) {
        // One term (the usual case): its postings are the word's scores.
        var one = postingsOf(matches[0][0]);
        var oneIds = one.ids;
        var oneScores = one.scores;
        var times = matches[0][1];
        for (var o = 0; o < oneIds.length; o++) {
          var doc1 = oneIds[o];
          if (count_[doc1] === w) {
            count_[doc1] = w + 1;
            total_[doc1] = (w ? total_[doc1] : 0) + oneScores[o] * times;
          }
        }
        if (!w) first = oneIds;
        continue;
      }
      var now = ++epoch;
      var touched = 0;
      for (var m = 0; m < matches.length; m++) {
        var p = postingsOf(matches[m][0]);
        var multiply = matches[m][1];
        var ids = p.ids;
        var scores = p.scores;
        for (var j = 0; j < ids.length; j++) {
          var id = ids[j];
          var score = scores[j] * multiply;
          if (stamp_[id] !== now) {
            stamp_[id] = now;
            best_[id] = score;
            seen_[touched++] = id;
          } else if (score > best_[id]) best_[id] = score;
        }
      }
      for (var t = 0; t < touched; t++) {
        var d = seen_[t];
        if (count_[d] === w) {
          count_[d] = w + 1;
          total_[d] = (w ? total_[d] : 0) + best_[d];
        }
      }
      if (!w) first = seen_.slice(0, touched).sort();
    }
    // In id order: the documents every word matched, through the filters.
    var kinds = new Uint32Array(manifest.kinds.length);
    var found = 0;
    var all = 0;
    var top = 0;
    first = first || new Int32Array(0);
    for (var i = 0; i < first.length; i++) {
      var f0 = first[i];
      var c = count_[f0];
      count_[f0] = 0;
      if (c !== n) continue;
      all++;
      if (keep && !keep(f0)) continue;
      kinds[kindOf_[f0]]++;
      if (kind >= 0 && kindOf_[f0] !== kind) continue;
      seen_[found++] = f0;
      if (total_[f0] > top) top = total_[f0];
    }
    // Best first: a counting sort by score keeps the id order within a score.
    var start = new Uint32Array(top + 1);
    for (var f = 0; f < found; f++) start[total_[seen_[f]]]++;
    for (var s = top, at = 0; s >= 0; s--) {
      var here = start[s];
      start[s] = at;
      at += here;
    }
    var outIds = new Int32Array(found);
    var outScores = new Float64Array(found);
    for (var g = 0; g < found; g++) {
      var doc = seen_[g];
      var place = start[total_[doc]]++;
      outIds[place] = doc;
      outScores[place] = total_[doc] / 10;
    }
    var counts = {};
    manifest.kinds.forEach(function (name, k) {
      if (kinds[k]) counts[name] = kinds[k];
    });
    return { ids: outIds, scores: outScores, counts: counts, total: all };
  }


  function documents(ids) {
    ids = Array.prototype.slice.call(ids);
    var size = manifest.block_size;
    var needed = [];
    ids.forEach(function (id) {
      var k = Math.floor(id / size);
      if (!blocks[k] && needed.indexOf(k) < 0) needed.push(k);
    });
    return Promise.all(
      needed.map(function (k) {
        return load("b" + k + "-" + manifest.blocks[k]).then(function (data) {
          blocks[k] = data;
        });
      }),
    ).then(function () {
      return ids.map(function (id) {
        var row = blocks[Math.floor(id / size)][id % size] || ["", "", "", ""];
        return {
          id: id,
          kind: manifest.kinds[kindOf[id]] || "",
          level: manifest.levels[levelOf[id]] || "",
          state: manifest.states[stateOf[id]] || "",
          title: row[0],
          breadcrumb: row[1],
          teaser: row[2],
          url: row[3],
        };
      });
    });
  }

  // ---- A query ----

  var timings = [];

  // Resolves to { words, ids (best first), scores, marks, counts (results by
  // kind with the other filters), total (before filters) }.
  function search(text, filters) {
    var started = performance.now();
    return open().then(function () {
      // Each word once, in the order of its last use: the last word stays last.
      var unique = [];
      terms(text).forEach(function (t) {
        var at = unique.indexOf(t);
        if (at >= 0) unique.splice(at, 1);
        unique.push(t);
      });
      // The filters other than the kind are the results page's: its script
      // sets `keeper`, which resolves to a test of a document id or null.
      var keeper = filters && api.keeper ? api.keeper(filters) : null;
      return Promise.all(
        unique.map(function (t, i) {
          return matchWord(t, i === unique.length - 1);
        }).concat([keeper]),
      ).then(function (perWord) {
        var keep = perWord.pop();
        var rankStarted = performance.now();
        var kind = filters && filters.kind ? manifest.kinds.indexOf(filters.kind) : -1;
        var ranked = unique.length ? rank(perWord, keep, kind) : { ids: new Int32Array(0), scores: new Float64Array(0), counts: {}, total: 0 };
        var marks = { terms: new Set(), prefix: unique.length ? unique[unique.length - 1] : "" };
        perWord.forEach(function (found) {
          found.forEach(function (m) {
            marks.terms.add(m[0]);
          });
        });
        var done = performance.now();
        timings.push({ query: text, rank: done - rankStarted, total: done - started });
        if (timings.length > 50) timings.shift();
        return { words: unique, ids: ranked.ids, scores: ranked.scores, counts: ranked.counts, total: ranked.total, marks: marks };
      });
    });
  }

  // ======================================================================
  // Showing results
  // ======================================================================

  var KINDS = {
    journey: word("search_kind_journey", "Journey"),
    stage: word("search_kind_stage", "Stage"),
    step: word("search_kind_step", "Step"),
    persona: word("search_kind_persona", "Persona"),
    touchpoint: word("search_kind_touchpoint", "Touchpoint"),
    "pain-point": word("search_kind_pain_point", "Pain point"),
    opportunity: word("search_kind_opportunity", "Opportunity"),
    kpi: word("search_kind_kpi", "KPI"),
    section: word("search_kind_section", "Page section"),
  };
  function kindName(kind) {
    return own(KINDS, kind) ? KINDS[kind] : kind;
  }

  // `text` with the words the query matched in <mark>, as DOM nodes: index
  // text never goes through innerHTML.
  function highlighted(text, marks) {
    var spans = [];
    var prefix = marks.prefix;
    eachTerm(text, function (term, start, end, split) {
      if (marks.terms.has(term)) spans.push([start, end]);
      else if (prefix && term.lastIndexOf(prefix, 0) === 0) spans.push([start, prefix.length < term.length && split < end ? split : end]);
    });
    var fragment = document.createDocumentFragment();
    var at = 0;
    var normal = text.normalize("NFC");
    // Offsets are those of the composed text: show that.
    for (var i = 0; i < spans.length; i++) {
      var start = spans[i][0];
      var end = spans[i][1];
      while (i + 1 < spans.length && spans[i + 1][0] <= end) end = Math.max(end, spans[++i][1]);
      if (start > at) fragment.appendChild(document.createTextNode(normal.slice(at, start)));
      fragment.appendChild(element("mark", null, normal.slice(start, end)));
      at = end;
    }
    if (at < normal.length) fragment.appendChild(document.createTextNode(normal.slice(at)));
    return fragment;
  }

  function badge(kind) {
    return element("span", "jb-kind jb-kind-" + kind, kindName(kind));
  }

  // The parts of one result: title (a link when `href` is given), kind and breadcrumb, teaser.
  function resultParts(doc, marks, href) {
    var title = element(href ? "a" : "span", "jb-result-title");
    if (href) title.href = href;
    title.appendChild(highlighted(doc.title, marks));
    var meta = element("span", "jb-result-meta");
    meta.appendChild(badge(doc.kind));
    if (doc.level && (doc.kind === "pain-point" || doc.kind === "opportunity")) {
      var name = (own(api.levels, doc.level) ? api.levels[doc.level] : doc.level).toLocaleLowerCase(document.documentElement.lang || undefined);
      var level =
        doc.kind === "pain-point"
          ? word("search_severity", "{level} severity", { level: name })
          : word("search_priority", "{level} priority", { level: name });
      meta.appendChild(element("span", "jb-level badge " + (doc.kind === "pain-point" ? "severity-" : "priority-") + doc.level, level));
    }
    if (doc.breadcrumb) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("span", "jb-result-crumb", doc.breadcrumb));
    }
    var teaser = element("span", "jb-result-teaser");
    teaser.appendChild(highlighted(doc.teaser, marks));
    return { title: title, meta: meta, teaser: teaser };
  }

  // ======================================================================

  // For themes that draw their own interface, and for the popup and
  // journeybook-search-page.js (the results page):
  api.open = open;
  api.search = search;
  api.documents = documents;
  api.terms = terms;
  api.highlight = highlighted;
  api.kindName = kindName;
  api.timings = timings;
  api.manifest = function () {
    return manifest;
  };
  api.resultParts = resultParts;
  // Per document, the index of its level and state in the manifest's lists
  // (255 for none), once open() has resolved.
  api.columns = function () {
    return { level: levelOf, state: stateOf };
  };
  if (api.keeper === undefined) api.keeper = null; // set by the results page: filters → Promise of a test of an id, or null

  // The results page's script waits for this, whichever of the scripts loads first.
  document.dispatchEvent(new Event("journeybook-search"));
})();
