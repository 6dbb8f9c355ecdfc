// Issue 4 in a real browser: the rule engines as people use them. The employee reads "My career" (the MACP
// timeline with the pay after each step and the reasons, whose citations open the order in the library) and
// applies for Child Care Leave, seeing the explained eligibility answer before submitting; the Nodal Officer of the
// Ministry lists the MACP upgradations falling due and downloads them, refuses one CCL application (reasons
// required) and sanctions another (a probationer's: justification required); the employee's CCL account then shows
// the sanctioned spell. The orders library is searched with highlighted hits; the administrator adds an order,
// attaches a rule version to it and finds it by search. axe-core runs on every page visited.
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, loginAs, logout, navTo, newSession, screenshot, type Server, serverAndBrowser } from './helpers.ts';

let server: Server;
let browser: Browser;

serverAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function settle(page: Page, heading: RegExp, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(heading);
  await page.getByText(/Loading…|लोड हो रहा है…/).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
  await checkA11y(page, label);
}

const DAY = 86_400_000;
/** Today in India (the server decides on the Indian calendar date). */
const todayIst = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** dd.mm.yyyy → yyyy-mm-dd */
const isoOf = (dmy: string) => dmy.split('.').reverse().join('-');
/** yyyy-mm-dd → the period as the pages write it in English (formatDate, en-IN: "23 Nov 2026") */
const shown = (iso: string) => new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
const text = async (l: Locator) => (await l.textContent())?.replace(/\s+/g, ' ').trim() ?? '';

/** The CCL account card's figures, by their labels. */
async function account(page: Page): Promise<Record<'used' | 'balance' | 'spells' | 'pending', number>> {
  const card = page.getByRole('region', { name: 'Your CCL account' });
  await card.waitFor({ timeout: 30_000 });
  const value = async (label: string) => Number(await text(card.locator('.summary-row').filter({ has: page.getByText(label, { exact: true }) }).locator('dd')));
  return { used: await value('Days used'), balance: await value('Balance (of 730)'), spells: await value('Spells this year'), pending: await value('Days awaiting a decision') };
}

// the two CCL applications of the story, filled in as it goes
const TODAY = todayIst();
const spellA = { from: TODAY, to: plusDays(TODAY, 9) }; // 10 days from today: during probation → referred
let spellB = { from: '', to: '' }; // 10 days after probation → admissible
const JUSTIFICATION = 'My son is to have a minor operation and needs me at home while he recovers.';

