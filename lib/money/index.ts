export * from './currency';
export * from './format';
export * from './totals';
export * from './settings';
