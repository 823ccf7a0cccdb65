// Governance: proposals with state, tallies, a quorum bar and council
// approvals (FLTCouncil's approvalStatus); vote with a reason; create a
// parameter proposal (dropdown of the 18, value checked against the bounds
// before signing, calldata shown) or a signal proposal; queue and execute
// once due.

import { councilAbi, governorAbi, tokenAbi } from '../abi';
import { allParams, now, read, send, state, txPanel } from '../app';
import { countdown, formatDate, formatFLT, short } from '../format';
import { PARAMS, STATES, checkParam, formatParam, inputUnit, parseParam, setParameterCalldata } from '../params';
import { proposals, type Proposal } from '../proposals';
import { field, h, section, set, stat } from '../ui';

export async function governance(root: HTMLElement): Promise<void> {
  const gov = state.net.governor;
  const listBox = h('div', { id: 'g-list', class: 'reserve-200' }, h('p', { class: 'muted' }, 'Loading proposals…'));
  const create = h('div', { id: 'g-create' });
  root.append(
    section(
      'Your voting power',
      h('div', { class: 'stats' }, stat('Votes now', 'g-votes'), stat('Needed to propose', 'g-threshold'), stat('Voting delay / period', 'g-times')),
    ),
    section('New proposal', create),
    section('Proposals', listBox),
  );
  if (!gov || !state.net.token) return;
  // The form is drawn at once (no shift when the values arrive), then
  // checked against the current parameters.
  const params: bigint[] = [];
  const recheck = createForm(create, params);
  const [current, threshold] = await Promise.all([allParams(), read<bigint>(gov, governorAbi, 'proposalThreshold')]);
  params.push(...current);
  recheck();
  const votes = state.account ? await read<bigint>(state.net.token, tokenAbi, 'getVotes', [state.account]) : undefined;
  set(root, 'g-votes', votes === undefined ? '—' : formatFLT(votes));
  set(root, 'g-threshold', formatFLT(threshold));
  set(root, 'g-times', `${formatParam(13, params[13])} / ${formatParam(14, params[14])}`);
  const list = (await proposals()).reverse();
  const cards = await Promise.all(list.map((p) => card(p)));
  listBox.replaceChildren(...(cards.length ? cards : [h('p', { class: 'muted' }, 'No proposals yet.')]));
}

