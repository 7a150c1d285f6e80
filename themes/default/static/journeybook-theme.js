// Runs in <head>, before the page paints: applies the light or dark theme the
// reader picked last time, so the page never flashes the other one. Pages
// follow the system's setting until the reader picks.
(function () {
  "use strict";
  var KEY = "journeybook-theme";
  var html = document.documentElement;
  html.classList.add("js");

  function apply(theme) {
    if (theme === "light" || theme === "dark") html.setAttribute("data-theme", theme);
    else html.removeAttribute("data-theme");
    // The code-highlighting sheets carry data-scheme="light|dark".
    var sheets = document.querySelectorAll("link[data-scheme]");
    for (var i = 0; i < sheets.length; i++) {
      var scheme = sheets[i].getAttribute("data-scheme");
      sheets[i].media = theme ? (scheme === theme ? "all" : "not all") : "(prefers-color-scheme: " + scheme + ")";
    }
  }

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (e) {
      return null; // Storage can be off, e.g. for some file:// pages.
    }
  }

  function choose(theme) {
    try {
      window.localStorage.setItem(KEY, theme);
    } catch (e) {
      /* The choice then lasts for this page only. */
    }
    apply(theme);
  }

  function current() {
    var picked = html.getAttribute("data-theme");
    if (picked) return picked;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  window.journeybookTheme = { choose: choose, current: current };
  var saved = stored();
  if (saved === "light" || saved === "dark") apply(saved);
})();
