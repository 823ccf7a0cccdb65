//! The stateful property test's machinery (SPEC.md section 10), shared by
//! the motsu test (`tests/tests/stateful.rs`) and the differential test on
//! the Stylus node (`tests/node/tests/differential.rs`):
//!
//! - [`Op`]: one step of a sequence; [`sequence`] generates sequences as
//!   "scenes" (short purposeful op lists with random parameters: contribute
//!   and claim, stake and unstake, a proposal through execution, council
//!   actions) interleaved with scenes of purely random ops;
//! - [`Chain`]: the calls and views a step needs, implemented on motsu by
//!   [`Motsu`] and on the node by the differential test;
//! - [`Harness`]: runs a step on a chain, returns each transaction's outcome
//!   (the return value or the ABI-encoded custom error), checks that a
//!   refused step changed nothing and that every invariant holds after a
//!   successful one, and counts successes and refusals per operation kind.

use std::collections::{BTreeMap, HashSet};

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::SolValue;
use fl_council::council::kind;
use flt_scoring::Param;
use motsu::prelude::*;
use proptest::prelude::*;

use crate::{cid, EntryView, EpochView, System, DAY, FLT, WEEK};

/// For the differential test on the node (tests/node), which drives motsu
/// and generates sequences without its own dependency on either.
pub use {motsu, proptest};

/// Actors of a sequence: 0..5 are funded at setup, 0..4 delegate to
/// themselves, 5 holds nothing.
pub const ACTORS: usize = 6;
/// `Claim`/`ClaimFor`/`Disqualify` epoch "back" value naming the epoch of
/// the latest [`Op::ToClaims`] instead of `current - back`.
pub const SCENE: u64 = u64::MAX;
/// `Propose` id of a signal proposal (governor target, empty calldata).
pub const SIGNAL: u8 = 18;
/// `setParameter(uint8,uint256)`.
pub const SET_PARAMETER: [u8; 4] = [0x2a, 0xb4, 0x14, 0xfc];

pub fn flt(x: u64) -> U256 {
    U256::from(x) * FLT
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Transfer(usize, usize, u64),
    Approve(usize, usize, u64),
    TransferFrom(usize, usize, usize, u64),
    Register(usize),
    /// Ids below 20 repeat across steps (replays); the rest are fresh.
    Record {
        by_validator: bool,
        who: usize,
        id: u8,
        previous: u32,
        delta: i32,
    },
    Claim(usize, u64),
    ClaimFor(usize, usize, u64),
    Stake(usize, u64, u8),
    Unstake(usize),
    Delegate(usize, usize),
    Advance(u64),
    /// Time moves to the second the current epoch's claims open.
    ToClaims,
    /// Time moves to the end of the actor's lock.
    ToLockEnd(usize),
    /// Time moves past the latest proposal's vote start.
    ToVoteStart,
    /// Time moves past the latest proposal's deadline.
    ToVoteEnd,
    /// Time moves to the latest proposal's eta.
    ToEta,
    /// By signer 0..3, or by actor 0 (not a signer) for 3.
    Pause(usize),
    Unpause,
    Disqualify(usize, u64),
    Ban(usize, bool),
    /// Direct call: always refused (only proposal execution may).
    SetParameter(u8, u64),
    Permit {
        owner: usize,
        spender: usize,
        amount: u64,
        valid: bool,
    },
    /// `id` < 18: a `setParameter(id, value)` action on the contract owning
    /// it; [`SIGNAL`]: a signal proposal.
    Propose {
        who: usize,
        id: u8,
        value: U256,
    },
    Vote(usize, u8),
    ApproveProposal(usize),
    Queue,
    Execute,
}

/// The operation kinds counted (and each required to succeed).
pub const KINDS: [&str; 25] = [
    "transfer",
    "approve",
    "transferFrom",
    "register",
    "record",
    "claim",
    "claimFor",
    "stake",
    "unstake",
    "delegate",
    "advance",
    "pause",
    "unpause",
    "disqualify",
    "ban",
    "unban",
    "setParameter",
    "permit",
    "propose",
    "proposeSignal",
    "vote",
    "approveProposal",
    "queue",
    "executeSignal",
    "executeSetParameter",
];

impl Op {
    pub fn kind(&self) -> &'static str {
        match self {
            Op::Transfer(..) => "transfer",
            Op::Approve(..) => "approve",
            Op::TransferFrom(..) => "transferFrom",
            Op::Register(_) => "register",
            Op::Record { .. } => "record",
            Op::Claim(..) => "claim",
            Op::ClaimFor(..) => "claimFor",
            Op::Stake(..) => "stake",
            Op::Unstake(_) => "unstake",
            Op::Delegate(..) => "delegate",
            Op::Advance(_) | Op::ToClaims | Op::ToLockEnd(_) | Op::ToVoteStart | Op::ToVoteEnd | Op::ToEta => "advance",
            Op::Pause(_) => "pause",
            Op::Unpause => "unpause",
            Op::Disqualify(..) => "disqualify",
            Op::Ban(_, true) => "ban",
            Op::Ban(_, false) => "unban",
            Op::SetParameter(..) => "setParameter",
            Op::Permit { .. } => "permit",
            Op::Propose { id, .. } if *id >= SIGNAL => "proposeSignal",
            Op::Propose { .. } => "propose",
            Op::Vote(..) => "vote",
            Op::ApproveProposal(_) => "approveProposal",
            Op::Queue => "queue",
            Op::Execute => "executeSignal",
        }
    }
}

fn amount() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..3, 1_000u64..150_000, Just(100_000u64)]
}

