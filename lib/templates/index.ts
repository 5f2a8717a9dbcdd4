export * from './schema';
export {
  parseTemplate,
  type ParsedTemplate,
  type TemplateError,
  type TemplateErrorCode,
  type TemplateNode,
} from './parse';
export {
  renderTemplate,
  renderVariant,
  pickVariant,
  type RenderResult,
  type TemplateBlank,
  type PickedVariant,
} from './render';
export {
  TEMPLATE_VARIABLES,
  isVariableName,
  resolveVariable,
  type RenderContext,
  type TemplateCoupon,
  type TemplateOrder,
  type TemplateProduct,
  type VariableName,
} from './variables';
export { detectBuyerLanguage } from './language';
export { formatDiscount, formatMoney, formatDate, formatStage, labelLocale } from './format';
export { rankTemplates, type RankContext, type RankedTemplate, type ReasonPart, type CapCheck } from './rank';
export { formatReason, formatTemplateError, describeVariable, BUYER_LANGUAGE_KEYS } from './describe';
export { createTemplateSearchIndex, searchTemplates, maskTemplateSyntax, TEMPLATE_SEARCH_FIELDS } from './search';
export { defaultTemplates, BUILTIN_AUTHOR } from './library';
export {
  isAwaitingPayment,
  isOnItsWay,
  kindsFromOrders,
  missingOrderFacts,
  orderFactsOf,
  orderFor,
  replyOrders,
  templateOrder,
  withConsoleOrders,
} from './order-facts';
