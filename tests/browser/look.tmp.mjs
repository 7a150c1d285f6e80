import { buildSample, launch, serveFolder } from "./support.mjs";
const [rel, scheme = "light", width = "1440", selector = "", y = "0", h = "900"] = process.argv.slice(2);
const site = buildSample();
const server = await serveFolder(site);
const b = await launch({ viewport: { width: +width, height: +h } });
const page = await b.context.newPage();
await page.emulateMedia({ colorScheme: scheme });
await page.goto(server.url + rel);
const out = `/tmp/shots/shot.png`;
if (selector) await page.locator(selector).first().screenshot({ path: out });
else { await page.evaluate((y) => window.scrollTo(0, y), +y); await page.screenshot({ path: out }); }
await b.close(); await server.close();
