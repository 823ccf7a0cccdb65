//! Stateful property test (SPEC.md section 10): random sequences of
//! operations by random actors, authorised or not, over the three contracts
//! deployed together: transfers, approvals, permits, registrations,
//! recordings, claims, stakes, delegations, proposals, votes, council
//! approvals, queue/execute, council actions, pauses and time jumps. After every step every invariant holds, and every
//! refused step changed nothing.
//!
//! `FLT_STATEFUL_CASES` raises the number of sequences (default 24, each up
//! to 48 steps); the steps run are printed.

use std::{cell::Cell, collections::HashSet};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolValue;
use fl_governor::council::kind;
use fl_token::TOTAL_SUPPLY;
use flt_scoring::Param;
use flt_system_tests::*;
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::abi::Bytes;

const ACTORS: usize = 6;

fn flt(x: u64) -> U256 {
    U256::from(x) * FLT
}

#[derive(Debug, Clone)]
enum Op {
    Transfer(usize, usize, u64),
    Approve(usize, usize, u64),
    TransferFrom(usize, usize, usize, u64),
    Register(usize),
    Record { by_validator: bool, who: usize, id: u8, previous: u32, delta: i32 },
    Claim(usize, u64),
    ClaimFor(usize, usize, u64),
    Stake(usize, u64, u8),
    Unstake(usize),
    Delegate(usize, usize),
    Advance(u64),
    Pause(usize),
    Unpause,
    Disqualify(usize, u64),
    Ban(usize, bool),
    SetParameter(u8, u64),
    Permit { owner: usize, spender: usize, amount: u64, valid: bool },
    Propose { who: usize, id: u8, value: u64 },
    Vote(usize, u8),
    ApproveProposal(usize),
    Queue,
    Execute,
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..ACTORS;
    let amount = prop_oneof![0u64..3, 1_000u64..150_000, Just(100_000u64)];
    prop_oneof![
        (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Approve(a, b, x)),
        (who.clone(), who.clone(), who.clone(), amount.clone()).prop_map(|(s, a, b, x)| Op::TransferFrom(s, a, b, x)),
        who.clone().prop_map(Op::Register),
        (any::<bool>(), who.clone(), 0u8..40, 0u32..1_000_100, -30_000i32..30_000)
            .prop_map(|(v, w, id, previous, delta)| Op::Record { by_validator: v, who: w, id, previous, delta }),
        (who.clone(), 0u64..4).prop_map(|(w, e)| Op::Claim(w, e)),
        (who.clone(), who.clone(), 0u64..4).prop_map(|(a, b, e)| Op::ClaimFor(a, b, e)),
        (who.clone(), amount.clone(), 0u8..5).prop_map(|(w, x, t)| Op::Stake(w, x, t)),
        who.clone().prop_map(Op::Unstake),
        (who.clone(), who.clone()).prop_map(|(a, b)| Op::Delegate(a, b)),
        prop_oneof![1u64..600, Just(DAY), Just(WEEK), Just(31 * DAY)].prop_map(Op::Advance),
        (0usize..4).prop_map(Op::Pause),
        Just(Op::Unpause),
        (who.clone(), 0u64..4).prop_map(|(w, e)| Op::Disqualify(w, e)),
        (who.clone(), any::<bool>()).prop_map(|(w, b)| Op::Ban(w, b)),
        (0u8..19, prop_oneof![Just(0u64), Just(1), Just(10), Just(1_000), Just(86_400), Just(u64::MAX)])
            .prop_map(|(id, v)| Op::SetParameter(id, v)),
        (who.clone(), who.clone(), amount.clone(), any::<bool>()).prop_map(|(o, sp, x, valid)| Op::Permit {
            owner: o,
            spender: sp,
            amount: x,
            valid
        }),
        (who.clone(), 0u8..19, prop_oneof![Just(1u64), Just(2), Just(500), Just(3_600), Just(86_400), Just(20_000)])
            .prop_map(|(w, id, value)| Op::Propose { who: w, id, value }),
        (who.clone(), 0u8..4).prop_map(|(w, support)| Op::Vote(w, support)),
        (0usize..4).prop_map(Op::ApproveProposal),
        Just(Op::Queue),
        Just(Op::Execute),
    ]
}

