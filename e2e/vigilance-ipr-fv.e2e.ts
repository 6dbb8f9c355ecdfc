// Issue 5 in a real browser: the cadre authority opens the Immovable Property Return filing window through the
// portal (audited); the employee files the return and applies for private foreign visit clearance; the Nodal
// Officer asks for a missing item (deficiency memo); the employee makes it good; the competent authority (for a
// CSS ASO/SO: the Ministry, here the demo Nodal Officer) accepts it and grants permission with the vigilance status
// fetched at that moment; the employee downloads the certificate (a real PDF) and the public verify page confirms
// it. Also: the employee's own vigilance status in plain words, and field-level privacy — the sub-nodal officer and
// the Nodal Officer of another Ministry see nothing of the employee's vigilance or property returns.
// axe-core on every page visited; one page at 360 px must not scroll sideways.
//
// The demo data is generated as on the day of the run, so the test works from today's date: Y is the year whose
// return is filed this year (position on 31 December Y).
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, horizontalOverflow, loginAs, logout, navTo, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;

serverAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const istDay = (offsetDays = 0) => new Date(Date.now() + 5.5 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const Y = Number(istDay().slice(0, 4)) - 1;
const DEPARTURE = istDay(45);
const RETURN = istDay(59);
const HOUSE = `Two-storey house, e2e ${Date.now() % 100000}`;
const MEMO = 'Give the address abroad in full, with a telephone number';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** what the journey learns on the way */
const state = { code: '', returnId: '', fvId: '', oweLastYear: false };

/** The page's main heading matches, loading is over, and axe-core finds nothing serious. */
async function settle(page: Page, heading: RegExp, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
  await checkA11y(page, label);
}

/** A calendar date as the SPA shows it (the browser's own Intl, en-IN). */
const shown = (page: Page, ymd: string) =>
  page.evaluate((d) => new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), ymd);

/** The state line on a foreign visit application page. */
const fvState = (page: Page) => page.locator('main p.alert-info[role=status] strong').first().textContent();

