// Shared state: the selected network, its read client (configured RPC URL,
// every request counted), the connected wallet, chain time, paged logs and
// the transaction runner with its states.

import {
  createPublicClient,
  decodeEventLog,
  encodeFunctionData,
  http,
  type Abi,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
} from 'viem';
import type { ContractName } from './abi';
import type { Address, Network } from './config';
import { explainRevert } from './errors';
import { formatDate, short } from './format';
import { h } from './ui';
import { switchTo, walletError, type Discovered } from './wallet';

export interface State {
  networks: Network[];
  net: Network;
  client: PublicClient;
  wallets: Discovered[];
  wallet?: Discovered;
  account?: Address;
  walletChain?: number;
  chainNow: bigint;
  clockAt: number;
  rpcCalls: number;
  rerender: () => void;
}

export const state = {} as State;

/** Stats for the README's measurements (read by the browser test). */
export const stats = { rpcCalls: 0, pages: {} as { [page: string]: { rpcCalls: number; ms: number } } };
(window as unknown as { __flt: unknown }).__flt = stats;

export function makeClient(net: Network): PublicClient {
  return createPublicClient({
    transport: http(net.rpcUrl, {
      onFetchRequest: () => {
        stats.rpcCalls += 1;
      },
      retryCount: 1,
    }),
    pollingInterval: 400,
  }) as PublicClient;
}

export function read<T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> {
  return state.client.readContract({ address, abi, functionName, args }) as Promise<T>;
}

/** Chain time now: the latest block's time plus the seconds since it was read. */
export function now(): bigint {
  return state.chainNow + BigInt(Math.floor((Date.now() - state.clockAt) / 1000));
}

export async function refreshClock(): Promise<void> {
  const block = await state.client.getBlock({ blockTag: 'latest' });
  state.chainNow = block.timestamp;
  state.clockAt = Date.now();
}

export interface DecodedLog {
  name: string;
  args: { [k: string]: unknown };
  blockNumber: bigint;
  /** Position in its block: orders logs of one block. */
  logIndex: number;
  transactionHash: Hex;
}

/** Every event `name` of `address` from the deployment block on, fetched
 *  in pages of `PAGE` blocks (public RPCs cap a getLogs range). */
export const PAGE = 10_000n;
export async function logs(
  address: Address,
  abi: Abi,
  name: string,
  args?: { [k: string]: unknown },
): Promise<DecodedLog[]> {
  const event = abi.find((i) => i.type === 'event' && i.name === name);
  if (!event || event.type !== 'event') throw new Error(`no event ${name}`);
  // cacheTime 0: viem would otherwise answer a block number up to its
  // polling interval old, and miss the logs of a transaction just confirmed.
  const latest = await state.client.getBlockNumber({ cacheTime: 0 });
  const out: DecodedLog[] = [];
  for (let from = state.net.fromBlock; from <= latest; from += PAGE) {
    const to = from + PAGE - 1n < latest ? from + PAGE - 1n : latest;
    const page = await state.client.getLogs({ address, event, args, fromBlock: from, toBlock: to } as never);
    for (const l of page) {
      const d = decodeEventLog({ abi, data: l.data, topics: l.topics });
      out.push({
        name: String(d.eventName),
        args: d.args as unknown as { [k: string]: unknown },
        blockNumber: l.blockNumber!,
        logIndex: l.logIndex!,
        transactionHash: l.transactionHash!,
      });
    }
  }
  return out;
}

/** The revert data somewhere in a viem or provider error. */
export function revertData(e: unknown): Hex | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const o = cur as { data?: unknown; cause?: unknown; error?: unknown };
    if (typeof o.data === 'string' && /^0x[0-9a-fA-F]*$/.test(o.data) && o.data.length >= 10) return o.data as Hex;
    if (o.data && typeof o.data === 'object') {
      const inner = (o.data as { data?: unknown }).data;
      if (typeof inner === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(inner)) return inner as Hex;
    }
    cur = o.cause ?? o.error;
  }
  return undefined;
}

/** Which FLT contract is at `a` on the selected network. */
export function contractAt(a: Address): ContractName | undefined {
  const { token, rewards, governor, council } = state.net;
  const is = (x?: Address) => !!x && x.toLowerCase() === a.toLowerCase();
  return is(token) ? 'FLToken' : is(rewards) ? 'FLTRewards' : is(governor) ? 'FLTGovernor' : is(council) ? 'FLTCouncil' : undefined;
}

export function explorerTx(hash: Hex): string | undefined {
  return state.net.explorer ? `${state.net.explorer}/tx/${hash}` : undefined;
}

/** A transaction's status area: reserved height, announced to screen readers. */
export function txPanel(id: string): HTMLElement {
  return h('div', { class: 'tx', id, role: 'status', 'aria-live': 'polite', 'data-state': 'idle' });
}

