//! What only the governor may do in FLToken and FLTRewards (SPEC.md
//! sections 3, 4, 6 and 8): pause, parameters, validators, bans and
//! disqualification. Here a plain address wired as the governor makes the
//! calls FLTGovernor makes (tests/tests/governor.rs drives them through it).

use alloy_primitives::{Address, U256};
use fl_rewards::{
    errors::{self as re, Error as RError},
    events::{ContributorBanned, Disqualified, ParameterChanged},
};
use fl_token::errors::{self as te, Error as TError};
use flt_system_tests::*;
use motsu::prelude::*;

const BASE: u32 = 800_000;

fn flt(n: u64) -> U256 {
    U256::from(n) * FLT
}

#[motsu::test]
fn only_the_governor_reaches_the_hooks() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    for caller in [who, s.deployer, s.validator] {
        let mut r = s.rewards.sender(caller);
        let denied = RError::Unauthorized(re::FLTUnauthorized { caller });
        assert_eq!(r.set_validator(who, true).motsu_unwrap_err(), denied);
        assert_eq!(r.set_banned(who, true).motsu_unwrap_err(), denied);
        assert_eq!(r.disqualify(0, who).motsu_unwrap_err(), denied);
        assert_eq!(r.set_parameter(0, U256::ZERO).motsu_unwrap_err(), denied);
        assert_eq!(r.set_paused_until(now() + DAY).motsu_unwrap_err(), denied);
        let mut t = s.token.sender(caller);
        let denied = TError::Unauthorized(te::FLTUnauthorized { caller });
        assert_eq!(t.set_paused_until(now() + DAY).motsu_unwrap_err(), denied);
        assert_eq!(t.set_parameter(12, FLT).motsu_unwrap_err(), denied);
        assert_eq!(t.set_governor(caller).motsu_unwrap_err(), denied);
    }
    // The governor was named once, by the reserve's wiring; not even it can rename.
    let g = s.governor;
    assert_eq!(
        s.token.sender(g).set_governor(g).motsu_unwrap_err(),
        TError::Unauthorized(te::FLTUnauthorized { caller: g })
    );
    let r = s.rewards.sender(who);
    assert!(!r.is_validator(who));
    assert!(!r.contributor_info(who).1, "not banned");
    assert_eq!(r.paused_until(), 0);
    assert_eq!(s.token.sender(who).paused_until(), 0);
    assert_eq!(s.token.sender(who).params(), vec![flt(10_000)]);
}

#[motsu::test]
fn a_pause_stops_exactly_the_listed_operations_and_lapses() {
    let (a, b) = (addr(1), addr(2));
    let s = System::deploy();
    s.fund(&[a, b]);
    s.contribute(a, BASE, BASE);
    s.token.sender(a).stake(flt(10_000), 0).motsu_unwrap();
    let until = now() + 14 * DAY;
    s.token.sender(s.governor).set_paused_until(until).motsu_unwrap();
    s.rewards.sender(s.governor).set_paused_until(until).motsu_unwrap();
    let tp = || TError::EnforcedPause(te::EnforcedPause {});
    let rp = || RError::EnforcedPause(re::EnforcedPause {});
    s.token.sender(a).approve(b, flt(1)).motsu_unwrap();
    assert_eq!(s.token.sender(a).transfer(b, flt(1)).motsu_unwrap_err(), tp());
    assert_eq!(s.token.sender(b).transfer_from(a, b, flt(1)).motsu_unwrap_err(), tp());
    assert_eq!(s.token.sender(a).stake(flt(1), 0).motsu_unwrap_err(), tp());
    assert_eq!(s.token.sender(a).unstake().motsu_unwrap_err(), tp());
    assert_eq!(s.record(a, 77, BASE, BASE).motsu_unwrap_err(), rp());
    assert_eq!(
        s.rewards.sender(s.validator).record_contributions(vec![item(a, 78, BASE, BASE)]).motsu_unwrap_err(),
        rp()
    );
    assert_eq!(s.rewards.sender(a).claim(vec![0]).motsu_unwrap_err(), rp());
    assert_eq!(s.rewards.sender(b).claim_for(a, vec![0]).motsu_unwrap_err(), rp());
    // Views and voting keep working.
    s.token.sender(a).delegate(a);
    assert_eq!(s.token.sender(a).get_votes(a), CAP);
    assert_eq!(s.balance(a), CAP);
    assert_eq!(s.rewards.sender(a).contributor_epoch(a, 1).0, 1);
    // The pause lapses by itself.
    advance(14 * DAY);
    s.token.sender(a).transfer(b, flt(1)).motsu_unwrap();
    s.record(a, 77, BASE, BASE).motsu_unwrap();
    // An explicit unpause (a past time) works at once.
    s.rewards.sender(s.governor).set_paused_until(now() + DAY).motsu_unwrap();
    s.rewards.sender(s.governor).set_paused_until(0).motsu_unwrap();
    s.record(a, 79, BASE, BASE).motsu_unwrap();
}

