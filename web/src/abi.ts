// The three contracts' ABIs, imported from abi/*.json at build time.
import type { Abi } from 'viem';
import token from '../../abi/FLToken.json';
import rewards from '../../abi/FLTRewards.json';
import governor from '../../abi/FLTGovernor.json';

export const tokenAbi = token as Abi;
export const rewardsAbi = rewards as Abi;
export const governorAbi = governor as Abi;

/** Every custom error of the three, each signature once. */
export const errorAbi: Abi = (() => {
  const seen = new Set<string>();
  const out: Abi[number][] = [];
  for (const item of [...tokenAbi, ...rewardsAbi, ...governorAbi]) {
    if (item.type !== 'error') continue;
    const sig = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(item);
  }
  return out;
})();
