//! The whole deployment against a recording fake node: the order of steps,
//! what each transaction carries, the record, caching (as a chain owner or
//! with a bid), the read-back, and that every refusal comes before the
//! first transaction. The same flow runs on the real local Stylus node in
//! tests/node/tests/deploy.rs.

mod support;

use std::{cell::RefCell, rc::Rc};

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent};
use flt_deploy::{
    abi::{
        councilConstructorCall, governorConstructorCall, rewardsConstructorCall, stylus_constructorCall,
        tokenConstructorCall, ArbOwnerPublic, ArbWasm, ArbWasmCache, CacheManager, FLTCouncil, FLTGovernor, FLTRewards,
        FLToken, StylusDeployer, ARB_OWNER_PUBLIC, ARB_WASM, ARB_WASM_CACHE, STYLUS_DEPLOYER,
    },
    artifacts,
    chain::{Chain, Failed, Receipt, Tx},
    code::{MAX_CODE_SIZE, PROGRAM_PREFIX},
    config::Cache,
    deploy::{run, Plan, Step},
    verify::TOTAL_SUPPLY,
};
use flt_scoring::params::Param;

type Events = Rc<RefCell<Vec<String>>>;

const SENDER: Address = Address::with_last_byte(0xde);
const FEE: u64 = 1_000_000;
const MANAGER: Address = Address::with_last_byte(0xc0);

/// A node that runs the four constructors and both `wire`s the way the
/// contracts do, from the calldata it receives, and answers the views from
/// that state.
struct Node {
    events: Events,
    chain_id: u64,
    deployer_code: usize,
    balance: U256,
    activation: Result<U256, String>,
    already_active: bool,
    tamper_name: bool,
    refuse_wire: bool,
    refuse_council_wire: bool,
    /// FLTGovernor answers `council()` with another address.
    tamper_council: bool,
    impostor_log: bool,
    chain_owner: bool,
    managers: Vec<Address>,
    refuse_cache: bool,
    cache_noop: bool,
    /// Code hashes cached, and each caching transaction's `(to, value)`.
    cached: Vec<B256>,
    cache_txs: Vec<(Address, U256)>,
    codes: Vec<(Address, Vec<u8>)>,
    next: u8,
    values: Vec<U256>,
    /// The runtime code each `StylusDeployer.deploy` carried, in order.
    deployed_code: Vec<Vec<u8>>,
    /// Contracts created by plain creation transactions (none: every
    /// program is one contract made by the Stylus deployer).
    created: Vec<Address>,
    rewards: Option<(Address, rewardsConstructorCall)>,
    token: Option<(Address, tokenConstructorCall)>,
    council: Option<(Address, councilConstructorCall)>,
    governor: Option<(Address, governorConstructorCall)>,
    wired: Option<(Address, Address)>,
    /// The governor FLTCouncil was wired to.
    council_wired: Option<Address>,
}

impl Node {
    fn new(events: &Events) -> Node {
        Node {
            events: events.clone(),
            chain_id: 412_346,
            deployer_code: 100,
            balance: U256::from(10u64).pow(U256::from(18u64)),
            activation: Ok(U256::from(FEE)),
            already_active: false,
            tamper_name: false,
            refuse_wire: false,
            refuse_council_wire: false,
            tamper_council: false,
            impostor_log: false,
            chain_owner: true,
            managers: vec![Address::with_last_byte(0xbb), MANAGER],
            refuse_cache: false,
            cache_noop: false,
            cached: Vec::new(),
            cache_txs: Vec::new(),
            codes: Vec::new(),
            next: 0x10,
            values: Vec::new(),
            deployed_code: Vec::new(),
            created: Vec::new(),
            rewards: None,
            token: None,
            council: None,
            governor: None,
            wired: None,
            council_wired: None,
        }
    }

    fn fresh(&mut self) -> Address {
        self.next += 1;
        Address::with_last_byte(self.next)
    }

    fn receipt(&self, success: bool, created: Option<Address>, logs: Vec<(Address, Vec<B256>, Vec<u8>)>) -> Receipt {
        Receipt { hash: B256::with_last_byte(self.next), success, block: 7, created, logs }
    }

    fn sends(&self) -> usize {
        self.events.borrow().iter().filter(|e| e.starts_with("send")).count()
    }
}

fn params(ids: std::ops::RangeInclusive<u8>) -> Vec<U256> {
    ids.filter_map(Param::from_id).map(|p| U256::from(p.default_value())).collect()
}

impl Chain for Node {
    fn sender(&self) -> Address {
        SENDER
    }

