// Browser tests of the FLT app: Debian's Chromium driven by playwright-core
// against the local Stylus node with the system deployed by flt-deploy
// (tests/node/tests/web.rs starts both and passes them in the environment:
// FLT_RPC, FLT_TOKEN, FLT_REWARDS, FLT_GOVERNOR, FLT_COUNCIL; FLT_SHOTS is
// where the screenshots go). Every flow is clicked through the real UI with an
// injected EIP-1193/EIP-6963 wallet, and its result is read from the chain
// with viem, not from the page.
//
//   node --test-reporter=spec web/e2e/flows.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createPublicClient, decodeAbiParameters, encodeFunctionData, http, keccak256, toHex } from 'viem';
import { serve } from '../scripts/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (tests/node/tests/web.rs sets it)`);
  return v;
};
const RPC = env('FLT_RPC');
const TOKEN = env('FLT_TOKEN');
const REWARDS = env('FLT_REWARDS');
const GOVERNOR = env('FLT_GOVERNOR');
const COUNCIL = env('FLT_COUNCIL');
const SHOTS = process.env.FLT_SHOTS ?? join(root, 'target/web');
mkdirSync(SHOTS, { recursive: true });

const abi = (n) => JSON.parse(readFileSync(join(root, `abi/${n}.json`), 'utf8'));
const tokenAbi = abi('FLToken');
const rewardsAbi = abi('FLTRewards');
const governorAbi = abi('FLTGovernor');
const councilAbi = abi('FLTCouncil');
const FLT = 10n ** 18n;
const DAY = 86_400n;

// The public anvil dev accounts (local.toml: council 0,1,2; validator 3).
const DEV = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
];
const ME = DEV[5];
const VALIDATOR = DEV[3];

const chain = createPublicClient({ transport: http(RPC) });
const read = (address, a, functionName, args = []) => chain.readContract({ address, abi: a, functionName, args });

async function rpc(method, params) {
  const res = await fetch(RPC, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}
async function rpcOk(method, params) {
  const r = await rpc(method, params);
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result;
}
async function chainNow() {
  return (await chain.getBlock({ blockTag: 'latest' })).timestamp;
}
/** Mines one block at `t`: time moves there. */
async function warp(t) {
  await rpcOk('evm_setNextBlockTimestamp', [Number(t)]);
  await rpcOk('evm_mine', []);
}
/** A transaction from an unlocked dev account, outside the UI (the validator). */
async function sendAs(from, to, a, functionName, args) {
  const data = encodeFunctionData({ abi: a, functionName, args });
  const hash = await rpcOk('eth_sendTransaction', [{ from, to, data, gas: '0x4c4b40' }]);
  const receipt = await chain.waitForTransactionReceipt({ hash, pollingInterval: 200 });
  assert.equal(receipt.status, 'success', `${functionName} by ${from}`);
  return receipt;
}

/** The page's date format, in the browser's zone (UTC here). */
const date = (s) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Number(s) * 1000));

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let app;
let ctx;
let page;
const stats = {};

async function browser({ wallet }) {
  const dir = mkdtempSync(join(tmpdir(), 'flt-web-'));
  const c = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  // Layout shifts not caused by input, summed per page load (CLS).
  await c.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  if (wallet) {
    await c.exposeBinding('__fltWalletRpc', (_src, method, params) => rpc(method, params));
    const src = readFileSync(join(here, 'wallet.js'), 'utf8');
    await c.addInitScript({ content: `(${src.trim().replace(/;$/, '')})(${JSON.stringify({ account: ME, uuid: 'flt-test-wallet' })});` });
  }
  return c;
}

async function open(p, name) {
  const t0 = Date.now();
  await p.goto(`${app.url}#/${name}`);
  await ready(p, name);
  return Date.now() - t0;
}
async function ready(p, name) {
  await p.waitForSelector(`#page-${name}[data-ready="true"]`, { timeout: 30_000 });
}
async function refresh(p, name) {
  await p.click('#refresh');
  await ready(p, name);
}
/** Clicks `selector` and waits for the transaction it starts to end;
 *  returns the state ("confirmed" or "failed") and the status text. */
