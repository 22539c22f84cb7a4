import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT } from "../helpers/corpus.js";

/** The built page, as `npm run playground` writes it. */
export const PLAYGROUND_DIR = join(ROOT, "dist/playground");
export const PLAYGROUND_URL = pathToFileURL(join(PLAYGROUND_DIR, "index.html")).href;

/** Builds the playground with the README's command, so a clean clone (CI) tests what a user builds. */
export function buildPlayground(): void {
  const r = spawnSync("npm", ["run", "--silent", "playground"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run playground failed:\n${r.stdout}${r.stderr}`);
}

/** Debian's chromium (what .ci/run installs), or CHROMIUM_PATH; playwright-core never downloads a browser. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path))
    throw new Error(
      `no Chromium at ${path}: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`,
    );
  return path;
}

export async function launch(): Promise<Browser> {
  // As root (CI, this machine) Chromium refuses to start without --no-sandbox.
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return chromium.launch({ executablePath: chromiumPath(), args });
}

/** Opens the page and waits until its first compile is on screen. */
export async function openPlayground(browser: Browser, url = PLAYGROUND_URL): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 }).catch((e: Error) => {
    throw new Error(`the page did not start: ${problems.join("; ") || e.message}`);
  });
  return page;
}

/** Replaces the whole text of one editor (`#score` or `#rules`) as a paste would. */
export async function replaceEditorText(page: Page, editor: "#score" | "#rules", text: string): Promise<void> {
  await page.click(`${editor} .cm-line >> nth=0`); // the first line is always in view; the content's middle may not be
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** The lines an editor shows (CodeMirror renders the lines in and near view: keep test texts short). */
export async function editorLines(page: Page, editor: "#score" | "#rules"): Promise<string> {
  return (await page.locator(`${editor} .cm-line`).allTextContents()).join("\n");
}

/** Waits until `#output` contains a text, and returns the output. */
export async function waitForOutput(page: Page, text: string): Promise<string> {
  // A string expression: it runs in the page, where `document` exists (this file is type-checked without DOM types).
  await page.waitForFunction(
    `document.getElementById("output").textContent.includes(${JSON.stringify(text)})`,
    undefined,
    { timeout: 10_000 },
  );
  return (await page.locator("#output").textContent()) ?? "";
}

/** A static file server on loopback for dist/playground, under a sub-path (as GitHub Pages serves a project site). */
export async function serveStatic(prefix: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".txt": "text/plain",
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end();
    const file = normalize(join(PLAYGROUND_DIR, path.slice(prefix.length) || "index.html"));
    if (!file.startsWith(PLAYGROUND_DIR) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, server };
}
