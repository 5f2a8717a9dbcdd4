import { isVariableName, TEMPLATE_VARIABLES, type VariableName } from './variables';

/**
 * Template body syntax:
 *   {{buyer.nick}}        a variable; missing → error
 *   {{buyer.nick|亲}}     a variable with a fallback ('' allowed: `{{buyer.level|}}`)
 *   {{ask:建议尺码}}       a blank the agent fills before sending (same label = same answer)
 *   {{cursor}}            where the caret goes after insertion (at most one)
 * Single `{` and `}` are ordinary text. There is no escape for a literal `{{`: chat messages do
 * not need one, and without it no rendered text can contain `{{` or `}}` from the template.
 * Positions are UTF-16 offsets into the body, as an editor's selection uses them.
 */

export type TemplateErrorCode =
  | 'unclosedBraces'
  | 'strayCloseBraces'
  | 'nestedBraces'
  | 'strayBrace'
  | 'emptyVariable'
  | 'unknownVariable'
  | 'emptyBlank'
  | 'duplicateCursor'
  | 'missingValue'
  | 'missingAnswer';

export interface TemplateError {
  code: TemplateErrorCode;
  start: number;
  end: number;
  /** The variable name or blank label concerned, when there is one. */
  name?: string;
  /** For unknownVariable: the closest known name, if any is close. */
  suggestion?: VariableName;
}

export type TemplateNode =
  | { type: 'text'; value: string; start: number; end: number }
  | { type: 'var'; name: VariableName; fallback: string | null; start: number; end: number }
  | { type: 'ask'; label: string; start: number; end: number }
  | { type: 'cursor'; start: number; end: number };

export interface ParsedTemplate {
  nodes: TemplateNode[];
  errors: TemplateError[];
  /** Distinct variable names, in order of first use. */
  variables: VariableName[];
  /** Distinct blank labels, in order of first use. */
  blanks: { label: string; start: number; end: number }[];
  hasCursor: boolean;
}

const ASK_PREFIX = /^ask\s*[:：]/i;

/** Index of the `}}` closing the construct opened at `open`, or -1; reports nesting. */
function findClose(body: string, open: number, errors: TemplateError[]): number {
  let depth = 1;
  let nestedAt = -1;
  let j = open + 2;
  while (j < body.length - 1) {
    if (body[j] === '{' && body[j + 1] === '{') {
      if (nestedAt < 0) nestedAt = j;
      depth++;
      j += 2;
    } else if (body[j] === '}' && body[j + 1] === '}') {
      depth--;
      if (depth === 0) {
        if (nestedAt >= 0) errors.push({ code: 'nestedBraces', start: nestedAt, end: nestedAt + 2 });
        return j;
      }
      j += 2;
    } else j++;
  }
  return -1;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function suggest(name: string): VariableName | undefined {
  let best: VariableName | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  for (const { name: known } of TEMPLATE_VARIABLES) {
    const distance = editDistance(lower, known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function parseConstruct(content: string, start: number, end: number, errors: TemplateError[]): TemplateNode | null {
  const stray = content.search(/[{}]/);
  if (stray >= 0) {
    errors.push({ code: 'strayBrace', start: start + 2 + stray, end: start + 3 + stray });
    return null;
  }
  const trimmed = content.trim();
  const ask = ASK_PREFIX.exec(trimmed);
  if (ask) {
    const label = trimmed.slice(ask[0].length).trim();
    if (!label) {
      errors.push({ code: 'emptyBlank', start, end });
      return null;
    }
    return { type: 'ask', label, start, end };
  }
  if (trimmed === 'cursor') return { type: 'cursor', start, end };
  const bar = trimmed.search(/[|｜]/);
  const name = (bar < 0 ? trimmed : trimmed.slice(0, bar)).trim();
  const fallback = bar < 0 ? null : trimmed.slice(bar + 1).trim();
  if (!name) {
    errors.push({ code: 'emptyVariable', start, end });
    return null;
  }
  if (!isVariableName(name)) {
    const suggestion = suggest(name);
    errors.push({ code: 'unknownVariable', start, end, name, ...(suggestion ? { suggestion } : {}) });
    return null;
  }
  return { type: 'var', name, fallback, start, end };
}

export function parseTemplate(body: string): ParsedTemplate {
  const nodes: TemplateNode[] = [];
  const errors: TemplateError[] = [];
  let textStart = 0;
  let i = 0;
  const flushText = (until: number) => {
    if (until > textStart)
      nodes.push({ type: 'text', value: body.slice(textStart, until), start: textStart, end: until });
  };
  while (i < body.length - 1) {
    const pair = body.slice(i, i + 2);
    if (pair === '}}') {
      errors.push({ code: 'strayCloseBraces', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (pair !== '{{') {
      i++;
      continue;
    }
    flushText(i);
    const close = findClose(body, i, errors);
    if (close < 0) {
      errors.push({ code: 'unclosedBraces', start: i, end: body.length });
      textStart = body.length;
      break;
    }
    const end = close + 2;
    const node = parseConstruct(body.slice(i + 2, close), i, end, errors);
    if (node) nodes.push(node);
    // `{{x}}}` would leave a `}` glued to whatever the construct renders to; refuse it.
    if (body[end] === '}') errors.push({ code: 'strayBrace', start: end, end: end + 1 });
    textStart = i = end;
  }
  flushText(body.length);

  const variables: VariableName[] = [];
  const blanks: ParsedTemplate['blanks'] = [];
  let cursors = 0;
  for (const node of nodes) {
    if (node.type === 'var' && !variables.includes(node.name)) variables.push(node.name);
    if (node.type === 'ask' && !blanks.some((b) => b.label === node.label))
      blanks.push({ label: node.label, start: node.start, end: node.end });
    if (node.type === 'cursor' && ++cursors === 2)
      errors.push({ code: 'duplicateCursor', start: node.start, end: node.end });
  }
  errors.sort((a, b) => a.start - b.start);
  return { nodes, errors, variables, blanks, hasCursor: cursors > 0 };
}
