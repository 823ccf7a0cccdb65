//! Shared fixtures: the FLT contracts deployed and wired together in motsu,
//! time moved through the test clock, and the system invariants of SPEC.md
//! section 10 checked after every scenario.

use alloy_primitives::{uint, Address, B256, U256};
use fl_council::FLTCouncil;
use fl_governor::FLTGovernor;
use fl_rewards::{errors::Error, Contribution, FLTRewards};
use fl_token::{FLToken, TOTAL_SUPPLY};
use motsu::prelude::*;

pub mod mutation;
pub mod stateful;

/// motsu's constant block timestamp: the deployment time of every system.
pub const T0: u64 = 1_735_689_600;
pub const DAY: u64 = 86_400;
pub const WEEK: u64 = 7 * DAY;
/// 1 FLT in wei.
pub const FLT: U256 = uint!(1_000_000_000_000_000_000_U256);
/// The default weekly pool.
pub const POOL: U256 = uint!(1_000_000_000_000_000_000_000_000_U256);

/// `contributorEpoch(addr, e)`: count, positiveImpact, score, eligible, claimed, disqualified.
pub type EntryView = (u32, u64, U256, bool, bool, bool);
/// `contributorInfo(addr)`: registered, banned, ema.
pub type InfoView = (bool, bool, i64);
/// `epochInfo(e)`: start, end, claimsOpenAt, eligibleCount, totalScore, pool, claimedCount, closed.
pub type EpochView = (u64, u64, u64, u32, U256, U256, u32, bool);

/// `ProposalCreated`'s data as Solidity types, the description as `bytes`
/// (its encoding is a `string`'s): the tests read descriptions that are not
/// UTF-8 with it.
pub type ProposalCreatedData = (
    alloy_sol_types::sol_data::Uint<256>,
    alloy_sol_types::sol_data::Address,
    alloy_sol_types::sol_data::Array<alloy_sol_types::sol_data::Address>,
    alloy_sol_types::sol_data::Array<alloy_sol_types::sol_data::Uint<256>>,
    alloy_sol_types::sol_data::Array<alloy_sol_types::sol_data::String>,
    alloy_sol_types::sol_data::Array<alloy_sol_types::sol_data::Bytes>,
    alloy_sol_types::sol_data::Uint<256>,
    alloy_sol_types::sol_data::Uint<256>,
    alloy_sol_types::sol_data::Bytes,
);

/// The per-contributor cap of a default week: 100,000 FLT.
pub const CAP: U256 = uint!(100_000_000_000_000_000_000_000_U256);

/// Moves the contracts' clock forward (this test thread only).
pub fn advance(seconds: u64) {
    flt_clock::seam::advance(seconds);
}

/// The contracts' current time.
pub fn now() -> u64 {
    flt_clock::now(T0)
}

pub fn addr(n: u64) -> Address {
    let mut bytes = [0u8; 20];
    bytes[..2].copy_from_slice(&[0xf1, 0x7e]);
    bytes[12..].copy_from_slice(&n.to_be_bytes());
    Address::from(bytes)
}

/// A contribution id: distinct per `n`.
pub fn cid(n: u64) -> B256 {
    B256::from(U256::from(n) + U256::from(0xc1d_u64 << 48))
}

pub fn item(contributor: Address, id: u64, previous: u32, new: u32) -> Contribution {
    Contribution { contributor, contributionId: cid(id), previousAccuracy: previous, newAccuracy: new }
}

/// topic0 of every event in a JSON ABI.
fn event_topics(abi: &str) -> Vec<B256> {
    let abi: serde_json::Value = serde_json::from_str(abi).expect("abi/ parses");
    abi.as_array()
        .expect("an ABI is an array")
        .iter()
        .filter(|item| item["type"] == "event")
        .map(|e| {
            let types: Vec<&str> =
                e["inputs"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
            alloy_primitives::keccak256(format!("{}({})", e["name"].as_str().unwrap(), types.join(",")))
        })
        .collect()
}

/// Every scenario ends with the system invariants checked, whatever the
/// test did: a `System` checks them when it goes out of scope.
impl Drop for System {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.token.sender(self.deployer).total_supply() != U256::ZERO {
            self.assert_invariants();
            self.assert_events_in_abi();
        }
    }
}

/// motsu keeps every test thread's contracts in one global map whose
/// shards a busy thread can hold past motsu's lock back-off ("storage is
/// locked"); the system tests of one binary therefore run one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct System {
    _serial: std::sync::MutexGuard<'static, ()>,
    pub token: Contract<FLToken>,
    pub rewards: Contract<FLTRewards>,
    /// Deployed by [`System::deploy_governed`] only.
    pub gov: Contract<FLTGovernor>,
    /// Deployed by [`System::deploy_governed`] only: FLTCouncil of
    /// [`System::signers`].
    pub council: Contract<FLTCouncil>,
    /// The council of [`System::deploy_governed`]: three signers, threshold 2.
    pub signers: [Address; 3],
    pub deployer: Address,
    pub validator: Address,
    /// The address the wiring names as governor: FLTGovernor after
    /// [`System::deploy_governed`], a plain account after [`System::deploy`]
    /// (tests then make the governor's calls directly).
    pub governor: Address,
    next_id: std::cell::Cell<u64>,
}

impl System {
    /// Deploys FLTRewards (genesis now, one validator), FLToken with
    /// FLTRewards as the reserve, and wires them.
    pub fn deploy() -> System {
        let system = System::undeployed();
        system.rewards.sender(system.deployer).constructor(0, vec![system.validator], system.deployer).motsu_unwrap();
        system.finish();
        system
    }