async function tx(p, selector) {
  const seq = Number(await p.getAttribute('#last-tx', 'data-seq'));
  await p.click(selector);
  await p.waitForFunction(
    (s) => {
      const el = document.getElementById('last-tx');
      return Number(el.dataset.seq) > s && ['confirmed', 'failed'].includes(el.dataset.state);
    },
    seq,
    { timeout: 60_000 },
  );
  return { state: await p.getAttribute('#last-tx', 'data-state'), text: await p.textContent('#last-tx') };
}
async function confirmed(p, selector) {
  const r = await tx(p, selector);
  assert.equal(r.state, 'confirmed', `${selector}: ${r.text}`);
  return r;
}
/** The Contributor page's table row of week `e`. */
function weekRow(p, e) {
  return p.locator('#c-epochs tbody tr').filter({ has: p.locator('td:first-child', { hasText: new RegExp(`^Week ${e}$`) }) });
}
async function shot(p, name) {
  await p.setViewportSize(DESKTOP);
  await p.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await p.setViewportSize(PHONE);
  await p.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  await p.setViewportSize(DESKTOP);
}

/** Basic accessibility: every control has a label, text meets WCAG AA
 *  contrast (4.5:1; 3:1 for large text) against its background, and Tab
 *  moves a visible focus. Returns the problems found. */
