export * from './common';
export * from './auth';
export * from './property';
export * from './catalog';
export * from './charges';
export * from './tickets';
export * from './service-categories';
export * from './administration';