/// One op of the random mixture (mostly refused).
pub fn op() -> impl Strategy<Value = Op> {
    let who = 0..ACTORS;
    prop_oneof![
        (who.clone(), who.clone(), amount()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        (who.clone(), who.clone(), amount()).prop_map(|(a, b, x)| Op::Approve(a, b, x)),
        (who.clone(), who.clone(), who.clone(), amount()).prop_map(|(s, a, b, x)| Op::TransferFrom(s, a, b, x)),
        who.clone().prop_map(Op::Register),
        (any::<bool>(), who.clone(), 0u8..40, 0u32..1_000_100, -30_000i32..30_000)
            .prop_map(|(v, w, id, previous, delta)| Op::Record { by_validator: v, who: w, id, previous, delta }),
        (who.clone(), 0u64..4).prop_map(|(w, e)| Op::Claim(w, e)),
        (who.clone(), who.clone(), 0u64..4).prop_map(|(a, b, e)| Op::ClaimFor(a, b, e)),
        (who.clone(), amount(), 0u8..5).prop_map(|(w, x, t)| Op::Stake(w, x, t)),
        who.clone().prop_map(Op::Unstake),
        (who.clone(), who.clone()).prop_map(|(a, b)| Op::Delegate(a, b)),
        prop_oneof![1u64..600, Just(DAY), Just(WEEK), Just(31 * DAY)].prop_map(Op::Advance),
        (0usize..4).prop_map(Op::Pause),
        Just(Op::Unpause),
        (who.clone(), 0u64..4).prop_map(|(w, e)| Op::Disqualify(w, e)),
        (who.clone(), any::<bool>()).prop_map(|(w, b)| Op::Ban(w, b)),
        (0u8..19, prop_oneof![Just(0u64), Just(1), Just(10), Just(1_000), Just(86_400), Just(u64::MAX)])
            .prop_map(|(id, v)| Op::SetParameter(id, v)),
        (who.clone(), who.clone(), amount(), any::<bool>()).prop_map(|(o, sp, x, valid)| Op::Permit {
            owner: o,
            spender: sp,
            amount: x,
            valid
        }),
        (who.clone(), 0u8..19, prop_oneof![Just(1u64), Just(2), Just(500), Just(3_600), Just(86_400), Just(20_000)])
            .prop_map(|(w, id, value)| Op::Propose {
                who: w,
                id,
                value: if id == 12 { flt(value) } else { U256::from(value) }
            }),
        (who.clone(), 0u8..4).prop_map(|(w, support)| Op::Vote(w, support)),
        (0usize..4).prop_map(Op::ApproveProposal),
        Just(Op::Queue),
        Just(Op::Execute),
    ]
}

/// An in-bounds value for parameter `id`, inside a sub-range that keeps the
/// system workable for the rest of the sequence (contributors stay
/// eligible, holders can still stake, propose and reach quorum).
pub fn param_value(id: u8) -> BoxedStrategy<U256> {
    let range = |lo: u128, hi: u128| (lo..=hi).prop_map(U256::from).boxed();
    let param = Param::from_id(id).expect("id < 18");
    let (min, max) = param.bounds();
    match param {
        Param::MinShareBps => range(0, 100),
        Param::MinContributions => range(1, 2),
        Param::CountWeight => range(1, max),
        Param::NeutralBand => range(0, 1_000),
        Param::SevereDrop | Param::FullBoostImpact => range(1_001, max),
        Param::StakeMin => range(min, 50_000 * FLT.to::<u128>()),
        Param::ProposalThreshold => range(0, 100_000 * FLT.to::<u128>()),
        Param::QuorumBps => range(1, 3_000),
        _ => range(min, max),
    }
}

/// Contributors register, the validator records fresh ids for them (some
/// get a council disqualification while the epoch runs), time moves to the
/// claim window, and they claim or are claimed for.
fn contribute_scene() -> impl Strategy<Value = Vec<Op>> {
    (
        proptest::sample::subsequence((0..ACTORS).collect::<Vec<_>>(), 1..=4),
        proptest::collection::vec((1u8..=3, 0u32..1_000_000, -20_000i32..40_000, 0u8..10, 0usize..ACTORS), 4),
    )
        .prop_map(|(who, params)| {
            let mut ops = Vec::new();
            for (w, (n, previous, delta, _, _)) in who.iter().zip(&params) {
                ops.push(Op::Register(*w));
                for _ in 0..*n {
                    ops.push(Op::Record { by_validator: true, who: *w, id: 255, previous: *previous, delta: *delta });
                }
            }
            for (w, (_, _, _, fate, _)) in who.iter().zip(&params) {
                if *fate == 0 {
                    ops.push(Op::Disqualify(*w, 0));
                }
            }
            ops.push(Op::ToClaims);
            for (w, (_, _, _, fate, by)) in who.iter().zip(&params) {
                match fate {
                    0 | 1 => {
                        // A disqualified contributor's claim is refused; a
                        // second claim is refused.
                        ops.push(Op::Claim(*w, SCENE));
                        ops.push(Op::ClaimFor(*by, *w, SCENE));
                    }
                    2..=5 => ops.push(Op::Claim(*w, SCENE)),
                    _ => ops.push(Op::ClaimFor(*by, *w, SCENE)),
                }
            }
            ops
        })
}

/// A holder stakes, time passes the lock, it unstakes.
fn stake_scene() -> impl Strategy<Value = Vec<Op>> {
    (0..5usize, 10_000u64..60_000, 0u8..4, any::<bool>()).prop_map(|(w, x, tier, early)| {
        let mut ops = vec![Op::Stake(w, x, tier)];
        if early {
            ops.push(Op::Unstake(w));
        }
        ops.extend([Op::ToLockEnd(w), Op::Unstake(w)]);
        ops
    })
}

/// A delegated holder proposes (an in-bounds parameter change or a signal),
/// holders vote for it, it is queued, two council signers approve, and it
/// executes after the timelock.
fn govern_scene() -> impl Strategy<Value = Vec<Op>> {
    // One scene in four is a signal proposal: drawn uniformly with the 18
    // parameter ids, a run of 32 sequences could miss it (about 1 in 14).
    prop_oneof![3 => 0u8..SIGNAL, 1 => Just(SIGNAL)]
        .prop_flat_map(|id| {
            let value = if id < SIGNAL { param_value(id) } else { Just(U256::ZERO).boxed() };
            (
                0..4usize,
                Just(id),
                value,
                proptest::sample::subsequence(vec![0usize, 1, 2, 3], 2..=4),
                proptest::sample::subsequence(vec![0usize, 1, 2], 2..=2),
            )
        })
        .prop_map(|(who, id, value, voters, approvers)| {
            let mut ops = vec![Op::Propose { who, id, value }, Op::ToVoteStart];
            ops.extend(voters.iter().map(|v| Op::Vote(*v, 1)));
            ops.extend([Op::ToVoteEnd, Op::Queue]);
            ops.extend(approvers.iter().map(|a| Op::ApproveProposal(*a)));
            ops.extend([Op::ToEta, Op::Execute]);
            ops
        })
}

/// Council actions: a ban (and the banned contributor's refused recording)
/// then an unban; a pause (and a refused transfer) then an unpause; an
/// allowance spent by `transferFrom`, set by `approve` or a permit.
fn council_scene() -> impl Strategy<Value = Vec<Op>> {
    prop_oneof![
        (0..ACTORS, 0u32..1_000_000).prop_map(|(w, p)| vec![
            Op::Ban(w, true),
            Op::Record { by_validator: true, who: w, id: 255, previous: p, delta: 0 },
            Op::Ban(w, false),
        ]),
        (0usize..3, 0..5usize).prop_map(|(signer, w)| vec![Op::Pause(signer), Op::Transfer(w, 5, 1), Op::Unpause]),
        (0..5usize, 0..ACTORS, 0..ACTORS, 1u64..50_000, any::<bool>()).prop_map(|(owner, spender, to, x, permit)| {
            vec![
                if permit {
                    Op::Permit { owner, spender, amount: x, valid: true }
                } else {
                    Op::Approve(owner, spender, x)
                },
                Op::TransferFrom(spender, owner, to, x / 2),
            ]
        }),
    ]
}

/// Holders move tokens and votes: transfers within their balance,
/// delegations, approvals.
fn holders_scene() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(
        prop_oneof![
            (0..5usize, 0..ACTORS, 1u64..20_000).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
            (0..ACTORS, 0..ACTORS).prop_map(|(a, b)| Op::Delegate(a, b)),
            (0..ACTORS, 0..ACTORS, 1u64..20_000).prop_map(|(a, b, x)| Op::Approve(a, b, x)),
        ],
        1..4,
    )
}

