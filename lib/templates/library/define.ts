import type { Template, TemplateConditions, TemplateKind, TemplateVariants } from '../schema';

export const BUILTIN_AUTHOR = 'huitouke';

export interface BuiltinSpec {
  /** Suffix of the stable id: `builtin.<key>`. */
  key: string;
  title: string;
  folder: string;
  shortcut: string;
  kind: TemplateKind;
  marketing: boolean;
  conditions?: TemplateConditions;
  /** Always Chinese (both scripts) and English; Thai, Vietnamese and Malay/Indonesian where written. */
  variants: Required<Pick<TemplateVariants, 'zh-CN' | 'zh-TW' | 'en'>> & Pick<TemplateVariants, 'th' | 'vi' | 'ms'>;
}

/** A default-library template as a fresh record; `order` follows the position in its list. */
export function builtin(spec: BuiltinSpec, order: number): Template {
  return {
    id: `builtin.${spec.key}`,
    title: spec.title,
    folder: spec.folder,
    shortcut: spec.shortcut,
    variants: spec.variants,
    conditions: spec.conditions ?? {},
    kind: spec.kind,
    marketing: spec.marketing,
    enabled: true,
    order,
    version: 1,
    usageCount: 0,
    lastUsedAt: null,
    updatedAt: 0,
    createdBy: BUILTIN_AUTHOR,
    updatedBy: BUILTIN_AUTHOR,
  };
}
