import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Request as PlaywrightRequest, type Response as PlaywrightResponse } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS = join(root, 'test-artifacts');
export const DEMO_PASSWORD = 'Demo@12345';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  output: string[];
  stop: () => Promise<void>;
}

/**
 * The real server (`qingfeng serve`) on a fresh PGlite data directory with the demo district.
 * `env` adds settings, e.g. `QF_FAKE_NOW: 'file:/tmp/now'` to move the server's clock (test only).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-e2e-'));
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(root, 'packages/server/bin/qingfeng.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, QF_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      // The server logs warnings and errors only (LOG_LEVEL=warn): when a journey fails in CI, what
      // the server said is the first thing to read, so it is printed rather than thrown away.
      const logged = output.join('').split('\n').filter((l) => l.startsWith('{')); // pino's JSON lines, not the start-up banner
      if (logged.length) console.log(`[server ${url}] warnings and errors:\n${logged.join('\n').slice(-20_000)}`);
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function loginAs(page: Page, url: string, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A fresh browser context (own cookies, downloads allowed), logged in as `username`. */
export async function pageAs(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await loginAs(page, url, username);
  return page;
}

/**
 * Opens an Ant Design Select or TreeSelect by its test id, optionally types to filter, and picks the
 * option (or tree node) showing `text` — exactly `text` with `exact`. A click that lands while a
 * dropdown or a modal is still animating can be lost (CI once submitted a warning with its 处置措施
 * empty, and once found no tree node in a dropdown that never opened): the pick counts only when the
 * select shows the text, and is tried again otherwise.
 */
export async function pickOption(page: Page, testId: string, text: string, options: { typed?: string; exact?: boolean } = {}) {
  const select = page.getByTestId(testId);
  const shown = options.exact ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  const option = page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-title').filter({ hasText: shown }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) {
      await select.click();
      if (options.typed) await page.keyboard.type(options.typed);
    }
    try {
      await option.click({ timeout: 10_000 });
      await select.filter({ hasText: text }).waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw new Error(`选择框 ${testId} 未选中“${text}”`, { cause: e });
    }
  }
}

/** What the screen shows instead of what a step waited for (field errors, messages, alerts), with a screenshot kept. */
async function whatTheScreenShows(page: Page, shot: string): Promise<string> {
  await page.screenshot({ path: join(ARTIFACTS, `failed-${shot}.png`), fullPage: true });
  const shown = await page.locator('.ant-form-item-explain-error, .ant-message-notice, .ant-alert-message, .ant-alert-title, .ant-modal-body .ant-alert').allInnerTexts();
  return `页面显示：${shown.join(' | ') || '（无错误提示）'}`;
}

/**
 * Clicks a form's submit button and waits for the page it leads to. When the page does not come,
 * the error says what the screen showed instead, and a screenshot is kept: a journey that fails in CI
 * must say why.
 */
export async function submitAndFollow(page: Page, submitTestId: string, url: RegExp, shot: string) {
  await page.getByTestId(submitTestId).click();
  try {
    await page.waitForURL(url);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await whatTheScreenShows(page, shot)}`);
  }
}

/** Clicks a modal's OK button and waits for the modal (one of its fields) to close; if it stays open, says why. */
export async function submitAndClose(page: Page, okTestId: string, fieldTestId: string, shot: string) {
  await page.getByTestId(okTestId).click();
  try {
    await page.getByTestId(fieldTestId).waitFor({ state: 'hidden' });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await whatTheScreenShows(page, shot)}`);
  }
}

/**
 * Opens a Popconfirm with `openerTestId`, clicks its OK button and waits for the request it sends
 * (`method` on a path matching `path`) and its answer. On a loaded machine a click that lands while
 * the popup is still animating in can be lost, and the popup may close all the same (the click fell
 * outside it): CI once confirmed a year's ratings, and once completed a campaign stage, and nothing
 * was sent. Only a request proves the confirmation, so the open and the OK are tried again (at most
 * three times) while none has been sent. An answer other than the one expected (accepted, or
 * `refused`) fails the step with the server's answer and what the screen showed.
 */
export async function confirmPopup(page: Page, openerTestId: string, okTestId: string, request: { method: string; path: RegExp; refused?: boolean }, shot: string) {
  const ok = page.getByTestId(okTestId);
  const matches = (r: PlaywrightRequest) => r.method() === request.method && request.path.test(new URL(r.url()).pathname);
  for (let attempt = 1; ; attempt++) {
    const sent = page.waitForRequest(matches, { timeout: 15_000 });
    sent.catch(() => {}); // awaited below, unless the clicks fail first
    let answer: PlaywrightResponse | null;
    try {
      // A second click on the opener would close a popup that is already open.
      if (!(await ok.isVisible())) await page.getByTestId(openerTestId).click();
      await ok.click({ timeout: 10_000 });
      answer = await (await sent).response(); // once sent, never clicked again: waits for the answer
    } catch (e) {
      if (attempt === 3) throw new Error(`确认框 ${okTestId} 三次确认均未发出请求\n${await whatTheScreenShows(page, shot)}`, { cause: e });
      continue;
    }
    if (!answer || answer.status() >= 400 !== Boolean(request.refused)) {
      throw new Error(`${request.method} ${request.path} → ${answer ? `${answer.status()} ${await answer.text()}` : '无应答'}\n${await whatTheScreenShows(page, shot)}`);
    }
    return;
  }
}

/**
 * A journey file's server and browser: started before its tests (the server with `env`, e.g. a fake
 * clock; then `ready`, e.g. an extra account), closed after them. Read `server` and `browser` inside
 * tests, once they are up.
 */
export function journey(options: { env?: () => Record<string, string>; ready?: (server: RunningServer) => Promise<void> } = {}) {
  const running = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    running.server = await startServer(options.env?.());
    running.browser = await launchBrowser();
    await options.ready?.(running.server);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}