#[motsu::test]
fn an_epoch_parameter_takes_effect_from_the_next_epoch() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    s.contribute(who, BASE, BASE);
    advance(DAY);
    let mut g = s.rewards.sender(s.governor);
    g.set_parameter(0, flt(2_000_000)).motsu_unwrap();
    g.set_parameter(1, U256::from(14 * DAY)).motsu_unwrap();
    s.rewards.assert_emitted(&ParameterChanged { id: 1, value: U256::from(14 * DAY) });
    // Epoch 0 keeps its snapshot; epoch 1 starts at the old boundary with the new length.
    assert_eq!(s.rewards.sender(who).current_epoch().motsu_unwrap(), (0, T0, T0 + WEEK));
    assert_eq!(s.rewards.sender(who).params()[..2], [flt(2_000_000), U256::from(14 * DAY)]);
    advance(6 * DAY);
    assert_eq!(s.rewards.sender(who).current_epoch().motsu_unwrap(), (1, T0 + WEEK, T0 + 3 * WEEK));
    s.contribute(who, BASE, BASE);
    assert_eq!(s.epoch_pool(0), POOL, "epoch 0 used the old pool");
    advance(2 * WEEK);
    assert_eq!(s.rewards.sender(who).current_epoch().motsu_unwrap(), (2, T0 + 3 * WEEK, T0 + 5 * WEEK));
    s.contribute(who, BASE, BASE);
    assert_eq!(s.epoch_pool(1), flt(2_000_000), "epoch 1 used the new pool");
}

#[motsu::test]
fn out_of_bounds_or_foreign_parameters_are_refused_unchanged() {
    let s = System::deploy();
    let mut g = s.rewards.sender(s.governor);
    let before = g.params();
    let err = g.set_parameter(0, flt(10_000_001)).motsu_unwrap_err();
    assert_eq!(
        err,
        RError::ParameterOutOfBounds(re::FLTParameterOutOfBounds {
            id: 0,
            value: flt(10_000_001),
            min: U256::ZERO,
            max: flt(10_000_000)
        })
    );
    let err = g.set_parameter(3, U256::from(1_001u32)).motsu_unwrap_err();
    assert_eq!(
        err,
        RError::ParameterOutOfBounds(re::FLTParameterOutOfBounds {
            id: 3,
            value: U256::from(1_001u32),
            min: U256::ZERO,
            max: U256::from(1_000u32)
        })
    );
    for id in [12u8, 17, 18, 255] {
        assert_eq!(
            g.set_parameter(id, U256::from(1u8)).motsu_unwrap_err(),
            RError::UnknownParameter(re::FLTUnknownParameter { id })
        );
    }
    assert_eq!(s.rewards.sender(s.governor).params(), before);
    let mut t = s.token.sender(s.governor);
    let err = t.set_parameter(12, FLT - U256::from(1u8)).motsu_unwrap_err();
    assert_eq!(
        err,
        TError::ParameterOutOfBounds(te::FLTParameterOutOfBounds {
            id: 12,
            value: FLT - U256::from(1u8),
            min: FLT,
            max: flt(10_000_000)
        })
    );
    assert_eq!(t.set_parameter(0, FLT).motsu_unwrap_err(), TError::UnknownParameter(te::FLTUnknownParameter { id: 0 }));
    assert_eq!(s.token.sender(s.governor).params(), vec![flt(10_000)]);
    s.token.sender(s.governor).set_parameter(12, flt(50_000)).motsu_unwrap();
    assert_eq!(s.token.sender(s.governor).params(), vec![flt(50_000)]);
}

#[motsu::test]
fn the_governor_adds_and_removes_validators() {
    let s = System::deploy();
    let (who, v2) = (addr(1), addr(2));
    s.register(who);
    s.rewards.sender(s.governor).set_validator(v2, true).motsu_unwrap();
    s.rewards.sender(v2).record_contribution(who, cid(1), BASE, BASE).motsu_unwrap();
    s.rewards.sender(s.governor).set_validator(v2, false).motsu_unwrap();
    let err = s.rewards.sender(v2).record_contribution(who, cid(2), BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, RError::NotValidator(re::FLTNotValidator { caller: v2 }));
    let err = s.rewards.sender(s.governor).set_validator(Address::ZERO, true).motsu_unwrap_err();
    assert_eq!(err, RError::InvalidValidator(re::FLTInvalidValidator { validator: Address::ZERO }));
}

