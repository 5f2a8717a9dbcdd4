/**
 * What the sidebar suggests for the open conversation, decided here (pure functions, no React,
 * no extension API) so the sidebar and the CLI (`npm run cli -- suggest`) decide alike: concerns
 * in the buyer's messages, which kinds of reply fit now, the ranked templates and coupons with
 * why, the list the agent sees and its keys, the send guard, and what choosing one comes to.
 */
export {
  concernNamer,
  detectConcerns,
  meaningFinder,
  recentConcerns,
  RECENT_BUYER_MESSAGES,
  type DetectedConcern,
} from './concerns';
export { conversationFacts, type ConsoleConversation } from './facts';
export {
  kindsForNow,
  openReminderKinds,
  suggest,
  type ConversationFacts,
  type SuggestionInputs,
  type Suggestions,
} from './suggest';
export { renderContextFor, renderFor, templateCoupon, usesCoupon, type RenderInput } from './render';
export {
  agentMessagesInARow,
  capWarnings,
  consoleGuard,
  guardFor,
  type InsertCheck,
  type SameTextFacts,
} from './guard';
export {
  contactOfInsert,
  couponOf,
  decideInsert,
  pinKey,
  SEARCH_LIMIT,
  shortcutKey,
  suggestionList,
  templateForCoupon,
  TOP,
  type GuardInputs,
  type InsertDecision,
  type ListOptions,
  type PinnedCoupon,
  type SuggestionList,
  type SuggestionView,
  type TypedTemplate,
} from './list';
export {
  listKeyAction,
  quickPickIndex,
  quickPickNumber,
  QUICK_PICKS,
  takesKey,
  type ListKeyAction,
  type ListKeyState,
} from './keys';
export { COUPON_ONLY_TEMPLATE, couponLabelLocale, couponReasonText } from './coupons';
export { insertFailureMessage, sameTarget, shortcutsOf, templateForShortcut } from './conversation';
