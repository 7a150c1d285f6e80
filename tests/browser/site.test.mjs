// The built sample playbook in headless Chromium, over http://127.0.0.1 and
// over file://: every page loads cleanly and passes axe-core; the map, the
// theme toggle, the filters and the phone menu work; a journey prints to PDF.
// Screenshots for people to look at go to target/browser/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { accessibilityProblems, buildSample, htmlPages, launch, repo, serveFolder, watchProblems } from "./support.mjs";

const artefacts = path.join(repo, "target/browser");
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const journeyPage = "journeys/switching-to-kestrel-current.html";

let site;
let pages;
let server;
let browser;

before(async () => {
  site = buildSample();
  pages = htmlPages(site);
  // A sub-path, as on an intranet server: no link may assume the site root.
  server = await serveFolder(site, "/playbook/");
  browser = await launch({ viewport: desktop });
  fs.mkdirSync(artefacts, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** Opens every page at `base`; returns what went wrong, page by page. */
async function auditEveryPage(base, colorScheme) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  const problems = watchProblems(page);
  // Intranets may have no internet: nothing may come from another host.
  const origin = new URL(base).origin;
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== origin) problems.push(`request to another host: ${request.url()}`);
  });
  const found = [];
  for (const rel of pages) {
    problems.length = 0;
    await page.goto(base + rel, { waitUntil: "load" });
    const a11y = await accessibilityProblems(page);
    for (const p of [...problems, ...a11y]) found.push(`${rel}: ${p}`);
  }
  await page.close();
  return found;
}

describe("every page", () => {
  test("is found", () => {
    assert.ok(pages.length >= 40, `the sample builds ${pages.length} pages`);
    assert.ok(pages.includes(journeyPage));
    // The KPI roll-up and the landscape are audited with every other page.
    assert.ok(pages.includes("insights/kpis.html") && pages.includes("insights/landscape.html"));
  });

  test("loads over http://127.0.0.1 under a sub-path with no console error, failed request or serious axe finding (light)", async () => {
    assert.deepEqual(await auditEveryPage(server.url, "light"), []);
  });

  test("loads over file:// with no console error, failed request or serious axe finding (dark)", async () => {
    assert.deepEqual(await auditEveryPage(pathToFileURL(site).href + "/", "dark"), []);
  });
});

describe("on a phone", () => {
  test("no page scrolls sideways: wide maps and tables scroll inside their own box", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    const wide = [];
    for (const rel of pages) {
      await page.goto(server.url + rel);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > phone.width) wide.push(`${rel}: ${width}px`);
    }
    assert.deepEqual(wide, []);
    await page.close();
  });

  test("the keyboard reaches every box that scrolls, at desktop and phone width", async () => {
    const page = await browser.context.newPage();
    const unreachable = [];
    for (const viewport of [desktop, phone]) {
      await page.setViewportSize(viewport);
      for (const rel of pages) {
        await page.goto(server.url + rel);
        const found = await page.evaluate(() => {
          const focusable = "a[href], button, input, select, textarea, [tabindex]";
          return Array.from(document.querySelectorAll("main *"))
            .filter((el) => {
              const style = getComputedStyle(el);
              const scrolls = /(auto|scroll)/.test(style.overflowX + style.overflowY);
              const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
              return scrolls && overflows && el.offsetParent !== null;
            })
            .filter((el) => el.tabIndex < 0 && !el.querySelector(focusable))
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        });
        for (const f of found) unreachable.push(`${rel} @${viewport.width}: ${f}`);
      }
    }
    assert.deepEqual(unreachable, []);
    await page.close();
  });
});

