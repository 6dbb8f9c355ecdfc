// The bilingual clearance certificate of an approved private foreign visit, verifiable at /verify/<code>.
// It attests the permission only: no vigilance detail is printed on it.
import { gradeByCode } from '@cscms/domain';
import { one, sql, type Executor } from '../../db/client.ts';
import { issueDocument, registerDocumentKind } from '../../print/documents.ts';
import { bi, esc, printShell, rowsTable } from '../../print/html.ts';
import type { FvRow } from './repo.ts';

export const CERT_KIND = 'FV_CLEARANCE';

registerDocumentKind(CERT_KIND, {
  en: 'Private foreign visit: clearance certificate',
  hi: 'निजी विदेश यात्रा: अनापत्ति प्रमाणपत्र',
  currentVersion: async (tx: Executor, id: string) =>
    (await one<{ state: string }>(tx, sql`SELECT state FROM foreign_visit_application WHERE id = ${id}::uuid`))?.state === 'APPROVED' ? 1 : null,
});

export function certificateAttests(a: Pick<FvRow, 'employee_code' | 'name_en' | 'name_hi' | 'application' | 'departure_on' | 'return_on'>, decidedOn: string) {
  return {
    employeeCode: a.employee_code,
    name: a.name_en,
    nameHi: a.name_hi,
    countries: a.application.countries.join(', '),
    period: `${a.departure_on} – ${a.return_on}`,
    decidedOn,
    status: 'Permission granted for a private foreign visit / निजी विदेश यात्रा की अनुमति प्रदान की गई',
  };
}

export async function issueCertificate(tx: Executor, a: FvRow, decidedOn: string, issuedTo: string, now: Date): Promise<string> {
  return (await issueDocument(tx, { kind: CERT_KIND, entityId: a.id, versionNo: 1, attests: certificateAttests(a, decidedOn), issuedTo, now })).code;
}

const FUNDS: Record<string, [string, string]> = { OWN: ['Own', 'स्वयं'], FAMILY: ['Family', 'परिवार'], HOST: ['Host', 'मेज़बान'], SPONSOR: ['Sponsor', 'प्रायोजक'], OTHER: ['Other', 'अन्य'] };

export async function certificateHtml(tx: Executor, a: FvRow, lang: 'en' | 'hi', publicUrl: string, now: Date, issuedTo: string): Promise<{ html: string; code: string }> {
  const code = await issueCertificate(tx, a, a.decided_on!, issuedTo, now);
  const m = await one<{ name_en: string; name_hi: string }>(tx, sql`SELECT name_en, name_hi FROM ministry WHERE id = ${a.ministry_id}`);
  const g = gradeByCode(a.grade);
  const ap = a.application;
  const f = FUNDS[ap.funding.source] ?? [ap.funding.source, ap.funding.source];
  const body = `<p class="stamp">${bi('Permission granted', 'अनुमति प्रदान की गई')}</p>
<p>${bi(
    `Permission is granted to the officer named below for the private visit abroad described here, under the O.M. of 27.07.2015 (11013/8/2015-Estt.A-III). Leave is to be sanctioned separately.`,
    `नीचे नामित अधिकारी को यहाँ वर्णित निजी विदेश यात्रा हेतु दि. 27.07.2015 के का.ज्ञा. (11013/8/2015-स्था.क-III) के अंतर्गत अनुमति प्रदान की जाती है। छुट्टी अलग से स्वीकृत की जाएगी।`,
  )}</p>
${rowsTable([
  ['Employee code', 'कर्मचारी कोड', a.employee_code],
  ['Name', 'नाम', `${a.name_en} / ${a.name_hi}`],
  ['Grade', 'ग्रेड', g ? `${g.en} / ${g.hi}` : a.grade],
  ['Ministry / Department', 'मंत्रालय / विभाग', m ? `${m.name_en} / ${m.name_hi}` : String(a.ministry_id)],
  ['Countries', 'देश', ap.countries.join(', ')],
  ['Period', 'अवधि', `${a.departure_on} – ${a.return_on}`],
  ['Purpose', 'प्रयोजन', ap.purpose],
  ['Source of funds', 'निधि का स्रोत', `${f[0]} / ${f[1]}${ap.funding.details ? ` — ${ap.funding.details}` : ''}`],
  ['Address abroad', 'विदेश में पता', ap.addressAbroad],
  ['Decided on', 'निर्णय तिथि', a.decided_on],
  ['Decided by', 'निर्णयकर्ता', a.decided_role === 'CADRE_AUTHORITY' ? 'Cadre authority (CS.I) / संवर्ग प्राधिकारी (सीएस.I)' : 'Competent authority in the Ministry / मंत्रालय में सक्षम प्राधिकारी'],
])}
<p class="meta">${esc('DoPT O.M. 11013/8/2015-Estt.A-III dated 27.07.2015; O.M. 21/04/2022-CSCMS dated 15.11.2022 para 3.3')}</p>`;
  const html = await printShell({
    lang,
    title: lang === 'hi' ? 'निजी विदेश यात्रा — अनापत्ति प्रमाणपत्र' : 'Private foreign visit — clearance certificate',
    subtitle: `${a.name_en} · ${a.name_hi} · ${a.employee_code}`,
    verifyUrl: `${publicUrl}/verify/${code}`,
    code,
    issuedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    body,
  });
  return { html, code };
}
