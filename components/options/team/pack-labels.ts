import type { MessageKey } from '@/lib/i18n';
import type { DiffItem, ItemKind } from '@/lib/playbook';
import type { UiLocale } from '@/lib/schemas/common';
import { fieldLabel } from '../templates/VersionHistory';

export const KIND_KEY: Record<ItemKind, MessageKey> = {
  template: 'ws_pack_kind_template',
  coupon: 'ws_pack_kind_coupon',
  couponRule: 'ws_pack_kind_couponRule',
  concern: 'ws_pack_kind_concern',
  taxonomyOptions: 'ws_pack_kind_taxonomyOptions',
  reminderRules: 'ws_pack_kind_reminderRules',
  contactPolicy: 'ws_pack_kind_contactPolicy',
  guardRules: 'ws_pack_kind_guardRules',
};

/** The item's own name; settings have none, so they are named by their kind. */
export function itemLabel(item: DiffItem, locale: UiLocale, t: (k: MessageKey) => string): string {
  if (
    item.kind === 'taxonomyOptions' ||
    item.kind === 'reminderRules' ||
    item.kind === 'contactPolicy' ||
    item.kind === 'guardRules'
  )
    return t(KIND_KEY[item.kind]);
  return (locale === 'en' ? item.labelEn : item.label) || item.id;
}

export function fieldsLabel(fields: readonly string[], t: (k: MessageKey) => string): string {
  return fields.map((f) => fieldLabel(f, t)).join('、');
}
