import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gradeByCode } from '@cscms/domain';
import type { ProfileData as Data } from '@cscms/domain/profile';
import { appendAudit } from '../../audit/audit.ts';
import { one, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { issueDocument, registerDocumentKind } from '../../print/documents.ts';
import { bi, esc, printShell, rowsTable } from '../../print/html.ts';
import { renderPdf } from '../../print/pdf.ts';
import { loadEmployee } from './repo.ts';
import { authorize, scopeOf } from './service.ts';

registerDocumentKind('PROFILE', {
  en: 'Employee profile',
  hi: 'कर्मचारी प्रोफ़ाइल',
  currentVersion: async (tx: Executor, employeeId: string) =>
    (await one<{ n: number | null }>(tx, sql`SELECT max(version_no) AS n FROM profile_version WHERE employee_id = ${employeeId}`))?.n ?? null,
});

const STATUS: Record<string, [string, string]> = {
  SUBMITTED: ['Submitted, awaiting validation', 'प्रस्तुत, सत्यापन लंबित'],
  VALIDATED: ['Validated by the Nodal Officer', 'नोडल अधिकारी द्वारा सत्यापित'],
  CORRECTED: ['Validated with corrections by the Nodal Officer', 'नोडल अधिकारी द्वारा सुधार सहित सत्यापित'],
  RETURNED: ['Returned for changes', 'परिवर्तन हेतु लौटाई गई'],
  DEEMED_FINAL: ['Taken as final at the deadline (O.M. of 15.11.2022 para 3.1)', 'समय-सीमा पर अंतिम मानी गई (दि. 15.11.2022 का का.ज्ञा. पैरा 3.1)'],
};

export const profilePrintFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/profiles/:employeeId/print', {
    config: { action: 'profile.read' },
    schema: {
      tags: ['profile'],
      summary: 'Print view (HTML) or PDF of the latest submitted or validated version, with a verification code and QR',
      params: z.object({ employeeId: z.uuid() }),
      querystring: z.object({ format: z.enum(['html', 'pdf']).default('html') }),
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const lang = req.lang;
    const { html, code } = await app.tx(async (tx) => {
      const e = await loadEmployee(tx, req.params.employeeId);
      if (!e) throw new AppError('NOT_FOUND');
      authorize(req.actor!, 'profile.read', scopeOf(e));
      const v = await one<{ version_no: number; data: Data; status: string; decided_at: string | null; submitted_at: string }>(tx, sql`
        SELECT version_no, data, status, decided_at, submitted_at FROM profile_version WHERE employee_id = ${e.id} ORDER BY version_no DESC LIMIT 1`);
      if (!v) throw new AppError('INVALID_STATE', { en: 'There is nothing to print yet: submit the profile first (a draft is not a document).', hi: 'अभी प्रिंट करने के लिए कुछ नहीं है: पहले प्रोफ़ाइल प्रस्तुत करें (ड्राफ़्ट दस्तावेज़ नहीं है)।' });
      const m = await one<{ name_en: string; name_hi: string }>(tx, sql`SELECT name_en, name_hi FROM ministry WHERE id = ${e.ministry_id}`);
      const g = gradeByCode(e.grade);
      const status = STATUS[v.status] ?? [v.status, v.status];
      const attests = {
        employeeCode: e.employee_code,
        name: v.data.personal.nameEn,
        nameHi: v.data.personal.nameHi,
        cadre: e.cadre,
        grade: g ? `${g.en} / ${g.hi}` : e.grade,
        ministry: m ? `${m.name_en} / ${m.name_hi}` : String(e.ministry_id),
        status: `${status[0]} / ${status[1]}`,
        ...(v.decided_at ? { validatedOn: String(v.decided_at).slice(0, 10) } : {}),
      };
      const doc = await issueDocument(tx, { kind: 'PROFILE', entityId: e.id, versionNo: v.version_no, attests, issuedTo: req.actor!.userId, now });
      await appendAudit(tx, auditContext(req, now), { entity: 'profile', entityId: e.id, action: 'profile.print', changes: { versionNo: v.version_no, code: doc.code, format: req.query.format } });
      const p = v.data.personal;
      const addr = (a: Data['personal']['presentAddress']) => [a.line1, a.line2, a.city, a.district, a.state, a.pin].filter(Boolean).join(', ');
      const body = `<p class="stamp">${bi(status[0], status[1])} · ${bi('version', 'संस्करण')} ${v.version_no}</p>
<h2>${bi('Personal details', 'व्यक्तिगत विवरण')}</h2>
${rowsTable([
  ['Name', 'नाम', p.nameEn], ['Name in Hindi', 'हिंदी में नाम', p.nameHi], ['Date of birth', 'जन्म तिथि', p.dateOfBirth], ['Gender', 'लिंग', p.gender],
  ['Category', 'श्रेणी', p.category], ['Person with benchmark disability', 'बेंचमार्क दिव्यांगता', p.pwbd.is ? `${p.pwbd.kind ?? ''} ${p.pwbd.percent ?? ''}%` : 'No / नहीं'],
  ['Mobile', 'मोबाइल', p.mobile], ['E-mail', 'ई-मेल', p.email], ['Present address', 'वर्तमान पता', addr(p.presentAddress)], ['Permanent address', 'स्थायी पता', addr(p.permanentAddress)],
])}
<h2>${bi('Service', 'सेवा')}</h2>
${rowsTable([
  ['Employee code', 'कर्मचारी कोड', e.employee_code], ['Cadre', 'संवर्ग', e.cadre], ['Grade', 'ग्रेड', g ? `${g.en} / ${g.hi}` : e.grade], ['Pay level', 'वेतन स्तर', e.pay_level],
  ['Ministry / Department', 'मंत्रालय / विभाग', attests.ministry], ['Joined the entry grade', 'प्रवेश ग्रेड में कार्यग्रहण', e.entry_date], ['Joined the present grade', 'वर्तमान ग्रेड में कार्यग्रहण', e.present_grade_date],
  ['Joined the Ministry', 'मंत्रालय में कार्यग्रहण', e.ministry_join_date],
])}
<h2>${bi('Family', 'परिवार')}</h2>
${v.data.family.children.length ? `<table><tr><th>${bi('Child', 'संतान')}</th><th>${bi('Date of birth', 'जन्म तिथि')}</th><th>${bi('Disability %', 'दिव्यांगता %')}</th></tr>${v.data.family.children.map((c) => `<tr><td>${esc(c.name)}</td><td>${esc(c.dateOfBirth)}</td><td>${esc(c.disabilityPercent)}</td></tr>`).join('')}</table>` : `<p>${bi('No children recorded.', 'कोई संतान दर्ज नहीं।')}</p>`}
<h2>${bi('Qualifications', 'योग्यताएँ')}</h2>
${v.data.qualifications.length ? `<table>${v.data.qualifications.map((q) => `<tr><td>${esc(q.level)}</td><td>${esc(q.subject)}</td><td>${esc(q.institution)}</td><td>${esc(q.year)}</td></tr>`).join('')}</table>` : `<p>${bi('None recorded.', 'कोई दर्ज नहीं।')}</p>`}`;
      const html = await printShell({
        lang,
        title: lang === 'hi' ? 'कर्मचारी प्रोफ़ाइल' : 'Employee profile',
        subtitle: `${p.nameEn} · ${p.nameHi} · ${e.employee_code}`,
        verifyUrl: `${app.deps.config.publicUrl}/verify/${doc.code}`,
        code: doc.code,
        issuedAt: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
        body,
      });
      return { html, code: doc.code };
    });
    reply.header('x-verification-code', code);
    if (req.query.format === 'pdf') {
      const pdf = await renderPdf(html, app.deps.config.chromiumPath);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="profile-${code}.pdf"`).send(pdf as never);
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(html as never);
  });
};
