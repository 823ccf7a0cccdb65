// Revert data -> the custom error of abi/*.json -> plain words with its
// values. Every declared error has a sentence (errors.test.ts checks it);
// a few read differently for the contract the call went to (BY_CONTRACT).

import { decodeErrorResult, type Hex } from 'viem';
import { errorAbi, type ContractName } from './abi';
import { formatDate, formatFLT, formatInt, short } from './format';
import { PARAMS, STATES, TIERS, formatParam, statesOf } from './params';

export interface Decoded {
  name: string;
  args: readonly unknown[];
}

/** The custom error in `data`, or `Error(string)` / `Panic(uint256)`; null
 *  for empty or unknown data. */
export function decodeRevert(data: Hex | undefined): Decoded | null {
  if (!data || data === '0x') return null;
  try {
    const r = decodeErrorResult({ abi: errorAbi, data });
    return { name: r.errorName, args: r.args ?? [] };
  } catch {
    return null;
  }
}

const b = (x: unknown) => BigInt(x as bigint);
const flt = (x: unknown) => formatFLT(b(x));
const n = (x: unknown) => formatInt(b(x));
const date = (x: unknown, tz?: string) => formatDate(b(x), tz);
const addr = (x: unknown) => short(String(x));
const pid = (x: unknown) => `#${short('0x' + b(x).toString(16).padStart(4, '0'), 4)}`;
const tier = (x: unknown) => {
  const t = TIERS[Number(x)];
  return t ? `${t.months} month${t.months === 1 ? '' : 's'}` : `tier ${x}`;
};
const param = (x: unknown) => PARAMS[Number(x)]?.label ?? `parameter ${x}`;
const KINDS = ['add validator', 'remove validator', 'ban', 'unban', 'disqualify', 'replace council', 'unpause', 'renew pause'];

type Text = (a: readonly unknown[], tz?: string) => string;

