export * from './errors';
export * from './schemas';
export * from './labels';
export * from './activity';
export * from './withdrawals';
