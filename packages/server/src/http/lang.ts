export type Lang = 'en' | 'hi';

/** The request's language: the `lang` cookie the UI sets, else Accept-Language, else English. */
export function requestLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'hi' || cookieLang === 'en') return cookieLang;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.trim().split(';')[0].toLowerCase();
      if (tag.startsWith('hi')) return 'hi';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return 'en';
}
