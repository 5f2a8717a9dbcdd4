import type { z } from 'zod';
import type { UiLocale } from '../schemas/common';
import { catalog, translate, type MessageKey } from '../i18n';
import { describeIssue, toFieldIssues } from '../i18n/zod-issues';
import type { SelectorKey } from './schema';

export interface ConsoleIssue {
  /** Where in the form the problem is, e.g. `['selectors', 'buyerNick', 'selector']`. */
  path: PropertyKey[];
  text: string;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}

/**
 * Sentences for the custom-console form, one per problem, in the agent's language. `fieldName`
 * gives the form's own label for a path (else the path itself is named).
 */
export function describeConsoleIssues(
  error: z.ZodError,
  locale: UiLocale,
  fieldName?: (path: PropertyKey[]) => string | undefined,
): ConsoleIssue[] {
  return error.issues.map((issue) => {
    const field = fieldName?.(issue.path) ?? (issue.path.map(String).join('.') || '—');
    const params: Record<string, string | number> = { field };
    if ('maximum' in issue && typeof issue.maximum === 'number') params.max = issue.maximum;
    if ('params' in issue && issue.params) {
      for (const [k, v] of Object.entries(issue.params as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      }
    }
    const text = isMessageKey(issue.message)
      ? translate(locale, issue.message, params)
      : describeIssue(toFieldIssues([issue])[0]!, locale, field);
    return { path: issue.path, text };
  });
}

/** The human name of a selector, for "not found: …" diagnostics. */
export function selectorPartName(locale: UiLocale, key: SelectorKey): string {
  return translate(locale, `consoles_part_${key}`);
}
