/**
 * The operator's cap on a blind-box prize's value, stored as the setting
 * `blind_box_cap_fen`; 50,000 yuan (5,000,000 fen) until an operator saves another.
 */
import { DEFAULT_BLIND_BOX_CAP_FEN, isValidBlindBoxCap } from '@pingou/engine';
import { settingsRepo, type Tx } from '@pingou/db';

export const BLIND_BOX_CAP_SETTING = 'blind_box_cap_fen';

export async function loadBlindBoxCap(tx: Tx): Promise<number> {
  const stored = await settingsRepo.getSetting<unknown>(tx, BLIND_BOX_CAP_SETTING);
  // A hand-edited row that is not a valid amount falls back to the default rather than reach money code.
  return typeof stored === 'number' && isValidBlindBoxCap(stored)
    ? stored
    : DEFAULT_BLIND_BOX_CAP_FEN;
}
