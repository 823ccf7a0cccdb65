//! Recording contributions: scores, severe discounting, and every refusal
//! with its named error and nothing changed (SPEC.md sections 3 and 5).

use alloy_primitives::{Address, B256, U256};
use fl_rewards::{
    errors::*,
    events::{ContributionRecorded, ContributorRegistered, ScoreRefreshed},
    FLTRewards,
};
use flt_system_tests::*;
use motsu::prelude::*;

const BASE: u32 = 800_000;

type Snapshot = (EntryView, InfoView, EpochView, usize);

/// Everything a refused recording could have touched.
fn snapshot(s: &System, who: Address) -> Snapshot {
    let r = s.rewards.sender(s.deployer);
    (r.contributor_epoch(who, 0), r.contributor_info(who), r.epoch_info(0), s.rewards.all_events().len())
}

fn setup() -> (System, Address) {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    (s, who)
}

#[motsu::test]
fn registration_is_self_service_and_once() {
    let s = System::deploy();
    let who = addr(1);
    let node = B256::repeat_byte(0xab);
    s.rewards.sender(who).register_contributor(node).motsu_unwrap();
    s.rewards.assert_emitted(&ContributorRegistered { contributor: who, nodeId: node });
    assert_eq!(s.rewards.sender(who).contributor_info(who), (true, false, 0));
    let events = s.rewards.all_events().len();
    let err = s.rewards.sender(who).register_contributor(B256::ZERO).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyRegistered(FLTAlreadyRegistered { contributor: who }));
    assert_eq!(s.rewards.sender(who).contributor_info(who), (true, false, 0));
    assert_eq!(s.rewards.all_events().len(), events);
}

#[motsu::test]
fn a_contribution_updates_entry_average_and_totals() {
    let (s, who) = setup();
    s.record(who, 1, BASE, BASE + 5_000).motsu_unwrap();
    s.rewards.assert_emitted(&ContributionRecorded {
        contributor: who,
        contributionId: cid(1),
        epoch: 0,
        validator: s.validator,
        impact: 5_000,
        severe: false,
        ema: 1_000,
        // base 1_000_000 + 100 * 5_000; ema 1_000 is the band's edge: 1.0x.
        score: U256::from(1_500_000u32),
    });
    let r = s.rewards.sender(who);
    assert_eq!(r.contributor_epoch(who, 0), (1, 5_000, U256::from(1_500_000u32), true, false, false));
    assert_eq!(r.contributor_info(who).2, 1_000);
    let info = r.epoch_info(0);
    assert_eq!((info.0, info.1, info.2, info.3, info.4), (T0, T0 + WEEK, T0 + WEEK + DAY, 1, U256::from(1_500_000u32)));
}

#[motsu::test]
fn severe_contributions_do_not_count_but_move_the_average() {
    let (s, who) = setup();
    s.record(who, 1, BASE, BASE - 10_000).motsu_unwrap();
    s.rewards.assert_emitted(&ContributionRecorded {
        contributor: who,
        contributionId: cid(1),
        epoch: 0,
        validator: s.validator,
        impact: -10_000,
        severe: true,
        ema: -2_000,
        score: U256::ZERO,
    });
    let r = s.rewards.sender(who);
    assert_eq!(r.contributor_epoch(who, 0), (0, 0, U256::ZERO, false, false, false), "below minContributions");
    assert_eq!(r.epoch_info(0).3, 0);
    // A later good contribution counts, at 0.5x for the poor average.
    s.record(who, 2, BASE, BASE + 1_000).motsu_unwrap(); // ema -2_000 + 3_000 * 0.2 = -1_400
    assert_eq!(s.rewards.sender(who).contributor_epoch(who, 0).2, U256::from(550_000u32));
    // Below minContributions, the contributor cannot claim.
    advance(WEEK + DAY);
    let other = addr(2);
    s.register(other);
    let err = s.rewards.sender(other).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 0, contributor: other }));
}

#[motsu::test]
fn the_average_persists_across_epochs() {
    let (s, who) = setup();
    s.record(who, 1, BASE, BASE + 50_000).motsu_unwrap(); // ema 10_000
    advance(3 * WEEK);
    s.record(who, 2, BASE, BASE).motsu_unwrap(); // ema 8_000 -> 1 + 7_000 / 9_000 = 1.7777x
    let r = s.rewards.sender(who);
    assert_eq!(r.contributor_info(who).2, 8_000);
    assert_eq!(r.contributor_epoch(who, 3).2, U256::from(1_777_700u32));
}

#[motsu::test]
fn batches_record_all_items() {
    let (s, who) = setup();
    let other = addr(2);
    s.register(other);
    let batch = vec![item(who, 1, BASE, BASE + 100), item(other, 2, BASE, BASE), item(who, 3, BASE, BASE + 100)];
    s.rewards.sender(s.validator).record_contributions(batch).motsu_unwrap();
    let r = s.rewards.sender(who);
    assert_eq!(r.contributor_epoch(who, 0).0, 2);
    assert_eq!(r.contributor_epoch(other, 0).0, 1);
    assert_eq!(r.epoch_info(0).3, 2);
}

#[motsu::test]
fn a_batch_with_one_bad_item_records_nothing() {
    let (s, who) = setup();
    let before = snapshot(&s, who);
    let stranger = addr(99);
    let batch = vec![item(who, 1, BASE, BASE + 100), item(stranger, 2, BASE, BASE)];
    let err = s.rewards.sender(s.validator).record_contributions(batch).motsu_unwrap_err();
    assert_eq!(err, Error::NotRegistered(FLTNotRegistered { contributor: stranger }));
    assert_eq!(snapshot(&s, who), before);
    // The first item's id was not consumed.
    s.record(who, 1, BASE, BASE + 100).motsu_unwrap();
}

