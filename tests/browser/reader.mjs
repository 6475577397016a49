// The book as a reader sees it, in headless Chromium, in every mdBook theme at a desktop and a
// phone width: contrast of the tool's text and shapes measured from computed colours, no
// sideways scrolling of the content column, status chips, text filter and sorting judged by the
// rows left visible, a URL fragment restoring a filter, the notice of a replaced design with its
// link, the metadata line, print media hiding the controls, and the page without JavaScript.
// Screenshots go to the artifacts folder.
//
// Usage: node tests/browser/reader.mjs <index.html> <replaced-design.html> <artifacts-dir>
// Prints a JSON summary; exits 1 with every failure listed.

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { evaluate, launch, openPage } from "./cdp.mjs";

const [indexPath, designPath, artifacts] = process.argv.slice(2);
if (!indexPath || !designPath || !artifacts) {
  console.error("usage: node reader.mjs <index.html> <design.html> <artifacts-dir>");
  process.exit(2);
}
const indexUrl = pathToFileURL(resolve(indexPath)).href;
const designUrl = pathToFileURL(resolve(designPath)).href;
mkdirSync(artifacts, { recursive: true });

const THEMES = ["light", "rust", "coal", "navy", "ayu"];
const WIDTHS = [1280, 400];
const failures = [];
const check = (ok, message) => ok || failures.push(message);
const b = launch();
const watchdog = setTimeout(() => finish(["timed out after 540 s"]), 540000);

function finish(extra = []) {
  clearTimeout(watchdog);
  b.close();
  const all = [...failures, ...extra];
  if (all.length) {
    console.error(`browser test failed:\n${all.slice(0, 60).join("\n")}${all.length > 60 ? `\n... ${all.length - 60} more` : ""}`);
    process.exit(1);
  }
  console.log(JSON.stringify(summary));
  process.exit(0);
}

// --- Functions run in the page -------------------------------------------------------------

// Picks a theme the way a reader does: mdBook's own theme menu.
function setTheme(theme) {
  const button = document.getElementById(`mdbook-theme-${theme}`);
  if (button) button.click();
  return document.documentElement.classList.contains(theme);
}

// Contrast of the tool's elements against the page; every colour from getComputedStyle.
function measure() {
  const probe = document.createElement("div");
  document.body.appendChild(probe);
  // Computed colours are rgb()/rgba() already; the probe resolves the rest (the theme's
  // --bg is written as hsl()). Cached: a thousand badges share eight colours.
  const cache = new Map();
  const rgb = (css) => {
    if (!cache.has(css)) {
      probe.style.color = "";
      probe.style.color = css;
      const m = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
      cache.set(css, m.length > 3 && m[3] === 0 ? null : m.slice(0, 3));
    }
    return cache.get(css);
  };
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const page = rgb(getComputedStyle(document.documentElement).getPropertyValue("--bg").trim());
  // The background an element's text sits on: its own, else its nearest painted ancestor's.
  const backdrop = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c) return c;
    }
    return page;
  };
  const out = { page, text: [], shapes: [] };
  const text = (what, el) => {
    const r = ratio(rgb(getComputedStyle(el).color), backdrop(el));
    out.text.push([what, Math.round(r * 100) / 100]);
  };
  const shape = (what, css) => {
    const c = rgb(css);
    out.shapes.push([what, c ? Math.round(ratio(c, page) * 100) / 100 : 0]);
  };
  for (const el of document.querySelectorAll(".design-status")) {
    text(`badge ${el.dataset.designStatus}`, el);
    shape(`badge ${el.dataset.designStatus}`, getComputedStyle(el).backgroundColor);
  }
  for (const el of document.querySelectorAll(".design-index-bar rect")) shape(`chart ${el.dataset.countStatus}`, getComputedStyle(el).fill);
  for (const el of document.querySelectorAll(".design-notice")) {
    shape(`notice border ${el.dataset.designStatus}`, getComputedStyle(el).borderLeftColor);
    text(`notice ${el.dataset.designStatus}`, el);
    const title = el.querySelector(".design-notice-title");
    if (title) text(`notice title ${el.dataset.designStatus}`, title);
  }
  for (const el of document.querySelectorAll(".design-index-count-number, .design-index-total, .design-meta, .design-index-note, .design-index-search"))
    text(el.className, el);
  probe.remove();
  // Keep the worst of each kind, to keep the report short.
  const worst = (list) => Object.entries(list.reduce((m, [k, v]) => ((m[k] = Math.min(m[k] ?? 99, v)), m), {}));
  out.text = worst(out.text);
  out.shapes = worst(out.shapes);
  return out;
}

