// Deputation in a real browser (issue 6), the whole flow: the Nodal Officer (nodal-1) onboards an organisation and
// invites its sub-nodal officer, who logs in through e-Parichay and publishes an advertisement; an employee who is not
// eligible is told why (the engine's reasons), the eligible one (employee-us: a CSS Under Secretary of nodal-2's
// Ministry with a clean record) applies; the Ministry's Nodal Officer (nodal-2) gives the cadre clearance and forwards
// with the vigilance clearance, integrity certificate, penalties of 10 years and APAR gradings of 5 years; for an
// Under Secretary the cadre clearance is CS.I's, so DoPT (cs1) clears it; only then does the organisation see it, and
// it shortlists, selects and records joining; the employee sees the status timeline and the tenure's end date.
// One browser context per person; axe-core on every page; the employee's pages also at 360 px.
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, devIdpAvailable, horizontalOverflow, loginAs, logout, navTo, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;

serverAndBrowser(async (s, b) => {
  server = s;
  browser = b;
  // every step logs a person in through the development identity provider: without it the test must fail, not pass empty
  if (!(await devIdpAvailable(server))) throw new Error('the development identity provider is not mounted');
});

const RUN = Date.now() % 100000;
const ORG = `National Test Authority ${RUN}`;
const OFFICER = { loginId: `sno.nta${RUN}`, email: `sno${RUN}@nta.example.in`, name: 'Rekha Sharma', designation: 'General Manager (HR)' };
const POST = `Deputy Director (Administration) ${RUN}`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Today in India (the server's calendar), and dates as the portal shows them in English. */
const todayIndia = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
const inDays = (n: number) => new Date(Date.parse(`${todayIndia()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const shown = (ymd: string) => new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
/** rules.md §5 item 1: recruitment rules silent → 5 years, ending the day before the 5th anniversary of joining. */
function fiveYearsFrom(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y + 5, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

async function settle(page: Page, heading: RegExp | string, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  await checkA11y(page, label);
}

/** The value next to a term of a description list (the summaries of the pages). */
const valueNextTo = (scope: Page | Locator, term: string | RegExp) =>
  scope.getByRole('term').filter({ hasText: typeof term === 'string' ? new RegExp(`^${esc(term)}$`) : term }).first().locator('xpath=following-sibling::*[1]');
const valueOfHome = (page: Page, label: string) =>
  page.getByText(new RegExp(`^${esc(label)}:`)).locator('xpath=..').textContent().then((t) => t?.replace(new RegExp(`^${esc(label)}:\\s*`), ''));
const region = (page: Page, name: string) => page.getByRole('region', { name });
const stateOf = (page: Page) => valueNextTo(page, 'State').textContent();
const timeline = (page: Page) => region(page, 'Status timeline').getByRole('listitem').allTextContents();

async function noSidewaysScroll(page: Page): Promise<void> {
  const o = await horizontalOverflow(page);
  expect(o.scrollWidth, `sideways scroll at 360 px on ${page.url()}: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
}

/** The portal in English (a persona may prefer Hindi: the choice is the person's, kept on the server). */
async function inEnglish(page: Page): Promise<void> {
  const en = page.getByRole('button', { name: 'English', exact: true });
  if ((await en.getAttribute('aria-pressed')) !== 'true') await en.click();
  await expect.poll(() => en.getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
}

/** Follows a task of the home page (where everyone lands after logging in). */
async function fromHome(page: Page, task: string, heading: RegExp, label: string): Promise<void> {
  await settle(page, /^Welcome/, `home (${label})`);
  await page.getByRole('link', { name: task, exact: true }).click();
  await settle(page, heading, label);
}

/** From the applications list to the application of this run's post. */
async function openApplication(page: Page, label: string): Promise<void> {
  await navTo(page, 'Deputation applications');
  await settle(page, /^Deputation applications$/, `deputation applications (${label})`);
  await page.getByRole('link', { name: new RegExp(`^Open\\s*:\\s*.*, ${esc(POST)}$`) }).click();
  await settle(page, `Deputation application: ${POST}`, `deputation application (${label})`);
}

/** Takes a step offered on the application page (each is a small form named after it) and waits for the new state. */
async function takeStep(page: Page, step: string, state: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  const form = page.getByRole('form', { name: step, exact: true });
  await form.waitFor({ timeout: 20_000 });
  await fill?.(form);
  await form.getByRole('button', { name: step, exact: true }).click();
  await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe(state);
  await checkA11y(page, `deputation application after "${step}"`);
}

let applicationPath = '';

describe('deputation, end to end', () => {
  it('the Nodal Officer onboards an organisation and invites its sub-nodal officer', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await fromHome(page, 'Onboard sub-nodal organisations', /^Organisations$/, 'organisations');
    await page.getByLabel('Name (English)').fill(ORG);
    await page.getByLabel('Name (Hindi)').fill('राष्ट्रीय परीक्षण प्राधिकरण');
    await page.getByLabel('Kind').selectOption('AUTONOMOUS');
    await page.getByLabel('Station').first().fill('New Delhi');
    await page.getByRole('button', { name: 'Onboard' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${esc(ORG)}`) }) });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toMatch(/Active$/);
    await checkA11y(page, 'organisations after onboarding');

    await card.getByText('Invite a sub-nodal officer').click();
    await card.getByLabel('e-Parichay login id').fill(OFFICER.loginId);
    await card.getByLabel('E-mail').fill(OFFICER.email);
    await card.getByLabel('Name', { exact: true }).fill(OFFICER.name);
    await card.getByLabel('Designation').fill(OFFICER.designation);
    await card.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect
      .poll(() => card.getByRole('listitem').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining(`${OFFICER.name} (${OFFICER.loginId}, ${OFFICER.designation}) — Active`));
    await checkA11y(page, 'organisations after the invitation');
    await logout(page);
    await context.close();
  });

  it('its sub-nodal officer logs in through e-Parichay and publishes an advertisement of the organisation', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, OFFICER.loginId);
    await expect.poll(() => valueOfHome(page, 'Your organisation'), { timeout: 20_000 }).toBe(ORG);
    await fromHome(page, 'Publish deputation advertisements', /^Deputation advertisements$/, 'manage advertisements');
    // the officer publishes for the own organisation only
    const org = page.getByLabel('Organisation', { exact: true });
    expect(await org.locator('option').allTextContents()).toEqual([ORG]);
    await page.getByLabel('Post', { exact: true }).fill(POST);
    await page.getByLabel('Level', { exact: true }).selectOption('12');
    await page.getByLabel('Number of posts', { exact: true }).fill('1');
    await page.getByLabel('Station', { exact: true }).fill('New Delhi');
    await page.getByLabel('Feeder grade').selectOption('CSS.US');
    await page.getByLabel('Minimum regular service in the grade (years)').fill('2');
    await page.getByLabel('Qualifications (one a line)').fill('Graduate\nExperience of establishment and administration');
    await page.getByLabel('Documents (one a line)').fill('APAR dossier\nVigilance clearance');
    await page.getByLabel('Closing date', { exact: true }).fill(inDays(30));
    await page.getByRole('button', { name: 'Save draft' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${esc(POST)}`) }) });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toMatch(/Draft$/);
    // the button's name: "Publish" and, for screen readers, the post
    await card.getByRole('button', { name: new RegExp(`^Publish\\s*:\\s*${esc(POST)}$`) }).click();
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toMatch(/Published$/);
    expect(await valueNextTo(card, 'Organisation').textContent()).toBe(ORG);
    await checkA11y(page, 'manage advertisements after publishing');
    await logout(page);
    await context.close();
  });

  it('an employee who is not eligible is told why, with the engine\'s reasons, and cannot apply (360 px)', async () => {
    const { page, context } = await newSession(browser, { width: 360, height: 800 });
    await loginAs(page, server, 'employee-css'); // a CSS Assistant Section Officer of a few years' service
    await navTo(page, 'Deputation');
    await settle(page, /^Deputation: open advertisements$/, 'deputation advertisements (not eligible)');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: POST, exact: true }) });
    await card.waitFor({ timeout: 20_000 });
    const verdict = card.getByRole('note');
    expect(await verdict.getByText(/^(Eligible|Not eligible because:)$/).first().textContent()).toBe('Not eligible because:');
    const reasons = (await verdict.getByRole('listitem').allTextContents()).join('\n');
    expect(reasons).toMatch(/Substantive grade ASO \(Level 7\) is not among the feeder grades\/levels/);
    expect(reasons).toMatch(/CSS officers go on deputation only after 9 years of service/);
    await noSidewaysScroll(page);
    await card.getByRole('link', { name: POST, exact: true }).click();
    await settle(page, POST, 'deputation advertisement (not eligible)');
    expect(await page.getByRole('note').getByText('Not eligible because:').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Apply' }).count()).toBe(0);
    expect(await page.getByLabel('Statement').count()).toBe(0);
    await noSidewaysScroll(page);
    await context.close();
  });

  it('the eligible employee applies with a statement and sees the application go to the Ministry (360 px)', async () => {
    const { page, context } = await newSession(browser, { width: 360, height: 800 });
    await loginAs(page, server, 'employee-us'); // a CSS Under Secretary of nodal-2's Ministry with a clean record
    await inEnglish(page);
    await fromHome(page, 'Deputation: advertisements and applications', /^Deputation: open advertisements$/, 'deputation advertisements (eligible)');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: POST, exact: true }) });
    await card.waitFor({ timeout: 20_000 });
    const verdict = card.getByRole('note');
    expect(await verdict.getByText(/^(Eligible|Not eligible because:)$/).first().textContent(), `the engine's reasons: ${(await verdict.getByRole('listitem').allTextContents()).join(' | ')}`).toBe('Eligible');
    await noSidewaysScroll(page);
    await card.getByRole('link', { name: POST, exact: true }).click();
    await settle(page, POST, 'deputation advertisement (eligible)');
    // an empty statement is refused in place
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => page.getByLabel('Statement').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Statement').fill('Under Secretary for many years; establishment, vigilance and RTI work. I wish to serve the Authority.');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your application has been made.' }).count(), { timeout: 20_000 }).toBe(1);
    await checkA11y(page, 'deputation advertisement after applying');
    await page.getByRole('link', { name: 'See my application' }).first().click();
    await settle(page, `Deputation application: ${POST}`, 'my deputation application (applied)');
    applicationPath = new URL(page.url()).pathname;
    expect(await stateOf(page)).toBe('Applied');
    expect(await valueNextTo(page, 'Cadre clearance').textContent()).toMatch(/the Ministry forwards the application; CS\.I \(DoPT\) gives the cadre clearance/);
    expect(await timeline(page)).toEqual([`Applied — Employee, ${shown(todayIndia())}`]);
    await noSidewaysScroll(page);
    await context.close();
  });

  it("the Ministry's Nodal Officer gives the cadre clearance and forwards with the package", async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-2');
    await fromHome(page, 'Deputation applications: cadre clearance and forwarding', /^Deputation applications$/, 'deputation applications (Nodal Officer)');
    await openApplication(page, 'Nodal Officer');
    expect(await stateOf(page)).toBe('Applied');
    expect(await page.getByRole('note').getByText(/^(Eligible|Not eligible because:)$/).first().textContent()).toBe('Eligible');
    const form = page.getByRole('form', { name: 'Give cadre clearance / forward' });
    await form.waitFor({ timeout: 20_000 });
    // APAR gradings SPARROW does not have are entered here (the last 5 reporting years)
    const apar = form.getByRole('combobox', { name: /^APAR \d{4}–\d{2}/ });
    await expect.poll(() => apar.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const select of await apar.all()) await select.selectOption('VERY_GOOD');
    await form.getByLabel('Remarks (optional)').fill('Cadre clearance given; no vigilance case pending.');
    // without the integrity certificate nothing is forwarded, and the box says why
    await form.getByRole('button', { name: 'Give cadre clearance / forward' }).click();
    const integrity = form.getByRole('checkbox', { name: /integrity certificate/ });
    await expect.poll(() => integrity.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    expect(await stateOf(page)).toBe('Applied');
    await checkA11y(page, 'forwarding refused without the integrity certificate');
    await takeStep(page, 'Give cadre clearance / forward', 'Cadre clearance given / forwarded', async (f) => {
      await f.getByRole('checkbox', { name: /integrity certificate/ }).check();
    });
    const pkg = region(page, 'Forwarding package');
    expect(await valueNextTo(pkg, 'Vigilance clearance').textContent()).toMatch(/^Clear/);
    expect(await valueNextTo(pkg, 'Integrity certificate').textContent()).toBe(`Given on ${shown(todayIndia())}`);
    expect(await valueNextTo(pkg, 'Penalties in the last 10 years').textContent()).toBe('None');
    const gradings = await valueNextTo(pkg, 'APAR gradings of the last 5 years').getByRole('listitem').allTextContents();
    expect(gradings).toHaveLength(5);
    for (const g of gradings) expect(g).toMatch(/^\d{4}–\d{2}: /);
    // for an Under Secretary the next step is CS.I's, not the Ministry's
    expect(await page.getByRole('heading', { name: 'What you can do' }).count()).toBe(0);
    await logout(page);
    await context.close();
  });

  it('the organisation does not see the application before CS.I has cleared it', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, OFFICER.loginId);
    await navTo(page, 'Deputation applications');
    await settle(page, /^Deputation applications$/, 'deputation applications (organisation, nothing forwarded)');
    expect(await page.getByText('No application.').count()).toBe(1);
    await page.goto(`${server.url}${applicationPath}`);
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 }).toContain('No such application.');
    await checkA11y(page, 'deputation application not yet forwarded (organisation)');
    await logout(page);
    await context.close();
  });

  it('DoPT (CS.I) gives the cadre clearance for the Under Secretary', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'cs1');
    await fromHome(page, 'Approve or reject deputation and cadre clearance', /^Deputation applications$/, 'deputation applications (CS.I)');
    await openApplication(page, 'CS.I');
    expect(await stateOf(page)).toBe('Cadre clearance given / forwarded');
    await takeStep(page, 'Give cadre clearance (CS.I)', 'Cleared by CS.I (DoPT)');
    await logout(page);
    await context.close();
  });

  it('the organisation sees only the forwarded application, shortlists, selects and records joining', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, OFFICER.loginId);
    await navTo(page, 'Deputation applications');
    await settle(page, /^Deputation applications$/, 'deputation applications (organisation)');
    expect(await page.getByRole('link', { name: /^Open\s*:/ }).count()).toBe(1);
    await openApplication(page, 'organisation');
    expect(await stateOf(page)).toBe('Cleared by CS.I (DoPT)');
    // of vigilance the organisation sees only the clearance result
    const pkg = region(page, 'Forwarding package');
    expect(await valueNextTo(pkg, 'Vigilance clearance').textContent()).toMatch(/^Clear.*Only the clearance result is shown to the borrowing organisation\.$/);
    expect(await valueNextTo(pkg, 'Penalties in the last 10 years').textContent()).toBe('0 on record');
    await takeStep(page, 'Shortlist', 'Shortlisted');
    await takeStep(page, 'Select', 'Selected', async (f) => {
      await f.getByLabel('Remarks (optional)').fill('Selected after the interview.');
    });
    const joined = todayIndia();
    await takeStep(page, 'Record joining', 'Joined', async (f) => {
      await f.getByLabel('Date of joining').fill(joined);
      await f.getByLabel('Basic pay of the regular post (without MACP), optional').fill('67700');
      await f.getByLabel('Same station').check();
    });
    const tenure = region(page, 'Tenure');
    expect(await valueNextTo(tenure, 'Joined on').textContent()).toBe(shown(joined));
    expect(await valueNextTo(tenure, 'Ends (normal tenure)').textContent()).toBe(shown(fiveYearsFrom(joined)));
    // rules.md §5 item 8: same station, 5% of the basic pay (below any ceiling)
    expect(await valueNextTo(tenure, 'Deputation allowance (for information)').textContent()).toMatch(/^₹3,385 a month/);
    await screenshot(page, 'deputation-joined');
    await logout(page);
    await context.close();
  });

  it('the employee sees the status timeline, the tenure and the messages (360 px)', async () => {
    const { page, context } = await newSession(browser, { width: 360, height: 800 });
    await loginAs(page, server, 'employee-us');
    await inEnglish(page);
    await openApplication(page, 'employee, joined');
    expect(await stateOf(page)).toBe('Joined');
    const on = shown(todayIndia());
    expect(await timeline(page)).toEqual([
      `Applied — Employee, ${on}`,
      `Give cadre clearance / forward — Nodal Officer, ${on}Cadre clearance given; no vigilance case pending.`,
      `Cadre clearance by CS.I — Cadre Authority (DoPT), ${on}`,
      `Shortlist — Sub-Nodal Officer, ${on}`,
      `Select — Sub-Nodal Officer, ${on}Selected after the interview.`,
      `Record joining — Sub-Nodal Officer, ${on}Date of joining: ${on}`,
    ]);
    const tenure = region(page, 'Tenure');
    expect(await valueNextTo(tenure, 'Ends (normal tenure)').textContent()).toBe(shown(fiveYearsFrom(todayIndia())));
    expect(await valueNextTo(tenure, 'Never beyond').textContent()).toBe(shown(fiveYearsFrom(todayIndia()).replace(/^\d{4}/, (y) => String(Number(y) + 2))));
    expect(await page.getByRole('heading', { name: 'What you can do' }).count()).toBe(0);
    await noSidewaysScroll(page);
    await navTo(page, /^Inbox/);
    await settle(page, /^Inbox$/, 'inbox (deputation messages)');
    const titles = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(titles).toEqual(expect.arrayContaining([`Joining recorded: ${POST} in ${ORG}`, `Selected: ${POST} in ${ORG}`, `Cadre clearance given by CS.I: ${POST}`]));
    await context.close();
  });
});
