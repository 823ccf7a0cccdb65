// A "Replace council" action's data, checked the way FLTCouncil checks it
// when the action executes (SPEC.md section 8): 1 to 16 distinct, non-zero
// signers and a threshold from 1 to their number. Checked here first so a
// signer does not spend a proposal (and the others their approvals) on a
// council the contract would refuse with FLTInvalidCouncil.

import { encodeAbiParameters, getAddress, isAddress, zeroAddress, type Hex } from 'viem';

/** FLTCouncil's MAX_SIGNERS. */
export const MAX_SIGNERS = 16;

export type Replacement = { data: Hex; signers: `0x${string}`[]; threshold: number } | { error: string };

/**
 * `signers`: addresses separated by commas, spaces or new lines (a
 * mixed-case address must carry a valid EIP-55 checksum); `threshold`: a
 * whole number. Returns the `(address[] signers, uint8 threshold)` data of
 * the action, or why FLTCouncil would refuse it.
 */
export function councilReplacement(signers: string, threshold: string): Replacement {
  const parts = signers.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { error: 'Enter the new council’s signer addresses, separated by commas.' };
  if (parts.length > MAX_SIGNERS) return { error: `A council has at most ${MAX_SIGNERS} signers; ${parts.length} are listed.` };
  const list: `0x${string}`[] = [];
  for (const p of parts) {
    if (!isAddress(p)) return { error: `${p} is not an address (or its checksum is wrong).` };
    const a = getAddress(p);
    if (a === zeroAddress) return { error: 'The zero address cannot be a signer.' };
    if (list.includes(a)) return { error: `${a} is listed twice.` };
    list.push(a);
  }
  const t = threshold.trim();
  if (!/^\d{1,3}$/.test(t) || Number(t) < 1 || Number(t) > list.length) {
    return { error: `The threshold is the number of approvals an action needs: 1 to ${list.length}.` };
  }
  const n = Number(t);
  return { data: encodeAbiParameters([{ type: 'address[]' }, { type: 'uint8' }], [list, n]), signers: list, threshold: n };
}
