// Shapes of the rule-engine endpoints (packages/server/src/features/{orders,career,ccl}).
import type { Page } from '../../api.ts';

export interface Citation {
  order: string;
  para?: string;
  orderId?: string;
}
export interface Reason {
  code: string;
  en: string;
  hi: string;
  citation: Citation;
  until?: string;
  effect?: 'OK' | 'REFER' | 'BAR';
}

export interface OrderHit {
  code: string;
  number: string;
  date: string | null;
  department: string;
  subject: string;
  kind: string;
  fullText: boolean;
  rank: number | null;
  subjectHighlighted: string | null;
  snippet: string | null;
}

export interface OrderDoc {
  code: string;
  aliases: string[];
  number: string;
  date: string | null;
  department: string;
  subject: string;
  text: string;
  kind: string;
  fullText: boolean;
  source: string;
  note: string | null;
  ruleVersions: Array<{ id: number; ruleKey: string; effectiveFrom: string; para: string | null; parameters: Record<string, unknown> }>;
  abilities?: string[];
}

export interface PayFixation {
  fromLevel: string;
  fromPay: number;
  notionalPay: number;
  toLevel: string;
  toPay: number;
  toCell: number;
  reasons: Reason[];
}

export type StepStatus = 'GRANTED' | 'DUE' | 'PROSPECTIVE' | 'BLOCKED' | 'DEFERRED';
export interface CareerStep {
  kind: 'PROMOTION' | 'ACP' | 'MACP';
  number: number | null;
  status: StepStatus;
  completionDate: string;
  date: string;
  fromLevel: string;
  toLevel: string;
  pay: PayFixation | null;
  reasons: Reason[];
}

export interface Bilingual {
  en: string;
  hi: string;
}

export interface EmployeeBrief {
  id: string;
  code: string;
  name: Bilingual;
  cadre: string;
  grade: { code: string } & Bilingual;
  payLevel: string;
  ministry: { id: number } & Bilingual;
}

export interface Career {
  employee: EmployeeBrief;
  asOn: string;
  eligible: boolean;
  serviceStart: string;
  steps: CareerStep[];
  due: CareerStep[];
  next: CareerStep | null;
  countedAsOn: number;
  reasons: Reason[];
}

export interface DueItem {
  employee: EmployeeBrief;
  kind: CareerStep['kind'];
  number: number | null;
  status: StepStatus;
  completionDate: string;
  date: string;
  fromLevel: string;
  toLevel: string;
  payAfter: number | null;
}
export interface DuePage extends Page<DueItem> {
  asOn: string;
  months: number;
  problems: Array<{ employeeId: string; code: string; item: string; message: string }>;
}

export type CclOutcome = 'ADMISSIBLE' | 'REFER' | 'NOT_ADMISSIBLE';
export interface CclDecision {
  outcome: CclOutcome;
  days: number;
  daysAt100: number;
  daysAt80: number;
  balanceBefore: number;
  balanceAfter: number;
  spellNumber: number;
  spellsAllowed: number;
  reasons: Reason[];
}

export type CclStatus = 'SUBMITTED' | 'SANCTIONED' | 'REFUSED' | 'REFERRED' | 'WITHDRAWN';
export interface CclApplication {
  id: string;
  employee: { id: string; code: string; name: Bilingual; grade: string; ministryId: number };
  child: { id: number; name: string };
  from: string;
  to: string;
  days: number;
  status: CclStatus;
  decision: Partial<CclDecision> & { justificationGiven?: string | null };
  childInPatient: boolean;
  purpose: string;
  justification: string | null;
  refusalReasons: string | null;
  decidedAt: string | null;
  submittedAt: string;
  version: number;
  probation: boolean;
  abilities: string[];
}

export interface CclAccount {
  employeeId: string;
  asOn: string;
  daysUsed: number;
  daysBooked: number;
  balance: number;
  spellsThisYear: number;
  daysAt100: number;
  daysAt80: number;
  pendingDays: number;
  spells: Array<{ id: string; from: string; to: string }>;
  children: Array<{ id: number; name: string; dateOfBirth: string; disabilityPercent: number }>;
}
