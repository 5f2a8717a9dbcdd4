export * from './canonical';
export * from './pack';
export * from './diff';
export * from './merge';
export * from './template-edit';
export * from './managed-sync';
