// The transfer list of a published rotation round: print view / PDF with a verification code, and XLSX/CSV.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatOrderDate, gradeByCode } from '@cscms/domain';
import { appendAudit } from '../../audit/audit.ts';
import { one, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { issueDocument, registerDocumentKind } from '../../print/documents.ts';
import { bi, esc, printShell } from '../../print/html.ts';
import { renderPdf } from '../../print/pdf.ts';
import { ministries, resultRows, visibleRound } from './service.ts';

registerDocumentKind('ROTATION_TRANSFER_LIST', {
  en: 'Rotation transfer list',
  hi: 'रोटेशन स्थानांतरण सूची',
  currentVersion: async (tx: Executor, roundId: string) =>
    (await one<{ version: number }>(tx, sql`SELECT version FROM rotation_round WHERE id = ${Number(roundId)} AND status = 'PUBLISHED'`))?.version ?? null,
});

const STATUS: Record<string, [string, string]> = {
  placed: ['Transferred', 'स्थानांतरित'],
  unplaced: ['No vacancy in the preferences: stays', 'वरीयताओं में रिक्ति नहीं: यथावत'],
  'not-taken': ['Not taken this round (equal numbers from each group)', 'इस दौर में नहीं लिया गया (प्रत्येक समूह से समान संख्या)'],
};

export const rotationPrintFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/rotation/rounds/:id/transfer-list', {
    config: { action: 'rotation.round.read' },
    schema: {
      tags: ['rotation'],
      summary: 'The transfer list: print view (HTML) or PDF with a verification code once published; xlsx/csv also for the cadre authority while reviewing',
      params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
      querystring: z.object({ format: z.enum(['html', 'pdf', 'xlsx', 'csv']).default('html') }),
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const lang = req.lang;
    const fmt = req.query.format;
    const out = await app.tx(async (tx) => {
      const { round, manager } = await visibleRound(tx, req.actor!, req.params.id);
      const published = round.status === 'PUBLISHED';
      if (!published && !(manager && round.status === 'ALLOCATED' && (fmt === 'xlsx' || fmt === 'csv'))) {
        throw new AppError('INVALID_STATE', { en: 'The transfer list exists once the allocation is published.', hi: 'स्थानांतरण सूची आवंटन के प्रकाशन के बाद उपलब्ध होती है।' });
      }
      const ms = new Map((await ministries(tx)).map((m) => [m.id, m]));
      const name = (id: number | null) => (id == null ? '' : lang === 'hi' ? (ms.get(id)?.hi ?? '') : (ms.get(id)?.en ?? ''));
      const list = (await resultRows(tx, round.id)).filter((r) => manager || r.status === 'placed' || r.employee_id === req.actor!.employeeId);
      const header = lang === 'hi'
        ? ['क्रम', 'कर्मचारी कोड', 'नाम', 'ग्रेड', 'वर्तमान मंत्रालय', 'आवंटित मंत्रालय', 'वरीयता क्रम', 'परिणाम', 'समायोजन का कारण']
        : ['No.', 'Employee code', 'Name', 'Grade', 'Present Ministry', 'Allocated Ministry', 'Preference', 'Outcome', 'Reason for adjustment'];
      const body = list.map((r, i) => [i + 1, r.employee_code, lang === 'hi' ? r.name_hi || r.name_en : r.name_en, gradeByCode(r.grade)?.abbrev ?? r.grade, name(r.from_ministry_id), name(r.ministry_id), r.rank ?? '',
        (STATUS[r.status] ?? [r.status, r.status])[lang === 'hi' ? 1 : 0], r.adjusted ? (r.adjustment_reason ?? '') : '']);
      if (fmt === 'xlsx' || fmt === 'csv') {
        await appendAudit(tx, auditContext(req, now), { entity: 'rotation_round', entityId: String(round.id), action: 'rotation.transfer_list.export', changes: { format: fmt, published, rows: body.length } });
        return { kind: 'sheet' as const, header, body, round };
      }
      const attests = { round: round.id, cadre: round.cadre, grades: round.grades.join(', '), initiationDate: round.initiation_date, publishedAt: String(round.published_at).slice(0, 10), officers: list.filter((r) => r.status === 'placed').length };
      const doc = await issueDocument(tx, { kind: 'ROTATION_TRANSFER_LIST', entityId: String(round.id), versionNo: round.version, attests, issuedTo: req.actor!.userId, now });
      await appendAudit(tx, auditContext(req, now), { entity: 'rotation_round', entityId: String(round.id), action: 'rotation.transfer_list.print', changes: { format: fmt, code: doc.code } });
      const table = `<table><tr>${header.map((h) => `<th scope="col" style="width:auto">${esc(h)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
      const html = await printShell({
        lang,
        title: lang === 'hi' ? 'रोटेशन स्थानांतरण सूची' : 'Rotation transfer list',
        subtitle: `${round.cadre} · ${round.grades.map((g) => gradeByCode(g)?.abbrev ?? g).join(', ')} · ${round.title}`,
        verifyUrl: `${app.deps.config.publicUrl}/verify/${doc.code}`,
        code: doc.code,
        issuedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        body: `<p class="stamp">${bi('Published', 'प्रकाशित')} ${esc(String(round.published_at).slice(0, 10))}</p>
<p>${bi(`Residency counted up to ${formatOrderDate(round.initiation_date)}; allocation method: ${round.method}. Each officer can read on the portal why they got what they got.`, `निवास की गणना ${formatOrderDate(round.initiation_date)} तक; आवंटन पद्धति: ${round.method}। प्रत्येक अधिकारी पोर्टल पर अपने परिणाम का कारण पढ़ सकता है।`)}</p>
<p class="meta">${bi('O.M. 21/19/2022-CS.I(P) of 02.11.2022 as modified 14.06.2023; CSCMS O.M. of 15.11.2022 para 3.7', 'का.ज्ञा. 21/19/2022-CS.I(P) दि. 02.11.2022 यथा संशोधित 14.06.2023; सीएससीएमएस का.ज्ञा. दि. 15.11.2022 पैरा 3.7')}</p>
${table}`,
      });
      return { kind: 'doc' as const, html, code: doc.code, round };
    });
    if (out.kind === 'sheet') {
      reply.header('content-disposition', `attachment; filename="rotation-${out.round.id}-transfer-list.${fmt}"`);
      return fmt === 'csv' ? reply.type(CSV_TYPE).send(toCsv(out.header, out.body) as never) : reply.type(XLSX_TYPE).send((await toXlsx('Transfer list', out.header, out.body)) as never);
    }
    reply.header('x-verification-code', out.code);
    if (fmt === 'pdf') {
      const pdf = await renderPdf(out.html, app.deps.config.chromiumPath);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="rotation-${out.round.id}-${out.code}.pdf"`).send(pdf as never);
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(out.html as never);
  });
};
