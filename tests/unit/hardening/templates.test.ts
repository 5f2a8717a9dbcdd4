import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatReason,
  parseTemplate,
  renderTemplate,
  TEMPLATE_VARIABLES,
  type RenderContext,
  type VariableName,
} from '../../../lib/templates';
import { maskTemplateSyntax } from '../../../lib/templates/search';
import { sampleBuyer, sampleContext } from '../../../lib/templates/testing';
import { HOSTILE_STRINGS, hostileOfKind } from '../../fixtures/hostile/strings';
import { anyText, anyUnit, runs } from './support';

const NAMES = TEMPLATE_VARIABLES.map((v) => v.name);
const braceFree = (text: string) => text.replace(/[{}]/g, '');

/** Bodies with real constructs among arbitrary text, so valid templates come up often. */
const construct = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => `{{${name}}}`),
  fc.tuple(fc.constantFrom(...NAMES), anyText(6)).map(([name, fallback]) => `{{ ${name}|${fallback}}}`),
  anyText(8).map((label) => `{{ask:${label}}}`),
  fc.constant('{{cursor}}'),
  fc.constantFrom('{{', '}}', '{', '}', '{{}}', '{{ask:}}', '{{buyer.nik}}', '{{__proto__}}', '{{ask:constructor}}'),
);
const body = fc.array(fc.oneof(anyText(6), construct), { maxLength: 12 }).map((parts) => parts.join(''));

/** A context where every variable and every blank of `text` has a value drawn from `values`. */
function fullContext(text: string, values: readonly string[]): RenderContext {
  const pick = (i: number) => values[i % Math.max(1, values.length)] ?? '';
  const overrides = Object.fromEntries(NAMES.map((name, i) => [name, pick(i)])) as Partial<
    Record<VariableName, string>
  >;
  const answers = Object.fromEntries(parseTemplate(text).blanks.map((b, i) => [b.label, pick(i + 7)]));
  return sampleContext({ values: overrides, answers });
}

function expectPositionsWithin(text: string, ranges: readonly { start: number; end: number }[]) {
  for (const r of ranges) {
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeGreaterThanOrEqual(r.start);
    expect(r.end).toBeLessThanOrEqual(text.length);
  }
}

describe('template parser on arbitrary bodies', () => {
  it('never throws, and every node and error lies inside the body, text nodes verbatim and in order', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(200), body), (text) => {
        const parsed = parseTemplate(text);
        expectPositionsWithin(text, parsed.nodes);
        expectPositionsWithin(text, parsed.errors);
        let last = 0;
        for (const node of parsed.nodes) {
          expect(node.start).toBeGreaterThanOrEqual(last);
          last = node.end;
          if (node.type === 'text') expect(node.value).toBe(text.slice(node.start, node.end));
        }
      }),
      runs(300),
    );
  });

  it('keeps the search mask the same length as the body, so highlights line up', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(120), body), (text) => {
        expect(maskTemplateSyntax(text)).toHaveLength(text.length);
      }),
      runs(200),
    );
  });

  it('parses every hostile body, 100 KB ones included, with positions inside it', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      const parsed = parseTemplate(value);
      expectPositionsWithin(value, parsed.errors);
      expect(
        parsed.nodes.every((n) => n.end <= value.length),
        label,
      ).toBe(true);
    }
  });
});

