import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../api.ts';
import en from './en.ts';
import hi from './hi.ts';

export const LANGS: readonly Lang[] = ['en', 'hi'];

/** The `lang` cookie (set by the server on PUT /api/v1/me/language, or by us when logged out). */
export function cookieLang(): Lang | null {
  const m = /(?:^|;\s*)lang=(en|hi)(?:;|$)/.exec(document.cookie);
  return m ? (m[1] as Lang) : null;
}

function initialLang(): Lang {
  const c = cookieLang();
  if (c) return c;
  for (const l of navigator.languages ?? [navigator.language]) {
    if (l?.toLowerCase().startsWith('hi')) return 'hi';
    if (l?.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

/** Sets `<html lang>` and the title suffix: screen readers pick the voice from it. */
export function applyDocumentLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

export function rememberLangInBrowser(lang: Lang): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this plain, non-secret preference cookie
  document.cookie = `lang=${lang}; path=/; max-age=${365 * 86400}; SameSite=Lax`;
}

const lang = initialLang();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi } },
  lng: lang,
  fallbackLng: 'en',
  supportedLngs: ['en', 'hi'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
applyDocumentLang(lang);
i18n.on('languageChanged', (l) => applyDocumentLang(l === 'hi' ? 'hi' : 'en'));

export default i18n;
