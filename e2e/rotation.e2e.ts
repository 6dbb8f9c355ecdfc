// Rotation transfer and areas of interest in a real browser (issue 7; O.M. of 15.11.2022 paras 3.6 and 3.7; rules.md §8).
// CS.I initiates a round for CSS ASO and SO; the seeded officer due for rotation (persona employee-rotation: 8+ years
// in the present Ministry) is told they are in it and why, ranks Ministries of the other group and changes them;
// employee-css (a recent entrant) is told why not; CS.I reads the eligibility list with reasons and records an
// exemption. The server is then restarted nine days later (CLOCK_OFFSET_DAYS): the window has closed and the
// publication date has come. CS.I sets a sanctioned strength, takes the vacancies from working strength and enters one
// by hand, runs both allocation methods, reads the officer's explanation, adjusts the placement with a reason and
// publishes; the transfer list downloads as PDF and Excel; the officer reads their result and why. Areas of interest:
// employee-css picks areas and sees iGOT courses with links to iGOT; the Nodal Officer of the Ministry sees the
// interests by Ministry and grade and exports them. axe-core on every page visited.
import fs from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkA11y, horizontalOverflow, loginAs, logout, navTo, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;

serverAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const DAY = 86_400_000;
/** a calendar date in India, n days from now (the portal's dates are India's) */
const indiaDate = (n: number) => new Date(Date.now() + 5.5 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
const TODAY = indiaDate(0);
const CLOSES = indiaDate(7);
const PUBLISH_ON = indiaDate(8);
/** the second half runs on a server whose clock is this many days ahead: after the window, on the publication date */
const LATER = 9;
const TITLE = `ASO and SO rotation ${Date.now() % 100_000}`;
const EXEMPTION = 'Spouse posted in Delhi and a dependant under medical care (e2e)';
const ADJUSTMENT = 'Moved to the third preference: a post of the kind the officer held is vacant there (e2e)';

async function settle(page: Page, heading: RegExp, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
  await checkA11y(page, label);
}

async function session(persona: string) {
  const s = await newSession(browser);
  await loginAs(s.page, server, persona);
  return s;
}

/** the round's page, reached the way a user does: the menu, then the round in the list */
async function openRound(page: Page, label: string): Promise<void> {
  await navTo(page, 'Rotation transfer');
  await settle(page, /^Rotation transfer$/, `rotation rounds (${label})`);
  await page.getByRole('link', { name: new RegExp(`· ${TITLE}$`) }).click();
  await settle(page, new RegExp(TITLE), `rotation round (${label})`);
}

/** the number after a term of a summary (a dl in a labelled section) */
async function fact(page: Page, region: string, term: string): Promise<number> {
  const text = ((await page.getByRole('region', { name: region }).textContent()) ?? '').replace(/\s+/g, ' ');
  const m = new RegExp(`${term}\\s*(\\d+)`).exec(text);
  if (!m) throw new Error(`no "${term}" in ${region}: ${text}`);
  return Number(m[1]);
}

async function download(page: Page, link: RegExp): Promise<{ name: string; body: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: link }).click()]);
  const file = await (d as Download).path();
  return { name: d.suggestedFilename(), body: fs.readFileSync(file) };
}

/** who the officer in the round is (the header names the person logged in), and what they chose */
const officer = { name: '', grade: '', prefs: [] as Array<{ id: string; name: string; code: string }> };
let exempted = '';