async function a11y(p) {
  return p.evaluate(() => {
    const problems = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled) problems.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
    }
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bg = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
        if (getComputedStyle(e).backgroundImage !== 'none') return null;
      }
      return [255, 255, 255];
    };
    for (const el of document.querySelectorAll('body *')) {
      if (!el.childNodes.length || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none' || el.closest('[hidden], .sr-only, .skip, :disabled')) continue;
      const b = bg(el);
      if (!b) continue;
      const fg = rgb(cs.color);
      if (fg.length === 4 && fg[3] === 0) continue;
      const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = parseFloat(cs.fontSize) >= 24 || (parseFloat(cs.fontSize) >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)} of "${el.textContent.trim().slice(0, 30)}"`);
    }
    return problems;
  });
}
async function focusVisible(p) {
  await p.keyboard.press('Tab');
  return p.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body ? getComputedStyle(el).outlineStyle !== 'none' : false;
  });
}

before(async () => {
  app = await serve({ rpc: RPC, config: { network: 'local', contracts: { FLToken: TOKEN, FLTRewards: REWARDS, FLTGovernor: GOVERNOR, FLTCouncil: COUNCIL }, fromBlock: 0 } });
});
after(async () => {
  await ctx?.close();
  await app?.close();
  writeFileSync(join(SHOTS, 'stats.json'), JSON.stringify(stats, null, 2) + '\n');
  console.log(`FLT-WEB-STATS ${JSON.stringify(stats)}`);
});

test('a read-only visitor without a wallet sees the Network page', async () => {
  const c = await browser({ wallet: false });
  const p = c.pages()[0] ?? (await c.newPage());
  const ms = await open(p, 'network');
  const [epoch, , end] = await read(REWARDS, rewardsAbi, 'currentEpoch');
  assert.equal(await p.textContent('#n-epoch'), `Week ${epoch}`);
  assert.equal(await p.textContent('#n-close'), date(end));
  assert.match(await p.textContent('#n-left'), /^in (6 days|7 days)/);
  const [reserve] = await read(REWARDS, rewardsAbi, 'accounting');
  assert.equal(reserve, 1_000_000_000n * FLT, 'the whole supply is in the reserve');
  assert.equal(await p.textContent('#n-reserve'), '1,000,000,000 FLT');
  assert.equal(await p.textContent('#n-pool'), '1,000,000 FLT');
  assert.equal(await p.locator('#n-params tbody tr').count(), 18, 'the 18 parameters');
  assert.match(await p.textContent('#n-params'), /Claim delay after an epoch ends\s*claimDelay1 day0 seconds – 14 days/);
  assert.equal(await p.textContent('#no-wallet'), 'No wallet found: read-only');
  stats.visitorNetworkLoadMs = ms;
  stats.visitorNetwork = await p.evaluate(() => window.__flt.pages.network);
  assert.deepEqual(await a11y(p), [], 'accessibility problems on the Network page');
  await shot(p, 'network-visitor');
  assert.ok(await focusVisible(p), 'Tab shows a visible focus');
  // Every other page works read-only too: it loads and says what it needs.
  const readOnly = {
    contributor: ['#c-registered', 'Connect a wallet or enter an address'],
    holder: ['#h-balance', '—'],
    governance: ['#g-votes', '—'],
    council: ['#k-you', 'Not connected'],
  };
  for (const [name, [sel, text]] of Object.entries(readOnly)) {
    await open(p, name);
    assert.equal(await p.locator('[role="alert"]').count(), 0, `${name} read-only: no read error`);
    assert.equal(await p.textContent(sel), text, `${name} read-only`);
  }
  assert.equal(await p.locator('#k-pause').count(), 0, 'no council controls for a visitor');
  // The council is FLTCouncil's, wired to this governor.
  const signers = await read(COUNCIL, councilAbi, 'signers');
  assert.deepEqual(signers, DEV.slice(0, 3));
  assert.deepEqual(await read(COUNCIL, councilAbi, 'councilInfo'), [2, 1], 'threshold 2, the first generation');
  assert.equal(await read(COUNCIL, councilAbi, 'governor'), GOVERNOR);
  assert.equal(await read(GOVERNOR, governorAbi, 'council'), COUNCIL);
  assert.equal(await p.textContent('#k-signers'), signers.map((s) => `${s.slice(0, 6)}…${s.slice(-4)}`).join(', '));
  assert.equal(await p.textContent('#k-threshold'), '2 of 3');
  assert.equal(await p.textContent('#k-paused'), 'Not paused');
  assert.equal(await p.locator('#k-not-wired').count(), 0, 'no wiring warning');
  await c.close();
});

test('connect: the wallet is added and switched to the local node (EIP-6963, 3085, 3326)', async () => {
  ctx = await browser({ wallet: true });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await open(page, 'network');
  await page.click('#connect-org-flt-testwallet');
  await page.waitForSelector('#account');
  assert.equal(await page.getAttribute('#account', 'title'), ME);
  const calls = await page.evaluate(() => window.__fltWalletCalls.filter((c) => c.method.startsWith('wallet_')));
  assert.deepEqual(
    calls.map((c) => [c.method, c.params[0].chainId]),
    [
      ['wallet_switchEthereumChain', '0x64aba'],
      ['wallet_addEthereumChain', '0x64aba'],
      ['wallet_switchEthereumChain', '0x64aba'],
    ],
  );
  assert.equal(calls[1].params[0].chainName, 'Local Stylus node');
  assert.equal(await page.locator('#switch-network').count(), 0, 'no switch prompt once on the local node');
});

let recordedEpoch;
test('contributor: register, get recorded, a refused early claim in words, move time, claim all', async () => {
  await open(page, 'contributor');
  assert.equal(await page.textContent('#c-registered'), 'No');
  await page.fill('#c-node-id', 'node-alpha');
  await confirmed(page, '#c-register-btn');
  const [registered, banned, ema] = await read(REWARDS, rewardsAbi, 'contributorInfo', [ME]);
  assert.deepEqual([registered, banned, ema], [true, false, 0n]);
  await ready(page, 'contributor');
  assert.equal(await page.textContent('#c-registered'), 'Yes');
  // The node id, read back from the registration's log.
  const node = keccak256(toHex('node-alpha'));
  assert.equal(await page.textContent('#c-node'), `${node.slice(0, 8)}…${node.slice(-6)}`);

  // The validator records one contribution (outside the UI).
  [recordedEpoch] = await read(REWARDS, rewardsAbi, 'currentEpoch');
  await sendAs(VALIDATOR, REWARDS, rewardsAbi, 'recordContribution', [ME, keccak256(toHex('c1')), 800_000, 800_000]);
  await refresh(page, 'contributor');
  const opens = (await read(REWARDS, rewardsAbi, 'epochInfo', [recordedEpoch]))[2];
  const row = weekRow(page, recordedEpoch);
  assert.deepEqual(
    (await row.locator('td').allTextContents()).slice(0, 5),
    [`Week ${recordedEpoch}`, '1', (await read(REWARDS, rewardsAbi, 'contributorEpoch', [ME, recordedEpoch]))[2].toLocaleString('en-US'), 'Yes', 'No'],
  );
  assert.match(await row.locator('td').nth(5).textContent(), /week running/);

  // Once the week has ended but before its claims open, a claim is refused
  // with FLTClaimNotOpen(epoch, opensAt), in words, and nothing changes.
  const [, , end] = await read(REWARDS, rewardsAbi, 'currentEpoch');
  await warp(end + 60n);
  await refresh(page, 'contributor');
  assert.equal(await row.locator('td').nth(5).textContent(), `100,000 FLT claimable from ${date(opens)}`);
  await page.fill('#c-for-addr', ME);
  await page.fill('#c-for-epochs', String(recordedEpoch));
  const refused = await tx(page, '#c-for-submit');
  assert.equal(refused.state, 'failed');
  assert.match(refused.text, new RegExp(`Claims for week ${recordedEpoch} open on ${date(opens)}`));
  assert.match(await page.textContent('#c-for-tx'), new RegExp(`Claims for week ${recordedEpoch} open on`));
  assert.equal(await read(TOKEN, tokenAbi, 'balanceOf', [ME]), 0n, 'nothing was paid');
  assert.equal((await read(REWARDS, rewardsAbi, 'contributorEpoch', [ME, recordedEpoch]))[4], false, 'not claimed');
  assert.equal(await page.getAttribute('#c-claim-all', 'disabled'), '', 'nothing claimable yet');

  await warp(opens);
  await refresh(page, 'contributor');
  assert.equal(await page.textContent('#c-claim-all'), 'Claim all claimable: 1 week, 100,000 FLT');
  await confirmed(page, '#c-claim-all');
  assert.equal(await read(TOKEN, tokenAbi, 'balanceOf', [ME]), 100_000n * FLT);
  assert.equal((await read(REWARDS, rewardsAbi, 'contributorEpoch', [ME, recordedEpoch]))[4], true, 'claimed');
  await ready(page, 'contributor');
  assert.equal(await weekRow(page, recordedEpoch).locator('td').nth(5).textContent(), 'Claimed 100,000 FLT');
  await shot(page, 'contributor');
});

test('holder: the tier picker shows multiplier and lock end before signing; stake; delegate', async () => {
  await open(page, 'holder');
  assert.equal(await page.textContent('#h-balance'), '100,000 FLT');
  await page.fill('#h-amount', '20000');
  await page.selectOption('#h-tier', '2');
  const t = await chainNow();
  const preview = await page.textContent('#h-preview');
  assert.match(preview, /^6 months: multiplier 1\.30x, locked until /);
  assert.ok(preview.includes(date(t + 180n * DAY).slice(0, 11)), `${preview} shows the lock end ${date(t + 180n * DAY)}`);
  await confirmed(page, '#h-stake-btn');
  const receipt = await chain.getBlock({ blockTag: 'latest' });
  const [amount, tier, lockEnd, mult] = await read(TOKEN, tokenAbi, 'stakeOf', [ME]);
  assert.deepEqual([amount, tier, lockEnd, mult], [20_000n * FLT, 2, receipt.timestamp + 180n * DAY, 13_000]);
  await ready(page, 'holder');
  assert.equal(await page.textContent('#h-locked'), '20,000 FLT');
  assert.equal(await page.textContent('#h-transferable'), '80,000 FLT');
  assert.equal(await page.textContent('#h-lockend'), date(lockEnd));

  // A stake larger than the free balance is refused in words, nothing changes.
  assert.equal(await page.inputValue('#h-tier'), '2', 'the picker starts at the running tier');
  assert.equal(await page.locator('#h-tier option[disabled]').count(), 2, 'lower tiers cannot be picked while locked');
  await page.fill('#h-amount', '200000');
  const refused = await tx(page, '#h-stake-btn');
  assert.equal(refused.state, 'failed');
  assert.match(refused.text, /Only 80,000 FLT is free to stake; 200,000 FLT was asked/);
  assert.equal((await read(TOKEN, tokenAbi, 'stakeOf', [ME]))[0], 20_000n * FLT, 'stake unchanged');

  await confirmed(page, '#h-delegate-btn');
  assert.equal(await read(TOKEN, tokenAbi, 'delegates', [ME]), ME);
  assert.equal(await read(TOKEN, tokenAbi, 'getVotes', [ME]), 100_000n * FLT);
  await ready(page, 'holder');
  assert.equal(await page.textContent('#h-delegate'), 'Yourself');
  assert.equal(await page.textContent('#h-votes'), '100,000 FLT');

  await page.click('#h-watch');
  const watched = await page.evaluate(() => window.__fltWalletCalls.filter((c) => c.method === 'wallet_watchAsset'));
  assert.deepEqual(watched[0].params, { type: 'ERC20', options: { address: TOKEN, symbol: 'FLT', decimals: 18 } });
  await shot(page, 'holder');
});

let proposalId;
test('governance: a parameter proposal checked against its bounds, voted, queued, approved by the council, executed', async () => {
  await warp((await chainNow()) + 60n); // votes count from the second after delegation
  await open(page, 'governance');
  await page.selectOption('#g-param', '11');
  await page.fill('#g-value', '400');
  assert.equal(await page.getAttribute('#g-check', 'data-ok'), 'false');
  assert.equal(
    await page.textContent('#g-check'),
    'Claim delay after an epoch ends must be between 0 seconds and 14 days; 16 days 16 hours is outside',
  );
  assert.equal(await page.getAttribute('#g-propose', 'disabled'), '', 'an out-of-bounds value cannot be proposed');
  await page.fill('#g-value', '48');
  assert.equal(await page.textContent('#g-check'), 'OK: 2 days is within the bounds');
  const calldata = encodeFunctionData({ abi: rewardsAbi, functionName: 'setParameter', args: [11, 172_800n] });
  assert.equal(await page.textContent('#g-calldata'), `FLTRewards.setParameter(11, 172800) = ${calldata}`);
  const description = await page.inputValue('#g-desc');
  assert.equal(description, 'Set claimDelay to 2 days');
  await confirmed(page, '#g-propose');
  proposalId = await read(GOVERNOR, governorAbi, 'hashProposal', [[REWARDS], [0n], [calldata], keccak256(toHex(description))]);
  assert.equal(await read(GOVERNOR, governorAbi, 'state', [proposalId]), 0, 'Pending');
  const key = proposalId.toString(16).slice(0, 8);

  await warp((await read(GOVERNOR, governorAbi, 'proposalSnapshot', [proposalId])) + 1n);
  await refresh(page, 'governance');
  assert.equal(await page.textContent(`#g-state-${key}`), 'Active');
  await page.selectOption(`#g-support-${key}`, '1');
  await page.fill(`#g-reason-${key}`, 'two days of fraud window');
  await confirmed(page, `#g-vote-${key}`);
  assert.equal(await read(GOVERNOR, governorAbi, 'hasVoted', [proposalId, ME]), true);
  assert.deepEqual(await read(GOVERNOR, governorAbi, 'proposalVotes', [proposalId]), [0n, 100_000n * FLT, 0n]);

  await warp((await read(GOVERNOR, governorAbi, 'proposalDeadline', [proposalId])) + 1n);
  await refresh(page, 'governance');
  assert.equal(await page.textContent(`#g-state-${key}`), 'Succeeded');
  await confirmed(page, `#g-queue-${key}`);
  assert.equal(await read(GOVERNOR, governorAbi, 'state', [proposalId]), 5, 'Queued');
  const eta = await read(GOVERNOR, governorAbi, 'proposalEta', [proposalId]);

  // Due but not approved: FLTGovernor asks FLTCouncil's approvalStatus and
  // refuses, in words, with nothing executed.
  await warp(eta + 1n);
  await ready(page, 'governance');
  await refresh(page, 'governance');
  assert.equal(await page.textContent(`#g-approvals-${key}`), 'Council approvals: 0 of 2');
  assert.match(await page.textContent(`#g-p-${key} .actions`), /Needs 2 council approvals first/);
  const early = await tx(page, `#g-execute-${key}`);
  assert.equal(early.state, 'failed');
  const hex = proposalId.toString(16);
  assert.ok(early.text.includes(`#0x${hex.slice(0, 4)}…${hex.slice(-4)} has 0 council approvals of the 2 needed`), early.text);
  assert.equal(await read(GOVERNOR, governorAbi, 'state', [proposalId]), 5, 'still Queued');
  assert.equal((await read(REWARDS, rewardsAbi, 'params'))[11], 86_400n, 'claimDelay unchanged');

  // The council approves on FLTCouncil: dev 0 and dev 1 on the Council page.
  for (const [i, signer] of [DEV[0], DEV[1]].entries()) {
    await page.evaluate((a) => window.__fltTestWallet.setAccount(a), signer);
    await open(page, 'council');
    assert.equal(await page.textContent('#k-you'), 'A council signer');
    assert.match(await page.textContent('#s-parameter-proposals-awaiting-approval ~ .table-wrap tbody tr'), new RegExp(`Set claimDelay to 2 days.*Queued\\s*${i} of 2\\s*Approve`));
    await confirmed(page, `#k-approve-p-${key}`);
    assert.deepEqual(await read(COUNCIL, councilAbi, 'approvalStatus', [proposalId]), [i + 1, 2]);
  }
  const approved = await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'ProposalApproved', args: { proposalId }, fromBlock: 0n });
  assert.deepEqual(approved.map((l) => [l.args.signer, l.args.approvals]), [[DEV[0], 1n], [DEV[1], 2n]]);
  await ready(page, 'council');
  assert.match(await page.textContent('#s-parameter-proposals-awaiting-approval ~ .table-wrap tbody tr'), /2 of 2\s*You approved/);
  await shot(page, 'council');

  await open(page, 'governance');
  assert.equal(await page.textContent(`#g-approvals-${key}`), 'Council approvals: 2 of 2');
  await confirmed(page, `#g-execute-${key}`);
  assert.equal(await read(GOVERNOR, governorAbi, 'state', [proposalId]), 7, 'Executed');
  assert.equal((await read(REWARDS, rewardsAbi, 'params'))[11], 172_800n, 'claimDelay is 2 days');
  await ready(page, 'governance');
  assert.equal(await page.textContent(`#g-state-${key}`), 'Executed');

  // A signal proposal by the holder: the governor as target, empty
  // calldata, no council approval.
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), ME);
  await ready(page, 'governance');
  await page.selectOption('#g-kind', 'signal');
  assert.equal(await page.isHidden('#g-param-fields'), true);
  await page.fill('#g-desc', 'Adopt model architecture v2');
  await confirmed(page, '#g-propose');
  const signal = await read(GOVERNOR, governorAbi, 'hashProposal', [[GOVERNOR], [0n], ['0x'], keccak256(toHex('Adopt model architecture v2'))]);
  assert.equal(await read(GOVERNOR, governorAbi, 'state', [signal]), 0, 'the signal proposal is Pending');
  await ready(page, 'governance');
  assert.match(await page.textContent(`#g-p-${signal.toString(16).slice(0, 8)}`), /Signal proposal \(no on-chain action\)/);
  await shot(page, 'governance');
});

