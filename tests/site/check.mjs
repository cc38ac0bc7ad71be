// Drive Debian's Chromium over the built directory site: screenshots, axe-core, keyboard,
// narrow screens, the search with and without JavaScript. Prints one JSON report on stdout.
// Usage: node check.mjs CONFIG.json   (written by tests/test_site_browser.py)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, config.axe_tags);
}

async function layout(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    hreflang: Array.from(document.querySelectorAll("link[rel=alternate][hreflang]"))
      .map((l) => l.hreflang),
    h1: document.querySelector("h1") && document.querySelector("h1").textContent.trim(),
  }));
}

async function keyboard(page) {
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      className: el.className, href: el.getAttribute("href"), outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth), visible: box.top >= 0 && box.height > 0,
    };
  });
  await page.keyboard.press("Enter");
  const after = await page.evaluate(() => ({ hash: location.hash, focused: document.activeElement.id }));
  return { skip, after };
}

async function search(page) {
  const visible = () => page.$$eval("#services > li", (items) => items.filter((li) => !li.hidden).length);
  const total = await visible();
  const formShown = await page.isVisible("#search");
  await page.fill("#q", config.search.words);
  const byWords = await visible();
  const countText = await page.textContent("#count");
  await page.fill("#q", "");
  await page.selectOption("#f-topic", config.search.topic);
  const byTopic = await visible();
  await page.selectOption("#f-language", config.search.language);
  const byTopicAndLanguage = await visible();
  await page.selectOption("#f-topic", "");
  await page.selectOption("#f-language", "");
  await page.fill("#q", "zzzzqqqq");
  const none = await visible();
  const emptyShown = await page.isVisible("#empty");
  return { total, formShown, byWords, countText, byTopic, byTopicAndLanguage, none, emptyShown };
}

const browser = await chromium.launch({ executablePath: config.chromium, args: FLAGS });
const report = { pages: {}, screenshots: [], keyboard: null, search: null, nojs: null };
try {
  for (const viewport of config.viewports) {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    for (const target of config.pages) {
      await page.goto(config.base + target.path);
      const key = `${target.name}@${viewport.name}`;
      const entry = { path: target.path, viewport: viewport.name, ...(await layout(page)) };
      if (viewport.axe) entry.violations = await axe(page);
      if (target.screenshot && viewport.screenshot) {
        const file = join(config.out, `${target.name}-${viewport.name}.png`);
        await page.screenshot({ path: file });
        report.screenshots.push({ page: target.name, viewport: viewport.name, file, ...viewport });
      }
      report.pages[key] = entry;
    }
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(config.base + config.list);
  report.keyboard = await keyboard(page);
  await page.goto(config.base + config.list);
  report.search = await search(page);
  await context.close();
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const plain = await nojs.newPage();
  await plain.goto(config.base + config.list);
  report.nojs = {
    formShown: await plain.isVisible("#search"),
    items: await plain.$$eval("#services > li", (items) => items.filter((li) => li.offsetParent !== null).length),
    filterLinks: await plain.$$eval(".browse a", (links) => links.map((a) => a.getAttribute("href"))),
  };
  await plain.click(".browse summary");
  await plain.click(`.browse a[href="${config.search.filter_link}"]`);
  report.nojs.filtered = await plain.$$eval("#services > li", (items) => items.length);
  report.nojs.filteredUrl = plain.url();
  await nojs.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
