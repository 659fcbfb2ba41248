/** Economics (利润演算, SPEC §12): the per-draw calculator and the day-by-day simulator. */
export * from './errors';
export * from './prng';
export * from './draw-calculator';
export * from './simulator';
