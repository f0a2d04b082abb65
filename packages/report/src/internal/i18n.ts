import type { FuzzyDate, Period } from '@vigil/core';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, ReportLanguage } from '../messages.js';
import { MESSAGES } from '../messages.js';
import type { Redacted } from '../redacted-case.js';
import type { VocabName } from './vocab.js';
import { vocab } from './vocab.js';

/** Formatting helpers for one language: messages, dates (UTC), numbers, country names, vocabularies. */
export interface Translator {
  readonly lang: ReportLanguage;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: Record<string, string | number>): string;
  v(name: VocabName, code: string): string;
  date(date: Redacted<FuzzyDate> | undefined): string;
  period(period: Redacted<Period> | undefined): string;
  country(code: string | undefined): string;
  number(n: number): string;
}

const cache = new Map<string, IntlMessageFormat>();

/** Creates the translator of a language. Digits are Latin in every language (technical values stay LTR). */
export function createTranslator(lang: ReportLanguage): Translator {
  const locale = `${lang}-u-nu-latn`;
  const catalog = MESSAGES[lang];
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const numbers = new Intl.NumberFormat(locale);
  const t = (key: MessageKey, values?: Record<string, string | number>): string => {
    const id = `${lang}\u0000${key}`;
    let format = cache.get(id);
    if (format === undefined) {
      format = new IntlMessageFormat(catalog[key], locale);
      cache.set(id, format);
    }
    return String(format.format(values));
  };
  const plainDate = (value: string): string => {
    if (value.includes('T')) {
      const when = new Date(value);
      if (!Number.isNaN(when.getTime())) {
        return new Intl.DateTimeFormat(locale, {
          timeZone: 'UTC',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
        }).format(when);
      }
    }
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
    if (m === null) return value;
    const year = Number(m[1]);
    const month = m[2] === undefined ? undefined : Number(m[2]);
    const day = m[3] === undefined ? undefined : Number(m[3]);
    if (month === undefined) return String(year);
    const when = new Date(Date.UTC(year, month - 1, day ?? 1));
    const options: Intl.DateTimeFormatOptions =
      day === undefined
        ? { timeZone: 'UTC', year: 'numeric', month: 'long' }
        : { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' };
    return new Intl.DateTimeFormat(locale, options).format(when);
  };
  const date = (d: Redacted<FuzzyDate> | undefined): string => {
    if (d?.value === undefined) return t('unknown');
    const text = plainDate(d.value);
    const q = d.qualifier;
    if (q === undefined || q === 'exact') return text;
    return t(`date.${q}` as MessageKey, { date: text });
  };
  return {
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    t,
    v: (name, code) => vocab(name, lang, code),
    date,
    period: (p) => {
      if (p?.start === undefined) return t('unknown');
      if (p.end === undefined || (p.end.value === p.start.value && p.end.qualifier === p.start.qualifier))
        return date(p.start);
      return t('date.range', { start: date(p.start), end: date(p.end) });
    },
    country: (code) => (code === undefined ? t('unknown') : (regions.of(code) ?? code)),
    number: (n) => numbers.format(n),
  };
}
