import { z } from 'zod';
import { PlatformSchema } from '../schemas/common';
import { matchesUrl, parseMatchPattern } from './url';

/**
 * A chat console described as data. Built-in consoles and the custom consoles a supervisor defines
 * in a form share this schema, so everything here must be safe to accept from a form: plain CSS
 * selectors as strings, plain substrings, no code. Error messages are `consoles_err_*` catalogue
 * keys; `describeConsoleIssues` turns them into sentences.
 */

export const SELECTOR_MAX_LENGTH = 300;
export const PATTERN_MAX_LENGTH = 200;
export const URL_MAX_LENGTH = 2000;

/**
 * A syntax check that needs no DOM (lib/ runs in the service worker too): quotes closed, brackets
 * balanced, no empty comma groups, nothing that only belongs in a style sheet. The content script
 * still guards every query, so a selector that passes here but not in the browser reads as missing.
 */
export function isPlausibleSelector(selector: string): boolean {
  // Control characters never belong in a selector typed into a form.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f{};@<]/.test(selector.replace(/"[^"]*"|'[^']*'/g, '""'))) return false;
  const closers: Record<string, string> = { '[': ']', '(': ')' };
  const stack: string[] = [];
  let quote: string | null = null;
  let groupHasContent = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector.charAt(i);
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '\\') {
      i++;
      groupHasContent = true;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(') stack.push(closers[ch] ?? '');
    else if (ch === ']' || ch === ')') {
      if (stack.pop() !== ch) return false;
    } else if (ch === ',' && stack.length === 0) {
      if (!groupHasContent) return false;
      groupHasContent = false;
      continue;
    }
    if (ch.trim()) groupHasContent = true;
  }
  return quote === null && stack.length === 0 && groupHasContent;
}

export const SelectorSchema = z
  .string()
  .trim()
  // An empty or overlong selector gets that one message, not a second "invalid" on top.
  .min(1, { error: 'consoles_err_selectorEmpty', abort: true })
  .max(SELECTOR_MAX_LENGTH, { error: 'consoles_err_selectorTooLong', abort: true })
  .refine(isPlausibleSelector, { error: 'consoles_err_selectorInvalid' });

export const AttributeNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][-A-Za-z0-9_:.]{0,63}$/, { error: 'consoles_err_attrInvalid' });

/** Where a value sits: the element's text, or one of its attributes. */
export const ValueSourceSchema = z.object({
  selector: SelectorSchema,
  attr: AttributeNameSchema.optional(),
});
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const MatchPatternSchema = z
  .string()
  .trim()
  .max(PATTERN_MAX_LENGTH, { error: 'consoles_err_patternTooLong' })
  .superRefine((value, ctx) => {
    const parsed = parseMatchPattern(value);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: `consoles_err_pattern_${parsed}`, params: { pattern: value } });
    } else if (parsed.host === '') {
      // A console "everywhere" would read every page the agent opens; the host permission is asked per pattern.
      ctx.addIssue({ code: 'custom', message: 'consoles_err_patternAnyHost', params: { pattern: value } });
    }
  });

const PlainSubstringSchema = z.string().min(1).max(200, { error: 'consoles_err_substringTooLong' });

export const InputKindSchema = z.enum(['auto', 'textarea', 'contenteditable', 'lexical']);
export type InputKind = z.infer<typeof InputKindSchema>;

export const PlatformSourceSchema = z.union([
  PlatformSchema,
  /** For a console that presents as several platforms (the demo console): read it from the page. */
  z.object({ fromAttribute: z.object({ selector: SelectorSchema, attr: AttributeNameSchema }) }),
]);
export type PlatformSource = z.infer<typeof PlatformSourceSchema>;

export const ConsoleSelectorsSchema = z.object({
  /**
   * The console's chat sits in a frame of the same site: this selects that `<iframe>` in the page,
   * and every other selector is read in the frame's document. A frame of another site cannot be
   * read (the browser does not let the page's scripts, nor ours in the page, see into it).
   */
  frame: SelectorSchema.optional(),
  /** Present once the console's app has rendered; absent means "still loading". */
  ready: SelectorSchema,
  buyerId: ValueSourceSchema.optional(),
  buyerNick: ValueSourceSchema,
  /** One element per message of the open conversation, in thread order. */
  messageRow: SelectorSchema,
  /**
   * The element holding the rows, for consoles that show a conversation with no message yet:
   * when it is there, no rows means an empty thread rather than a changed page.
   */
  messageList: SelectorSchema.optional(),
  /** Inside a row: the element whose text is the message. */
  messageText: SelectorSchema,
  /** A row is the buyer's (agent's, system's) when it matches or contains this. */
  authorBuyer: SelectorSchema,
  authorAgent: SelectorSchema,
  authorSystem: SelectorSchema.optional(),
  /** The row's own attribute, or an attribute of an element inside the row when `selector` is given. */
  messageId: z.object({ selector: SelectorSchema.optional(), attr: AttributeNameSchema }).optional(),
  input: SelectorSchema,
  inputKind: InputKindSchema,
  sendButton: SelectorSchema.optional(),
  conversationRow: SelectorSchema.optional(),
  unread: SelectorSchema.optional(),
});
export type ConsoleSelectors = z.infer<typeof ConsoleSelectorsSchema>;
export type SelectorKey = keyof ConsoleSelectors;

