// Proposals from ProposalCreated events with their on-chain state.

import { decodeFunctionData, keccak256, toHex, type Hex } from 'viem';
import { governorAbi } from './abi';
import { logs, read, state } from './app';
import type { Address } from './config';
import { SET_PARAMETER_ABI } from './params';

export interface Proposal {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
  voteStart: bigint;
  voteEnd: bigint;
  /** setParameter actions: (id, value). */
  changes: { id: number; value: bigint }[];
}

export async function proposals(): Promise<Proposal[]> {
  const gov = state.net.governor;
  if (!gov) return [];
  const created = await logs(gov, governorAbi, 'ProposalCreated');
  return created.map((l) => {
    const a = l.args;
    const calldatas = a.calldatas as Hex[];
    const changes = calldatas.flatMap((cd) => {
      if (cd === '0x') return [];
      try {
        const d = decodeFunctionData({ abi: SET_PARAMETER_ABI, data: cd });
        return [{ id: Number(d.args[0]), value: d.args[1] as bigint }];
      } catch {
        return [];
      }
    });
    const description = a.description as string;
    return {
      id: a.proposalId as bigint,
      proposer: a.proposer as Address,
      targets: a.targets as Address[],
      values: a.values as bigint[],
      calldatas,
      description,
      descriptionHash: keccak256(toHex(description)),
      voteStart: a.voteStart as bigint,
      voteEnd: a.voteEnd as bigint,
      changes,
    };
  });
}

export function proposalState(id: bigint): Promise<number> {
  return read<number>(state.net.governor!, governorAbi, 'state', [id]);
}
