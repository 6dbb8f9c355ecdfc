// Import of past returns (CSV/XLSX) from the old system: one line per property (a nil return: one line
// with nil = true and no property columns). Lines of one (employee_code, year, kind) make one return.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import type { CadreCode } from '@cscms/domain';
import { propertyReturnSchema, type PropertyRow } from '@cscms/domain/ipr';
import { appendAudit } from '../../audit/audit.ts';
import { one, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { zodFieldErrors } from '../../http/zod-messages.ts';
import { authorize } from '../rules/common.ts';

export const IMPORT_COLUMNS = [
  'employee_code', 'year', 'kind', 'as_on', 'filed_on', 'mode', 'nil',
  'description', 'state', 'district', 'sub_division', 'village', 'survey_number', 'area_value', 'area_unit', 'nature', 'extent_of_interest',
  'held_by_name', 'relationship', 'acquired_how', 'acquired_on', 'acquired_from', 'value', 'annual_income', 'remarks',
] as const;

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      if (row.some((x) => x.trim() !== '')) out.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) out.push(row);
  return out;
}

async function parseXlsx(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  } catch {
    throw new AppError('VALIDATION', { field: 'content', errors: [{ field: 'content', code: 'bad_file', en: 'content: not a readable XLSX file (send it base64-encoded)', hi: 'content: पठनीय XLSX फ़ाइल नहीं (base64 में भेजें)' }] });
  }
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow((r) => {
    const vals: string[] = [];
    for (let c = 1; c <= IMPORT_COLUMNS.length; c++) {
      const v = r.getCell(c).value as unknown;
      vals.push(v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v));
    }
    out.push(vals);
  });
  return out;
}

export interface ImportResult {
  imported: number;
  skipped: Array<{ employeeCode: string; year: number; kind: string; reason: string }>;
}

