//! Stateful property test (SPEC.md section 10): random sequences of
//! operations by random actors, authorised or not, over the three contracts
//! deployed together. After every step every invariant holds, and every
//! refused step changed nothing.
//!
//! `FLT_STATEFUL_CASES` raises the number of sequences (default 24, each up
//! to 48 steps); the steps run are printed.

use std::{cell::Cell, collections::HashSet};

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolValue;
use fl_governor::council::kind;
use fl_token::TOTAL_SUPPLY;
use flt_scoring::Param;
use flt_system_tests::*;
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::abi::Bytes;

const ACTORS: usize = 6;

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

/// Runs one op; `Ok(true)` if it succeeded, `Ok(false)` if it was refused.
fn run(s: &System, a: &[Address], op: &Op, claimed: &mut HashSet<(u64, Address)>, ids: &Cell<u64>) -> bool {
    let flt = |x: u64| U256::from(x) * FLT;
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
        let actors: Vec<Address> = (1..=ACTORS as u64).map(addr).collect();
        s.fund(&actors[..5]);
        let mut claimed = HashSet::new();
        let ids = Cell::new(1u64 << 32);
        let mut past = Vec::new();
        for op in &ops {
            let before = snapshot(&s, &actors);
            if run(&s, &actors, op, &mut claimed, &ids) {
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
