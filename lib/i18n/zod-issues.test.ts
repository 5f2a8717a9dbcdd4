import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TaxonomySchema } from '../concerns';
import { ContactPolicySchema } from '../contact/schema';
import { CouponRuleSchema, CouponSchema } from '../coupons';
import { PlaybookPackSchema } from '../playbook/pack';
import { ReminderRulesSchema } from '../reminders/schema';
import { ProfileSettingsSchema } from '../metrics/profile';
import { AppSettingsSchema } from '../settings/app';
import { TemplateSchema } from '../templates';
import { FIELD_NAMES } from './catalog/fields';
import { describeIssue, describeIssues, fieldName, toFieldIssues } from './zod-issues';

/** The schemas whose errors the options page shows: settings, templates, offers, levels, concerns, packs. */
const FORMS = {
  AppSettingsSchema,
  TemplateSchema,
  CouponSchema,
  CouponRuleSchema,
  ContactPolicySchema,
  ReminderRulesSchema,
  TaxonomySchema,
  PlaybookPackSchema,
};

/** Every property name in a schema, through objects, arrays, unions, records and wrappers. */
function propertyNames(schema: z.ZodType, names = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (seen.has(schema)) return names;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const walk = (s: unknown) => s && propertyNames(s as z.ZodType, names, seen);
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        names.add(key);
        walk(value);
      }
      walk(def.catchall);
      break;
    case 'array':
      walk(def.element);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'union':
      for (const option of def.options as z.ZodType[]) walk(option);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType);
      break;
  }
  return names;
}

/** What zod says in English; none of it may reach a page. */
const ZOD_WORDS =
  /Invalid|expected|received|Too (small|big)|Unrecognized|must be|at least|at most|characters|undefined/;

describe('validation messages in the UI language', () => {
  it('names every field of every form in words, in both languages', () => {
    for (const [name, schema] of Object.entries(FORMS)) {
      for (const field of propertyNames(schema))
        expect(Object.hasOwn(FIELD_NAMES, field), `${name}.${field} has no name in lib/i18n/catalog/fields.ts`).toBe(
          true,
        );
    }
  });

  it('words each kind of problem with its field and its limit', () => {
    const S = z.object({
      agentName: z.string().min(1).max(3),
      shopName: z.string().min(2),
      levels: z
        .array(z.object({ minPaidOrders: z.number().int().min(1).max(9) }))
        .min(1)
        .max(2),
      uiLocale: z.enum(['zh-CN', 'en']),
      timeZone: z.string().regex(/^\w+\/\w+$/),
      enabled: z.boolean(),
      rules: z.object({ cap: z.number() }).strict(),
    });
    const bad = S.safeParse({
      agentName: 'abcd',
      shopName: 'x',
      levels: [{ minPaidOrders: 0.5 }, { minPaidOrders: 10 }],
      uiLocale: 'fr',
      timeZone: 'x',
      rules: { cap: 1, extra: 1 },
    });
    expect(bad.success).toBe(false);
    expect(describeIssues(bad.error!.issues, 'zh-CN', 20).split('；')).toEqual([
      '客服名字：最多 3 个字',
      '店铺名：至少 2 个字',
      '会员等级 › 第 1 项 › 最少付款订单数：必须是整数',
      '会员等级 › 第 2 项 › 最少付款订单数：不能大于 9',
      '界面语言：不是可选的值',
      '时区：格式不对',
      '启用：必须填写',
      '规则：有不认识的项（extra）',
    ]);
    expect(describeIssues(bad.error!.issues, 'en', 2)).toBe(
      'Agent name: at most 3 characters; Shop name: at least 2 characters; 6 more problems',
    );
    const empty = S.safeParse({
      agentName: '',
      shopName: 'ab',
      levels: [],
      uiLocale: 'en',
      timeZone: 'Asia/Shanghai',
      enabled: 'yes',
      rules: { cap: 1 },
    });
    expect(describeIssues(empty.error!.issues, 'zh-CN')).toBe(
      '客服名字：不能为空；会员等级：至少要有 1 项；启用：应为是或否',
    );
  });

  it("uses a schema's own catalogue sentence, placed by its field", () => {
    const S = z.object({ shortcut: z.string().regex(/^\//, 'ws_tpl_err_shortcut') });
    const text = describeIssues(S.safeParse({ shortcut: 'cm' }).error!.issues, 'zh-CN');
    expect(text.startsWith('快捷短语：')).toBe(true);
    expect(text).not.toContain('ws_tpl_err_shortcut');
  });

  it('never lets a zod message through, whatever a form or a pack holds', () => {
    const arbitraryJson = fc.jsonValue({ maxDepth: 4 });
    for (const [name, schema] of Object.entries(FORMS)) {
      fc.assert(
        fc.property(arbitraryJson, (value) => {
          const parsed = schema.safeParse(value);
          if (parsed.success) return;
          for (const locale of ['zh-CN', 'en'] as const) {
            for (const issue of toFieldIssues(parsed.error.issues)) {
              const text = describeIssue(issue, locale);
              expect(text, `${name} ${locale}`).not.toMatch(ZOD_WORDS);
              if (issue.message) expect(text, name).not.toContain(issue.message);
            }
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('names a field by where it is when its name means two things: an exchange rate is not a discount rate', () => {
    const bad = ProfileSettingsSchema.safeParse({ money: { shop: 'CNY', rates: [{ currency: 'MYR', rate: -1 }] } });
    expect(bad.success).toBe(false);
    const issue = bad.error!.issues.find((i) => i.path.at(-1) === 'rate')!;
    expect(fieldName(issue.path, 'zh-CN')).toBe('币种与汇率 › 汇率 › 第 1 项 › 汇率');
    expect(fieldName(issue.path, 'en')).toBe('Currency and exchange rates › Exchange rates › item 1 › Exchange rate');
    expect(fieldName(['coupons', 0, 'rate'], 'zh-CN')).toMatch(/折扣率$/);
  });

  it('names an unknown field by its key, quoted, and the whole record when there is no path', () => {
    expect(fieldName(['mystery', 2], 'zh-CN')).toBe('「mystery」 › 第 3 项');
    expect(fieldName([], 'en')).toBe('The whole');
  });
});

describe('every page shows zod issues through lib/i18n/zod-issues', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });
  // The import worker's wire check (lib/import/batch-wire.ts) guards data between two of our own
  // threads, not anything a person typed or chose; its errors are bugs, reported as such.
  // A console repair's check passes the merged adapter's issues on as issues (worded where shown);
  // the sync rules' `detail` is the server's answer to a browser, logged, never shown to a person.
  const EXEMPT = new Set([
    'lib/i18n/zod-issues.ts',
    'lib/import/batch-wire.ts',
    'lib/consoles/issues.ts',
    'lib/consoles/repairs.ts',
    'lib/sync/rules.ts',
  ]);

  it('no component or lib code turns an issue into text with its zod message', () => {
    const offenders: string[] = [];
    for (const file of [
      ...files(join(root, 'components')),
      ...files(join(root, 'lib')),
      ...files(join(root, 'entrypoints')),
    ]) {
      const rel = file.slice(root.length).replace(/\\/g, '/');
      if (EXEMPT.has(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/issues?\b[^\n]*\.message\b/.test(line) && /\bissues?\b/.test(line))
            offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