describe("the journey map", () => {
  test("is a table with stage and lane headers, and the emotion curve lines up with the stage columns", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + journeyPage);
    const layout = await page.evaluate(() => {
      const table = document.querySelector("table.journey-map");
      const stages = [...table.querySelectorAll("thead th.stage")].map((th) => {
        const r = th.getBoundingClientRect();
        return { name: th.querySelector(".stage-name").textContent, centre: r.left + r.width / 2 };
      });
      const points = [...table.querySelectorAll("svg.curve circle.point")].map((c) => {
        const r = c.getBoundingClientRect();
        return r.left + r.width / 2;
      });
      const lanes = [...table.querySelectorAll("tbody th[scope=row]")].map((th) => th.textContent.trim());
      return { stages, points, lanes };
    });
    assert.ok(layout.stages.length >= 4, "stages are columns");
    assert.equal(layout.points.length, layout.stages.length, "one curve point per scored stage");
    layout.points.forEach((x, i) => {
      assert.ok(Math.abs(x - layout.stages[i].centre) < 2, `${layout.stages[i].name}: point at ${x}, column centre ${layout.stages[i].centre}`);
    });
    for (const lane of ["Actions", "Touchpoints", "Emotion", "Pain points", "Frontstage", "Backstage", "Line of visibility"]) {
      assert.ok(layout.lanes.some((l) => l.startsWith(lane)), `lane ${lane} is a row header`);
    }
    await page.close();
  });

  test("fits a 1440 px screen with six stages, and its stage row sticks under the top bar", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(server.url + journeyPage);
    const first = await page.evaluate(() => {
      const scroller = document.querySelector(".map-scroll");
      const table = document.querySelector("table.journey-map");
      const stage = document.querySelector(".journey-map thead th.stage");
      return { stages: table.querySelectorAll("thead th.stage").length, table: table.offsetWidth, box: scroller.clientWidth, top: stage.getBoundingClientRect().top };
    });
    assert.ok(first.stages >= 6, `${first.stages} stages`);
    assert.ok(first.table <= first.box + 1, `the map is ${first.table}px in a ${first.box}px box`);
    assert.ok(first.top < 900, `the stage row starts at ${first.top}px, on the first screen`);
    await page.evaluate(() => window.scrollBy(0, 1200));
    const after = await page.evaluate(() => {
      const bar = document.querySelector(".topbar").getBoundingClientRect().bottom;
      const stage = document.querySelector(".journey-map thead th.stage").getBoundingClientRect();
      return { bar, top: stage.top };
    });
    assert.ok(Math.abs(after.top - after.bar) <= 2, `stage row at ${after.top}px, top bar ends at ${after.bar}px`);
    await page.close();
  });

  test("on a phone shows one card per stage instead of the table", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    await page.goto(server.url + journeyPage);
    const view = await page.evaluate(() => ({
      table: document.querySelector("table.journey-map").getClientRects().length,
      cards: [...document.querySelectorAll(".stage-card")].filter((c) => c.getClientRects().length).length,
      stages: document.querySelectorAll(".journey-map thead th.stage").length,
    }));
    assert.equal(view.table, 0, "the table is not shown");
    assert.equal(view.cards, view.stages, "a card per stage");
    await page.close();
  });

  test("keeps its lane labels in view when scrolled sideways on a narrow screen", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 700, height: 900 });
    await page.goto(server.url + journeyPage);
    const scroller = page.locator(".map-scroll").first();
    const before = await page.evaluate(() => document.querySelector(".journey-map tbody th.lane-label").getBoundingClientRect().left);
    await scroller.evaluate((el) => el.scrollBy({ left: 600, behavior: "instant" }));
    const state = await page.evaluate(() => ({
      scrolled: document.querySelector(".map-scroll").scrollLeft,
      label: document.querySelector(".journey-map tbody th.lane-label").getBoundingClientRect().left,
      stage: document.querySelector(".journey-map thead th.stage").getBoundingClientRect().left,
    }));
    assert.ok(state.scrolled > 300, "the map scrolls sideways");
    assert.ok(Math.abs(state.label - before) < 1, "the lane label stays put");
    assert.ok(state.stage < before, "the first stage moved out under it");
    await page.close();
  });

  test("a map too wide for the screen says so: an edge shadow and the stages in view", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + "journeys/switching-to-kestrel-future.html");
    const frame = page.locator(".map-frame");
    const count = await page.locator(".journey-map thead th.stage").count();
    assert.ok(count > 6, `the sample's future map has ${count} stages`);
    await page.waitForFunction(() => document.querySelector(".map-frame").classList.contains("more-right"));
    const position = page.locator(".map-position");
    assert.match(await position.textContent(), new RegExp(`^Stages 1–\\d of ${count}: scroll sideways`));
    // The keyboard scrolls it: focus the box and press the right arrow.
    await page.locator(".map-scroll").focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector(".map-frame").classList.contains("more-left"));
    assert.match(await position.textContent(), new RegExp(`^Stages \\d–${count} of ${count}`));
    // The shadow goes once the scroll reaches the end (the script updates on scroll events).
    await page.waitForFunction(() => !document.querySelector(".map-frame").classList.contains("more-right"));
    assert.ok(!(await frame.getAttribute("class")).includes("more-right"), "scrolled to the end");
    await page.close();
  });

  test("the compare view follows the future map, a renamed stage in its place", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + "journeys/switching-to-kestrel-future.html");
    const mapStages = (await page.locator(".journey-map thead th.stage .stage-name").allTextContents()).map((t) => t.trim());
    const rows = (await page.locator(".comparison-table tbody th[scope=row] > a").allTextContents()).map((t) => t.trim());
    assert.ok(mapStages.length >= 6, `stages: ${mapStages}`);
    assert.deepEqual(rows, mapStages);
    const renamed = page.locator(".comparison-table tbody tr", { hasText: "replaces Retention" });
    assert.equal(await renamed.count(), 1);
    await page.close();
  });

  test("prints to PDF on landscape A4 and A3", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + journeyPage);
    for (const format of ["A4", "A3"]) {
      const pdf = await page.pdf({ format, landscape: true, printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
      const pageCount = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      // The sample's flagship map prints as a header page, the map (one A3 sheet or two A4),
      // the comparison with its chart and table starting together (one A3 sheet, two A4:
      // its rows carry KPIs, pain points and opportunities), and the narrative.
      assert.equal(pageCount, format === "A3" ? 4 : 6, `${format}: ${pageCount} pages`);
      fs.writeFileSync(path.join(artefacts, `journey-${format}.pdf`), pdf);
    }
    // The printed map fits the paper's width: nothing is cut off at the side.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 1047, height: 740 }); // A4 landscape at 96 dpi, less margins
    const overflow = await page.evaluate(() => {
      const table = document.querySelector("table.journey-map");
      return table.getBoundingClientRect().right - document.documentElement.clientWidth;
    });
    assert.ok(overflow <= 1, `the map is ${overflow}px wider than the paper`);
    await page.close();
  });
});

