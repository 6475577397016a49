// Opens a built design book in headless Chromium and checks the design index table:
// the table and the badges are visible, the filter buttons show once JavaScript runs, clicking
// a status filter hides the rows of other statuses, and with JavaScript off the whole table
// shows. Takes a screenshot of the page.
//
// Usage: node tests/browser/check.mjs <page.html> <screenshot.png>
// Environment: CHROMIUM (default: chromium on PATH).
//
// No npm packages: Chromium is driven through the DevTools protocol over a pipe
// (--remote-debugging-pipe: commands on fd 3, replies on fd 4, each message ending in NUL).

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pagePath, screenshotPath, clicksArg] = process.argv.slice(2);
const clicks = clicksArg ? JSON.parse(clicksArg) : null;
if (!pagePath || !screenshotPath) {
  console.error("usage: node check.mjs <page.html> <screenshot.png>");
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const chromium = process.env.CHROMIUM || "chromium";
const profile = mkdtempSync(join(tmpdir(), "design-index-chromium-"));

const browser = spawn(
  chromium,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
    `--user-data-dir=${profile}`,
    "about:blank",
  ],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
);
let browserLog = "";
browser.stderr.on("data", (d) => (browserLog += d));
browser.on("error", (e) => fail(`cannot start ${chromium}: ${e.message}`));

// The DevTools protocol over the pipe.
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = Buffer.alloc(0);
fromBrowser.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) !== -1) {
    const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
    buffer = buffer.subarray(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject, method } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result);
    } else {
      for (const l of listeners) l(message);
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  const message = { id, method, params };
  if (sessionId) message.sessionId = sessionId;
  toBrowser.write(JSON.stringify(message) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}

function once(method, sessionId, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
    const listener = (m) => {
      if (m.method === method && m.sessionId === sessionId) {
        clearTimeout(timer);
        listeners.splice(listeners.indexOf(listener), 1);
        resolve(m.params);
      }
    };
    listeners.push(listener);
  });
}

async function openPage({ javascript, fragment = "" }) {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Page.enable", {}, sessionId);
  await send("Runtime.enable", {}, sessionId);
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  if (!javascript) await send("Emulation.setScriptExecutionDisabled", { value: true }, sessionId);
  const loaded = once("Page.loadEventFired", sessionId);
  await send("Page.navigate", { url: url + fragment }, sessionId);
  await loaded;
  return sessionId;
}

// Runs `fn` (no arguments) in the page and returns its JSON result.
async function evaluate(sessionId, fn) {
  const { result, exceptionDetails } = await send(
    "Runtime.evaluate",
    { expression: `(${fn})()`, returnByValue: true, awaitPromise: true },
    sessionId,
  );
  if (exceptionDetails) throw new Error(`page error: ${exceptionDetails.text} ${JSON.stringify(exceptionDetails.exception)}`);
  return result.value;
}

// What the page shows: rows visible per status, and whether table, badges and buttons show.
function state() {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const table = document.querySelector("table.design-index");
  const rows = [...document.querySelectorAll("table.design-index tr[data-design-status]")];
  const shown = rows.filter(visible);
  const badges = [...document.querySelectorAll("table.design-index .design-status")];
  const filters = document.querySelector(".design-index-filters");
  const perStatus = {};
  for (const r of shown) perStatus[r.dataset.designStatus] = (perStatus[r.dataset.designStatus] || 0) + 1;
  const firstBadge = badges[0] && badges[0].getBoundingClientRect();
  return {
    table: visible(table),
    rows: rows.length,
    shown: shown.length,
    perStatus,
    badgesShown: badges.filter(visible).length,
    badgeSize: firstBadge ? [Math.round(firstBadge.width), Math.round(firstBadge.height)] : null,
    filtersShown: visible(filters),
    buttons: filters ? [...filters.querySelectorAll("button[data-filter]")].map((b) => b.dataset.filter) : [],
    bar: visible(document.querySelector("svg.design-index-bar")),
    counts: [...document.querySelectorAll(".design-index-counts .design-index-count")].map((c) => [
      c.dataset.countStatus,
      Number(c.querySelector(".design-index-count-number").textContent),
    ]),
  };
}

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}

function fail(message) {
  console.error(`browser test failed: ${message}`);
  if (browserLog) console.error(browserLog.slice(-2000));
  cleanup();
  process.exit(1);
}

function cleanup() {
  try {
    browser.kill();
  } catch {}
  try {
    rmSync(profile, { recursive: true, force: true });
  } catch {}
}

const watchdog = setTimeout(() => fail("timed out after 90 s"), 90000);

