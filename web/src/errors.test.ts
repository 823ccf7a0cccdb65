import { encodeErrorResult, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { errorAbi } from './abi';
import { MESSAGES, decodeRevert, explain, explainRevert } from './errors';

const enc = (errorName: string, args: unknown[] = []) =>
  encodeErrorResult({ abi: errorAbi, errorName, args } as never);

describe('errors', () => {
  it('every custom error of abi/*.json has a sentence, and no sentence names an error that does not exist', () => {
    const names = new Set(errorAbi.map((e) => (e as { name: string }).name));
    expect(names.size).toBe(errorAbi.length);
    for (const n of names) expect(MESSAGES[n], n).toBeTypeOf('function');
    for (const n of Object.keys(MESSAGES)) expect(names.has(n), n).toBe(true);
  });
  it('every error decodes from its encoding and reads without the raw name', () => {
    const sample: { [t: string]: unknown } = {
      address: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
      bytes32: '0x' + '11'.repeat(32),
      bytes: '0x1234',
      bool: true,
    };
    for (const e of errorAbi as Extract<Abi[number], { type: 'error' }>[]) {
      const args = e.inputs.map((i) => sample[i.type] ?? (i.type === 'uint8' ? 1 : i.type.startsWith('uint') && Number(i.type.slice(4)) <= 48 ? 3 : 3n));
      const d = decodeRevert(enc(e.name, args));
      expect(d?.name).toBe(e.name);
      const text = explain(d!, 'UTC');
      expect(text.length, e.name).toBeGreaterThan(10);
      expect(text, e.name).not.toContain(e.name);
      expect(text, e.name).not.toMatch(/undefined|NaN/);
    }
  });
  it('FLTClaimNotOpen(3, t) reads "Claims for week 3 open on <date>"', () => {
    expect(explainRevert(enc('FLTClaimNotOpen', [3n, 1_767_830_400n]), 'UTC')).toBe('Claims for week 3 open on 8 Jan 2026, 00:00');
  });
  it('values in their units', () => {
    expect(explainRevert(enc('FLTStakeBelowMinimum', [5n * 10n ** 18n, 10_000n * 10n ** 18n]))).toBe(
      'A new stake must be at least 10,000 FLT; 5 FLT was given',
    );
    expect(explainRevert(enc('FLTParameterOutOfBounds', [11, 1_440_000n, 0n, 1_209_600n]))).toBe(
      'Claim delay after an epoch ends must be between 0 seconds and 14 days; 16 days 16 hours is outside',
    );
    expect(explainRevert(enc('GovernorUnexpectedProposalState', [1n, 1, '0x' + (16).toString(16).padStart(64, '0')]))).toBe(
      'Proposal #0x0001 is Active; this needs it Succeeded',
    );
    expect(explainRevert(enc('FLTStakeTierDecrease', [2, 0]))).toBe(
      'While the lock runs the tier can only stay or rise: it is 6 months, 1 month was asked',
    );
    expect(explainRevert(enc('EnforcedPause'))).toMatch(/^FLT is paused by the council/);
  });
  it('unknown or empty data', () => {
    expect(decodeRevert('0x')).toBeNull();
    expect(decodeRevert(undefined)).toBeNull();
    expect(explainRevert('0xdeadbeef')).toBe('Refused with unknown data 0xdeadbeef');
    expect(explainRevert('0x')).toBe('Refused without a reason');
    // Error(string) from a non-FLT contract
    expect(explainRevert('0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000268690000000000000000000000000000000000000000000000000000000000')).toBe('Refused: hi');
  });
});
