/** Refusals of the economics tools: a stable code and every problem found, path by path. */
export type EconomicsProblemCode =
  'ACTIVITY_INVALID' | 'ASSUMPTIONS_INVALID' | 'POPULATION_INVALID' | 'TOO_LARGE';

export interface EconomicsProblem {
  path: string;
  message: string;
}

export class EconomicsInputError extends Error {
  override name = 'EconomicsInputError';
  constructor(
    readonly code: EconomicsProblemCode,
    readonly problems: EconomicsProblem[],
  ) {
    super(`${code}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}