#[motsu::test]
fn a_ban_disqualifies_this_epoch_and_refuses_new_contributions() {
    let s = System::deploy();
    let (bad, good) = (addr(1), addr(2));
    s.register(bad);
    s.register(good);
    s.contribute(bad, BASE, BASE + 1_000);
    s.contribute(good, BASE, BASE);
    s.rewards.sender(s.governor).set_banned(bad, true).motsu_unwrap();
    s.rewards.assert_emitted(&ContributorBanned { contributor: bad, banned: true });
    let info = s.rewards.sender(bad).epoch_info(0);
    assert_eq!((info.3, info.4), (1, U256::from(1_000_000u32)), "only the good entry counts");
    assert!(s.rewards.sender(bad).contributor_epoch(bad, 0).5, "disqualified");
    let err = s.record(bad, 99, BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, RError::ContributorBanned(re::FLTContributorBanned { contributor: bad }));
    // Unbanned, it contributes again from the next epoch on.
    s.rewards.sender(s.governor).set_banned(bad, false).motsu_unwrap();
    advance(WEEK);
    s.record(bad, 99, BASE, BASE).motsu_unwrap();
    assert!(s.rewards.sender(bad).contributor_epoch(bad, 1).3);
}

#[motsu::test]
fn a_ban_after_a_disqualification_or_a_second_ban_in_one_epoch_still_bans() {
    let s = System::deploy();
    let (bad, good) = (addr(1), addr(2));
    s.register(bad);
    s.register(good);
    s.contribute(bad, BASE, BASE + 1_000);
    s.contribute(good, BASE, BASE);
    // The fraud is handled first by disqualifying this epoch's entry ...
    s.rewards.sender(s.governor).disqualify(0, bad).motsu_unwrap();
    let before = s.rewards.sender(bad).epoch_info(0);
    // ... then by a ban: the entry is already out, the ban must still land.
    s.rewards.sender(s.governor).set_banned(bad, true).motsu_unwrap();
    s.rewards.assert_emitted(&ContributorBanned { contributor: bad, banned: true });
    assert!(s.rewards.sender(bad).contributor_info(bad).1, "banned");
    assert_eq!(s.rewards.sender(bad).epoch_info(0), before, "the epoch's totals are not touched twice");
    // Unban and ban again within the same epoch.
    s.rewards.sender(s.governor).set_banned(bad, false).motsu_unwrap();
    s.rewards.sender(s.governor).set_banned(bad, true).motsu_unwrap();
    assert!(s.rewards.sender(bad).contributor_info(bad).1, "banned again");
    assert_eq!(s.rewards.sender(bad).epoch_info(0), before);
    let err = s.record(bad, 99, BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, RError::ContributorBanned(re::FLTContributorBanned { contributor: bad }));
}

/// Issue 13 item 3, the rule chosen (README, "Bans"): a ban takes the
/// contributor out of the whole epoch it falls in. Whatever its entry was at
/// ban time (none, only severe contributions, or counted), contributions
/// recorded after an unban in that epoch stay out of n and S, and it earns
/// again from the next epoch.
#[motsu::test]
fn ban_then_unban_in_one_epoch_excludes_that_epoch_whatever_the_entry_was() {
    let s = System::deploy();
    let (none, severe, counted, good) = (addr(1), addr(2), addr(3), addr(4));
    for who in [none, severe, counted, good] {
        s.register(who);
    }
    s.record(severe, 1, BASE, BASE - 10_000).motsu_unwrap(); // severe: not counted
    s.record(counted, 2, BASE, BASE + 1_000).motsu_unwrap();
    s.record(good, 3, BASE, BASE).motsu_unwrap();
    let before = s.rewards.sender(good).epoch_info(0);
    assert_eq!(before.3, 2, "counted and good");
    for (i, who) in [none, severe, counted].into_iter().enumerate() {
        s.rewards.sender(s.governor).set_banned(who, true).motsu_unwrap();
        s.rewards.assert_emitted(&Disqualified { epoch: 0, contributor: who, returned: U256::ZERO });
        s.rewards.sender(s.governor).set_banned(who, false).motsu_unwrap();
        s.rewards.assert_emitted(&ContributorBanned { contributor: who, banned: false });
        s.record(who, 10 + i as u64, BASE, BASE + 5_000).motsu_unwrap();
        let e = s.rewards.sender(who).contributor_epoch(who, 0);
        assert_eq!((e.0 >= 1, e.3, e.5), (true, false, true), "recorded, not eligible, disqualified");
    }
    let info = s.rewards.sender(good).epoch_info(0);
    let good_score = s.rewards.sender(good).contributor_epoch(good, 0).2;
    assert_eq!((info.3, info.4), (1, good_score), "only good counts");
    advance(WEEK + DAY);
    for who in [none, severe, counted] {
        let err = s.rewards.sender(who).claim(vec![0]).motsu_unwrap_err();
        assert_eq!(err, RError::NotEligible(re::FLTNotEligible { epoch: 0, contributor: who }));
    }
    assert_eq!(s.rewards.sender(good).claim(vec![0]).motsu_unwrap(), CAP);
    // The next epoch counts them again.
    for (i, who) in [none, severe, counted].into_iter().enumerate() {
        s.record(who, 20 + i as u64, BASE, BASE).motsu_unwrap();
        assert!(s.rewards.sender(who).contributor_epoch(who, 1).3, "eligible in epoch 1");
    }
    s.assert_invariants();
}

