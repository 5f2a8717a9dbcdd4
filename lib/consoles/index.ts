export { BUILT_IN_ADAPTERS } from './adapters';
export { CONSOLE_MATCHES, DEMO_MATCHES } from './matches';
export * from './schema';
export { findAdapter, matchesUrl, parseMatchPattern, type UrlRule } from './url';
export * from './reading';
export { describeConsoleIssues, selectorPartName, type ConsoleIssue } from './issues';
export { CustomConsoleSchema, parseCustomConsole, parseCustomConsoles } from './custom';
