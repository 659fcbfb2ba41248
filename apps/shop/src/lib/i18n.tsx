/**
 * Chinese first, English switchable. Strings sit where they are used as a
 * pair — t('首页', 'Home') — so a page reads in both languages at a glance;
 * the choice is kept in localStorage.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh' | 'en';
const KEY = 'pingou.shop.locale';

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (zh: string, en: string) => string;
  /** Picks from a {zh, en} label (server labels, error messages). */
  pick: (label: { zh: string; en: string } | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

export function initialLocale(): Locale {
  const saved = localStorage.getItem(KEY);
  return saved === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (l) => {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLocaleState(l);
      },
      t: (zh, en) => (locale === 'zh' ? zh : en),
      pick: (label) => (label ? (locale === 'zh' ? label.zh : label.en) : ''),
    }),
    [locale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
