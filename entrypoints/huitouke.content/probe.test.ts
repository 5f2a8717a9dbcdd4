// @vitest-environment jsdom
import { runInThisContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '@/lib/consoles';
import { fixtureExpected, fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { probeConsole, type ProbeSpec } from './probe';

function show(name: string) {
  const doc = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  document.documentElement.replaceWith(document.importNode(doc.documentElement, true));
}

/** The spec the options page builds from a form filled with a built-in adapter's selectors. */
function specFor(id: string): ProbeSpec {
  const s = BUILT_IN_ADAPTERS.find((a) => a.id === id)!.selectors;
  const selectors: Record<string, string> = {
    ready: s.ready,
    messageRow: s.messageRow,
    messageText: s.messageText,
    authorBuyer: s.authorBuyer,
    authorAgent: s.authorAgent,
    input: s.input,
  };
  return { selectors, buyerNick: s.buyerNick, ...(s.buyerId ? { buyerId: s.buyerId } : {}) };
}

interface Expected {
  buyerNick: string;
  buyerId: string | null;
  authors: string[];
}

describe('the live selector test', () => {
  beforeEach(() => show('jd'));

  it.each(['jd', 'pinduoduo', 'douyin', 'shopee', 'qianniu'])(
    'on the %s fixture counts the rows and names the current buyer',
    (id) => {
      show(id);
      const want = fixtureExpected<Expected>(id);
      const result = probeConsole(specFor(id));
      expect(result.buyerNick).toBe(want.buyerNick);
      expect(result.buyerId).toBe(want.buyerId ?? '');
      expect(result.rowsWithBuyer).toBe(want.authors.filter((a) => a === 'buyer').length);
      expect(result.rowsWithAgent).toBe(want.authors.filter((a) => a === 'agent').length);
      expect(result.counts.input).toBe(1);
    },
  );

  it('reports a selector the browser rejects as invalid instead of failing', () => {
    const result = probeConsole({ selectors: { messageRow: '.message', input: 'div:unknown-thing(' } });
    expect(result.counts.input).toBeNull();
    expect(result.counts.messageRow).toBeGreaterThan(0);
  });

  it('survives being serialised, as executeScript does', () => {
    // Rebuilt from its source text with no surrounding module: fails if it reaches outside itself.
    const rebuilt = runInThisContext(`(${probeConsole.toString()})`) as typeof probeConsole;
    expect(rebuilt(specFor('jd')).buyerNick).toBe('jd_星河买手');
  });
});
