// One screenshot of one page of the sample playbook, for theme work:
//   node tests/browser/screenshot.mjs journeys/switching-to-kestrel-current.html [light|dark] [width] [scroll-y]
// Builds the sample with the debug binary and writes target/browser/screenshot.png.
import fs from "node:fs";
import path from "node:path";
import { buildSample, launch, repo, serveFolder } from "./support.mjs";

const [rel = "index.html", colorScheme = "light", width = "1440", scrollY = "0"] = process.argv.slice(2);
const site = buildSample();
const server = await serveFolder(site);
const browser = await launch({ viewport: { width: Number(width), height: 900 } });
try {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(server.url + rel);
  await page.evaluate((y) => window.scrollTo(0, y), Number(scrollY));
  const out = path.join(repo, "target/browser/screenshot.png");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(out);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
