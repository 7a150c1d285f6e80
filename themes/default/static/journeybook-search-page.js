// Search's results page (search.html), for readers with JavaScript: its list
// of results with "more", its filters (a chip per kind with its count, lists
// for the level and the state and, from the facets file, the personas and
// journeys) and the query and filters kept in its address, so that a shared
// link opens the same results.
//
// Only search.html loads this file, so opening search from any other page
// does not pay for it. It uses the engine, journeybook-search.js and the
// query script it loads, journeybook-search-query.js (journeybook.js loads
// the former on the results page at once), through what they share in
// `window.journeybookSearch`, and adds `facets()` and the filters other than
// the kind to it. The template's deferred <script> runs before journeybook.js
// has inserted the engine, so this waits for the query script's
// "journeybook-search" event (or starts at once if the engine came first).
(function () {
  "use strict";
  var J = null; // window.journeybookSearch
  var word, element;
  var root = document.body.getAttribute("data-root") || "";
  var facetData = null;

  function own(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  // ---- Facets: the personas and journeys, and the filters' test ----

  // The engine's load() reads a file once (again only after a failure).
  function facets() {
    var manifest = J.manifest();
    if (!manifest || !manifest.facets) return Promise.resolve({ personas: [], journeys: [] });
    return J.load(manifest.facets).then(function (data) {
      facetData = { personas: data.personas || [], journeys: data.journeys || [] };
      return facetData;
    });
  }

  function inRanges(ranges, id) {
    var low = 0;
    var high = ranges.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (ranges[middle][1] <= id) low = middle + 1;
      else if (ranges[middle][0] > id) high = middle - 1;
      else return true;
    }
    return false;
  }

  function sortedRanges(list) {
    return list.slice().sort(function (a, b) {
      return a[0] - b[0];
    });
  }

  // A test of a document id for the chosen filters other than the kind
  // ({level, state, persona, journey}; empty values pass), or null for none.
  function filterTest(filters) {
    var manifest = J.manifest();
    var columns = J.columns();
    var tests = [];
    filters = filters || {};
    if (filters.level) {
      var level = manifest.levels.indexOf(filters.level);
      tests.push(function (id) {
        return columns.level[id] === level;
      });
    }
    if (filters.state) {
      var state = manifest.states.indexOf(filters.state);
      tests.push(function (id) {
        return columns.state[id] === state;
      });
    }
    [
      ["persona", "personas"],
      ["journey", "journeys"],
    ].forEach(function (facet) {
      var wanted = filters[facet[0]];
      if (!wanted) return;
      var entry = ((facetData || {})[facet[1]] || []).filter(function (e) {
        return e[0] === wanted;
      })[0];
      var ranges = entry ? sortedRanges(entry[2]) : [];
      tests.push(function (id) {
        return inRanges(ranges, id);
      });
    });
    if (!tests.length) return null;
    return function (id) {
      for (var t = 0; t < tests.length; t++) if (!tests[t](id)) return false;
      return true;
    };
  }

  // The engine's hook for the filters other than the kind: a test of a
  // document id, once the facets file is loaded where a persona or journey is
  // chosen; null for none.
  function keeper(filters) {
    if (!filters.persona && !filters.journey) return filterTest(filters);
    return facets().then(function () {
      return filterTest(filters);
    });
  }

  // ======================================================================
  // The page
  // ======================================================================

  var PAGE_RESULTS = 20;

  function wirePage(page) {
    var form = page.querySelector("form");
    var input = form.querySelector("input[name='q']");
    var list = page.querySelector("ol.jb-search-results");
    var status = page.querySelector(".jb-search-count");
    var more = page.querySelector(".jb-search-more");
    var filterBox = page.querySelector(".jb-search-filters");
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    ["kind", "level", "state", "persona", "journey"].forEach(function (name) {
      filters[name] = params.get(name) || "";
    });
    input.value = params.get("q") || "";
    form.hidden = false;
    var shown = 0;
    var current = null;
    var sequence = 0;
    var kindBox = null;
    var chips = [];

    function remember() {
      var query = new URLSearchParams();
      if (input.value) query.set("q", input.value);
      Object.keys(filters).forEach(function (name) {
        if (filters[name]) query.set(name, filters[name]);
      });
      var text = query.toString();
      try {
        window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
      } catch (e) {
        /* Some file:// pages refuse it: the address then stays as it was. */
      }
    }

    // ---- Filters: kinds as radio chips, the other facets as lists ----
    function buildFilters() {
      var manifest = J.manifest();
      filterBox.textContent = "";
      kindBox = element("fieldset", "jb-search-kinds");
      kindBox.appendChild(element("legend", null, word("search_filter_kind", "Show")));
      chips = [];
      [""].concat(manifest.kinds).forEach(function (value) {
        var label = element("label", "jb-chip" + (value ? " jb-kind-" + value : ""));
        var radio = element("input");
        radio.type = "radio";
        radio.name = "kind";
        radio.value = value;
        radio.addEventListener("change", function () {
          filters.kind = radio.value;
          remember();
          run();
        });
        var count = element("span", "jb-chip-count");
        label.appendChild(radio);
        label.appendChild(document.createTextNode((value ? J.kindName(value) : word("all", "All")) + " "));
        label.appendChild(count);
        kindBox.appendChild(label);
        chips.push({ value: value, label: label, radio: radio, count: count });
      });
      filterBox.appendChild(kindBox);
      var row = element("div", "jb-search-facets");
      function select(name, label, values, lazy) {
        var box = element("div", "filter");
        var control = element("select");
        control.id = "jb-search-" + name;
        control.name = name;
        var labelElement = element("label", null, label);
        labelElement.htmlFor = control.id;
        function fill(list) {
          var chosen = filters[name];
          control.textContent = "";
          var none = element("option", null, word("all", "All"));
          none.value = "";
          control.appendChild(none);
          list.forEach(function (v) {
            var option = element("option", null, v[1]);
            option.value = v[0];
            control.appendChild(option);
          });
          control.value = chosen;
        }
        fill(values);
        if (lazy) {
          if (filters[name]) fill([[filters[name], filters[name]]]);
          var filled = false;
          var fetchValues = function () {
            if (filled) return;
            filled = true;
            lazy().then(fill, function () {
              filled = false;
            });
          };
          control.addEventListener("focus", fetchValues);
          control.addEventListener("pointerenter", fetchValues);
          box.addEventListener("pointerenter", fetchValues);
        }
        control.addEventListener("change", function () {
          filters[name] = control.value;
          remember();
          run();
        });
        box.appendChild(labelElement);
        box.appendChild(control);
        row.appendChild(box);
      }
      // Severity or priority, and state: their names are the engine's.
      [
        ["level", word("search_filter_level", "Severity or priority"), manifest.levels, J.levels],
        ["state", word("search_filter_state", "State"), manifest.states, J.states],
      ].forEach(function (f) {
        if (!f[2].length) return;
        select(
          f[0],
          f[1],
          f[2].map(function (v) {
            return [v, own(f[3], v) ? f[3][v] : v];
          }),
        );
      });
      // Personas and journeys: their names are in the facets file, read when
      // the reader reaches for the list.
      if (manifest.facets)
        [
          ["persona", word("search_filter_persona", "Persona"), "personas"],
          ["journey", word("search_filter_journey", "Journey"), "journeys"],
        ].forEach(function (f) {
          select(f[0], f[1], [], function () {
            return facets().then(function (data) {
              return data[f[2]].map(function (p) {
                return [p[0], p[1]];
              });
            });
          });
        });
      if (row.childNodes.length) filterBox.appendChild(row);
      filterBox.hidden = false;
    }

    // The kind chips stay in place as counts change, so the focus stays on them.
    function drawKinds(counts) {
      var all = 0;
      Object.keys(counts).forEach(function (k) {
        all += counts[k];
      });
      chips.forEach(function (chip) {
        var n = chip.value ? counts[chip.value] || 0 : all;
        chip.count.textContent = String(n);
        chip.radio.checked = filters.kind === chip.value;
        chip.label.hidden = chip.value !== "" && n === 0 && filters.kind !== chip.value;
      });
    }

    function draw(result, docs, append) {
      if (!append) list.textContent = "";
      docs.forEach(function (doc) {
        var li = element("li", "jb-result jb-result-" + doc.kind);
        var parts = J.resultParts(doc, result.marks, root + doc.url);
        li.appendChild(parts.meta);
        li.appendChild(parts.title);
        if (doc.teaser) li.appendChild(parts.teaser);
        list.appendChild(li);
      });
      shown += docs.length;
      more.hidden = shown >= result.ids.length;
    }

    function run() {
      var query = input.value;
      var mine = ++sequence;
      shown = 0;
      if (!J.terms(query).length) {
        list.textContent = "";
        more.hidden = true;
        status.textContent = query.trim() ? word("search_short", "Type a word of two letters or more.") : "";
        if (kindBox) drawKinds({});
        page.setAttribute("data-query", query);
        return Promise.resolve();
      }
      return J.search(query, filters)
        .then(function (result) {
          if (mine !== sequence) return null;
          return J.documents(result.ids.slice(0, PAGE_RESULTS)).then(function (docs) {
            if (mine !== sequence) return;
            current = result;
            if (!kindBox) buildFilters();
            drawKinds(result.counts);
            draw(result, docs, false);
            status.textContent = result.ids.length
              ? word("search_count_for", "{count} for “{query}”", { count: J.countText(result.ids.length), query: query.trim() })
              : word("search_none", "No results for “{query}”", { query: query.trim() });
            page.setAttribute("data-query", query);
          });
        })
        .catch(function (error) {
          if (mine !== sequence) return;
          status.textContent = word("search_unavailable", "Search is not available: its index could not be loaded.");
          page.setAttribute("data-query", query);
          if (window.console) console.warn(error);
        });
    }

    more.addEventListener("click", function () {
      if (!current) return;
      var mine = sequence;
      var focusIndex = shown;
      J.documents(current.ids.slice(shown, shown + PAGE_RESULTS)).then(function (docs) {
        if (mine !== sequence) return;
        draw(current, docs, true);
        // Keyboard readers carry on from the first new result.
        var next = list.children[focusIndex];
        var link = next && next.querySelector("a");
        if (link) link.focus();
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      remember();
      run();
    });
    var typing = null;
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        remember();
        run();
      }, 120);
    });
    run();
  }

  function start() {
    var engine = window.journeybookSearch;
    if (J || !engine || !engine.search) return; // started already, or no engine yet
    J = engine;
    word = J.word;
    element = J.element;
    J.facets = facets;
    J.keeper = keeper;
    var page = document.querySelector(".jb-search-page");
    if (page) wirePage(page);
  }

  document.addEventListener("journeybook-search", start);
  start();
})();
