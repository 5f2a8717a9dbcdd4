// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '@/lib/consoles';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { MAX_ROWS, readConsole } from './reader';

const jd = BUILT_IN_ADAPTERS.find((a) => a.id === 'jd')!;

/** The JD fixture after the agent scrolled up through a long history: `extra` more rows above. */
function jdWithHistory(extra: number): Document {
  const doc = new DOMParser().parseFromString(fixtureHtml('jd'), 'text/html');
  const list = doc.querySelector('#t-chat-scroll')!;
  const first = list.querySelector('.message')!;
  for (let i = 0; i < extra; i++) {
    const row = doc.createElement('div');
    row.className = `message ${i % 2 ? 'message_right' : 'message_left'}`;
    const text = doc.createElement('div');
    text.className = 'message_text';
    text.textContent = `历史消息 ${i}`;
    row.append(text);
    list.insertBefore(row, first);
  }
  return doc;
}

describe('reading a console with a long history', () => {
  it('reads the newest rows only, with the same authors and texts as a short thread', () => {
    const short = readConsole(jdWithHistory(0), jd);
    const extra = 5000;
    const long = readConsole(jdWithHistory(extra), jd);
    if (short.status !== 'ok' || long.status !== 'ok') throw new Error('not read');
    expect(long.messages).toHaveLength(MAX_ROWS);
    const tail = long.messages.slice(-short.messages.length);
    expect(tail.map((m) => [m.author, m.text])).toEqual(short.messages.map((m) => [m.author, m.text]));
    // History rows are numbered oldest first, so the oldest row read is this far from the end.
    expect(long.messages[0]?.text).toBe(`历史消息 ${extra - (MAX_ROWS - short.messages.length)}`);
  });

  it('still says what is missing when the rows lose their author markers', () => {
    const doc = jdWithHistory(MAX_ROWS * 2);
    for (const row of doc.querySelectorAll('.message')) row.className = 'message-v2';
    const reading = readConsole(doc, jd);
    expect(reading.status).toBe('not_recognised');
  });
});

describe('a conversation with no message yet', () => {
  const demo = BUILT_IN_ADAPTERS.find((a) => a.id === 'demo')!;
  const demoWithThread = (change: (thread: Element) => void) => {
    const doc = new DOMParser().parseFromString(fixtureHtml('demo'), 'text/html');
    change(doc.querySelector('[data-testid="thread"]')!);
    return doc;
  };

  it('is read as the buyer with an empty thread when the console has a list container', () => {
    const reading = readConsole(
      demoWithThread((t) => t.replaceChildren()),
      demo,
    );
    expect(reading).toMatchObject({ status: 'ok', buyer: { id: 'dy_90017', nick: '小鹿爱吃糖' }, messages: [] });
  });

  it('is a changed page when the list container is gone too', () => {
    const reading = readConsole(
      demoWithThread((t) => t.remove()),
      demo,
    );
    expect(reading).toMatchObject({ status: 'not_recognised', missing: expect.arrayContaining(['messageRow']) });
  });
});
