import { z } from 'zod';
import { ConsoleAdapterSchema, type ConsoleAdapter } from './schema';
import { BUILT_IN_ADAPTERS } from './adapters';

const BUILT_IN_IDS = new Set(BUILT_IN_ADAPTERS.map((a) => a.id));

/**
 * A console a supervisor defines in the options page: the adapter schema (whose patterns must each
 * name a site), and an id that does not shadow a built-in console.
 */
export const CustomConsoleSchema = ConsoleAdapterSchema.superRefine((adapter, ctx) => {
  if (BUILT_IN_IDS.has(adapter.id)) {
    ctx.addIssue({ code: 'custom', message: 'consoles_err_idTaken', path: ['id'], params: { id: adapter.id } });
  }
});

export type CustomConsole = ConsoleAdapter;

/** Validate form input; on failure, pass `error` to `describeConsoleIssues` for sentences. */
export function parseCustomConsole(input: unknown): z.ZodSafeParseResult<ConsoleAdapter> {
  return CustomConsoleSchema.safeParse(input);
}

/**
 * The custom consoles kept in storage, each validated again on load: one broken entry (edited by
 * hand, or from an older version) is skipped rather than taking the others down with it.
 */
export function parseCustomConsoles(stored: unknown): ConsoleAdapter[] {
  if (!Array.isArray(stored)) return [];
  const out: ConsoleAdapter[] = [];
  for (const item of stored) {
    const parsed = CustomConsoleSchema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
