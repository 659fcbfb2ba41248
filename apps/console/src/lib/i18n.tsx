/**
 * Two locales, Chinese first. Strings are written in place as t('中文', 'English'),
 * so the Chinese text is what a reader of the code sees first.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh' | 'en';
const KEY = 'pingou.console.locale';

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (zh: string, en: string) => string;
  /** Picks from a { zh, en } label (e.g. the contract's labels). */
  l: (label: { zh: string; en: string } | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    localStorage.getItem(KEY) === 'en' ? 'en' : 'zh',
  );
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (l) => {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLocaleState(l);
      },
      t: (zh, en) => (locale === 'zh' ? zh : en),
      l: (label) => (label ? (locale === 'zh' ? label.zh : label.en) : ''),
    }),
    [locale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}