async function card(p: Proposal): Promise<HTMLElement> {
  const gov = state.net.governor!;
  const cc = state.net.council;
  // Only a proposal that changes parameters needs the council: (approvals
  // that count, threshold) from FLTCouncil.
  const [st, tally, eta, status, voted] = await Promise.all([
    read<number>(gov, governorAbi, 'state', [p.id]),
    read<readonly [bigint, bigint, bigint]>(gov, governorAbi, 'proposalVotes', [p.id]),
    read<bigint>(gov, governorAbi, 'proposalEta', [p.id]),
    p.changes.length && cc ? read<readonly [number, number]>(cc, councilAbi, 'approvalStatus', [p.id]) : Promise.resolve(undefined),
    state.account ? read<boolean>(gov, governorAbi, 'hasVoted', [p.id, state.account]) : Promise.resolve(false),
  ]);
  const t = now();
  let quorum: bigint | undefined;
  if (p.voteStart < state.chainNow) quorum = await read<bigint>(gov, governorAbi, 'quorum', [p.voteStart]);
  const [against, forVotes, abstain] = tally;
  const counted = forVotes + abstain;
  const pct = quorum && quorum > 0n ? Number((counted * 100n) / quorum) : 0;
  const name = STATES[st] ?? String(st);
  const panel = txPanel(`g-tx-${p.id.toString(16).slice(0, 8)}`);
  const actions = h('div', { class: 'actions' });
  const key = p.id.toString(16).slice(0, 8);
  const base = { targets: p.targets, values: p.values, calldatas: p.calldatas, hash: p.descriptionHash };
  const args = [base.targets, base.values, base.calldatas, base.hash] as const;
  if (name === 'Active' && state.account && !voted) {
    const support = h('select', { id: `g-support-${key}` }, h('option', { value: '1' }, 'For'), h('option', { value: '0' }, 'Against'), h('option', { value: '2' }, 'Abstain'));
    const reason = h('input', { id: `g-reason-${key}`, type: 'text', placeholder: 'Why (optional)', autocomplete: 'off' });
    actions.append(
      h(
        'form',
        {
          class: 'row',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const ok = await send({
              to: gov,
              abi: governorAbi,
              functionName: 'castVoteWithReason',
              args: [p.id, Number(support.value), reason.value],
              panel,
              what: `Vote ${support.selectedOptions[0].text.toLowerCase()}`,
            });
            if (ok) state.rerender();
          },
        },
        field('Your vote', support),
        field('Reason', reason),
        h('button', { type: 'submit', id: `g-vote-${key}` }, 'Vote'),
      ),
    );
  } else if (voted) {
    actions.append(h('p', { class: 'muted' }, 'You have voted.'));
  }
  if (name === 'Succeeded') {
    actions.append(
      h('button', { id: `g-queue-${key}`, onclick: async () => (await send({ to: gov, abi: governorAbi, functionName: 'queue', args, panel, what: 'Queue' })) && state.rerender() }, 'Queue'),
    );
  }
  if (name === 'Queued') {
    const due = t >= eta;
    // The threshold while approvals are missing (execute would refuse with
    // FLTMissingCouncilApprovals), else 0.
    const needs = status && status[0] < status[1] ? status[1] : 0;
    actions.append(
      h(
        'button',
        {
          id: `g-execute-${key}`,
          title: due ? undefined : `Executable from ${formatDate(eta)}`,
          onclick: async () => (await send({ to: gov, abi: governorAbi, functionName: 'execute', args, panel, what: 'Execute' })) && state.rerender(),
        },
        due ? 'Execute' : `Execute (due ${countdown(eta, t)})`,
      ),
      needs ? h('span', { class: 'hint' }, ` Needs ${needs} council approvals first.`) : '',
    );
  }
  const what = p.changes.length
    ? p.changes.map((c) => `Set ${PARAMS[c.id]?.label ?? c.id} to ${formatParam(c.id, c.value)}`).join('; ')
    : 'Signal proposal (no on-chain action)';
  return h(
    'article',
    { class: 'proposal', id: `g-p-${key}`, 'data-state': name },
    h('header', {}, h('h3', {}, p.description.split('\n')[0] || '(no title)'), h('span', { class: `badge state-${name.toLowerCase()}`, id: `g-state-${key}` }, name)),
    h('p', { class: 'hint' }, `${what}. Proposed by ${short(p.proposer)}; voting ${formatDate(p.voteStart)} – ${formatDate(p.voteEnd)}${eta > 0n ? `; executable from ${formatDate(eta)}` : ''}.`),
    h('div', { class: 'tally' }, `For ${formatFLT(forVotes, 0)} · Against ${formatFLT(against, 0)} · Abstain ${formatFLT(abstain, 0)}`),
    h(
      'div',
      { class: 'bar', role: 'progressbar', 'aria-label': 'Quorum progress', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.min(pct, 100) },
      h('div', { class: 'fill', style: `width:${Math.min(pct, 100)}%` }),
    ),
    h('div', { class: 'hint' }, quorum === undefined ? 'Quorum is fixed when voting starts.' : `Quorum: ${formatFLT(counted, 0)} of ${formatFLT(quorum, 0)} (${pct}%)`),
    p.changes.length
      ? h('div', { class: 'hint', id: `g-approvals-${key}` }, status ? `Council approvals: ${status[0]} of ${status[1]}` : 'Council approvals: unknown (no FLTCouncil address is configured)')
      : '',
    actions,
    panel,
  );
}