#[motsu::test]
fn replayed_ids_are_refused_unchanged() {
    let (s, who) = setup();
    s.record(who, 1, BASE, BASE + 100).motsu_unwrap();
    let before = snapshot(&s, who);
    let err = s.record(who, 1, BASE, BASE + 900).motsu_unwrap_err();
    assert_eq!(err, Error::ContributionReplayed(FLTContributionReplayed { contributionId: cid(1) }));
    assert_eq!(snapshot(&s, who), before);
    // Also inside one batch, and in a later epoch.
    let batch = vec![item(who, 2, BASE, BASE), item(who, 2, BASE, BASE)];
    let err = s.rewards.sender(s.validator).record_contributions(batch).motsu_unwrap_err();
    assert_eq!(err, Error::ContributionReplayed(FLTContributionReplayed { contributionId: cid(2) }));
    assert_eq!(snapshot(&s, who), before);
    advance(WEEK);
    let err = s.record(who, 1, BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, Error::ContributionReplayed(FLTContributionReplayed { contributionId: cid(1) }));
}

#[motsu::test]
fn unregistered_contributors_are_refused_unchanged() {
    let (s, _) = setup();
    let stranger = addr(99);
    let before = snapshot(&s, stranger);
    let err = s.record(stranger, 1, BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, Error::NotRegistered(FLTNotRegistered { contributor: stranger }));
    assert_eq!(snapshot(&s, stranger), before);
}

#[motsu::test]
fn only_validators_record() {
    let (s, who) = setup();
    let before = snapshot(&s, who);
    for caller in [who, s.deployer, addr(99)] {
        let err = s.rewards.sender(caller).record_contribution(who, cid(1), BASE, BASE).motsu_unwrap_err();
        assert_eq!(err, Error::NotValidator(FLTNotValidator { caller }));
        let err = s.rewards.sender(caller).record_contributions(vec![item(who, 1, BASE, BASE)]).motsu_unwrap_err();
        assert_eq!(err, Error::NotValidator(FLTNotValidator { caller }));
    }
    assert_eq!(snapshot(&s, who), before);
    assert!(s.rewards.sender(who).is_validator(s.validator) && !s.rewards.sender(who).is_validator(who));
}

#[motsu::test]
fn accuracies_above_one_million_ppm_are_refused_unchanged() {
    let (s, who) = setup();
    let before = snapshot(&s, who);
    for (previous, new, bad) in [(1_000_001, BASE, 1_000_001), (BASE, 1_000_001, 1_000_001), (BASE, u32::MAX, u32::MAX)]
    {
        let err = s.record(who, 1, previous, new).motsu_unwrap_err();
        assert_eq!(err, Error::AccuracyOutOfRange(FLTAccuracyOutOfRange { accuracy: bad }));
    }
    assert_eq!(snapshot(&s, who), before);
    s.record(who, 1, 0, 1_000_000).motsu_unwrap(); // both bounds inclusive
}

#[motsu::test]
fn an_empty_batch_is_refused() {
    let (s, who) = setup();
    let before = snapshot(&s, who);
    let err = s.rewards.sender(s.validator).record_contributions(vec![]).motsu_unwrap_err();
    assert_eq!(err, Error::EmptyBatch(FLTEmptyBatch {}));
    assert_eq!(snapshot(&s, who), before);
}

#[motsu::test]
fn refresh_score_recomputes_the_current_entry() {
    let (s, who) = setup();
    let err = s.rewards.sender(addr(5)).refresh_score(who).motsu_unwrap_err();
    assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 0, contributor: who }));
    s.record(who, 1, BASE, BASE + 2_000).motsu_unwrap();
    // Anyone may refresh; without a stake the score stays.
    s.rewards.sender(addr(5)).refresh_score(who).motsu_unwrap();
    s.rewards.assert_emitted(&ScoreRefreshed { contributor: who, epoch: 0, score: U256::from(1_200_000u32) });
    assert_eq!(s.rewards.sender(who).epoch_info(0).4, U256::from(1_200_000u32), "totals not double counted");
    advance(WEEK);
    let err = s.rewards.sender(who).refresh_score(who).motsu_unwrap_err();
    assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 1, contributor: who }));
}

#[motsu::test]
fn nothing_records_before_a_future_genesis() {
    let s = System::undeployed();
    s.rewards.sender(s.deployer).constructor(T0 + DAY, vec![s.validator], s.deployer).motsu_unwrap();
    s.finish();
    let who = addr(1);
    s.register(who);
    let err = s.record(who, 1, BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, Error::NotStarted(FLTNotStarted { genesis: T0 + DAY }));
    assert_eq!(
        s.rewards.sender(who).current_epoch().motsu_unwrap_err(),
        Error::NotStarted(FLTNotStarted { genesis: T0 + DAY })
    );
    advance(DAY);
    s.record(who, 1, BASE, BASE).motsu_unwrap();
    assert_eq!(s.rewards.sender(who).current_epoch().motsu_unwrap(), (0, T0 + DAY, T0 + DAY + WEEK));
}

#[motsu::test]
fn nothing_works_before_wiring(rewards: Contract<FLTRewards>, deployer: Address, validator: Address, who: Address) {
    rewards.sender(deployer).constructor(0, vec![validator], deployer).motsu_unwrap();
    rewards.sender(who).register_contributor(B256::ZERO).motsu_unwrap();
    let err = rewards.sender(validator).record_contribution(who, cid(1), BASE, BASE).motsu_unwrap_err();
    assert_eq!(err, Error::NotWired(FLTNotWired {}));
    let err = rewards.sender(who).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::NotWired(FLTNotWired {}));
    assert_eq!(rewards.sender(who).accounting(), (U256::ZERO, U256::ZERO));
}