type Snapshot = (Vec<U256>, (U256, U256), Vec<(U256, u8, u64, u32)>, Vec<U256>, Vec<U256>, u64, u64, Vec<EntryView>);

fn snapshot(s: &System, actors: &[Address]) -> Snapshot {
    let t = s.token.sender(s.deployer);
    let r = s.rewards.sender(s.deployer);
    let epoch = r.current_epoch().map_or(0, |c| c.0);
    (
        actors.iter().map(|a| s.balance(*a)).chain([s.balance(s.rewards.address())]).collect(),
        s.accounting(),
        actors.iter().map(|a| t.stake_of(*a)).collect(),
        actors.iter().map(|a| t.get_votes(*a)).collect(),
        actors.iter().flat_map(|a| actors.iter().map(|b| t.allowance(*a, *b))).collect(),
        t.paused_until(),
        r.paused_until(),
        actors.iter().map(|a| r.contributor_epoch(*a, epoch)).collect(),
    )
}

fn check_invariants(s: &System, actors: &[Address], claimed: &HashSet<(u64, Address)>) {
    let t = s.token.sender(s.deployer);
    let total: U256 = actors.iter().map(|a| s.balance(*a)).sum::<U256>() + s.balance(s.rewards.address());
    assert_eq!(total, TOTAL_SUPPLY, "the supply is in the balances");
    assert_eq!(t.total_supply(), TOTAL_SUPPLY);
    let (reserve, earmarked) = s.accounting();
    assert_eq!(s.balance(s.rewards.address()), reserve + earmarked);
    let circulating = TOTAL_SUPPLY - s.balance(s.rewards.address());
    let votes: U256 = actors.iter().map(|a| t.get_votes(*a)).sum();
    assert!(votes <= circulating, "votes {votes} exceed circulating {circulating}");
    for a in actors {
        assert!(t.stake_of(*a).0 <= s.balance(*a), "locked <= balance");
    }
    for (i, v) in s.rewards.sender(s.deployer).params().iter().enumerate() {
        assert!(Param::from_id(i as u8).unwrap().check(*v).is_ok(), "parameter {i} in bounds");
    }
    assert!(Param::StakeMin.check(t.params()[0]).is_ok());
    for (i, v) in s.gov.sender(s.deployer).params().iter().enumerate() {
        assert!(Param::from_id(13 + i as u8).unwrap().check(*v).is_ok(), "parameter {} in bounds", 13 + i);
    }
    for (e, who) in claimed {
        assert!(s.rewards.sender(*who).contributor_epoch(*who, *e).4, "a paid claim stays claimed");
    }
}

/// The latest proposal of a sequence: (targets, values, calldatas, description hash, id).
type Latest = Option<(Vec<Address>, Vec<U256>, Vec<Bytes>, alloy_primitives::B256, U256)>;

fn sign_permit(
    s: &System,
    owner: &Account,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: U256,
) -> (u8, B256, B256) {
    use alloy_signer::SignerSync;
    use alloy_sol_types::{eip712_domain, sol, SolStruct};
    sol! { struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; } }
    let domain = eip712_domain! { name: "Federated Learning Token", version: "1", chain_id: 42_161, verifying_contract: s.token.address(), };
    let permit = Permit { owner: owner.address(), spender, value, nonce, deadline };
    let sig = owner.signer().sign_hash_sync(&permit.eip712_signing_hash(&domain)).unwrap();
    (27 + u8::from(sig.v()), sig.r().into(), sig.s().into())
}

