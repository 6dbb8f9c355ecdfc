// Shared e2e helpers: the real server as a child process, Debian's Chromium through playwright-core,
// login through the dev IdP's persona picker, and an axe-core check of every page visited.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Node ≥ 24 runs the server's TypeScript as is; vitest may have been started by an older node. */
function nodeBinary(): string {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const local = path.join(REPO, 'node_modules/.bin/node');
  return fs.existsSync(local) ? local : process.execPath;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface Server {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
  /** stops the server and starts it again on the same port and data (no new demo data), with these variables added
   *  — e.g. { CLOCK_OFFSET_DAYS: '9' } to carry on nine days later */
  restart(env?: Record<string, string>): Promise<void>;
}

/** Builds the SPA if its sources changed (no-op otherwise). */
export function buildWeb(): void {
  const r = spawnSync(nodeBinary(), [path.join(REPO, 'scripts/build-web.ts')], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building packages/web failed');
}

/** Starts packages/server/src/main.ts on a free port with a fresh data directory and waits for /healthz. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  buildWeb();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscms-e2e-'));
  const url = `http://localhost:${port}`;
  let out = '';
  // E2E_SERVER_MAIN: run another checkout's server (e.g. a patched copy) against these tests
  const main = process.env.E2E_SERVER_MAIN || path.join(REPO, 'packages/server/src/main.ts');
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  let child: ChildProcess;
  let exited: number | null = null;
  let exit: Promise<void>;

  async function launch(extra: Record<string, string>): Promise<void> {
    child = spawn(nodeBinary(), [main], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, SEED_EMPLOYEES: '200', LOG_LEVEL: 'warn', RATE_LIMIT_LOGIN_PER_MINUTE: '1000', DATABASE_URL: '', ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    exited = null;
    exit = new Promise<void>((resolve) =>
      child.once('exit', (code) => {
        exited = code ?? -1;
        resolve();
      }),
    );
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (exited !== null) throw new Error(`server exited with ${exited} before it was ready:\n${out}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) break;
      } catch {}
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server not ready within 150 s:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function halt(): Promise<void> {
    if (exited === null) {
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(t);
    }
  }

  await launch({});
  return {
    url,
    port,
    dataDir,
    output: () => out,
    async stop() {
      await halt();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async restart(extra = {}) {
      await halt();
      await launch(extra);
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** problems seen in the browser: console errors, page errors, CSP violations */
  problems: string[];
  /** every 4xx/5xx answer (for the report when a test fails; a 401 from /api/v1/me when logged out is normal) */
  httpErrors: string[];
}

export async function newSession(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: opts.locale ?? 'en-IN' });
  const page = await context.newPage();
  const problems: string[] = [];
  const httpErrors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) httpErrors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[134]|Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const session = { context, page, problems, httpErrors };
  // when the test fails: a screenshot of where it stood, and what the browser saw
  try {
    onTestFailed(async ({ task }) => {
      const name = task.name.replace(/[^\w]+/g, '-').slice(0, 60);
      const file = await screenshot(page, `FAILED-${name}`).catch(() => '(no screenshot)');
      console.error(`e2e failure in "${task.name}" at ${page.url()}\n  screenshot: ${file}\n  browser problems: ${problems.join(' | ') || 'none'}\n  HTTP errors: ${httpErrors.slice(-15).join(', ') || 'none'}`);
    });
  } catch {} // outside a running test (scripts)
  return session;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the page as it is now; throws on any serious or critical violation. Returns the minor/moderate ones. */
export async function checkA11y(page: Page, label: string): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => {});
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
    throw new Error(`axe: ${bad.length} serious/critical violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`);
  }
  return result.violations.map((v) => `${v.impact}: ${v.id}`);
}

/** The page must not scroll sideways (checked at 360 px). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const d = document.documentElement;
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.right > d.clientWidth + 1 && r.width > 0) culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (right ${Math.round(r.right)})`);
      if (culprits.length >= 8) break;
    }
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, culprits };
  });
}

/** Is the development identity provider mounted (GET /auth/login redirects to /dev-idp)? */
export async function devIdpAvailable(server: Server): Promise<boolean> {
  try {
    const r = await fetch(`${server.url}/auth/login?returnTo=%2F`, { redirect: 'manual' });
    const loc = r.headers.get('location') ?? '';
    if (r.status >= 300 && r.status < 400 && loc.includes('/dev-idp')) return true;
    const idp = await fetch(`${server.url}/dev-idp/.well-known/openid-configuration`);
    return idp.ok && r.status >= 300 && r.status < 400;
  } catch {
    return false;
  }
}