    fn chain_id(&mut self) -> Result<u64, String> {
        Ok(self.chain_id)
    }

    fn balance(&mut self, who: Address) -> Result<U256, String> {
        assert_eq!(who, SENDER);
        Ok(self.balance)
    }

    fn code(&mut self, at: Address) -> Result<Vec<u8>, String> {
        if at == STYLUS_DEPLOYER {
            return Ok(vec![0xfe; self.deployer_code]);
        }
        Ok(self.codes.iter().find(|(a, _)| *a == at).map(|(_, c)| c.clone()).unwrap_or_default())
    }

    fn call_with_value(&mut self, to: Address, data: Vec<u8>, value: U256) -> Result<Vec<u8>, Failed> {
        let sel: [u8; 4] = data[..4].try_into().unwrap();
        if to == ARB_WASM && sel == ArbWasm::codehashVersionCall::SELECTOR {
            return if self.already_active {
                Ok(U256::from(2).to_be_bytes::<32>().to_vec())
            } else {
                Err(Failed { data: Some(ArbWasm::ProgramNotActivated {}.abi_encode()), message: "reverted".into() })
            };
        }
        if to == ARB_OWNER_PUBLIC {
            let who = ArbOwnerPublic::isChainOwnerCall::abi_decode(&data, true).unwrap().addr;
            return Ok(ArbOwnerPublic::isChainOwnerCall::abi_encode_returns(&(self.chain_owner && who == SENDER,)));
        }
        if to == ARB_WASM_CACHE {
            return match sel {
                ArbWasmCache::allCacheManagersCall::SELECTOR => {
                    Ok(ArbWasmCache::allCacheManagersCall::abi_encode_returns(&(self.managers.clone(),)))
                }
                ArbWasmCache::isCacheManagerCall::SELECTOR => {
                    let m = ArbWasmCache::isCacheManagerCall::abi_decode(&data, true).unwrap().manager;
                    Ok(ArbWasmCache::isCacheManagerCall::abi_encode_returns(&(self.managers.contains(&m),)))
                }
                ArbWasmCache::codehashIsCachedCall::SELECTOR => {
                    let h = ArbWasmCache::codehashIsCachedCall::abi_decode(&data, true).unwrap().codehash;
                    Ok(ArbWasmCache::codehashIsCachedCall::abi_encode_returns(&(self.cached.contains(&h),)))
                }
                ArbWasmCache::cacheProgramCall::SELECTOR if self.refuse_cache || !self.chain_owner => {
                    Err(Failed { data: Some(vec![]), message: "execution reverted".into() })
                }
                ArbWasmCache::cacheProgramCall::SELECTOR => Ok(vec![]),
                _ => Err("unknown ArbWasmCache call".into()),
            };
        }
        if to == MANAGER {
            assert_eq!(sel, CacheManager::placeBidCall::SELECTOR);
            return if value < U256::from(5) {
                let too_small = CacheManager::BidTooSmall { bid: value.to(), min: alloy_primitives::Uint::from(5) };
                Err(Failed { data: Some(too_small.abi_encode()), message: "reverted".into() })
            } else {
                Ok(vec![])
            };
        }
        let (rewards, r) = self.rewards.clone().ok_or("no FLTRewards")?;
        let (token, t) = self.token.clone().ok_or("no FLToken")?;
        let (council, c) = self.council.clone().ok_or("no FLTCouncil")?;
        let (governor, g) = self.governor.clone().ok_or("no FLTGovernor")?;
        let (wired_token, wired_governor) = self.wired.unwrap_or_default();
        let out = if to == token {
            match sel {
                FLToken::nameCall::SELECTOR => {
                    let name = if self.tamper_name { "Fake Token" } else { "Federated Learning Token" };
                    FLToken::nameCall::abi_encode_returns(&(name.to_string(),))
                }
                FLToken::symbolCall::SELECTOR => FLToken::symbolCall::abi_encode_returns(&("FLT".to_string(),)),
                FLToken::decimalsCall::SELECTOR => FLToken::decimalsCall::abi_encode_returns(&(18u8,)),
                FLToken::totalSupplyCall::SELECTOR => {
                    FLToken::totalSupplyCall::abi_encode_returns(&(U256::from(TOTAL_SUPPLY),))
                }
                FLToken::balanceOfCall::SELECTOR => {
                    let who = FLToken::balanceOfCall::abi_decode(&data, true).unwrap().account;
                    let balance = if who == t.reserve { U256::from(TOTAL_SUPPLY) } else { U256::ZERO };
                    FLToken::balanceOfCall::abi_encode_returns(&(balance,))
                }
                FLToken::reserveCall::SELECTOR => FLToken::reserveCall::abi_encode_returns(&(t.reserve,)),
                FLToken::governorCall::SELECTOR => FLToken::governorCall::abi_encode_returns(&(wired_governor,)),
                _ => return Err("unknown FLToken call".into()),
            }
        } else if to == rewards {
            match sel {
                FLTRewards::tokenCall::SELECTOR => FLTRewards::tokenCall::abi_encode_returns(&(wired_token,)),
                FLTRewards::governorCall::SELECTOR => FLTRewards::governorCall::abi_encode_returns(&(wired_governor,)),
                FLTRewards::paramsCall::SELECTOR => FLTRewards::paramsCall::abi_encode_returns(&(params(0..=11),)),
                FLTRewards::isValidatorCall::SELECTOR => {
                    let who = FLTRewards::isValidatorCall::abi_decode(&data, true).unwrap().account;
                    FLTRewards::isValidatorCall::abi_encode_returns(&(r.validators.contains(&who),))
                }
                _ => return Err("unknown FLTRewards call".into()),
            }
        } else if to == council {
            match sel {
                FLTCouncil::governorCall::SELECTOR => {
                    FLTCouncil::governorCall::abi_encode_returns(&(self.council_wired.unwrap_or_default(),))
                }
                FLTCouncil::signersCall::SELECTOR => FLTCouncil::signersCall::abi_encode_returns(&(c.signers.clone(),)),
                FLTCouncil::councilInfoCall::SELECTOR => {
                    FLTCouncil::councilInfoCall::abi_encode_returns(&(c.threshold, 0u32))
                }
                _ => return Err("unknown FLTCouncil call".into()),
            }
        } else if to == governor {
            match sel {
                FLTGovernor::tokenCall::SELECTOR => FLTGovernor::tokenCall::abi_encode_returns(&(g.token,)),
                FLTGovernor::rewardsCall::SELECTOR => FLTGovernor::rewardsCall::abi_encode_returns(&(g.rewards,)),
                FLTGovernor::councilCall::SELECTOR => {
                    let answer = if self.tamper_council { Address::with_last_byte(0x99) } else { g.council };
                    FLTGovernor::councilCall::abi_encode_returns(&(answer,))
                }
                FLTGovernor::paramsCall::SELECTOR => FLTGovernor::paramsCall::abi_encode_returns(&(params(13..=17),)),
                _ => return Err("unknown FLTGovernor call".into()),
            }
        } else {
            return Err(format!("no contract at {to}").into());
        };
        Ok(out)
    }

