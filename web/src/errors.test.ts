import { encodeErrorResult, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { CONTRACTS, errorAbi, errorsOf, type ContractName } from './abi';
import { BY_CONTRACT, MESSAGES, decodeRevert, explain, explainRevert } from './errors';

const enc = (errorName: string, args: unknown[] = []) =>
  encodeErrorResult({ abi: errorAbi, errorName, args } as never);

describe('errors', () => {
  it('every custom error of abi/*.json has a sentence, and no sentence names an error that does not exist', () => {
    const names = new Set(errorAbi.map((e) => (e as { name: string }).name));
    expect(names.size).toBe(errorAbi.length);
    for (const n of names) expect(MESSAGES[n], n).toBeTypeOf('function');
    for (const n of Object.keys(MESSAGES)) expect(names.has(n), n).toBe(true);
    for (const [c, texts] of Object.entries(BY_CONTRACT)) {
      const own = errorsOf(c as ContractName);
      for (const n of Object.keys(texts)) expect(own.has(n), `${c}.${n}`).toBe(true);
    }
  });
  it('the errors of all four contracts are decoded, FLTCouncil\'s included', () => {
    expect(Object.keys(CONTRACTS)).toEqual(['FLToken', 'FLTRewards', 'FLTGovernor', 'FLTCouncil']);
    const council = errorsOf('FLTCouncil');
    for (const n of ['FLTNotWired', 'FLTNotSigner', 'FLTAlreadyApproved', 'FLTNoApprovalNeeded', 'FLTInvalidCouncil', 'FLTInvalidCouncilAction', 'FLTUnknownCouncilAction', 'FLTCouncilActionDone', 'FLTPauseAlreadyUsed', 'FLTPauseCooldown', 'FLTNotPaused', 'FLTActionFailed', 'FLTUnauthorized']) {
      expect(council.has(n), n).toBe(true);
      expect(errorAbi.some((e) => (e as { name: string }).name === n), n).toBe(true);
    }
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
  it('a sentence of the contract the call went to, where the same error means something else there', () => {
    const args = (e: Extract<Abi[number], { type: 'error' }>) =>
      e.inputs.map((i) => (i.type === 'address' ? '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' : i.type === 'bytes' ? '0x1234' : 3n));
    for (const [c, texts] of Object.entries(BY_CONTRACT)) {
      for (const n of Object.keys(texts)) {
        const e = (errorAbi as Extract<Abi[number], { type: 'error' }>[]).find((x) => x.name === n)!;
        const text = explainRevert(enc(n, args(e)), 'UTC', c as ContractName);
        expect(text, `${c}.${n}`).not.toBe(explainRevert(enc(n, args(e)), 'UTC'));
        expect(text, `${c}.${n}`).not.toContain(n);
        expect(text, `${c}.${n}`).not.toMatch(/undefined|NaN/);
      }
    }
    expect(explainRevert(enc('FLTNotWired'))).toBe('The rewards contract is not wired to the token and governor yet');
    expect(explainRevert(enc('FLTNotWired'), undefined, 'FLTRewards')).toBe('The rewards contract is not wired to the token and governor yet');
    expect(explainRevert(enc('FLTNotWired'), undefined, 'FLTCouncil')).toBe(
      'The council is not wired to the governor yet: no council action, approval or pause can go through',
    );
    expect(explainRevert(enc('FLTUnauthorized', ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc']), undefined, 'FLTCouncil')).toBe(
      '0x9965…A4dc may not wire the council: only its deployer can, once',
    );
  });
  it('a council action the rewards contract refuses reads with the inner reason', () => {
    // FLTCouncil -> FLTGovernor.relay -> FLTRewards.disqualify: FLTRewards'
    // refusal comes back inside FLTActionFailed(0, reason).
    const inner = enc('FLTOutsideFraudWindow', [4n, 1_767_830_400n]);
    expect(explainRevert(enc('FLTActionFailed', [0n, inner]), 'UTC', 'FLTCouncil')).toBe(
      "The governor refused the council's call: Week 4 can no longer be disqualified: its claims opened on 8 Jan 2026, 00:00",
    );
    // The same error from FLTGovernor's execute names the proposal's action.
    expect(explainRevert(enc('FLTActionFailed', [1n, enc('FLTNotValidator', ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc'])]), 'UTC', 'FLTGovernor')).toBe(
      'Action 1 failed when executed: 0x9965…A4dc is not a validator',
    );
    expect(explainRevert(enc('FLTActionFailed', [0n, '0xdeadbeefcafe']), 'UTC', 'FLTCouncil')).toBe(
      "The governor refused the council's call: it refused with unknown data 0xdeadbeefcafe",
    );
    expect(explainRevert(enc('FLTActionFailed', [0n, '0x']), 'UTC', 'FLTCouncil')).toBe("The governor refused the council's call: it refused without a reason");
  });
  it('council refusals carry their values', () => {
    expect(explainRevert(enc('FLTMissingCouncilApprovals', [1n, 1n, 2n]))).toBe('#0x0001 has 1 council approvals of the 2 needed');
    expect(explainRevert(enc('FLTAlreadyApproved', [1n, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8']))).toBe('0x7099…79C8 has already approved #0x0001');
    expect(explainRevert(enc('FLTNotSigner', ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc']))).toBe('0x9965…A4dc is not a council signer');
    expect(explainRevert(enc('FLTPauseCooldown', [1_767_830_400n]), 'UTC')).toBe('A new pause can start from 8 Jan 2026, 00:00 (holders get 14 unpaused days)');
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
