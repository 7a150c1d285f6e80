// Enhancements for readers with JavaScript. Every page is complete without
// this file: the sidebar lists every section, tables are plain tables.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var here = body.getAttribute("data-url") || "";

  // The interface's words in the book's language come from nav.js; the
  // English here stands in for any that are missing (or if nav.js failed).
  var words = window.journeybookWords || {};
  function word(key, english, blanks) {
    var text = typeof words[key] === "string" ? words[key] : english;
    for (var name in blanks || {}) text = text.split("{" + name + "}").join(String(blanks[name]));
    return text;
  }

  // ---- Sidebar: the full tree from nav.js, sections collapsible ----
  function drawNavigation() {
    var tree = window.journeybookNav;
    var sidebar = document.querySelector("nav.sidebar");
    if (!tree || !sidebar) return;

    function entryList(entries) {
      var ul = document.createElement("ul");
      entries.forEach(function (entry) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + entry[1];
        a.textContent = entry[0];
        if (entry[1] === here) a.setAttribute("aria-current", "page");
        li.appendChild(a);
        ul.appendChild(li);
      });
      return ul;
    }

    // Pages under a section, its folders' included.
    function total(section) {
      return (section.folders || []).reduce(function (n, f) { return n + total(f); }, section.entries.length);
    }
    function holds(section) {
      return section.url === here ||
        section.entries.some(function (e) { return e[1] === here; }) ||
        (section.folders || []).some(holds);
    }
    var drawn = 0;
    // One section, or a folder inside one: its link, and a button that shows
    // its pages and folders, nested as the folders are on disk.
    function sectionItem(section) {
      var id = "jb-nav-" + drawn++;
      var li = document.createElement("li");
      li.className = "nav-section";
      // The section's link and a separate button that shows its pages: a
      // link inside a <summary> would be two controls in one.
      var head = document.createElement("div");
      head.className = "nav-head";
      var a = document.createElement("a");
      a.href = root + section.url;
      a.textContent = section.title;
      if (section.url === here) a.setAttribute("aria-current", "page");
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = total(section);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nav-expand";
      button.setAttribute("aria-label", word("show_pages", "{section}: show pages", { section: section.title }));
      button.setAttribute("aria-controls", id);
      head.appendChild(a);
      head.appendChild(count);
      li.appendChild(head);
      var folders = section.folders || [];
      var current = holds(section);
      var pages = null;
      // Entries are drawn when a section opens, so large playbooks stay fast.
      function show(open) {
        if (open && !pages) {
          pages = entryList(section.entries);
          folders.forEach(function (folder) { pages.appendChild(sectionItem(folder)); });
          pages.id = id;
          li.appendChild(pages);
        }
        if (pages) pages.hidden = !open;
        button.setAttribute("aria-expanded", open ? "true" : "false");
      }
      var filled = section.entries.length > 0 || folders.length > 0;
      if (filled) {
        head.insertBefore(button, a);
        button.addEventListener("click", function () {
          show(button.getAttribute("aria-expanded") !== "true");
        });
      }
      if (current) li.className += " current";
      show(current && filled);
      return li;
    }

    var list = document.createElement("ul");
    var home = sidebar.querySelector("li");
    if (home) list.appendChild(home.cloneNode(true));
    tree.sections.forEach(function (section) {
      list.appendChild(sectionItem(section));
    });
    var old = sidebar.querySelector("ul");
    if (old) sidebar.replaceChild(list, old);
    var mark = list.querySelector("[aria-current='page']");
    if (mark && mark.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) mark.scrollIntoView({ block: "center" });
  }

  // ---- Top bar: the phone menu and the light/dark toggle ----
  function button(className, icon, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "tool-button " + className;
    // The name stays when a narrow screen hides the word.
    b.setAttribute("aria-label", label);
    var mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = icon;
    var text = document.createElement("span");
    text.className = "label";
    text.textContent = label;
    b.appendChild(mark);
    b.appendChild(document.createTextNode(" "));
    b.appendChild(text);
    return b;
  }

  function wireTopBar() {
    var bar = document.querySelector(".topbar");
    if (!bar) return;
    var menu = button("menu-toggle", "☰", word("menu", "Menu"));
    menu.setAttribute("aria-controls", "jb-sidebar");
    menu.setAttribute("aria-expanded", "false");
    bar.insertBefore(menu, bar.firstChild);
    menu.addEventListener("click", function () {
      var open = body.classList.toggle("nav-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
    });
    wireSidebarToggle(bar, menu);
    var theme = window.journeybookTheme;
    if (!theme) return;
    var toggle = button("theme-toggle", "◐", word("dark_mode", "Dark mode"));
    bar.appendChild(toggle);
    function show() {
      var dark = theme.current() === "dark";
      toggle.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    show();
    toggle.addEventListener("click", function () {
      theme.choose(theme.current() === "dark" ? "light" : "dark");
      show();
    });
  }

  // On wide screens the reader may hide the sidebar to give a map the whole
  // width; the choice is remembered across pages.
  function wireSidebarToggle(bar, menu) {
    var key = "journeybook-sidebar";
    var remembered = null;
    try { remembered = window.localStorage.getItem(key); } catch (e) { /* storage blocked: not remembered */ }
    var hide = word("hide_sidebar", "Hide the sidebar");
    var showWord = word("show_sidebar", "Show the sidebar");
    var toggle = button("sidebar-toggle", "⇤", hide);
    toggle.setAttribute("aria-controls", "jb-sidebar");
    menu.parentNode.insertBefore(toggle, menu.nextSibling);
    function apply(hidden) {
      body.classList.toggle("sidebar-hidden", hidden);
      toggle.setAttribute("aria-expanded", hidden ? "false" : "true");
      toggle.setAttribute("aria-label", hidden ? showWord : hide);
      toggle.querySelector(".label").textContent = hidden ? showWord : hide;
      toggle.querySelector("[aria-hidden]").textContent = hidden ? "⇥" : "⇤";
      window.dispatchEvent(new Event("resize"));
    }
    apply(remembered === "hidden");
    toggle.addEventListener("click", function () {
      var hidden = !body.classList.contains("sidebar-hidden");
      apply(hidden);
      try { window.localStorage.setItem(key, hidden ? "hidden" : "shown"); } catch (e) { /* not remembered */ }
    });
  }

  // ---- Filters for roll-up tables ----
  // A container with data-filters gets one select per column whose header
  // has data-filter, plus a text search; rows that do not match are hidden,
  // and groups with no row left are hidden with them.
  function cellValues(cell) {
    var links = cell.querySelectorAll("a");
    if (links.length) {
      return Array.prototype.map.call(links, function (a) {
        return a.textContent.trim();
      });
    }
    var text = cell.textContent.trim();
    return text ? [text] : [];
  }

  var filterForms = 0;

  function wireFilters(container) {
    var tables = container.querySelectorAll("table");
    if (!tables.length) return;
    var columns = [];
    var headers = tables[0].querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.hasAttribute("data-filter")) columns.push({ index: index, name: th.textContent.trim(), values: {} });
    });
    var rows = [];
    Array.prototype.forEach.call(tables, function (table) {
      Array.prototype.forEach.call(table.tBodies, function (tbody) {
        Array.prototype.forEach.call(tbody.rows, function (row) {
          rows.push(row);
          columns.forEach(function (column) {
            var cell = row.cells[column.index];
            if (cell) cellValues(cell).forEach(function (v) { column.values[v] = true; });
          });
        });
      });
    });

    var form = document.createElement("form");
    form.className = "filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", word("filter", "Filter the rows"));
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var prefix = "jb-filter-" + filterForms++ + "-";
    // A labelled control in its own box; the label names the control alone.
    function field(name, control, id) {
      var box = document.createElement("div");
      box.className = "filter";
      var label = document.createElement("label");
      label.textContent = name;
      label.htmlFor = control.id = prefix + id;
      box.appendChild(label);
      box.appendChild(control);
      form.appendChild(box);
    }
    var search = document.createElement("input");
    search.type = "search";
    field(word("search", "Search"), search, "search");
    columns.forEach(function (column) {
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = "";
      all.textContent = word("all", "All");
      select.appendChild(all);
      Object.keys(column.values)
        .sort(function (a, b) { return a.localeCompare(b); })
        .forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v;
          select.appendChild(option);
        });
      column.select = select;
      field(column.name, select, column.index);
    });
    var status = document.createElement("output");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);
    container.insertBefore(form, container.firstChild);

    function apply() {
      var words = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var keep = !words || row.textContent.toLowerCase().indexOf(words) !== -1;
        columns.forEach(function (column) {
          var wanted = column.select.value;
          var cell = row.cells[column.index];
          if (keep && wanted) keep = !!cell && cellValues(cell).indexOf(wanted) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown++;
      });
      Array.prototype.forEach.call(container.querySelectorAll("[data-group]"), function (group) {
        var left = group.querySelectorAll("tbody tr:not([hidden])").length;
        group.hidden = left === 0;
        var count = group.querySelector(".count");
        if (count) count.textContent = left === 1 ? word("item", "{n} item", { n: 1 }) : word("items", "{n} items", { n: left });
      });
      status.textContent =
        shown === rows.length
          ? word("all_shown", "{n} shown", { n: rows.length })
          : word("some_shown", "{shown} of {total} shown", { shown: shown, total: rows.length });
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
  }

  // ---- Matrix: current maps by default, a switch to the future ones ----
  // Without this script both matrices are shown, one after the other.
  function wireMatrixSwitch(group) {
    var buttons = group.querySelectorAll("button[data-show]");
    var views = document.querySelectorAll(".matrix-view[data-view]");
    function show(name) {
      Array.prototype.forEach.call(buttons, function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-show") === name));
      });
      Array.prototype.forEach.call(views, function (v) {
        v.hidden = v.getAttribute("data-view") !== name;
      });
    }
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener("click", function () { show(b.getAttribute("data-show")); });
    });
    group.hidden = false;
    body.classList.add("matrix-switched");
    show("current");
  }

  // ---- Search: a field in the top bar, the engine loaded when first used ----
  // The field is made here, so a page without the script shows no dead one.
  // journeybook-search.js (the engine and its popup) and the index under
  // search/ load only when a reader opens search: ordinary pages pay nothing.
  var searchScript = null;
  function loadSearch() {
    if (searchScript) return;
    searchScript = document.createElement("script");
    searchScript.src = root + "journeybook-search.js";
    document.head.appendChild(searchScript);
  }

  function addSearchField() {
    var bar = document.querySelector(".topbar");
    // The results page has a field of its own; a site built without search has none.
    if (!bar || body.getAttribute("data-search") !== "on" || document.querySelector(".jb-search-page")) return null;
    var form = document.createElement("form");
    form.className = "jb-search";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", word("search_site", "Search this playbook"));
    form.action = root + "search.html";
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.id = "jb-search-input";
    input.className = "jb-search-input";
    input.placeholder = word("search", "Search");
    input.setAttribute("aria-label", word("search_site", "Search this playbook"));
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "jb-search-listbox");
    input.setAttribute("aria-keyshortcuts", "/");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    var key = document.createElement("kbd");
    key.className = "jb-search-key";
    key.setAttribute("aria-hidden", "true");
    key.textContent = "/";
    var popup = document.createElement("div");
    popup.className = "jb-search-popup";
    popup.hidden = true;
    var message = document.createElement("p");
    message.className = "jb-search-message";
    message.hidden = true;
    var list = document.createElement("ul");
    list.id = "jb-search-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", word("search_results", "Search results"));
    list.hidden = true;
    var footer = document.createElement("div");
    footer.className = "jb-search-footer";
    footer.hidden = true;
    var hint = document.createElement("span");
    hint.className = "jb-search-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = word("search_keys", "↑ ↓ to choose, Enter to open, Esc to close");
    var all = document.createElement("a");
    all.className = "jb-search-all";
    all.href = root + "search.html";
    footer.appendChild(hint);
    footer.appendChild(all);
    popup.appendChild(message);
    popup.appendChild(list);
    popup.appendChild(footer);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(input);
    form.appendChild(key);
    form.appendChild(popup);
    form.appendChild(status);
    var spacer = bar.querySelector(".spacer");
    bar.insertBefore(form, spacer ? spacer.nextSibling : null);
    input.addEventListener("focus", loadSearch);
    return input;
  }

  function wireSearch() {
    var field = addSearchField();
    var page = document.querySelector(".jb-search-page");
    if (page) loadSearch();
    var target = field || (page && page.querySelector("input[name='q']"));
    if (!target) return;
    // `/` goes to the field from anywhere but another field.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var at = document.activeElement;
      if (at && (at.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(at.tagName))) return;
      e.preventDefault();
      target.focus();
      target.select();
    });
  }

  drawNavigation();
  wireTopBar();
  wireSearch();
  Array.prototype.forEach.call(document.querySelectorAll("[data-filters]"), wireFilters);
  Array.prototype.forEach.call(document.querySelectorAll("[data-matrix-switch]"), wireMatrixSwitch);
})();
