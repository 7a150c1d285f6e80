// Shared by the browser tests: where the binary and the browser are, how to
// launch Chromium, build the sample playbook and serve a folder over HTTP.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const repo = path.resolve(import.meta.dirname, "../..");
export const binary = process.env.JOURNEYBOOK_BIN ?? path.join(repo, "target/debug/journeybook");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium with a fresh profile folder, removed on close. */
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A scratch copy of the sample playbook (book.toml and content/). */
export function copySample() {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-browser-"));
  fs.cpSync(path.join(repo, "content"), path.join(project, "content"), { recursive: true });
  fs.copyFileSync(path.join(repo, "book.toml"), path.join(project, "book.toml"));
  return project;
}

/** Builds the sample playbook; returns the output folder. */
export function buildSample() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-site-"));
  const run = spawnSync(binary, ["build", repo, "--dest-dir", out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`journeybook build failed (${run.status}):\n${run.stderr}`);
  return out;
}

/** Every HTML file under `dir`, as paths relative to it with `/` separators. */
export function htmlPages(dir) {
  const found = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".html")) found.push(rel);
    }
  };
  walk("");
  return found.sort();
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

/** Serves `dir` read-only on 127.0.0.1, under `prefix` (e.g. "/playbook/"). */
export async function serveFolder(dir, prefix = "/") {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    rel = rel.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(dir, rel);
    if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    response.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Collects console errors and failed or refused requests of a page. */
export function watchProblems(page, ignore = () => false) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText;
    // A load cut short because the test moved on to another page is no
    // fault of the site (a missing file is ERR_FILE_NOT_FOUND, or a 404).
    if (error === "net::ERR_ABORTED") return;
    if (!ignore(request.url())) problems.push(`${request.url()}: ${error}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !ignore(response.url())) problems.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/** A scratch project made of `files` ({ "book.toml": "…", "content/a.md": "…" }); returns its folder. */
export function writeProject(files) {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-fixture-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  }
  return project;
}

/** Builds the project at `project` with the binary; returns the output folder. */
export function buildProject(project) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "journeybook-site-"));
  const run = spawnSync(binary, ["build", project, "--dest-dir", out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`journeybook build failed (${run.status}):\n${run.stderr}`);
  return out;
}

/** Every URL a page requests, in order, into the returned array. */
export function recordRequests(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

const axeSource = fs.readFileSync(path.join(import.meta.dirname, "node_modules/axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core findings on the open page, as readable lines. */
export async function accessibilityProblems(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // No preload: axe would fetch the stylesheets itself, which file:// forbids.
    window.axe.run(document, {
      preload: false,
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary}`));
}