describe('vigilance, property return and foreign visit clearance (issue 5)', () => {
  it('the employee sees their vigilance status in plain words and the return for Y with the default window', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await navTo(page, 'Vigilance status');
    await settle(page, /^Vigilance status$/, 'my vigilance status');
    const who = await page.locator('main p', { has: page.locator('strong') }).locator('span.muted').first().textContent();
    state.code = /·\s*(\S+)\s*·/.exec(who ?? '')?.[1] ?? '';
    expect(state.code, `employee code in "${who}"`).toMatch(/^[A-Z]+\d+$/);
    const box = page.locator('main .alert[role=status]').first();
    expect(await box.locator('.alert-title').textContent()).toMatch(/^(Clear|Clearance withheld) · /);
    // plain words: the date, and either "nothing against you" or "withheld, because: <the ground>"
    const plain = (await box.locator('p').nth(1).textContent()) ?? '';
    expect(plain).toMatch(/^As on \d\d\.\d\d\.\d{4} (there is nothing against you from the vigilance angle|vigilance clearance is withheld, because: .+)/);

    await navTo(page, 'Property returns');
    await settle(page, /^Immovable Property Return$/, 'my property returns');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: new RegExp(`^${Y}: `) }).count(), { timeout: 30_000 }).toBe(1);
    const defaultWindow = `Filing window: ${await shown(page, `${Y + 1}-01-01`)} to ${await shown(page, `${Y + 1}-01-31`)}`;
    expect(await page.getByText(defaultWindow, { exact: true }).count()).toBe(1);
    // the year before: owed only if the employee was in service on 31 December Y-1 (the demo data moves with the clock)
    await page.getByLabel('Return for the year').selectOption(String(Y - 1));
    const before = page.getByRole('heading', { level: 2, name: new RegExp(`^${Y - 1}: `) });
    await before.waitFor({ timeout: 30_000 });
    const last = (await before.textContent()) ?? '';
    expect(last).toMatch(/: (Not required|Not filed)$/);
    state.oweLastYear = last.endsWith('Not filed');
    await logout(page);
    await context.close();
  });

  it('the cadre authority (CS.I) sets the filing window for the return of Y through the portal; it is audited', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'cs1');
    await navTo(page, 'IPR compliance');
    await settle(page, /^Property returns: who has filed$/, 'IPR compliance (cadre authority)');
    const section = page.locator('section', { has: page.getByRole('heading', { name: `Filing window for the return of ${Y}` }) });
    await section.getByLabel('Opens on').waitFor({ timeout: 30_000 });
    expect(await section.getByLabel('Opens on').inputValue()).toBe(`${Y + 1}-01-01`);
    expect(await section.getByLabel('Due date (last day to file online)').inputValue()).toBe(`${Y + 1}-01-31`);
    // a due date outside the year the return is filed in is refused on the page, naming the field
    await section.getByLabel('Due date (last day to file online)').fill(`${Y + 2}-01-15`);
    await section.getByLabel('Order or reason').fill('DoPT O.M. of this year: due date extended to 31 December');
    await section.getByRole('button', { name: 'Set the filing window' }).click();
    await expect.poll(() => section.locator('.error-message').first().textContent()).toContain(`Choose a date in ${Y + 1}`);
    expect(await section.getByLabel('Due date (last day to file online)').getAttribute('aria-invalid')).toBe('true');
    await section.getByLabel('Due date (last day to file online)').fill(`${Y + 1}-12-31`);
    await section.getByRole('button', { name: 'Set the filing window' }).click();
    const done = `Filing window for the return of ${Y} set: ${await shown(page, `${Y + 1}-01-01`)} to ${await shown(page, `${Y + 1}-12-31`)}.`;
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 30_000 }).toBe(done);
    await checkA11y(page, 'IPR compliance after setting the window');
    await screenshot(page, 'ipr-window-set');

    if (state.oweLastYear) {
      // the employee filed Y-1 on the old system, on time: the cadre authority brings that history over (import)
      const header = 'employee_code,year,kind,as_on,filed_on,mode,nil';
      const csv = `${header}\n${state.code},${Y - 1},ANNUAL,${Y - 1}-12-31,${Y}-01-15,ONLINE,true\n`;
      await page.getByLabel('File (CSV or XLSX)').setInputFiles({ name: 'old-system-returns.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import' }).click();
      await expect.poll(() => page.getByText('1 returns imported, 0 skipped').count(), { timeout: 30_000 }).toBe(1);
    }

    await page.goto(`${server.url}/audit?action=ipr.window.set`);
    await settle(page, /^Audit trail$/, 'audit trail: the window set');
    const row = page.locator('tbody tr', { hasText: 'ipr.window.set' });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.textContent()).toContain('DoPT O.M. of this year: due date extended to 31 December');
    expect(await row.textContent()).toContain(`${Y + 1}-12-31`);
    await logout(page);
    await context.close();
  });

  it('the employee files the return for Y within the window (on time), is clear, and applies for a private foreign visit', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await navTo(page, 'Property returns');
    await settle(page, /^Immovable Property Return$/, 'my property returns (window open)');
    const window = `Filing window: ${await shown(page, `${Y + 1}-01-01`)} to ${await shown(page, `${Y + 1}-12-31`)}`;
    await expect.poll(() => page.getByText(window, { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${Y}: `) }).textContent()).toBe(`${Y}: Not yet filed`);
    await page.getByLabel('Carry forward the properties of my last return').uncheck();
    await page.getByRole('button', { name: 'Start the return' }).click();
    await settle(page, new RegExp(`^Return for ${Y} \\(version 1\\)$`), 'draft return');
    state.returnId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const f = (label: string) => page.getByLabel(label, { exact: true });
    await f('Description').fill(HOUSE);
    await f('State').fill('Uttar Pradesh');
    await f('District').fill('Lucknow');
    await f('Sub-division / tehsil').fill('Lucknow Sadar');
    await f('Village / locality').fill('Gomti Nagar');
    await f('Survey / plot number').fill('123/4');
    await f('Area').fill('200');
    await f('Unit').selectOption('SQ_M');
    await f('Nature').selectOption('HOUSE');
    await f('In whose name').fill('Self');
    await f('Acquired on').fill(`${Y}-03-10`);
    await f('From whom').fill('Ram Lal, Lucknow');
    await f('Present value (₹)').fill('6500000');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'File the return' }).click();
    await expect.poll(() => page.getByText('Filed. Print it for your records.').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText('This return is filed and read-only.').count()).toBe(1);
    expect(await page.getByRole('cell', { name: HOUSE }).count()).toBe(1);
    await checkA11y(page, 'filed return');

    await page.goto(`${server.url}/ipr`);
    await settle(page, /^Immovable Property Return$/, 'my property returns (filed)');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: new RegExp(`^${Y}: `) }).textContent(), { timeout: 30_000 }).toBe(`${Y}: Filed on time`);

    await navTo(page, 'Vigilance status');
    await settle(page, /^Vigilance status$/, 'my vigilance status (clear)');
    const box = page.locator('main .alert[role=status]').first();
    await expect.poll(() => box.locator('.alert-title').textContent(), { timeout: 30_000 }).toMatch(/^Clear · /);
    expect(await box.locator('p').nth(1).textContent()).toMatch(/^As on \d\d\.\d\d\.\d{4} there is nothing against you from the vigilance angle: clearance can be given\.$/);
    expect(await page.getByText('No vigilance event is on record.').count()).toBe(1);

    await navTo(page, 'Foreign visits');
    await settle(page, /^Private foreign visits$/, 'my foreign visits');
    await page.getByRole('link', { name: 'Apply for permission' }).click();
    await settle(page, /^Apply for a private foreign visit$/, 'foreign visit application form');
    const g = (label: string) => page.getByLabel(label, { exact: true });
    await g('Countries to visit').fill('FR, CH');
    await g('Departure date').fill(DEPARTURE);
    await g('Return date').fill(RETURN);
    await g('Purpose of the visit').fill('Holiday with family');
    await g('Who meets the cost').selectOption('OWN');
    await g('Estimated cost (₹)').fill('350000');
    await g('Leave applied for').selectOption('EARNED_LEAVE');
    await g('Leave from').fill(DEPARTURE);
    await g('Leave to').fill(RETURN);
    await g('Address abroad').fill('Paris'); // incomplete: the Ministry will ask for it
    await page.getByRole('button', { name: 'Submit the application' }).click();
    await settle(page, /^Foreign visit application$/, 'foreign visit application (received)');
    expect(await fvState(page)).toBe('Received');
    state.fvId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(state.fvId).toMatch(/^[0-9a-f-]{36}$/);
    await logout(page);
    await context.close();
  });

  it("the Nodal Officer of the employee's Ministry sees the details and points out a missing item (deficiency memo)", async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await navTo(page, 'Foreign visits');
    await settle(page, /^Private foreign visit applications$/, 'foreign visit applications (Nodal Officer)');
    await page.getByRole('link', { name: new RegExp(`^Open\\s*:\\s*${esc(state.code)} FR, CH$`) }).click();
    await settle(page, /^Foreign visit application$/, 'foreign visit application (Nodal Officer)');
    expect(await fvState(page)).toBe('Received');
    expect(await page.getByRole('button', { name: 'Accept as complete (starts the 21 days)' }).count()).toBe(1);
    await page.getByLabel('Deficiencies (one per line)').fill(MEMO);
    await page.getByRole('button', { name: 'Point out deficiencies' }).click();
    await expect.poll(() => fvState(page), { timeout: 30_000 }).toBe('Deficiency memo with the employee');
    expect(await page.getByText('The clock is stopped: a deficiency memo is with the employee.').count()).toBe(1);
    await checkA11y(page, 'foreign visit application (deficiency memo raised)');

    // the employee's own Nodal Officer may see their vigilance details and their filed return
    await page.goto(`${server.url}/vigilance?employee=${state.code}`);
    await settle(page, /^Vigilance status of an employee$/, 'vigilance status of an employee (own Ministry)');
    await expect.poll(() => page.getByRole('heading', { name: 'Events on record' }).count(), { timeout: 30_000 }).toBe(1);
    await page.goto(`${server.url}/ipr/returns/${state.returnId}`);
    await settle(page, new RegExp(`^Return for ${Y} \\(version 1\\)$`), 'filed return (Nodal Officer)');
    expect(await page.getByRole('cell', { name: HOUSE }).count()).toBe(1);
    await logout(page);
    await context.close();
  });

  it('the employee makes good the deficiency and resubmits (on a 360 px phone: no sideways scrolling)', async () => {
    const { page, context } = await newSession(browser, { width: 360, height: 800 });
    await loginAs(page, server, 'employee-css');
    await page.goto(`${server.url}/foreign-visits/${state.fvId}`);
    await settle(page, /^Foreign visit application$/, 'foreign visit application (deficiency memo, 360 px)');
    expect(await fvState(page)).toBe('Deficiency memo with the employee');
    expect(await page.getByRole('listitem').filter({ hasText: MEMO }).count()).toBe(1);
    const o = await horizontalOverflow(page);
    expect(o.scrollWidth, `sideways scroll at 360 px: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
    await page.getByLabel('Address abroad', { exact: true }).fill('Hotel Lutetia, 45 Boulevard Raspail, 75006 Paris, France; +33 1 49 54 46 00');
    await page.getByRole('button', { name: 'Resubmit with the deficiencies made good' }).click();
    await expect.poll(() => fvState(page), { timeout: 30_000 }).toBe('Received');
    expect(await page.getByRole('listitem').filter({ hasText: MEMO }).filter({ hasText: 'made good on' }).count()).toBe(1);
    await checkA11y(page, 'foreign visit application (resubmitted, 360 px)');
    const o2 = await horizontalOverflow(page);
    expect(o2.scrollWidth, `sideways scroll at 360 px: ${o2.culprits.join(', ')}`).toBeLessThanOrEqual(o2.clientWidth);
    await screenshot(page, 'fv-resubmitted-360');
    await logout(page);
    await context.close();
  });

  it('the competent authority in the Ministry accepts it as complete and grants permission, with the vigilance status of the moment', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await page.goto(`${server.url}/foreign-visits/${state.fvId}`);
    await settle(page, /^Foreign visit application$/, 'foreign visit application (resubmitted, Nodal Officer)');
    expect(await page.getByText(/the leave-sanctioning authority in the Ministry decides/).count()).toBe(1);
    await page.getByRole('button', { name: 'Accept as complete (starts the 21 days)' }).click();
    await expect.poll(() => fvState(page), { timeout: 30_000 }).toBe('Under examination');
    expect(await page.getByRole('button', { name: 'Forward to the cadre authority' }).count()).toBe(0);
    await checkA11y(page, 'foreign visit application (under examination)');
    await page.getByRole('button', { name: 'Grant permission' }).click();
    await expect.poll(() => fvState(page), { timeout: 30_000 }).toBe('Permission granted');
    const decision = page.locator('section', { has: page.getByRole('heading', { name: 'Decision', exact: true }) });
    expect(await decision.getByRole('heading', { name: 'Vigilance status fetched at the decision' }).count()).toBe(1);
    expect(await decision.locator('.alert-title').textContent()).toMatch(/^Clear · /);
    await checkA11y(page, 'foreign visit application (permission granted)');
    await logout(page);
    await context.close();
  });

  it('the employee downloads the clearance certificate (a real PDF) and the public verify page confirms it', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await page.goto(`${server.url}/foreign-visits/${state.fvId}`);
    await settle(page, /^Foreign visit application$/, 'foreign visit application (granted, employee)');
    expect(await fvState(page)).toBe('Permission granted');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: 'Download the certificate (PDF)' }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    const code = /^foreign-visit-clearance-([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\.pdf$/.exec(download.suggestedFilename())?.[1];
    expect(code, download.suggestedFilename()).toBeTruthy();
    await logout(page);
    await context.close();

    // anyone, without logging in
    const anon = await newSession(browser);
    await anon.page.goto(`${server.url}/verify/${code}`);
    await expect.poll(() => anon.page.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Genuine, and still the current version.');
    const table = (await anon.page.locator('table').textContent()) ?? '';
    expect(table).toContain('Private foreign visit: clearance certificate');
    expect(table).toContain(state.code);
    expect(table).toContain('FR, CH');
    expect(table).toContain(`${DEPARTURE} – ${RETURN}`);
    expect(table).not.toMatch(/vigilance|सतर्कता/i);
    await checkA11y(anon.page, 'verify page (foreign visit certificate)');
    await screenshot(anon.page, 'fv-certificate-verified');
    await anon.context.close();
  });

  it('field-level privacy: the sub-nodal officer has no vigilance or property return pages at all', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'sub-nodal');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of ['Vigilance status', 'Property returns', 'IPR compliance', 'Foreign visits']) expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(0);
    for (const path of [`/vigilance?employee=${state.code}`, `/ipr/returns/${state.returnId}`, `/foreign-visits/${state.fvId}`, '/ipr/compliance']) {
      await page.goto(`${server.url}${path}`);
      await settle(page, /^You do not have access to this page$/, `sub-nodal officer at ${path.split('?')[0]}`);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const secret of [state.code, HOUSE, 'Clear', 'Events on record']) expect(text, `${path} shows ${secret}`).not.toContain(secret);
    }
    await logout(page);
    await context.close();
  });

  it("field-level privacy: the Nodal Officer of another Ministry is refused the employee's vigilance details, return and application", async () => {
    const { page, context, httpErrors } = await newSession(browser);
    await loginAs(page, server, 'nodal-2');
    const outside = 'This record is outside your Ministry, organisation or cadre.';
    const pages: Array<[string, RegExp]> = [
      [`/vigilance?employee=${state.code}`, /^Vigilance status of an employee$/],
      [`/ipr/returns/${state.returnId}`, /^Immovable Property Return$/],
      [`/foreign-visits/${state.fvId}`, /^Foreign visit application$/],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 }).toContain(outside);
      await settle(page, heading, `another Ministry's Nodal Officer at ${path.split('?')[0]}`);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const secret of [HOUSE, 'Events on record', 'Clearance withheld', 'Clear ·', 'Permission granted', 'FR, CH']) expect(text, `${path} shows ${secret}`).not.toContain(secret);
    }
    expect(httpErrors).toEqual(expect.arrayContaining([`403 GET /api/v1/vigilance/employees/${state.code}`, `403 GET /api/v1/ipr/returns/${state.returnId}`, `403 GET /api/v1/foreign-visits/${state.fvId}`]));
    // nor in the lists of their own work
    await navTo(page, 'Foreign visits');
    await settle(page, /^Private foreign visit applications$/, "foreign visit applications (another Ministry's Nodal Officer)");
    expect(await page.locator('main').textContent()).not.toContain(state.code);
    await page.goto(`${server.url}/ipr/compliance?status=FILED`);
    await settle(page, /^Property returns: who has filed$/, "IPR compliance (another Ministry's Nodal Officer)");
    expect(await page.locator('main').textContent()).not.toContain(state.code);
    await logout(page);
    await context.close();
  });
});
