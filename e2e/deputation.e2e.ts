// Deputation in a real browser (issue 6): the Nodal Officer onboards an organisation, the seeded sub-nodal
// officer publishes an advertisement, and an employee sees it with the engine's eligibility ("eligible" or
// "not eligible because …") — axe-core on every page, no sideways scrolling at 360 px. The later steps
// (apply, forward, CS.I, selection, joining, tenure) are proved per role in packages/server/test/deputation.test.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, devIdpAvailable, horizontalOverflow, launchBrowser, loginAs, logout, newSession, type Server, startServer } from './helpers.ts';

let server: Server;
let browser: Browser;
let idp = false;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  idp = await devIdpAvailable(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function visit(page: Page, path: string, heading: RegExp, label: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  await checkA11y(page, label);
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const POST = `Deputy Director (Deputation e2e ${Date.now() % 100000})`;
/** the button's name: "Publish" and, for screen readers, the post */
const PUBLISH = new RegExp(`^Publish\\s*:\\s*${POST.replace(/[()]/g, '\\$&')}$`);

describe('deputation', () => {
  it('a Nodal Officer onboards an organisation', async () => {
    if (!idp) return;
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await visit(page, '/deputation/organisations', /Organisations/, 'organisations');
    await page.getByLabel('Name (English)').fill('National Test Authority');
    await page.getByLabel('Name (Hindi)').fill('राष्ट्रीय परीक्षण प्राधिकरण');
    await page.getByLabel('Kind').selectOption('AUTONOMOUS');
    await page.getByRole('button', { name: 'Onboard' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /National Test Authority/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await checkA11y(page, 'organisations after onboarding');
    await visit(page, '/deputation/applications', /Deputation applications/, 'deputation applications (Nodal Officer)');
    await logout(page);
    await context.close();
  });

  it('the sub-nodal officer drafts and publishes an advertisement', async () => {
    if (!idp) return;
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'sub-nodal');
    await visit(page, '/deputation/manage', /Deputation advertisements/, 'manage advertisements');
    await page.getByLabel('Post', { exact: true }).fill(POST);
    await page.getByLabel('Level', { exact: true }).selectOption('11');
    await page.getByLabel('Station', { exact: true }).fill('New Delhi');
    await page.getByLabel('Feeder grade').selectOption('CSS.SO');
    await page.getByLabel('Minimum regular service in the grade (years)').fill('0');
    await page.getByLabel('Closing date', { exact: true }).fill(inDays(30));
    await page.getByRole('button', { name: 'Save draft' }).click();
    const publish = page.getByRole('button', { name: PUBLISH });
    await publish.waitFor({ timeout: 20_000 }).catch(async (e) => {
      throw new Error(`no draft to publish; the page says: ${(await page.locator('.alert, .error-message, [role=status]').allTextContents()).join(' | ')}`, { cause: e });
    });
    await publish.click();
    await expect.poll(() => page.getByRole('button', { name: PUBLISH }).count(), { timeout: 20_000 }).toBe(0);
    await checkA11y(page, 'manage advertisements after publishing');
    await visit(page, '/deputation/applications', /Deputation applications/, 'deputation applications (sub-nodal officer)');
    await logout(page);
    await context.close();
  });

  it('an employee sees the advertisement with "eligible" or why not, at 360 px too', async () => {
    if (!idp) return;
    const { page, context } = await newSession(browser, { width: 360, height: 800 });
    await loginAs(page, server, 'employee-css');
    await visit(page, '/deputation', /Deputation: open advertisements/, 'deputation advertisements');
    const card = page.locator('li.card', { hasText: POST });
    await card.waitFor({ timeout: 20_000 });
    const verdict = await card.locator('.alert-title').textContent();
    expect(verdict).toMatch(/^(Eligible|Not eligible because:)$/);
    if (verdict === 'Not eligible because:') expect(await card.locator('.reason-list li').count()).toBeGreaterThan(0);
    const o = await horizontalOverflow(page);
    expect(o.scrollWidth, `sideways scroll at 360 px: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
    await card.getByRole('link', { name: POST }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toBe(POST);
    await checkA11y(page, 'deputation advertisement');
    await visit(page, '/deputation/applications', /Deputation applications/, 'deputation applications (employee)');
    const o2 = await horizontalOverflow(page);
    expect(o2.scrollWidth, `sideways scroll at 360 px: ${o2.culprits.join(', ')}`).toBeLessThanOrEqual(o2.clientWidth);
    await context.close();
  });
});
