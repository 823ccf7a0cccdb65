// Contributor: registration, a per-epoch table (contributions, score,
// eligible, disqualified, payout pending / claimable from a date /
// claimable / claimed), "claim all claimable" in one transaction, and
// claimFor for someone else.

import { isAddress, keccak256, toHex, type Hex } from 'viem';
import { rewardsAbi } from '../abi';
import { logs, now, read, send, state, txPanel } from '../app';
import type { Address } from '../config';
import { formatDate, formatFLT, formatInt, short } from '../format';
import { field, h, section, set, stat, table } from '../ui';

type Entry = readonly [number, bigint, bigint, boolean, boolean, boolean];
type EpochInfo = readonly [bigint, bigint, bigint, number, bigint, bigint, number, boolean];

/** A node id typed by the user: a 32-byte hex value as is, any other text hashed. */
export function nodeId(text: string): Hex {
  const t = text.trim();
  return /^0x[0-9a-fA-F]{64}$/.test(t) ? (t as Hex) : keccak256(toHex(t));
}

export async function contributor(root: HTMLElement): Promise<void> {
  const rewards = state.net.rewards;
  const who = viewed();
  const lookup = h('input', { id: 'c-lookup', type: 'text', placeholder: '0x…', value: who ?? '', autocomplete: 'off' });
  const lookupForm = h(
    'form',
    {
      class: 'row',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const v = lookup.value.trim();
        if (isAddress(v)) {
          sessionStorage.setItem('flt.view', v);
          state.rerender();
        }
      },
    },
    field('Contributor address', lookup),
    h('button', { type: 'submit', class: 'secondary' }, 'Show'),
  );
  const status = section(
    'Contributor',
    lookupForm,
    h('div', { class: 'stats' }, stat('Registered', 'c-registered'), stat('Node id', 'c-node'), stat('Average impact', 'c-ema')),
    h('div', { id: 'c-register' }),
  );
  const epochsBox = h('div', { id: 'c-epochs', class: 'reserve-200' });
  const claimPanel = txPanel('c-claim-tx');
  const claimBtn = h('button', { id: 'c-claim-all', disabled: true }, 'Claim all claimable');
  const forAddr = h('input', { id: 'c-for-addr', type: 'text', placeholder: '0x…', autocomplete: 'off' });
  const forEpochs = h('input', { id: 'c-for-epochs', type: 'text', placeholder: '0, 1, 2', inputmode: 'numeric' });
  const forPanel = txPanel('c-for-tx');
  const forForm = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const words = forEpochs.value.split(/[\s,]+/).filter(Boolean);
        if (words.length === 0 || words.some((w) => !/^\d+$/.test(w))) {
          forPanel.dataset.state = 'failed';
          forPanel.textContent = 'Enter the week numbers, e.g. 0, 1, 2.';
          return;
        }
        const epochs = words.map((w) => BigInt(w));
        if (!isAddress(forAddr.value.trim())) {
          forPanel.dataset.state = 'failed';
          forPanel.textContent = 'Enter the contributor\'s address (0x followed by 40 hex digits).';
          return;
        }
        const ok = await send({
          to: rewards!,
          abi: rewardsAbi,
          functionName: 'claimFor',
          args: [forAddr.value.trim(), epochs],
          panel: forPanel,
          what: `Claim weeks ${epochs.join(', ')} for ${short(forAddr.value.trim())}`,
        });
        if (ok) state.rerender();
      },
    },
    h('div', { class: 'row' }, field('Contributor', forAddr), field('Weeks', forEpochs, 'Comma-separated epoch numbers')),
    h('button', { type: 'submit', id: 'c-for-submit' }, 'Claim for them'),
    forPanel,
  );
  root.append(
    status,
    section('Weeks', epochsBox, h('div', { class: 'actions' }, claimBtn), claimPanel),
    section('Claim for someone else', h('p', { class: 'hint' }, 'Anyone can push a contributor\'s own rewards to it.'), forForm),
  );
  if (!rewards) return;
  if (!who) {
    set(root, 'c-registered', 'Connect a wallet or enter an address');
    set(root, 'c-node', '—');
    set(root, 'c-ema', '—');
    epochsBox.append(h('p', { class: 'muted' }, 'No address chosen.'));
    return;
  }
  const [info, cur] = await Promise.all([
    read<readonly [boolean, boolean, bigint]>(rewards, rewardsAbi, 'contributorInfo', [who]),
    read<readonly [bigint, bigint, bigint]>(rewards, rewardsAbi, 'currentEpoch'),
  ]);
  const [registered, banned, ema] = info;
  // The node id is not stored on chain: its registration logs it.
  const node = registered
    ? ((await logs(rewards, rewardsAbi, 'ContributorRegistered', { contributor: who }))[0]?.args.nodeId as Hex | undefined)
    : undefined;
  set(root, 'c-registered', registered ? (banned ? 'Yes — banned by the council' : 'Yes') : 'No');
  set(root, 'c-node', node ? short(node, 6) : '—');
  set(root, 'c-ema', `${(Number(ema) / 10_000).toFixed(2)} pp`);
  const mine = who.toLowerCase() === state.account?.toLowerCase();
  if (!registered && mine) {
    const input = h('input', { id: 'c-node-id', type: 'text', placeholder: 'my-node-1 or 0x… (32 bytes)', autocomplete: 'off' });
    const panel = txPanel('c-register-tx');
    root.querySelector('#c-register')!.append(
      h(
        'form',
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const ok = await send({
              to: rewards,
              abi: rewardsAbi,
              functionName: 'registerContributor',
              args: [nodeId(input.value || who)],
              panel,
              what: 'Register as a contributor',
            });
            if (ok) state.rerender();
          },
        },
        field('Node id', input, 'The id of your federated-learning node; text is hashed to 32 bytes.'),
        h('button', { type: 'submit', id: 'c-register-btn' }, 'Register'),
        panel,
      ),
    );
  }

  const [recorded, claimed] = await Promise.all([
    logs(rewards, rewardsAbi, 'ContributionRecorded', { contributor: who }),
    logs(rewards, rewardsAbi, 'RewardClaimed', { contributor: who }),
  ]);
  const epochs = new Set<bigint>(recorded.map((l) => l.args.epoch as bigint));
  if (registered) epochs.add(cur[0]);
  const paid = new Map<bigint, bigint>(claimed.map((l) => [l.args.epoch as bigint, l.args.payout as bigint]));
  const list = [...epochs].sort((a, b) => (a < b ? 1 : -1));
  const t = now();
  const claimable: bigint[] = [];
  let claimableSum = 0n;
  const rows = await Promise.all(
    list.map(async (e) => {
      const [entry, ei, pending] = await Promise.all([
        read<Entry>(rewards, rewardsAbi, 'contributorEpoch', [who, e]),
        read<EpochInfo>(rewards, rewardsAbi, 'epochInfo', [e]),
        read<bigint>(rewards, rewardsAbi, 'pendingReward', [who, e]),
      ]);
      const [count, , score, eligible, done, disq] = entry;
      let payout: string;
      // The amount comes from the RewardClaimed event; never a guess.
      if (done) payout = paid.has(e) ? `Claimed ${formatFLT(paid.get(e) ?? 0n)}` : 'Claimed';
      else if (disq) payout = 'Disqualified';
      else if (!eligible) payout = e === cur[0] ? 'Not eligible yet' : 'Not eligible';
      else if (e === cur[0]) payout = `Pending ≈ ${formatFLT(pending)} (week running)`;
      else if (t < ei[2]) payout = `${formatFLT(pending)} claimable from ${formatDate(ei[2])}`;
      else {
        payout = `${formatFLT(pending)} claimable now`;
        claimable.push(e);
        claimableSum += pending;
      }
      return [
        `Week ${formatInt(e)}`,
        formatInt(count),
        formatInt(score),
        eligible ? 'Yes' : 'No',
        disq ? 'Yes' : 'No',
        payout,
      ];
    }),
  );
  epochsBox.replaceChildren(
    table(['Week', 'Contributions', 'Score', 'Eligible', 'Disqualified', 'Payout'], rows, 'Your weeks', 'No contributions recorded yet.'),
  );
  claimable.sort((a, b) => (a < b ? -1 : 1));
  if (claimable.length && mine) {
    claimBtn.disabled = false;
    claimBtn.textContent = `Claim all claimable: ${claimable.length} week${claimable.length === 1 ? '' : 's'}, ${formatFLT(claimableSum)}`;
    claimBtn.addEventListener('click', async () => {
      claimBtn.disabled = true;
      const ok = await send({
        to: rewards,
        abi: rewardsAbi,
        functionName: 'claim',
        args: [claimable],
        panel: claimPanel,
        what: `Claim weeks ${claimable.join(', ')}`,
      });
      if (ok) state.rerender();
      else claimBtn.disabled = false;
    });
  } else {
    claimBtn.textContent = mine ? 'Claim all claimable: nothing to claim now' : 'Claim all claimable (connect as this contributor)';
  }
}

/** The address the page shows: one the visitor looked up, else the wallet's. */
export function viewed(): Address | undefined {
  const v = sessionStorage.getItem('flt.view');
  return (v && isAddress(v) ? (v as Address) : undefined) ?? state.account;
}
