import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../http/errors.ts';

let browser: Promise<Browser> | null = null;

/** Renders HTML to PDF in the system Chromium (text stays searchable; Devanagari shaped by HarfBuzz). */
export async function renderPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!fs.existsSync(chromiumPath)) {
    throw new AppError('SERVICE_UNAVAILABLE', {
      en: `PDF printing needs Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-core). The print view works without it: use your browser's Print.`,
      hi: `पीडीएफ़ के लिए ${chromiumPath} पर क्रोमियम आवश्यक है। प्रिंट दृश्य इसके बिना भी काम करता है: अपने ब्राउज़र से प्रिंट करें।`,
    });
  }
  browser ??= chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  let b: Browser;
  try {
    b = await browser;
  } catch (e) {
    browser = null;
    throw new AppError('SERVICE_UNAVAILABLE', { cause: e, en: 'Chromium could not be started for PDF printing; the print view still works.', hi: 'पीडीएफ़ हेतु क्रोमियम शुरू नहीं हो सका; प्रिंट दृश्य फिर भी काम करता है।' });
  }
  const ctx = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await ctx.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await ctx.close();
  }
}

export async function closePdfBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await (await b).close().catch(() => {});
}
