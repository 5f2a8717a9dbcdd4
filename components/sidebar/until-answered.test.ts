import { describe, expect, it } from 'vitest';
import { isLinkError, untilAnswered } from './until-answered';

/** A background that answers only from its `n`-th ask; before that the port drops or no answer comes. */
function background(answerFrom: number, failure = 'disconnected') {
  let asked = 0;
  const call = () => {
    asked++;
    return asked >= answerFrom ? Promise.resolve(`entry#${asked}`) : Promise.reject(new Error(failure));
  };
  return { call, asked: () => asked };
}

const opts = (waits: number[]) => ({
  attempts: 4,
  isTransient: isLinkError,
  beforeRetry: async (n: number) => void waits.push(n),
});

describe('a write the sidebar confirms', () => {
  it('is asked again after the port dropped (a service-worker stop) until answered', async () => {
    const waits: number[] = [];
    const bg = background(3);
    await expect(untilAnswered(bg.call, opts(waits))).resolves.toBe('entry#3');
    expect(bg.asked()).toBe(3);
    // Each retry waited for the link first.
    expect(waits).toEqual([1, 2]);
  });

  it('is asked again when no answer came in time', async () => {
    const bg = background(2, 'timeout');
    await expect(untilAnswered(bg.call, opts([]))).resolves.toBe('entry#2');
  });

  it('gives up after its attempts, so the sidebar can say it was not recorded', async () => {
    const bg = background(99);
    await expect(untilAnswered(bg.call, opts([]))).rejects.toThrow('disconnected');
    expect(bg.asked()).toBe(4);
  });

  it('takes an error answered by the background as final (asking again would not change it)', async () => {
    const bg = background(99, 'unknown template');
    await expect(untilAnswered(bg.call, opts([]))).rejects.toThrow('unknown template');
    expect(bg.asked()).toBe(1);
  });
});