    fn call_with_codes(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        codes: Vec<(Address, Vec<u8>)>,
    ) -> Result<Vec<u8>, Failed> {
        assert_eq!(to, ARB_WASM);
        let program = ArbWasm::activateProgramCall::abi_decode(&data, true).unwrap().program;
        assert!(codes.iter().any(|(at, _)| *at == program), "the probed program's code is installed");
        assert!(value > U256::ZERO);
        self.events.borrow_mut().push("activation check".into());
        let fee = self.activation.clone().map_err(|e| Failed {
            data: Some(ArbWasm::ProgramNeedsUpgrade { version: 1, stylusVersion: 2 }.abi_encode()),
            message: e,
        })?;
        Ok(ArbWasm::activateProgramCall::abi_encode_returns(&(1u16, fee)))
    }

    fn send(&mut self, tx: &Tx) -> Result<Receipt, String> {
        let Some(to) = tx.to else {
            let at = self.fresh();
            self.created.push(at);
            self.events.borrow_mut().push(format!("send create {}", tx.data.len()));
            return Ok(self.receipt(true, Some(at), vec![]));
        };
        if to == STYLUS_DEPLOYER {
            let call = StylusDeployer::deployCall::abi_decode(&tx.data, true).map_err(|e| e.to_string())?;
            assert_eq!(call.initData[..4], stylus_constructorCall::SELECTOR);
            self.values.push(tx.value);
            self.deployed_code.push(call.bytecode[43..].to_vec());
            let at = self.fresh();
            self.codes.push((at, call.bytecode[43..].to_vec()));
            let args = &call.initData[4..];
            let which = if self.rewards.is_none() {
                self.rewards = Some((at, rewardsConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLTRewards"
            } else if self.token.is_none() {
                self.token = Some((at, tokenConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLToken"
            } else if self.council.is_none() {
                self.council = Some((at, councilConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLTCouncil"
            } else {
                self.governor = Some((at, governorConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLTGovernor"
            };
            self.events.borrow_mut().push(format!("send deploy {which}"));
            let log = (
                if self.impostor_log { at } else { STYLUS_DEPLOYER },
                vec![StylusDeployer::ContractDeployed::SIGNATURE_HASH],
                B256::left_padding_from(at.as_slice()).to_vec(),
            );
            return Ok(self.receipt(true, None, vec![log]));
        }
        if to == ARB_WASM_CACHE || to == MANAGER {
            let program = if to == MANAGER {
                CacheManager::placeBidCall::abi_decode(&tx.data, true).unwrap().program
            } else {
                ArbWasmCache::cacheProgramCall::abi_decode(&tx.data, true).unwrap().addr
            };
            let code = self.code(program).unwrap();
            assert!(!code.is_empty(), "caching a deployed program");
            if !self.cache_noop {
                self.cached.push(keccak256(code));
            }
            self.cache_txs.push((to, tx.value));
            self.events.borrow_mut().push(format!("send cache {program}"));
            return Ok(self.receipt(true, None, vec![]));
        }
        if let Some((_, c)) = self.council.clone().filter(|(at, _)| *at == to) {
            let call = FLTCouncil::wireCall::abi_decode(&tx.data, true).unwrap();
            self.events.borrow_mut().push("send wire FLTCouncil".into());
            // FLTCouncil's own rule: only the wirer, once, a non-zero governor.
            let ok = !self.refuse_council_wire
                && SENDER == c.wirer
                && self.council_wired.is_none()
                && !call.governor.is_zero();
            if ok {
                self.council_wired = Some(call.governor);
            }
            return Ok(self.receipt(ok, None, vec![]));
        }
        let (rewards, r) = self.rewards.clone().expect("wire goes to FLTRewards");
        assert_eq!(to, rewards);
        let call = FLTRewards::wireCall::abi_decode(&tx.data, true).unwrap();
        self.events.borrow_mut().push("send wire FLTRewards".into());
        // FLTRewards' own rule: only the wirer, only a token naming it reserve.
        let ok = !self.refuse_wire
            && SENDER == r.wirer
            && self.token.as_ref().is_some_and(|(at, t)| *at == call.token && t.reserve == rewards);
        if ok {
            self.wired = Some((call.token, call.governor));
        }
        Ok(self.receipt(ok, None, vec![]))
    }
}

fn plan(cache: Option<Cache>) -> Plan {
    let record = support::temp_dir("record").join("local.json");
    Plan { config: support::local(), artifacts: artifacts::load(&support::artifact_dir()).unwrap(), cache, record }
}

fn setup() -> (Events, Node) {
    let events: Events = Rc::default();
    let node = Node::new(&events);
    (events, node)
}

fn bumped(fee: u64) -> U256 {
    U256::from(fee * 120 / 100)
}

#[test]
fn a_deployment_deploys_wires_records_and_reads_back() {
    let (events, mut node) = setup();
    let plan = plan(None);
    let deployed = run(&plan, &mut node).expect("deploys");

    assert_eq!(
        *events.borrow(),
        [
            "activation check",
            "activation check",
            "activation check",
            "activation check",
            "send deploy FLTRewards",
            "send deploy FLToken",
            "send deploy FLTCouncil",
            "send deploy FLTGovernor",
            "send wire FLTRewards",
            "send wire FLTCouncil",
        ]
    );
    // Each deployment paid the bumped data fee; the constructors got the config.
    assert_eq!(node.values, vec![bumped(FEE); 4]);
    assert!(node.cache_txs.is_empty(), "no caching unless asked for");
    let (rewards, r) = node.rewards.clone().unwrap();
    let (token, t) = node.token.clone().unwrap();
    let (council, c) = node.council.clone().unwrap();
    let (governor, g) = node.governor.clone().unwrap();
    assert_eq!(
        (deployed.rewards, deployed.token, deployed.council, deployed.governor),
        (rewards, token, council, governor)
    );
    assert_eq!(
        (r.genesis, r.validators.clone(), r.wirer),
        (plan.config.genesis, plan.config.validators.clone(), SENDER)
    );
    assert_eq!(t.reserve, rewards);
    assert_eq!((c.signers.clone(), c.threshold, c.wirer), (plan.config.signers.clone(), 2, SENDER));
    assert_eq!((g.council, g.token, g.rewards), (council, token, rewards));
    assert_eq!(node.wired, Some((token, governor)));
    assert_eq!(node.council_wired, Some(governor));

    // Each program is one contract: the deployer got its prefixed brotli
    // code, nothing else was created, and the address holds that code.
    assert!(node.created.is_empty(), "no contract but the four programs: {:?}", node.created);
    let codes: Vec<Vec<u8>> = plan.artifacts.iter().map(|a| a.code.clone()).collect();
    assert_eq!(node.deployed_code, codes);
    for (a, at) in plan.artifacts.iter().zip([rewards, token, council, governor]) {
        assert_eq!(a.code[..4], PROGRAM_PREFIX, "{}", a.program.name());
        assert!(a.code.len() <= MAX_CODE_SIZE, "{}", a.program.name());
        assert_eq!(node.code(at).unwrap(), a.code, "{}", a.program.name());
    }

    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(record["chainId"], 412_346);
    assert_eq!(record["deployer"], SENDER.to_string());
    assert_eq!(record["contracts"]["FLTRewards"]["address"], rewards.to_string());
    assert_eq!(record["contracts"]["FLToken"]["address"], token.to_string());
    assert_eq!(record["contracts"]["FLTCouncil"]["address"], council.to_string());
    assert_eq!(record["contracts"]["FLTCouncil"]["wasmKeccak"], plan.artifacts[2].wasm_hash.to_string());
    assert_eq!(record["contracts"]["FLTGovernor"]["address"], governor.to_string());
    assert_eq!(record["contracts"]["FLToken"]["wasmKeccak"], plan.artifacts[1].wasm_hash.to_string());
    for a in &plan.artifacts {
        let entry = record["contracts"][a.program.name()].as_object().unwrap();
        let keys: Vec<&str> = entry.keys().map(String::as_str).collect();
        assert_eq!(keys, ["address", "brotliBytes", "codeBytes", "rawBytes", "wasmKeccak"], "no fragments");
        assert_eq!(entry["codeBytes"], a.code.len());
        assert_eq!(entry["brotliBytes"], a.size.brotli);
        assert_eq!(entry["rawBytes"], a.size.raw);
    }
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["FLTRewards", "FLToken", "FLTCouncil", "FLTGovernor", "wire FLTRewards", "wire FLTCouncil"]);
    assert_eq!(record["config"]["council"]["threshold"], 2);
    assert_eq!(flt_deploy::record::read(&plan.record).unwrap(), deployed);
}

#[test]
fn caching_as_chain_owner_sends_cache_program_after_the_record_and_reads_back_each_cached() {
    let (events, mut node) = setup();
    let plan = plan(Some(Cache::Owner));
    let deployed = run(&plan, &mut node).expect("deploys and caches");
    let events = events.borrow();
    let wire = events.iter().position(|e| e == "send wire FLTCouncil").unwrap();
    assert_eq!(
        events[wire + 1..],
        [deployed.rewards, deployed.token, deployed.council, deployed.governor].map(|a| format!("send cache {a}")),
        "one cacheProgram per program, after the wiring and the record"
    );
    assert_eq!(node.cache_txs, vec![(ARB_WASM_CACHE, U256::ZERO); 4]);
    let hashes: Vec<B256> = node.codes.iter().map(|(_, c)| keccak256(c)).collect();
    assert_eq!(node.cached, hashes, "each program's code hash (keccak256 of the code at its address)");
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(
        whats[whats.len() - 6..],
        [
            "wire FLTRewards",
            "wire FLTCouncil",
            "cache FLTRewards",
            "cache FLToken",
            "cache FLTCouncil",
            "cache FLTGovernor"
        ]
    );
}

#[test]
fn caching_with_a_bid_places_it_with_the_last_cache_manager() {
    let (events, mut node) = setup();
    let plan = plan(Some(Cache::Bid(7)));
    run(&plan, &mut node).expect("deploys and bids");
    assert_eq!(node.cache_txs, vec![(MANAGER, U256::from(7)); 4]);
    assert_eq!(node.cached.len(), 4);
    assert_eq!(events.borrow().iter().filter(|e| e.starts_with("send cache")).count(), 4);
}

#[test]
fn a_program_already_cached_is_not_cached_again() {
    let (_, mut node) = setup();
    let plan = plan(Some(Cache::Owner));
    // FLToken's code is known before deployment: cache its hash up front.
    node.cached.push(keccak256(&plan.artifacts[1].code));
    run(&plan, &mut node).expect("deploys");
    assert_eq!(node.cache_txs.len(), 3, "FLTRewards, FLTCouncil and FLTGovernor only");
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(
        whats[whats.len() - 4..],
        ["wire FLTCouncil", "cache FLTRewards", "cache FLTCouncil", "cache FLTGovernor"]
    );
}

#[test]
fn a_bid_below_the_minimum_is_refused_by_its_eth_call_and_not_sent() {
    let (_, mut node) = setup();
    let err = run(&plan(Some(Cache::Bid(4))), &mut node).unwrap_err();
    assert!(err.starts_with("FLTRewards: CacheManager(") && err.contains("placeBid("), "{err}");
    assert!(
        err.ends_with(&format!("with 4 wei from {SENDER} is refused: BidTooSmall(bid 4, min 5); nothing was sent")),
        "{err}"
    );
    assert!(node.cache_txs.is_empty());
}

#[test]
fn a_refused_cache_program_names_the_reason_and_the_owner_check() {
    let (_, mut node) = setup();
    node.refuse_cache = true;
    let err = run(&plan(Some(Cache::Owner)), &mut node).unwrap_err();
    assert!(err.starts_with("FLTRewards: ArbWasmCache.cacheProgram(0x"), "{err}");
    assert!(
        err.ends_with(&format!("is refused: reverted without data (only a chain owner may; ArbOwnerPublic.isChainOwner({SENDER}) = true); nothing was sent")),
        "{err}"
    );
    assert!(node.cache_txs.is_empty());
}

#[test]
fn a_cache_transaction_that_leaves_the_program_uncached_fails_the_run() {
    let (_, mut node) = setup();
    node.cache_noop = true;
    let err = run(&plan(Some(Cache::Owner)), &mut node).unwrap_err();
    assert!(err.contains("was mined (tx 0x") && err.ends_with(") = false"), "{err}");
}

fn refused_before_sending(node: &mut Node, events: &Events, cache: Option<Cache>, expect: &str) {
    let plan = plan(cache);
    let err = run(&plan, node).unwrap_err();
    assert!(err.contains(expect) && err.contains("nothing was sent"), "{err}");
    assert_eq!(node.sends(), 0, "{:?}", events.borrow());
    assert!(!plan.record.exists());
}

#[test]
fn a_deployed_event_from_anyone_but_the_stylus_deployer_is_not_believed() {
    let (_, mut node) = setup();
    node.impostor_log = true;
    let err = run(&plan(None), &mut node).unwrap_err();
    assert!(err.starts_with("deploying FLTRewards failed (tx 0x"), "{err}");
}

#[test]
fn a_failed_wiring_stops_the_run_and_the_record_keeps_the_deployed_addresses() {
    let (events, mut node) = setup();
    node.refuse_wire = true;
    let plan = plan(Some(Cache::Owner));
    let err = run(&plan, &mut node).unwrap_err();
    assert!(err.starts_with("FLTRewards.wire(token, governor) reverted (tx 0x"), "{err}");
    assert!(!events.borrow().iter().any(|e| e.starts_with("send cache")), "no caching after a failure");
    assert!(!events.borrow().iter().any(|e| e == "send wire FLTCouncil"), "the run stops at the first failure");
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(record["contracts"]["FLTGovernor"]["address"], node.governor.unwrap().0.to_string());
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["FLTRewards", "FLToken", "FLTCouncil", "FLTGovernor"]);
}

#[test]
fn a_failed_council_wiring_stops_the_run_and_the_record_keeps_the_first_wiring() {
    let (events, mut node) = setup();
    node.refuse_council_wire = true;
    let plan = plan(Some(Cache::Owner));
    let err = run(&plan, &mut node).unwrap_err();
    assert!(err.starts_with("FLTCouncil.wire(governor) reverted (tx 0x"), "{err}");
    assert_eq!(node.council_wired, None);
    assert!(!events.borrow().iter().any(|e| e.starts_with("send cache")), "no caching after a failure");
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(record["contracts"]["FLTCouncil"]["address"], node.council.unwrap().0.to_string());
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(whats[whats.len() - 2..], ["FLTGovernor", "wire FLTRewards"], "FLTRewards' wiring is recorded");
}

#[test]
fn a_node_of_another_chain_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.chain_id = 42_161;
    refused_before_sending(&mut node, &events, None, "is chain 42161, but local is chain 412346");
}

#[test]
fn a_chain_without_the_stylus_deployer_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.deployer_code = 0;
    refused_before_sending(&mut node, &events, None, "no Stylus deployer");
}

#[test]
fn a_program_the_chain_will_not_activate_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.activation = Err("execution reverted".into());
    refused_before_sending(
        &mut node,
        &events,
        None,
        "FLTRewards: this chain refuses to activate it: ProgramNeedsUpgrade(version 1, stylusVersion 2); nothing was sent",
    );
}

#[test]
fn too_little_balance_for_the_data_fees_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.balance = bumped(FEE) * U256::from(4);
    refused_before_sending(&mut node, &events, None, "holds 4800000 wei, not more than the 4800000 wei of data fees");
}

#[test]
fn too_little_balance_for_fees_and_bids_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.balance = bumped(FEE) * U256::from(4) + U256::from(40);
    refused_before_sending(
        &mut node,
        &events,
        Some(Cache::Bid(10)),
        "not more than the 4800040 wei of data fees and cache bids",
    );
}

#[test]
fn caching_as_owner_by_a_deployer_who_is_no_chain_owner_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.chain_owner = false;
    refused_before_sending(
        &mut node,
        &events,
        Some(Cache::Owner),
        &format!("the deployer {SENDER} is not a chain owner (ArbOwnerPublic.isChainOwner = false)"),
    );
    // Without caching, the same deployer deploys.
    let (_, mut node) = setup();
    node.chain_owner = false;
    run(&plan(None), &mut node).unwrap();
}