export const MESSAGES: Record<string, Text> = {
  // FLToken
  ERC20InsufficientBalance: (a) => `${addr(a[0])} holds ${flt(a[1])}; ${flt(a[2])} is needed`,
  ERC20InvalidReceiver: (a) => `FLT cannot be sent to ${addr(a[0])}`,
  ERC20InsufficientAllowance: (a) => `${addr(a[0])} may spend ${flt(a[1])}; ${flt(a[2])} is needed`,
  ERC20InvalidSpender: (a) => `${addr(a[0])} cannot be approved as a spender`,
  ERC2612ExpiredSignature: (a, tz) => `The signed permit expired on ${date(a[0], tz)}`,
  ERC2612InvalidSigner: (a) => `The permit was signed by ${addr(a[0])}, not by the owner ${addr(a[1])}`,
  ECDSAInvalidSignature: () => 'The signature is not valid',
  ECDSAInvalidSignatureS: (a) => `The signature is malleable (s = ${short(String(a[0]))})`,
  FLTLockedBalance: (a) =>
    `Only ${flt(a[1])} of ${addr(a[0])} is transferable (the rest is staked); ${flt(a[2])} is needed`,
  FLTInvalidStakeTier: (a) => `There is no staking tier ${a[0]}; choose 1, 3, 6 or 12 months`,
  FLTStakeBelowMinimum: (a) => `A new stake must be at least ${flt(a[1])}; ${flt(a[0])} was given`,
  FLTZeroStake: () => 'The amount to stake is 0',
  FLTStakeTierDecrease: (a) =>
    `While the lock runs the tier can only stay or rise: it is ${tier(a[0])}, ${tier(a[1])} was asked`,
  FLTStakeExceedsBalance: (a) => `Only ${flt(a[0])} is free to stake; ${flt(a[1])} was asked`,
  FLTStakeLocked: (a, tz) => `The stake is locked until ${date(a[0], tz)}`,
  FLTNoStake: (a) => `${addr(a[0])} has no stake`,
  FLTRewardsCallFailed: (a) => `The rewards contract ${addr(a[0])} refused the stake update`,
  FLTReserveCannotStake: (a) => `${addr(a[0])} holds the reserve and cannot stake`,
  ERC5805FutureLookup: (a, tz) => `Votes at ${date(a[0], tz)} are not known yet (the chain is at ${date(a[1], tz)})`,
  FLTNoCheckpoint: (a) => `${addr(a[0])} has ${n(a[2])} vote checkpoints; there is none at position ${n(a[1])}`,
  VotesExpiredSignature: (a, tz) => `The signed delegation expired on ${date(a[0], tz)}`,
  InvalidAccountNonce: (a) => `The signature's nonce is stale: ${addr(a[0])} is at nonce ${n(a[1])}`,
  EnforcedPause: () =>
    'FLT is paused by the council: transfers, claims, staking, recording and execution wait until the pause ends',
  FLTUnauthorized: (a) => `${addr(a[0])} may not do this (only the governor's execution or the council)`,
  FLTUnknownParameter: (a) => `There is no parameter ${a[0]}`,
  FLTParameterSetsFull: (a) =>
    `Quorum and timelock can no longer change: parameter set ${n(a[0])} is the last one the governor can hold`,
  FLTParameterOutOfBounds: (a) =>
    `${param(a[0])} must be between ${formatParam(Number(a[0]), b(a[2]))} and ${formatParam(Number(a[0]), b(a[3]))}; ${formatParam(Number(a[0]), b(a[1]))} is outside`,
  // FLTRewards
  FLTNotWired: () => 'The rewards contract is not wired to the token and governor yet',
  FLTWiringRefused: (a) => `Wiring refused for ${addr(a[0])} (token ${addr(a[1])})`,
  FLTGenesisInPast: (a, tz) => `Genesis ${date(a[0], tz)} is before now (${date(a[1], tz)})`,
  FLTInvalidValidator: (a) => `${addr(a[0])} cannot be a validator`,
  FLTNotValidator: (a) => `${addr(a[0])} is not a validator`,
  FLTAlreadyRegistered: (a) => `${addr(a[0])} is already registered as a contributor`,
  FLTNotRegistered: (a) => `${addr(a[0])} is not registered as a contributor`,
  FLTContributorBanned: (a) => `${addr(a[0])} is banned by the council`,
  FLTAccuracyOutOfRange: (a) => `Accuracy ${n(a[0])} ppm is above 1,000,000 (100%)`,
  FLTContributionReplayed: (a) => `Contribution ${short(String(a[0]))} was already recorded`,
  FLTEmptyBatch: () => 'The batch of contributions is empty',
  FLTNotStarted: (a, tz) => `Epoch 0 opens on ${date(a[0], tz)}`,
  FLTCounterOverflow: (a) => `${addr(a[0])} has too many contributions in this epoch`,
  FLTEmptyClaim: () => 'Choose at least one week to claim',
  FLTClaimNotOpen: (a, tz) => `Claims for week ${n(a[0])} open on ${date(a[1], tz)}`,
  FLTNotEligible: (a) => `${addr(a[1])} earned nothing in week ${n(a[0])}`,
  FLTAlreadyClaimed: (a) => `Week ${n(a[0])} was already claimed for ${addr(a[1])}`,
  FLTTokenCallFailed: (a) => `The token ${addr(a[0])} refused the payout`,
  FLTOnlyToken: (a) => `${addr(a[0])} is not the token contract`,
  FLTOutsideFraudWindow: (a, tz) => `Week ${n(a[0])} can no longer be disqualified: its claims opened on ${date(a[1], tz)}`,
  // FLTGovernor (and FLTCouncil, which passes the governor's proposal errors on)
  GovernorNonexistentProposal: (a) => `There is no proposal ${pid(a[0])}`,
  GovernorUnexpectedProposalState: (a) =>
    `Proposal ${pid(a[0])} is ${STATES[Number(a[1])] ?? a[1]}; this needs it ${statesOf(b(a[2])).join(' or ') || 'in another state'}`,
  GovernorAlreadyCastVote: (a) => `${addr(a[0])} has already voted on this proposal`,
  GovernorInvalidVoteType: () => 'A vote is for, against or abstain',
  GovernorInsufficientProposerVotes: (a) =>
    `${addr(a[0])} had ${flt(a[1])} of votes; ${flt(a[2])} are needed to propose (delegate first, votes count from the next second)`,
  GovernorInvalidProposalLength: (a) =>
    `The proposal's lists differ in length: ${n(a[0])} targets, ${n(a[1])} calldatas, ${n(a[2])} values`,
  GovernorOnlyProposer: (a) => `Only the proposer can cancel, not ${addr(a[0])}`,
  GovernorInvalidSignature: (a) => `The vote signature is not by ${addr(a[0])}`,
  FLTInvalidAction: (a) =>
    `Action ${n(a[0])} is not allowed: only setParameter on the contract owning the parameter, or a signal action`,
  FLTTimelockNotReady: (a, tz) => `Proposal ${pid(a[0])} can be executed from ${date(a[1], tz)}`,
  FLTMissingCouncilApprovals: (a) => `${pid(a[0])} has ${n(a[1])} council approvals of the ${n(a[2])} needed`,
  // FLTCouncil
  FLTNotSigner: (a) => `${addr(a[0])} is not a council signer`,
  FLTAlreadyApproved: (a) => `${addr(a[1])} has already approved ${pid(a[0])}`,
  FLTNoApprovalNeeded: (a) => `Proposal ${pid(a[0])} changes no parameter: it needs no council approval`,
  FLTInvalidCouncil: (a) => `A council of ${n(a[0])} signers cannot have threshold ${n(a[1])}`,
  FLTInvalidCouncilAction: (a) => `The data does not fit a "${KINDS[Number(a[0])] ?? `kind ${a[0]}`}" council action`,
  FLTUnknownCouncilAction: (a) => `There is no council action ${pid(a[0])}`,
  FLTCouncilActionDone: (a) => `Council action ${pid(a[0])} was already executed`,
  FLTPauseAlreadyUsed: (a) => `${addr(a[0])} has already used its one pause`,
  FLTPauseCooldown: (a, tz) => `A new pause can start from ${date(a[0], tz)} (holders get 14 unpaused days)`,
  FLTNotPaused: () => 'FLT is not paused',
  FLTActionFailed: (a, tz) => `Action ${n(a[0])} failed when executed: ${inner(a[1], tz)}`,
};

