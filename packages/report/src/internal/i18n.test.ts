import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../messages.js';
import { MESSAGES, REPORT_LANGUAGES } from '../messages.js';
import { createTranslator } from './i18n.js';

describe('message catalogs', () => {
  it('have the same keys in every language, and every message parses as ICU MessageFormat', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const lang of REPORT_LANGUAGES) {
      expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
      for (const key of keys)
        expect(
          () => new IntlMessageFormat(MESSAGES[lang][key as MessageKey], lang),
          `${lang} ${key}`,
        ).not.toThrow();
    }
  });

  it('use the plural categories of each language (Arabic six, French and Spanish "many")', () => {
    const ar = createTranslator('ar');
    const level = (n: number) => ar.t('finding.level', { level: 'x', count: n });
    expect(level(0)).toContain('لا أحد');
    expect(level(1)).toContain('شخص واحد');
    expect(level(2)).toContain('شخصان');
    expect(level(3)).toContain('3 أشخاص');
    expect(level(11)).toContain('11 شخصًا');
    expect(level(100)).toContain('100 شخص');
    const fr = createTranslator('fr');
    expect(fr.t('finding.level', { level: 'x', count: 1 })).toBe('x : 1 personne');
    expect(fr.t('finding.level', { level: 'x', count: 2 })).toBe('x : 2 personnes');
    expect(fr.t('finding.level', { level: 'x', count: 1_000_000 })).toMatch(
      /^x : 1\u202f000\u202f000 de personnes$/,
    );
    const es = createTranslator('es');
    expect(es.t('finding.devices', { outcome: 'x', count: 1_000_000 })).toMatch(/de dispositivos$/);
    expect(createTranslator('en').t('finding.level', { level: 'x', count: 1 })).toBe('x: 1 person');
  });

  it('formats dates in UTC with Latin digits, and country names from Intl', () => {
    const ar = createTranslator('ar');
    expect(ar.date({ value: '2021-07-09' })).toMatch(/^9 يوليو 2021$/);
    expect(ar.date({ value: '2021-07', qualifier: 'early' })).toBe('أوائل يوليو 2021');
    expect(ar.country('HU')).toBe('هنغاريا');
    expect(createTranslator('fr').country('SV')).toBe('Salvador');
    expect(createTranslator('es').date({ value: '2021-07-31T23:30:00-05:00' })).toBe('1 de agosto de 2021');
    expect(createTranslator('en').period({ start: { value: '2016' }, end: { value: '2021-06' } })).toBe(
      '2016 to June 2021',
    );
    expect(ar.dir).toBe('rtl');
  });
});
