import { z } from 'zod';
import { ShortcutSchema } from '../templates/schema';
import { CentsSchema, LocalDateTimeSchema, PlatformSchema, UiLocaleSchema } from './common';
import { OrderStatusSchema } from './order';
import { ConsoleBuyerSchema } from './ids';
import { SidebarActionSchema } from './sidebar-rpc';
import { SidebarViewSchema } from './sidebar-view';

/**
 * Messages between the console content script, the background hub and the sidebar page.
 * Every message is parsed with these schemas where it arrives; the hub also checks who sent it.
 * Sizes are bounded so a hostile page cannot make the extension carry megabytes of text.
 */
const Id = z.string().min(1).max(300);
const Text = z.string().max(20_000);

export { ConsoleBuyerSchema, type ConsoleBuyer } from './ids';

export const ConsoleMessageSchema = z.object({
  id: Id,
  author: z.enum(['buyer', 'agent', 'system']),
  text: Text,
});
export type ConsoleMessage = z.infer<typeof ConsoleMessageSchema>;

/**
 * An order row the console's order panel shows for the open buyer (issue 19). The status is mapped
 * to the imported orders' own statuses by the adapter's words (`lib/consoles`); `rawStatus` keeps the
 * console's text. Amounts are in the smallest unit of the order's currency, as imported orders.
 */
export const ConsoleOrderSchema = z.object({
  id: Id,
  status: OrderStatusSchema,
  rawStatus: z.string().max(100).optional(),
  paidCents: CentsSchema.optional(),
  /** When the order was placed, as the console shows it, normalised to `YYYY-MM-DD HH:mm:ss` local time. */
  createdAt: LocalDateTimeSchema.optional(),
  tracking: z.string().max(100).optional(),
  carrier: z.string().max(100).optional(),
});
export type ConsoleOrder = z.infer<typeof ConsoleOrderSchema>;

/** A product card or link the buyer sent in the open conversation (issue 19). */
export const ConsoleProductSchema = z.object({
  /** The platform's item id when the card or link carries one. */
  id: Id.nullable(),
  title: z.string().max(300),
  url: z.string().max(2000).optional(),
  /** The message the card is in, so "the last product before this concern" can be found. */
  messageId: Id.optional(),
});
export type ConsoleProduct = z.infer<typeof ConsoleProductSchema>;

/** The parts of a built-in console a supervisor repaired by pointing (`lib/consoles/parts.ts`), when any. */
export const RepairedPartsSchema = z.array(z.enum(['buyerNick', 'buyerId', 'messages', 'input', 'sendButton'])).max(5);
const ConsoleBase = z.object({
  consoleId: Id,
  consoleName: z.string().max(100),
  url: z.string().max(4000),
  /** The console is a built-in with these parts repaired by pointing ("恢复内置" drops them). */
  repaired: RepairedPartsSchema.optional(),
});
/** Selector keys that found nothing (`lib/consoles/parts.ts` names their parts for people). */
const SelectorKeys = z.array(z.string().max(100)).max(20);
/** When the content script first saw the listed keys find nothing (ms since epoch). */
const Since = z.number().int().nonnegative();
export const ConsoleStateSchema = z.discriminatedUnion('status', [
  ConsoleBase.extend({
    status: z.literal('ok'),
    buyer: ConsoleBuyerSchema,
    /** The latest messages of the open conversation, oldest first. */
    messages: z.array(ConsoleMessageSchema).max(200),
    inputFound: z.boolean(),
    /** The open buyer's orders in the console's order panel, when the adapter describes one. */
    orders: z.array(ConsoleOrderSchema).max(50).optional(),
    /** Product cards and links in the conversation, oldest first, when the adapter describes them. */
    products: z.array(ConsoleProductSchema).max(20).optional(),
    /** Parts that stopped matching while the conversation still reads (the input box). */
    degraded: SelectorKeys.optional(),
    since: Since.optional(),
  }),
  ConsoleBase.extend({ status: z.literal('not_recognised'), missing: SelectorKeys, since: Since.optional() }),
  ConsoleBase.extend({ status: z.literal('loading') }),
]);
export type ConsoleState = z.infer<typeof ConsoleStateSchema>;