// Whether the content column or the page scrolls sideways.
function overflow() {
  const content = document.querySelector("#content") || document.querySelector("main");
  const wrappers = [...document.querySelectorAll(".design-index-wrap .table-wrapper")];
  return {
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    content: content.scrollWidth - content.clientWidth,
    wrappers: Math.max(0, ...wrappers.map((w) => w.scrollWidth - w.clientWidth)),
  };
}

const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";

function rowsState() {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const rows = [...document.querySelectorAll("table.design-index tbody tr[data-design-status]")];
  const shown = rows.filter(visible);
  const controls = document.querySelector(".design-index-controls");
  const chips = [...document.querySelectorAll("button.design-index-chip[data-filter-key=status]")];
  const counts = Object.fromEntries(
    [...document.querySelectorAll(".design-index-counts .design-index-count")].map((c) => [
      c.dataset.countStatus,
      Number(c.querySelector(".design-index-count-number").textContent),
    ]),
  );
  return {
    rows: rows.length,
    shown: shown.length,
    statuses: [...new Set(shown.map((r) => r.dataset.designStatus))].sort(),
    titles: shown.map((r) => r.cells[0].textContent.trim()),
    counts,
    controls: visible(controls),
    chipsEnabled: chips.filter((c) => !c.disabled).length,
    chips: chips.length,
    hash: location.hash,
  };
}

// --- The runs ------------------------------------------------------------------------------

const summary = { themes: {}, filter: {}, design: {}, screenshots: [] };
async function shot(session, name) {
  // A background tab may never paint a frame in headless mode, and its screenshot then never
  // comes back: bring the page to the front first.
  await b.send("Page.bringToFront", {}, session);
  const { data } = await b.send("Page.captureScreenshot", { format: "png" }, session);
  const path = join(artifacts, name);
  writeFileSync(path, Buffer.from(data, "base64"));
  summary.screenshots.push(path);
}

