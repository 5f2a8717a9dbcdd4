import { z } from 'zod';
import { TaxonomySchema } from '../concerns/taxonomy';
import { AppSettingsSchema } from '../settings/app';
import { LocalDateSchema } from './common';
import { BuyerIdSchema, ConsoleBuyerSchema } from './ids';
import { BuyerLookupSchema, BuyerRemindersSchema, SidebarResultSchemas, SuggestionContextSchema } from './sidebar-rpc';

/**
 * What the sidebar shows of the open conversation, computed by the background from the buyer the
 * console reported and pushed to that tab's sidebar (entrypoints/background/sidebar-views.ts): the
 * sidebar asks for nothing, it renders this and sends the agent's actions.
 */
export const ConversationViewSchema = z.object({
  /** The console's buyer this view is for: the sidebar shows it only while its console shows that buyer. */
  for: ConsoleBuyerSchema,
  /** The record id the buyer's notes, tags, concerns, reminders and birthday are filed under. */
  buyerId: BuyerIdSchema,
  lookup: BuyerLookupSchema,
  suggestionContext: SuggestionContextSchema,
  reminders: BuyerRemindersSchema,
  concerns: SidebarResultSchemas.concerns,
  notes: SidebarResultSchemas.notes,
  tags: SidebarResultSchemas.tags,
  birthday: SidebarResultSchemas.birthday,
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const SidebarViewSchema = z.object({
  /** The background's clock (test-shiftable in the demo build) when the view was computed. */
  now: z.number().int(),
  /** The shop's date then, in the settings' time zone: the one "today" the sidebar uses. */
  today: LocalDateSchema,
  settings: AppSettingsSchema,
  taxonomy: TaxonomySchema,
  /** Null while the console shows no conversation (or no console is linked). */
  conversation: ConversationViewSchema.nullable(),
});
export type SidebarView = z.infer<typeof SidebarViewSchema>;