/// A sequence: scenes, each purposeful or a run of random ops.
pub fn sequence(scenes: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Op>> {
    let scene = prop_oneof![
        1 => holders_scene(),
        3 => contribute_scene(),
        2 => stake_scene(),
        3 => govern_scene(),
        2 => council_scene(),
        3 => proptest::collection::vec(op(), 1..8),
    ];
    proptest::collection::vec(scene, scenes).prop_map(|s| s.concat())
}

/// Contracts of a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Token,
    Rewards,
    Governor,
}

/// One transaction of a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Transfer { to: Address, amount: U256 },
    Approve { spender: Address, amount: U256 },
    TransferFrom { from: Address, to: Address, amount: U256 },
    Stake { amount: U256, tier: u8 },
    Unstake,
    Delegate { to: Address },
    Permit { owner: Address, spender: Address, value: U256, deadline: U256, v: u8, r: B256, s: B256 },
    Register { node_id: B256 },
    Record { who: Address, id: B256, previous: u32, new: u32 },
    Claim { epochs: Vec<u64> },
    ClaimFor { who: Address, epochs: Vec<u64> },
    SetParameter { target: Target, id: u8, value: U256 },
    Pause,
    CouncilPropose { kind: u8, data: Bytes },
    CouncilApprove { id: U256 },
    Propose { targets: Vec<Address>, calldatas: Vec<Bytes>, description: String },
    CastVote { id: U256, support: u8 },
    ApproveProposal { id: U256 },
    Queue { targets: Vec<Address>, calldatas: Vec<Bytes>, hash: B256 },
    Execute { targets: Vec<Address>, calldatas: Vec<Bytes>, hash: B256 },
}

/// A transaction's outcome: the function's (first) return value as a word
/// (claims: the amount paid; proposals: the id; council proposals: the
/// action id; votes: the weight; bools: 0/1; none: 0), or the ABI-encoded
/// custom error it reverted with.
pub type Outcome = Result<U256, Vec<u8>>;

/// What a step needs from a deployment: transactions and views.
pub trait Chain {
    fn send(&mut self, from: Address, call: &Call) -> Outcome;
    /// Moves time `seconds` forward.
    fn advance(&mut self, seconds: u64);
    fn now(&self) -> u64;
    fn address(&self, target: Target) -> Address;
    fn chain_id(&self) -> u64;