test('council: a signer proposes adding a validator, a second approves, it executes', async () => {
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[0]);
  await open(page, 'council');
  await page.selectOption('#k-kind', '0');
  await page.fill('#k-target', DEV[4]);
  await confirmed(page, '#k-propose');
  const [proposed] = await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionProposed', fromBlock: 0n });
  const id = proposed.args.actionId;
  assert.deepEqual([proposed.args.kind, proposed.args.signer], [0, DEV[0]]);
  assert.equal(await read(REWARDS, rewardsAbi, 'isValidator', [DEV[4]]), false, 'one approval of two: not yet');
  await ready(page, 'council');
  const row = page.locator('#s-council-actions ~ .table-wrap tbody tr').first();
  assert.match(await row.textContent(), /Add validator 0x15d3…6A65\s*1 of 2\s*You approved/);

  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[1]);
  await open(page, 'council');
  await confirmed(page, `#k-approve-${id.toString(16).slice(0, 8)}`);
  assert.equal(await read(REWARDS, rewardsAbi, 'isValidator', [DEV[4]]), true, 'executed at the threshold');
  const [, approvals, executed] = await read(COUNCIL, councilAbi, 'councilAction', [id]);
  assert.deepEqual([approvals, executed], [2, true]);
  const [done] = await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionExecuted', args: { actionId: id }, fromBlock: 0n });
  assert.ok(done, 'CouncilActionExecuted by FLTCouncil');
  await ready(page, 'council');
  assert.match(await page.locator('#s-council-actions ~ .table-wrap tbody tr').first().textContent(), /–\s*Executed/);
});

