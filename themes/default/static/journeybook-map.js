// The journey map's behaviour, loaded on journey pages only:
// - a map that fits its column grows with the page, so its stage row sticks
//   under the top bar; a wider one scrolls in its box, with edge shadows and
//   "Stages 1–5 of 8" saying where the reader is;
// - on a phone, a link to a stage column lands on that stage's card;
// - printed pages carry the day they were printed, and show folded context.
// Without this script the map still scrolls in its box and sticks its row there.
(function () {
  "use strict";

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function wireMap(frame) {
    var scroller = frame.querySelector(".map-scroll");
    var table = frame.querySelector("table.journey-map");
    if (!scroller || !table) return;
    var section = frame.closest(".map");
    var position = section && section.querySelector(".map-position");
    var stages = table.querySelectorAll("thead th.stage");
    var laneColumn = table.querySelector("thead th.lane-label");
    var pattern = position ? position.getAttribute("data-pattern") || "" : "";

    function update() {
      var fits = table.offsetWidth <= scroller.clientWidth + 1;
      frame.classList.toggle("fits", fits);
      var left = scroller.scrollLeft;
      frame.classList.toggle("more-left", !fits && left > 1);
      frame.classList.toggle("more-right", !fits && left + scroller.clientWidth < scroller.scrollWidth - 1);
      if (!position) return;
      if (fits || !stages.length) {
        position.hidden = true;
        return;
      }
      // A stage counts as shown when most of it is in the box, beside the lane column.
      var box = scroller.getBoundingClientRect();
      var from = box.left + (laneColumn ? laneColumn.getBoundingClientRect().width : 0);
      var first = 0;
      var last = 0;
      Array.prototype.forEach.call(stages, function (th, i) {
        var r = th.getBoundingClientRect();
        var seen = Math.min(r.right, box.right) - Math.max(r.left, from);
        if (seen > r.width / 2) {
          if (!first) first = i + 1;
          last = i + 1;
        }
      });
      position.textContent = fill(pattern, { first: first || 1, last: last || 1, n: stages.length });
      position.hidden = false;
    }

    var queued = false;
    function soon() {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () {
        queued = false;
        update();
      });
    }
    scroller.addEventListener("scroll", soon, { passive: true });
    window.addEventListener("resize", soon);
    update();
  }

  // A stage's column is hidden on a phone, where its card stands for it.
  function landOnCard() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target || target.getClientRects().length) return;
    var card = document.getElementById("card-" + id);
    if (card) card.scrollIntoView();
  }

  // The stage picker marks the card in view.
  function wirePicker(cards) {
    var links = cards.querySelectorAll(".stage-picker a");
    if (!links.length || !("IntersectionObserver" in window)) return;
    var byId = {};
    Array.prototype.forEach.call(links, function (a) {
      byId[a.getAttribute("href").slice(1)] = a;
    });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        Array.prototype.forEach.call(links, function (a) { a.removeAttribute("aria-current"); });
        var link = byId[entry.target.id];
        if (link) link.setAttribute("aria-current", "true");
      });
    }, { rootMargin: "-30% 0px -60% 0px" });
    Array.prototype.forEach.call(cards.querySelectorAll(".stage-card"), function (card) {
      observer.observe(card);
    });
  }

  // The print margins name the day of printing rather than the day of the build.
  function datePrintMargins() {
    var style = document.getElementById("jb-print-margins");
    if (!style) return;
    var lang = document.documentElement.lang || undefined;
    var today;
    try {
      today = new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      today = new Date().toDateString();
    }
    var words = fill(style.getAttribute("data-printed") || "{date}", { date: today });
    var dated = document.createElement("style");
    dated.textContent = "@page { @bottom-left { content: " + JSON.stringify(words) + "; } }";
    style.parentNode.insertBefore(dated, style.nextSibling);
  }

  // Folded context is printed open; the reader's folds come back afterwards.
  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    unfolded = Array.prototype.filter.call(document.querySelectorAll("details.context:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    unfolded.forEach(function (d) { d.open = false; });
    unfolded = [];
  });

  Array.prototype.forEach.call(document.querySelectorAll(".map-frame"), wireMap);
  Array.prototype.forEach.call(document.querySelectorAll(".stage-cards"), wirePicker);
  window.addEventListener("hashchange", landOnCard);
  landOnCard();
  datePrintMargins();
})();
