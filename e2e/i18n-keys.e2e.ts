// The English and Hindi resource files of the SPA have exactly the same keys, no empty strings,
// the same {{placeholders}} in each string, and the Hindi is actually Hindi.
import { describe, expect, it } from 'vitest';
import en from '../packages/web/src/i18n/en.ts';
import hi from '../packages/web/src/i18n/hi.ts';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const E = flatten(en as Tree);
  const H = flatten(hi as Tree);

  it('en and hi have identical key sets', () => {
    expect([...H.keys()].sort()).toEqual([...E.keys()].sort());
    expect(E.size).toBeGreaterThan(100);
  });

  it('no string is empty and every string keeps its placeholders', () => {
    for (const [k, v] of E) {
      expect(v.trim(), `en ${k}`).not.toBe('');
      expect(H.get(k)?.trim(), `hi ${k}`).not.toBe('');
      expect(placeholders(H.get(k) ?? ''), `placeholders of ${k}`).toEqual(placeholders(v));
    }
  });

  it('Hindi strings are written in Devanagari (apart from names, codes and formats that are the same in both)', () => {
    // an English word (3+ lower-case letters) in a Hindi string without any Devanagari is an untranslated string
    const englishWords = (v: string) => /[a-z]{3,}/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, ''));
    const allowed = new Set(['lang.en']); // the name of the English language, written in English
    const untranslated = [...H].filter(([k, v]) => !allowed.has(k) && !/[\u0900-\u097F]/.test(v) && englishWords(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
    const copied = [...E].filter(([k, v]) => H.get(k) === v && englishWords(v) && !allowed.has(k)).map(([k]) => k);
    expect(copied).toEqual([]);
  });
});
