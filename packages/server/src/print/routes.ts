import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi, esc } from './html.ts';
import { verifyDocument } from './documents.ts';

const Verification = z.object({
  valid: z.boolean(),
  code: z.string(),
  document: z.object({ en: z.string(), hi: z.string() }).optional(),
  versionNo: z.number().optional(),
  attests: z.record(z.string(), z.unknown()).optional(),
  issuedAt: z.string().optional(),
  current: z.boolean().optional(),
});

/** Public verification of printed documents: what the document attests, when it was issued, whether it is still current. */
export const verifyFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const Code = z.object({ code: z.string().min(1).max(40) });

  app.get('/api/v1/verify/:code', {
    config: { public: true },
    schema: { tags: ['verify'], summary: 'Verify a printed document by its code (no login)', security: [], params: Code, response: { 200: Verification } },
  }, async (req) => {
    const v = await verifyDocument(app.deps.database.db, req.params.code);
    if (!v) return { valid: false, code: req.params.code };
    return { valid: true, code: v.code, document: { en: v.en, hi: v.hi }, versionNo: v.versionNo, attests: v.attests, issuedAt: v.issuedAt, current: v.current };
  });

  app.get('/verify/:code', { config: { public: true }, schema: { hide: true, params: Code } }, async (req, reply) => {
    const v = await verifyDocument(app.deps.database.db, req.params.code);
    const lang = req.lang;
    const rows = v
      ? Object.entries(v.attests)
          .map(([k, val]) => `<tr><th scope="row">${esc(LABELS[k] ? (lang === 'hi' ? LABELS[k][1] : LABELS[k][0]) : k)}</th><td>${esc(val)}</td></tr>`)
          .join('')
      : '';
    const status = !v
      ? `<p class="bad" role="status">${bi('No document with this code was issued by CSCMS. Treat the paper as not genuine.', 'सीएससीएमएस द्वारा इस कोड का कोई दस्तावेज़ जारी नहीं किया गया। कागज़ को वास्तविक न मानें।')}</p>`
      : v.current
        ? `<p class="ok" role="status">${bi('Genuine, and still the current version.', 'वास्तविक, और अभी भी वर्तमान संस्करण।')}</p>`
        : `<p class="warn" role="status">${bi('Genuine, but a newer version has been issued since; ask for the current one.', 'वास्तविक, परंतु इसके बाद नया संस्करण जारी हुआ है; वर्तमान संस्करण माँगें।')}</p>`;
    const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${lang === 'hi' ? 'दस्तावेज़ सत्यापन' : 'Verify a document'} · CSCMS</title>
<style>body{font-family:'Noto Sans','Noto Sans Devanagari',system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;color:#111;line-height:1.5}
h1{color:#1a3d6d;font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.4rem;text-align:left;vertical-align:top}th{background:#f3f5fa;width:40%}
.ok{background:#e6f4ea;border-left:6px solid #1e6b34;padding:.6rem}.warn{background:#fff4e0;border-left:6px solid #8a5300;padding:.6rem}.bad{background:#fde8e8;border-left:6px solid #a11;padding:.6rem}
a{color:#1a3d6d}</style></head><body><main>
<h1>${bi('Verify a CSCMS document', 'सीएससीएमएस दस्तावेज़ का सत्यापन')}</h1>
<p>${bi('Code', 'कोड')}: <strong>${esc(req.params.code)}</strong></p>${status}
${v ? `<table><tr><th scope="row">${bi('Document', 'दस्तावेज़')}</th><td>${esc(lang === 'hi' ? v.hi : v.en)} (${bi('version', 'संस्करण')} ${v.versionNo})</td></tr>
<tr><th scope="row">${bi('Issued', 'जारी')}</th><td>${esc(new Date(v.issuedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC</td></tr>${rows}</table>` : ''}
<p><a href="/">${bi('Go to the CSCMS portal', 'सीएससीएमएस पोर्टल पर जाएँ')}</a></p></main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
};

/** Labels of attested fields on the verify page. */
const LABELS: Record<string, [string, string]> = {
  employeeCode: ['Employee code', 'कर्मचारी कोड'],
  name: ['Name', 'नाम'],
  nameHi: ['Name (Hindi)', 'नाम (हिंदी)'],
  cadre: ['Cadre', 'संवर्ग'],
  grade: ['Grade', 'ग्रेड'],
  ministry: ['Ministry / Department', 'मंत्रालय / विभाग'],
  status: ['Status', 'स्थिति'],
  validatedOn: ['Validated / taken as final on', 'सत्यापन / अंतिम माने जाने की तिथि'],
  year: ['Return for the year', 'वर्ष का विवरण'],
  filedOn: ['Filed on', 'दाखिल करने की तिथि'],
  countries: ['Countries', 'देश'],
  period: ['Period', 'अवधि'],
  decidedOn: ['Decided on', 'निर्णय तिथि'],
};
