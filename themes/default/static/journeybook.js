// Draws the full navigation tree from nav.js into the sidebar. Without this
// script the sidebar still works: it shows every section and the part of the
// current one around the page.
(function () {
  "use strict";
  var tree = window.journeybookNav;
  var sidebar = document.querySelector("nav.sidebar");
  if (!tree || !sidebar) return;
  var root = document.body.getAttribute("data-root") || "";
  var here = document.body.getAttribute("data-url") || "";

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

  var list = document.createElement("ul");
  var home = sidebar.querySelector("li");
  if (home) list.appendChild(home.cloneNode(true));
  tree.sections.forEach(function (section) {
    var li = document.createElement("li");
    li.className = "nav-section";
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    var a = document.createElement("a");
    a.href = root + section.url;
    a.textContent = section.title;
    if (section.url === here) a.setAttribute("aria-current", "page");
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = " " + section.entries.length;
    summary.appendChild(a);
    summary.appendChild(count);
    details.appendChild(summary);
    var current = section.url === here || section.entries.some(function (e) { return e[1] === here; });
    // Entries are drawn when a section opens, so large playbooks stay fast.
    function fill() {
      if (!details.querySelector("ul")) details.appendChild(entryList(section.entries));
    }
    if (current) {
      li.className += " current";
      details.open = true;
      fill();
    }
    details.addEventListener("toggle", fill);
    li.appendChild(details);
    list.appendChild(li);
  });
  var old = sidebar.querySelector("ul");
  if (old) sidebar.replaceChild(list, old);
  var mark = list.querySelector("[aria-current='page']");
  if (mark && mark.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) mark.scrollIntoView({ block: "center" });
})();
