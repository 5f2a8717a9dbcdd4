import { z } from 'zod';
import { PlatformSchema } from './common';
import { SidebarRequestSchema } from './sidebar-rpc';

/**
 * Messages between the console content script, the background hub and the sidebar page.
 * Every message is parsed with these schemas where it arrives; the hub also checks who sent it.
 * Sizes are bounded so a hostile page cannot make the extension carry megabytes of text.
 */
const Id = z.string().min(1).max(300);
const Text = z.string().max(20_000);

export const ConsoleBuyerSchema = z.object({
  id: Id.nullable(),
  nick: z.string().max(300),
  platform: PlatformSchema,
});
export type ConsoleBuyer = z.infer<typeof ConsoleBuyerSchema>;

export const ConsoleMessageSchema = z.object({
  id: Id,
  author: z.enum(['buyer', 'agent', 'system']),
  text: Text,
});
export type ConsoleMessage = z.infer<typeof ConsoleMessageSchema>;

const ConsoleBase = z.object({ consoleId: Id, consoleName: z.string().max(100), url: z.string().max(4000) });
export const ConsoleStateSchema = z.discriminatedUnion('status', [
  ConsoleBase.extend({
    status: z.literal('ok'),
    buyer: ConsoleBuyerSchema,
    /** The latest messages of the open conversation, oldest first. */
    messages: z.array(ConsoleMessageSchema).max(200),
    inputFound: z.boolean(),
  }),
  ConsoleBase.extend({ status: z.literal('not_recognised'), missing: z.array(z.string().max(100)).max(20) }),
  ConsoleBase.extend({ status: z.literal('loading') }),
]);
export type ConsoleState = z.infer<typeof ConsoleStateSchema>;

export const InsertRequestSchema = z.object({
  requestId: Id,
  text: Text.min(1),
  cursorOffset: z.number().int().nonnegative().optional(),
});
export type InsertRequest = z.infer<typeof InsertRequestSchema>;

export const InsertResultSchema = z.object({
  requestId: Id,
  ok: z.boolean(),
  reason: z.string().max(200).optional(),
});
export type InsertResult = z.infer<typeof InsertResultSchema>;

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
]);
export type ConsoleToHub = z.infer<typeof ConsoleToHubSchema>;

/** Hub → content script. */
export const HubToConsoleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('insert'), request: InsertRequestSchema }),
  z.object({ type: z.literal('toggle') }),
  /** Move keyboard focus into the sidebar (the agent pressed the focus shortcut). */
  z.object({ type: z.literal('focus') }),
  z.object({ type: z.literal('setLayout'), layout: LayoutSchema.partial() }),
  z.object({ type: z.literal('resend') }),
]);
export type HubToConsole = z.infer<typeof HubToConsoleSchema>;

/** Sidebar page → hub (port "sidebar"). */
export const SidebarToHubSchema = z.discriminatedUnion('type', [
  /** The first message on a sidebar port: the nonce from the frame's URL. Nothing is served before it. */
  z.object({ type: z.literal('hello'), nonce: FrameNonceSchema }),
  z.object({ type: z.literal('insert'), request: InsertRequestSchema }),
  z.object({ type: z.literal('rpc'), id: Id, request: SidebarRequestSchema }),
  z.object({ type: z.literal('setLayout'), layout: LayoutSchema.partial() }),
]);
export type SidebarToHub = z.infer<typeof SidebarToHubSchema>;

/** Hub → sidebar page. */
export const HubToSidebarSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: ConsoleStateSchema.nullable() }),
  z.object({ type: z.literal('insertResult'), result: InsertResultSchema }),
  z.object({ type: z.literal('layout'), layout: LayoutSchema }),
  z.object({ type: z.literal('focusSuggestions') }),
  /** The answer to an rpc; `value` is checked against the method's result schema by the sidebar. */
  z.object({ type: z.literal('rpcResult'), id: Id, ok: z.boolean(), value: z.unknown().optional(), error: z.string().max(2000).optional() }),
  /** Data changed somewhere (another tab, an import): re-read what is shown. */
  z.object({ type: z.literal('changed') }),
]);
export type HubToSidebar = z.infer<typeof HubToSidebarSchema>;

export const PORT_CONSOLE = 'htk-console';
export const PORT_SIDEBAR = 'htk-sidebar';

/** One-off messages from the extension's own pages (options, popup) to the background. */
export const PageToBackgroundSchema = z.discriminatedUnion('type', [
  /** Data changed outside the background's sight (an import in a worker): sidebars re-read. */
  z.object({ type: z.literal('dataChanged') }),
]);
export type PageToBackground = z.infer<typeof PageToBackgroundSchema>;
