// Search, for readers with JavaScript: what opening search needs. This file
// loads the manifest of the index under search/ (its format is
// docs/search-index.md) and wires the top bar's field and its popup; it asks
// at once for journeybook-search-query.js, the query engine (terms, ranking,
// typos, completions, document blocks, the drawing of a result), which
// arrives while the reader types. The results page's own parts (its list
// with "more", its filters and the persona and journey facets, the filters
// kept in its address) are in journeybook-search-page.js, which only
// search.html loads. Opening search therefore loads this file and the
// manifest; the query script follows in parallel, before the first result.
//
// journeybook.js loads this file the first time a reader opens search, so an
// ordinary page loads none of these files nor any index file. They are
// classic scripts, and they load the index by inserting <script src>
// elements: fetch(), ES modules, workers and WASM are all refused on file://.
(function () {
  "use strict";
  if (window.journeybookSearch && window.journeybookSearch.register) return; // loaded twice
  var body = document.body;
  var root = body.getAttribute("data-root") || "";

  // The interface's words in the book's language (the `[script]` table, from
  // nav.js), with the English standing in for any that are missing.
  var words = window.journeybookWords || {};
  function word(key, english, blanks) {
    var text = typeof words[key] === "string" ? words[key] : english;
    for (var name in blanks || {}) text = text.split("{" + name + "}").join(String(blanks[name]));
    return text;
  }
  function own(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  // The names of the levels and states, shared with the query script (a
  // result's badge) and the results page (its filters). They are here with
  // the popup's own words, not with the kinds' names in the query script,
  // because tests/i18n.rs wants at least ten words in each script it checks
  // against the English table, and the popup alone has eight.
  var LEVELS = {
    high: word("search_level_high", "High"),
    medium: word("search_level_medium", "Medium"),
    low: word("search_level_low", "Low"),
  };
  var STATES = {
    current: word("search_state_current", "Current state"),
    future: word("search_state_future", "Future state"),
  };

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function resultsPage(query) {
    return root + "search.html" + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  function countText(n) {
    return n === 1 ? word("search_count_one", "{n} result", { n: 1 }) : word("search_count", "{n} results", { n: n });
  }
  // ======================================================================
  // Loading index files: one <script src> each, which registers its data
  // ======================================================================

  var registered = Object.create(null);
  var loading = Object.create(null);

  function register(name, data) {
    registered[name] = data;
  }

  // Inserts <script src>; calls done() once it has run, failed() if it cannot be loaded.
  function insert(src, done, failed) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      script.remove();
      done();
    };
    script.onerror = function () {
      script.remove();
      failed();
    };
    document.head.appendChild(script);
  }

  // One promise a file, forgotten when it fails so that the next query retries.
  function once(table, name, start) {
    if (table[name]) return table[name];
    var promise = new Promise(start);
    table[name] = promise;
    promise.catch(function () {
      if (table[name] === promise) delete table[name];
    });
    return promise;
  }

  function load(name, fresh) {
    return once(loading, name, function (resolve, reject) {
      // The manifest names the other files by their content: only it can be stale.
      insert(
        root + "search/" + name + ".js" + (fresh ? "?" + Date.now() : ""),
        function () {
          if (own(registered, name)) {
            var data = registered[name];
            delete registered[name];
            resolve(data);
          } else reject(new Error("search/" + name + ".js did not register"));
        },
        function () {
          reject(new Error("search/" + name + ".js could not be loaded"));
        },
      );
    });
  }

  // The query script, journeybook-search-query.js: the terms, the ranking,
  // the typos and completions, the document blocks and the drawing of a
  // result. Opening search needs none of it, so it is not in this file: this
  // file asks for it as soon as it runs (right after the manifest), and it
  // arrives while the reader types the first word; a keystroke before that
  // waits for it. It adds its members to `api` and dispatches the
  // journeybook-search event.
  var scripts = Object.create(null);
  var ready = false;
  function query_() {
    if (ready) return Promise.resolve(api);
    return once(scripts, "query", function (resolve, reject) {
      insert(
        root + "journeybook-search-query.js",
        function () {
          ready = !!api.search;
          if (ready) resolve(api);
          else reject(new Error("journeybook-search-query.js did not load the engine"));
        },
        function () {
          reject(new Error("journeybook-search-query.js could not be loaded"));
        },
      );
    });
  }

  // ======================================================================
  // The manifest
  // ======================================================================

  var manifest = null;

  // load() keeps one promise a file and forgets a failed one: the manifest is
  // read once, and again only after a failure. The query script wraps this
  // to derive its per-document tables from the manifest.
  function open() {
    if (manifest) return Promise.resolve(manifest);
    return load("manifest", true).then(function (data) {
      if (!data || data.version !== 3) throw new Error("search/manifest.js: unknown index version");
      manifest = data;
      return manifest;
    });
  }

  // ======================================================================
  // The top bar's field: a combobox with a listbox popup
  // ======================================================================

  var POPUP_RESULTS = 10;

  function wireField(form) {
    if (form.journeybookSearch) return;
    form.journeybookSearch = true;
    var input = form.querySelector("input");
    var popup = form.querySelector(".jb-search-popup");
    var list = form.querySelector("[role='listbox']");
    var message = form.querySelector(".jb-search-message");
    var footer = form.querySelector(".jb-search-footer");
    var all = form.querySelector(".jb-search-all");
    var status = form.querySelector("[role='status']");
    var options = [];
    var active = -1;
    var sequence = 0;
    var shownQuery = null;

    function setOpen(open) {
      popup.hidden = !open;
      input.setAttribute("aria-expanded", open && options.length ? "true" : "false");
      if (!open) setActive(-1);
    }

    function setActive(index) {
      if (active >= 0 && options[active]) options[active].element.setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        var option = options[active].element;
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        var top = option.offsetTop;
        if (top < popup.scrollTop) popup.scrollTop = top;
        else if (top + option.offsetHeight > popup.scrollTop + popup.clientHeight) popup.scrollTop = top + option.offsetHeight - popup.clientHeight;
      } else input.removeAttribute("aria-activedescendant");
    }

    function say(text) {
      message.textContent = text;
      message.hidden = !text;
    }

    function show(query, result, docs) {
      shownQuery = query;
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      docs.forEach(function (doc, i) {
        var li = element("li", "jb-search-option jb-option-" + doc.kind);
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var parts = api.resultParts(doc, result.marks, null);
        li.appendChild(parts.title);
        li.appendChild(parts.meta);
        if (doc.teaser) li.appendChild(parts.teaser);
        li.addEventListener("mousedown", function (e) {
          e.preventDefault(); // keep the focus in the field
        });
        li.addEventListener("click", function () {
          go(i);
        });
        li.addEventListener("mousemove", function () {
          if (active !== i) setActive(i);
        });
        list.appendChild(li);
        options.push({ element: li, url: root + doc.url });
      });
      list.hidden = !docs.length;
      say(docs.length ? "" : word("search_none", "No results for “{query}”", { query: query.trim() }));
      all.href = resultsPage(query);
      all.textContent = result.ids.length > docs.length ? word("search_see_all", "See all {n} results", { n: result.ids.length }) : word("search_page", "Open the results page");
      footer.hidden = !docs.length;
      status.textContent = docs.length ? countText(result.ids.length) : message.textContent;
      setOpen(true);
      form.setAttribute("data-query", query);
    }

    // No options: the popup shows `text` alone, or closes when there is none.
    function showMessage(query, text, announce) {
      options = [];
      list.textContent = "";
      list.hidden = true;
      footer.hidden = true;
      say(text);
      status.textContent = announce ? text : "";
      setOpen(!!text);
      form.setAttribute("data-query", query);
    }

    function run() {
      var query = input.value;
      var mine = ++sequence;
      // Until the query script and the manifest are there (they were asked
      // for when the field was opened), the popup says it is searching.
      if (!ready || !manifest) say(word("search_loading", "Searching…"));
      query_()
        .then(function (J) {
          if (mine !== sequence) return null;
          if (!J.terms(query).length) {
            shownQuery = query;
            showMessage(query, query.trim() ? word("search_short", "Type a word of two letters or more.") : "", false);
            return null;
          }
          return J.search(query, null).then(function (result) {
            if (mine !== sequence) return null;
            return J.documents(result.ids.slice(0, POPUP_RESULTS)).then(function (docs) {
              if (mine === sequence) show(query, result, docs);
            });
          });
        })
        .catch(function (error) {
          if (mine !== sequence) return;
          // shownQuery stays as it was: focusing the field again retries.
          showMessage(query, word("search_unavailable", "Search is not available: its index could not be loaded."), true);
          if (window.console) console.warn(error);
        });
    }

    function go(index) {
      var target = index >= 0 && options[index] ? options[index].url : resultsPage(input.value);
      setOpen(false);
      window.location.href = target;
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () {
      if (input.value && shownQuery === input.value && (options.length || !message.hidden)) setOpen(true);
      else if (input.value) run();
    });
    input.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (popup.hidden) {
          if (input.value) {
            if (shownQuery === input.value) setOpen(true);
            else run();
          }
          return;
        }
        if (!options.length) return;
        var step = e.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= options.length) next = -1;
        if (next < -1) next = options.length - 1;
        setActive(next);
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (!input.value.trim()) return;
        go(popup.hidden ? -1 : active);
      } else if (e.key === "Escape") {
        if (!popup.hidden) {
          e.preventDefault(); // the field keeps its words
          setOpen(false);
        }
      }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.value.trim()) go(-1);
    });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) setOpen(false);
    });
    document.addEventListener("mousedown", function (e) {
      if (!form.contains(e.target)) setOpen(false);
    });
    if (document.activeElement === input && input.value) run();
  }

  // ======================================================================

  // The query script adds the engine's members (search, documents, terms,
  // highlight, kindName, timings, manifest, columns, resultParts, keeper).
  var api = {
    register: register,
    open: open,
    // For journeybook-search-query.js and journeybook-search-page.js:
    load: load,
    word: word,
    element: element,
    countText: countText,
    levels: LEVELS,
    states: STATES,
  };
  window.journeybookSearch = api;

  Array.prototype.forEach.call(document.querySelectorAll("form.jb-search"), wireField);
  // The manifest first (the popup reads it), then the query script, in parallel.
  open().catch(function () {});
  query_().catch(function () {});
})();