function createForm(box: HTMLElement, params: bigint[]): () => void {
  const gov = state.net.governor!;
  const kind = h('select', { id: 'g-kind' }, h('option', { value: 'param' }, 'Change a parameter'), h('option', { value: 'signal' }, 'Signal (no on-chain action)'));
  const param = h('select', { id: 'g-param' }, ...PARAMS.map((p) => h('option', { value: String(p.id) }, `${p.id}. ${p.label} (${p.name})`)));
  const value = h('input', { id: 'g-value', type: 'text', autocomplete: 'off' });
  const info = h('div', { id: 'g-param-info', class: 'hint' });
  const check = h('div', { id: 'g-check', class: 'check', 'aria-live': 'polite' });
  const calldata = h('code', { id: 'g-calldata', class: 'calldata' }, '—');
  const desc = h('textarea', { id: 'g-desc', rows: 2 });
  const panel = txPanel('g-propose-tx');
  const submit = h('button', { type: 'submit', id: 'g-propose' }, 'Propose');
  const paramFields = h('div', { id: 'g-param-fields' }, h('div', { class: 'row' }, field('Parameter', param), field('New value', value)), info, check, h('div', { class: 'field' }, h('span', { class: 'label' }, 'Calldata'), calldata));
  let action: { target: `0x${string}`; data: `0x${string}` } | null = null;
  const update = () => {
    if (kind.value === 'signal') {
      paramFields.hidden = true;
      action = { target: gov, data: '0x' };
      submit.disabled = desc.value.trim() === '';
      return;
    }
    paramFields.hidden = false;
    const id = Number(param.value);
    const p = PARAMS[id];
    const now = params[id] === undefined ? '…' : formatParam(id, params[id]);
    info.textContent = `Now ${now}; bounds ${formatParam(id, p.min)} – ${formatParam(id, p.max)}. Enter the value in ${inputUnit(id)}.`;
    const v = parseParam(id, value.value);
    action = null;
    if (value.value.trim() === '') {
      check.textContent = '';
      check.dataset.ok = '';
      calldata.textContent = '—';
    } else if (v === null) {
      check.textContent = `Not a value in ${inputUnit(id)}`;
      check.dataset.ok = 'false';
      calldata.textContent = '—';
    } else {
      const c = checkParam(id, v, params);
      check.textContent = c.ok ? `OK: ${formatParam(id, v)} is within the bounds` : c.reason;
      check.dataset.ok = String(c.ok);
      const data = setParameterCalldata(id, v);
      calldata.textContent = `${p.owner === 'rewards' ? 'FLTRewards' : p.owner === 'token' ? 'FLToken' : 'FLTGovernor'}.setParameter(${id}, ${v}) = ${data}`;
      if (c.ok) {
        const target = p.owner === 'rewards' ? state.net.rewards! : p.owner === 'token' ? state.net.token! : gov;
        action = { target, data };
        if (!desc.dataset.edited) desc.value = `Set ${p.name} to ${formatParam(id, v)}`;
      }
    }
    submit.disabled = action === null || desc.value.trim() === '';
  };
  for (const el of [kind, param, value]) el.addEventListener('input', update);
  desc.addEventListener('input', () => {
    desc.dataset.edited = '1';
    update();
  });
  box.append(
    h(
      'form',
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          update();
          if (!action) return;
          const ok = await send({
            to: gov,
            abi: governorAbi,
            functionName: 'propose',
            args: [[action.target], [0n], [action.data], desc.value.trim()],
            panel,
            what: 'Propose',
          });
          if (ok) state.rerender();
        },
      },
      field('Kind', kind),
      paramFields,
      field('Description', desc, 'The first line is the title. Proposals are identified by their actions and description.'),
      h('div', { class: 'actions' }, submit),
      panel,
    ),
  );
  update();
  return update;
}
