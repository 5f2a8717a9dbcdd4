import { z } from 'zod';
import { BUILT_IN_ADAPTERS } from './adapters';
import { applyRepair, FRAME_KEYS, PART_KEYS, TAUGHT_PARTS, type ConsoleRepair } from './parts';
import { ConsoleAdapterSchema, ConsoleSelectorsSchema } from './schema';

/**
 * A supervisor's repair of a built-in console, stored as data: only the parts pointed at again,
 * keyed by the built-in's id and laid over it when the adapters load (`applyRepair`). The built-in
 * itself is never changed, so "恢复内置" is deleting the repair. The same adapter schema as every
 * console validates the repaired whole.
 */
export { CONSOLE_REPAIRS_KEY } from './stored';

const BUILT_IN = new Map(BUILT_IN_ADAPTERS.map((a) => [a.id, a]));

export const ConsoleRepairSchema = z
  .object({
    id: z.string().max(48),
    parts: z.array(z.enum(TAUGHT_PARTS)).min(1).max(TAUGHT_PARTS.length),
    selectors: ConsoleSelectorsSchema.partial(),
    taughtAt: z.number().int().nonnegative(),
  })
  .superRefine((repair, ctx) => {
    const adapter = BUILT_IN.get(repair.id);
    if (!adapter) {
      ctx.addIssue({ code: 'custom', message: 'consoles_err_repairUnknown', path: ['id'], params: { id: repair.id } });
      return;
    }
    // A repair only sets what its parts cover (and where the chat is).
    const allowed = new Set([...FRAME_KEYS, ...repair.parts.flatMap((p) => PART_KEYS[p])]);
    for (const key of Object.keys(repair.selectors)) {
      if (!allowed.has(key as never))
        ctx.addIssue({ code: 'custom', message: 'consoles_err_repairKey', path: ['selectors', key], params: { key } });
    }
    const merged = ConsoleAdapterSchema.safeParse(applyRepair(adapter, repair));
    if (!merged.success) {
      for (const issue of merged.error.issues) {
        const params = (issue as { params?: Record<string, unknown> }).params;
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, ...(params ? { params } : {}) });
      }
    }
  });

export function parseConsoleRepair(input: unknown): z.ZodSafeParseResult<ConsoleRepair> {
  return ConsoleRepairSchema.safeParse(input) as z.ZodSafeParseResult<ConsoleRepair>;
}

/** Stored repairs, each validated on load; a broken one is skipped, and only the last per console counts. */
export function parseConsoleRepairs(stored: unknown): ConsoleRepair[] {
  if (!Array.isArray(stored)) return [];
  const byId = new Map<string, ConsoleRepair>();
  for (const item of stored) {
    const parsed = parseConsoleRepair(item);
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
  }
  return [...byId.values()];
}
