// Offline search in headless Chromium, over http from a sub-path and over
// file://: the top bar's combobox, the results page (search.html), typos,
// accents, Chinese/Japanese text, facets, keyboard use, axe-core, and what
// is loaded when (nothing leaves the site; a page that never opens search
// loads no index file).
//
// JOURNEYBOOK_SEARCH_BENCH=1 also measures, over file://, the bytes loaded on
// opening search, the bytes and time of a cold one-word query, and the time
// of a keystroke once the shards are loaded, and prints them. It measures the
// sample playbook, or the built site at JOURNEYBOOK_SEARCH_SITE (e.g. a
// generated 10,000-page playbook) with the words of JOURNEYBOOK_SEARCH_WORDS.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { accessibilityProblems, buildProject, buildSample, launch, recordRequests, repo, serveFolder, watchProblems, writeProject } from "./support.mjs";

const artefacts = path.join(repo, "target/browser");
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const journeyPage = "journeys/switching-to-kestrel-current.html";

// A small French project with accented and Japanese words, which the sample lacks.
const fixtureFiles = {
  "book.toml": '[book]\ntitle = "Pâtisserie Lune"\nlanguage = "fr"\n\n[journeys]\nstages = ["Découverte", "問い合わせ", "Commande"]\n',
  "content/personas/ana.md": "---\nname: Ana Lefèvre\nrole: Cliente fidèle\n---\n",
  "content/journeys/commande.md": [
    "---",
    "title: Commander un gâteau",
    "persona: ana",
    "state: current",
    "stages:",
    "  - name: Découverte",
    "    pain_points:",
    "      - text: La carte ne dit pas que la crème brûlée contient des œufs",
    "        severity: high",
    "  - name: 問い合わせ",
    "    pain_points:",
    "      - text: 電話での問い合わせは待ち時間が長い",
    "        severity: medium",
    "  - name: Commande",
    "---",
    "",
  ].join("\n"),
  "content/guides/desserts.md": "# Desserts\n\n## Crème brûlée\n\nUne crème cuite au four, caramélisée juste avant de servir.\n\n## 抹茶のケーキ\n\n京都の抹茶を使ったケーキです。\n",
};

let sample;
let fixtureProject;
let fixture;
let sampleServer;
let fixtureServer;
let browser;

before(async () => {
  sample = buildSample();
  fixtureProject = writeProject(fixtureFiles);
  fixture = buildProject(fixtureProject);
  // Sub-paths, as on an intranet server: no URL may assume the site root.
  sampleServer = await serveFolder(sample, "/playbook/");
  fixtureServer = await serveFolder(fixture, "/teams/cx/patisserie/");
  browser = await launch({ viewport: desktop });
  fs.mkdirSync(artefacts, { recursive: true });
});