#[motsu::test]
fn an_all_severe_entry_can_be_disqualified() {
    let s = System::deploy();
    let (severe, good, idle) = (addr(1), addr(2), addr(3));
    for who in [severe, good, idle] {
        s.register(who);
    }
    s.record(severe, 1, BASE, BASE - 10_000).motsu_unwrap();
    s.record(good, 2, BASE, BASE).motsu_unwrap();
    let before = s.rewards.sender(good).epoch_info(0);
    s.rewards.sender(s.governor).disqualify(0, severe).motsu_unwrap();
    s.rewards.assert_emitted(&Disqualified { epoch: 0, contributor: severe, returned: U256::ZERO });
    assert!(s.rewards.sender(severe).contributor_epoch(severe, 0).5, "disqualified");
    assert_eq!(s.rewards.sender(good).epoch_info(0), before, "it was never counted");
    // A later non-severe contribution in the epoch stays out.
    s.record(severe, 3, BASE, BASE + 1_000).motsu_unwrap();
    assert!(!s.rewards.sender(severe).contributor_epoch(severe, 0).3);
    assert_eq!(s.rewards.sender(good).epoch_info(0).3, 1);
    // A registered contributor with no contribution in the epoch has no entry to disqualify.
    let events = s.rewards.all_events().len();
    let err = s.rewards.sender(s.governor).disqualify(0, idle).motsu_unwrap_err();
    assert_eq!(err, RError::NotEligible(re::FLTNotEligible { epoch: 0, contributor: idle }));
    assert_eq!(s.rewards.all_events().len(), events);
    assert!(!s.rewards.sender(idle).contributor_epoch(idle, 0).5);
}

#[motsu::test]
fn disqualification_works_only_inside_the_fraud_window() {
    let s = System::deploy();
    let (a, b, c) = (addr(1), addr(2), addr(3));
    for who in [a, b, c] {
        s.register(who);
        s.contribute(who, BASE, BASE);
    }
    advance(WEEK); // epoch 0 ended; its claims open in one day
    let total = U256::from(1_000_000_000u64) * FLT;
    assert_eq!(s.accounting(), (total - CAP * U256::from(3u8), CAP * U256::from(3u8)), "three caps earmarked");
    s.rewards.sender(s.governor).disqualify(0, c).motsu_unwrap();
    // SPEC section 6 (v1.1): two contributors can be paid two caps; the third returns.
    s.rewards.assert_emitted(&Disqualified { epoch: 0, contributor: c, returned: CAP });
    assert_eq!(s.accounting(), (total - CAP - CAP, CAP + CAP));
    assert_eq!(s.rewards.sender(a).epoch_info(0).3, 2);
    let err = s.rewards.sender(s.governor).disqualify(0, c).motsu_unwrap_err();
    assert_eq!(err, RError::NotEligible(re::FLTNotEligible { epoch: 0, contributor: c }));
    advance(DAY);
    let err = s.rewards.sender(s.governor).disqualify(0, b).motsu_unwrap_err();
    assert_eq!(err, RError::OutsideFraudWindow(re::FLTOutsideFraudWindow { epoch: 0, closedAt: T0 + WEEK + DAY }));
    // Two are left: each is paid as one of two (capped at 10 %).
    assert_eq!(s.rewards.sender(a).claim(vec![0]).motsu_unwrap(), CAP);
    let err = s.rewards.sender(c).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, RError::NotEligible(re::FLTNotEligible { epoch: 0, contributor: c }));
}

#[motsu::test]
fn disqualifying_the_last_eligible_entry_returns_the_pool_at_once() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    s.contribute(who, BASE, BASE);
    advance(WEEK + DAY - 1);
    s.rewards.sender(s.governor).disqualify(0, who).motsu_unwrap();
    // Only the lone contributor's cap was earmarked (SPEC section 6, v1.1).
    s.rewards.assert_emitted(&Disqualified { epoch: 0, contributor: who, returned: CAP });
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT, U256::ZERO));
    assert_eq!(s.epoch_pool(0), U256::ZERO);
}
