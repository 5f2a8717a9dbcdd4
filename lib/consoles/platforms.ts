import type { Platform } from '../schemas/common';

/**
 * The platform ids, without zod: the content script checks values it reads from a page against
 * this list and must stay small. A unit test keeps it equal to `PlatformSchema.options`.
 */
export const PLATFORM_IDS: readonly Platform[] = ['taobao', 'pinduoduo', 'douyin', 'jd', 'shopee', 'shopify', 'other'];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORM_IDS as readonly string[]).includes(value);
}
