// A real page reloads after an edit on disk while `journeybook serve` runs:
// headless Debian Chromium, driven by playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const repo = path.resolve(import.meta.dirname, "../..");
const binary = process.env.JOURNEYBOOK_BIN ?? path.join(repo, "target/debug/journeybook");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

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
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-browser-"));
  fs.cpSync(path.join(repo, "content"), path.join(project, "content"), { recursive: true });
  fs.copyFileSync(path.join(repo, "book.toml"), path.join(project, "book.toml"));
  const server = serve(project);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  t.after(async () => {
    await browser.close();
    server.child.kill("SIGINT");
    fs.rmSync(project, { recursive: true, force: true });
  });
  const base = await server.url;
  const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("requestfailed", (request) => {
    // The reload itself ends the page's live-reload stream.
    if (!request.url().endsWith("/__journeybook/events")) problems.push(`${request.url()}: ${request.failure()?.errorText}`);
  });

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
