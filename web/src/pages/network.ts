// Network: the current epoch and its countdown, this epoch's pool, the
// eligible count, reserve and earmarked; emission per epoch and the
// largest/smallest payouts from EpochClosed and RewardClaimed events; the
// parameters with their bounds.

import { rewardsAbi } from '../abi';
import { allParams, logs, now, read, state } from '../app';
import { chart } from '../chart';
import { countdown, formatDate, formatFLT, formatInt } from '../format';
import { PARAMS, formatParam } from '../params';
import { h, section, set, stat, table } from '../ui';

type EpochInfo = readonly [bigint, bigint, bigint, number, bigint, bigint, number, boolean];

export async function network(root: HTMLElement): Promise<void> {
  const rewards = state.net.rewards;
  const head = section(
    'This epoch',
    h(
      'div',
      { class: 'stats' },
      stat('Epoch', 'n-epoch'),
      stat('Closes', 'n-close'),
      stat('Time left', 'n-left'),
      stat('Pool', 'n-pool'),
      stat('Eligible so far', 'n-eligible'),
      stat('Reserve', 'n-reserve'),
      stat('Earmarked for claims', 'n-earmarked'),
    ),
  );
  const chartBox = h('div', { class: 'chart', id: 'n-chart' }, h('p', { class: 'muted' }, 'Loading history…'));
  const paramsBox = h('div', { id: 'n-params', class: 'reserve-300' });
  root.append(
    head,
    section('Emission per epoch', h('p', { class: 'hint' }, 'Pool per closed epoch, largest and smallest payout claimed'), chartBox),
    section('Parameters', paramsBox),
  );
  if (!rewards) {
    root.prepend(h('p', { class: 'notice' }, `FLT is not deployed on ${state.net.name} yet.`));
    return;
  }
  const [cur, acc, params] = await Promise.all([
    read<readonly [bigint, bigint, bigint]>(rewards, rewardsAbi, 'currentEpoch'),
    read<readonly [bigint, bigint]>(rewards, rewardsAbi, 'accounting'),
    allParams(),
  ]);
  const [epoch, , end] = cur;
  const info = await read<EpochInfo>(rewards, rewardsAbi, 'epochInfo', [epoch]);
  const weeklyPool = params[0];
  const pool = weeklyPool < acc[0] ? weeklyPool : acc[0];
  set(root, 'n-epoch', `Week ${formatInt(epoch)}`);
  set(root, 'n-close', formatDate(end));
  set(root, 'n-left', countdown(end, now()));
  set(root, 'n-pool', formatFLT(pool, 0));
  set(root, 'n-eligible', formatInt(info[3]));
  set(root, 'n-reserve', formatFLT(acc[0], 0));
  set(root, 'n-earmarked', formatFLT(acc[1], 0));
  const value = (id: number): bigint | undefined => params[id];
  paramsBox.replaceChildren(
    table(
      ['#', 'Parameter', 'Current', 'Bounds'],
      PARAMS.map((p) => {
        const v = value(p.id);
        return [
          String(p.id),
          h('span', {}, p.label, h('br'), h('code', { class: 'muted' }, p.name)),
          v === undefined ? '—' : formatParam(p.id, v),
          `${formatParam(p.id, p.min)} – ${formatParam(p.id, p.max)}`,
        ];
      }),
      'Governable parameters',
    ),
  );

  const [closed, claims] = await Promise.all([
    logs(rewards, rewardsAbi, 'EpochClosed'),
    logs(rewards, rewardsAbi, 'RewardClaimed'),
  ]);
  const byEpoch = new Map<bigint, { pool: bigint; max?: bigint; min?: bigint }>();
  for (const l of closed) byEpoch.set(l.args.epoch as bigint, { pool: l.args.pool as bigint });
  for (const l of claims) {
    const e = byEpoch.get(l.args.epoch as bigint);
    if (!e) continue;
    const p = l.args.payout as bigint;
    if (e.max === undefined || p > e.max) e.max = p;
    if (e.min === undefined || p < e.min) e.min = p;
  }
  const rows = [...byEpoch.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  chartBox.replaceChildren(
    rows.length
      ? chart(
          rows.map(([e, v]) => ({ label: `W${e}`, values: [v.pool, v.max ?? 0n, v.min ?? 0n] })),
          ['Pool', 'Largest payout', 'Smallest payout'],
        )
      : h('p', { class: 'muted' }, 'No epoch has closed with contributions yet.'),
  );
}
