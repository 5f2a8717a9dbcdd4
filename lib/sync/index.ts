/**
 * Team sync (issue 21): the protocol shared by the shop server and the browsers, the conflict
 * rules, and the browser's sync engine. See DEVELOPERS.md, "Team server".
 */
export * from './kinds';
export * from './protocol';
export {
  applyChange,
  permission,
  rebaseRemote,
  RecordMetaSchema,
  type ApplyContext,
  type ApplyOutcome,
  type PendingChange,
  type RecordMeta,
  type StoredVersion,
} from './rules';
export {
  SyncEngine,
  SyncTransportError,
  pendingOf,
  type LocalChange,
  type OutboxEntry,
  type SyncEngineOptions,
  type SyncReport,
  type SyncStatus,
  type SyncStore,
  type SyncTransport,
} from './engine';
export { MemorySyncStore } from './memory-store';
export {
  httpTransport,
  followLive,
  joinShop,
  inviteAgent,
  listMembers,
  revokeMember,
  uploadExport,
  SseParser,
  type FetchLike,
  type HttpTransportOptions,
} from './http';
export { checkServerUrl, isLocalOrPrivateHost, type ServerUrlCheck, type ServerUrlProblem } from './url';
export { MemorySyncServer } from './memory-server';
export * from './connection';