describe('rule engines: career, Child Care Leave, orders library', () => {
  it('the employee reads the MACP timeline with the pay after each step; a citation opens the order', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await navTo(page, 'My career');
    await settle(page, /^My career: MACP$/, 'my career');
    const steps = page.getByRole('list').filter({ has: page.locator('li.career-step') }).locator('li.career-step');
    expect(await steps.count()).toBeGreaterThan(0);
    for (const step of await steps.all()) {
      const heading = await text(step.getByRole('heading'));
      expect(heading).toMatch(/^(Granted|Due|Expected|Barred|Deferred) (Promotion|ACP upgradation|MACP upgradation)/);
      expect(await text(step)).toMatch(/Level \w+ → Level \w+/);
      // the pay after each step (this direct recruit's pay is taken at the first cell of the entry level, and the reasons say so)
      expect(await text(step)).toMatch(/Pay after: ₹[\d,]+ \(cell \d+ of Level \w+\)/);
    }
    // the reasons of the first upgradation, each with its citation; the citations link to the orders library
    const first = steps.first();
    await first.getByText('Why', { exact: true }).click();
    const reasons = first.locator('.reason-list li');
    expect(await reasons.count()).toBeGreaterThan(0);
    for (const r of await reasons.all()) expect(await r.locator('.citation').count(), `a citation for: ${await text(r)}`).toBe(1);
    // where the pay comes from is said too (no basic pay on record: a direct recruit's first cell)
    expect(await page.getByRole('heading', { name: 'General reasons' }).count()).toBe(1);
    expect(await page.getByRole('listitem').filter({ hasText: /No basic pay is on record: as a direct recruit from .+, pay is taken at the first cell of Level/ }).count()).toBe(1);
    const citation = first.locator('.reason-list').getByRole('link').first();
    const cited = await text(citation);
    expect(await citation.getAttribute('href')).toMatch(/^\/orders\/[A-Z0-9.-]+$/);
    await screenshot(page, 'rules-career');
    await citation.click();
    await page.waitForURL(/\/orders\/[A-Z0-9.-]+$/);
    await settle(page, /\S/, 'order cited by the career page');
    // the order the reason cites: its number is the cited one
    const number = await text(page.locator('.summary-row').filter({ has: page.getByText('Number', { exact: true }) }).locator('dd'));
    const fileNo = /\d+\/\d+\/\d{2,4}/.exec(number)?.[0];
    expect(fileNo, `the order's number: ${number}`).toBeTruthy();
    expect(cited).toContain(fileNo);
    expect(await text(page.getByRole('heading', { name: 'Text of the order' }))).toBe('Text of the order');
    expect((await text(page.locator('.order-text'))).length).toBeGreaterThan(100);
    await logout(page);
    await context.close();
  });

  it('the employee applies for Child Care Leave, seeing the explained answer before submitting', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await navTo(page, 'Child Care Leave');
    await settle(page, /^Child Care Leave$/, 'child care leave');
    expect(await account(page)).toEqual({ used: 0, balance: 730, spells: 0, pending: 0 });

    const answer = page.getByRole('region', { name: 'Eligibility' });
    const outcome = answer.locator('.alert-title');
    const child = page.getByLabel('Child', { exact: true });
    // a child of the employee's record (the seed gives this persona two young children)
    expect(await child.locator('option').count()).toBeGreaterThan(1);
    await child.selectOption({ index: 1 });

    // 1. A spell of 3 days: not admissible, and why (the minimum spell is 5 days from 13.06.2018); no submitting it.
    await page.getByLabel('First day').fill(spellA.from);
    await page.getByLabel('Last day').fill(plusDays(spellA.from, 2));
    await expect.poll(() => text(outcome), { timeout: 30_000 }).toBe('Not admissible');
    const tooShort = answer.locator('.reason-list li').filter({ hasText: 'A spell may not be shorter than 5 days (applied 3).' });
    expect(await tooShort.count()).toBe(1);
    expect(await text(tooShort.locator('.tag'))).toBe('Not met');
    expect(await tooShort.getByRole('link').getAttribute('href')).toMatch(/^\/orders\//);
    expect(await page.getByRole('button', { name: 'Submit application' }).isDisabled()).toBe(true);
    await checkA11y(page, 'child care leave: not admissible');

    // 2. Ten days from today: this employee is on probation, so the sanctioning authority decides on a justification.
    await page.getByLabel('Last day').fill(spellA.to);
    await expect.poll(() => text(outcome), { timeout: 30_000 }).toBe('For the sanctioning authority to decide');
    const probation = answer.locator('.reason-list li').filter({ hasText: 'On probation until' });
    await expect.poll(() => text(probation)).toContain('a mandatory justification (none given)');
    const probationEnd = isoOf(/On probation until (\d{2}\.\d{2}\.\d{4})/.exec(await text(probation))![1]);
    expect(probationEnd > TODAY).toBe(true);
    expect(await text(answer)).toContain('Spell of 10 days; minimum 5 days.');
    await page.getByLabel('Why you need the leave').fill(JUSTIFICATION);
    await expect.poll(() => text(probation), { timeout: 30_000 }).toContain('decides on the justification given');
    await checkA11y(page, 'child care leave: referred (probation)');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect.poll(() => text(page.getByText(/^Your application is submitted\./)), { timeout: 30_000 }).toBe('Your application is submitted. Status: Referred to the authority.');

    // 3. Ten days after the probation: admissible, with the split of leave salary and the balance after both spells.
    spellB = { from: plusDays(probationEnd, 7), to: plusDays(probationEnd, 16) };
    await child.selectOption({ index: 1 });
    await page.getByLabel('First day').fill(spellB.from);
    await page.getByLabel('Last day').fill(spellB.to);
    await expect.poll(() => text(outcome), { timeout: 30_000 }).toBe('Admissible');
    const spellNo = spellB.from.slice(0, 4) === spellA.from.slice(0, 4) ? 2 : 1;
    expect(await text(answer)).toContain(`10 days: 10 at 100% leave salary, 0 at 80%. Balance after: 710 days. Spell ${spellNo} of 3 this year.`);
    expect(await text(answer)).toContain('Eligible: woman employee.');
    expect(await text(answer)).toContain('10 days applied; balance 720 of 730 days; 710 after this spell.');
    expect(await answer.locator('.reason-list li').filter({ hasText: 'Not met' }).count()).toBe(0);
    await checkA11y(page, 'child care leave: admissible');
    await page.getByLabel('Purpose (optional)').fill('Annual examinations');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect.poll(() => text(page.getByText(/^Your application is submitted\./)), { timeout: 30_000 }).toBe('Your application is submitted. Status: Submitted.');

    // both applications are listed; the account holds their days as awaiting a decision
    const mine = page.getByRole('region', { name: 'Your applications' });
    await expect.poll(() => mine.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    expect(await text(mine.locator('tbody tr').filter({ hasText: shown(spellA.from) }))).toContain('Referred to the authority');
    expect(await text(mine.locator('tbody tr').filter({ hasText: shown(spellB.from) }))).toContain('Submitted');
    await expect.poll(() => account(page), { timeout: 30_000 }).toEqual({ used: 0, balance: 730, spells: 0, pending: 20 });
    await checkA11y(page, 'child care leave: two applications');
    await screenshot(page, 'rules-ccl-applied');
    await logout(page);
    await context.close();
  });

  it('the Nodal Officer lists the MACP upgradations falling due and downloads them', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await navTo(page, 'MACP due');
    await settle(page, /^MACP due for screening$/, 'MACP due');
    await page.getByLabel('Falling due within (months)').fill('24');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/months=24/);
    const status = page.getByRole('status').filter({ hasText: /upgradation/ });
    await expect.poll(() => text(status), { timeout: 30_000 }).toMatch(/^\d+ upgradations?$/);
    const total = Number((await text(status)).split(' ')[0]);
    expect(total, 'the demo data has upgradations falling due in the next 24 months in this Ministry').toBeGreaterThan(0);
    if (total === 1) expect(await text(status)).toBe('1 upgradation');
    const rows = page.locator('table.data-table tbody tr');
    expect(await rows.count()).toBe(Math.min(total, 25));
    const today = TODAY;
    const horizon = new Date(Date.parse(`${today}T00:00:00Z`));
    horizon.setUTCMonth(horizon.getUTCMonth() + 24);
    const codes: string[] = [];
    for (const row of await rows.all()) {
      const cells = row.locator('td');
      codes.push((await text(cells.nth(0))).split(' · ').pop()!);
      expect(await text(cells.nth(2))).toMatch(/^(MACP|ACP) upgradation/);
      expect(await text(cells.nth(4))).toMatch(/^Level \w+ → Level \w+$/);
      expect(['Due', 'Expected', 'Deferred']).toContain(await text(cells.nth(6)));
    }
    await checkA11y(page, 'MACP due (24 months)');

    // the export: a real CSV with the same upgradations
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^macp-due-\d{4}-\d{2}-\d{2}-24m\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...csvRows] = parseCsv(csv);
    expect(header).toEqual(['employee_code', 'name', 'grade', 'ministry', 'upgradation', 'number', 'status', 'completion_date', 'due_date', 'from_level', 'to_level', 'pay_after']);
    expect(csvRows.length).toBe(total);
    expect(csvRows.map((r) => r[0]).slice(0, codes.length)).toEqual(codes);
    for (const r of csvRows) {
      expect(r).toHaveLength(header.length);
      expect(['MACP', 'ACP']).toContain(r[4]);
      expect(r[8]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r[6] !== 'DUE') expect(Date.parse(`${r[8]}T00:00:00Z`)).toBeLessThanOrEqual(horizon.getTime());
    }

    // an employee of the list: the career page shows the upgradation falling due, with the pay after it
    const link = rows.first().locator('td').first().getByRole('link');
    const name = await text(link);
    await link.click();
    await settle(page, new RegExp(`^Career of ${name}`), 'career of an employee (Nodal Officer)');
    const upcoming = page.locator('li.career-step').filter({ has: page.getByRole('heading', { name: /^(Due|Expected|Deferred) (MACP|ACP) upgradation/ }) });
    expect(await upcoming.count()).toBeGreaterThan(0);
    expect(await text(upcoming.first())).toMatch(/Pay after: ₹[\d,]+|Pay not computed: no basic pay is on record\./);

    // the Nodal Officer's own career: the promotions granted
    await navTo(page, 'My career');
    await settle(page, /^My career: MACP$/, 'my career (Nodal Officer)');
    expect(await page.locator('li.career-step').filter({ has: page.getByRole('heading', { name: /^Granted Promotion/ }) }).count()).toBeGreaterThan(0);
    await logout(page);
    await context.close();
  });

  it('the Nodal Officer refuses one CCL application (reasons required) and sanctions the probationer’s (justification required)', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'nodal-1');
    await navTo(page, 'CCL decisions');
    await settle(page, /^Child Care Leave: decisions$/, 'CCL decisions');
    // both applications await a decision: the referred one (probation) as well as the submitted one
    const rowOf = (from: string) => page.locator('tbody tr').filter({ hasText: shown(from) });
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    expect(await text(rowOf(spellA.from))).toContain('For the sanctioning authority to decide');
    expect(await text(rowOf(spellB.from))).toContain('Admissible');

    // refuse the later one: without reasons it is not recorded, and the page says why
    await rowOf(spellB.from).getByRole('link', { name: /^Open/ }).click();
    await settle(page, /^CCL application$/, 'CCL application (to decide)');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Purpose' }).locator('dd'))).toBe('Annual examinations');
    await page.getByRole('radio', { name: 'Refuse' }).check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const reasons = page.getByLabel('Reasons for refusal');
    await expect.poll(() => reasons.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const reasonsError = page.locator('.field-error .error-message');
    expect(await text(reasonsError)).toContain('A refusal must give its reasons');
    expect(await reasons.evaluate((el) => el === document.activeElement), 'the focus goes to the field to fill').toBe(true);
    await checkA11y(page, 'CCL application: refusal without reasons');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Status' }).locator('dd'))).toBe('Submitted');
    await reasons.fill('The Section has two officers on leave in that fortnight; please apply for a later period.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => text(page.locator('.summary-row').filter({ hasText: 'Status' }).locator('dd')), { timeout: 30_000 }).toBe('Refused');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Reasons for refusal' }).locator('dd'))).toContain('two officers on leave');
    await expect.poll(() => text(page.getByRole('status').filter({ hasText: /recorded/ }))).toBe('The decision is recorded and the employee informed.');
    await checkA11y(page, 'CCL application: refused');

    // sanction the probationer's: without the justification it is not recorded
    await page.getByRole('link', { name: 'Back to the applications' }).click();
    await settle(page, /^Child Care Leave: decisions$/, 'CCL decisions (one left)');
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
    await rowOf(spellA.from).getByRole('link', { name: /^Open/ }).click();
    await settle(page, /^CCL application$/, 'CCL application (probationer)');
    expect(await text(page.getByRole('note'))).toContain('The employee is on probation');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Employee’s justification' }).locator('dd'))).toBe(JUSTIFICATION);
    await page.getByRole('radio', { name: 'Sanction' }).check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const justification = page.getByLabel('Justification for sanction');
    await expect.poll(() => justification.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await text(page.locator('.field-error .error-message'))).toContain('The employee is on probation: record the justification');
    expect(await justification.evaluate((el) => el === document.activeElement), 'the focus goes to the field to fill').toBe(true);
    await checkA11y(page, 'CCL application: sanction without justification');
    await justification.fill('Minimal period for the child’s surgery; the Section can spare the officer.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => text(page.locator('.summary-row').filter({ hasText: 'Status' }).locator('dd')), { timeout: 30_000 }).toBe('Sanctioned');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Justification recorded' }).locator('dd'))).toContain('Minimal period');
    await checkA11y(page, 'CCL application: sanctioned');
    // the Nodal Officer is an employee too: "Your applications" on their own CCL page are theirs, not the Ministry's
    await navTo(page, 'Child Care Leave');
    await settle(page, /^Child Care Leave$/, 'child care leave (the Nodal Officer as an employee)');
    const own = page.getByRole('region', { name: 'Your applications' });
    await expect.poll(() => own.getByText('No application yet.').count(), { timeout: 30_000 }).toBe(1);
    expect(await own.locator('tbody tr').count()).toBe(0);
    await logout(page);
    await context.close();
  });

  it('the employee’s CCL account shows the sanctioned spell', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-css');
    await navTo(page, 'Child Care Leave');
    await settle(page, /^Child Care Leave$/, 'child care leave after the decisions');
    // the spell started today: 10 days used, 720 left, one spell this year; nothing awaits a decision
    expect(await account(page)).toEqual({ used: 10, balance: 720, spells: 1, pending: 0 });
    const mine = page.getByRole('region', { name: 'Your applications' });
    expect(await text(mine.locator('tbody tr').filter({ hasText: shown(spellA.from) }))).toContain('Sanctioned');
    expect(await text(mine.locator('tbody tr').filter({ hasText: shown(spellB.from) }))).toContain('Refused');
    // the refused one: its reasons are there for the employee to read
    await mine.locator('tbody tr').filter({ hasText: shown(spellB.from) }).getByRole('link').click();
    await settle(page, /^CCL application$/, 'CCL application (employee, refused)');
    expect(await text(page.locator('.summary-row').filter({ hasText: 'Reasons for refusal' }).locator('dd'))).toContain('two officers on leave');
    expect(await page.getByRole('radio').count()).toBe(0);
    await screenshot(page, 'rules-ccl-refused');
    await logout(page);
    await context.close();
  });

  it('the orders library: search in English with highlighted hits, open an order', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'employee-csss');
    await navTo(page, 'Orders library');
    await settle(page, /^Orders library$/, 'orders library');
    await page.getByLabel('Search the orders').fill('child care leave');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=child/);
    const status = page.getByRole('status').filter({ hasText: /orders? found/ });
    await expect.poll(() => text(status), { timeout: 30_000 }).toMatch(/^\d+ orders? found/);
    const hits = page.locator('ol.order-hits > li');
    expect(await hits.count()).toBeGreaterThan(1);
    // every hit has its matched words highlighted (English stemming: "leave" matches "leave", "child" "children")
    for (const hit of await hits.all()) {
      const marks = await hit.locator('mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m.toLowerCase()).toMatch(/^(child|children|care|leave|leaves)$/);
    }
    await checkA11y(page, 'orders library: search results');
    await screenshot(page, 'rules-orders-search');
    const top = hits.first().getByRole('heading').getByRole('link');
    const subject = await text(top);
    expect(subject.toLowerCase()).toContain('child care leave');
    await top.click();
    await settle(page, new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 40)}`), 'an order');
    expect(await text(page.locator('h1'))).toBe(subject);
    expect(await text(page.locator('.summary-row').filter({ has: page.getByText('Number', { exact: true }) }).locator('dd'))).not.toBe('');
    expect((await text(page.locator('.order-text'))).length).toBeGreaterThan(50);
    await page.getByRole('link', { name: 'Back to the orders library' }).click();
    await settle(page, /^Orders library$/, 'orders library (back)');
    // nothing found: said so
    await page.getByLabel('Search the orders').fill('xylophonist zeppelin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByText('No order matches your search. Try fewer or other words.').count(), { timeout: 30_000 }).toBe(1);
    await logout(page);
    await context.close();
  });

  it('the administrator adds an order, attaches a rule version to it and finds it by search', async () => {
    const { page, context } = await newSession(browser);
    await loginAs(page, server, 'admin');
    await navTo(page, 'Orders library');
    await settle(page, /^Orders library$/, 'orders library (administrator)');
    const code = `CCL-E2E-${Date.now() % 100000}`;
    const subject = 'Child Care Leave: minimum spell for a parent of a quintuplet (e2e test order)';
    await page.getByText('Add an order (administrator)', { exact: true }).click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add the order' }) });
    // nothing filled: each required field says so, nothing is added
    await form.getByRole('button', { name: 'Add the order' }).click();
    await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBe(5);
    await checkA11y(page, 'add an order: required fields');
    await form.getByLabel('Code').fill(code);
    await form.getByLabel('Number', { exact: true }).fill('13018/99/2026-Estt.(Leave)');
    await form.getByLabel('Date', { exact: true }).fill('2026-03-02');
    await form.getByLabel('Issuing department').fill('Department of Personnel and Training, Establishment (Leave) Division');
    await form.getByLabel('Subject').fill(subject);
    await form.getByLabel('Text of the order', { exact: true }).fill(
      'The undersigned is directed to clarify the minimum spell of Child Care Leave.\n\nA parent of quintuplets may take Child Care Leave in spells of not less than five days, as for every employee.',
    );
    await form.getByRole('button', { name: 'Add the order' }).click();
    await expect.poll(() => text(form.getByRole('status')), { timeout: 30_000 }).toBe(`The order ${code} is added to the library.`);
    // the same code again is refused, naming the field
    await form.getByLabel('Code').fill(code);
    for (const [label, v] of [['Subject', 'Duplicate'], ['Issuing department', 'DoPT'], ['Text of the order', 'Duplicate.']] as const) await form.getByLabel(label, { exact: true }).fill(v);
    await form.getByLabel('Number', { exact: true }).fill('1/1/2026');
    await form.getByRole('button', { name: 'Add the order' }).click();
    await expect.poll(() => form.getByLabel('Code').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await text(form.locator('.field-error .error-message'))).toContain(`An order with the code ${code}`);
    await checkA11y(page, 'add an order: duplicate code');

    // found by a word of its text
    await page.getByLabel('Search the orders').fill('quintuplets');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => text(page.getByRole('status').filter({ hasText: /found/ })), { timeout: 30_000 }).toBe('1 order found Matching words are highlighted.');
    const hit = page.locator('ol.order-hits > li');
    expect(await hit.count()).toBe(1);
    expect(await hit.locator('mark').allTextContents()).toContain('quintuplets');
    await hit.getByRole('link', { name: subject }).click();
    await settle(page, /^Child Care Leave: minimum spell for a parent of a quintuplet/, 'the added order');
    expect(await text(page.locator('.summary-row').filter({ has: page.getByText('Number', { exact: true }) }).locator('dd'))).toBe('13018/99/2026-Estt.(Leave)');
    expect(await page.getByText('No rule version rests on this order yet.').count()).toBe(1);

    // a rule version rests on it
    await page.getByText('Attach a rule version (administrator)', { exact: true }).click();
    await page.getByLabel('Rule key').fill('ccl.minSpellDays');
    await page.getByLabel('In force from').fill('2026-03-02');
    await page.getByLabel('Paragraph (optional)').fill('para 2');
    await page.getByLabel('Parameters (JSON object)').fill('{"days": 5');
    await page.getByRole('button', { name: 'Attach the rule version' }).click();
    await expect.poll(() => page.getByLabel('Parameters (JSON object)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Parameters (JSON object)').fill('{"days": 5}');
    await page.getByRole('button', { name: 'Attach the rule version' }).click();
    const versions = page.locator('table tbody tr');
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(1);
    expect(await text(versions.first())).toContain('ccl.minSpellDays');
    expect(await text(versions.first())).toContain('{"days":5}');
    expect(await text(versions.first())).toContain('para 2');
    await checkA11y(page, 'the added order with its rule version');
    await screenshot(page, 'rules-order-added');

    // and the library finds it by its subject too
    await page.getByRole('link', { name: 'Back to the orders library' }).click();
    await settle(page, /^Orders library$/, 'orders library (administrator, back)');
    await page.getByLabel('Search the orders').fill('quintuplet minimum spell');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('ol.order-hits > li').filter({ hasText: subject.slice(0, 30) }).count(), { timeout: 30_000 }).toBe(1);
    await logout(page);
    await context.close();
  });
});
