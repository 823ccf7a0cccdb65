import { describe, expect, it } from 'vitest';
import { NETWORKS, apply } from './config';

const local = NETWORKS.find((n) => n.key === 'local')!;

describe('addresses from a deployment record', () => {
  it("flt-deploy's record: the four contracts by name, the first block", () => {
    const net = apply(local, {
      network: 'local',
      contracts: {
        FLTRewards: { address: '0xc818783333D75793Ab88E3c3D6e95d93E511dfd7' },
        FLToken: { address: '0xab8e440727A38bBB180f7032ca4a8009E7b52B80' },
        FLTCouncil: { address: '0x1F98431c8aD98523631AE4a59f267346ea31F984' },
        FLTGovernor: { address: '0xE547A947fc6c8683C210a6A56a9De05DD87142EA' },
      },
      transactions: [{ block: 3 }, { block: 1 }, { block: 7 }],
    });
    expect([net.rewards, net.token, net.governor, net.council]).toEqual([
      '0xc818783333D75793Ab88E3c3D6e95d93E511dfd7',
      '0xab8e440727A38bBB180f7032ca4a8009E7b52B80',
      '0xE547A947fc6c8683C210a6A56a9De05DD87142EA',
      '0x1F98431c8aD98523631AE4a59f267346ea31F984',
    ]);
    expect(net.fromBlock).toBe(1n);
    expect(net.chainId).toBe(412346);
  });
  it('a served config.json: plain addresses; a missing or malformed one keeps what was known', () => {
    const known = { ...local, council: '0x1F98431c8aD98523631AE4a59f267346ea31F984' as const };
    const net = apply(known, { rpcUrl: 'http://127.0.0.1:9/rpc', contracts: { FLTGovernor: '0xE547A947fc6c8683C210a6A56a9De05DD87142EA', FLTCouncil: '0x1234' }, fromBlock: 5 });
    expect(net.governor).toBe('0xE547A947fc6c8683C210a6A56a9De05DD87142EA');
    expect(net.council).toBe('0x1F98431c8aD98523631AE4a59f267346ea31F984');
    expect(net.token).toBeUndefined();
    expect([net.rpcUrl, net.fromBlock]).toEqual(['http://127.0.0.1:9/rpc', 5n]);
    expect(apply(local, { contracts: {} }).council).toBeUndefined();
  });
});
