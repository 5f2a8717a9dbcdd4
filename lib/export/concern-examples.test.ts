import { describe, expect, it } from 'vitest';
import type { ConcernRecord } from '../db/records';
import { LabelledMessageSchema } from '../concerns/evaluate';
import { examplesJsonl, labelledExamples } from './concern-examples';

let n = 0;
function record(messageId: string, concern: string, patch: Partial<ConcernRecord> = {}): ConcernRecord {
  n++;
  return {
    id: `c${n}`,
    buyerId: 'taobao:a',
    nick: 'a',
    platform: 'taobao',
    console: 'demo',
    conversationId: 'conv',
    messageId,
    concern,
    quote: '质量',
    at: 1000 + n,
    date: '2025-01-01',
    agent: '小王',
    source: 'agent',
    resolved: false,
    updatedAt: 1000 + n,
    ...patch,
  };
}

describe("labelled examples from the agents' corrections", () => {
  it('one example per corrected message: the whole message with every concern saved for it', () => {
    const examples = labelledExamples([
      record('m1', 'shipping', { source: 'auto', quote: '什么时候发货' }),
      record('m1', 'quality', {
        missed: true,
        quote: '看着不太行',
        messageText: '什么时候发货，我老公说这个看着不太行',
      }),
      record('m2', 'size', { quote: '165穿什么码' }),
      record('m3', 'price', { missed: true, quote: '能便宜点吗', messageText: '能便宜点吗', deletedAt: 5 }),
      record('m4', 'skin_safety', { missed: true, quote: '烂脸', messageText: '用了会不会烂脸 😭' }),
      record('m5', 'size', { missed: true, quote: '尺寸', messageText: '這件尺寸會不會偏小' }),
      record('m6', 'shipping', { missed: true, quote: 'ship', messageText: 'when will you ship my parcel' }),
    ]);
    expect(examples).toEqual([
      { text: '什么时候发货，我老公说这个看着不太行', concerns: ['quality', 'shipping'], lang: 'zh-CN' },
      { text: '用了会不会烂脸 😭', concerns: ['skin_safety'], lang: 'zh-CN' },
      { text: '這件尺寸會不會偏小', concerns: ['size'], lang: 'zh-TW' },
      { text: 'when will you ship my parcel', concerns: ['shipping'], lang: 'en' },
    ]);
    // The detector's fixtures take them as they are (tests/fixtures/concerns, the trainer).
    for (const line of examplesJsonl(examples).trim().split('\n'))
      expect(LabelledMessageSchema.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it('as JSON Lines that read back as they were written', () => {
    const text = examplesJsonl([
      { text: '换行\n"引号"', concerns: ['usage'], lang: 'zh-CN' },
      { text: 'b', concerns: [], lang: 'en' },
    ]);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { text: '换行\n"引号"', concerns: ['usage'], lang: 'zh-CN' },
      { text: 'b', concerns: [], lang: 'en' },
    ]);
    expect(examplesJsonl([])).toBe('');
  });
});
