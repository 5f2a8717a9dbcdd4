import type { ConsoleAdapter } from '@/lib/consoles/schema';
import type { InsertRequest, InsertResult, InsertTarget } from '@/lib/schemas/messages';
import { insertText } from './insert';
import { findInput, readOpenBuyer } from './reader';
import { selectTypedShortcut, type TypedShortcut } from './shortcut-keys';

/**
 * An insert request is bound to the conversation its text was written for (the sidebar rendered
 * it with that buyer's nick, orders, address). The console is read again just before the input is
 * touched; when another conversation is open — the agent switched while the request travelled —
 * nothing is inserted and the answer names the buyer now open, so the sidebar can say so.
 */

type Refusal = InsertResult & { ok: false };

function sameConversation(
  doc: Document,
  adapter: ConsoleAdapter,
  target: InsertTarget,
  requestId: string,
): Refusal | null {
  const open = readOpenBuyer(doc, adapter);
  if (!open) return { requestId, ok: false, reason: 'no_conversation' };
  const same =
    adapter.id === target.consoleId &&
    open.platform === target.platform &&
    open.id === target.id &&
    open.nick === target.nick;
  return same ? null : { requestId, ok: false, reason: 'conversation_changed', openNick: open.nick };
}

/** One macrotask: editors that follow the selection (Lexical) read it on `selectionchange`. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface BoundInsertOptions {
  /** The shortcut typed in the input that this insert answers, if the content script still knows it. */
  typed?: TypedShortcut | undefined;
}

/** Insert answers kept by request id. */
const REMEMBERED = 50;

/**
 * Inserts each request once: a request that comes again (the sidebar sends its pending inserts
 * again after the service worker restarted) gets the first answer, and the text is not put in twice.
 */
export function createInserter(
  doc: Document,
  adapter: ConsoleAdapter,
  typedShortcut: (id: string) => TypedShortcut | undefined,
) {
  const answers = new Map<string, Promise<InsertResult>>();
  return (request: InsertRequest): Promise<InsertResult> => {
    const known = answers.get(request.requestId);
    if (known) return known;
    const typed = request.replace ? typedShortcut(request.replace.shortcutId) : undefined;
    const answer = insertBound(doc, adapter, request, { typed }).catch((): InsertResult => ({
      requestId: request.requestId,
      ok: false,
      reason: 'not_applied',
    }));
    answers.set(request.requestId, answer);
    for (const old of answers.keys()) {
      if (answers.size <= REMEMBERED) break;
      answers.delete(old);
    }
    return answer;
  };
}

export async function insertBound(
  doc: Document,
  adapter: ConsoleAdapter,
  request: InsertRequest,
  opts: BoundInsertOptions = {},
): Promise<InsertResult> {
  const { requestId, target } = request;
  const refused = sameConversation(doc, adapter, target, requestId);
  if (refused) return refused;
  const input = findInput(doc, adapter);
  if (!input) return { requestId, ok: false, reason: 'input_not_found' };

  if (request.replace) {
    const typed = opts.typed && opts.typed.input === input ? opts.typed : undefined;
    const selected = selectTypedShortcut(input, request.replace.typed, typed?.mark ?? null);
    if (selected && !('value' in input)) {
      // A rich editor gets a moment to take the new selection; the conversation may change meanwhile.
      await nextTask();
      const late = sameConversation(doc, adapter, target, requestId);
      if (late) return late;
      if (!input.isConnected) return { requestId, ok: false, reason: 'detached' };
    }
  }
  const result = insertText(input, request.text, {
    cursorOffset: request.cursorOffset,
    kind: adapter.selectors.inputKind,
  });
  return result.ok ? { requestId, ok: true } : { requestId, ok: false, reason: result.reason };
}
