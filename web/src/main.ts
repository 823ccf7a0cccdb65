// The app shell: network choice, wallet connection (EIP-6963), the five
// pages behind hash routes, and a re-render after every confirmed action.

import './style.css';
import type { EIP1193Provider } from 'viem';
import { makeClient, refreshClock, state, stats } from './app';
import { loadNetworks, type Address } from './config';
import { short } from './format';
import { contributor } from './pages/contributor';
import { council } from './pages/council';
import { governance } from './pages/governance';
import { holder } from './pages/holder';
import { network } from './pages/network';
import { h } from './ui';
import { discover, switchTo, walletError, type Discovered } from './wallet';

const PAGES: { [k: string]: { title: string; render: (root: HTMLElement) => Promise<void> } } = {
  network: { title: 'Network', render: network },
  contributor: { title: 'Contributor', render: contributor },
  holder: { title: 'Holder', render: holder },
  governance: { title: 'Governance', render: governance },
  council: { title: 'Council', render: council },
};

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const walletBox = document.getElementById('wallet')!;
const banner = document.getElementById('banner')!;
let renderToken = 0;

function route(): string {
  const r = location.hash.replace(/^#\/?/, '');
  return PAGES[r] ? r : 'network';
}

function drawNav(): void {
  const cur = route();
  nav.replaceChildren(
    ...Object.entries(PAGES).map(([k, p]) =>
      h('a', { href: `#/${k}`, 'aria-current': k === cur ? 'page' : undefined, id: `nav-${k}` }, p.title),
    ),
  );
}

function drawWallet(): void {
  const select = h(
    'select',
    { id: 'network', 'aria-label': 'Network' },
    ...state.networks.map((n) => h('option', { value: n.key, selected: n.key === state.net.key }, n.name)),
  );
  select.addEventListener('change', async () => {
    const next = state.networks.find((n) => n.key === select.value)!;
    state.net = next;
    state.client = makeClient(next);
    localStorage.setItem('flt.network', next.key);
    if (state.wallet) await trySwitch();
    render();
  });
  const parts: (Node | string)[] = [select];
  if (!state.account) {
    if (state.wallets.length === 0) {
      parts.push(h('span', { class: 'muted', id: 'no-wallet' }, 'No wallet found: read-only'));
    } else {
      for (const w of state.wallets) {
        parts.push(
          h(
            'button',
            { class: 'connect', id: `connect-${w.info.rdns.replace(/[^a-z0-9]/gi, '-')}`, onclick: () => connect(w) },
            w.info.icon ? h('img', { src: w.info.icon, alt: '', width: 16, height: 16 }) : '',
            `Connect ${w.info.name}`,
          ),
        );
      }
    }
  } else {
    parts.push(h('span', { class: 'account', id: 'account', title: state.account }, short(state.account)));
    if (state.walletChain !== state.net.chainId) {
      parts.push(h('button', { class: 'secondary', id: 'switch-network', onclick: () => trySwitch().then(render) }, `Switch wallet to ${state.net.name}`));
    }
  }
  walletBox.replaceChildren(...parts);
}

async function trySwitch(): Promise<void> {
  try {
    await switchTo(state.wallet!.provider, state.net);
    state.walletChain = state.net.chainId;
    banner.textContent = '';
  } catch (e) {
    banner.textContent = `Network switch: ${walletError(e)}`;
  }
}

/** Connects to `w`: asks for accounts, or with `silent` only reads the
 *  ones already shared with this site (a reload reconnects without a prompt). */
async function connect(w: Discovered, silent = false): Promise<void> {
  try {
    const accounts = (await w.provider.request({ method: silent ? 'eth_accounts' : 'eth_requestAccounts' })) as Address[];
    if (silent && accounts.length === 0) {
      await render();
      return;
    }
    localStorage.setItem('flt.wallet', w.info.rdns);
    state.wallet = w;
    state.account = accounts[0];
    state.walletChain = Number(await w.provider.request({ method: 'eth_chainId' }));
    sessionStorage.removeItem('flt.view');
    const p = w.provider as EIP1193Provider;
    p.on('accountsChanged', (a: readonly string[]) => {
      state.account = a[0] as Address | undefined;
      sessionStorage.removeItem('flt.view');
      render();
    });
    p.on('chainChanged', (c: string) => {
      state.walletChain = Number(c);
      render();
    });
    if (!silent && state.walletChain !== state.net.chainId) await trySwitch();
    banner.textContent = '';
  } catch (e) {
    banner.textContent = `Connect: ${walletError(e)}`;
  }
  render();
}

async function render(): Promise<void> {
  const token = ++renderToken;
  const name = route();
  drawNav();
  drawWallet();
  const page = h('div', { class: 'page', id: `page-${name}`, 'data-ready': 'false' }, h('h1', {}, PAGES[name].title));
  main.replaceChildren(page);
  document.title = `FLT — ${PAGES[name].title}`;
  const t0 = performance.now();
  const calls0 = stats.rpcCalls;
  try {
    await refreshClock();
    await PAGES[name].render(page);
  } catch (e) {
    if (token === renderToken) page.append(h('p', { class: 'notice', role: 'alert' }, `Could not read ${state.net.name}: ${walletError(e)}`));
  }
  if (token !== renderToken) return;
  stats.pages[name] = { rpcCalls: stats.rpcCalls - calls0, ms: Math.round(performance.now() - t0) };
  page.dataset.ready = 'true';
}

async function start(): Promise<void> {
  const { networks, selected } = await loadNetworks();
  state.networks = networks;
  state.net = networks.find((n) => n.key === selected) ?? networks[0];
  state.client = makeClient(state.net);
  state.wallets = [];
  state.chainNow = BigInt(Math.floor(Date.now() / 1000));
  state.clockAt = Date.now();
  state.rerender = () => void render();
  const remembered = localStorage.getItem('flt.wallet');
  let started = false;
  discover((ws) => {
    state.wallets = ws;
    drawWallet();
    const w = ws.find((x) => x.info.rdns === remembered);
    if (started && w && !state.wallet) void connect(w, true);
  });
  document.getElementById('foot')!.append(
    h('button', { class: 'secondary', id: 'refresh', onclick: () => render() }, 'Refresh'),
    ' ',
    h('span', { class: 'muted' }, 'No backend: everything is read from the chain.'),
  );
  window.addEventListener('hashchange', () => {
    void render().then(() => main.focus());
  });
  started = true;
  // Wallets announce synchronously on request: reconnect the remembered one
  // (no prompt) before the first render, so the page renders once.
  const w = state.wallets.find((x) => x.info.rdns === remembered);
  if (w) await connect(w, true);
  else await render();
}

void start();