try {
  // JavaScript on: the table, badges and buttons show; a filter hides the other rows.
  const page = await openPage({ javascript: true });
  const before = await evaluate(page, state);
  check(before.table, "the table is not visible");
  check(before.rows > 0, "the table has no design rows");
  check(before.shown === before.rows, `only ${before.shown} of ${before.rows} rows show before filtering`);
  check(before.badgesShown === before.rows, `${before.badgesShown} badges visible for ${before.rows} rows`);
  check(before.badgeSize && before.badgeSize[0] > 10 && before.badgeSize[1] > 8, `badges are too small: ${before.badgeSize}`);
  check(before.filtersShown, "the filter buttons do not show with JavaScript on");
  check(before.bar, "the status bar is not visible");
  const countTotal = before.counts.reduce((n, [, c]) => n + c, 0);
  check(countTotal === before.rows, `counts add up to ${countTotal}, the table has ${before.rows} rows`);
  for (const [status, n] of before.counts) {
    check(before.perStatus[status] === n, `count of ${status} is ${n}, the table shows ${before.perStatus[status]}`);
  }
  // Click the status with the fewest rows (but more than none, and not every row).
  const candidates = before.counts.filter(([, n]) => n > 0 && n < before.rows).sort((a, b) => a[1] - b[1]);
  const [status, expected] = candidates[0] || before.counts[0];
  const clicked = await evaluate(
    page,
    `function () {
      const button = document.querySelector('.design-index-filters button[data-filter="${status}"]');
      button.click();
      return button.getAttribute('aria-pressed');
    }`,
  );
  check(clicked === "true", `the ${status} button is not pressed after clicking (aria-pressed=${clicked})`);
  const filtered = await evaluate(page, state);
  check(filtered.shown === expected, `after clicking ${status}, ${filtered.shown} rows show; expected ${expected}`);
  check(
    Object.keys(filtered.perStatus).every((s) => s === status),
    `after clicking ${status}, rows of other statuses show: ${JSON.stringify(filtered.perStatus)}`,
  );
  // The screenshot shows the filtered table: scroll it into view first.
  await evaluate(page, `function () { document.querySelector('.design-index-wrap').scrollIntoView(); return true; }`);
  const { data } = await send("Page.captureScreenshot", { format: "png" }, page);
  mkdirSync(dirname(resolve(screenshotPath)), { recursive: true });
  writeFileSync(screenshotPath, Buffer.from(data, "base64"));
  // "all" brings every row back.
  await evaluate(page, `function () { document.querySelector('.design-index-filters button[data-filter="all"]').click(); return true; }`);
  const all = await evaluate(page, state);
  check(all.shown === before.rows, `after clicking all, ${all.shown} of ${before.rows} rows show`);

  // Combined filters: click each [group, value], then read the visible rows and the fragment.
  let combined = null;
  if (clicks) {
    for (const [group, value] of clicks) {
      const pressed = await evaluate(
        page,
        `function () {
          const b = document.querySelector('.design-index-filters[data-filter-key=${JSON.stringify(group)}] button[data-filter=${JSON.stringify(value)}]');
          if (!b) return 'missing';
          b.click();
          return b.getAttribute('aria-pressed');
        }`,
      );
      check(pressed === "true", `the ${group}=${value} button is ${pressed === "missing" ? "missing" : "not pressed"}`);
    }
    const visibleRows = `function () {
      return [...document.querySelectorAll("table.design-index tr[data-design-path]")]
        .filter((r) => r.getClientRects().length > 0)
        .map((r) => r.dataset.designPath);
    }`;
    const shown = await evaluate(page, visibleRows);
    const hash = await evaluate(page, `function () { return window.location.hash; }`);
    const again = await openPage({ javascript: true, fragment: hash });
    const reloaded = await evaluate(again, visibleRows);
    combined = { shown, hash, reloaded };
  }

  // JavaScript off: the whole table shows and the buttons stay hidden.
  const noScript = await openPage({ javascript: false });
  const plain = await evaluate(noScript, state);
  check(plain.shown === before.rows, `with JavaScript off, ${plain.shown} of ${before.rows} rows show`);
  check(!plain.filtersShown, "with JavaScript off, the filter buttons show (and would do nothing)");

  clearTimeout(watchdog);
  const summary = {
    page: pagePath,
    rows: before.rows,
    counts: Object.fromEntries(before.counts),
    clicked: status,
    shownAfterClick: filtered.shown,
    screenshot: screenshotPath,
    combined,
  };
  if (failures.length) fail(`${failures.join("\n")}\n${JSON.stringify(summary)}`);
  console.log(JSON.stringify(summary));
  cleanup();
  process.exit(0);
} catch (e) {
  fail(e.stack || String(e));
}