/**
 * The conversation a text was written for: the console and its buyer exactly as the content script
 * read them (the console's own buyer id, which may be absent, and the nick). The content script
 * reads the console again just before inserting and refuses when the open conversation is another.
 */
export const InsertTargetSchema = ConsoleBuyerSchema.extend({ consoleId: Id });
export type InsertTarget = z.infer<typeof InsertTargetSchema>;

/** `/cm`: a template shortcut as the agent types it before Tab. */
const TypedShortcut = ShortcutSchema;

export const InsertRequestSchema = z.object({
  requestId: Id,
  text: Text.min(1),
  cursorOffset: z.number().int().nonnegative().optional(),
  target: InsertTargetSchema,
  /** The insert answers a shortcut typed in the console's input: the typed `/cm` is replaced. */
  replace: z.object({ shortcutId: Id, typed: TypedShortcut }).optional(),
});
export type InsertRequest = z.infer<typeof InsertRequestSchema>;

/**
 * Why an insert did not happen. From the content script: the input's own failures, or the open
 * conversation is not the one the text was written for; from the hub: no console in the tab; from
 * the sidebar: no answer in time.
 */
export const InsertFailureSchema = z.enum([
  'input_not_found',
  'not_editable',
  'detached',
  'too_long',
  'not_applied',
  'conversation_changed',
  'no_conversation',
  'no_console',
  'timeout',
]);
export type InsertFailure = z.infer<typeof InsertFailureSchema>;

export const InsertResultSchema = z.object({
  requestId: Id,
  ok: z.boolean(),
  reason: InsertFailureSchema.optional(),
  /** With `conversation_changed`: the nick of the buyer whose conversation is open now. */
  openNick: z.string().max(300).optional(),
});
export type InsertResult = z.infer<typeof InsertResultSchema>;

/** The agent typed `/` + a shortcut and Tab in the console's input (content script → sidebar). */
export const ShortcutRequestSchema = z.object({
  requestId: Id,
  typed: TypedShortcut,
  target: InsertTargetSchema,
});
export type ShortcutRequest = z.infer<typeof ShortcutRequestSchema>;

/**
 * The sidebar's answer to a typed shortcut (sidebar → content script) when it does not insert at
 * once. `form`: the template waits in the sidebar for blanks or a confirmation, so the content
 * script moves focus there; `cancelled`: the agent left that form with Esc, focus goes back to the
 * console's input; `unknown`: no such template (any more); `stale`: the sidebar did not show that
 * conversation in time.
 */
export const ShortcutAnswerSchema = z.object({
  requestId: Id,
  outcome: z.enum(['form', 'cancelled', 'unknown', 'stale']),
});
export type ShortcutAnswer = z.infer<typeof ShortcutAnswerSchema>;

/** Template shortcuts the console's input answers to (the typed `/cm`), as the sidebar knows them. */
export const ShortcutListSchema = z.array(TypedShortcut).max(2000);

/**
 * The send check for the open console's platform (lib/guard PlatformGuard): resolved by the sidebar
 * from the playbook's lists, names in the UI language. Plain data the content script checks typed
 * and inserted text with; it carries no buyer data.
 */
