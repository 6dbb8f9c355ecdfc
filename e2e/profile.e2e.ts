// Issue 3 in a real browser: an employee completes and submits the profile, the Nodal Officer of the Ministry
// validates it with one correction, the employee sees the correction and downloads the PDF, and the public
// verify page confirms the printout. axe-core runs on every page visited.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, loginAs, logout, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;

serverAndBrowser((s, b) => {
  server = s;
  browser = b;
}, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function settle(page: Page, heading: RegExp, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
  await checkA11y(page, label);
}

describe('profile: submit, validate with a correction, print and verify', () => {
  it('goes from the employee to the Nodal Officer and back, and the printout verifies', async () => {
    let { page, context } = await newSession(browser);

    // 1. The employee completes the profile and submits it.
    await loginAs(page, server, 'employee-css');
    await page.goto(`${server.url}/profile`);
    await settle(page, /My profile/, 'my profile (draft)');
    await byId(page, 'f-personal.category').selectOption('GEN');
    await byId(page, 'f-personal.mobile').fill('9876543210');
    for (const [k, v] of [['line1', 'C-12, Sector 5'], ['city', 'New Delhi'], ['district', 'New Delhi'], ['state', 'Delhi'], ['pin', '110001']]) {
      await byId(page, `f-personal.presentAddress.${k}`).fill(v);
    }
    await page.getByRole('button', { name: 'Same as the present address' }).click();
    const children = await page.locator('[id^="f-family.children."][id$=".gender"]').count();
    for (let i = 0; i < children; i++) await byId(page, `f-family.children.${i}.gender`).selectOption('F');
    // a wrong PIN is refused with the field named, and nothing is lost
    await byId(page, 'f-personal.permanentAddress.pin').fill('011001');
    await page.getByRole('button', { name: 'Submit for validation' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 }).toContain('PIN');
    expect(await byId(page, 'f-personal.permanentAddress.pin').getAttribute('aria-invalid')).toBe('true');
    expect(await byId(page, 'f-personal.presentAddress.line1').inputValue()).toBe('C-12, Sector 5');
    await byId(page, 'f-personal.permanentAddress.pin').fill('110001');
    await page.getByRole('button', { name: 'Submit for validation' }).click();
    await expect.poll(() => page.getByText('Submitted. Your Nodal Officer has been told.').count(), { timeout: 30_000 }).toBe(1);
    await checkA11y(page, 'my profile (submitted)');
    await screenshot(page, 'profile-submitted');
    await logout(page);
    await context.close();
    ({ page, context } = await newSession(browser)); // another person, another browser

    // 2. The Nodal Officer of the Ministry corrects the mobile number and validates.
    await loginAs(page, server, 'nodal-1');
    await page.goto(`${server.url}/profiles`);
    await settle(page, /Profiles to validate/, 'profiles to validate');
    const row = page.locator('tbody tr').filter({ has: page.locator('a') }).first();
    await row.locator('a').first().click();
    await settle(page, /Profile of/, 'profile review');
    await page.getByLabel('Correct and validate').check();
    await byId(page, 'c-path').fill('personal.mobile');
    await byId(page, 'c-value').fill('9123456789');
    await byId(page, 'c-reason').fill('Mobile number as in the service book');
    await page.getByRole('button', { name: 'Correct and validate' }).click();
    await expect.poll(() => page.getByText('Done. The employee has been told.').count(), { timeout: 30_000 }).toBe(1);
    await checkA11y(page, 'profile review (done)');
    await logout(page);
    await context.close();
    ({ page, context } = await newSession(browser));

    // 3. The employee sees the correction and its reason, downloads the PDF; the verify page confirms it.
    await loginAs(page, server, 'employee-css');
    await page.goto(`${server.url}/profile`);
    await settle(page, /My profile/, 'my profile (validated)');
    await expect.poll(() => page.getByText('Validated', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Mobile number as in the service book').count()).toBe(1);
    expect(await byId(page, 'f-personal.mobile').inputValue()).toBe('9123456789');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: 'Download PDF' }).click()]);
    const pdfPath = await download.path();
    const fs = await import('node:fs');
    const pdf = fs.readFileSync(pdfPath!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const code = /profile-([0-9A-Z-]+)\.pdf/.exec(download.suggestedFilename())?.[1];
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.goto(`${server.url}/verify/${code}`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Genuine, and still the current version.');
    await checkA11y(page, 'verify page');
    await screenshot(page, 'verify');
    await context.close();
  });
});
