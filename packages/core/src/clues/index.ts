export * from './dictionaries.js';
export * from './routing.js';
export * from './deadlines.js';
export * from './disposition.js';
export * from './search-terms.js';
export * from './portal.js';
export * from './warning-draft.js';
