// A small driver for headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on fd 3, replies on fd 4, each message ending in NUL).
// No npm packages. Environment: CHROMIUM (default: chromium on PATH).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/// Starts Chromium; returns { send, once, close, log }.
export function launch() {
  const chromium = process.env.CHROMIUM || "chromium";
  const profile = mkdtempSync(join(tmpdir(), "design-browser-"));
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
      "--font-render-hinting=none",
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  const state = { log: "", error: null };
  browser.stderr.on("data", (d) => (state.log += d));
  browser.on("error", (e) => (state.error = `cannot start ${chromium}: ${e.message}`));
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
  // Every command gets an answer within `timeoutMs`, or fails naming itself (a hung command
  // would otherwise hang the whole test until its watchdog).
  function send(method, params = {}, sessionId, timeoutMs = 90000) {
    if (state.error) return Promise.reject(new Error(state.error));
    const id = nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    toBrowser.write(JSON.stringify(message) + "\0");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer from Chromium in ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const done = (f) => (value) => {
        clearTimeout(timer);
        f(value);
      };
      pending.set(id, { resolve: done(resolve), reject: done(reject), method });
    });
  }
  function once(method, sessionId, timeoutMs = 60000) {
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
  function close() {
    try {
      browser.kill();
    } catch {}
    try {
      rmSync(profile, { recursive: true, force: true });
    } catch {}
  }
  return { send, once, close, log: () => state.log };
}

/// Opens `url` in a new tab of `width` x `height` pixels; returns the session id.
export async function openPage(b, url, { javascript = true, width = 1280, height = 900 } = {}) {
  const { targetId } = await b.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await b.send("Target.attachToTarget", { targetId, flatten: true });
  await b.send("Page.enable", {}, sessionId);
  await b.send("Runtime.enable", {}, sessionId);
  await b.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: width < 600 }, sessionId);
  if (!javascript) await b.send("Emulation.setScriptExecutionDisabled", { value: true }, sessionId);
  const loaded = b.once("Page.loadEventFired", sessionId);
  await b.send("Page.navigate", { url }, sessionId);
  await loaded;
  return sessionId;
}

/// Runs `fn` (a function or its source; `arg` is passed as its one argument) in the page and
/// returns its JSON result.
export async function evaluate(b, sessionId, fn, arg) {
  const { result, exceptionDetails } = await b.send(
    "Runtime.evaluate",
    { expression: `(${fn})(${JSON.stringify(arg ?? null)})`, returnByValue: true, awaitPromise: true },
    sessionId,
  );
  if (exceptionDetails) throw new Error(`page error: ${exceptionDetails.text} ${JSON.stringify(exceptionDetails.exception)}`);
  return result.value;
}
