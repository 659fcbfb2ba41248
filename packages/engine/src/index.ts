export * from './money';
export * from './assets';
export * from './ledger';
export * from './calendar';
