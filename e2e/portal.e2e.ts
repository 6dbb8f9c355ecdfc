// The portal in a real browser: the logged-out pages, then login through the dev IdP as an employee and as a
// Nodal Officer (and an administrator), the Hindi switch, logout — with axe-core on every page visited and
// the 360 px layout checked for sideways scrolling.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, devIdpAvailable, horizontalOverflow, loginAs, logout, navTo, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;
let idp = false;

serverAndBrowser(async (s, b) => {
  server = s;
  browser = b;
  idp = await devIdpAvailable(server);
  if (!idp) console.warn('e2e: the dev IdP is not mounted yet (GET /auth/login does not redirect to /dev-idp): login tests are skipped');
});

/** Visits a page of the SPA and runs axe on it; returns when the page's h1 is there. */
async function visit(page: Page, path: string, heading: RegExp, label: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  await checkA11y(page, label);
}

async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const o = await horizontalOverflow(page);
  expect(o.scrollWidth, `${label}: page scrolls sideways at 360 px; widest elements: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
}

describe('logged out', () => {
  it('shows the login page, accessible, with a skip link and the e-Parichay button', async () => {
    const { page, context, problems } = await newSession(browser);
    await visit(page, '/', /Log in to CSCMS/, 'login page');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.title()).toContain('CSCMS');
    // the first Tab stop is the skip link, and it takes focus to <main>
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expect.poll(() => page.getByRole('button', { name: 'Login with e-Parichay' }).isVisible()).toBe(true);
    await screenshot(page, 'login-en');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches to Hindi without logging in: <html lang="hi">, a lang cookie, Hindi text that survives a reload', async () => {
    const { page, context, problems } = await newSession(browser);
    await visit(page, '/', /Log in to CSCMS/, 'login page');
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await expect.poll(() => page.locator('h1').textContent()).toBe('सीएससीएमएस में लॉग इन करें');
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('hi');
    await checkA11y(page, 'login page (hi)');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('सीएससीएमएस में लॉग इन करें');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await expect.poll(() => page.getByRole('button', { name: 'ई-परिचय से लॉग इन करें' }).isVisible()).toBe(true);
    await screenshot(page, 'login-hi');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains /unmatched and /account-disabled with whom to contact', async () => {
    const { page, context } = await newSession(browser);
    await visit(page, '/unmatched', /We could not find your service record/, '/unmatched');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Nodal Officer.*CS\.I.*CS\.II/s);
    await visit(page, '/account-disabled', /Your account is disabled/, '/account-disabled');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Nodal Officer.*CS\.I.*CS\.II/s);
    await context.close();
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const { page, context } = await newSession(browser, { width: 360, height: 740 });
    for (const p of ['/', '/unmatched', '/account-disabled']) {
      await visit(page, p, /\S/, `${p} at 360 px`);
      await expectNoSidewaysScroll(page, p);
    }
    await screenshot(page, 'account-disabled-360');
    await context.close();
  });

  it('says why the person is back on the login page (?login=out|cancelled|failed)', async () => {
    const { page, context } = await newSession(browser);
    for (const [q, text] of [
      ['out', 'You have logged out.'],
      ['cancelled', 'The login was cancelled at e-Parichay'],
      ['failed', 'The login could not be completed'],
    ] as const) {
      await visit(page, `/?login=${q}`, /Log in to CSCMS/, `login page ?login=${q}`);
      await expect.poll(() => page.locator('main').textContent()).toContain(text);
    }
    await context.close();
  });

  it('answers any other path with the login page (the SPA fallback), not a blank page', async () => {
    const { page, context } = await newSession(browser);
    await visit(page, '/inbox', /Log in to CSCMS/, '/inbox logged out');
    await context.close();
  });
});

describe('logged in through the dev IdP', () => {
  it('employee: home with profile summary and services, inbox, Hindi switch persists, 360 px menu, logout', async (ctx) => {
    if (!idp) ctx.skip();
    const { page, context, problems } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/^Welcome, /);
    await expect.poll(() => page.getByRole('heading', { name: 'Your profile' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.summary').textContent(), { timeout: 20_000 }).toMatch(/Employee code.*CSS\d+/s);
    await expect.poll(() => page.getByRole('heading', { name: 'Your services' }).isVisible()).toBe(true);
    await checkA11y(page, 'employee home');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Home', expect.stringMatching(/^Inbox/)]));
    expect(await nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await screenshot(page, 'employee-home');

    await nav.getByRole('link', { name: /^Inbox/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inbox');
    await checkA11y(page, 'employee inbox');

    // Hindi: the navigation and <html lang> change, and the choice is kept on the server (survives a new browser context)
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    const navHi = page.getByRole('navigation', { name: 'मुख्य नेविगेशन' });
    await expect.poll(() => navHi.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['मुख पृष्ठ', expect.stringMatching(/^सूचनाएँ/)]));
    await expect.poll(() => page.locator('h1').textContent()).toBe('सूचनाएँ');
    await checkA11y(page, 'employee inbox (hi)');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await expect.poll(() => page.locator('h1').textContent()).toBe('सूचनाएँ');
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^स्वागत है, /);
    await checkA11y(page, 'employee home (hi)');
    await screenshot(page, 'employee-home-hi');

    // 360 px: the navigation collapses behind a button
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoSidewaysScroll(page, 'employee home (hi) at 360 px');
    const toggle = page.getByRole('button', { name: 'मेनू' });
    await expect.poll(() => toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await navHi.getByRole('link', { name: 'मुख पृष्ठ' }).isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => navHi.getByRole('link', { name: 'मुख पृष्ठ' }).isVisible()).toBe(true);
    await checkA11y(page, 'employee home (hi) at 360 px, menu open');
    await expectNoSidewaysScroll(page, 'employee home (hi) at 360 px, menu open');
    await screenshot(page, 'employee-home-hi-360');
    await navHi.getByRole('link', { name: /^सूचनाएँ/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('सूचनाएँ');
    await expectNoSidewaysScroll(page, 'inbox at 360 px');
    await checkA11y(page, 'employee inbox (hi) at 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // back to English, then log out
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await logout(page);
    await checkA11y(page, 'login page after logout');
    // the session is gone on the server too
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('Nodal Officer: home with their Ministry, employees list, Hindi navigation, logout', async (ctx) => {
    if (!idp) ctx.skip();
    const { page, context, problems } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/^Welcome, /);
    await expect.poll(() => page.getByRole('heading', { name: 'Nodal Officer' }).isVisible()).toBe(true);
    // the Ministry by name (masters), not by number
    await expect.poll(() => page.locator('#home-nodal + p').textContent(), { timeout: 20_000 }).toMatch(/(Ministry|Department) of /);
    await checkA11y(page, 'nodal officer home');
    // the navigation groups the Nodal Officer's many links: a disclosure button per group, Escape closes it
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const work = nav.getByRole('button', { name: 'Official work' });
    expect(await work.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('link', { name: 'Employees' }).isVisible()).toBe(false);
    await work.click();
    expect(await work.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => nav.getByRole('link', { name: 'Employees' }).isVisible()).toBe(true);
    await checkA11y(page, 'nodal officer home, navigation group open');
    await page.keyboard.press('Escape');
    expect(await work.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-group'))).toBe('work');
    await navTo(page, 'Employees');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Employees');
    await page.getByText('Loading…').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
    await checkA11y(page, 'nodal officer employees');
    await screenshot(page, 'nodal-employees');
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    const navHi = page.getByRole('navigation', { name: 'मुख्य नेविगेशन' });
    await expect.poll(() => navHi.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['मुख पृष्ठ']));
    await expect.poll(() => navHi.getByRole('button').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^मेरी सेवाएँ/), expect.stringMatching(/^कार्यालयी कार्य/)]));
    await navHi.getByRole('button', { name: 'कार्यालयी कार्य' }).click();
    await expect.poll(() => navHi.getByRole('link', { name: 'कर्मचारी' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await checkA11y(page, 'nodal officer employees (hi)');
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoSidewaysScroll(page, 'employees (hi) at 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await logout(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('सीएससीएमएस में लॉग इन करें');
    expect(problems).toEqual([]);
    await context.close();

    // the choice is kept on the server: a new browser (no lang cookie) logging in as the same person gets Hindi
    const again = await newSession(browser);
    await loginAs(again.page, server, 'nodal-1');
    await expect.poll(() => again.page.evaluate(() => document.documentElement.lang), { timeout: 20_000 }).toBe('hi');
    await expect.poll(() => again.page.locator('h1').textContent()).toMatch(/^स्वागत है, /);
    await checkA11y(again.page, 'nodal officer home (hi, remembered)');
    await again.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => again.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await again.context.close();
  });

  it('administrator: users, outbox and audit trail pages are reachable and accessible', async (ctx) => {
    if (!idp) ctx.skip();
    const { page, context, problems } = await newSession(browser);
    await loginAs(page, server, 'admin');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/^Welcome, /);
    await checkA11y(page, 'admin home');
    for (const [path, title] of [
      ['/admin/users', 'User accounts'],
      ['/admin/outbox', 'Mail outbox'],
      ['/audit', 'Audit trail'],
    ] as const) {
      await navTo(page, title);
      await expect.poll(() => page.locator('h1').textContent()).toBe(title);
      await page.getByText('Loading…').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
      await checkA11y(page, `admin ${path}`);
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoSidewaysScroll(page, `${path} at 360 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, `admin${path.replace(/\//g, '-')}`);
    }
    // a filter the server refuses: its message (problem+json `errors`) sits next to the field, which is marked invalid
    await page.goto(`${server.url}/audit`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Audit trail');
    const who = page.getByLabel('Done by (user ID)');
    await who.fill('not-a-user-id');
    await page.getByRole('button', { name: 'Show records' }).click();
    await expect.poll(() => who.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    const describedBy = (await who.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toMatch(/actorUserId/);
    await checkA11y(page, 'audit with a refused filter');
    // a good filter: only the records of one action
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Action').fill('session.login');
    await page.getByRole('button', { name: 'Show records' }).click();
    await expect.poll(async () => [...new Set(await page.locator('tbody tr td:nth-child(5)').allTextContents())], { timeout: 20_000 }).toEqual(['session.login']);
    await expect.poll(() => page.locator('.chain-status').textContent()).toMatch(/The audit chain is intact/);

    // a page the role does not have says so, with a way home
    await page.goto(`${server.url}/employees`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You do not have access to this page');
    await checkA11y(page, 'forbidden page');
    await logout(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('account administration', () => {
  it('an administrator disables an account with a reason; that person is refused at login and told whom to contact; enabling restores it', async (ctx) => {
    if (!idp) ctx.skip();
    const admin = await newSession(browser);
    const { page } = admin;
    await loginAs(page, server, 'admin');
    await page.goto(`${server.url}/admin/users`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('User accounts');
    await page.getByLabel('Search by name, login ID or e-mail').fill('employee-cscs');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toMatch(/Active/);
    await row.getByRole('button', { name: /^Disable/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // no reason: the field says so, and is marked invalid
    await dialog.getByRole('button', { name: 'Disable' }).click();
    const reason = dialog.getByLabel('Reason');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Please give a reason.').isVisible()).toBe(true);
    await checkA11y(page, 'disable dialog with an error');
    await reason.fill('Proceeding on long leave (e2e)');
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'has been disabled' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toMatch(/Disabled/);
    await checkA11y(page, 'users after disabling');

    const refused = await newSession(browser);
    await loginAs(refused.page, server, 'employee-cscs', { refused: true });
    await expect.poll(() => new URL(refused.page.url()).pathname).toBe('/account-disabled');
    await expect.poll(() => refused.page.locator('h1').textContent()).toBe('Your account is disabled');
    await checkA11y(refused.page, '/account-disabled after a refused login');
    expect(await refused.page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await refused.context.close();

    await page.locator('tbody tr').first().getByRole('button', { name: /^Enable/ }).click();
    await dialog.getByLabel('Reason').fill('Back from leave (e2e)');
    await dialog.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'has been enabled' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toMatch(/Active/);
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });
});

describe('keyboard', () => {
  it('every control of the shell works from the keyboard, with a visible focus indicator', async (ctx) => {
    if (!idp) ctx.skip();
    const { page, context, problems } = await newSession(browser);
    await loginAs(page, server, 'cs1');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/^Welcome, /);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const cs = el ? getComputedStyle(el) : null;
        return { text: el?.textContent?.trim() ?? '', tag: el?.tagName ?? '', outline: cs ? `${cs.outlineStyle} ${cs.outlineWidth}` : '' };
      });
    // Tab order: skip link, brand, English, हिन्दी, account menu, then the navigation
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      seen.push(f.text);
      expect(f.outline, `focus indicator on "${f.text}"`).toMatch(/^solid [2-9]/);
    }
    expect(seen[0]).toBe('Skip to main content');
    expect(seen).toEqual(expect.arrayContaining(['English', 'हिन्दी', 'Home']));
    // the account menu: Enter opens it, Escape closes it and focus goes back to its button
    const account = page.getByRole('button', { name: /^Account/ });
    await account.focus();
    await page.keyboard.press('Enter');
    expect(await account.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await account.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(await account.getAttribute('aria-controls'));
    // the language switch by keyboard
    await page.getByRole('button', { name: 'हिन्दी' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    // at 360 px the menu button opens the navigation; following a link moves focus to the new page's heading
    await page.setViewportSize({ width: 360, height: 740 });
    const toggle = page.getByRole('button', { name: 'Menu' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Home');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Employees', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('h1').textContent()).toBe('Employees');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await checkA11y(page, 'employees at 360 px after keyboard navigation');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('session timeout', () => {
  it('warns before the idle timeout and lets the person stay logged in (WCAG 2.2.1)', async (ctx) => {
    if (!idp) ctx.skip();
    const { page, context, problems } = await newSession(browser);
    await page.clock.install();
    await loginAs(page, server, 'avd');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/^Welcome, /);
    expect(await page.getByText('Stay logged in').count()).toBe(0);
    await page.clock.fastForward('27:00'); // 27 of the 30 idle minutes, as far as the page knows
    const warning = page.getByRole('alert').filter({ hasText: 'you will be logged out' });
    await expect.poll(() => warning.isVisible(), { timeout: 20_000 }).toBe(true);
    await checkA11y(page, 'session timeout warning');
    await page.getByRole('button', { name: 'Stay logged in' }).click();
    await expect.poll(() => warning.count(), { timeout: 20_000 }).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });
});
