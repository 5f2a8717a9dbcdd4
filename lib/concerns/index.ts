/** Buyer-concern detection: what a buyer's message worries about (size, authenticity, shipping, …). */
export { compileTaxonomy, type ConcernMatcher, type RuleRef } from './compile';
export { detect, detectConcerns, detectHits, type Detection, type Hit } from './detect';
export { defaultTaxonomy, DEFAULT_CONCERN_IDS, DEFAULT_TYPOS } from './defaults/index';
export { evaluate, formatEvaluation, LabelledMessageSchema, type Evaluation, type LabelledMessage } from './evaluate';
export {
  ConcernIdSchema,
  ConcernSchema,
  parseTaxonomy,
  RuleSetSchema,
  TaxonomySchema,
  type Concern,
  type ConcernId,
  type RuleSet,
  type Taxonomy,
  type TaxonomyInput,
} from './taxonomy';
