/** The concern ids every shop starts with (also the demo console's, lib/demo/conversation-schema.ts). */
export const DEFAULT_CONCERN_IDS = [
  'size',
  'photo_match',
  'quality',
  'authenticity',
  'efficacy',
  'skin_safety',
  'baby_safety',
  'usage',
  'shipping',
  'after_sales',
  'return_refund',
  'price',
  'stock',
  'invoice',
] as const;
