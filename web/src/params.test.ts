import { decodeFunctionData } from 'viem';
import { describe, expect, it } from 'vitest';
import rewardsAbi from '../../abi/FLTRewards.json';
import { PARAMS, SET_PARAMETER_ABI, TIERS, checkParam, formatParam, lockEnd, parseParam, setParameterCalldata, statesOf } from './params';

const defaults = PARAMS.map((p) => p.def);

describe('parameters', () => {
  it('18 parameters, ids in order, owners as SPEC section 4', () => {
    expect(PARAMS.map((p) => p.id)).toEqual([...Array(18).keys()]);
    expect(PARAMS.filter((p) => p.owner === 'rewards').map((p) => p.id)).toEqual([...Array(12).keys()]);
    expect(PARAMS[12].owner).toBe('token');
    expect(PARAMS.filter((p) => p.owner === 'governor').map((p) => p.id)).toEqual([13, 14, 15, 16, 17]);
    for (const p of PARAMS) expect(checkParam(p.id, p.def, defaults)).toEqual({ ok: true });
  });
  it('static bounds, both ends', () => {
    expect(checkParam(11, 14n * 86_400n, defaults)).toEqual({ ok: true });
    expect(checkParam(11, 14n * 86_400n + 1n, defaults)).toEqual({
      ok: false,
      reason: 'Claim delay after an epoch ends must be between 0 seconds and 14 days; 14 days 1 second is outside',
    });
    expect(checkParam(14, 3_599n, defaults).ok).toBe(false);
    expect(checkParam(14, 3_600n, defaults).ok).toBe(true);
    expect(checkParam(0, 10_000_001n * 10n ** 18n, defaults)).toEqual({
      ok: false,
      reason: 'Weekly pool must be between 0 FLT and 10,000,000 FLT; 10,000,001 FLT is outside',
    });
    expect(checkParam(18, 1n, defaults)).toEqual({ ok: false, reason: 'There is no parameter 18' });
  });
  it('the pairs that name each other, from either side', () => {
    expect(checkParam(3, 1_001n, defaults)).toEqual({
      ok: false,
      reason: 'Smallest share of a pool (10.01%) must stay at most Largest share of a pool (10%)',
    });
    expect(checkParam(3, 1_000n, defaults).ok).toBe(true);
    expect(checkParam(2, 9n, defaults).ok).toBe(false); // below its static min anyway
    const cur = [...defaults];
    cur[3] = 500n;
    expect(checkParam(2, 400n, cur).ok).toBe(false);
    expect(checkParam(7, 10_000n, defaults).ok).toBe(false);
    expect(checkParam(7, 9_999n, defaults).ok).toBe(true);
    expect(checkParam(8, 1_000n, defaults).ok).toBe(false);
    expect(checkParam(9, 1_001n, defaults).ok).toBe(true);
    const noImpact = [...defaults];
    noImpact[6] = 0n;
    expect(checkParam(5, 0n, noImpact)).toEqual({ ok: false, reason: 'The two score weights cannot both be 0' });
    expect(checkParam(5, 0n, defaults).ok).toBe(true);
  });
  it('parses input in the unit shown', () => {
    expect(parseParam(11, '48')).toBe(172_800n);
    expect(parseParam(11, '0.5')).toBe(1_800n);
    expect(parseParam(11, '1.0001')).toBeNull(); // not whole seconds
    expect(parseParam(11, 'two')).toBeNull();
    expect(parseParam(0, '1,000,000')).toBe(10n ** 24n);
    expect(parseParam(16, '400')).toBe(400n);
    expect(parseParam(16, '4.5')).toBeNull();
  });
  it('formats values in their unit', () => {
    expect(formatParam(0, 10n ** 24n)).toBe('1,000,000 FLT');
    expect(formatParam(1, 604_800n)).toBe('7 days');
    expect(formatParam(16, 400n)).toBe('4%');
    expect(formatParam(8, 10_000n)).toBe('1 pp');
    expect(formatParam(5, 1_000_000n)).toBe('1,000,000');
  });
  it('setParameter calldata is the ABI encoding of abi/FLTRewards.json', () => {
    const data = setParameterCalldata(11, 172_800n);
    expect(data).toBe(
      '0x2ab414fc' + '0b'.padStart(64, '0') + (172_800).toString(16).padStart(64, '0'),
    );
    const d = decodeFunctionData({ abi: rewardsAbi as never, data });
    expect(d.functionName).toBe('setParameter');
    expect(d.args).toEqual([11, 172_800n]);
    expect(decodeFunctionData({ abi: SET_PARAMETER_ABI, data }).args).toEqual([11, 172_800n]);
  });
  it('tiers and lock ends (a month is 30 days)', () => {
    expect(TIERS.map((t) => [t.months, t.bps])).toEqual([[1, 11_000], [3, 12_000], [6, 13_000], [12, 15_000]]);
    expect(lockEnd(1_000n, 2)).toBe(1_000n + 180n * 86_400n);
  });
  it('proposal state bitmaps', () => {
    expect(statesOf((1n << 4n) | (1n << 5n))).toEqual(['Succeeded', 'Queued']);
  });
});
