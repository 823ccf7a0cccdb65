// The 18 governable parameters (SPEC section 4, crates/flt-scoring's
// params.rs): owner contract, unit, default and hard bounds; user input
// parsing, the bounds check done before signing, and the calldata.

import { encodeFunctionData } from 'viem';
import { DAY, WEI, formatBps, formatDuration, formatFLT, formatInt, formatPpm, parseFLT } from './format';

export type Owner = 'rewards' | 'token' | 'governor';
export type Unit = 'flt' | 'seconds' | 'bps' | 'ppm' | 'count';

export interface Param {
  id: number;
  name: string;
  label: string;
  owner: Owner;
  unit: Unit;
  def: bigint;
  min: bigint;
  max: bigint;
}

const F = WEI;
const D = BigInt(DAY);
const p = (id: number, name: string, label: string, unit: Unit, def: bigint, min: bigint, max: bigint): Param => ({
  id,
  name,
  label,
  owner: id <= 11 ? 'rewards' : id === 12 ? 'token' : 'governor',
  unit,
  def,
  min,
  max,
});

export const PARAMS: Param[] = [
  p(0, 'weeklyPool', 'Weekly pool', 'flt', 1_000_000n * F, 0n, 10_000_000n * F),
  p(1, 'epochLength', 'Epoch length', 'seconds', 7n * D, D, 90n * D),
  p(2, 'maxShareBps', 'Largest share of a pool', 'bps', 1_000n, 100n, 10_000n),
  p(3, 'minShareBps', 'Smallest share of a pool', 'bps', 10n, 0n, 10_000n),
  p(4, 'minContributions', 'Contributions needed to be eligible', 'count', 1n, 1n, 10_000n),
  p(5, 'countWeight', 'Weight of each contribution', 'count', 1_000_000n, 0n, 10n ** 12n),
  p(6, 'impactWeight', 'Weight of positive impact', 'count', 100n, 0n, 10n ** 12n),
  p(7, 'neutralBand', 'Neutral band of the average impact', 'ppm', 1_000n, 0n, 100_000n),
  p(8, 'severeDrop', 'Drop counted as severe', 'ppm', 10_000n, 1n, 1_000_000n),
  p(9, 'fullBoostImpact', 'Average impact for the full 2x boost', 'ppm', 10_000n, 1n, 1_000_000n),
  p(10, 'emaAlphaBps', 'Weight of a new contribution in the average', 'bps', 2_000n, 1n, 10_000n),
  p(11, 'claimDelay', 'Claim delay after an epoch ends', 'seconds', D, 0n, 14n * D),
  p(12, 'stakeMin', 'Smallest new stake', 'flt', 10_000n * F, F, 10_000_000n * F),
  p(13, 'votingDelay', 'Voting delay', 'seconds', D, 0n, 30n * D),
  p(14, 'votingPeriod', 'Voting period', 'seconds', 7n * D, 3_600n, 60n * D),
  p(15, 'proposalThreshold', 'Votes needed to propose', 'flt', 100_000n * F, 0n, 100_000_000n * F),
  p(16, 'quorumBps', 'Quorum', 'bps', 400n, 1n, 10_000n),
  p(17, 'timelockDelay', 'Timelock delay', 'seconds', 2n * D, 3_600n, 30n * D),
];

/** A parameter value in its unit: "1,000,000 FLT", "7 days", "10%", "0.1 pp". */
export function formatParam(id: number, value: bigint): string {
  const param = PARAMS[id];
  if (!param) return formatInt(value);
  switch (param.unit) {
    case 'flt':
      return formatFLT(value);
    case 'seconds':
      return formatDuration(value);
    case 'bps':
      return id === 10 || id === 16 || id === 2 || id === 3 ? formatBps(value) : formatInt(value);
    case 'ppm':
      return formatPpm(value);
    default:
      return formatInt(value);
  }
}