    /// The full system: FLTRewards, FLToken, FLTCouncil (three signers,
    /// threshold two) and FLTGovernor, wired together as flt-deploy does.
    pub fn deploy_governed() -> System {
        System::deploy_governed_at(0)
    }

    /// [`System::deploy_governed`] with epoch 0 opening at `genesis` (0:
    /// now).
    pub fn deploy_governed_at(genesis: u64) -> System {
        let mut system = System::undeployed();
        system
            .rewards
            .sender(system.deployer)
            .constructor(genesis, vec![system.validator], system.deployer)
            .motsu_unwrap();
        system.token.sender(system.deployer).constructor(system.rewards.address()).motsu_unwrap();
        system.council.sender(system.deployer).constructor(system.signers.to_vec(), 2, system.deployer).motsu_unwrap();
        system
            .gov
            .sender(system.deployer)
            .constructor(system.council.address(), system.token.address(), system.rewards.address())
            .motsu_unwrap();
        system.governor = system.gov.address();
        system.rewards.sender(system.deployer).wire(system.token.address(), system.governor).motsu_unwrap();
        system.council.sender(system.deployer).wire(system.governor).motsu_unwrap();
        system
    }

    pub fn undeployed() -> System {
        System {
            _serial: SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
            token: Contract::new(),
            rewards: Contract::new(),
            gov: Contract::new(),
            council: Contract::new(),
            signers: [addr(0x5160), addr(0x5161), addr(0x5162)],
            deployer: addr(0xde9),
            validator: addr(0x7a1),
            governor: addr(0x90f),
            next_id: std::cell::Cell::new(1 << 40),
        }
    }

    /// Deploys the token and wires it into an already constructed FLTRewards.
    pub fn finish(&self) {
        self.token.sender(self.deployer).constructor(self.rewards.address()).motsu_unwrap();
        self.rewards.sender(self.deployer).wire(self.token.address(), self.governor).motsu_unwrap();
    }

    pub fn register(&self, who: Address) {
        self.rewards.sender(who).register_contributor(B256::from(U256::from_be_slice(who.as_slice()))).motsu_unwrap();
    }

    pub fn record(&self, who: Address, id: u64, previous: u32, new: u32) -> Result<(), Error> {
        self.rewards.sender(self.validator).record_contribution(who, cid(id), previous, new)
    }

    /// Records a contribution with a fresh id.
    pub fn contribute(&self, who: Address, previous: u32, new: u32) {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.record(who, id, previous, new).motsu_unwrap();
    }

    /// Gives each of `holders` (at most ten, so each is capped) 100,000 FLT
    /// the only way tokens leave the reserve: they register, contribute in
    /// the current epoch, wait for the claim window and claim. Time moves
    /// forward to one day after the next epoch starts (from an epoch start).
    /// The governed system with ten self-delegated holders of 100,000 FLT
    /// each (`addr(1..=10)`: 1,000,000 FLT circulating, quorum 40,000 FLT);
    /// time then moves one second so their votes are in the past.
    pub fn governed_holders() -> (System, Vec<Address>) {
        let s = System::deploy_governed();
        let holders: Vec<Address> = (1..=10).map(addr).collect();
        s.fund(&holders);
        for h in &holders {
            s.token.sender(*h).delegate(*h);
        }
        advance(1);
        (s, holders)
    }

    pub fn fund(&self, holders: &[Address]) {
        assert!(holders.len() <= 10);
        let epoch = self.rewards.sender(self.deployer).current_epoch().motsu_unwrap().0;
        for who in holders {
            if !self.rewards.sender(*who).contributor_info(*who).0 {
                self.register(*who);
            }
            self.contribute(*who, 800_000, 800_000);
        }
        advance(WEEK + DAY);
        for who in holders {
            assert_eq!(self.rewards.sender(*who).claim(vec![epoch]).motsu_unwrap(), CAP);
        }
    }

    pub fn balance(&self, who: Address) -> U256 {
        self.token.sender(who).balance_of(who)
    }

    /// `(reserve, earmarked)`.
    pub fn accounting(&self) -> (U256, U256) {
        self.rewards.sender(self.deployer).accounting()
    }

    /// SPEC.md section 10, the parts issue 3 owns: the supply is constant
    /// and FLTRewards holds exactly reserve + earmarked.
    pub fn assert_invariants(&self) {
        let (reserve, earmarked) = self.accounting();
        assert_eq!(
            self.balance(self.rewards.address()),
            reserve + earmarked,
            "balanceOf(FLTRewards) == reserve + earmarked"
        );
        assert_eq!(self.token.sender(self.deployer).total_supply(), TOTAL_SUPPLY);
    }

    /// Every log either contract emitted is an event its `abi/` declares.
    pub fn assert_events_in_abi(&self) {
        for (name, events, abi) in [
            ("FLToken", self.token.all_events(), include_str!("../../abi/FLToken.json")),
            ("FLTRewards", self.rewards.all_events(), include_str!("../../abi/FLTRewards.json")),
            ("FLTGovernor", self.gov.all_events(), include_str!("../../abi/FLTGovernor.json")),
            ("FLTCouncil", self.council.all_events(), include_str!("../../abi/FLTCouncil.json")),
        ] {
            let declared = event_topics(abi);
            for log in events {
                let topic = log.topics()[0];
                assert!(declared.contains(&topic), "{name} emitted {topic} which abi/{name}.json does not declare");
            }
        }
    }

    pub fn epoch_pool(&self, epoch: u64) -> U256 {
        self.rewards.sender(self.deployer).epoch_info(epoch).5
    }
}
