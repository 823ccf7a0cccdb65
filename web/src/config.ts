// Networks and addresses. Addresses come from deploy/deployments/<network>.json
// (imported at build time, whichever records exist) and may be overridden
// by `config.json` served next to index.html:
//   { "network": "local", "rpcUrl": "...", "chainId": 412346,
//     "contracts": { "FLToken": "0x..", "FLTRewards": "0x..", "FLTGovernor": "0x..", "FLTCouncil": "0x.." },
//     "fromBlock": 0 }

export type Address = `0x${string}`;

export interface Network {
  key: string;
  name: string;
  chainId: number;
  rpcUrl: string;
  explorer?: string;
  token?: Address;
  rewards?: Address;
  governor?: Address;
  council?: Address;
  /** First block with FLT events (the deployment's first transaction). */
  fromBlock: bigint;
}

export const NETWORKS: Network[] = [
  {
    key: 'arbitrum-one',
    name: 'Arbitrum One',
    chainId: 42161,
    rpcUrl: 'https://arb1.arbitrum.io/rpc',
    explorer: 'https://arbiscan.io',
    fromBlock: 0n,
  },
  {
    key: 'arbitrum-sepolia',
    name: 'Arbitrum Sepolia',
    chainId: 421614,
    rpcUrl: 'https://sepolia-rollup.arbitrum.io/rpc',
    explorer: 'https://sepolia.arbiscan.io',
    fromBlock: 0n,
  },
  { key: 'local', name: 'Local Stylus node', chainId: 412346, rpcUrl: 'http://127.0.0.1:8547', fromBlock: 0n },
];

interface Record {
  network?: string;
  chainId?: number;
  rpcUrl?: string;
  contracts?: { [name: string]: { address?: string | null } | string | undefined };
  transactions?: { block?: number }[];
  fromBlock?: number;
}

const records = import.meta.glob('../../deploy/deployments/*.json', { eager: true, import: 'default' }) as {
  [path: string]: Record;
};

function address(r: Record, name: string): Address | undefined {
  const c = r.contracts?.[name];
  const a = typeof c === 'string' ? c : c?.address;
  return a && /^0x[0-9a-fA-F]{40}$/.test(a) ? (a as Address) : undefined;
}

/** Applies a deployment record (or a served config) to its network. */
export function apply(net: Network, r: Record): Network {
  const blocks = (r.transactions ?? []).map((t) => t.block ?? 0);
  const from = r.fromBlock ?? (blocks.length ? Math.min(...blocks) : undefined);
  return {
    ...net,
    rpcUrl: r.rpcUrl ?? net.rpcUrl,
    token: address(r, 'FLToken') ?? net.token,
    rewards: address(r, 'FLTRewards') ?? net.rewards,
    governor: address(r, 'FLTGovernor') ?? net.governor,
    council: address(r, 'FLTCouncil') ?? net.council,
    fromBlock: from !== undefined ? BigInt(from) : net.fromBlock,
  };
}

/** The networks with the build-time records and the served config applied;
 *  the served config also picks the default network. */
export async function loadNetworks(): Promise<{ networks: Network[]; selected: string }> {
  let networks = NETWORKS.map((n) => {
    const rec = Object.entries(records).find(([p]) => p.endsWith(`/${n.key}.json`));
    return rec ? apply(n, rec[1]) : n;
  });
  let selected = 'arbitrum-one';
  try {
    const res = await fetch('./config.json', { cache: 'no-store' });
    if (res.ok) {
      const cfg = (await res.json()) as Record;
      const key = cfg.network ?? NETWORKS.find((n) => n.chainId === cfg.chainId)?.key ?? 'local';
      if (cfg.rpcUrl) cfg.rpcUrl = new URL(cfg.rpcUrl, location.href).toString();
      networks = networks.map((n) => (n.key === key ? apply(n, cfg) : n));
      selected = key;
    }
  } catch {
    // No served config: the built-in networks.
  }
  const saved = localStorage.getItem('flt.network');
  if (saved && networks.some((n) => n.key === saved) && !new URLSearchParams(location.search).has('reset')) selected = saved;
  return { networks, selected };
}

/** `wallet_addEthereumChain` parameters for a network. */
export function addChainParams(net: Network) {
  return {
    chainId: `0x${net.chainId.toString(16)}`,
    chainName: net.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: [net.rpcUrl],
    ...(net.explorer ? { blockExplorerUrls: [net.explorer] } : {}),
  };
}