/** The reason a forwarded call gave, in words (its revert data decoded in turn). */
function inner(x: unknown, tz?: string): string {
  const data = String(x) as Hex;
  const d = decodeRevert(data);
  if (d) return explain(d, tz);
  return data !== '0x' ? `it refused with unknown data ${short(data, 8)}` : 'it refused without a reason';
}

/** Sentences of one contract where the same error (the same selector)
 *  means something else there than in MESSAGES. */
export const BY_CONTRACT: { [c in ContractName]?: Record<string, Text> } = {
  FLTCouncil: {
    FLTNotWired: () => 'The council is not wired to the governor yet: no council action, approval or pause can go through',
    FLTUnauthorized: (a) => `${addr(a[0])} may not wire the council: only its deployer can, once`,
    // FLTCouncil forwards to FLTGovernor, which forwards role changes to
    // FLTRewards: the index is always 0, the reason is the governor's or
    // the rewards contract's own error.
    FLTActionFailed: (a, tz) => `The governor refused the council's call: ${inner(a[1], tz)}`,
  },
};

/** Plain words for a decoded error; `contract` is the one the call went to
 *  (some errors read differently there, see BY_CONTRACT). */
export function explain(d: Decoded, tz?: string, contract?: ContractName): string {
  if (d.name === 'Error') return `Refused: ${String(d.args[0])}`;
  if (d.name === 'Panic') return `The contract stopped with panic code ${String(d.args[0])}`;
  const text = (contract && BY_CONTRACT[contract]?.[d.name]) || MESSAGES[d.name];
  return text ? text(d.args, tz) : `Refused with ${d.name}(${d.args.map(String).join(', ')})`;
}

/** Plain words for revert data; a generic sentence for unknown data. */
export function explainRevert(data: Hex | undefined, tz?: string, contract?: ContractName): string {
  const d = decodeRevert(data);
  if (d) return explain(d, tz, contract);
  return data && data !== '0x' ? `Refused with unknown data ${short(data, 8)}` : 'Refused without a reason';
}

