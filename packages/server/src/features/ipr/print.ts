import type { FastifyInstance, FastifyRequest } from 'fastify';
import { gradeByCode } from '@cscms/domain';
import { filingWindow } from '@cscms/domain/ipr';
import { appendAudit } from '../../audit/audit.ts';
import { one, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { issueDocument, registerDocumentKind } from '../../print/documents.ts';
import { bi, esc, printShell, rowsTable } from '../../print/html.ts';
import { findReturn, iprWindowTable } from './repo.ts';
import { viewReturn } from './service.ts';

/** entity id of an IPR document: one return (employee, kind, year); its version is the revision. */
registerDocumentKind('IPR', {
  en: 'Immovable Property Return',
  hi: 'अचल संपत्ति विवरणी',
  currentVersion: async (tx: Executor, entityId: string) => {
    const [employeeId, kind, year] = entityId.split(':');
    return (await one<{ n: number | null }>(tx, sql`SELECT max(revision) AS n FROM ipr_return WHERE employee_id = ${employeeId}::uuid AND kind = ${kind} AND year = ${Number(year)} AND status = 'FILED'`))?.n ?? null;
  },
});

const NATURE: Record<string, string> = {
  HOUSE: 'House / मकान', FLAT: 'Flat / फ़्लैट', SHOP: 'Shop / दुकान', OTHER_BUILDING: 'Other building / अन्य भवन', AGRICULTURAL_LAND: 'Agricultural land / कृषि भूमि',
  NON_AGRICULTURAL_LAND: 'Non-agricultural land / गैर-कृषि भूमि', PLOT: 'Plot / भूखंड', OTHER: 'Other / अन्य',
};

/** Print view (HTML) of a filed return, with a verification code; the caller renders PDF from it. */
export async function iprPrintHtml(app: FastifyInstance, tx: Executor, req: FastifyRequest, id: string, now: Date): Promise<{ html: string; code: string }> {
  const v = await viewReturn(tx, req.actor!, id);
  if (v.status !== 'FILED') throw new AppError('INVALID_STATE', { en: 'Only a filed return can be printed (a draft is not a document).', hi: 'केवल दाखिल विवरणी प्रिंट की जा सकती है (ड्राफ़्ट दस्तावेज़ नहीं है)।' });
  const r = (await findReturn(tx, id))!;
  const m = await one<{ name_en: string; name_hi: string }>(tx, sql`SELECT name_en, name_hi FROM ministry WHERE id = ${r.ministry_id}`);
  const g = gradeByCode(r.grade);
  const table = await iprWindowTable(tx);
  const late = r.kind === 'ANNUAL' && r.filed_on! > filingWindow(r.year, table).closes;
  const status = r.mode === 'PAPER'
    ? ['Paper return (imported)', 'कागज़ी विवरणी (आयातित)']
    : late ? ['Filed online after the due date (late)', 'नियत तिथि के बाद ऑनलाइन दाखिल (विलंबित)'] : ['Filed online by the due date', 'नियत तिथि तक ऑनलाइन दाखिल'];
  const attests = {
    employeeCode: r.employee_code,
    name: r.name_en,
    nameHi: r.name_hi,
    year: r.kind === 'ANNUAL' ? `${r.year} (as on 31.12.${r.year})` : `First appointment ${r.as_on}`,
    filedOn: r.filed_on,
    status: `${status[0]} / ${status[1]}${r.nil ? ' · Nil return / शून्य विवरणी' : ''}`,
  };
  const doc = await issueDocument(tx, { kind: 'IPR', entityId: `${r.employee_id}:${r.kind}:${r.year}`, versionNo: r.revision, attests, issuedTo: req.actor!.userId, now });
  await appendAudit(tx, auditContext(req, now), { entity: 'ipr_return', entityId: r.id, action: 'ipr.print', changes: { revision: r.revision, code: doc.code } });
  const props = r.nil
    ? `<p class="stamp">${bi('Nil return: no immovable property', 'शून्य विवरणी: कोई अचल संपत्ति नहीं')}</p>`
    : r.rows
        .map((p, i) => `<h2>${bi(`Property ${i + 1}`, `संपत्ति ${i + 1}`)}</h2>${rowsTable([
          ['Description', 'विवरण', p.description],
          ['Location (state, district, sub-division, village, survey no.)', 'स्थान (राज्य, ज़िला, उप-मंडल, गाँव, सर्वे सं.)', [p.location.state, p.location.district, p.location.subDivision, p.location.village, p.location.surveyNumber].filter(Boolean).join(', ')],
          ['Area', 'क्षेत्रफल', `${p.area.value} ${p.area.unit}`],
          ['Nature', 'प्रकृति', NATURE[p.nature] ?? p.nature],
          ['Extent of interest', 'हित की सीमा', p.extentOfInterest],
          ['Held in the name of (relationship)', 'किसके नाम (संबंध)', `${p.heldBy.name} (${p.heldBy.relationship}${p.heldBy.relationshipDetail ? `, ${p.heldBy.relationshipDetail}` : ''})`],
          ['How and when acquired, from whom', 'कैसे व कब अर्जित, किससे', `${p.acquisition.how}, ${p.acquisition.on}, ${p.acquisition.from}`],
          ['Present value (₹)', 'वर्तमान मूल्य (₹)', p.value],
          ['Annual income (₹)', 'वार्षिक आय (₹)', p.annualIncome],
          ['Remarks', 'टिप्पणी', p.remarks ?? ''],
        ])}`)
        .join('');
  const body = `<p class="stamp">${bi(status[0], status[1])} · ${bi('revision', 'संशोधन')} ${r.revision}</p>
${rowsTable([
  ['Employee code', 'कर्मचारी कोड', r.employee_code], ['Name', 'नाम', `${r.name_en} / ${r.name_hi}`], ['Grade', 'ग्रेड', g ? `${g.en} / ${g.hi}` : r.grade],
  ['Ministry / Department', 'मंत्रालय / विभाग', m ? `${m.name_en} / ${m.name_hi}` : String(r.ministry_id)],
  ['Position as on', 'स्थिति की तिथि', r.as_on], ['Filed on', 'दाखिल करने की तिथि', r.filed_on],
  ...(r.revision_reason ? [['Reason for revision', 'संशोधन का कारण', r.revision_reason] as [string, string, unknown]] : []),
])}
${props}
<p class="meta">${esc('CCS (Conduct) Rules, 1964, rule 18 · नियम 18, केंद्रीय सिविल सेवा (आचरण) नियम, 1964')}</p>`;
  const html = await printShell({
    lang: req.lang,
    title: req.lang === 'hi' ? `अचल संपत्ति विवरणी ${r.year}` : `Immovable Property Return ${r.year}`,
    subtitle: `${r.name_en} · ${r.name_hi} · ${r.employee_code}`,
    verifyUrl: `${app.deps.config.publicUrl}/verify/${doc.code}`,
    code: doc.code,
    issuedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    body,
  });
  return { html, code: doc.code };
}