/**
 * Inside an order row or a product card: an element's text or one of its attributes. Without
 * `selector` it is the row (card) itself; without `attr`, the element's text.
 */
export const PartSourceSchema = z.object({
  selector: SelectorSchema.optional(),
  attr: AttributeNameSchema.optional(),
});
export type PartSource = z.infer<typeof PartSourceSchema>;

/**
 * The console's order panel for the open buyer (issue 19): one row per order. Only the order id
 * is needed; the status is mapped to the imported orders' statuses by the platform's words
 * (`order-panel.ts`), the amount read as money, the time as a local time.
 */
export const OrderPanelSchema = z.object({
  row: SelectorSchema,
  orderId: PartSourceSchema,
  status: PartSourceSchema.optional(),
  amount: PartSourceSchema.optional(),
  time: PartSourceSchema.optional(),
  tracking: PartSourceSchema.optional(),
  carrier: PartSourceSchema.optional(),
});
export type OrderPanel = z.infer<typeof OrderPanelSchema>;

/**
 * Product cards and links the buyer sends in the conversation. The item id is the value `id`
 * reads; with `idParam`, that query parameter of it (a link's `href`), else its last run of digits.
 */
export const ProductCardsSchema = z.object({
  card: SelectorSchema,
  id: PartSourceSchema.optional(),
  idParam: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,39}$/, { error: 'consoles_err_attrInvalid' })
    .optional(),
  title: PartSourceSchema,
  url: PartSourceSchema.optional(),
});
export type ProductCards = z.infer<typeof ProductCardsSchema>;

const NameSchema = z
  .string()
  .trim()
  .min(1, { error: 'consoles_err_nameLength' })
  .max(40, { error: 'consoles_err_nameLength' });
const ExampleUrlSchema = z.url({ error: 'consoles_err_urlInvalid', protocol: /^https?$/ }).max(URL_MAX_LENGTH);

export const ConsoleAdapterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, { error: 'consoles_err_idFormat' }),
    name: z.object({ zh: NameSchema, en: NameSchema }),
    platform: PlatformSourceSchema,
    matches: z.array(MatchPatternSchema).min(1, { error: 'consoles_err_matchesEmpty' }).max(20),
    pathPrefixes: z
      .array(PlainSubstringSchema.regex(/^\//, { error: 'consoles_err_pathPrefix' }))
      .max(20)
      .optional(),
    urlIncludes: z.array(PlainSubstringSchema).max(20).optional(),
    /** Real addresses of the console; each must be accepted by the rule above. */
    exampleUrls: z.array(ExampleUrlSchema).min(1, { error: 'consoles_err_examplesEmpty' }).max(20),
    /** Addresses on the same sites that are not the console; each must be rejected. */
    counterExampleUrls: z.array(ExampleUrlSchema).max(20).optional(),
    selectors: ConsoleSelectorsSchema,
    /** The open buyer's orders beside the chat, when the console shows them. */
    orderPanel: OrderPanelSchema.optional(),
    /** Product cards and links in the thread, when the console shows them. */
    productCards: ProductCardsSchema.optional(),
  })
  .superRefine((adapter, ctx) => {
    adapter.exampleUrls.forEach((url, i) => {
      if (!matchesUrl(adapter, url)) {
        ctx.addIssue({
          code: 'custom',
          message: 'consoles_err_exampleNoMatch',
          path: ['exampleUrls', i],
          params: { url },
        });
      }
    });
    adapter.counterExampleUrls?.forEach((url, i) => {
      if (matchesUrl(adapter, url)) {
        ctx.addIssue({
          code: 'custom',
          message: 'consoles_err_counterExampleMatches',
          path: ['counterExampleUrls', i],
          params: { url },
        });
      }
    });
  });

export type ConsoleAdapter = z.infer<typeof ConsoleAdapterSchema>;
/** What adapter modules write; `defineAdapter` validates it at load time in tests. */
export type ConsoleAdapterInput = z.input<typeof ConsoleAdapterSchema>;