/// Runs one op; `true` if it succeeded, `false` if it was refused (and
/// rolled back, as a revert would).
#[allow(clippy::too_many_arguments)]
fn run(
    s: &System,
    a: &[Address],
    keys: &[Account],
    op: &Op,
    claimed: &mut HashSet<(u64, Address)>,
    ids: &Cell<u64>,
    latest: &mut Latest,
) -> bool {
    let council = |k: u8, data: Vec<u8>| {
        let id = s.gov.sender(s.signers[0]).council_propose(k, Bytes(data)).motsu_res();
        id.and_then(|id| s.gov.sender(s.signers[1]).council_approve(id).motsu_res()).is_ok()
    };
    match op.clone() {
        Op::Transfer(x, y, n) => s.token.sender(a[x]).transfer(a[y], flt(n)).motsu_res().is_ok(),
        Op::Approve(x, y, n) => s.token.sender(a[x]).approve(a[y], flt(n)).motsu_res().is_ok(),
        Op::TransferFrom(sp, x, y, n) => s.token.sender(a[sp]).transfer_from(a[x], a[y], flt(n)).motsu_res().is_ok(),
        Op::Register(x) => s.rewards.sender(a[x]).register_contributor(Default::default()).motsu_res().is_ok(),
        Op::Record { by_validator, who, id, previous, delta } => {
            let caller = if by_validator { s.validator } else { a[who] };
            let new = (i64::from(previous) + i64::from(delta)).clamp(0, 1_000_100) as u32;
            // Ids below 20 repeat across steps (replays); the rest are fresh.
            let id = if id < 20 { u64::from(id) } else { ids.replace(ids.get() + 1) };
            s.rewards.sender(caller).record_contribution(a[who], cid(id), previous, new).motsu_res().is_ok()
        }
        Op::Claim(x, back) | Op::ClaimFor(_, x, back) => {
            let epoch = s.rewards.sender(a[x]).current_epoch().map_or(0, |c| c.0).saturating_sub(back);
            let caller = if let Op::ClaimFor(c, ..) = op { a[*c] } else { a[x] };
            let ok = if caller == a[x] {
                s.rewards.sender(a[x]).claim(vec![epoch]).motsu_res().is_ok()
            } else {
                s.rewards.sender(caller).claim_for(a[x], vec![epoch]).motsu_res().is_ok()
            };
            if ok {
                assert!(claimed.insert((epoch, a[x])), "epoch {epoch} paid {} twice", a[x]);
            }
            ok
        }
        Op::Stake(x, n, tier) => s.token.sender(a[x]).stake(flt(n), tier).motsu_res().is_ok(),
        Op::Unstake(x) => s.token.sender(a[x]).unstake().motsu_res().is_ok(),
        Op::Delegate(x, y) => {
            s.token.sender(a[x]).delegate(a[y]);
            true
        }
        Op::Advance(secs) => {
            advance(secs);
            true
        }
        Op::Pause(i) => {
            let caller = if i < 3 { s.signers[i] } else { a[0] };
            s.gov.sender(caller).pause().motsu_res().is_ok()
        }
        Op::Unpause => council(kind::UNPAUSE, vec![]),
        Op::Disqualify(x, back) => {
            let epoch = s.rewards.sender(a[x]).current_epoch().map_or(0, |c| c.0).saturating_sub(back);
            council(kind::DISQUALIFY, (epoch, a[x]).abi_encode_params())
        }
        Op::Ban(x, b) => council(if b { kind::BAN } else { kind::UNBAN }, a[x].abi_encode()),
        Op::SetParameter(id, v) => {
            // Only proposal execution may; a direct call is always refused.
            let target_ok = match id {
                0..=11 => s.rewards.sender(a[0]).set_parameter(id, U256::from(v)).motsu_res().is_ok(),
                12 => s.token.sender(a[0]).set_parameter(id, U256::from(v)).motsu_res().is_ok(),
                _ => s.gov.sender(a[0]).set_parameter(id, U256::from(v)).motsu_res().is_ok(),
            };
            assert!(!target_ok, "setParameter accepted a direct call");
            false
        }
        Op::Permit { owner, spender, amount, valid } => {
            let t = s.token.sender(a[spender]);
            let nonce = t.nonces(a[owner]);
            let deadline = if valid { U256::from(now() + 60) } else { U256::from(now() - 1) };
            let (v, r, sig_s) = sign_permit(s, &keys[owner], a[spender], flt(amount), nonce, deadline);
            s.token
                .sender(a[spender])
                .permit(a[owner], a[spender], flt(amount), deadline, v, r, sig_s)
                .motsu_res()
                .is_ok()
        }
        Op::Propose { who, id, value } => {
            let target = match id {
                0..=11 => s.rewards.address(),
                12 => s.token.address(),
                _ => s.gov.address(),
            };
            let value = if id == 12 { flt(value) } else { U256::from(value) };
            let data: Bytes =
                [&[0x2a, 0xb4, 0x14, 0xfc][..], &(U256::from(id), value).abi_encode_params()].concat().into();
            let description = format!("step {}", ids.replace(ids.get() + 1));
            let hash = alloy_primitives::keccak256(description.as_bytes());
            let res = s
                .gov
                .sender(a[who])
                .propose(vec![target], vec![U256::ZERO], vec![data.clone()], description)
                .motsu_res();
            if let Ok(pid) = res {
                *latest = Some((vec![target], vec![U256::ZERO], vec![data], hash, pid));
            }
            res.is_ok()
        }
        Op::Vote(who, support) => match latest {
            Some((.., pid)) => s.gov.sender(a[who]).cast_vote(*pid, support).motsu_res().is_ok(),
            None => false,
        },
        Op::ApproveProposal(i) => match latest {
            Some((.., pid)) => {
                let caller = if i < 3 { s.signers[i] } else { a[0] };
                s.gov.sender(caller).approve_proposal(*pid).motsu_res().is_ok()
            }
            None => false,
        },
        Op::Queue | Op::Execute => match latest.clone() {
            Some((t, v, c, h, _)) => {
                let mut g = s.gov.sender(a[5]);
                if matches!(op, Op::Queue) { g.queue(t, v, c, h) } else { g.execute(t, v, c, h) }.motsu_res().is_ok()
            }
            None => false,
        },
    }
}