/** All or nothing: any bad line → 400 naming `lines.<n>.<column>`; returns already on the portal are skipped, never overwritten. */
export async function importReturns(tx: Executor, req: FastifyRequest, input: { format: 'csv' | 'xlsx'; content: string }, now: Date): Promise<ImportResult> {
  const table = input.format === 'csv' ? parseCsv(input.content) : await parseXlsx(input.content);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.slice(0, 7).filter((c) => !header.includes(c));
  if (missing.length) throw new AppError('VALIDATION', { field: 'content', errors: [{ field: 'content', code: 'missing_columns', en: `content: missing columns ${missing.join(', ')}`, hi: `content: स्तंभ नहीं हैं: ${missing.join(', ')}` }] });
  const col = (r: string[], name: string) => (r[header.indexOf(name)] ?? '').trim();
  const num = (s: string) => (s === '' ? Number.NaN : Number(s.replace(/,/g, '')));
  const groups = new Map<string, { lines: number[]; code: string; year: number; kind: string; asOn: string; filedOn: string; mode: string; nil: boolean; props: PropertyRow[] }>();
  const errors: FieldError[] = [];
  table.slice(1).forEach((r, i) => {
    const line = i + 2;
    const code = col(r, 'employee_code');
    const year = Number(col(r, 'year'));
    const kind = (col(r, 'kind') || 'ANNUAL').toUpperCase();
    const key = `${code}|${year}|${kind}`;
    const nil = /^(true|yes|y|1)$/i.test(col(r, 'nil'));
    let g = groups.get(key);
    if (!g) {
      g = { lines: [], code, year, kind, asOn: col(r, 'as_on') || `${year}-12-31`, filedOn: col(r, 'filed_on'), mode: (col(r, 'mode') || 'ONLINE').toUpperCase(), nil, props: [] };
      groups.set(key, g);
    }
    g.lines.push(line);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(g.filedOn)) errors.push({ field: `lines.${line}.filed_on`, code: 'invalid_date', en: `lines.${line}.filed_on: a date YYYY-MM-DD`, hi: `lines.${line}.filed_on: तिथि YYYY-MM-DD` });
    if (g.mode !== 'ONLINE' && g.mode !== 'PAPER') errors.push({ field: `lines.${line}.mode`, code: 'invalid_value', en: `lines.${line}.mode: ONLINE or PAPER`, hi: `lines.${line}.mode: ONLINE या PAPER` });
    if (nil) return;
    const remarks = col(r, 'remarks');
    const state = col(r, 'state');
    g.props.push({
      description: col(r, 'description'),
      location: { ...(state ? { state } : {}), district: col(r, 'district'), subDivision: col(r, 'sub_division'), village: col(r, 'village'), surveyNumber: col(r, 'survey_number') },
      area: { value: num(col(r, 'area_value')), unit: col(r, 'area_unit').toUpperCase() as PropertyRow['area']['unit'] },
      nature: col(r, 'nature').toUpperCase() as PropertyRow['nature'],
      extentOfInterest: col(r, 'extent_of_interest'),
      heldBy: { name: col(r, 'held_by_name'), relationship: col(r, 'relationship').toUpperCase() as PropertyRow['heldBy']['relationship'] },
      acquisition: { how: col(r, 'acquired_how').toUpperCase() as PropertyRow['acquisition']['how'], on: col(r, 'acquired_on'), from: col(r, 'acquired_from') },
      value: num(col(r, 'value')),
      annualIncome: num(col(r, 'annual_income')),
      ...(remarks ? { remarks } : {}),
    });
  });
  const ready: Array<{ g: (typeof groups extends Map<string, infer V> ? V : never); employeeId: string }> = [];
  const result: ImportResult = { imported: 0, skipped: [] };
  for (const g of groups.values()) {
    const first = g.lines[0];
    const emp = await one<{ id: string; ministry_id: number; cadre: string }>(tx, sql`SELECT id, ministry_id, cadre FROM employee WHERE upper(employee_code) = upper(${g.code})`);
    if (!emp) {
      errors.push({ field: `lines.${first}.employee_code`, code: 'unknown_employee', en: `lines.${first}.employee_code: no employee ${g.code}`, hi: `lines.${first}.employee_code: कर्मचारी ${g.code} नहीं है` });
      continue;
    }
    authorize(req.actor!, 'ipr.import', { ministryId: emp.ministry_id, cadre: emp.cadre as CadreCode });
    const parsed = propertyReturnSchema.safeParse({ kind: g.kind, year: g.year, asOn: g.asOn, nil: g.nil && g.props.length === 0, properties: g.props });
    if (!parsed.success) {
      for (const f of zodFieldErrors(parsed.error.issues)) {
        // properties.<i>.x → the line of that property
        const m = /^properties\.(\d+)\.?(.*)$/.exec(f.field);
        const propLines = g.lines.filter((_, k) => !(g.nil && k === 0));
        const where = m ? `lines.${propLines[Number(m[1])] ?? first}.${m[2] || 'property'}` : `lines.${first}.${f.field}`;
        errors.push({ ...f, field: where, en: f.en.replace(f.field, where), hi: f.hi.replace(f.field, where) });
      }
      continue;
    }
    ready.push({ g, employeeId: emp.id });
  }
  if (errors.length) throw new AppError('VALIDATION', { errors, field: errors[0].field, en: errors.slice(0, 20).map((e) => e.en).join('; '), hi: errors.slice(0, 20).map((e) => e.hi).join('; ') });
  for (const { g, employeeId } of ready) {
    const exists = await one<{ id: string }>(tx, sql`SELECT id FROM ipr_return WHERE employee_id = ${employeeId} AND kind = ${g.kind} AND year = ${g.year} LIMIT 1`);
    if (exists) {
      result.skipped.push({ employeeCode: g.code, year: g.year, kind: g.kind, reason: 'a return for this year is already on the portal' });
      continue;
    }
    const id = randomUUID();
    await tx.execute(sql`
      INSERT INTO ipr_return (id, employee_id, kind, year, as_on, revision, status, nil, rows, mode, source, filed_on, filed_at, filed_by, created_at, updated_at)
      VALUES (${id}, ${employeeId}, ${g.kind}, ${g.year}, ${g.asOn}, 1, 'FILED', ${g.props.length === 0}, ${JSON.stringify(g.props)}::jsonb, ${g.mode}, 'IMPORT', ${g.filedOn}, ${now.toISOString()}, ${req.actor!.userId}, ${now.toISOString()}, ${now.toISOString()})`);
    result.imported++;
  }
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'ipr_return', entityId: 'import', action: 'ipr.import', changes: { format: input.format, lines: table.length - 1, imported: result.imported, skipped: result.skipped.length } });
  return result;
}
