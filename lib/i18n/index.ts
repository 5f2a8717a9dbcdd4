import type { UiLocale } from '../schemas/common';
import type { Catalog } from './types';
import { app } from './catalog/app';
import { concerns } from './catalog/concerns';
import { sidebar } from './catalog/sidebar';
import { options } from './catalog/options';
import { outreach } from './catalog/outreach';
import { reminders } from './catalog/reminders';
import { consoles } from './catalog/consoles';
import { templates } from './catalog/templates';
import { importStrings } from './catalog/import';
import { profile } from './catalog/profile';
import { workspace } from './catalog/workspace';
import { workspaceTeam } from './catalog/workspace-team';
import { suggestions } from './catalog/suggestions';
import { settings } from './catalog/settings';
import { errors } from './catalog/errors';
import { buyerFacts } from './catalog/buyer-facts';
import { insights } from './catalog/insights';
import { dataSafety } from './catalog/data-safety';
import { picker } from './catalog/picker';
import { teamServer } from './catalog/team-server';
import { guard } from './catalog/guard';
import { campaigns } from './catalog/campaigns';
import { corrections } from './catalog/corrections';
import { validation } from './catalog/validation';
import { a11y } from './catalog/a11y';
import { money } from './catalog/money';
import { platforms } from './catalog/platforms';

/**
 * Every UI string, by key. Each area keeps its strings in its own file under `catalog/`;
 * every build also emits them as `_locales/<lang>/messages.json` for the browser's i18n (browser-messages.ts).
 * Keys use letters, digits and `_` only (the browser's rule for message names).
 */
export const catalog = {
  ...app,
  ...concerns,
  ...sidebar,
  ...options,
  ...outreach,
  ...reminders,
  ...consoles,
  ...templates,
  ...importStrings,
  ...profile,
  ...workspace,
  ...workspaceTeam,
  ...suggestions,
  ...settings,
  ...errors,
  ...buyerFacts,
  ...insights,
  ...dataSafety,
  ...picker,
  ...teamServer,
  ...guard,
  ...campaigns,
  ...corrections,
  ...validation,
  ...a11y,
  ...money,
  ...platforms,
} satisfies Catalog;

export type MessageKey = keyof typeof catalog;
export type MessageParams = Record<string, string | number>;

export const DEFAULT_UI_LOCALE: UiLocale = 'zh-CN';

export function translate(locale: UiLocale, key: MessageKey, params?: MessageParams): string {
  const entry: { zh: string; en: string } = catalog[key];
  const text = locale === 'en' ? entry.en : entry.zh;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Bind a locale once: `const t = translator('en'); t('loading')`. */
export function translator(locale: UiLocale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
