// Council (shown to signers): pending council actions with approvals;
// propose and approve; approve parameter proposals; pause, with a warning
// of what stops and for how long. All of it is FLTCouncil's; the pause
// window (pausedUntil) is FLTGovernor's, which applies it to FLToken and
// FLTRewards, and so are the proposals and their states.

import { decodeAbiParameters, encodeAbiParameters, isAddress, type Hex } from 'viem';
import { councilAbi, governorAbi } from '../abi';
import { logs, now, read, send, state, txPanel, type DecodedLog } from '../app';
import { formatDate, formatDuration, short } from '../format';
import { PARAMS, STATES, formatParam } from '../params';
import { proposals } from '../proposals';
import { councilReplacement } from '../replacement';
import { field, h, section, set, stat, table } from '../ui';

const PAUSE = 14n * 86_400n;
export const KINDS = ['Add validator', 'Remove validator', 'Ban contributor', 'Unban contributor', 'Disqualify (epoch, contributor)', 'Replace council', 'Unpause', 'Renew pause'];

/** A council action's data in words. */
export function describeAction(kind: number, data: Hex): string {
  try {
    if (kind <= 3) return `${KINDS[kind]} ${short(decodeAbiParameters([{ type: 'address' }], data)[0])}`;
    if (kind === 4) {
      const [e, c] = decodeAbiParameters([{ type: 'uint64' }, { type: 'address' }], data);
      return `Disqualify ${short(c)} in week ${e}`;
    }
    if (kind === 5) {
      const [s, t] = decodeAbiParameters([{ type: 'address[]' }, { type: 'uint8' }], data);
      return `Replace the council: ${s.length} signers, threshold ${t}`;
    }
  } catch {
    return `${KINDS[kind] ?? `Kind ${kind}`} (undecodable data)`;
  }
  return KINDS[kind] ?? `Kind ${kind}`;
}