#[test]
fn a_bid_on_a_chain_without_a_cache_manager_is_refused_before_any_transaction() {
    let (events, mut node) = setup();
    node.managers.clear();
    refused_before_sending(
        &mut node,
        &events,
        Some(Cache::Bid(10)),
        "this chain has no cache manager (ArbWasmCache.allCacheManagers() is empty)",
    );
}

#[test]
fn code_already_active_on_the_chain_pays_no_data_fee() {
    let (events, mut node) = setup();
    node.already_active = true;
    let plan = plan(None);
    run(&plan, &mut node).unwrap();
    // Every program is one contract, whose code hash can already be active:
    // none pays a fee, and no activation was priced.
    assert_eq!(node.values, vec![U256::ZERO; 4]);
    assert!(!events.borrow().iter().any(|e| e == "activation check"), "{:?}", events.borrow());
    assert_eq!(node.deployed_code, plan.artifacts.iter().map(|a| a.code.clone()).collect::<Vec<_>>());
}

#[test]
fn a_read_back_mismatch_fails_the_run_but_keeps_the_record() {
    let (_, mut node) = setup();
    node.tamper_name = true;
    let plan = plan(None);
    let err = run(&plan, &mut node).unwrap_err();
    assert_eq!(err, "1 read-back check(s) failed");
    assert!(plan.record.exists(), "addresses are recorded before the read-back");
}