describe('rotation transfer round (issue 7)', () => {
  it('CS.I initiates a round for CSS ASO and SO: dates are checked field by field, the officers are listed with reasons', async () => {
    const { page, context } = await session('cs1');
    await navTo(page, 'Rotation transfer');
    await settle(page, /^Rotation transfer$/, 'rotation rounds (CS.I)');
    await page.getByText('Initiate a round', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'CSS.ASO' }).check();
    await page.getByRole('checkbox', { name: 'CSS.SO' }).check();
    await page.getByLabel('Title (optional)').fill(TITLE);
    await page.getByLabel('Residency counted up to').fill(TODAY);
    await page.getByLabel('Preferences until').fill(CLOSES);
    await page.getByLabel('Publication on').fill(CLOSES); // must be after the window closes
    await page.getByRole('button', { name: 'Initiate the round' }).click();
    const publication = page.getByLabel('Publication on');
    await expect.poll(() => publication.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    await expect.poll(() => page.getByText('The publication date must be after the window closes.').count()).toBe(1);
    await checkA11y(page, 'initiate a round: a date refused');
    await publication.fill(PUBLISH_ON);
    await page.getByRole('button', { name: 'Initiate the round' }).click();
    await page.getByText('Round initiated: every officer in it has been told.').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Open', exact: true }).click();
    await settle(page, new RegExp(TITLE), 'rotation round (CS.I, preferences open)');
    expect(await page.getByText('Taking preferences', { exact: true }).count()).toBe(1);
    expect(await page.getByText('7 days left to give preferences').count()).toBeGreaterThan(0);

    const officers = await fact(page, 'Summary', 'Officers of the grades');
    const inRound = await fact(page, 'Summary', 'In the round');
    expect(inRound).toBeGreaterThan(0);
    expect(officers).toBeGreaterThan(inRound);
    expect(await fact(page, 'Summary', 'Gave preferences')).toBe(0);

    // the eligibility list says why, both ways
    const list = page.getByRole('region', { name: 'Eligibility' });
    await list.getByLabel('Show').selectOption({ label: 'Not in the round' });
    const shown = async (verdict: 'Yes' | 'No', reason: RegExp) => [await list.getByRole('cell', { name: verdict, exact: true }).count(), await list.getByRole('row').filter({ hasText: reason }).count() > 0];
    const notYet = /only on \d\d\.\d\d\.\d{4}, after the initiation date/;
    await expect.poll(() => shown('Yes', notYet), { timeout: 20_000 }).toEqual([0, true]);
    await checkA11y(page, 'eligibility: not in the round');
    await list.getByLabel('Show').selectOption({ label: 'In the round' });
    await expect.poll(() => shown('No', /completed years on .* at least the \d years required/), { timeout: 20_000 }).toEqual([0, true]);
    // the allocation waits for the window to close
    expect(await page.getByRole('button', { name: 'Run the allocation' }).isDisabled()).toBe(true);
    await logout(page);
    await context.close();
  });

  it('the officer due for rotation is told they are in the round and why, ranks Ministries of the other group and changes them', async () => {
    const { page, context } = await session('employee-rotation');
    officer.name = ((await page.getByRole('button', { name: /^Account/ }).textContent()) ?? '').replace(/^Account:\s*/, '').replace('▾', '').trim();
    expect(officer.name).not.toBe('');
    // the round was announced to every officer in it
    await navTo(page, /^Inbox/);
    await settle(page, /Inbox/, 'inbox (officer in the round)');
    const announced = page.getByRole('heading', { name: `Rotation transfer: you are in the CSS round. Give your preferences by ${CLOSES.split('-').reverse().join('.')}` });
    await expect
      .poll(async () => {
        await page.reload();
        return announced.waitFor({ timeout: 10_000 }).then(() => 1, () => 0);
      }, { timeout: 60_000, interval: 1_000 })
      .toBe(1);

    await openRound(page, 'officer in the round');
    const place = page.getByRole('region', { name: 'Your place in this round' });
    await place.getByText('You are in this round.').waitFor({ timeout: 20_000 });
    expect(await place.getByText(/Residency in \w+ \(Group [AB]\) from \d\d\.\d\d\.\d{4}: \d+ completed years on/).count()).toBe(1);

    // rank four Ministries of the other group (only those are offered), move the fourth up, save
    const add = page.getByLabel('Add a Ministry');
    const options = (await add.locator('option').evaluateAll((os) => os.map((o) => ({ id: (o as HTMLOptionElement).value, label: o.textContent ?? '' })))).filter((o) => o.id);
    expect(options.length).toBeGreaterThan(4);
    const chosen = options.slice(0, 4).map((o) => {
      const m = /^(.*) \(([^()]+)\)$/.exec(o.label.trim());
      if (!m) throw new Error(`a Ministry offered without its code: ${o.label}`);
      return { id: o.id, name: m[1], code: m[2] };
    });
    for (const c of chosen) {
      await add.selectOption(c.id);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await page.getByRole('button', { name: `Move ${chosen[3].name} up` }).click();
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByText('Your preferences are saved.').waitFor({ timeout: 20_000 });
    await checkA11y(page, 'preferences saved');

    // change them: the first goes, the order that stays is 2, 4, 3
    await page.getByRole('button', { name: `Remove ${chosen[0].name}` }).click();
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByText('Your preferences are saved.').waitFor({ timeout: 20_000 });
    officer.prefs = [chosen[1], chosen[3], chosen[2]];
    await page.reload();
    await settle(page, new RegExp(TITLE), 'rotation round (officer, preferences changed)');
    const ranked = page.getByRole('region', { name: 'Your preferences' }).getByRole('listitem');
    await expect.poll(() => ranked.allTextContents(), { timeout: 20_000 }).toEqual(officer.prefs.map((p) => expect.stringContaining(p.name)));
    await logout(page);
    await context.close();
  });

  it('an officer of the grades who is not in the round is told why, and cannot give preferences', async () => {
    const { page, context } = await session('employee-css');
    await openRound(page, 'officer not in the round');
    const place = page.getByRole('region', { name: 'Your place in this round' });
    await place.getByText('You are not in this round.').waitFor({ timeout: 20_000 });
    expect(await place.getByText(/Residency in \w+ from \d\d\.\d\d\.\d{4} completes the 7 years required only on \d\d\.\d\d\.\d{4}, after the initiation date/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save my preferences' }).count()).toBe(0);
    expect(await page.getByLabel('Add a Ministry').count()).toBe(0);
    await logout(page);
    await context.close();
  });

  it('CS.I records an exemption with its reason; the officer is out of the round with that reason', async () => {
    const { page, context } = await session('cs1');
    await openRound(page, 'CS.I, before the exemption');
    expect(await fact(page, 'Summary', 'Gave preferences')).toBe(1);
    const list = page.getByRole('region', { name: 'Eligibility' });
    await list.getByLabel('Show').selectOption({ label: 'In the round' });
    const mine = list.getByRole('row').filter({ hasText: officer.name });
    await expect.poll(() => mine.count(), { timeout: 20_000 }).toBe(1);
    officer.grade = /· (CSS\.[A-Z]+)/.exec((await mine.getByRole('rowheader').textContent()) ?? '')?.[1] ?? '';
    expect(officer.grade).toMatch(/^CSS\.(ASO|SO)$/);
    const row = list.getByRole('row').filter({ has: page.getByRole('button', { name: 'Exempt' }) }).filter({ hasNotText: officer.name }).first();
    exempted = ((await row.getByRole('rowheader').textContent()) ?? '').trim();
    await row.getByRole('button', { name: 'Exempt' }).click();
    const form = page.getByRole('form', { name: /^Exemption for / });
    await form.getByLabel('Reason').fill(EXEMPTION);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fact(page, 'Summary', 'Exempted'), { timeout: 20_000 }).toBe(1);
    await list.getByLabel('Show').selectOption({ label: 'Not in the round' });
    const out = list.getByRole('row').filter({ hasText: `Exempted by the cadre authority: ${EXEMPTION}` });
    await expect.poll(() => out.count(), { timeout: 20_000 }).toBe(1);
    expect((await out.getByRole('rowheader').textContent())?.trim()).toBe(exempted);
    await checkA11y(page, 'eligibility after an exemption');
    // the list downloads with the reasons
    const csv = await download(page, /^Download CSV$/);
    expect(csv.name).toMatch(/eligibility\.csv$/);
    expect(csv.body.toString('utf8')).toContain(EXEMPTION);
    await logout(page);
    await context.close();
  });

  it(`${LATER} days later the window has closed: the officer's preferences stand and can no longer change`, async () => {
    await server.restart({ CLOCK_OFFSET_DAYS: String(LATER) });
    const { page, context } = await session('employee-rotation');
    await openRound(page, 'officer, window closed');
    expect(await page.getByText('Window closed, allocation pending', { exact: true }).count()).toBe(1);
    const prefs = page.getByRole('region', { name: 'Your preferences' });
    await prefs.getByText('The window for preferences is closed.').waitFor({ timeout: 20_000 });
    expect(await prefs.getByRole('listitem').allTextContents()).toEqual(officer.prefs.map((p) => expect.stringContaining(p.name)));
    expect(await prefs.getByRole('button').count()).toBe(0);
    await logout(page);
    await context.close();
  });

  it('CS.I sets a sanctioned strength, takes the vacancies from working strength and enters one by hand', async () => {
    const { page, context } = await session('cs1');
    await navTo(page, 'Working strength');
    await settle(page, /^Working strength$/, 'working strength (CS.I)');
    await page.getByLabel('Ministry / Department').selectOption(officer.prefs[1].id);
    await page.getByLabel('Grade', { exact: true }).selectOption(officer.grade);
    await page.getByLabel('In force from').fill(TODAY);
    await page.getByLabel('Sanctioned posts').fill('12');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. The earlier figure is kept in the history.').waitFor({ timeout: 20_000 });
    await checkA11y(page, 'working strength after setting a sanctioned strength');

    await openRound(page, 'CS.I, window closed');
    const vac = page.getByRole('region', { name: 'Vacancies per Ministry and grade' });
    const take = vac.getByRole('button', { name: /^Take from working strength \(\d+\)$/ });
    await take.waitFor({ timeout: 20_000 });
    const fromStrength = Number(/\((\d+)\)/.exec((await take.textContent()) ?? '')?.[1]);
    expect(fromStrength).toBeGreaterThan(0); // 12 sanctioned less those in position
    expect(fromStrength).toBeLessThanOrEqual(12);
    await take.click();
    await vac.getByText('Vacancies saved.').waitFor({ timeout: 20_000 });
    await expect.poll(() => fact(page, 'Summary', 'Vacancies'), { timeout: 20_000 }).toBe(fromStrength);
    await expect.poll(() => vac.getByLabel('Ministry 1', { exact: true }).inputValue(), { timeout: 20_000 }).toBe(officer.prefs[1].id);
    expect(await vac.getByLabel('Vacancies 1', { exact: true }).inputValue()).toBe(String(fromStrength));
    expect(await vac.getByLabel('Ministry 2', { exact: true }).count()).toBe(0);

    // one vacancy entered by hand in the third preference (the adjustment below uses it)
    await vac.getByRole('button', { name: 'Add a row' }).click();
    await vac.getByLabel('Ministry 2', { exact: true }).selectOption(officer.prefs[2].id);
    await vac.getByLabel('Grade 2', { exact: true }).selectOption(officer.grade);
    await vac.getByLabel('Vacancies 2', { exact: true }).fill('1');
    await vac.getByRole('button', { name: 'Save the vacancies' }).click();
    await expect.poll(() => fact(page, 'Summary', 'Vacancies'), { timeout: 20_000 }).toBe(fromStrength + 1);
    await checkA11y(page, 'vacancies entered');
    await logout(page);
    await context.close();
  });

  it('CS.I runs both allocation methods, reads the explanation, adjusts the placement with a reason and publishes; the transfer list downloads as PDF and Excel', async () => {
    const { page, context } = await session('cs1');
    await openRound(page, 'CS.I, before the allocation');
    const alloc = page.getByRole('region', { name: 'Allocation' });
    const results = page.getByRole('region', { name: 'Results for review' });
    const mine = results.getByRole('row').filter({ hasText: officer.name });
    const [first, second, third] = officer.prefs;

    // (a) residency order: the first preference has no vacancy, the second has
    await alloc.getByLabel('Allocation method').selectOption('residency-order');
    await alloc.getByRole('button', { name: 'Run the allocation' }).click();
    await alloc.getByText('The allocation is stored for review.').waitFor({ timeout: 60_000 });
    await page.getByText('Allocation under review', { exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(() => mine.count(), { timeout: 20_000 }).toBe(1);
    expect(await mine.getByRole('cell').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`→ ${second.name}$`)),
      expect.stringMatching(/^Placed/),
      '2',
      expect.stringContaining(`Placed in ${second.code}, your preference 2`),
      expect.anything(),
    ]);
    const why = (await mine.getByRole('cell').nth(3).textContent()) ?? '';
    expect(why).toContain('Each higher preference was full when your turn came');
    expect(why).toContain(first.code);
    const objective = page.getByText(/^\d+ placed, \d+ without a vacancy in their preferences, \d+ not taken this round\. Score \d+\.$/);
    expect(await objective.count()).toBe(1);
    await checkA11y(page, 'allocation results (residency order)');

    // (b) most officers at a high preference under the residency guarantee: the same place here, with the guarantee said
    await alloc.getByLabel('Allocation method').selectOption('max-satisfaction');
    await alloc.getByRole('button', { name: 'Run the allocation' }).click();
    await expect.poll(async () => (await mine.getByRole('cell').nth(3).textContent()) ?? '', { timeout: 60_000 }).toContain('The residency order guarantees you preference 2 or better.');
    expect(await mine.getByRole('cell').nth(2).textContent()).toBe('2');

    // by hand: a Ministry without a vacancy is refused with the reason; the third preference (one vacancy) is taken
    await mine.getByRole('button', { name: 'Adjust' }).click();
    await page.getByRole('heading', { name: `Adjust the placement of ${officer.name}` }).waitFor();
    await page.getByLabel('Allocate to').selectOption(first.id);
    await page.getByLabel('Reason').fill(ADJUSTMENT);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByLabel('Allocate to').getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    expect(await page.getByText(/has 0 vacancies for CSS\.[A-Z]+, all filled/).count()).toBe(1);
    await checkA11y(page, 'adjustment refused');
    await page.getByLabel('Allocate to').selectOption(third.id);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await mine.getByRole('cell').allTextContents()).slice(0, 4), { timeout: 20_000 }).toEqual([
      expect.stringMatching(new RegExp(`→ ${third.name}$`)),
      expect.stringMatching(/^Placed\s*adjusted$/),
      '3',
      ADJUSTMENT,
    ]);

    // the list can be checked in Excel before publication; then it is published
    const review = await download(page, /^Transfer list · Download Excel$/);
    expect(review.body.subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('button', { name: 'Publish the transfer list' }).click();
    await page.getByText('Published', { exact: true }).waitFor({ timeout: 30_000 });
    await checkA11y(page, 'rotation round published (CS.I)');
    await page.setViewportSize({ width: 360, height: 800 });
    const o = await horizontalOverflow(page);
    expect(o.scrollWidth, `sideways scroll at 360 px: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
    await page.setViewportSize({ width: 1280, height: 900 });

    const pdf = await download(page, /^Transfer list · PDF$/);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await download(page, /^Transfer list · Download Excel$/);
    expect(xlsx.name).toMatch(/transfer-list\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.worksheets[0];
    const rowsOf: string[][] = [];
    sheet.eachRow((r) => rowsOf.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rowsOf[0]).toEqual(['No.', 'Employee code', 'Name', 'Grade', 'Present Ministry', 'Allocated Ministry', 'Preference', 'Outcome', 'Reason for adjustment']);
    const line = rowsOf.find((r) => r[2] === officer.name);
    expect(line?.slice(5)).toEqual([third.name, '3', 'Transferred', ADJUSTMENT]);
    await logout(page);
    await context.close();
  });

  it('the officer is told of the publication and reads what they got and why', async () => {
    const { page, context } = await session('employee-rotation');
    await navTo(page, /^Inbox/);
    await settle(page, /Inbox/, 'inbox (published)');
    const told = page.getByRole('heading', { name: 'Rotation transfer list published (CSS)' });
    await expect.poll(async () => {
      await page.reload();
      return told.waitFor({ timeout: 10_000 }).then(() => 1, () => 0);
    }, { timeout: 60_000, interval: 1_000 }).toBe(1);

    await openRound(page, 'officer, published');
    const result = page.getByRole('region', { name: 'Your result' });
    const [first, second, third] = officer.prefs;
    await result.getByText(`Allocated to ${third.name} (your preference 3).`).waitFor({ timeout: 20_000 });
    expect(await result.getByText(`The allocation placed you in ${second.name} (your preference 2); the cadre authority changed it by hand: ${ADJUSTMENT}`).count()).toBe(1);
    expect(await result.getByText(new RegExp(`^Residency from \\d\\d\\.\\d\\d\\.\\d{4}\\. Placed in ${second.code}, your preference 2`)).count()).toBe(1);
    expect(await result.getByRole('listitem').filter({ hasText: `Preference 1: ${first.name} (0 vacancies), taken by no one` }).count()).toBe(1);
    await checkA11y(page, 'my rotation result');
    await page.setViewportSize({ width: 360, height: 800 });
    const o = await horizontalOverflow(page);
    expect(o.scrollWidth, `sideways scroll at 360 px: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
    await page.setViewportSize({ width: 1280, height: 900 });
    const pdf = await download(page, /^Transfer list · PDF$/);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'rotation-result');
    await logout(page);
    await context.close();
  });
});