    fn balance(&self, who: Address) -> U256;
    fn total_supply(&self) -> U256;
    fn allowance(&self, owner: Address, spender: Address) -> U256;
    fn nonces(&self, owner: Address) -> U256;
    fn stake_of(&self, who: Address) -> (U256, u8, u64, u32);
    fn votes(&self, who: Address) -> U256;
    fn past_votes(&self, who: Address, t: u64) -> U256;
    fn token_paused_until(&self) -> u64;
    fn token_params(&self) -> Vec<U256>;
    fn accounting(&self) -> (U256, U256);
    /// `currentEpoch()`, `None` before genesis.
    fn current_epoch(&self) -> Option<(u64, u64, u64)>;
    fn epoch_info(&self, e: u64) -> EpochView;
    fn contributor_epoch(&self, who: Address, e: u64) -> EntryView;
    fn rewards_paused_until(&self) -> u64;
    fn rewards_params(&self) -> Vec<U256>;
    fn gov_params(&self) -> Vec<U256>;
    fn gov_paused_until(&self) -> u64;
    fn proposal_snapshot(&self, id: U256) -> u64;
    fn proposal_deadline(&self, id: U256) -> u64;
    fn proposal_eta(&self, id: U256) -> u64;
}

/// The state a step can change, read back through views: balances (actors
/// and FLTRewards), accounting, stakes, votes, allowances, the pauses, the
/// current epoch, its entries and `epochInfo` of it and the two before.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub balances: Vec<U256>,
    pub accounting: (U256, U256),
    pub stakes: Vec<(U256, u8, u64, u32)>,
    pub votes: Vec<U256>,
    pub allowances: Vec<U256>,
    pub paused: (u64, u64, u64),
    pub epoch: Option<(u64, u64, u64)>,
    pub entries: Vec<EntryView>,
    pub epochs: Vec<EpochView>,
}

/// The latest proposal of a sequence.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub targets: Vec<Address>,
    pub calldatas: Vec<Bytes>,
    pub hash: B256,
    pub id: U256,
    pub change: Option<(u8, U256)>,
}

/// One sequence's bookkeeping on one chain.
pub struct Harness {
    pub actors: Vec<Address>,
    pub keys: Vec<Account>,
    pub signers: [Address; 3],
    pub validator: Address,
    pub latest: Option<Proposal>,
    /// (epoch, contributor) paid.
    pub claimed: HashSet<(u64, Address)>,
    /// Σ payouts per epoch.
    pub payouts: BTreeMap<u64, U256>,
    /// Contribution ids recorded.
    pub recorded: HashSet<B256>,
    /// Executed parameter changes: (epoch at execution, id, value).
    pub changes: Vec<(u64, u8, U256)>,
    /// The epoch the latest `ToClaims` opened the claims of.
    pub scene_epoch: u64,
    next_id: u64,
    /// (time, actor, votes) seen in the past.
    past: Vec<(u64, usize, U256)>,
    /// How many of the latest paid epochs and remembered seconds each step
    /// checks again (default: all).
    pub window: usize,
}