#[test]
fn the_read_back_checks_the_council_wiring_both_ways() {
    use flt_deploy::verify::{read_back, report};
    let (_, mut node) = setup();
    let plan = plan(None);
    let deployed = run(&plan, &mut node).expect("deploys");
    let checks = read_back(&mut node, &plan.config, deployed).unwrap();
    assert_eq!(checks.len(), 18);
    assert!(checks.iter().all(|c| c.ok()), "{}", report(&checks));
    let council: Vec<(&str, String)> =
        checks.iter().filter(|c| c.what.contains("ouncil")).map(|c| (c.what.as_str(), c.actual.clone())).collect();
    assert_eq!(
        council,
        [
            ("FLTCouncil.governor()", deployed.governor.to_string()),
            ("FLTCouncil.signers()", format!("{:?}", plan.config.signers)),
            ("FLTCouncil.councilInfo() threshold", "2".to_string()),
            ("FLTGovernor.council()", deployed.council.to_string()),
        ]
    );
    // A governor naming another council: one mismatch, with both values.
    node.tamper_council = true;
    let checks = read_back(&mut node, &plan.config, deployed).unwrap();
    let bad: Vec<_> = checks.iter().filter(|c| !c.ok()).collect();
    assert_eq!(bad.len(), 1, "{}", report(&checks));
    assert_eq!(
        (bad[0].what.as_str(), bad[0].expected.clone(), bad[0].actual.clone()),
        ("FLTGovernor.council()", deployed.council.to_string(), Address::with_last_byte(0x99).to_string())
    );
    // A council never wired answers the zero address.
    node.tamper_council = false;
    node.council_wired = None;
    let checks = read_back(&mut node, &plan.config, deployed).unwrap();
    let text = report(&checks);
    assert_eq!(checks.iter().filter(|c| !c.ok()).count(), 1, "{text}");
    let line = format!("  MISMATCH  FLTCouncil.governor(): expected {}, read {}\n", deployed.governor, Address::ZERO);
    assert!(text.contains(&line), "{text}");
}