describe("without JavaScript", () => {
  test("every kind of page is complete: map, curve, navigation, roll-ups", async () => {
    const plain = await launch({ viewport: desktop, javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(server.url + journeyPage);
      assert.ok((await page.locator("table.journey-map thead th.stage").count()) >= 4);
      assert.equal(await page.locator("table.journey-map svg.curve").count(), 1);
      assert.ok((await page.locator("nav.sidebar a").count()) >= 6, "the sidebar links every section");
      assert.equal(await page.locator(".theme-toggle").isVisible(), false, "no dead toggle");
      await page.goto(server.url + "insights/pain-points.html");
      assert.ok((await page.locator("section.group table tbody tr").count()) > 10);
      assert.equal(await page.locator("form.filters").count(), 0);
    } finally {
      await plain.close();
    }
  });
});

describe("with JavaScript", () => {
  test("the theme toggle switches to dark and is remembered", async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(server.url + journeyPage);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.locator(".theme-toggle").click();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "true");
    assert.notEqual(await background(), light);
    await page.goto(server.url + "personas/maya.html");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark", "remembered on the next page");
    assert.notEqual(await background(), light);
    await page.locator(".theme-toggle").click();
    assert.equal(await background(), light);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  test("the keyboard reaches the skip link first, then the menu and the map", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + journeyPage);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
    await page.keyboard.press("Enter");
    assert.ok(page.url().endsWith("#jb-main"));
    let reachedMap = false;
    for (let i = 0; i < 60 && !reachedMap; i++) {
      await page.keyboard.press("Tab");
      reachedMap = await page.evaluate(() => document.activeElement.classList.contains("map-scroll"));
    }
    assert.ok(reachedMap, "the map's scroll area takes focus, so arrow keys scroll it");
    await page.close();
  });

  test("the roll-up filters narrow the pain points to one journey", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + "insights/pain-points.html");
    const all = await page.locator("section.group tbody tr").count();
    const select = page.getByLabel("Journey", { exact: true });
    const options = await select.locator("option").allTextContents();
    const journey = options.find((o) => o.startsWith("Billing"));
    assert.ok(journey, `a journey to pick among ${options}`);
    await select.selectOption(journey);
    const shown = page.locator("section.group tbody tr:not([hidden])");
    const count = await shown.count();
    assert.ok(count > 0 && count < all, `${count} of ${all} rows shown`);
    for (const text of await shown.locator("td:nth-child(2)").allTextContents()) assert.equal(text.trim(), journey);
    assert.match(await page.locator("form.filters output").textContent(), new RegExp(`^${count} of ${all} shown$`));
    await page.close();
  });

  test("the matrix shows the current maps, and a switch shows the future ones", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + "insights/touchpoint-matrix.html");
    const current = page.locator(".matrix-view[data-view=current]");
    const future = page.locator(".matrix-view[data-view=future]");
    assert.ok(await current.isVisible());
    assert.ok(await future.isHidden());
    const switchTo = page.getByRole("button", { name: "Future maps" });
    await switchTo.click();
    assert.equal(await switchTo.getAttribute("aria-pressed"), "true");
    assert.ok(await future.isVisible());
    assert.ok(await current.isHidden());
    await page.close();
  });

  test("the home page uses the width of a wide screen", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + "index.html");
    const width = await page.locator("article.home").evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width >= 1000, `the home page is ${width}px wide at 1440`);
    await page.close();
  });

  test("on a phone the sidebar is a menu the top bar opens", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    await page.goto(server.url + journeyPage);
    assert.equal(await page.locator("nav.sidebar").isVisible(), false);
    await page.getByRole("button", { name: "Menu" }).click();
    assert.equal(await page.locator("nav.sidebar").isVisible(), true);
    assert.equal(await page.getAttribute(".menu-toggle", "aria-expanded"), "true");
    await page.close();
  });
});