export async function council(root: HTMLElement): Promise<void> {
  const gov = state.net.governor;
  const cc = state.net.council;
  root.append(
    section('Council', h('div', { class: 'stats' }, stat('Signers', 'k-signers', 'tall'), stat('Threshold', 'k-threshold'), stat('Pause', 'k-paused'), stat('You', 'k-you'))),
  );
  if (!gov || !cc) {
    if (gov) root.append(h('p', { class: 'notice', id: 'k-no-council' }, `No FLTCouncil address is configured for ${state.net.name}.`));
    return;
  }
  const [signers, info, pausedUntil, wired] = await Promise.all([
    read<readonly `0x${string}`[]>(cc, councilAbi, 'signers'),
    read<readonly [number, number]>(cc, councilAbi, 'councilInfo'),
    read<bigint>(gov, governorAbi, 'pausedUntil'),
    read<`0x${string}`>(cc, councilAbi, 'governor'),
  ]);
  const me = state.account?.toLowerCase();
  const isSigner = !!me && signers.some((s) => s.toLowerCase() === me);
  const t = now();
  set(root, 'k-signers', signers.map((s) => short(s)).join(', '));
  set(root, 'k-threshold', `${info[0]} of ${signers.length}`);
  set(root, 'k-paused', pausedUntil > t ? `Paused until ${formatDate(pausedUntil)}` : 'Not paused');
  set(root, 'k-you', isSigner ? 'A council signer' : state.account ? 'Not a signer' : 'Not connected');
  if (wired.toLowerCase() !== gov.toLowerCase()) {
    root.append(
      h(
        'p',
        { class: 'notice', role: 'alert', id: 'k-not-wired' },
        /^0x0{40}$/.test(wired)
          ? 'This FLTCouncil is not wired to a governor yet: its actions, approvals and pause are refused until the deployment wires it.'
          : `This FLTCouncil is wired to the governor ${short(wired)}, not to ${short(gov)} of ${state.net.name}: check the configured addresses.`,
      ),
    );
  }
  if (!isSigner) {
    root.append(h('p', { class: 'notice', id: 'k-not-signer' }, 'Council actions are shown to council signers. Connect with a signer\'s wallet to act.'));
    return;
  }
  const [proposed, approvedLogs, propApprovals, props, changes] = await Promise.all([
    logs(cc, councilAbi, 'CouncilActionProposed'),
    logs(cc, councilAbi, 'CouncilActionApproved', { signer: state.account }),
    logs(cc, councilAbi, 'ProposalApproved', { signer: state.account }),
    proposals(),
    logs(cc, councilAbi, 'CouncilChanged'),
  ]);
  // An approval counts only in the council generation it was given in: a
  // council change voids the pending ones, and their signers approve again.
  // Current = logged after the last CouncilChanged.
  const last = changes.at(-1);
  const current = (l: DecodedLog) => !last || l.blockNumber > last.blockNumber || (l.blockNumber === last.blockNumber && l.logIndex > last.logIndex);
  const mineApproved = new Set(approvedLogs.filter(current).map((l) => l.args.actionId as bigint));
  const actionsPanel = txPanel('k-action-tx');
  const rows = await Promise.all(
    proposed.map(async (l) => {
      const id = l.args.actionId as bigint;
      const [kind, approvals, executed, data] = await read<readonly [number, number, boolean, Hex]>(cc, councilAbi, 'councilAction', [id]);
      const btn = executed || mineApproved.has(id)
        ? h('span', { class: 'muted' }, executed ? 'Executed' : 'You approved')
        : h('button', { class: 'small', id: `k-approve-${id.toString(16).slice(0, 8)}`, onclick: async () => (await send({ to: cc, abi: councilAbi, functionName: 'councilApprove', args: [id], panel: actionsPanel, what: 'Approve council action' })) && state.rerender() }, 'Approve');
      // An executed action's approvals are history (and a later council
      // generation counts them as 0): only a pending one shows them.
      return [short('0x' + id.toString(16), 4), describeAction(kind, data), executed ? '–' : `${approvals} of ${info[0]}`, btn];
    }),
  );
  const kind = h('select', { id: 'k-kind' }, ...KINDS.map((k, i) => h('option', { value: String(i) }, k)));
  const target = h('input', { id: 'k-target', type: 'text', placeholder: '0x…', autocomplete: 'off' });
  const epoch = h('input', { id: 'k-epoch', type: 'text', inputmode: 'numeric', placeholder: '0', autocomplete: 'off' });
  const newSigners = h('textarea', { id: 'k-new-signers', rows: 3, placeholder: '0x…, 0x…, 0x…', autocomplete: 'off' });
  const newThreshold = h('input', { id: 'k-new-threshold', type: 'text', inputmode: 'numeric', placeholder: '2', autocomplete: 'off' });
  const proposePanel = txPanel('k-propose-tx');
  root.append(
    section(
      'Council actions',
      table(['Action', 'What', 'Approvals', ''], rows.reverse(), 'Council actions', 'No council actions yet.'),
      actionsPanel,
      h(
        'form',
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const k = Number(kind.value);
            let data: Hex = '0x';
            const a = target.value.trim();
            if (k <= 4 && !isAddress(a)) {
              proposePanel.dataset.state = 'failed';
              proposePanel.textContent = 'Enter the address the action is about.';
              return;
            }
            if (k <= 3) data = encodeAbiParameters([{ type: 'address' }], [a as `0x${string}`]);
            if (k === 4) data = encodeAbiParameters([{ type: 'uint64' }, { type: 'address' }], [BigInt(epoch.value || '0'), a as `0x${string}`]);
            if (k === 5) {
              const r = councilReplacement(newSigners.value, newThreshold.value);
              if ('error' in r) {
                proposePanel.dataset.state = 'failed';
                proposePanel.textContent = r.error;
                return;
              }
              data = r.data;
            }
            const ok = await send({ to: cc, abi: councilAbi, functionName: 'councilPropose', args: [k, data], panel: proposePanel, what: `Propose: ${KINDS[k]}` });
            if (ok) state.rerender();
          },
        },
        h('div', { class: 'row' }, field('Action', kind), field('Address', target), field('Week (disqualify only)', epoch)),
        h('div', { class: 'row' }, field('New signers (replace council only)', newSigners, 'Every signer of the new council, separated by commas: 1 to 16 distinct addresses.'), field('New threshold', newThreshold, 'Approvals an action will need: 1 to the number of signers.')),
        h('button', { type: 'submit', id: 'k-propose' }, 'Propose council action'),
        proposePanel,
      ),
    ),
  );
  const approvedProps = new Set(propApprovals.filter(current).map((l) => l.args.proposalId as bigint));
  const paramPanel = txPanel('k-param-tx');
  const open = [];
  for (const p of props.filter((x) => x.changes.length > 0)) {
    const [st, [approvals, threshold]] = await Promise.all([
      read<number>(gov, governorAbi, 'state', [p.id]),
      read<readonly [number, number]>(cc, councilAbi, 'approvalStatus', [p.id]),
    ]);
    if ([2, 3, 6, 7].includes(st)) continue;
    const key = p.id.toString(16).slice(0, 8);
    const what = p.changes.map((c) => `${PARAMS[c.id]?.label}: ${formatParam(c.id, c.value)}`).join('; ');
    const btn = approvedProps.has(p.id)
      ? h('span', { class: 'muted' }, 'You approved')
      : h('button', { class: 'small', id: `k-approve-p-${key}`, onclick: async () => (await send({ to: cc, abi: councilAbi, functionName: 'approveProposal', args: [p.id], panel: paramPanel, what: 'Approve parameter proposal' })) && state.rerender() }, 'Approve');
    open.push([p.description.split('\n')[0], what, STATES[st], `${approvals} of ${threshold}`, btn]);
  }
  root.append(section('Parameter proposals awaiting approval', table(['Proposal', 'Change', 'State', 'Approvals', ''], open, 'Parameter proposals', 'No parameter proposal is waiting.'), paramPanel));

  const confirm = h('input', { type: 'checkbox', id: 'k-pause-confirm' });
  const pauseBtn = h('button', { type: 'button', class: 'danger', id: 'k-pause', disabled: true }, 'Pause FLT now');
  const pausePanel = txPanel('k-pause-tx');
  const paused = pausedUntil > t;
  if (paused) confirm.disabled = true;
  confirm.addEventListener('change', () => (pauseBtn.disabled = !confirm.checked));
  pauseBtn.addEventListener('click', async () => {
    const ok = await send({ to: cc, abi: councilAbi, functionName: 'pause', args: [], panel: pausePanel, what: 'Pause' });
    if (ok) state.rerender();
  });
  root.append(
    section(
      'Emergency pause',
      h(
        'div',
        { class: 'warning', id: 'k-pause-warning', role: 'note' },
        h('strong', {}, 'Pausing stops at once, on FLToken and FLTRewards: '),
        'transfers, claims, staking and unstaking, contribution recording and proposal execution. ',
        `If you pause now it lasts until ${formatDate(t + PAUSE)} (${formatDuration(PAUSE)}), unless ${info[0]} of ${signers.length} signers unpause sooner or renew it (never beyond 28 days from the start). `,
        'Voting, views and council actions keep working. Each signer can pause once, and after a pause ends no new one can start for 14 days.',
      ),
      paused
        ? h('p', { class: 'notice', id: 'k-paused-note' }, `FLT is paused until ${formatDate(pausedUntil)}. To end it sooner or extend it, propose "Unpause" or "Renew pause" above (${info[0]} of ${signers.length} signers).`)
        : '',
      h('div', { class: 'field check-row' }, confirm, h('label', { for: 'k-pause-confirm' }, 'I understand what stops and for how long')),
      pauseBtn,
      pausePanel,
    ),
  );
}
