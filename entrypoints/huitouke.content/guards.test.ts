import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HubToConsoleSchema, LayoutSchema, PORT_CONSOLE } from '@/lib/schemas/messages';
import { CONSOLE_PORT_NAME, parseHubToConsole, parseLayout } from './guards';

/** Values near every boundary the schemas draw, plus junk of other types. */
const width = fc.oneof(
  fc.constantFrom(239, 240, 360, 720, 721, 300.5, -1, Number.NaN, 2 ** 60),
  fc.integer({ min: 200, max: 800 }),
  fc.string(),
);
const text = fc.oneof(
  fc.constantFrom('', 'a', '回头客', 'x'.repeat(20_000), 'x'.repeat(20_001)),
  fc.string(),
  fc.integer(),
);
const id = fc.oneof(
  fc.constantFrom('', 'r1', 'x'.repeat(300), 'x'.repeat(301)),
  fc.string({ maxLength: 5 }),
  fc.constant(null),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const shortcut = fc.oneof(
  fc.constantFrom('/cm', '/a', '/' + 'x'.repeat(24), '/' + 'x'.repeat(25), 'cm', '/CM', '/c m', '/', ''),
  fc.string({ maxLength: 6 }).map((s) => `/${s}`),
);
const goodId = fc.constantFrom('r1', 'demo', 'x'.repeat(300));
/** Mostly valid, so the accepting side of the check is exercised as much as the refusing side. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: bad, weight: 1 });
const target = mostly(
  fc.record(
    {
      consoleId: mostly(goodId, id),
      platform: mostly(fc.constantFrom('taobao', 'douyin', 'other'), fc.constantFrom('wechat', 7)),
      id: mostly(fc.oneof(goodId, fc.constant(null)), fc.oneof(id, fc.constant(undefined))),
      nick: mostly(fc.constantFrom('', '买家A', 'x'.repeat(300)), fc.oneof(fc.constant('x'.repeat(301)), fc.integer())),
      extra: maybe(fc.string()),
    },
    { requiredKeys: ['consoleId', 'platform', 'nick'] },
  ),
  fc.constant(null),
);
const replace = mostly(
  fc.record({ shortcutId: mostly(goodId, id), typed: shortcut, extra: maybe(fc.string()) }, { requiredKeys: [] }),
  fc.constant('/cm'),
);
const layout = fc.record(
  { collapsed: maybe(fc.oneof(fc.boolean(), fc.constant('yes'))), width: maybe(width), extra: maybe(fc.string()) },
  { requiredKeys: [] },
);
const word = mostly(
  fc.constantFrom('最好', '加我微信', 'x'.repeat(80)),
  fc.oneof(fc.constant(''), fc.constant('x'.repeat(81)), fc.integer()),
);
const guardList = mostly(
  fc.record(
    {
      id: mostly(fc.constantFrom('absolute', 'contact'), fc.oneof(fc.constant(''), fc.constant('x'.repeat(41)))),
      name: mostly(fc.constantFrom('', '极限词'), fc.constant('x'.repeat(81))),
      words: mostly(fc.array(word, { maxLength: 3 }), fc.constant('最好')),
      except: mostly(fc.array(word, { maxLength: 2 }), fc.constant(null)),
      detect: mostly(fc.subarray(['phone', 'email', 'contactId']), fc.constant(['wechat'])),
      extra: maybe(fc.string()),
    },
    { requiredKeys: ['id', 'name', 'words', 'except', 'detect'] },
  ),
  fc.constant(null),
);
const limitNumber = mostly(fc.constantFrom(1, 600, 100), fc.constantFrom(0, 1.5, 100_001, '600'));
const names = mostly(
  fc.record({
    repeat: fc.constantFrom('重复', ''),
    repeatBuyers: fc.constant('{count}'),
    tooLong: mostly(fc.constant('{length}/{max}'), fc.constant('x'.repeat(201))),
    tooMany: fc.constant('{count}'),
    hit: fc.constant('{name}：{words}'),
    wordSeparator: mostly(fc.constant('、'), fc.constant('x'.repeat(11))),
    findingSeparator: fc.constant('；'),
    extra: maybe(fc.string()),
  }),
  fc.constant({}),
);
const guard = fc.record(
  {
    platform: mostly(fc.constantFrom('taobao', 'shopee'), fc.constant('wechat')),
    lists: mostly(fc.array(guardList, { maxLength: 3 }), fc.constant({})),
    twiceInARow: mostly(fc.boolean(), fc.constant('yes')),
    maxBuyers: mostly(fc.constantFrom(null, 2, 10, 1000), fc.constantFrom(1, 1001, 2.5)),
    minRepeatChars: mostly(fc.constantFrom(1, 10, 200), fc.constantFrom(0, 201)),
    limits: mostly(
      fc.record(
        {
          maxChars: maybe(limitNumber),
          replyWindowDays: maybe(limitNumber),
          maxInARow: maybe(limitNumber),
          extra: maybe(fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.constant(null),
    ),
    names,
    extra: maybe(fc.string()),
  },
  { requiredKeys: ['platform', 'lists', 'twiceInARow', 'maxBuyers', 'minRepeatChars', 'limits', 'names'] },
);
const message = fc.oneof(
  fc.record({
    type: fc.constant('insert'),
    request: fc.oneof(
      fc.record(
        {
          requestId: mostly(goodId, id),
          text: mostly(fc.constantFrom('a', '回头客'), text),
          cursorOffset: maybe(fc.oneof(fc.integer({ min: -2, max: 50 }), fc.double())),
          target,
          replace: maybe(replace),
        },
        { requiredKeys: ['requestId', 'text', 'target'] },
      ),
      fc.constant(null),
    ),
  }),
  fc.record({ type: fc.constantFrom('toggle', 'resend', 'focus', 'blur', 'insertResult') }),
  fc.record({
    type: fc.constant('shortcuts'),
    shortcuts: fc.oneof(
      fc.array(shortcut, { maxLength: 5 }),
      fc.constant(Array.from({ length: 2001 }, () => '/cm')),
      fc.constant('/cm'),
    ),
  }),
  fc.record({
    type: fc.constant('shortcutAnswer'),
    answer: fc.oneof(
      fc.record(
        {
          requestId: id,
          outcome: fc.constantFrom('form', 'cancelled', 'unknown', 'stale', 'inserting', 'sent', 3),
          extra: maybe(fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.constant(null),
    ),
  }),
  fc.record({ type: fc.constant('setLayout'), layout: fc.oneof(layout, fc.constant(7)) }),
  fc.record(
    {
      type: fc.constant('teach'),
      mode: mostly(fc.constantFrom('new', 'repair'), fc.constantFrom('fix', 1)),
      locale: mostly(fc.constantFrom('zh-CN', 'en'), fc.constantFrom('zh', null)),
      extra: maybe(fc.string()),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('guard'), guard: fc.oneof(guard, fc.constant(null), fc.constant(7)) }),
  fc.anything(),
);

describe("the content script's hand-written message checks", () => {
  it('accept and return exactly what the hub message schema does', () => {
    fc.assert(
      fc.property(message, (raw) => {
        const schema = HubToConsoleSchema.safeParse(raw);
        expect(parseHubToConsole(raw)).toEqual(schema.success ? schema.data : null);
      }),
      { numRuns: 3000 },
    );
  });

  it('accept and return exactly what the layout schema does for a stored layout', () => {
    fc.assert(
      fc.property(fc.oneof(layout, fc.anything()), (raw) => {
        const schema = LayoutSchema.safeParse(raw);
        expect(parseLayout(raw)).toEqual(schema.success ? schema.data : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('drop fields the schema does not know, so nothing extra reaches the page', () => {
    const target = { consoleId: 'demo', platform: 'taobao', id: 'b1', nick: '买家A' };
    const parsed = parseHubToConsole({
      type: 'insert',
      request: { requestId: 'r', text: '亲', html: '<b>', target: { ...target, url: 'x' } },
      note: 1,
    });
    expect(parsed).toEqual({ type: 'insert', request: { requestId: 'r', text: '亲', target } });
  });

  it('connect on the port name the hub accepts', () => {
    expect(CONSOLE_PORT_NAME).toBe(PORT_CONSOLE);
  });
});
