export * from './errors';
export * from './assert';
export * from './roles';
export * from './money';
export * from './area';
export * from './phone';
export * from './contracts';
export * from './house-label';
