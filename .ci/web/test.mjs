// The browser page (web/) as a person uses it, in headless Chromium driven
// by playwright-core: load it from a local static server, give it the seed
// data, a broken document and a generated corpus, and check the grouped
// problems and the report against the command-line tool's; fail on any
// request the page makes after loading.
// Usage: node test.mjs URL CLI ROOT OUT [CORPUS]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import assert from "node:assert/strict";

const [url, cliGiven, root, out, corpus] = process.argv.slice(2);
const cli = resolve(cliGiven);
const run = (args, cwd = root) =>
  execFileSync(cli, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] });
const runAllowingFailure = (args, cwd = root) => {
  try {
    return run(args, cwd);
  } catch (error) {
    return error.stdout;
  }
};
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, locale: "fi-FI" });
const page = await context.newPage();
const requests = [];
page.on("request", (request) => requests.push(request.url()));
page.on("pageerror", (error) => console.error(`page error: ${error}`));
page.on("console", (message) => console.error(`page console: ${message.text()}`));
await page.goto(url);
// Ready when the words came back from the worker (the WebAssembly loaded).
await page.waitForFunction(() => document.getElementById("privacy").textContent.length > 0);
const atLoad = requests.length;
for (const request of requests) assert.ok(request.startsWith(new URL(url).origin + "/"), `loaded from elsewhere: ${request}`);
assert.equal(await page.evaluate(() => document.documentElement.lang), "fi");

/** The groups the page shows: code, severity, count, the places of the examples. */
const shownGroups = () => page.$$eval(".group", (groups) => groups.map((g) => ({
  code: g.dataset.code, severity: g.dataset.severity, count: Number(g.dataset.count),
  places: [...g.querySelectorAll(".example code")].map((c) => c.textContent),
})));

/** The CLI's diagnostics grouped as `validate` groups them. */
function cliGroups(report) {
  const groups = new Map();
  for (const d of report.diagnostics) {
    if (!groups.has(d.code)) groups.set(d.code, { code: d.code, severity: d.severity, count: 0, places: [] });
    const group = groups.get(d.code);
    group.count += 1;
    if (group.places.length < 3) {
      let where = d.file || d.document || "";
      if (d.line != null) where += `:${d.line}`;
      if (d.column != null) where += `:${d.column}`;
      if (d.pointer) where += ` ${d.pointer}`;
      group.places.push(where);
    }
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.severity === "error"), ...all.filter((g) => g.severity !== "error")];
}

async function give(files) {
  await page.setInputFiles("#files", files);
  await page.waitForSelector("#problems:not([hidden])").catch(async (error) => {
    console.error(`status: ${await page.textContent("#status")}`);
    throw error;
  });
  await page.waitForFunction(() => document.getElementById("status").textContent === "");
}

// 1. The seed data: the same problems and the same report as the CLI.
const seed = ["lumo.json", "programme.json", "tulevaisuuden-lastensuojelu.json"];
await give(seed.map((name) => ({ name, mimeType: "application/json", buffer: readFileSync(join(root, "data", name)) })));
const expected = JSON.parse(runAllowingFailure(["validate", "--format", "json", ...seed], join(root, "data")));
assert.deepEqual(await shownGroups(), cliGroups(expected));
assert.match(await page.textContent("#checked"), new RegExp(`^${expected.documents} `));

const frame = await (await page.waitForSelector("#report-frame")).contentFrame();
await frame.waitForSelector("[data-figure]");
const pageFigures = await frame.$$eval("[data-figure]", (els) => els.map((e) => [e.dataset.figure, e.textContent.trim()]));
const reference = await context.newPage();
await reference.setContent(run(["report", "--format", "html", "--lang", "fi", ...seed.map((n) => join("data", n))]));
const cliFigures = await reference.$$eval("[data-figure]", (els) => els.map((e) => [e.dataset.figure, e.textContent.trim()]));
assert.ok(pageFigures.length > 20, `${pageFigures.length} figures`);
assert.deepEqual(pageFigures, cliFigures);
assert.equal(await frame.evaluate(() => document.body.innerText), await reference.evaluate(() => document.body.innerText));
await reference.close();
await page.screenshot({ path: join(out, "page-seed.png"), fullPage: false });

// 2. In Swedish: the page's words and the report change language.
await page.selectOption("#language", "sv");
await page.waitForFunction(() => document.documentElement.lang === "sv");
const title = await page.textContent("#title");
assert.notEqual(title, await page.evaluate(() => document.title === "" ? null : "x"));
await frame.waitForFunction(() => document.documentElement.lang === "sv").catch(() => {});
const svFrame = await (await page.$("#report-frame")).contentFrame();
await svFrame.waitForFunction(() => document.documentElement.lang === "sv");
await page.selectOption("#language", "fi");
await page.waitForFunction(() => document.documentElement.lang === "fi");

// 3. A broken document: its problem with file, line and column.
await page.click("#clear");
const broken = '{"document_type": "project",\n "schema_version": "1.1", "id": }';
writeFileSync(join(out, "broken.json"), broken);
await give([{ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) }]);
const brokenExpected = JSON.parse(runAllowingFailure(["validate", "--format", "json", "broken.json"], out));
const brokenShown = await shownGroups();
assert.deepEqual(brokenShown, cliGroups(brokenExpected));
assert.equal(brokenShown[0].severity, "error");
assert.match(brokenShown[0].places[0], /^broken\.json:2:\d+/);
await page.screenshot({ path: join(out, "page-broken.png") });

// 4. Keyboard only: Tab reaches the language menu and the drop zone.
await page.click("#clear");
await page.focus("body");
const reached = [];
for (let i = 0; i < 8; i++) {
  await page.keyboard.press("Tab");
  reached.push(await page.evaluate(() => document.activeElement && document.activeElement.id));
}
assert.ok(reached.includes("language") && reached.includes("drop"), `Tab reached ${reached}`);

// 5. A generated corpus: the same groups as the CLI's (among them record
// ids shared across projects, more than the native binary keeps in memory
// before it sorts them on disk, which a browser cannot), and the time in
// the page against the native CLI (a ratio, not a test).
if (corpus) {
  // By path: playwright refuses a buffer over 50 MB.
  const start = performance.now();
  await give(corpus);
  const inPage = performance.now() - start;
  const nativeStart = performance.now();
  const corpusExpected = JSON.parse(runAllowingFailure(["validate", "--format", "json", basename(corpus)], dirname(corpus)));
  const native = performance.now() - nativeStart;
  const corpusShown = await shownGroups();
  assert.deepEqual(corpusShown, cliGroups(corpusExpected));
  assert.ok(corpusShown.some((g) => g.code === "cross.duplicate_record" && g.count > 1000), JSON.stringify(corpusShown));
  console.log(`corpus: ${(inPage / 1000).toFixed(2)} s in the page (validate and HTML report), ` +
    `${(native / 1000).toFixed(2)} s for the native validate: ${(inPage / native).toFixed(1)}x (load ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`);
}

// Nothing but the page's own files at load, and no request since.
const after = requests.slice(atLoad).filter((request) => !request.startsWith("blob:"));
assert.deepEqual(after, [], `requests after loading: ${after}`);
await browser.close();
console.log(`web page: ${atLoad} requests at load (its own files), none after; groups and report equal the CLI's`);
