export * from './events.js';
export * from './frame.js';
export * from './api.js';
export * from './wall-config.js';
export * from './alarms.js';
export * from './reports.js';
export * from './threats.js';
