import QRCode from 'qrcode';

/** Everything printed is text: script payloads stay inert in print views and PDFs. */
export function esc(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, width: 120, errorCorrectionLevel: 'M' });
}

/** A bilingual label: English / हिंदी. */
export const bi = (en: string, hi: string) => `<span lang="en">${esc(en)}</span> / <span lang="hi">${esc(hi)}</span>`;

const STYLE = `
  @page { size: A4; margin: 16mm 14mm; }
  * { box-sizing: border-box; }
  body { font-family: 'Noto Sans', 'Noto Sans Devanagari', sans-serif; color: #111; font-size: 11pt; line-height: 1.45; margin: 0; padding: 16px; }
  header { display: flex; justify-content: space-between; gap: 16px; border-bottom: 2px solid #1a3d6d; padding-bottom: 8px; margin-bottom: 12px; }
  h1 { font-size: 15pt; margin: 0 0 4px; color: #1a3d6d; }
  h2 { font-size: 12pt; margin: 16px 0 6px; color: #1a3d6d; border-bottom: 1px solid #ccd; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; vertical-align: top; padding: 3px 6px; border: 1px solid #ccd; }
  th { width: 38%; background: #f3f5fa; font-weight: 600; }
  .meta { font-size: 9pt; color: #333; }
  .stamp { border: 2px solid #1a3d6d; padding: 6px 10px; display: inline-block; font-weight: 700; }
  .qr svg { width: 110px; height: 110px; }
  footer { margin-top: 18px; font-size: 9pt; color: #333; border-top: 1px solid #ccd; padding-top: 6px; }
  @media print { .noprint { display: none; } body { padding: 0; } }
`;

export interface PrintPage {
  lang: 'en' | 'hi';
  title: string;
  subtitle: string;
  verifyUrl: string;
  code: string;
  issuedAt: string;
  body: string;
}

export async function printShell(p: PrintPage): Promise<string> {
  return `<!doctype html><html lang="${p.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title><style>${STYLE}</style></head><body>
<header><div><h1>${esc(p.title)}</h1><div class="meta">${esc(p.subtitle)}</div>
<div class="meta">${bi('Government of India · Department of Personnel & Training · CSCMS', 'भारत सरकार · कार्मिक एवं प्रशिक्षण विभाग · सीएससीएमएस')}</div></div>
<div class="qr" aria-label="verification QR code">${await qrSvg(p.verifyUrl)}</div></header>
<main>${p.body}</main>
<footer>${bi('Verification code', 'सत्यापन कोड')}: <strong>${esc(p.code)}</strong> · ${bi('Issued', 'जारी')}: ${esc(p.issuedAt)} ·
${bi('Check at', 'यहाँ जाँचें')}: ${esc(p.verifyUrl)}</footer>
</body></html>`;
}

/** Rows of label/value pairs as a table. */
export function rowsTable(rows: Array<[string, string, unknown]>): string {
  return `<table>${rows.map(([en, hi, v]) => `<tr><th scope="row">${bi(en, hi)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}
