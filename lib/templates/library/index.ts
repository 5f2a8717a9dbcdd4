import type { Template } from '../schema';
import { GREETINGS, REENGAGE } from './care';
import { CONCERN_ANSWERS } from './concerns';
import { builtin } from './define';
import { ORDER_MESSAGES } from './orders';

export { BUILTIN_AUTHOR } from './define';

const SPECS = [...CONCERN_ANSWERS, ...ORDER_MESSAGES, ...GREETINGS, ...REENGAGE];

/** Fresh copies of the default templates (callers may mutate them, e.g. to seed a database). */
export function defaultTemplates(): Template[] {
  return SPECS.map((spec, i) => builtin(structuredClone(spec), (i + 1) * 10));
}