#[motsu::test]
fn invariants_hold_under_random_operation_sequences() {
    let cases: u32 = std::env::var("FLT_STATEFUL_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24);
    let steps = Cell::new(0u64);
    let refused = Cell::new(0u64);
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(ops in proptest::collection::vec(op(), 1..48))| {
        let s = System::deploy_governed();
        let keys: Vec<Account> = (0..ACTORS).map(|i| Account::from_seed(&format!("actor {i}"))).collect();
        let actors: Vec<Address> = keys.iter().map(Account::address).collect();
        s.fund(&actors[..5]);
        for who in &actors[..4] {
            s.token.sender(*who).delegate(*who);
        }
        let mut latest: Latest = None;
        let mut claimed = HashSet::new();
        let ids = Cell::new(1u64 << 32);
        let mut past = Vec::new();
        for op in &ops {
            let before = snapshot(&s, &actors);
            if run(&s, &actors, &keys, op, &mut claimed, &ids, &mut latest) {
                check_invariants(&s, &actors, &claimed);
            } else {
                refused.set(refused.get() + 1);
                prop_assert_eq!(&snapshot(&s, &actors), &before, "refused {:?} changed state", op);
            }
            steps.set(steps.get() + 1);
            // Votes at a past time never change.
            let t = now() - 1;
            past.push((t, s.token.sender(actors[0]).get_past_votes(actors[0], U256::from(t)).unwrap()));
            for (t, v) in &past {
                prop_assert_eq!(s.token.sender(actors[0]).get_past_votes(actors[0], U256::from(*t)).unwrap(), *v);
            }
        }
    });
    println!("stateful: {cases} sequences, {} steps, {} refused", steps.get(), refused.get());
    assert!(steps.get() >= u64::from(cases));
}
