import { CCS_RP_RULES_2016, gradeByCode, gradesOf, PAY_MATRIX, type CadreCode, type Reason } from '@cscms/domain';
import { addYears, maxDate } from '@cscms/domain';
import type { Deferment, EarlierService, GrantedUpgradation, NonFunctionalUpgrade, PayAnchor, Promotion, Refusal, ServiceHistory } from '@cscms/domain/career';
import type { EmployeeRow, ServiceEventRow } from './repo.ts';

const CAUSES = new Set(['UNFIT', 'PROCEEDINGS', 'OTHER']);
const EARLIER_KINDS = new Set(['REGULAR', 'DEPUTATION', 'ADHOC', 'CONTRACT']);

function levelOf(ev: ServiceEventRow): string | undefined {
  return ev.to_level ?? (ev.grade ? gradeByCode(ev.grade)?.level : undefined) ?? undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function payFrom(ev: ServiceEventRow): PayAnchor | undefined {
  const d = ev.details ?? {};
  const p = (d.pay ?? d.basicPay) as unknown;
  const level = levelOf(ev);
  if (!level) return undefined;
  if (typeof p === 'number') return { on: ev.effective_date, level, amount: p };
  if (p && typeof p === 'object') {
    const o = p as Record<string, unknown>;
    if (typeof o.amount === 'number') {
      const inc = o.incrementMonth === 1 || o.incrementMonth === 7 ? o.incrementMonth : undefined;
      return { on: str(o.on) ?? ev.effective_date, level: str(o.level) ?? level, amount: o.amount, ...(inc ? { incrementMonth: inc } : {}) };
    }
  }
  return undefined;
}

/** The 6th CPC non-functional grade of SO/PS: not before 01.01.2006. */
const NFSG_START = '2006-01-01';

/**
 * The non-functional level recorded on a grade event (ENTRY or PROMOTION into SO/PS): `details.nonFunctional`
 * = { level, from, fromLevel? }. Without `from`, the date is the grade's years after the event (not before 01.01.2006).
 */
function nonFunctionalOf(ev: ServiceEventRow): NonFunctionalUpgrade | undefined {
  const nf = (ev.details ?? {}).nonFunctional as unknown;
  if (!nf || typeof nf !== 'object') return undefined;
  const o = nf as Record<string, unknown>;
  const g = ev.grade ? gradeByCode(ev.grade) : undefined;
  const level = str(o.level) ?? g?.nonFunctional?.level;
  if (!level) return undefined;
  const date = str(o.from) ?? (g?.nonFunctional ? maxDate(addYears(ev.effective_date, g.nonFunctional.afterYears), NFSG_START) : undefined);
  if (!date) return undefined;
  return { date, level, ...(ev.grade ? { grade: ev.grade } : {}) };
}

/**
 * The MACP engine's service history from the cadre authority's records: the employee row and its
 * service events (ENTRY, PROMOTION, ACP, MACP, DEFERMENT, PROMOTION_REFUSED, PROBATION_CLEARED; postings
 * and deputations do not bear on MACP). Levels come from the event, else from its grade. The non-functional
 * Level 10 of SO/PS, recorded in the grade event's `details.nonFunctional`, is passed as a non-functional upgrade
 * (not a promotion, not an upgradation: the engine does not count it).
 */
export function historyOf(emp: EmployeeRow, events: readonly ServiceEventRow[]): ServiceHistory {
  const entryEv = events.find((e) => e.kind === 'ENTRY');
  const entry = entryEv
    ? { date: entryEv.effective_date, level: levelOf(entryEv) ?? emp.entry_level, grade: entryEv.grade ?? emp.entry_grade }
    : { date: emp.entry_date, level: emp.entry_level, grade: emp.entry_grade };
  const promotions: Promotion[] = [];
  const granted: GrantedUpgradation[] = [];
  const deferments: Deferment[] = [];
  const refusals: Refusal[] = [];
  const nonFunctionalUpgrades: NonFunctionalUpgrade[] = [];
  let probationEnd = emp.probation_end ?? undefined;
  let pay: PayAnchor | undefined;
  const earlierService: EarlierService[] = [];
  for (const ev of events) {
    const d = ev.details ?? {};
    if (ev.kind === 'ENTRY' || ev.kind === 'PROMOTION') {
      const nf = nonFunctionalOf(ev);
      if (nf) nonFunctionalUpgrades.push(nf);
    }
    switch (ev.kind) {
      case 'ENTRY': {
        const earlier = Array.isArray(d.earlierService) ? d.earlierService : [];
        for (const s of earlier as Array<Record<string, unknown>>) {
          if (s && typeof s === 'object' && str(s.from) && str(s.to) && str(s.level)) {
            earlierService.push({ from: s.from as string, to: s.to as string, level: s.level as string, kind: EARLIER_KINDS.has(String(s.kind)) ? (s.kind as EarlierService['kind']) : 'REGULAR' });
          }
        }
        break;
      }
      case 'PROMOTION':
        promotions.push({ date: ev.effective_date, level: levelOf(ev) ?? '', ...(ev.grade ? { grade: ev.grade } : {}) });
        break;
      case 'ACP':
      case 'MACP':
        granted.push({ scheme: ev.kind, date: ev.effective_date, level: levelOf(ev) ?? '' });
        break;
      case 'DEFERMENT':
        deferments.push({ from: ev.effective_date, ...(ev.end_date ? { to: ev.end_date } : {}), cause: CAUSES.has(String(d.cause)) ? (d.cause as Deferment['cause']) : 'OTHER', ...(str(d.note) ? { note: str(d.note) } : {}) });
        break;
      case 'PROMOTION_REFUSED': {
        const level = levelOf(ev);
        const agreedOn = str(d.agreedOn);
        refusals.push({ date: ev.effective_date, ...(level ? { level } : {}), ...(agreedOn ? { agreedOn } : {}) });
        break;
      }
      case 'PROBATION_CLEARED':
        probationEnd = ev.effective_date;
        break;
      default:
        break;
    }
    const p = payFrom(ev);
    if (p && (!pay || p.on >= pay.on)) pay = p;
  }
  const hierarchy = gradesOf(emp.cadre as CadreCode).map((g) => g.level);
  return {
    entry,
    ...(earlierService.length ? { earlierService } : {}),
    ...(probationEnd ? { probationEnd } : {}),
    promotions,
    granted,
    ...(nonFunctionalUpgrades.length ? { nonFunctionalUpgrades } : {}),
    deferments,
    refusals,
    organisedGroupA: false,
    promotionalHierarchy: [...new Set(hierarchy)],
    ...(pay ? { pay } : {}),
  };
}

const DR_PAY_FROM = '2016-01-01';

/**
 * When no basic pay is on record: a direct recruit who joined on or after 01.01.2016 started at the first
 * cell of the entry level (CCS (RP) Rules 2016, rule 8), with the annual increment in January or July by the
 * date of joining (rule 10). Said in the decision's reasons; nothing is assumed for anybody else.
 */
export function assumedPay(history: ServiceHistory, events: readonly ServiceEventRow[]): { pay: PayAnchor; reason: Reason } | undefined {
  if (history.pay) return undefined;
  const entryEv = events.find((e) => e.kind === 'ENTRY');
  const mode = entryEv?.details?.mode;
  if (mode !== 'DIRECT_RECRUITMENT' || history.entry.date < DR_PAY_FROM) return undefined;
  const row = PAY_MATRIX[history.entry.level];
  if (!row) return undefined;
  const md = history.entry.date.slice(5);
  const incrementMonth: 1 | 7 = md >= '01-02' && md <= '07-01' ? 1 : 7;
  const amount = row[0];
  const d = history.entry.date.split('-').reverse().join('.');
  const inr = `₹${amount.toLocaleString('en-IN')}`;
  return {
    pay: { on: history.entry.date, level: history.entry.level, amount, incrementMonth },
    reason: {
      code: 'PAY_ASSUMED_DR_FIRST_CELL',
      en: `No basic pay is on record: as a direct recruit from ${d}, pay is taken at the first cell of Level ${history.entry.level} (${inr}), with the annual increment on 1 ${incrementMonth === 1 ? 'January' : 'July'}.`,
      hi: `अभिलेख में मूल वेतन नहीं है: ${d} से सीधी भर्ती के रूप में वेतन लेवल ${history.entry.level} के प्रथम सेल (${inr}) पर लिया गया, वार्षिक वेतनवृद्धि 1 ${incrementMonth === 1 ? 'जनवरी' : 'जुलाई'} को।`,
      citation: { ...CCS_RP_RULES_2016, para: 'rules 8 and 10' },
    },
  };
}
