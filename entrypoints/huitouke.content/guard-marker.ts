import { checkCompliance, describeFindings, type ComplianceContext, type PlatformGuard } from '@/lib/guard/compliance';
import type { ConsoleMessage } from '@/lib/schemas/messages';

export const MARKER_TAG = 'huitouke-guard';

/**
 * The send check's quiet marker next to the console's input: one line naming the rules the text in
 * the input trips (加我微信 → 站外联系方式：微信 abc123). It never blocks typing, never changes the
 * input and never sends; it only reports. Like the sidebar, it lives in a closed shadow root, so the
 * page's scripts can see that a marker exists but not read it. What it says comes from the input's
 * own text and the playbook's lists, never from stored buyer data.
 */
export interface GuardMarker {
  /** Check the input's text now (after typing, an insert, a new guard or a conversation switch). */
  check(): void;
  setGuard(guard: PlatformGuard | null): void;
  destroy(): void;
}

const SHADOW_CSS = `
  :host { all: initial; }
  .marker { position: fixed; z-index: 2147483645; max-width: 420px; padding: 2px 8px; border-radius: 4px;
            background: #fff7e6; color: #ad4e00; border: 1px solid #ffd591; pointer-events: none;
            font: 12px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; white-space: nowrap;
            overflow: hidden; text-overflow: ellipsis; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  .marker[hidden] { display: none; }
`;

/** The input's text as the buyer would receive it. */
export function inputText(el: HTMLElement): string {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  return el.innerText ?? el.textContent ?? '';
}

/** What the repeat and in-a-row checks need, from the conversation the console shows. */
export function complianceContext(messages: readonly ConsoleMessage[]): ComplianceContext {
  let inARow = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.author === 'buyer') break;
    if (m.author === 'agent') inARow++;
  }
  const lastAgent = [...messages].reverse().find((m) => m.author === 'agent');
  return { lastAgentText: lastAgent?.text ?? null, agentMessagesInARow: inARow };
}

export function mountGuardMarker(opts: {
  doc: Document;
  findInput(): HTMLElement | null;
  messages(): readonly ConsoleMessage[];
  /** Told each time the marker's line changes (null: hidden). */
  onShown?(text: string | null): void;
}): GuardMarker {
  const { doc } = opts;
  const host = doc.createElement(MARKER_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  const marker = doc.createElement('div');
  marker.className = 'marker';
  marker.setAttribute('role', 'status');
  marker.hidden = true;
  shadow.append(style, marker);
  let guard: PlatformGuard | null = null;
  let shown: string | null = null;

  const place = (input: HTMLElement) => {
    const rect = input.getBoundingClientRect();
    const top = Math.max(0, rect.top - 24);
    marker.style.top = `${top}px`;
    marker.style.left = `${Math.max(0, rect.left)}px`;
  };

  const check = () => {
    const input = opts.findInput();
    const text = guard && input ? inputText(input) : '';
    const findings = guard && text.trim() ? checkCompliance(text, guard, complianceContext(opts.messages())) : [];
    const line = guard && findings.length > 0 ? describeFindings(findings, guard.names) : null;
    if (line !== null && input) {
      if (!host.isConnected) doc.documentElement.append(host);
      place(input);
      marker.textContent = line;
      marker.title = line;
      marker.dataset.rules = findings.map((f) => f.rule).join(' ');
      marker.hidden = false;
    } else {
      marker.hidden = true;
      marker.textContent = '';
    }
    if (line !== shown) {
      shown = line;
      opts.onShown?.(line);
    }
  };

  // Typing: the input's own events, read after the page has handled them. Nothing is prevented.
  const onInput = (e: Event) => {
    const input = opts.findInput();
    if (input && e.target instanceof Node && (e.target === input || input.contains(e.target))) check();
  };
  doc.addEventListener('input', onInput, true);
  const onResize = () => {
    if (!marker.hidden) check();
  };
  doc.defaultView?.addEventListener('resize', onResize);

  return {
    check,
    setGuard(next) {
      guard = next;
      check();
    },
    destroy() {
      doc.removeEventListener('input', onInput, true);
      doc.defaultView?.removeEventListener('resize', onResize);
      host.remove();
    },
  };
}