test('council: a replacement is checked before it is sent, proposed, approved by a second signer, and replaces the council; pending approvals are given again', async () => {
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[0]);
  await open(page, 'council');
  // A ban left pending at 1 of 2 (dev 0's approval) across the change.
  await page.selectOption('#k-kind', '2');
  await page.fill('#k-target', DEV[4]);
  await confirmed(page, '#k-propose');
  const ban = (await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionProposed', fromBlock: 0n })).at(-1).args.actionId;
  const banKey = ban.toString(16).slice(0, 8);
  await ready(page, 'council');
  assert.equal(await page.locator(`#k-approve-${banKey}`).count(), 0, 'dev 0 approved it when proposing');
  const before = await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionProposed', fromBlock: 0n });
  await page.selectOption('#k-kind', '5');
  // A signer listed twice: refused in words, nothing sent.
  await page.fill('#k-new-signers', `${DEV[0]}, ${DEV[0].toLowerCase()}`);
  await page.fill('#k-new-threshold', '1');
  await page.click('#k-propose');
  assert.equal(await page.getAttribute('#k-propose-tx', 'data-state'), 'failed');
  assert.equal(await page.textContent('#k-propose-tx'), `${DEV[0]} is listed twice.`);
  await page.fill('#k-new-signers', `${DEV[0]}, ${DEV[1]}`);
  await page.fill('#k-new-threshold', '3');
  await page.click('#k-propose');
  assert.equal(await page.textContent('#k-propose-tx'), 'The threshold is the number of approvals an action needs: 1 to 2.');
  const still = await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionProposed', fromBlock: 0n });
  assert.equal(still.length, before.length, 'no refused replacement reached FLTCouncil');

  // Four signers (the validator joins), threshold 2.
  const next = [DEV[0], DEV[1], DEV[2], DEV[3]];
  await page.fill('#k-new-signers', next.join(',\n'));
  await page.fill('#k-new-threshold', '2');
  await confirmed(page, '#k-propose');
  const proposed = (await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilActionProposed', fromBlock: 0n })).at(-1);
  const id = proposed.args.actionId;
  assert.deepEqual([proposed.args.kind, proposed.args.signer], [5, DEV[0]]);
  assert.deepEqual(decodeAbiParameters([{ type: 'address[]' }, { type: 'uint8' }], proposed.args.data), [next, 2]);
  assert.deepEqual(await read(COUNCIL, councilAbi, 'signers'), DEV.slice(0, 3), 'one approval of two: not yet');
  await ready(page, 'council');
  assert.match(await page.locator('#s-council-actions ~ .table-wrap tbody tr').first().textContent(), /Replace the council: 4 signers, threshold 2\s*1 of 2/);

  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[1]);
  await open(page, 'council');
  await confirmed(page, `#k-approve-${id.toString(16).slice(0, 8)}`);
  // The constructor's CouncilChanged (generation 1), then this one.
  const changed = (await chain.getContractEvents({ address: COUNCIL, abi: councilAbi, eventName: 'CouncilChanged', fromBlock: 0n })).at(-1);
  assert.deepEqual([changed.args.signers, changed.args.threshold, changed.args.generation], [next, 2, 2]);
  assert.deepEqual(await read(COUNCIL, councilAbi, 'signers'), next);
  assert.deepEqual(await read(COUNCIL, councilAbi, 'councilInfo'), [2, 2]);
  await ready(page, 'council');
  assert.equal(await page.textContent('#k-threshold'), '2 of 4');
  // The new generation voided dev 0's approval of the ban: 0 of 2, and
  // dev 0 is offered Approve again.
  const [, banApprovals, banExecuted] = await read(COUNCIL, councilAbi, 'councilAction', [ban]);
  assert.deepEqual([banApprovals, banExecuted], [0, false]);
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[0]);
  await open(page, 'council');
  const banRow = page.locator('#s-council-actions ~ .table-wrap tbody tr').filter({ has: page.locator(`#k-approve-${banKey}`) });
  assert.match(await banRow.textContent(), /Ban contributor 0x15d3…6A65\s*0 of 2\s*Approve/);
});