describe('template renderer', () => {
  it('never throws and never leaves {{ or }} from template syntax in the text it hands back', () => {
    fc.assert(
      fc.property(body, fc.array(anyText(10).map(braceFree), { minLength: 1, maxLength: 5 }), (text, values) => {
        const result = renderTemplate(text, fullContext(text, values));
        if (result.ok) {
          expect(result.text).not.toContain('{{');
          expect(result.text).not.toContain('}}');
          if (result.cursor !== null) expect(result.cursor).toBeLessThanOrEqual(result.text.length);
        } else {
          expectPositionsWithin(text, result.errors);
          expect(result.errors.length).toBeGreaterThan(0);
        }
      }),
      runs(300),
    );
  });

  it('renders with no answers at all, and with answers whose labels are Object.prototype names', () => {
    fc.assert(
      fc.property(body, fc.constantFrom<RenderContext['answers']>(undefined, {}, { x: 'y' }), (text, answers) => {
        const result = renderTemplate(text, sampleContext({ answers }));
        if (!result.ok) expectPositionsWithin(text, result.errors);
      }),
      runs(200),
    );
    for (const label of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const unanswered = renderTemplate(`尺码：{{ask:${label}}}`, sampleContext({ answers: {} }));
      expect(unanswered, label).toMatchObject({ ok: false, errors: [{ code: 'missingAnswer', name: label }] });
      const answered = renderTemplate(
        `尺码：{{ask:${label}}}`,
        sampleContext({ answers: Object.fromEntries([[label, 'M']]) }),
      );
      expect(answered, label).toMatchObject({ ok: true, text: '尺码：M' });
    }
  });

  it('puts hostile values in verbatim: nick, typed-over values, answers (plain text, nothing escaped or dropped)', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      if (value.trim() === '') continue;
      const nick = renderTemplate('亲爱的{{buyer.nick}}，您好', sampleContext({ buyer: sampleBuyer({ nick: value }) }));
      expect(nick.ok && nick.text === `亲爱的${value}，您好`, label).toBe(true);
      const typed = renderTemplate('{{shop.name}}', sampleContext({ values: { 'shop.name': value } }));
      expect(typed.ok && typed.text === value, label).toBe(true);
      const answered = renderTemplate('建议{{ask:尺码}}码', sampleContext({ answers: { 尺码: value } }));
      expect(answered.ok && answered.text === `建议${value}码`, label).toBe(true);
    }
  });

  it('takes hostile blank labels and fallbacks as plain text', () => {
    for (const { label, value } of [
      ...hostileOfKind('markup', 'url', 'css', 'bidi', 'prototype', 'formula', 'csv', 'control', 'script', 'misc'),
    ]) {
      const text = braceFree(value).trim();
      if (text === '') continue;
      const fallback = renderTemplate(`{{buyer.level|${text}}}!`, sampleContext({ buyer: null }));
      expect(fallback.ok && fallback.text === `${text}!`, label).toBe(true);
      const ask = renderTemplate(
        `[{{ask:${text}}}]`,
        sampleContext({ answers: Object.fromEntries([[text.replace(/^ask\s*[:：]/i, '').trim(), 'A']]) }),
      );
      if (/^\s*ask\s*[:：]\s*$/i.test(text)) continue;
      expect(ask.ok ? ask.text : ask.errors, label).toBe('[A]');
    }
  });

  it('takes arbitrary values (lone surrogates, NUL, braces) verbatim', () => {
    fc.assert(
      fc.property(
        fc.array(anyUnit, { minLength: 1, maxLength: 40 }).map((p) => p.join('')),
        (value) => {
          fc.pre(value.trim() !== '');
          const result = renderTemplate('<{{order.id}}>', sampleContext({ order: { id: value } }));
          expect(result).toMatchObject({ ok: true, text: `<${value}>` });
        },
      ),
      runs(200),
    );
  });
});

describe('suggestion reasons', () => {
  it('names a concern or segment whose id is an Object.prototype name by its id, not by a function', () => {
    for (const id of ['constructor', 'tostring', 'hasownproperty', 'valueOf', '__proto__']) {
      const zh = formatReason(
        [
          { kind: 'concern', id },
          { kind: 'segment', id },
        ],
        'zh-CN',
        {},
        {},
      );
      expect(zh, id).toContain(id);
      expect(zh, id).not.toMatch(/function|native code|object Object/);
    }
    expect(formatReason([{ kind: 'concern', id: 'constructor' }], 'en', { constructor: 'Builder' })).toContain(
      'Builder',
    );
  });
});