/// Succeeded and refused steps per kind.
#[derive(Debug, Default, Clone)]
pub struct Counts(pub BTreeMap<&'static str, (u64, u64)>);

impl Counts {
    pub fn add(&mut self, kind: &'static str, ok: bool) {
        let c = self.0.entry(kind).or_default();
        if ok {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }

    pub fn table(&self) -> String {
        let mut out = format!("{:<22}{:>10}{:>10}\n", "operation", "succeeded", "refused");
        for k in KINDS {
            let (ok, no) = self.0.get(k).copied().unwrap_or_default();
            out.push_str(&format!("{k:<22}{ok:>10}{no:>10}\n"));
        }
        out
    }

    /// Every kind succeeded at least once, except `setParameter` (a direct
    /// call), which never did.
    pub fn check(&self) -> Result<(), String> {
        let never: Vec<&str> =
            KINDS.iter().copied().filter(|k| *k != "setParameter" && self.0.get(k).is_none_or(|c| c.0 == 0)).collect();
        if !never.is_empty() {
            return Err(format!("operation kinds that never succeeded: {never:?}"));
        }
        match self.0.get("setParameter") {
            Some((0, n)) if *n > 0 => Ok(()),
            Some((ok, _)) if *ok > 0 => Err(format!("a direct setParameter succeeded {ok} times")),
            _ => Err("no direct setParameter was tried".into()),
        }
    }
}

/// `(owner, spender, value, nonce, deadline)` signed as an EIP-2612 permit.
pub fn sign_permit(
    key: &Account,
    token: Address,
    chain_id: u64,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: U256,
) -> (u8, B256, B256) {
    use alloy_signer::SignerSync;
    use alloy_sol_types::{eip712_domain, sol, SolStruct};
    sol! { struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; } }
    let domain = eip712_domain! { name: "Federated Learning Token", version: "1", chain_id: chain_id, verifying_contract: token, };
    let permit = Permit { owner: key.address(), spender, value, nonce, deadline };
    let sig = key.signer().sign_hash_sync(&permit.eip712_signing_hash(&domain)).expect("signing");
    (27 + u8::from(sig.v()), sig.r().into(), sig.s().into())
}

impl Harness {
    pub fn new(signers: [Address; 3], validator: Address) -> Harness {
        let keys: Vec<Account> = (0..ACTORS).map(|i| Account::from_seed(&format!("actor {i}"))).collect();
        Harness {
            actors: keys.iter().map(Account::address).collect(),
            keys,
            signers,
            validator,
            latest: None,
            claimed: HashSet::new(),
            payouts: BTreeMap::new(),
            recorded: HashSet::new(),
            changes: Vec::new(),
            scene_epoch: 0,
            next_id: 1 << 32,
            past: Vec::new(),
            window: usize::MAX,
        }
    }

    fn fresh(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Actors 0..5 earn 100,000 FLT each the only way tokens leave the
    /// reserve (register, one contribution, claim after the window opens);
    /// 0..4 delegate to themselves. Time starts at or before genesis.
    pub fn setup(&mut self, c: &mut dyn Chain) {
        let genesis = c.epoch_info(0).0;
        if c.now() < genesis {
            c.advance(genesis - c.now());
        }
        let must = |c: &mut dyn Chain, from: Address, call: Call| {
            c.send(from, &call).unwrap_or_else(|e| panic!("setup {call:?}: {}", alloy_primitives::hex::encode(e)))
        };
        for i in 0..5 {
            let who = self.actors[i];
            must(c, who, Call::Register { node_id: B256::from(U256::from_be_slice(who.as_slice())) });
            let id = cid(self.fresh());
            must(c, self.validator, Call::Record { who, id, previous: 800_000, new: 800_000 });
            self.recorded.insert(id);
        }
        let (epoch, ..) = c.current_epoch().expect("started");
        let open = c.epoch_info(epoch).2;
        c.advance(open - c.now());
        for i in 0..5 {
            let paid = must(c, self.actors[i], Call::Claim { epochs: vec![epoch] });
            assert_eq!(paid, crate::CAP, "setup: actor {i} earns the cap");
            self.paid(epoch, self.actors[i], paid);
        }
        for i in 0..4 {
            must(c, self.actors[i], Call::Delegate { to: self.actors[i] });
        }
        let snap = self.snapshot(c);
        self.check_invariants(c, &snap);
    }

    fn paid(&mut self, epoch: u64, who: Address, amount: U256) {
        assert!(self.claimed.insert((epoch, who)), "epoch {epoch} paid {who} twice");
        *self.payouts.entry(epoch).or_default() += amount;
    }

    pub fn snapshot(&self, c: &dyn Chain) -> Snapshot {
        let a = &self.actors;
        let epoch = c.current_epoch();
        let e = epoch.map_or(0, |e| e.0);
        Snapshot {
            balances: a.iter().map(|x| c.balance(*x)).chain([c.balance(c.address(Target::Rewards))]).collect(),
            accounting: c.accounting(),
            stakes: a.iter().map(|x| c.stake_of(*x)).collect(),
            votes: a.iter().map(|x| c.votes(*x)).collect(),
            allowances: a.iter().flat_map(|x| a.iter().map(|y| c.allowance(*x, *y))).collect(),
            paused: (c.token_paused_until(), c.rewards_paused_until(), c.gov_paused_until()),
            epoch,
            entries: a.iter().map(|x| c.contributor_epoch(*x, e)).collect(),
            epochs: (e.saturating_sub(2)..=e).map(|i| c.epoch_info(i)).collect(),
        }
    }

    /// The maxShareBps in force for epoch `e`: a change executed during
    /// epoch c applies from epoch c + 1.
    pub fn max_share_bps(&self, e: u64) -> u32 {
        let mut v = Param::MaxShareBps.default_value() as u32;
        for (c, id, value) in &self.changes {
            if *id == Param::MaxShareBps as u8 && *c < e {
                v = value.to::<u32>();
            }
        }
        v
    }

    /// SPEC.md section 10 after a successful step, on `snap`, the state
    /// after it.
    pub fn check_invariants(&self, c: &dyn Chain, snap: &Snapshot) {
        let supply = U256::from(1_000_000_000u64) * FLT;
        let total: U256 = snap.balances.iter().sum();
        assert_eq!(total, supply, "the supply is in the balances");
        assert_eq!(c.total_supply(), supply);
        let (reserve, earmarked) = snap.accounting;
        let held = snap.balances[ACTORS];
        assert_eq!(held, reserve + earmarked, "balanceOf(FLTRewards) == reserve + earmarked");
        let circulating = supply - held;
        let votes: U256 = snap.votes.iter().sum();
        assert!(votes <= circulating, "votes {votes} exceed circulating {circulating}");
        for (stake, balance) in snap.stakes.iter().zip(&snap.balances) {
            assert!(stake.0 <= *balance, "locked <= balance");
        }
        for (i, v) in c.rewards_params().iter().enumerate() {
            assert!(Param::from_id(i as u8).unwrap().check(*v).is_ok(), "parameter {i} in bounds");
        }
        assert!(Param::StakeMin.check(c.token_params()[0]).is_ok());
        for (i, v) in c.gov_params().iter().enumerate() {
            assert!(Param::from_id(13 + i as u8).unwrap().check(*v).is_ok(), "parameter {} in bounds", 13 + i);
        }
        // The `window` latest epochs paid (all of them by default).
        let recent: Vec<u64> = self.payouts.keys().rev().take(self.window).copied().collect();
        for (e, who) in &self.claimed {
            if recent.contains(e) {
                assert!(c.contributor_epoch(*who, *e).4, "a paid claim stays claimed");
            }
        }
        // Σ payouts <= min(P_e, n_e * maxAmt_e) per closed epoch.
        for e in &recent {
            let paid = self.payouts[e];
            let (_, _, _, n, _, pool, _, closed) = c.epoch_info(*e);
            assert!(closed, "epoch {e} paid before it closed");
            let bound = flt_scoring::earmark(pool.to::<u128>(), u64::from(n), self.max_share_bps(*e));
            assert!(paid <= U256::from(bound), "epoch {e} paid {paid} > min(P, n * maxAmt) = {bound}");
            assert!(paid <= pool, "epoch {e} paid {paid} > pool {pool}");
        }
    }

    /// Votes at a past time never change: each new second is remembered
    /// (actors 0 and 1), and every remembered one (the `window` latest
    /// seconds) is read again.
    fn check_past_votes(&mut self, c: &dyn Chain) {
        let t = c.now() - 1;
        if self.past.last().is_none_or(|p| p.0 != t) {
            for i in 0..2 {
                self.past.push((t, i, c.past_votes(self.actors[i], t)));
            }
        }
        for (t, i, v) in self.past.iter().rev().take(self.window.saturating_mul(2)) {
            assert_eq!(c.past_votes(self.actors[*i], *t), *v, "votes of actor {i} at {t} changed");
        }
    }

    fn epoch_back(&self, c: &dyn Chain, back: u64) -> u64 {
        if back == SCENE {
            self.scene_epoch
        } else {
            c.current_epoch().map_or(0, |e| e.0).saturating_sub(back)
        }
    }

    /// Runs `op`; returns each transaction's outcome (empty: nothing to
    /// send, a refusal) and whether the step succeeded.
    pub fn run(&mut self, c: &mut dyn Chain, op: &Op) -> (Vec<Outcome>, bool) {
        let a = self.actors.clone();
        let mut out = Vec::new();
        let send = |c: &mut dyn Chain, out: &mut Vec<Outcome>, from: Address, call: Call| {
            let r = c.send(from, &call);
            out.push(r.clone());
            r
        };
        let signer = |i: usize| if i < 3 { self.signers[i] } else { a[0] };
        let council = |c: &mut dyn Chain, out: &mut Vec<Outcome>, kind: u8, data: Vec<u8>| {
            let id = send(c, out, self.signers[0], Call::CouncilPropose { kind, data: data.into() })?;
            send(c, out, self.signers[1], Call::CouncilApprove { id })
        };
        let ok = match op.clone() {
            Op::Transfer(x, y, n) => send(c, &mut out, a[x], Call::Transfer { to: a[y], amount: flt(n) }).is_ok(),
            Op::Approve(x, y, n) => send(c, &mut out, a[x], Call::Approve { spender: a[y], amount: flt(n) }).is_ok(),
            Op::TransferFrom(sp, x, y, n) => {
                send(c, &mut out, a[sp], Call::TransferFrom { from: a[x], to: a[y], amount: flt(n) }).is_ok()
            }
            Op::Register(x) => send(c, &mut out, a[x], Call::Register { node_id: B256::ZERO }).is_ok(),
            Op::Record { by_validator, who, id, previous, delta } => {
                let caller = if by_validator { self.validator } else { a[who] };
                let new = (i64::from(previous) + i64::from(delta)).clamp(0, 1_000_100) as u32;
                let id = cid(if id < 20 { u64::from(id) } else { self.fresh() });
                let ok = send(c, &mut out, caller, Call::Record { who: a[who], id, previous, new }).is_ok();
                if ok {
                    assert!(self.recorded.insert(id), "contribution id {id} counted twice");
                }
                ok
            }
            Op::Claim(x, back) | Op::ClaimFor(_, x, back) => {
                let epoch = self.epoch_back(c, back);
                let r = match op {
                    Op::ClaimFor(by, ..) if a[*by] != a[x] => {
                        send(c, &mut out, a[*by], Call::ClaimFor { who: a[x], epochs: vec![epoch] })
                    }
                    _ => send(c, &mut out, a[x], Call::Claim { epochs: vec![epoch] }),
                };
                if let Ok(paid) = r {
                    self.paid(epoch, a[x], paid);
                }
                r.is_ok()
            }
            Op::Stake(x, n, tier) => send(c, &mut out, a[x], Call::Stake { amount: flt(n), tier }).is_ok(),
            Op::Unstake(x) => send(c, &mut out, a[x], Call::Unstake).is_ok(),
            Op::Delegate(x, y) => send(c, &mut out, a[x], Call::Delegate { to: a[y] }).is_ok(),
            Op::Advance(secs) => {
                c.advance(secs);
                true
            }
            Op::ToClaims => {
                let (e, ..) = c.current_epoch().expect("started");
                let open = c.epoch_info(e).2;
                c.advance(open.saturating_sub(c.now()));
                self.scene_epoch = e;
                true
            }
            Op::ToLockEnd(x) => {
                let end = c.stake_of(a[x]).2;
                c.advance(end.saturating_sub(c.now()));
                true
            }
            Op::ToVoteStart | Op::ToVoteEnd | Op::ToEta => {
                if let Some(p) = &self.latest {
                    let t = match op {
                        Op::ToVoteStart => c.proposal_snapshot(p.id) + 1,
                        Op::ToVoteEnd => c.proposal_deadline(p.id) + 1,
                        _ => c.proposal_eta(p.id),
                    };
                    c.advance(t.saturating_sub(c.now()));
                }
                true
            }
            Op::Pause(i) => send(c, &mut out, signer(i), Call::Pause).is_ok(),
            Op::Unpause => council(c, &mut out, kind::UNPAUSE, vec![]).is_ok(),
            Op::Disqualify(x, back) => {
                let epoch = self.epoch_back(c, back);
                council(c, &mut out, kind::DISQUALIFY, (epoch, a[x]).abi_encode_params()).is_ok()
            }
            Op::Ban(x, b) => council(c, &mut out, if b { kind::BAN } else { kind::UNBAN }, a[x].abi_encode()).is_ok(),
            Op::SetParameter(id, v) => {
                let target = match id {
                    0..=11 => Target::Rewards,
                    12 => Target::Token,
                    _ => Target::Governor,
                };
                let r = send(c, &mut out, a[0], Call::SetParameter { target, id, value: U256::from(v) });
                assert!(r.is_err(), "setParameter accepted a direct call");
                false
            }
            Op::Permit { owner, spender, amount, valid } => {
                let nonce = c.nonces(a[owner]);
                let deadline = U256::from(if valid { c.now() + 60 } else { c.now() - 1 });
                let token = c.address(Target::Token);
                let (v, r, s) =
                    sign_permit(&self.keys[owner], token, c.chain_id(), a[spender], flt(amount), nonce, deadline);
                let call = Call::Permit { owner: a[owner], spender: a[spender], value: flt(amount), deadline, v, r, s };
                send(c, &mut out, a[spender], call).is_ok()
            }
            Op::Propose { who, id, value } => {
                let (target, data, change) = if id >= SIGNAL {
                    (c.address(Target::Governor), Bytes::new(), None)
                } else {
                    let target = match id {
                        0..=11 => Target::Rewards,
                        12 => Target::Token,
                        _ => Target::Governor,
                    };
                    let data = [&SET_PARAMETER[..], &(U256::from(id), value).abi_encode_params()].concat();
                    (c.address(target), data.into(), Some((id, value)))
                };
                let description = format!("step {}", self.fresh());
                let hash = keccak256(description.as_bytes());
                let r = send(
                    c,
                    &mut out,
                    a[who],
                    Call::Propose { targets: vec![target], calldatas: vec![data.clone()], description },
                );
                if let Ok(id) = r {
                    self.latest = Some(Proposal { targets: vec![target], calldatas: vec![data], hash, id, change });
                }
                r.is_ok()
            }
            Op::Vote(who, support) => match &self.latest {
                Some(p) => send(c, &mut out, a[who], Call::CastVote { id: p.id, support }).is_ok(),
                None => false,
            },
            Op::ApproveProposal(i) => match &self.latest {
                Some(p) => send(c, &mut out, signer(i), Call::ApproveProposal { id: p.id }).is_ok(),
                None => false,
            },
            Op::Queue | Op::Execute => match self.latest.clone() {
                Some(p) => {
                    let (targets, calldatas, hash) = (p.targets, p.calldatas, p.hash);
                    let call = if matches!(op, Op::Queue) {
                        Call::Queue { targets, calldatas, hash }
                    } else {
                        Call::Execute { targets, calldatas, hash }
                    };
                    let ok = send(c, &mut out, a[5], call).is_ok();
                    if ok && matches!(op, Op::Execute) {
                        if let Some((id, value)) = p.change {
                            let epoch = c.current_epoch().map_or(0, |e| e.0);
                            self.changes.push((epoch, id, value));
                        }
                    }
                    ok
                }
                None => false,
            },
        };
        (out, ok)
    }

    /// The kind `op` is counted as: an execution is `executeSetParameter`
    /// when the latest proposal changes a parameter.
    pub fn kind(&self, op: &Op) -> &'static str {
        match (op, &self.latest) {
            (Op::Execute, Some(Proposal { change: Some(_), .. })) => "executeSetParameter",
            _ => op.kind(),
        }
    }

    /// Runs `op` with every check: a refused step changed nothing (against
    /// `before`, the snapshot of the state before it), a successful one
    /// keeps every invariant; votes in the past never change.
    pub fn step(&mut self, c: &mut dyn Chain, op: &Op, before: &Snapshot) -> Step {
        let kind = self.kind(op);
        let (outcomes, ok) = self.run(c, op);
        let after = self.snapshot(c);
        if ok {
            self.check_invariants(c, &after);
        } else {
            assert_eq!(&after, before, "refused {op:?} ({outcomes:?}) changed state");
        }
        self.check_past_votes(c);
        Step { kind, outcomes, ok, after }
    }
}

/// What [`Harness::step`] saw.
#[derive(Debug, Clone)]
pub struct Step {
    pub kind: &'static str,
    /// Each transaction's outcome, in order.
    pub outcomes: Vec<Outcome>,
    pub ok: bool,
    /// The state after the step.
    pub after: Snapshot,
}

/// [`Chain`] on a motsu [`System`] (from [`System::deploy_governed`]).
pub struct Motsu<'a>(pub &'a System);

