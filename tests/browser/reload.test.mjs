// A real page reloads after an edit on disk while `journeybook serve` runs:
// headless Debian Chromium, driven by playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { binary, copySample, launch, watchProblems } from "./support.mjs";

/** Starts `journeybook serve` on a free port; resolves to its URL once it serves. */
function serve(project) {
  const child = spawn(binary, ["serve", project, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  const url = new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (chunk) => {
      output += chunk;
      const found = output.match(/Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`journeybook serve exited (${code}):\n${output}`)));
  });
  return { child, url };
}

test("a page reloads after its source changes, keeping its scroll position", async (t) => {
  const project = copySample();
  const server = serve(project);
  const browser = await launch({ viewport: { width: 1200, height: 700 } });
  t.after(async () => {
    await browser.close();
    server.child.kill("SIGINT");
    fs.rmSync(project, { recursive: true, force: true });
  });
  const base = await server.url;
  const page = await browser.context.newPage();
  // The reload itself ends the page's live-reload stream.
  const problems = watchProblems(page, (url) => url.endsWith("/__journeybook/events"));

  await page.goto(`${base}guides/glossary.html`);
  await page.evaluate(() => {
    window.scrollTo(0, 500);
    window.journeybookTestMarker = true;
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, "the page is long enough to scroll");

  const source = path.join(project, "content/guides/glossary.md");
  fs.appendFileSync(source, "\nA sentence added while the page was open.\n");
  await page.waitForFunction(() => document.body.innerText.includes("A sentence added while the page was open."), null, {
    timeout: 15000,
  });
  assert.equal(await page.evaluate(() => window.journeybookTestMarker), undefined, "the page was reloaded");
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, scrolled, { timeout: 5000 });
  assert.deepEqual(problems, [], "no console error and no failed request");
});

test("a project broken from the start shows its problems, then turns into the site at the first good build", async (t) => {
  const project = copySample();
  const source = path.join(project, "content/guides/glossary.md");
  const text = fs.readFileSync(source, "utf8");
  fs.writeFileSync(source, `${text}\n[A broken link](no-such-page.md)\n`);
  const server = serve(project);
  const browser = await launch({ viewport: { width: 1200, height: 700 } });
  t.after(async () => {
    await browser.close();
    server.child.kill("SIGINT");
    fs.rmSync(project, { recursive: true, force: true });
  });
  const base = await server.url;
  const page = await browser.context.newPage();

  await page.goto(`${base}guides/glossary.html`);
  const overlay = page.locator("#journeybook-problems");
  await overlay.waitFor({ timeout: 5000 });
  assert.match(await overlay.innerText(), /The site did not build/);
  assert.match(await overlay.innerText(), /no-such-page\.md/);
  // The live-reload stream repeats the problems: the overlay keeps its heading.
  await page.waitForFunction(() => document.querySelectorAll("#journeybook-problems").length === 1);
  // Dark mode gets a dark overlay, not a white box.
  await page.emulateMedia({ colorScheme: "dark" });
  const background = await overlay.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(background, "rgb(255, 255, 255)", "the overlay follows dark mode");
  // The writer can dismiss it to read the page behind.
  await page.getByRole("button", { name: "Dismiss until the next change" }).click();
  assert.equal(await overlay.count(), 0, "dismissed");

  fs.writeFileSync(source, text);
  await page.waitForFunction(() => document.title.includes("Glossary"), null, { timeout: 15000 });
  assert.equal(await overlay.count(), 0, "no problems over the site");
  assert.match(await page.locator("h1").first().innerText(), /Glossary/);
});
