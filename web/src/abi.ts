// The four contracts' ABIs, imported from abi/*.json at build time.
import type { Abi } from 'viem';
import token from '../../abi/FLToken.json';
import rewards from '../../abi/FLTRewards.json';
import governor from '../../abi/FLTGovernor.json';
import council from '../../abi/FLTCouncil.json';

export const tokenAbi = token as Abi;
export const rewardsAbi = rewards as Abi;
export const governorAbi = governor as Abi;
export const councilAbi = council as Abi;

/** The contracts by their names in abi/ and in the deployment record. */
export const CONTRACTS = { FLToken: tokenAbi, FLTRewards: rewardsAbi, FLTGovernor: governorAbi, FLTCouncil: councilAbi };
export type ContractName = keyof typeof CONTRACTS;

const signature = (item: Extract<Abi[number], { type: 'error' }>) => `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;

/** Every custom error of the four, each signature once. */
export const errorAbi: Abi = (() => {
  const seen = new Set<string>();
  const out: Abi[number][] = [];
  for (const item of Object.values(CONTRACTS).flat()) {
    if (item.type !== 'error') continue;
    const sig = signature(item);
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(item);
  }
  return out;
})();

/** The error names `name`'s ABI declares. */
export function errorsOf(name: ContractName): Set<string> {
  return new Set(CONTRACTS[name].flatMap((i) => (i.type === 'error' ? [i.name] : [])));
}