fn word(x: bool) -> U256 {
    U256::from(u8::from(x))
}

impl Chain for Motsu<'_> {
    fn send(&mut self, from: Address, call: &Call) -> Outcome {
        use stylus_sdk::abi::Bytes as B;
        let s = self.0;
        let b = |v: &[Bytes]| v.iter().map(|x| B(x.to_vec())).collect::<Vec<_>>();
        let (t, r, g) = (|| s.token.sender(from), || s.rewards.sender(from), || s.gov.sender(from));
        let k = || s.council.sender(from);
        let zero = |_| U256::ZERO;
        match call.clone() {
            Call::Transfer { to, amount } => t().transfer(to, amount).motsu_res().map(word).map_err(Vec::from),
            Call::Approve { spender, amount } => t().approve(spender, amount).motsu_res().map(word).map_err(Vec::from),
            Call::TransferFrom { from: f, to, amount } => {
                t().transfer_from(f, to, amount).motsu_res().map(word).map_err(Vec::from)
            }
            Call::Stake { amount, tier } => t().stake(amount, tier).motsu_res().map(zero).map_err(Vec::from),
            Call::Unstake => t().unstake().motsu_res().map(zero).map_err(Vec::from),
            Call::Delegate { to } => {
                t().delegate(to);
                Ok(U256::ZERO)
            }
            Call::Permit { owner, spender, value, deadline, v, r: sig_r, s: sig_s } => {
                t().permit(owner, spender, value, deadline, v, sig_r, sig_s).motsu_res().map(zero).map_err(Vec::from)
            }
            Call::Register { node_id } => r().register_contributor(node_id).motsu_res().map(zero).map_err(Vec::from),
            Call::Record { who, id, previous, new } => {
                r().record_contribution(who, id, previous, new).motsu_res().map(zero).map_err(Vec::from)
            }
            Call::Claim { epochs } => r().claim(epochs).motsu_res().map_err(Vec::from),
            Call::ClaimFor { who, epochs } => r().claim_for(who, epochs).motsu_res().map_err(Vec::from),
            Call::SetParameter { target, id, value } => match target {
                Target::Token => t().set_parameter(id, value).motsu_res().map(zero).map_err(Vec::from),
                Target::Rewards => r().set_parameter(id, value).motsu_res().map(zero).map_err(Vec::from),
                Target::Governor => g().set_parameter(id, value).motsu_res().map(zero).map_err(Vec::from),
            },
            Call::Pause => k().pause().motsu_res().map(zero).map_err(Vec::from),
            Call::CouncilPropose { kind, data } => {
                k().council_propose(kind, B(data.to_vec())).motsu_res().map_err(Vec::from)
            }
            Call::CouncilApprove { id } => k().council_approve(id).motsu_res().map(zero).map_err(Vec::from),
            Call::Propose { targets, calldatas, description } => {
                g().propose(targets, vec![U256::ZERO], b(&calldatas), description.into()).motsu_res().map_err(Vec::from)
            }
            Call::CastVote { id, support } => g().cast_vote(id, support).motsu_res().map_err(Vec::from),
            Call::ApproveProposal { id } => k().approve_proposal(id).motsu_res().map(zero),
            Call::Queue { targets, calldatas, hash } => {
                g().queue(targets, vec![U256::ZERO], b(&calldatas), hash).motsu_res().map_err(Vec::from)
            }
            Call::Execute { targets, calldatas, hash } => {
                g().execute(targets, vec![U256::ZERO], b(&calldatas), hash).motsu_res().map_err(Vec::from)
            }
        }
    }

    fn advance(&mut self, seconds: u64) {
        crate::advance(seconds);
    }
    fn now(&self) -> u64 {
        crate::now()
    }
    fn address(&self, target: Target) -> Address {
        match target {
            Target::Token => self.0.token.address(),
            Target::Rewards => self.0.rewards.address(),
            Target::Governor => self.0.gov.address(),
        }
    }
    fn chain_id(&self) -> u64 {
        42_161
    }
    fn balance(&self, who: Address) -> U256 {
        self.0.balance(who)
    }
    fn total_supply(&self) -> U256 {
        self.0.token.sender(self.0.deployer).total_supply()
    }
    fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.0.token.sender(self.0.deployer).allowance(owner, spender)
    }
    fn nonces(&self, owner: Address) -> U256 {
        self.0.token.sender(self.0.deployer).nonces(owner)
    }
    fn stake_of(&self, who: Address) -> (U256, u8, u64, u32) {
        self.0.token.sender(self.0.deployer).stake_of(who)
    }
    fn votes(&self, who: Address) -> U256 {
        self.0.token.sender(self.0.deployer).get_votes(who)
    }
    fn past_votes(&self, who: Address, t: u64) -> U256 {
        self.0.token.sender(self.0.deployer).get_past_votes(who, U256::from(t)).motsu_unwrap()
    }
    fn token_paused_until(&self) -> u64 {
        self.0.token.sender(self.0.deployer).paused_until()
    }
    fn token_params(&self) -> Vec<U256> {
        self.0.token.sender(self.0.deployer).params()
    }
    fn accounting(&self) -> (U256, U256) {
        self.0.accounting()
    }
    fn current_epoch(&self) -> Option<(u64, u64, u64)> {
        self.0.rewards.sender(self.0.deployer).current_epoch().ok()
    }
    fn epoch_info(&self, e: u64) -> EpochView {
        self.0.rewards.sender(self.0.deployer).epoch_info(e)
    }
    fn contributor_epoch(&self, who: Address, e: u64) -> EntryView {
        self.0.rewards.sender(self.0.deployer).contributor_epoch(who, e)
    }
    fn rewards_paused_until(&self) -> u64 {
        self.0.rewards.sender(self.0.deployer).paused_until()
    }
    fn rewards_params(&self) -> Vec<U256> {
        self.0.rewards.sender(self.0.deployer).params()
    }
    fn gov_params(&self) -> Vec<U256> {
        self.0.gov.sender(self.0.deployer).params()
    }
    fn gov_paused_until(&self) -> u64 {
        self.0.gov.sender(self.0.deployer).paused_until()
    }
    fn proposal_snapshot(&self, id: U256) -> u64 {
        self.0.gov.sender(self.0.deployer).proposal_snapshot(id).motsu_unwrap().to::<u64>()
    }
    fn proposal_deadline(&self, id: U256) -> u64 {
        self.0.gov.sender(self.0.deployer).proposal_deadline(id).motsu_unwrap().to::<u64>()
    }
    fn proposal_eta(&self, id: U256) -> u64 {
        self.0.gov.sender(self.0.deployer).proposal_eta(id).to::<u64>()
    }
}