let idpPageChecked = false;

/**
 * Logs in through the UI: "Login with e-Parichay" on the login page → the dev IdP's persona picker →
 * pick the persona → back on the portal, logged in.
 */
export async function loginAs(page: Page, server: Server, persona: string, opts: { refused?: boolean } = {}): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: /Login with e-Parichay|ई-परिचय से लॉग इन करें/ }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/dev-idp'), { timeout: 30_000 });
  if (!idpPageChecked) {
    // the persona picker is a page people see too: axe it (once per run; it is the same page every time)
    await page.waitForLoadState('load');
    await checkA11y(page, 'dev IdP persona picker');
    idpPageChecked = true;
  }
  await pickPersona(page, persona);
  // the dev IdP answers with redirects: /dev-idp/auth/… → /auth/callback → returnTo (or /unmatched, /account-disabled)
  try {
    await page.waitForURL((u) => !u.pathname.startsWith('/dev-idp') && !u.pathname.startsWith('/auth/'), { timeout: 30_000 });
  } catch (e) {
    throw new Error(`login as ${persona} did not come back to the portal; stuck at ${page.url()}:\n${(await page.content()).slice(0, 2000)}`, { cause: e });
  }
  if (opts.refused) return; // /unmatched or /account-disabled: the caller checks which
  await page.getByRole('button', { name: /Account|खाता/ }).waitFor({ timeout: 30_000 });
}

async function pickPersona(page: Page, persona: string): Promise<void> {
  const candidates = [
    page.locator(`[data-persona="${persona}"]`),
    page.locator(`button[name="persona"][value="${persona}"], button[value="${persona}"]`),
    page.locator(`input[type=radio][value="${persona}"]`),
    page.locator(`a[href*="persona=${persona}"]`),
    page.getByRole('button', { name: new RegExp(`\\b${persona}\\b`) }),
    page.getByRole('link', { name: new RegExp(`\\b${persona}\\b`) }),
  ];
  await page.waitForLoadState('load');
  for (const c of candidates) {
    if ((await c.count()) > 0) {
      const el = c.first();
      const type = await el.getAttribute('type');
      if (type === 'radio') {
        await el.check();
        await page.locator('button[type=submit], input[type=submit]').first().click();
      } else if (await el.evaluate((n) => n.tagName === 'SELECT')) {
        await el.selectOption(persona);
        await page.locator('button[type=submit], input[type=submit]').first().click();
      } else {
        await el.click();
      }
      return;
    }
  }
  const select = page.locator('select').first();
  if ((await select.count()) > 0) {
    await select.selectOption(persona);
    await page.locator('button[type=submit], input[type=submit]').first().click();
    return;
  }
  throw new Error(`persona ${persona} not found on the dev IdP page ${page.url()}:\n${(await page.content()).slice(0, 3000)}`);
}

/** Follows a link of the main navigation, opening the collapsed menu (360 px) or the link's group first when needed. */
export async function navTo(page: Page, name: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Main navigation|मुख्य नेविगेशन)$/ });
  const link = nav.getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
  if (!(await link.isVisible())) {
    const toggle = nav.getByRole('button', { name: /(Menu|मेनू)$/ });
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  }
  if (!(await link.isVisible())) {
    for (const group of await nav.locator('button[data-group]').all()) {
      if (!(await group.isVisible())) continue;
      await group.click();
      if (await link.isVisible()) break;
      await group.click();
    }
  }
  await link.click();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Account|खाता/ }).click();
  await page.getByRole('button', { name: /^(Log out|लॉग आउट)$/ }).click();
  await page.getByRole('button', { name: /Login with e-Parichay|ई-परिचय से लॉग इन करें/ }).waitFor({ timeout: 30_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(REPO, 'test-results', 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The server and the browser of one e2e file: started before its tests (then `ready` is called with both, for the
 * file's own checks), stopped after them.
 */
export function serverAndBrowser(ready: (server: Server, browser: Browser) => void | Promise<void>, env: Record<string, string> = {}): void {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
    await ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