let seq = 0;

function show(panel: HTMLElement, st: string, ...content: (string | Node)[]): void {
  panel.dataset.state = st;
  panel.replaceChildren(h('span', { class: `badge ${st}` }, LABEL[st] ?? st), ' ', ...content);
  // The latest transaction also shows above the page, where a re-render
  // after confirmation does not replace it.
  const last = document.getElementById('last-tx');
  if (last) {
    last.dataset.state = st;
    last.dataset.seq = String(seq);
    last.replaceChildren(...Array.from(panel.childNodes, (n) => n.cloneNode(true)));
  }
}

const LABEL: { [s: string]: string } = {
  checking: 'Checking',
  wallet: 'Waiting for the wallet',
  pending: 'Pending',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

export interface TxRequest {
  to: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  panel: HTMLElement;
  what: string;
}

/** Runs one transaction through its states: checking (eth_call: a refusal
 *  is shown decoded before anything is signed), waiting for the wallet,
 *  pending, confirmed with a link, or failed with the reason in words. */
export async function send(req: TxRequest): Promise<boolean> {
  const { panel } = req;
  seq += 1;
  if (!state.wallet || !state.account) {
    show(panel, 'failed', 'Connect a wallet first.');
    return false;
  }
  const provider = state.wallet.provider as EIP1193Provider;
  if (state.walletChain !== state.net.chainId) {
    show(panel, 'wallet', `Switch your wallet to ${state.net.name}…`);
    try {
      await switchTo(provider, state.net);
      state.walletChain = state.net.chainId;
    } catch (e) {
      show(panel, 'failed', walletError(e));
      return false;
    }
  }
  const data = encodeFunctionData({ abi: req.abi, functionName: req.functionName, args: req.args });
  const account = state.account;
  const contract = contractAt(req.to);
  show(panel, 'checking', `${req.what}…`);
  let gas: bigint;
  try {
    await state.client.call({ account, to: req.to, data });
    gas = await state.client.estimateGas({ account, to: req.to, data });
  } catch (e) {
    show(panel, 'failed', h('span', { class: 'reason' }, explainRevert(revertData(e), undefined, contract)));
    return false;
  }
  // The node's estimate can come out short for Stylus transactions.
  const limit = gas * 2n + 100_000n > 25_000_000n ? 25_000_000n : gas * 2n + 100_000n;
  show(panel, 'wallet', `Confirm "${req.what}" in your wallet…`);
  let hash: Hex;
  try {
    hash = (await provider.request({
      method: 'eth_sendTransaction',
      params: [{ from: account, to: req.to, data, gas: `0x${limit.toString(16)}` }],
    })) as Hex;
  } catch (e) {
    const reason = revertData(e);
    show(panel, 'failed', reason ? explainRevert(reason, undefined, contract) : walletError(e));
    return false;
  }
  show(panel, 'pending', `${req.what}: `, link(hash));
  const receipt = await state.client.waitForTransactionReceipt({ hash, pollingInterval: 300, timeout: 120_000 });
  if (receipt.status !== 'success') {
    let reason = 'The transaction failed on chain';
    try {
      await state.client.call({ account, to: req.to, data, blockNumber: receipt.blockNumber - 1n });
    } catch (e) {
      reason = explainRevert(revertData(e), undefined, contract);
    }
    show(panel, 'failed', h('span', { class: 'reason' }, reason), ' ', link(hash));
    return false;
  }
  const block = await state.client.getBlock({ blockNumber: receipt.blockNumber });
  show(panel, 'confirmed', `${req.what} in block ${receipt.blockNumber} (${formatDate(block.timestamp)}) `, link(hash));
  return true;
}

function link(hash: Hex): Node {
  const url = explorerTx(hash);
  return url
    ? h('a', { href: url, target: '_blank', rel: 'noopener' }, short(hash, 6))
    : h('code', { title: hash }, short(hash, 6));
}

/** All 18 parameter values by id: FLTRewards' 0-11, FLToken's 12,
 *  FLTGovernor's 13-17 (each contract's `params()`). */
export async function allParams(): Promise<bigint[]> {
  const { rewards, token, governor } = state.net;
  if (!rewards || !token || !governor) return [];
  const [r, t, g] = await Promise.all([
    read<readonly bigint[]>(rewards, PARAMS_ABI, 'params'),
    read<readonly bigint[]>(token, PARAMS_ABI, 'params'),
    read<readonly bigint[]>(governor, PARAMS_ABI, 'params'),
  ]);
  return [...r.slice(0, 12), t[0], ...g.slice(0, 5)];
}

const PARAMS_ABI: Abi = [
  { type: 'function', name: 'params', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint256[]' }] },
];
