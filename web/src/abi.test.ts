import type { Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { councilAbi, governorAbi } from './abi';

type Fn = Extract<Abi[number], { type: 'function' }>;
type Ev = Extract<Abi[number], { type: 'event' }>;
const fn = (abi: Abi, name: string) => abi.find((i): i is Fn => i.type === 'function' && i.name === name);
const ev = (abi: Abi, name: string) => abi.find((i): i is Ev => i.type === 'event' && i.name === name);
const types = (ps: readonly { type: string }[] | undefined) => ps?.map((p) => p.type);

// What the Council and Governance pages call, as abi/*.json declares it.
describe('the interfaces the pages use', () => {
  it('FLTCouncil: the council, its actions, the pause and the approvals of parameter proposals', () => {
    const calls: [string, string[], string[]][] = [
      ['governor', [], ['address']],
      ['signers', [], ['address[]']],
      ['councilInfo', [], ['uint8', 'uint32']],
      ['councilPropose', ['uint8', 'bytes'], ['uint256']],
      ['councilApprove', ['uint256'], []],
      ['councilAction', ['uint256'], ['uint8', 'uint32', 'bool', 'bytes']],
      ['pause', [], []],
      ['approveProposal', ['uint256'], []],
      ['approvalStatus', ['uint256'], ['uint32', 'uint8']],
    ];
    for (const [name, inputs, outputs] of calls) {
      const f = fn(councilAbi, name);
      expect(f, name).toBeDefined();
      expect([types(f!.inputs), types(f!.outputs)], name).toEqual([inputs, outputs]);
    }
    expect(types(ev(councilAbi, 'CouncilActionProposed')?.inputs)).toEqual(['uint256', 'uint8', 'bytes', 'address']);
    expect(ev(councilAbi, 'CouncilActionApproved')?.inputs.find((i) => i.name === 'signer')?.indexed).toBe(true);
    expect(ev(councilAbi, 'ProposalApproved')?.inputs.find((i) => i.name === 'signer')?.indexed).toBe(true);
  });
  it('FLTGovernor keeps the pause window and PauseSet, and no longer has the council', () => {
    expect(types(fn(governorAbi, 'pausedUntil')?.outputs)).toEqual(['uint64']);
    expect(types(fn(governorAbi, 'council')?.outputs)).toEqual(['address']);
    expect(types(ev(governorAbi, 'PauseSet')?.inputs)).toEqual(['address', 'uint64']);
    for (const gone of ['signers', 'councilInfo', 'councilPropose', 'councilApprove', 'councilAction', 'pause', 'approveProposal', 'proposalApprovals']) {
      expect(fn(governorAbi, gone), gone).toBeUndefined();
    }
  });
});