after(async () => {
  await browser?.close();
  await sampleServer?.close();
  await fixtureServer?.close();
  for (const dir of [sample, fixture, fixtureProject]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const modes = {
  "http, from a sub-path": {
    sample: () => sampleServer.url,
    fixture: () => fixtureServer.url,
  },
  "file://": {
    sample: () => pathToFileURL(sample).href + "/",
    fixture: () => pathToFileURL(fixture).href + "/",
  },
};

/** The path in the site of a request's URL, or null when it is not in the site at `base`. */
function inSite(base, url) {
  return url.startsWith(base) ? decodeURIComponent(new URL(url).pathname).slice(decodeURIComponent(new URL(base).pathname).length) : null;
}

/** Types `query` into the top bar's field (focused with `/`) and waits for its results. */
async function searchFor(page, query) {
  if (await page.evaluate(() => document.activeElement?.id === "jb-search-input")) await page.locator("#jb-search-input").selectText();
  else await page.keyboard.press("/"); // which selects what the field holds
  await page.keyboard.type(query);
  await page.locator(`form.jb-search[data-query="${query.replace(/"/g, '\\"')}"]`).waitFor({ state: "attached" });
}

/** The popup's options: kind, title, breadcrumb, teaser and the words in <mark>. */
function popupOptions(page) {
  return page.$$eval("#jb-search-listbox [role=option]", (options) =>
    options.map((o) => ({
      id: o.id,
      kind: o.querySelector(".jb-kind").className.replace(/.*jb-kind-/, ""),
      badge: o.querySelector(".jb-kind").textContent,
      title: o.querySelector(".jb-result-title").textContent,
      crumb: o.querySelector(".jb-result-crumb")?.textContent ?? "",
      marks: [...o.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

/** The results page's items, as the page shows them. */
function pageResults(page) {
  return page.$$eval("ol.jb-search-results > li", (items) =>
    items.map((li) => ({
      links: li.querySelectorAll("a").length,
      href: li.querySelector("a")?.getAttribute("href"),
      title: li.querySelector("a")?.textContent,
      kind: li.querySelector(".jb-kind").className.replace(/.*jb-kind-/, ""),
      level: li.querySelector(".jb-level")?.className.replace(/.*(severity|priority)-/, "") ?? "",
      crumb: li.querySelector(".jb-result-crumb")?.textContent ?? "",
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

async function openResultsPage(page, base, query) {
  await page.goto(`${base}search.html?q=${encodeURIComponent(query)}`);
  await page.locator(`.jb-search-page[data-query="${query}"]`).waitFor({ state: "attached" });
}

for (const [mode, bases] of Object.entries(modes)) {
  describe(`search over ${mode}`, () => {
    let page;
    let problems;
    let requests;

    before(async () => {
      page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: "light" });
      problems = watchProblems(page);
      requests = recordRequests(page);
    });
    after(async () => {
      await page?.close();
    });

    test("a page that never opens search loads no search script and no index file", async () => {
      const base = bases.sample();
      for (const rel of ["index.html", journeyPage, "guides/glossary.html", "insights/pain-points.html"]) {
        requests.length = 0;
        await page.goto(base + rel, { waitUntil: "load" });
        await page.mouse.wheel(0, 600);
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        const search = requests.filter((u) => /journeybook-search(-page|-query)?\.js|\/search\//.test(u));
        assert.deepEqual(search, [], `${rel} loaded ${search}`);
        assert.equal(await page.evaluate(() => typeof window.journeybookSearch), "undefined");
        assert.equal(await page.locator("form.jb-search input[role=combobox]").count(), 1, `${rel}: the top bar has the field`);
      }
    });

    test("typing a word shows ranked results in an accessible combobox", async () => {
      await page.goto(bases.sample() + journeyPage);
      requests.length = 0;
      await searchFor(page, "billing");
      const input = page.locator("#jb-search-input");
      assert.equal(await input.getAttribute("aria-expanded"), "true");
      assert.equal(await input.getAttribute("aria-controls"), "jb-search-listbox");
      assert.equal(await page.getAttribute("#jb-search-listbox", "role"), "listbox");
      const options = await popupOptions(page);
      assert.ok(options.length >= 5 && options.length <= 10, `${options.length} options`);
      for (const o of options.slice(0, 3)) assert.ok(o.marks.some((m) => /^billing$/i.test(m)), `${o.title}: "billing" is marked`);
      assert.ok(options.some((o) => o.kind === "journey" && o.title === "Billing dispute (support map)"));
      assert.ok(options.some((o) => o.kind === "pain-point" && o.badge === "Pain point"));
      assert.match(await page.locator(".jb-search-all").textContent(), /^See all \d+ results$/);
      // What loaded: the script, the manifest (never from a cache), a shard or two, and the blocks of what is shown.
      const loaded = requests.map((u) => inSite(bases.sample(), u)).filter(Boolean);
      assert.ok(loaded.includes("journeybook-search.js"), loaded.join(", "));
      assert.ok(!loaded.includes("journeybook-search-page.js"), "the results page's script stays on the results page");
      // The query script is asked for by the opening script, with the manifest.
      const at = (name) => loaded.indexOf(name);
      assert.ok(at("journeybook-search-query.js") > at("journeybook-search.js") && at("journeybook-search.js") >= 0, loaded.join(", "));
      assert.ok(requests.some((u) => /\/search\/manifest\.js\?\d+$/.test(u)), "the manifest is asked for afresh");
      const shards = loaded.filter((u) => /^search\/t-/.test(u));
      const blocks = loaded.filter((u) => /^search\/b\d+-/.test(u));
      assert.ok(shards.length >= 1 && shards.length <= 2, `shards: ${shards}`);
      // Typed letter by letter, each prefix ("bi", "bil", …) shows its own
      // results first, so a few more blocks than the final list may load; the
      // store as a whole never does.
      assert.ok(blocks.length >= 1 && blocks.length <= 2 * options.length, `blocks: ${blocks}`);
      assert.equal(loaded.filter((u) => /^search\/facets-/.test(u)).length, 0, "the facets file waits for a facet");
      assert.deepEqual(problems, []);
    });

    test("several words narrow the results, and the last one matches as a prefix while typing", async () => {
      await page.goto(bases.sample() + journeyPage);
      await searchFor(page, "billing");
      const count = async () => Number((await page.locator("form.jb-search [role=status]").textContent()).match(/^(\d+) results?$/)[1]);
      const one = await count();
      await page.keyboard.type(" que");
      await page.locator('form.jb-search[data-query="billing que"]').waitFor({ state: "attached" });
      const options = await popupOptions(page);
      assert.equal(options[0].title, "Phone wait of 11 minutes on the billing queue");
      assert.deepEqual(options[0].marks, ["billing", "queue"]);
      const two = await count();
      assert.ok(two > 0 && two < one, `${two} results for two words, ${one} for one`);
    });

    test("a typo still finds the intended page", async () => {
      await page.goto(bases.sample() + "index.html");
      await searchFor(page, "instalation");
      const options = await popupOptions(page);
      assert.ok(options.length > 0, "results for a misspelt word");
      assert.ok(
        options.some((o) => o.title === "Heat-pump installation (service blueprint)"),
        options.map((o) => o.title).join(" | "),
      );
      for (const o of options.slice(0, 3)) assert.ok(o.marks.some((m) => /^installation$/i.test(m)), `${o.title}: the word it matched is marked`);
      // A short word gets no typo: four letters is too few to guess.
      await searchFor(page, "bilx");
      assert.equal(await page.locator("#jb-search-listbox [role=option]").count(), 0);
      assert.match(await page.locator(".jb-search-message").textContent(), /^No results for “bilx”$/);
    });

    test("accents are folded: creme finds crème, and crème finds it too", async () => {
      const base = bases.fixture();
      await page.goto(base + "index.html");
      // Typed decomposed (e + combining grave), as some keyboards send it, it is the same word.
      for (const query of ["creme brulee", "CRÈME", "cre\u0300me", "œufs", "oeufs"]) {
        await searchFor(page, query);
        const options = await popupOptions(page);
        assert.ok(options.length > 0, `results for ${query}`);
        assert.ok(
          options.some((o) => o.marks.some((m) => /^(crème|œufs)$/i.test(m))),
          `${query}: ${JSON.stringify(options)}`,
        );
      }
      await searchFor(page, "creme brulee");
      const options = await popupOptions(page);
      assert.ok(options.some((o) => o.kind === "section" && o.title === "Crème brûlée"), JSON.stringify(options));
      // The book is French: so are the script's words.
      assert.ok(options.some((o) => o.kind === "pain-point" && o.badge === "Irritant"), JSON.stringify(options));
    });

    test("Chinese and Japanese text is searchable by pairs of characters", async () => {
      const base = bases.fixture();
      await page.goto(base + "index.html");
      await searchFor(page, "問い合わせ");
      let options = await popupOptions(page);
      assert.ok(options.some((o) => o.kind === "stage" && o.title === "問い合わせ"), JSON.stringify(options));
      assert.ok(options.some((o) => o.kind === "pain-point" && o.marks.join("") === "問い合わせ"), JSON.stringify(options));
      // Kana with a voicing mark, typed composed or not: で is て + ゙.
      for (const query of ["電話で", "電話て\u3099"]) {
        await searchFor(page, query);
        options = await popupOptions(page);
        assert.ok(options.some((o) => o.kind === "pain-point" && o.marks.join("").startsWith("電話で")), `${query}: ${JSON.stringify(options)}`);
      }
      await searchFor(page, "抹茶");
      options = await popupOptions(page);
      assert.ok(options.some((o) => o.title === "抹茶のケーキ"), JSON.stringify(options));
      await searchFor(page, "ケーキ");
      options = await popupOptions(page);
      assert.ok(options.length >= 1, "katakana with the length mark");
    });

    test("Enter on a pain point lands on its stage's column, in view", async () => {
      await page.goto(bases.sample() + "index.html");
      await searchFor(page, "billing queue");
      const options = await popupOptions(page);
      const index = options.findIndex((o) => o.kind === "pain-point");
      assert.ok(index >= 0, "a pain point among the results");
      for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
      assert.equal(await page.getAttribute("#jb-search-input", "aria-activedescendant"), options[index].id);
      await Promise.all([page.waitForURL(/#stage-/), page.keyboard.press("Enter")]);
      const url = new URL(page.url());
      assert.equal(url.pathname.split("/").pop(), "switching-to-kestrel-current.html");
      assert.equal(url.hash, "#stage-retention");
      await page.waitForFunction(() => document.querySelector(".map-scroll").scrollLeft > 0 || true);
      const place = await page.evaluate(() => {
        const th = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        const r = th.getBoundingClientRect();
        const bar = document.querySelector(".topbar").getBoundingClientRect();
        const scroller = document.querySelector(".map-scroll").getBoundingClientRect();
        const lanes = th.closest("table").querySelector("tbody th.lane-label").getBoundingClientRect();
        return { top: r.top, left: r.left, right: r.right, bar: bar.bottom, height: innerHeight, scrollerLeft: scroller.left, scrollerRight: scroller.right, lanes: lanes.right, text: th.textContent };
      });
      assert.ok(place.text.includes("Retention"), place.text);
      assert.ok(place.top >= place.bar - 1 && place.top < place.height - 40, `stage header at y=${place.top}, top bar ends at ${place.bar}`);
      assert.ok(place.left >= place.lanes - 1 && place.right <= place.scrollerRight + 1, `stage header at x=${place.left}..${place.right}, lane labels end at ${place.lanes}`);
    });

    test("search.html?q= lists the popup's results, best first, one link each", async () => {
      const base = bases.sample();
      await page.goto(base + journeyPage);
      await searchFor(page, "energy");
      const popup = await popupOptions(page);
      await openResultsPage(page, base, "energy");
      assert.equal(await page.inputValue("#jb-search-q"), "energy", "the form is filled in from ?q=");
      const items = await pageResults(page);
      assert.ok(items.length >= 10, `${items.length} results`);
      for (const item of items) {
        assert.equal(item.links, 1, `${item.title}: one link`);
        const target = decodeURIComponent(item.href.split("#")[0]);
        assert.ok(fs.existsSync(path.join(sample, target)), `${item.href} is a page of the site`);
      }
      assert.deepEqual(
        items.slice(0, popup.length).map((i) => i.title),
        popup.map((o) => o.title),
        "the same results as the popup, in the same order",
      );
      assert.match(await page.locator(".jb-search-count").textContent(), /^\d+ results for “energy”$/);
      // More results on request.
      const total = Number((await page.locator(".jb-search-count").textContent()).match(/\d+/)[0]);
      if (total > items.length) {
        await page.locator(".jb-search-more").click();
        await page.waitForFunction((n) => document.querySelectorAll("ol.jb-search-results > li").length > n, items.length);
        assert.ok((await pageResults(page)).length <= total);
      }
      assert.deepEqual(problems, []);
    });

    test("a facet narrows the results, with no block of the others loaded", async () => {
      const base = bases.sample();
      requests.length = 0;
      await openResultsPage(page, base, "direct debit");
      const all = await pageResults(page);
      const total = Number((await page.locator(".jb-search-count").textContent()).match(/\d+/)[0]);
      assert.ok(new Set(all.map((i) => i.kind)).size > 2, "several kinds before filtering");
      // Kind: a radio chip per kind, with its count.
      const chip = page.locator(".jb-search-kinds label", { hasText: "Pain point" });
      const expected = Number(await chip.locator(".jb-chip-count").textContent());
      await chip.click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get("kind") === "pain-point" || document.querySelector(".jb-search-kinds input[value='pain-point']").checked);
      await page.waitForFunction((n) => document.querySelector(".jb-search-count").textContent.startsWith(n + " "), expected);
      const pains = await pageResults(page);
      assert.ok(pains.length > 0 && expected < total, `${expected} of ${total}`);
      assert.deepEqual([...new Set(pains.map((i) => i.kind))], ["pain-point"]);
      // Severity (the results show it), then a journey (the facets file loads when that filter is first used).
      const level = pains[0].level;
      assert.ok(level, "pain points show their severity");
      await page.selectOption("#jb-search-level", level);
      await page.waitForFunction((l) => [...document.querySelectorAll("ol.jb-search-results .jb-level")].every((b) => b.classList.contains("severity-" + l)), level);
      const high = await pageResults(page);
      assert.ok(high.length > 0 && high.length <= pains.length, `${high.length} ${level} of ${pains.length}`);
      assert.ok(high.every((i) => i.level === level));
      assert.equal(requests.filter((u) => /\/search\/facets-/.test(u)).length, 0, "no facets file yet");
      await page.locator("#jb-search-journey").focus();
      await page.waitForFunction(() => document.querySelectorAll("#jb-search-journey option").length > 2);
      assert.equal(requests.filter((u) => /\/search\/facets-/.test(u)).length, 1, "the facets file, once");
      await page.selectOption("#jb-search-journey", { label: "Switching to Kestrel (current state)" });
      await page.waitForFunction(() => [...document.querySelectorAll("ol.jb-search-results .jb-result-crumb")].every((c) => c.textContent.startsWith("Switching to Kestrel (current state)")));
      const narrowed = await pageResults(page);
      assert.ok(narrowed.length > 0 && narrowed.length <= high.length);
      // The filters are in the address, for a shared link.
      const params = new URL(page.url()).searchParams;
      if (mode.startsWith("http")) {
        assert.equal(params.get("kind"), "pain-point");
        assert.equal(params.get("level"), level);
        assert.equal(params.get("journey"), "switching-to-kestrel-current");
      }
      assert.deepEqual(problems, []);
    });

    test("the keyboard alone: / to focus, arrows, Escape, Enter for the results page, Tab to a result", async () => {
      const base = bases.sample();
      await page.goto(base + "personas/maya.html");
      await searchFor(page, "smart meter");
      const input = page.locator("#jb-search-input");
      assert.equal(await page.evaluate(() => document.activeElement.id), "jb-search-input");
      const options = await popupOptions(page);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      assert.equal(await input.getAttribute("aria-activedescendant"), options[1].id);
      assert.equal(await page.getAttribute(`#${options[1].id}`, "aria-selected"), "true");
      await page.keyboard.press("ArrowUp");
      assert.equal(await input.getAttribute("aria-activedescendant"), options[0].id);
      await page.keyboard.press("Escape");
      assert.equal(await input.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator(".jb-search-popup").isVisible(), false);
      assert.equal(await input.inputValue(), "smart meter", "Escape closes the popup, the words stay");
      assert.equal(await page.evaluate(() => document.activeElement.id), "jb-search-input");
      await page.keyboard.press("ArrowDown");
      assert.equal(await input.getAttribute("aria-expanded"), "true", "arrow down opens it again");
      await page.keyboard.press("Escape");
      // Enter with no active result opens the results page.
      await Promise.all([page.waitForURL(/search\.html\?q=smart%20meter$/), page.keyboard.press("Enter")]);
      await page.locator('.jb-search-page[data-query="smart meter"]').waitFor({ state: "attached" });
      const items = await pageResults(page);
      assert.equal(items[0].title, options[0].title);
      // On the results page `/` goes to its own field; Tab reaches the results' links.
      await page.keyboard.press("/");
      assert.equal(await page.evaluate(() => document.activeElement.id), "jb-search-q");
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => !!document.activeElement.closest("ol.jb-search-results"));
      }
      assert.ok(reached, "Tab reaches the first result");
      const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
      await Promise.all([page.waitForURL((u) => u.href.includes(href.split("#")[0])), page.keyboard.press("Enter")]);
    });

    test("/ types a slash in another field, and the popup closes when the focus leaves", async () => {
      await page.goto(bases.sample() + "insights/pain-points.html");
      const other = page.getByLabel("Search", { exact: true });
      await other.focus();
      await page.keyboard.type("a/b");
      assert.equal(await other.inputValue(), "a/b");
      assert.notEqual(await page.evaluate(() => document.activeElement.id), "jb-search-input");
      await page.locator("main h1").click();
      await searchFor(page, "billing");
      assert.equal(await page.locator(".jb-search-popup").isVisible(), true);
      await page.mouse.click(20, 600); // the sidebar, beside the popup
      assert.equal(await page.locator(".jb-search-popup").isVisible(), false);
    });

    for (const colorScheme of ["light", "dark"]) {
      test(`axe finds nothing serious with the popup open, and on search.html (${colorScheme})`, async () => {
        await page.emulateMedia({ colorScheme });
        await page.goto(bases.sample() + journeyPage);
        await searchFor(page, "billing");
        await page.keyboard.press("ArrowDown");
        assert.deepEqual(await accessibilityProblems(page), []);
        await openResultsPage(page, bases.sample(), "billing");
        assert.deepEqual(await accessibilityProblems(page), []);
        await openResultsPage(page, bases.fixture(), "crème");
        assert.deepEqual(await accessibilityProblems(page), []);
        await page.emulateMedia({ colorScheme: "light" });
      });
    }

    test("on a phone the popup and the results page fit the screen's width", async () => {
      await page.setViewportSize(phone);
      try {
        await page.goto(bases.sample() + journeyPage);
        await searchFor(page, "direct debit");
        const box = await page.locator(".jb-search-popup").boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= phone.width, `popup at ${box.x}..${box.x + box.width}`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll");
        await openResultsPage(page, bases.sample(), "direct debit");
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll on search.html");
      } finally {
        await page.setViewportSize(desktop);
      }
    });

    test("no request left the site", () => {
      // Every request of this describe's page was recorded; all of them stayed in the site.
      const origins = mode.startsWith("http") ? [new URL(bases.sample()).origin, new URL(bases.fixture()).origin] : null;
      const outside = requests.filter((u) => {
        const url = new URL(u);
        if (url.protocol === "data:") return false;
        return origins ? !origins.includes(url.origin) : url.protocol !== "file:";
      });
      assert.deepEqual(outside, []);
    });
  });
}

describe("search without JavaScript", () => {
  test("shows no field, and search.html says it needs JavaScript", async () => {
    const plain = await launch({ viewport: desktop, javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(sampleServer.url + journeyPage);
      assert.equal(await page.locator(".jb-search, input[type=search]").count(), 0, "no dead field");
      await page.goto(sampleServer.url + "search.html?q=billing");
      assert.equal(await page.locator("noscript").count(), 1);
      assert.equal(await page.locator(".jb-search-form").isVisible(), false);
      assert.match(await page.locator("main").textContent(), /Search needs JavaScript/);
    } finally {
      await plain.close();
    }
  });

  test("a site built with search off shows no field either", async () => {
    const project = writeProject({ ...fixtureFiles, "book.toml": fixtureFiles["book.toml"] + "\n[search]\nenable = false\n" });
    const out = buildProject(project);
    const page = await browser.context.newPage();
    try {
      const problems = watchProblems(page);
      await page.goto(pathToFileURL(out).href + "/index.html");
      assert.equal(await page.locator(".jb-search").count(), 0);
      await page.keyboard.press("/");
      assert.equal(fs.existsSync(path.join(out, "search")), false);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      fs.rmSync(project, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("search screenshots", () => {
  for (const colorScheme of ["light", "dark"]) {
    for (const [size, viewport] of [
      ["desktop", desktop],
      ["phone", phone],
    ]) {
      test(`popup and results page, ${colorScheme}, ${size}`, async () => {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        await page.goto(sampleServer.url + journeyPage);
        await searchFor(page, "direct debit");
        await page.keyboard.press("ArrowDown");
        const popup = path.join(artefacts, `search-popup-${colorScheme}-${size}.png`);
        await page.screenshot({ path: popup });
        await openResultsPage(page, sampleServer.url, "billing");
        const results = path.join(artefacts, `search-results-${colorScheme}-${size}.png`);
        await page.screenshot({ path: results, fullPage: size === "phone" ? false : true });
        for (const file of [popup, results]) assert.ok(fs.statSync(file).size > 10000, `${file} has content`);
        await page.close();
      });
    }
  }
});

// ---- Benchmark mode ----

const bench = process.env.JOURNEYBOOK_SEARCH_BENCH === "1";

describe("search benchmark (JOURNEYBOOK_SEARCH_BENCH=1)", { skip: !bench && "set JOURNEYBOOK_SEARCH_BENCH=1 to measure" }, () => {
  test("bytes and times over file://", async () => {
    const site = process.env.JOURNEYBOOK_SEARCH_SITE ?? sample;
    const queries = (process.env.JOURNEYBOOK_SEARCH_WORDS ?? "billing meter energy").split(/\s+/).filter(Boolean);
    const base = pathToFileURL(site).href + "/";
    const start = fs.existsSync(path.join(site, journeyPage)) ? journeyPage : "index.html";
    const size = (url) => {
      try {
        return fs.statSync(fileURLToPath(url.split("?")[0])).size;
      } catch {
        return 0;
      }
    };
    const kb = (bytes) => (bytes / 1024).toFixed(1);
    const lines = [`search benchmark: ${site}`];
    for (const word of queries) {
      // A fresh browser for each word: nothing cached.
      const cold = await launch({ viewport: desktop });
      try {
        const page = await cold.context.newPage();
        const requests = recordRequests(page);
        await page.goto(base + start, { waitUntil: "load" });
        const before = requests.length;
        // Opening search: journeybook-search.js and the manifest, which is
        // all the empty field and its popup need. The query script is asked
        // for right after them and arrives while the reader types; it is
        // counted below, in what loads before the first result.
        const openMs = await page.evaluate(async () => {
          const t0 = performance.now();
          document.getElementById("jb-search-input").focus();
          while (!(window.journeybookSearch && window.journeybookSearch.open)) await new Promise((r) => setTimeout(r, 1));
          await window.journeybookSearch.open();
          return performance.now() - t0;
        });
        const isOpening = (u) => /\/journeybook-search\.js$|\/search\/manifest\.js(\?|$)/.test(u);
        const opened = requests.slice(before).filter(isOpening);
        const openBytes = opened.reduce((n, u) => n + size(u), 0);
        // A cold one-word query, typed once the manifest is there: from the
        // keystroke to the results drawn, with the query script still on its
        // way if it is (it was asked for right after the manifest).
        const queryMs = await page.evaluate(async (w) => {
          const input = document.getElementById("jb-search-input");
          const form = input.form;
          const t0 = performance.now();
          input.value = w;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          while (form.getAttribute("data-query") !== w) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        }, word);
        // Everything from the focus to the first result drawn: the opening,
        // the query script, the shards and the blocks.
        const firstResult = requests.slice(before).filter((u) => u.startsWith(base));
        const firstBytes = firstResult.reduce((n, u) => n + size(u), 0);
        const queried = firstResult.filter((u) => !isOpening(u));
        const queryBytes = queried.reduce((n, u) => n + size(u), 0);
        const queryScript = queried.filter((u) => /\/journeybook-search-query\.js$/.test(u));
        const names = (list) => list.map((u) => path.basename(u.split("?")[0]) + " " + kb(size(u))).join(", ");
        // Keystrokes once the shards are loaded: another letter, then back.
        const keys = await page.evaluate(async (w) => {
          const input = document.getElementById("jb-search-input");
          const form = input.form;
          const engine = window.journeybookSearch;
          const out = [];
          for (const text of [w.slice(0, -1), w, w.slice(0, -1), w]) {
            const t0 = performance.now();
            input.value = text;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            while (form.getAttribute("data-query") !== text) await new Promise((r) => setTimeout(r, 0));
            const last = engine.timings[engine.timings.length - 1];
            out.push({ text, shown: performance.now() - t0, rank: last.rank, engine: last.total });
          }
          // The engine alone, warm: the median of twenty runs.
          const runs = [];
          for (let i = 0; i < 20; i++) {
            const t0 = performance.now();
            await engine.search(w, null);
            runs.push(performance.now() - t0);
          }
          runs.sort((a, b) => a - b);
          return { keys: out, warm: runs[10], results: (await engine.search(w, null)).ids.length };
        }, word);
        const shardFiles = queried.filter((u) => /\/search\/t-/.test(u));
        const blockFiles = queried.filter((u) => /\/search\/b\d+-/.test(u));
        assert.ok(openBytes <= 25 * 1024, `opening search loads ${kb(openBytes)} KB (${names(opened)}), over 25 KB`);
        lines.push(
          `  "${word}": ${keys.results} results`,
          `    opening (script + manifest): ${kb(openBytes)} KB (${names(opened)}) in ${openMs.toFixed(0)} ms`,
          `    cold query: ${kb(queryBytes)} KB more (query script ${kb(queryScript.reduce((n, u) => n + size(u), 0))} KB, ${shardFiles.length} shards ${kb(shardFiles.reduce((n, u) => n + size(u), 0))} KB, ${blockFiles.length} blocks ${kb(blockFiles.reduce((n, u) => n + size(u), 0))} KB); results shown ${queryMs.toFixed(0)} ms after the keystroke, ${(openMs + queryMs).toFixed(0)} ms after the focus`,
          `    everything before the first result: ${kb(firstBytes)} KB (${names(firstResult)})`,
          `    keystrokes with shards loaded: ${keys.keys.map((k) => `"${k.text}" rank ${k.rank.toFixed(1)} ms, engine ${k.engine.toFixed(1)} ms, shown ${k.shown.toFixed(1)} ms`).join("; ")}`,
          `    engine warm (median of 20): ${keys.warm.toFixed(2)} ms`,
        );
      } finally {
        await cold.close();
      }
    }
    console.log(lines.join("\n"));
  });
});