/** What a user types for a parameter: FLT, hours, basis points, ppm or a count. */
export function inputUnit(id: number): string {
  switch (PARAMS[id]?.unit) {
    case 'flt':
      return 'FLT';
    case 'seconds':
      return 'hours';
    case 'bps':
      return 'basis points (100 = 1%)';
    case 'ppm':
      return 'ppm (10,000 = 1 pp)';
    default:
      return 'whole number';
  }
}

/** Parses typed text into the on-chain value; null when it is no number of
 *  that unit (FLT with up to 18 decimals; hours to whole seconds; integers). */
export function parseParam(id: number, text: string): bigint | null {
  const t = text.trim().replace(/,/g, '');
  const unit = PARAMS[id]?.unit;
  if (unit === 'flt') return parseFLT(t);
  if (unit === 'seconds') {
    const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(t);
    if (!m) return null;
    const tenThousandths = BigInt(m[1]) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0'));
    const seconds = tenThousandths * 3_600n;
    return seconds % 10_000n === 0n ? seconds / 10_000n : null;
  }
  return /^\d+$/.test(t) ? BigInt(t) : null;
}

export type Check = { ok: true } | { ok: false; reason: string };

/** The bounds check the contracts make (static bounds, the pairs that name
 *  each other, and countWeight + impactWeight > 0), against `current`
 *  (params() values by id) for the other side of a pair. */
export function checkParam(id: number, value: bigint, current: readonly bigint[]): Check {
  const param = PARAMS[id];
  if (!param) return { ok: false, reason: `There is no parameter ${id}` };
  if (value < param.min || value > param.max) {
    return {
      ok: false,
      reason: `${param.label} must be between ${formatParam(id, param.min)} and ${formatParam(id, param.max)}; ${formatParam(id, value)} is outside`,
    };
  }
  const cur = (i: number) => current[i] ?? PARAMS[i].def;
  const pair = (lo: number, hi: number, strict: boolean): Check => {
    const a = id === lo ? value : cur(lo);
    const b = id === hi ? value : cur(hi);
    const bad = strict ? a >= b : a > b;
    if (!bad) return { ok: true };
    const rel = strict ? 'below' : 'at most';
    return {
      ok: false,
      reason: `${PARAMS[lo].label} (${formatParam(lo, a)}) must stay ${rel} ${PARAMS[hi].label} (${formatParam(hi, b)})`,
    };
  };
  if (id === 2 || id === 3) return pair(3, 2, false);
  if (id === 7) {
    const r = pair(7, 8, true);
    return r.ok ? pair(7, 9, true) : r;
  }
  if (id === 8) return pair(7, 8, true);
  if (id === 9) return pair(7, 9, true);
  if (id === 5 || id === 6) {
    const c = id === 5 ? value : cur(5);
    const i = id === 6 ? value : cur(6);
    if (c + i === 0n) return { ok: false, reason: 'The two score weights cannot both be 0' };
  }
  return { ok: true };
}

export const SET_PARAMETER_ABI = [
  {
    type: 'function',
    name: 'setParameter',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'id', type: 'uint8' },
      { name: 'value', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;

/** `setParameter(uint8,uint256)` calldata, the proposal's action. */
export function setParameterCalldata(id: number, value: bigint): `0x${string}` {
  return encodeFunctionData({ abi: SET_PARAMETER_ABI, functionName: 'setParameter', args: [id, value] });
}

/** Staking tiers (SPEC section 9): months and multiplier. */
export const TIERS = [
  { tier: 0, months: 1, bps: 11_000 },
  { tier: 1, months: 3, bps: 12_000 },
  { tier: 2, months: 6, bps: 13_000 },
  { tier: 3, months: 12, bps: 15_000 },
] as const;

/** Lock end of a stake made at `now` in `tier` (one month = 30 days). */
export function lockEnd(now: bigint, tier: number): bigint {
  return now + BigInt(TIERS[tier].months) * 30n * D;
}

export const STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'] as const;

/** The states set in OZ's `_encodeStateBitmap` word. */
export function statesOf(bitmap: bigint): string[] {
  return STATES.filter((_, i) => (bitmap >> BigInt(i)) & 1n);
}
