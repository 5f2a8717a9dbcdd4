import type { MessageKey } from '../i18n';
import type { InsertResult, InsertTarget } from '../schemas/messages';
import type { Template } from '../templates';

/** Whether a shortcut typed in the console (or an insert's answer) belongs to the conversation these facts are about. */
export function sameTarget(a: InsertTarget, b: InsertTarget): boolean {
  return a.consoleId === b.consoleId && a.platform === b.platform && a.id === b.id && a.nick === b.nick;
}

/** The enabled template a typed shortcut names (`/cm`), if any. */
export function templateForShortcut(templates: readonly Template[], typed: string): Template | null {
  const want = typed.toLowerCase();
  return templates.find((t) => t.enabled && t.shortcut === want) ?? null;
}

/** The shortcuts the console's input answers to (and every other Tab is left alone): sorted, each once. */
export function shortcutsOf(templates: readonly Template[]): string[] {
  return [...new Set(templates.flatMap((t) => (t.enabled && t.shortcut ? [t.shortcut] : [])))].sort();
}

/** What the sidebar says when an insert did not happen: a message, and the reason inside it. */
export function insertFailureMessage(result: InsertResult): {
  key: MessageKey;
  params?: Record<string, string>;
  reasonKey?: MessageKey;
} {
  switch (result.reason) {
    case 'conversation_changed':
      return { key: 'sg_insertOtherConversation', params: { nick: result.openNick ?? '' } };
    case 'no_conversation':
      return { key: 'sg_insertNoConversation' };
    case 'input_not_found':
    case 'detached':
      return { key: 'sg_insertFailed', reasonKey: 'sg_noInput' };
    case 'not_editable':
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputNotEditable' };
    case 'too_long':
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputTooLong' };
    case 'no_console':
      return { key: 'sg_insertFailed', reasonKey: 'sg_noConsole' };
    case 'timeout':
      return { key: 'sg_insertFailed', reasonKey: 'sg_insertTimeout' };
    default:
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputRefused' };
  }
}
