// Holder: balance, transferable and locked; stake with a tier picker that
// shows the multiplier and the lock-end date before signing; top-up;
// unstake once the lock has ended; delegate, current votes and delegate.

import { isAddress, zeroAddress } from 'viem';
import { tokenAbi } from '../abi';
import { allParams, now, read, send, state, txPanel } from '../app';
import { formatDate, formatFLT, formatMultiplier, parseFLT, short } from '../format';
import { TIERS, lockEnd } from '../params';
import { field, h, section, set, stat } from '../ui';
import { watchFLT, walletError } from '../wallet';

type Stake = readonly [bigint, number, bigint, number];

export async function holder(root: HTMLElement): Promise<void> {
  const token = state.net.token;
  const who = state.account;
  const amount = h('input', { id: 'h-amount', type: 'text', inputmode: 'decimal', placeholder: '10000', autocomplete: 'off' });
  const tier = h(
    'select',
    { id: 'h-tier' },
    ...TIERS.map((t) => h('option', { value: String(t.tier) }, `${t.months} month${t.months === 1 ? '' : 's'} — ${formatMultiplier(t.bps)}`)),
  );
  const preview = h('div', { id: 'h-preview', class: 'preview', 'aria-live': 'polite' }, '…');
  const stakePanel = txPanel('h-stake-tx');
  const stakeBtn = h('button', { type: 'submit', id: 'h-stake-btn' }, 'Stake');
  const unstakeBtn = h('button', { type: 'button', id: 'h-unstake-btn', class: 'secondary', disabled: true }, 'Unstake');
  const delegatee = h('input', { id: 'h-delegatee', type: 'text', placeholder: '0x… (empty: yourself)', autocomplete: 'off' });
  const delegatePanel = txPanel('h-delegate-tx');
  const watchPanel = txPanel('h-watch-tx');
  root.append(
    section(
      'Balance',
      h(
        'div',
        { class: 'stats' },
        stat('Balance', 'h-balance'),
        stat('Transferable', 'h-transferable'),
        stat('Locked in stake', 'h-locked'),
        stat('Lock ends', 'h-lockend'),
        stat('Stake multiplier', 'h-mult'),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'h-watch', onclick: () => watch(watchPanel) }, 'Add FLT to wallet')),
      watchPanel,
    ),
    section(
      'Stake',
      h('p', { class: 'hint', id: 'h-stake-rule' }, 'Staked FLT stays in your balance and keeps voting, but cannot be transferred until the lock ends.'),
      h(
        'form',
        {
          id: 'h-stake-form',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const wei = parseFLT(amount.value);
            if (wei === null || wei === 0n) {
              stakePanel.dataset.state = 'failed';
              stakePanel.textContent = 'Enter an amount of FLT to stake.';
              return;
            }
            const t = Number(tier.value);
            const ok = await send({
              to: token!,
              abi: tokenAbi,
              functionName: 'stake',
              args: [wei, t],
              panel: stakePanel,
              what: `Stake ${formatFLT(wei)} for ${TIERS[t].months} months`,
            });
            if (ok) state.rerender();
          },
        },
        h('div', { class: 'row' }, field('Amount (FLT)', amount, 'A top-up adds to your stake and re-locks all of it'), field('Lock', tier)),
        preview,
        h('div', { class: 'actions' }, stakeBtn, unstakeBtn),
        stakePanel,
      ),
    ),
    section(
      'Votes',
      h('div', { class: 'stats' }, stat('Your votes', 'h-votes'), stat('Delegate', 'h-delegate')),
      h(
        'form',
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const to = delegatee.value.trim() || who;
            if (!to || !isAddress(to)) {
              delegatePanel.dataset.state = 'failed';
              delegatePanel.textContent = 'Enter an address (0x followed by 40 hex digits).';
              return;
            }
            const ok = await send({
              to: token!,
              abi: tokenAbi,
              functionName: 'delegate',
              args: [to],
              panel: delegatePanel,
              what: `Delegate to ${to.toLowerCase() === who?.toLowerCase() ? 'yourself' : short(to)}`,
            });
            if (ok) state.rerender();
          },
        },
        field('Delegate to', delegatee, 'Votes count only once delegated; delegate to yourself to vote.'),
        h('button', { type: 'submit', id: 'h-delegate-btn' }, 'Delegate'),
        delegatePanel,
      ),
    ),
  );
  const update = () => {
    const t = TIERS[Number(tier.value)];
    const wei = parseFLT(amount.value || '0');
    preview.textContent =
      `${t.months} month${t.months === 1 ? '' : 's'}: multiplier ${formatMultiplier(t.bps)}, ` +
      `locked until ${formatDate(lockEnd(now(), t.tier))}` +
      (wei === null ? ' — the amount is not a number' : wei > 0n ? ` — ${formatFLT(wei)} more` : '');
  };
  amount.addEventListener('input', update);
  tier.addEventListener('change', update);
  if (!token) return;
  update();
  if (!who) {
    for (const id of ['h-balance', 'h-transferable', 'h-locked', 'h-lockend', 'h-mult', 'h-votes', 'h-delegate']) set(root, id, '—');
    stakeBtn.disabled = true;
    return;
  }
  const [balance, stake, votes, delegate, params] = await Promise.all([
    read<bigint>(token, tokenAbi, 'balanceOf', [who]),
    read<Stake>(token, tokenAbi, 'stakeOf', [who]),
    read<bigint>(token, tokenAbi, 'getVotes', [who]),
    read<string>(token, tokenAbi, 'delegates', [who]),
    allParams(),
  ]);
  const [staked, stakeTier, end, mult] = stake;
  const t = now();
  const locked = staked > 0n && t < end ? staked : 0n;
  if (staked > 0n && t < end) {
    // While the lock runs the tier may only stay or rise.
    for (const o of Array.from(tier.options)) o.disabled = Number(o.value) < stakeTier;
    tier.value = String(stakeTier);
    update();
  }
  set(root, 'h-balance', formatFLT(balance));
  set(root, 'h-transferable', formatFLT(balance - locked));
  set(root, 'h-locked', formatFLT(staked));
  set(root, 'h-lockend', staked > 0n ? `${formatDate(end)}${t < end ? '' : ' (ended)'}` : 'No stake');
  set(root, 'h-mult', staked > 0n ? `${formatMultiplier(mult)} (${TIERS[stakeTier]?.months ?? '?'} months)` : '—');
  set(root, 'h-votes', formatFLT(votes));
  set(root, 'h-delegate', delegate === zeroAddress ? 'Nobody (votes not active)' : delegate.toLowerCase() === who.toLowerCase() ? 'Yourself' : short(delegate));
  root.querySelector('#h-stake-rule')!.textContent +=
    staked > 0n ? '' : ` A new stake needs at least ${formatFLT(params[12] ?? 0n)}.`;
  if (staked > 0n && t >= end) {
    unstakeBtn.disabled = false;
    unstakeBtn.addEventListener('click', async () => {
      const ok = await send({ to: token, abi: tokenAbi, functionName: 'unstake', args: [], panel: stakePanel, what: `Unstake ${formatFLT(staked)}` });
      if (ok) state.rerender();
    });
  } else if (staked > 0n) {
    unstakeBtn.title = `Locked until ${formatDate(end)}`;
  }
}

async function watch(panel: HTMLElement): Promise<void> {
  if (!state.wallet || !state.net.token) {
    panel.dataset.state = 'failed';
    panel.textContent = 'Connect a wallet first.';
    return;
  }
  try {
    const ok = await watchFLT(state.wallet.provider, state.net.token);
    panel.dataset.state = ok ? 'confirmed' : 'failed';
    panel.textContent = ok ? 'FLT was added to your wallet.' : 'Your wallet declined to add FLT.';
  } catch (e) {
    panel.dataset.state = 'failed';
    panel.textContent = walletError(e);
  }
}
