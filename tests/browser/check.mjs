// Opens a built design book in headless Chromium and checks the design index table:
// the table and the badges are visible, the status chips turn into filter buttons once JavaScript
// runs, clicking one hides the rows of other statuses, and with JavaScript off the whole table
// shows. Takes a screenshot of the page.
//
// Usage: node tests/browser/check.mjs <page.html> <screenshot.png>
// Environment: CHROMIUM (default: chromium on PATH). Chromium is driven by ./cdp.mjs.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { evaluate as run, launch, openPage as open } from "./cdp.mjs";

const [pagePath, screenshotPath, clicksArg] = process.argv.slice(2);
// Optional: a JSON list of [group, value] chips to click in turn (`[["area","sig-node"]]`).
const clicks = clicksArg ? JSON.parse(clicksArg) : null;
if (!pagePath || !screenshotPath) {
  console.error("usage: node check.mjs <page.html> <screenshot.png>");
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const b = launch();
const send = b.send;
const openPage = ({ javascript, fragment = "" }) => open(b, url + fragment, { javascript });
const evaluate = (sessionId, fn) => run(b, sessionId, fn);

// What the page shows: rows visible per status, and whether table, badges and buttons show.
function state() {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const table = document.querySelector("table.design-index");
  const rows = [...document.querySelectorAll("table.design-index tr[data-design-status]")];
  const shown = rows.filter(visible);
  const badges = [...document.querySelectorAll("table.design-index .design-status")];
  const filters = document.querySelector(".design-index-controls");
  const chips = [...document.querySelectorAll("button.design-index-chip[data-filter-key=status]")];
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
    buttons: chips.filter((c) => !c.disabled).map((b) => b.dataset.filter),
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
  if (b.log()) console.error(b.log().slice(-2000));
  cleanup();
  process.exit(1);
}

function cleanup() {
  b.close();
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
  check(before.filtersShown, "the filter controls do not show with JavaScript on");
  check(before.buttons.length === before.counts.length, `${before.buttons.length} live chips for ${before.counts.length} statuses`);
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
      const button = document.querySelector('button.design-index-chip[data-filter-key=status][data-filter="${status}"]');
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
  await send("Page.bringToFront", {}, page);
  const { data } = await send("Page.captureScreenshot", { format: "png" }, page);
  mkdirSync(dirname(resolve(screenshotPath)), { recursive: true });
  writeFileSync(screenshotPath, Buffer.from(data, "base64"));
  // "Show all" brings every row back.
  await evaluate(page, `function () { document.querySelector('button.design-index-reset').click(); return true; }`);
  const all = await evaluate(page, state);
  check(all.shown === before.rows, `after clicking Show all, ${all.shown} of ${before.rows} rows show`);

  // Combined filters: click each [group, value] chip, read the visible rows and the fragment,
  // then open the page at that fragment and read the rows again.
  let combined = null;
  if (clicks) {
    for (const [group, value] of clicks) {
      const pressed = await evaluate(
        page,
        `function () {
          const b = document.querySelector('button.design-index-chip[data-filter-key=${JSON.stringify(group)}][data-filter=${JSON.stringify(value)}]');
          if (!b) return 'missing';
          b.click();
          return b.getAttribute('aria-pressed');
        }`,
      );
      check(pressed === "true", `the ${group}=${value} chip is ${pressed === "missing" ? "missing" : "not pressed"}`);
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
  check(!plain.filtersShown, "with JavaScript off, the filter controls show (and would do nothing)");
  check(plain.buttons.length === 0, "with JavaScript off, the status chips are live buttons (and would do nothing)");

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