const GuardWord = z.string().min(1).max(80);
export const PlatformGuardSchema = z.object({
  platform: PlatformSchema,
  lists: z
    .array(
      z.object({
        id: z.string().min(1).max(40),
        name: z.string().max(80),
        words: z.array(GuardWord).max(1000),
        except: z.array(GuardWord).max(1000),
        detect: z.array(z.enum(['phone', 'email', 'contactId'])).max(3),
      }),
    )
    .max(50),
  twiceInARow: z.boolean(),
  maxBuyers: z.number().int().min(2).max(1000).nullable(),
  minRepeatChars: z.number().int().min(1).max(200),
  limits: z.object({
    maxChars: z.number().int().min(1).max(100_000).optional(),
    replyWindowDays: z.number().int().min(1).max(365).optional(),
    maxInARow: z.number().int().min(1).max(100).optional(),
  }),
  names: z.object({
    repeat: z.string().max(200),
    repeatBuyers: z.string().max(200),
    tooLong: z.string().max(200),
    tooMany: z.string().max(200),
    hit: z.string().max(200),
    wordSeparator: z.string().max(10),
    findingSeparator: z.string().max(10),
  }),
  sameText: z
    .array(z.object({ fingerprint: z.string().min(1).max(40), buyers: z.number().int().min(2).max(1_000_000) }))
    .max(200)
    .optional(),
});

export const LayoutSchema = z.object({
  collapsed: z.boolean(),
  width: z.number().int().min(240).max(720),
});
export type Layout = z.infer<typeof LayoutSchema>;

/**
 * The secret that ties a sidebar frame to the content script that made it: 128 random bits in hex,
 * made per frame by the content script, put in the frame's URL fragment (which the page cannot
 * read: the frame is cross-origin inside a closed shadow root) and registered with the hub over
 * the console port. The hub serves a sidebar port only when it presents the nonce its tab's
 * console registered, so a copy of sidebar.html framed by anyone else gets nothing.
 */
export const FrameNonceSchema = z.string().regex(/^[0-9a-f]{32}$/);
export type FrameNonce = z.infer<typeof FrameNonceSchema>;

/** Content script → hub (port "console"). */
export const ConsoleToHubSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: ConsoleStateSchema }),
  z.object({ type: z.literal('insertResult'), result: InsertResultSchema }),
  z.object({ type: z.literal('layout'), layout: LayoutSchema }),
  /** The nonce of the sidebar frame this content script made (sent again on every reconnect). */
  z.object({ type: z.literal('frame'), nonce: FrameNonceSchema }),
  z.object({ type: z.literal('shortcut'), request: ShortcutRequestSchema }),
]);
export type ConsoleToHub = z.infer<typeof ConsoleToHubSchema>;

/**
 * Open the picker on the console page (issue 20): `new` teaches the page as a console of its own,
 * `repair` points at the open console's parts again (those that stopped matching). From the sidebar
 * (through the hub) or the popup (`tabs.sendMessage`); the locale is the picker's language.
 */
export const TeachRequestSchema = z.object({
  type: z.literal('teach'),
  mode: z.enum(['new', 'repair']),
  locale: UiLocaleSchema,
});
export type TeachRequest = z.infer<typeof TeachRequestSchema>;

/** Hub → content script. */
export const HubToConsoleSchema = z.discriminatedUnion('type', [
  TeachRequestSchema,
  z.object({ type: z.literal('insert'), request: InsertRequestSchema }),
  z.object({ type: z.literal('toggle') }),
  /** Move keyboard focus into the sidebar (the agent pressed the focus shortcut). */
  z.object({ type: z.literal('focus') }),
  z.object({ type: z.literal('setLayout'), layout: LayoutSchema.partial() }),
  z.object({ type: z.literal('resend') }),
  z.object({ type: z.literal('shortcuts'), shortcuts: ShortcutListSchema }),
  z.object({ type: z.literal('shortcutAnswer'), answer: ShortcutAnswerSchema }),
  /** The send check for this console's platform; null: none (no sidebar data yet). */
  z.object({ type: z.literal('guard'), guard: PlatformGuardSchema.nullable() }),
]);
export type HubToConsole = z.infer<typeof HubToConsoleSchema>;