#[test]
fn the_dry_run_lists_every_step_with_its_call_and_sends_nothing() {
    use flt_deploy::abi::Program::{Council, Governor, Rewards, Token};
    let plan = plan(Some(Cache::Bid(3)));
    assert_eq!(
        plan.steps(),
        vec![
            Step::CheckChain,
            Step::CheckActivation(Rewards),
            Step::CheckActivation(Token),
            Step::CheckActivation(Council),
            Step::CheckActivation(Governor),
            Step::CheckCache(Cache::Bid(3)),
            Step::CheckFunds,
            Step::Deploy(Rewards),
            Step::Deploy(Token),
            Step::Deploy(Council),
            Step::Deploy(Governor),
            Step::Wire(Rewards),
            Step::Wire(Council),
            Step::Record,
            Step::Cache(Rewards, Cache::Bid(3)),
            Step::Cache(Token, Cache::Bid(3)),
            Step::Cache(Council, Cache::Bid(3)),
            Step::Cache(Governor, Cache::Bid(3)),
            Step::ReadBack,
        ]
    );
    let text = plan.dry_run(Some(SENDER));
    assert!(text.starts_with("Deployment plan for local (chain id 412346), dry run: nothing is sent."), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.trim_start().split('.').next().is_some_and(|n| n.parse::<u32>().is_ok())).count(),
        19
    );
    assert!(text.contains(&format!("args: 0 [0x90F79bf6EB2c4f870365E785982E1f101E93b906] {SENDER}")), "{text}");
    assert!(text.contains("constructor(address[] signers, uint8 threshold, address wirer)"));
    assert!(text.contains(&format!("args: [0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC] 2 {SENDER}\n")), "{text}");
    assert!(text.contains("constructor(address council, address token, address rewards)"));
    assert!(text.contains("args: <FLTCouncil> <FLToken> <FLTRewards>\n"), "{text}");
    assert!(text.contains(
        "wire: cast send <FLTRewards> \"wire(address,address)\" <FLToken> <FLTGovernor> --rpc-url \"$FLT_LOCAL_RPC\""
    ));
    assert!(text.contains(
        "wire: cast send <FLTCouncil> \"wire(address)\" <FLTGovernor> --rpc-url \"$FLT_LOCAL_RPC\" --private-key \"$(cat \"$FLT_DEPLOYER_KEY_FILE\")\""
    ), "{text}");
    assert!(text.contains("FLTCouncil governor, signers, councilInfo; FLTGovernor token, rewards, council, params"));
    // Each program's one contract, with its size.
    for a in &plan.artifacts {
        let line = format!(
            "activation check {} ({} B raw, {} B brotli, deployed as one contract of {} B, wasm keccak {})",
            a.program.name(),
            a.size.raw,
            a.size.brotli,
            a.code.len(),
            a.wasm_hash
        );
        assert!(text.contains(&line), "{line}\n{text}");
    }
    assert!(!text.contains("fragment"), "{text}");
    assert!(text.contains(
        "check caching: ArbWasmCache(0x0000000000000000000000000000000000000072).allCacheManagers() names a cache manager (the bids: 4 x 3 wei)"
    ), "{text}");
    assert!(text.contains("and the 12 wei of bids"), "{text}");
    assert!(text.contains(
        "cache FLToken: skipped if ArbWasmCache.codehashIsCached(keccak256(code at <FLToken>)) already; else CacheManager (the last of ArbWasmCache.allCacheManagers()).placeBid(<FLToken>) with 3 wei"
    ), "{text}");
    assert!(text.contains(&format!("write {}", plan.record.display())));
    assert!(!plan.record.exists(), "a dry run writes nothing");
    assert!(!text.contains("cargo"), "no cargo-stylus any more: {text}");

    let owner = self::plan(Some(Cache::Owner)).dry_run(Some(SENDER));
    assert!(
        owner.contains(&format!("check caching: ArbOwnerPublic({ARB_OWNER_PUBLIC}).isChainOwner({SENDER}) is true")),
        "{owner}"
    );
    assert!(owner.contains(
        "else ArbWasmCache(0x0000000000000000000000000000000000000072).cacheProgram(<FLTRewards>) from the deployer (a chain owner)"
    ), "{owner}");
    // Without caching there is no caching step at all.
    let plain = self::plan(None);
    assert!(!plain.steps().iter().any(|s| matches!(s, Step::CheckCache(_) | Step::Cache(..))));
    assert!(!plain.dry_run(None).contains("cache"));
}
