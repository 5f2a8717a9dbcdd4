export * from './check';
export * from './compliance';
export * from './rules';
export { DEFAULT_PLATFORM_LIMITS, PLATFORM_NAMES, type ChatLimits } from './platform-limits';
export { guardListName, guardNames } from './names';