/** Sidebar page → hub (port "sidebar"). */
export const SidebarToHubSchema = z.discriminatedUnion('type', [
  /** The first message on a sidebar port: the nonce from the frame's URL. Nothing is served before it. */
  z.object({ type: z.literal('hello'), nonce: FrameNonceSchema }),
  TeachRequestSchema,
  /** Drop the repair of the open built-in console ("恢复内置"). */
  z.object({ type: z.literal('restoreBuiltIn') }),
  z.object({ type: z.literal('insert'), request: InsertRequestSchema }),
  /** What the agent did (a note, a reminder, an insert…): the sidebar asks nothing, its view is pushed. */
  z.object({ type: z.literal('rpc'), id: Id, request: SidebarActionSchema }),
  z.object({ type: z.literal('setLayout'), layout: LayoutSchema.partial() }),
  z.object({ type: z.literal('shortcuts'), shortcuts: ShortcutListSchema }),
  z.object({ type: z.literal('shortcutAnswer'), answer: ShortcutAnswerSchema }),
  z.object({ type: z.literal('guard'), guard: PlatformGuardSchema.nullable() }),
]);
export type SidebarToHub = z.infer<typeof SidebarToHubSchema>;

/** Hub → sidebar page. */
export const HubToSidebarSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: ConsoleStateSchema.nullable() }),
  z.object({ type: z.literal('insertResult'), result: InsertResultSchema }),
  z.object({ type: z.literal('layout'), layout: LayoutSchema }),
  z.object({ type: z.literal('focusSuggestions') }),
  /** The answer to an rpc; `value` is checked against the method's result schema by the sidebar. */
  z.object({
    type: z.literal('rpcResult'),
    id: Id,
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: z.string().max(2000).optional(),
  }),
  /** The open conversation as the background sees it, after every switch and every change that touches it. */
  z.object({ type: z.literal('view'), view: SidebarViewSchema }),
  /** The view could not be computed (the sidebar says so with this message). */
  z.object({ type: z.literal('viewError'), message: z.string().max(2000) }),
  z.object({ type: z.literal('shortcut'), request: ShortcutRequestSchema }),
]);
export type HubToSidebar = z.infer<typeof HubToSidebarSchema>;

export const PORT_CONSOLE = 'htk-console';
export const PORT_SIDEBAR = 'htk-sidebar';

/** One-off messages from the extension's own pages (options, popup) to the background. */
export const PageToBackgroundSchema = z.discriminatedUnion('type', [
  /** Data changed outside the background's sight (an import in a worker): sidebars re-read. */
  z.object({ type: z.literal('dataChanged') }),
  /** The popup asks how the console in a tab reads (its health notice); answered with the state or null. */
  z.object({ type: z.literal('tabState'), tabId: z.number().int().nonnegative() }),
  /**
   * A supervisor PIN is set: the popup (an extension page, where the page's scripts cannot see the
   * keys) checks it, and the picker in that tab may then save for a while.
   */
  z.object({ type: z.literal('allowTeach'), tabId: z.number().int().nonnegative(), pin: z.string().max(64) }),
  /** The popup's "恢复内置" for a built-in console repaired by pointing. */
  z.object({ type: z.literal('restoreBuiltIn'), consoleId: z.string().min(1).max(48) }),
]);
export type PageToBackground = z.infer<typeof PageToBackgroundSchema>;

/**
 * Content script (the picker) → background: save what the supervisor taught. The background checks
 * the sender (this extension, a tab's top frame) and that the page is the console being saved, then
 * validates `adapter` / the repaired whole with the adapter schema before storing.
 */
export const PickerToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('saveTaughtConsole'), adapter: z.unknown() }),
  z.object({
    type: z.literal('saveConsoleRepair'),
    id: z.string().max(48),
    parts: RepairedPartsSchema.min(1),
    selectors: z.record(z.string(), z.unknown()),
  }),
]);
export type PickerToBackground = z.infer<typeof PickerToBackgroundSchema>;
export interface PickerSaveAnswer {
  /** A sentence for the supervisor (already in their language) when nothing was saved. */
  error: string | null;
  /** Saved, but the site's access is not granted: the console waits for it. */
  waiting?: boolean;
}
