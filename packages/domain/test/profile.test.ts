import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transition } from '../src/workflow/machine.ts';
import { Mobile, NameHi, Pan, Pin, ProfileData, applyCorrections, atDeadline, crossFieldProblems, diffProfile, profileMachine } from '../src/profile/index.ts';

const base = (): ProfileData =>
  ProfileData.parse({
    personal: {
      nameEn: 'Asha Verma', nameHi: 'आशा वर्मा', dateOfBirth: '1985-04-10', gender: 'F', category: 'GEN',
      pwbd: { is: false }, maritalStatus: 'MARRIED', mobile: '9876543210', email: 'asha@example.gov.in', pan: 'ABCPV1234F',
      presentAddress: { line1: 'C-12 Sector 5', city: 'New Delhi', district: 'New Delhi', state: 'Delhi', pin: '110001' },
      permanentAddress: { line1: 'Village Rampur', city: 'Rampur', district: 'Rampur', state: 'Uttar Pradesh', pin: '244901' },
    },
    family: { children: [{ name: 'Meera', dateOfBirth: '2014-06-01', gender: 'F' }] },
  });

describe('profile field formats', () => {
  it('accepts Devanagari in Hindi names and refuses Latin', () => {
    expect(NameHi.safeParse('आशा वर्मा').success).toBe(true);
    expect(NameHi.safeParse('Asha').success).toBe(false);
  });
  it('checks PAN, mobile and PIN formats', () => {
    expect(Pan.safeParse('abcpv1234f').success).toBe(true);
    expect(Pan.safeParse('ABCDE1234F').success).toBe(false); // fourth letter must be P for a person
    expect(Mobile.safeParse('+91 9876543210').success).toBe(true);
    expect(Mobile.safeParse('5876543210').success).toBe(false);
    expect(Pin.safeParse('011001').success).toBe(false);
    expect(Pin.safeParse('110001').success).toBe(true);
  });
  it('refuses unknown fields', () => {
    const p = base() as unknown as Record<string, unknown>;
    expect(ProfileData.safeParse({ ...p, isAdmin: true }).success).toBe(false);
  });
});

describe('cross-field checks', () => {
  const service = { cadre: 'CSS', grade: 'CSS.SO', payLevel: '8', entryDate: '2010-07-01', presentGradeDate: '2016-07-01', ministryId: 1, ministryJoinDate: '2016-07-01', postings: [] };
  it('passes a consistent profile', () => {
    expect(crossFieldProblems(base(), service, '2026-01-15')).toEqual([]);
  });
  it('refuses an age at entry under 18, naming the field', () => {
    const p = base();
    p.personal.dateOfBirth = '1995-01-01';
    const probs = crossFieldProblems(p, service, '2026-01-15');
    expect(probs.map((x) => x.field)).toContain('personal.dateOfBirth');
    expect(probs[0].hi).toMatch(/आयु/);
  });
  it("refuses a child born before the employee was 15 or in the future", () => {
    const p = base();
    p.family.children = [{ name: 'X', dateOfBirth: '1990-01-01', gender: 'M', disabilityPercent: 0 }, { name: 'Y', dateOfBirth: '2027-01-01', gender: 'F', disabilityPercent: 0 }];
    const fields = crossFieldProblems(p, service, '2026-01-15').map((x) => x.field);
    expect(fields).toEqual(['family.children.0.dateOfBirth', 'family.children.1.dateOfBirth']);
  });
  it('refuses a present-grade date before entry', () => {
    expect(crossFieldProblems(base(), { ...service, presentGradeDate: '2009-01-01' }, '2026-01-15').map((x) => x.field)).toContain('service.presentGradeDate');
  });
});

