// `detect [TEXT] [--file FILE] [--taxonomy FILE.json] [--locale zh-CN|en]`
// Buyer-concern detection from the command line: one JSON object per input line,
// {"text": …, "concerns": [ids]}. TEXT may hold several lines; --file reads a UTF-8 file line by line;
// with neither, standard input is read. Exit code 0 on success, 1 when a file cannot be read or the
// taxonomy is invalid, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { compileTaxonomy, type ConcernMatcher } from '../../lib/concerns/compile';
import { defaultTaxonomy } from '../../lib/concerns/defaults/index';
import { detect } from '../../lib/concerns/detect';
import { parseTaxonomy } from '../../lib/concerns/taxonomy';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import { UiLocaleSchema, type UiLocale } from '../../lib/schemas/common';

export interface DetectIo {
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

interface Options {
  texts: string[];
  file?: string;
  taxonomy?: string;
  locale: UiLocale;
}

type Parsed = { ok: true; options: Options } | { ok: false; key: MessageKey; params?: MessageParams } | { ok: 'help' };

function defaultLocale(): UiLocale {
  return /^zh/i.test(process.env.LANG ?? '') ? 'zh-CN' : 'en';
}

function parseArgs(argv: string[]): Parsed {
  const options: Options = { texts: [], locale: defaultLocale() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { ok: 'help' };
    if (flag === '--file' || flag === '--taxonomy' || flag === '--locale') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        return { ok: false, key: 'concern_cliMissingValue', params: { option: flag } };
      if (flag === '--file') options.file = value;
      else if (flag === '--taxonomy') options.taxonomy = value;
      else {
        const locale = UiLocaleSchema.safeParse(value);
        if (!locale.success)
          return { ok: false, key: 'concern_cliUnknownOption', params: { option: `${flag} ${value}` } };
        options.locale = locale.data;
      }
    } else if (arg === '--') {
      options.texts.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg.length > 1) {
      return { ok: false, key: 'concern_cliUnknownOption', params: { option: arg } };
    } else {
      options.texts.push(arg);
    }
  }
  return { ok: true, options };
}

/** Lines of the input; a final newline does not make an extra empty line. */
function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

async function loadMatcher(path: string | undefined): Promise<ConcernMatcher> {
  if (!path) return compileTaxonomy(defaultTaxonomy());
  const parsed = parseTaxonomy(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success)
    throw new TaxonomyError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return compileTaxonomy(parsed.data);
}

class TaxonomyError extends Error {}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function run(argv: string[], io: DetectIo = process as unknown as DetectIo): Promise<number> {
  const parsed = parseArgs(argv);
  const locale = parsed.ok === true ? parsed.options.locale : defaultLocale();
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  if (parsed.ok === 'help') {
    io.stdout.write(`${t('concern_cliUsage')}\n`);
    return 0;
  }
  if (parsed.ok === false) {
    io.stderr.write(`${t(parsed.key, parsed.params)}\n${t('concern_cliUsage')}\n`);
    return 2;
  }
  const { options } = parsed;

  let matcher: ConcernMatcher;
  try {
    matcher = await loadMatcher(options.taxonomy);
  } catch (error) {
    const key =
      error instanceof TaxonomyError || error instanceof SyntaxError
        ? 'concern_cliBadTaxonomy'
        : 'concern_cliReadError';
    io.stderr.write(`${t(key, { file: options.taxonomy ?? '', error: errorText(error) })}\n`);
    return 1;
  }

  const inputs: string[] = [];
  if (options.texts.length > 0) inputs.push(options.texts.join(' '));
  if (options.file !== undefined) {
    try {
      inputs.push(await readFile(options.file, 'utf8'));
    } catch (error) {
      io.stderr.write(`${t('concern_cliReadError', { file: options.file, error: errorText(error) })}\n`);
      return 1;
    }
  }
  if (inputs.length === 0) inputs.push(await readAll(io.stdin));

  for (const input of inputs) {
    for (const line of splitLines(input)) {
      const concerns = [...new Set(detect(line, matcher).map((d) => d.concern))];
      io.stdout.write(`${JSON.stringify({ text: line, concerns })}\n`);
    }
  }
  return 0;
}