try {
  for (const width of WIDTHS) {
    const index = await openPage(b, indexUrl, { width, height: width < 600 ? 860 : 900 });
    const design = await openPage(b, designUrl, { width, height: width < 600 ? 860 : 900 });
    for (const theme of THEMES) {
      const where = `${theme} at ${width} px`;
      const result = {};
      for (const [name, session] of [["index", index], ["design", design]]) {
        check(await evaluate(b, session, setTheme, theme), `${where}: mdBook's theme menu did not switch to ${theme}`);
        const m = await evaluate(b, session, measure);
        for (const [what, r] of m.text) check(r >= 4.5, `${where}, ${name} page: ${what} text contrast ${r}:1 (< 4.5)`);
        for (const [what, r] of m.shapes) check(r >= 3, `${where}, ${name} page: ${what} contrast ${r}:1 against the page (< 3)`);
        const o = await evaluate(b, session, overflow);
        check(o.page <= 1 && o.content <= 1 && o.wrappers <= 1, `${where}, ${name} page scrolls sideways: ${JSON.stringify(o)}`);
        result[name] = { minText: Math.min(...m.text.map((t) => t[1])), minShape: Math.min(...m.shapes.map((t) => t[1])), overflow: o };
        if (theme === "light" || theme === "navy") {
          const device = width < 600 ? "mobile" : "desktop";
          if (name === "index") await evaluate(b, session, `function () { document.querySelector('.design-index-wrap').scrollIntoView(); window.scrollBy(0, -70); return true; }`);
          await shot(session, `${name}-${theme}-${device}.png`);
        }
      }
      summary.themes[`${theme}-${width}`] = result;
    }
  }

  // Filters, text box and sorting, judged by the rows left visible.
  const page = await openPage(b, indexUrl);
  const start = await evaluate(b, page, rowsState);
  check(start.shown === start.rows && start.rows > 0, `before filtering ${start.shown} of ${start.rows} rows show`);
  check(start.controls, "the text filter does not show with JavaScript on");
  check(start.chips > 1 && start.chipsEnabled === start.chips, `${start.chipsEnabled} of ${start.chips} chips are enabled`);
  const byCount = Object.entries(start.counts).sort((a, b) => a[1] - b[1]);
  const [[s1, n1], [s2, n2]] = byCount;
  const click = (selector) => evaluate(b, page, `function () { document.querySelector(${JSON.stringify(selector)}).click(); return true; }`);
  await click(`button.design-index-chip[data-filter-key=status][data-filter="${s1}"]`);
  const one = await evaluate(b, page, rowsState);
  check(one.shown === n1 && one.statuses.join() === s1, `after ${s1}: ${one.shown} rows (${one.statuses}); expected ${n1} ${s1}`);
  await click(`button.design-index-chip[data-filter-key=status][data-filter="${s2}"]`);
  const two = await evaluate(b, page, rowsState);
  check(two.shown === n1 + n2, `after ${s1} and ${s2}: ${two.shown} rows; expected ${n1 + n2}`);
  check(two.statuses.join() === [s1, s2].sort().join(), `after ${s1} and ${s2}: statuses ${two.statuses}`);
  check(two.hash.includes(`status=${s1}%2C${s2}`) || two.hash.includes(`status=${s1},${s2}`), `the fragment does not hold the filter: ${two.hash}`);
  summary.filter.statuses = { [s1]: one.shown, [`${s1}+${s2}`]: two.shown, hash: two.hash };
  // The text box: a word from a title that some rows hold and some do not; the rows left are
  // exactly those whose title or summary holds it.
  await click("button.design-index-reset");
  const [word, expected] = await evaluate(
    b,
    page,
    `function () {
      const rows = [...document.querySelectorAll('table.design-index tbody tr')];
      const text = rows.map((r) => (r.cells[0].textContent + ' ' + r.querySelector('.design-index-summary').textContent).toLowerCase());
      for (const r of rows.slice(0, 50)) for (const w of r.cells[0].textContent.split(/\\s+/).reverse()) {
        const n = text.filter((t) => t.includes(w.toLowerCase())).length;
        if (n > 0 && n < rows.length) return [w, n];
      }
      return ['', 0];
    }`,
  );
  await evaluate(
    b,
    page,
    `function (word) { const i = document.querySelector('input.design-index-search'); i.value = word; i.dispatchEvent(new Event('input')); return true; }`,
    word,
  );
  const searched = await evaluate(b, page, rowsState);
  check(searched.shown === expected && expected > 0 && expected < start.rows, `search "${word}": ${searched.shown} rows; expected ${expected}`);
  summary.filter.search = { word, shown: searched.shown };
  await click("button.design-index-reset");
  // Hiding inactive designs leaves exactly the rows not marked inactive.
  const active = await evaluate(b, page, `function () { return document.querySelectorAll('table.design-index tbody tr:not(.design-inactive)').length; }`);
  await evaluate(b, page, `function () { const c = document.querySelector('input.design-index-hide-inactive'); c.click(); return c.checked; }`);
  const hidden = await evaluate(b, page, rowsState);
  check(hidden.shown === active && active < start.rows, `hide inactive: ${hidden.shown} rows; expected ${active}`);
  check(hidden.hash.includes("inactive=hide"), `the fragment does not hold "hide inactive": ${hidden.hash}`);
  summary.filter.hideInactive = hidden.shown;
  await click("button.design-index-reset");
  // Sorting by title, both ways.
  await click("table.design-index th.design-index-title button");
  const up = (await evaluate(b, page, rowsState)).titles;
  const sorted = [...up].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }));
  check(up.length === start.rows && up.join("\n") === sorted.join("\n"), "sorting by title does not order the rows by title");
  await click("table.design-index th.design-index-title button");
  const down = (await evaluate(b, page, rowsState)).titles;
  check(down.join("\n") === [...sorted].reverse().join("\n"), "sorting by title again does not reverse the order");
  await click("table.design-index th.design-index-status button");
  const statusOrder = await evaluate(b, page, `function () { return [...document.querySelectorAll('table.design-index tbody tr')].map((r) => Number(r.cells[1].dataset.sort)); }`);
  check(statusOrder.every((v, i) => i === 0 || statusOrder[i - 1] <= v), "sorting by status does not follow the template order");
  summary.filter.sorted = { first: up[0], last: up[up.length - 1] };

  // A linked filter: the fragment alone restores it.
  const linked = await openPage(b, `${indexUrl}#status=${s2}`);
  const restored = await evaluate(b, linked, rowsState);
  check(restored.shown === n2 && restored.statuses.join() === s2, `#status=${s2} shows ${restored.shown} rows (${restored.statuses}); expected ${n2}`);
  summary.filter.fragment = { hash: `#status=${s2}`, shown: restored.shown };
  // Print: the controls go.
  await b.send("Emulation.setEmulatedMedia", { media: "print" }, linked);
  const printed = await evaluate(b, linked, rowsState);
  check(!printed.controls, "the filter controls show in print");
  summary.filter.printControls = printed.controls;

  // Without JavaScript: every row, no controls, chips inert.
  const plain = await openPage(b, indexUrl, { javascript: false });
  const noJs = await evaluate(b, plain, rowsState);
  check(noJs.shown === noJs.rows && noJs.rows === start.rows, `without JavaScript ${noJs.shown} of ${noJs.rows} rows show`);
  check(!noJs.controls && noJs.chipsEnabled === 0, "without JavaScript the controls show or the chips are live");

  // The replaced design's page: title, badge and metadata first; the notice names and links the
  // replacement, and the link leads to a page that exists.
  const d = await openPage(b, designUrl);
  const info = await evaluate(
    b,
    d,
    `function () {
      const main = document.querySelector('main');
      const visible = (el) => !!el && el.getClientRects().length > 0;
      const order = [...main.querySelectorAll('h1, .design-status, .design-meta, .design-notice, details.design-front-matter')]
        .filter(visible).map((e) => e.tagName === 'H1' ? 'title' : e.className.split(' ')[0]);
      const notice = document.querySelector('.design-notice');
      const link = notice && notice.querySelector('a[href]');
      return { order, notice: notice ? notice.textContent.trim() : null, title: notice && notice.querySelector('.design-notice-title') ? notice.querySelector('.design-notice-title').textContent : null,
        link: link ? link.href : null, linkText: link ? link.textContent : null,
        meta: document.querySelector('.design-meta') ? document.querySelector('.design-meta').textContent.trim() : null };
    }`,
  );
  check(info.order[0] === "title" && info.order[1] === "design-status", `the page does not open with its title and badge: ${info.order}`);
  check(info.order[2] === "design-meta", `the metadata line is not under the badge: ${info.order}`);
  check(info.meta && info.meta.startsWith("Authors: @alice, @bob · Created: 2024-01-02"), `the metadata line reads ${info.meta}`);
  check(!info.order.includes("design-front-matter"), `the raw front matter shows before it is asked for: ${info.order}`);
  check(info.title === "Replaced", `the notice's title is ${info.title}`);
  check(info.notice && info.notice.includes(`Replaced by ${info.linkText}`), `the notice does not name its replacement: ${info.notice}`);
  check(info.link && info.link.endsWith(".html"), `the notice's link is ${info.link}`);
  // The raw front matter is one click away.
  const raw = await evaluate(
    b,
    d,
    `function () {
      document.querySelector('.design-meta a[href="#design-front-matter"]').click();
      const details = document.querySelector('details.design-front-matter');
      return details && details.getClientRects().length > 0 ? details.querySelector('code').textContent : null;
    }`,
  );
  check(raw && raw.includes('authors:\n  - "@alice"'), `the front matter link does not show the raw block: ${raw}`);
  info.raw = raw;
  summary.design = info;
  if (info.link) {
    const target = await openPage(b, info.link);
    const title = await evaluate(b, target, `function () { const h = document.querySelector('main h1'); return h ? h.textContent.trim() : null; }`);
    check(title === info.linkText, `the notice's link leads to "${title}", not "${info.linkText}"`);
  }
  finish();
} catch (e) {
  finish([e.stack || String(e), b.log().slice(-2000)]);
}