describe("screenshots", () => {
  const shots = [
    ["journey-light", journeyPage, "light"],
    ["journey-dark", journeyPage, "dark"],
    ["compare-light", "journeys/switching-to-kestrel-future.html", "light"],
    ["persona", "personas/maya.html", "light"],
    ["insights", "insights/pain-points.html", "light"],
    ["overview-light", "insights/index.html", "light"],
    ["overview-dark", "insights/index.html", "dark"],
    ["matrix", "insights/touchpoint-matrix.html", "dark"],
    ["touchpoint", "touchpoints/live-chat.html", "light"],
    ["home", "index.html", "light"],
    ["guide-dark", "guides/measurement-plan.html", "dark"],
    ["kpis", "insights/kpis.html", "light"],
    ["landscape", "insights/landscape.html", "dark"],
    ["assumptions", "insights/assumptions.html", "light"],
  ];
  for (const [name, rel, colorScheme] of shots) {
    test(`${name} at desktop and phone width`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme });
      for (const [size, viewport] of [
        ["desktop", desktop],
        ["phone", phone],
      ]) {
        await page.setViewportSize(viewport);
        await page.goto(server.url + rel);
        const file = path.join(artefacts, `${name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 10000, `${file} has content`);
      }
      await page.close();
    });
  }
});
