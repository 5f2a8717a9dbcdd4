export * from './schema';
export * from './defaults';
export * from './resolve';
export * from './applicable';
export * from './variables';