describe('profile diff', () => {
  it('names each changed field', () => {
    const a = base();
    const b = structuredClone(a);
    b.personal.mobile = '9123456789';
    b.family.children.push({ name: 'Ravi', dateOfBirth: '2017-02-02', gender: 'M', disabilityPercent: 0 });
    const d = diffProfile(a, b);
    expect(d.map((c) => c.path)).toEqual([
      'family.children.1.dateOfBirth', 'family.children.1.disabilityPercent', 'family.children.1.gender', 'family.children.1.name', 'personal.mobile',
    ]);
  });
  it('is empty for equal values and applying the after-values of a diff reproduces the target (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom('9876543210', '9123456789', '7000000001'), (city, mobile) => {
        const a = base();
        expect(diffProfile(a, structuredClone(a))).toEqual([]);
        const b = structuredClone(a);
        b.personal.presentAddress.city = city;
        b.personal.mobile = mobile;
        const d = diffProfile(a, b);
        const corrected = applyCorrections(a, Object.fromEntries(d.map((c) => [c.path, c.after])));
        expect(diffProfile(corrected, b)).toEqual([]);
      }),
    );
  });
  it('refuses corrections to fields that do not exist or to prototype keys', () => {
    expect(() => applyCorrections(base(), { 'personal.salary': 1 })).toThrow();
    expect(() => applyCorrections(base(), { '__proto__.x': 1 })).toThrow();
  });
});

describe('profile lifecycle (O.M. of 15.11.2022 para 3.1)', () => {
  it('an employee submits; only a Nodal Officer validates; nobody else', () => {
    expect(transition(profileMachine, { state: 'DRAFT' }, 'submit', { by: 'EMPLOYEE' })).toMatchObject({ ok: true, to: 'SUBMITTED' });
    expect(transition(profileMachine, { state: 'SUBMITTED' }, 'validate', { by: 'EMPLOYEE' })).toMatchObject({ ok: false });
    expect(transition(profileMachine, { state: 'SUBMITTED' }, 'validate', { by: 'NODAL_OFFICER' })).toMatchObject({ ok: true, to: 'VALIDATED' });
    expect(transition(profileMachine, { state: 'DRAFT' }, 'validate', { by: 'NODAL_OFFICER' })).toMatchObject({ ok: false });
  });
  it('after validation an edit is a change request that goes through validation again', () => {
    expect(transition(profileMachine, { state: 'VALIDATED' }, 'edit', { by: 'EMPLOYEE' })).toMatchObject({ ok: true, to: 'DRAFT' });
  });
  it('at the deadline a submitted profile is deemed final against the Nodal Officer; a never-submitted one is flagged', () => {
    expect(atDeadline({ state: 'SUBMITTED', everSubmitted: true })).toEqual({ kind: 'DEEMED_FINAL', nodalOfficerDidNotAct: true });
    expect(atDeadline({ state: 'DRAFT', everSubmitted: false })).toEqual({ kind: 'NEVER_SUBMITTED' });
    expect(atDeadline({ state: 'VALIDATED', everSubmitted: true })).toEqual({ kind: 'NONE' });
  });
});

import { superannuationDate } from '../src/cadre/superannuation.ts';
describe('superannuation (FR 56(a))', () => {
  it('is the last day of the month of the 60th birthday; born on the 1st, the month before', () => {
    expect(superannuationDate('1966-07-15')).toBe('2026-07-31');
    expect(superannuationDate('1966-07-01')).toBe('2026-06-30');
    expect(superannuationDate('1966-01-01')).toBe('2025-12-31');
    expect(superannuationDate('1964-02-20')).toBe('2024-02-29');
  });
});

import { addDays as addDaysFast, dayNumber, daysBetween, fromDayNumber } from '../src/rules/dates.ts';
describe('calendar arithmetic without Date objects', () => {
  it('agrees with Date for every day from 1900 to 2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 47_482 }), fc.integer({ min: -20_000, max: 20_000 }), (z, n) => {
        const iso = new Date(z * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(z)).toBe(iso);
        expect(dayNumber(iso)).toBe(z);
        expect(addDaysFast(iso, n)).toBe(new Date((z + n) * 86_400_000).toISOString().slice(0, 10));
        expect(daysBetween(iso, addDaysFast(iso, n))).toBe(n);
      }),
    );
  });
});
