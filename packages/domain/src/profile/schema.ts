import { z } from 'zod';
import { isCalendarDate } from '../rules/dates.ts';

// Field formats of the profile (O.M. of 15.11.2022 para 3.1). Messages are keys resolved in en/hi by fieldMessages.
export const date = z.string().refine(isCalendarDate, { message: 'date' });
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();

/** Names in English: letters, spaces, dots, apostrophes, hyphens. */
export const NameEn = z.string().trim().min(2).max(100).regex(/^[A-Za-z][A-Za-z .'-]*$/, { message: 'name_en' });
/** Names in Hindi: Devanagari block (U+0900–U+097F) with spaces and dots. */
export const NameHi = z.string().trim().min(2).max(100).regex(/^[\u0900-\u097F][\u0900-\u097F .]*$/, { message: 'name_hi' });
/** PAN: five letters, four digits, one letter; the fourth letter is the holder type (P for a person). */
export const Pan = z.string().trim().toUpperCase().regex(/^[A-Z]{3}P[A-Z][0-9]{4}[A-Z]$/, { message: 'pan' });
/** Indian mobile number: ten digits starting 6–9, optional +91. */
export const Mobile = z.string().trim().regex(/^(\+91[- ]?)?[6-9][0-9]{9}$/, { message: 'mobile' });
/** PIN code: six digits, not starting with 0. */
export const Pin = z.string().trim().regex(/^[1-9][0-9]{5}$/, { message: 'pin' });
export const Email = z.string().trim().max(254).email({ message: 'email' });

export const Address = z.strictObject({
  line1: text(200),
  line2: optText(200),
  city: text(100),
  district: text(100),
  state: text(100),
  pin: Pin,
});

export const Personal = z.strictObject({
  nameEn: NameEn,
  nameHi: NameHi,
  dateOfBirth: date,
  gender: z.enum(['F', 'M', 'T']),
  category: z.enum(['GEN', 'EWS', 'OBC', 'SC', 'ST']),
  pwbd: z.strictObject({ is: z.boolean(), kind: optText(100), percent: z.number().int().min(0).max(100).optional() }),
  maritalStatus: z.enum(['UNMARRIED', 'MARRIED', 'WIDOWED', 'DIVORCED']),
  mobile: Mobile,
  email: Email,
  pan: Pan.optional(),
  presentAddress: Address,
  permanentAddress: Address,
});

export const Posting = z.strictObject({
  ministryId: z.number().int().positive(),
  grade: text(20),
  from: date,
  to: date.optional(),
  section: optText(200),
});

export const Qualification = z.strictObject({
  level: z.enum(['SECONDARY', 'HIGHER_SECONDARY', 'DIPLOMA', 'GRADUATE', 'POST_GRADUATE', 'DOCTORATE', 'PROFESSIONAL']),
  subject: text(200),
  institution: text(200),
  year: z.number().int().min(1950).max(2100),
});

export const Training = z.strictObject({
  title: text(200),
  institution: text(200),
  from: date,
  to: date,
  source: z.enum(['ISTM', 'IGOT', 'OTHER']).default('OTHER'),
});

export const Child = z.strictObject({
  name: text(100),
  dateOfBirth: date,
  gender: z.enum(['F', 'M', 'T']),
  disabilityPercent: z.number().int().min(0).max(100).default(0),
});

export const Family = z.strictObject({
  spouse: z.strictObject({ name: text(100), occupation: optText(100), isGovernmentServant: z.boolean().default(false) }).optional(),
  children: z.array(Child).max(12).default([]),
});

export const Language = z.strictObject({
  language: text(50),
  read: z.boolean(),
  write: z.boolean(),
  speak: z.boolean(),
});

/** The part of the profile the employee edits. Service history is the cadre authority's (read-only here). */
export const ProfileData = z.strictObject({
  personal: Personal,
  qualifications: z.array(Qualification).max(20).default([]),
  training: z.array(Training).max(100).default([]),
  family: Family,
  languages: z.array(Language).max(20).default([]),
});
export type ProfileData = z.infer<typeof ProfileData>;

/** Service facts owned by the cadre authority: the employee and Nodal Officer raise correction requests. */
export interface ServiceFacts {
  cadre: string;
  grade: string;
  payLevel: string;
  entryDate: string;
  presentGradeDate: string;
  ministryId: number;
  ministryJoinDate: string;
  selectListYear?: number | null;
  probationEnd?: string | null;
  postings: Array<{ ministryId: number; grade: string | null; from: string; to?: string | null }>;
}
