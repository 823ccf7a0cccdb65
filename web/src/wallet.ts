// EIP-1193 wallets found by EIP-6963 discovery (window.ethereum as a
// fallback), network switch/add and "add FLT to wallet".

import type { EIP1193Provider } from 'viem';
import { addChainParams, type Address, type Network } from './config';

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface Discovered {
  info: WalletInfo;
  provider: EIP1193Provider;
}

/** Listens for EIP-6963 announcements and asks wallets to announce. */
export function discover(onChange: (wallets: Discovered[]) => void): Discovered[] {
  const found: Discovered[] = [];
  window.addEventListener('eip6963:announceProvider', (e: Event) => {
    const d = (e as CustomEvent<Discovered>).detail;
    if (!d?.info?.uuid || found.some((w) => w.info.uuid === d.info.uuid)) return;
    found.push(d);
    onChange([...found]);
  });
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  const legacy = (window as unknown as { ethereum?: EIP1193Provider }).ethereum;
  if (legacy) {
    setTimeout(() => {
      if (found.length === 0) {
        found.push({ info: { uuid: 'injected', name: 'Browser wallet', icon: '', rdns: 'injected' }, provider: legacy });
        onChange([...found]);
      }
    }, 300);
  }
  return found;
}

interface RpcError {
  code?: number;
  message?: string;
}

/** Switches the wallet to `net`, adding the network first when the wallet
 *  does not know it (EIP-3085 error 4902). */
export async function switchTo(provider: EIP1193Provider, net: Network): Promise<void> {
  const chainId = `0x${net.chainId.toString(16)}` as `0x${string}`;
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  } catch (e) {
    const code = (e as RpcError).code ?? (e as { data?: { originalError?: RpcError } }).data?.originalError?.code;
    if (code !== 4902) throw e;
    await provider.request({ method: 'wallet_addEthereumChain', params: [addChainParams(net)] as never });
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  }
}

/** EIP-747 `wallet_watchAsset` for FLT. */
export async function watchFLT(provider: EIP1193Provider, token: Address): Promise<boolean> {
  return (await provider.request({
    method: 'wallet_watchAsset',
    params: { type: 'ERC20', options: { address: token, symbol: 'FLT', decimals: 18 } } as never,
  })) as boolean;
}

/** A wallet error in words (user rejection is EIP-1193 code 4001). */
export function walletError(e: unknown): string {
  const err = e as RpcError & { shortMessage?: string; cause?: RpcError };
  const code = err.code ?? err.cause?.code;
  if (code === 4001) return 'You rejected the request in your wallet';
  if (code === 4902) return 'Your wallet does not know this network';
  return err.shortMessage ?? err.message ?? String(e);
}