test('council: the pause warning says what stops and until when; a signer pauses', async () => {
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), DEV[0]);
  await open(page, 'council');
  const t = await chainNow();
  const warning = await page.textContent('#k-pause-warning');
  assert.match(warning, /transfers, claims, staking and unstaking, contribution recording and proposal execution/);
  assert.match(warning, /\(14 days\)/);
  assert.ok(warning.includes(date(t + 14n * DAY).slice(0, 11)), `${warning} names the end date`);
  assert.equal(await page.getAttribute('#k-pause', 'disabled'), '', 'pausing needs the confirmation box');
  await page.check('#k-pause-confirm');
  await confirmed(page, '#k-pause');
  const block = await chain.getBlock({ blockTag: 'latest' });
  // FLTCouncil.pause -> FLTGovernor.setPause: the window and PauseSet are
  // the governor's, `by` is the signer.
  assert.equal(await read(GOVERNOR, governorAbi, 'pausedUntil'), block.timestamp + 14n * DAY);
  assert.deepEqual(await read(GOVERNOR, governorAbi, 'pauseWindow'), [block.timestamp + 14n * DAY, block.timestamp]);
  const [paused] = await chain.getContractEvents({ address: GOVERNOR, abi: governorAbi, eventName: 'PauseSet', blockHash: block.hash });
  assert.deepEqual([paused.args.by, paused.args.pausedUntil], [DEV[0], block.timestamp + 14n * DAY]);
  assert.equal(await read(TOKEN, tokenAbi, 'pausedUntil'), block.timestamp + 14n * DAY);
  await ready(page, 'council');
  assert.equal(await page.textContent('#k-paused'), `Paused until ${date(block.timestamp + 14n * DAY)}`);
  assert.match(await page.textContent('#k-paused-note'), /^FLT is paused until .*propose "Unpause" or "Renew pause"/);
  assert.equal(await page.isDisabled('#k-pause-confirm'), true, 'no second pause offered while paused');

  // While paused, a transfer-like action is refused in words.
  await page.evaluate((a) => window.__fltTestWallet.setAccount(a), ME);
  await open(page, 'holder');
  await page.fill('#h-amount', '1000');
  const refused = await tx(page, '#h-stake-btn');
  assert.equal(refused.state, 'failed');
  assert.match(refused.text, /FLT is paused by the council/);
  assert.equal((await read(TOKEN, tokenAbi, 'stakeOf', [ME]))[0], 20_000n * FLT, 'stake unchanged');
});

test('every page: screenshots, accessibility, load time and RPC calls', async () => {
  for (const name of ['network', 'contributor', 'holder', 'governance', 'council']) {
    // The council page as a signer, the others as the contributor.
    await page.evaluate((a) => window.__fltTestWallet.setAccount(a), name === 'council' ? DEV[0] : ME);
    await page.goto('about:blank');
    const ms = await open(page, name);
    await page.waitForTimeout(300);
    const s = await page.evaluate((n) => window.__flt.pages[n], name);
    const cls = await page.evaluate(() => window.__cls);
    stats[name] = { loadMs: ms, rpcCalls: s.rpcCalls, layoutShift: Number(cls.toFixed(4)) };
    assert.ok(cls < 0.1, `${name}: cumulative layout shift ${cls} while loading (0.1 is the "good" limit)`);
    assert.deepEqual(await a11y(page), [], `accessibility problems on ${name}`);
    await shot(page, name === 'network' ? 'network' : `${name}-final`);
  }
});