describe('areas of interest (issue 7, para 3.6)', () => {
  const AREAS = ['Communication', 'Leadership and team management'];

  it('the employee picks areas from the taxonomy and sees matching iGOT courses with links to iGOT', async () => {
    const { page, context } = await session('employee-css');
    await navTo(page, 'Areas of interest');
    await settle(page, /^Areas of interest and iGOT courses$/, 'areas of interest');
    for (const a of AREAS) await page.getByRole('checkbox', { name: new RegExp(`^${a}\\b`) }).check();
    await page.getByRole('button', { name: 'Save my areas' }).click();
    await page.getByText('Saved. iGOT Karmayogi is told of your areas.').waitFor({ timeout: 20_000 });
    const courses = page.getByRole('region', { name: 'Matching courses on iGOT Karmayogi' });
    const links = courses.getByRole('link', { name: /^Open on iGOT .+ \(opens iGOT Karmayogi in a new tab\)$/ });
    await expect.poll(() => links.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const href of await links.evaluateAll((ls) => ls.map((l) => (l as HTMLAnchorElement).href))) expect(new URL(href).hostname).toBe('igotkarmayogi.gov.in');
    expect(await courses.getByText(new RegExp(`^Matches: .*(${AREAS.join('|')})`)).count()).toBe(await links.count());
    await checkA11y(page, 'areas of interest with courses');
    await page.reload();
    await settle(page, /^Areas of interest and iGOT courses$/, 'areas of interest (again)');
    for (const a of AREAS) expect(await page.getByRole('checkbox', { name: new RegExp(`^${a}\\b`) }).isChecked()).toBe(true);
    await logout(page);
    await context.close();
  });

  it('the Nodal Officer of the Ministry sees the interests by Ministry and grade and exports them', async () => {
    const { page, context } = await session('nodal-1');
    await navTo(page, 'Interests by Ministry');
    await settle(page, /^Areas of interest by Ministry and grade$/, 'interests by Ministry');
    await page.getByText('1 officer has picked areas of interest.').waitFor({ timeout: 20_000 });
    for (const a of AREAS) {
      const row = page.getByRole('row').filter({ hasText: a });
      expect(await row.getByRole('cell').allTextContents()).toEqual(['CSS.ASO', a, '1']);
    }
    await page.getByLabel('Grade').selectOption('CSS.SO');
    await page.getByText('No officer has picked an area yet.').waitFor({ timeout: 20_000 });
    await page.getByLabel('Grade').selectOption('CSS.ASO');
    await page.getByText('1 officer has picked areas of interest.').waitFor({ timeout: 20_000 });
    const csv = await download(page, /^Download CSV$/);
    const text = csv.body.toString('utf8');
    for (const a of AREAS) expect(text).toMatch(new RegExp(`,"ASO","${a}","[A-Z.]+","1"`));
    const xlsx = await download(page, /^Download Excel$/);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    await checkA11y(page, 'interests by Ministry, filtered');
    await logout(page);
    await context.close();
  });
});
