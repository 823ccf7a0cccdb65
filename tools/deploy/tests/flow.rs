//! The whole deployment against a recording fake node and shell: the order
//! of steps, what each transaction carries, the record, cache bids, the
//! read-back, and that every refusal comes before the first transaction.

mod support;

use std::{cell::RefCell, rc::Rc};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use flt_deploy::{
    abi::{
        governorConstructorCall, rewardsConstructorCall, stylus_constructorCall, tokenConstructorCall, ArbWasm,
        FLTGovernor, FLTRewards, FLToken, StylusDeployer, ARB_WASM, STYLUS_DEPLOYER,
    },
    artifacts,
    chain::{Chain, Receipt, Tx},
    code::{Code, ROOT_PREFIX},
    deploy::{run, Plan, Step},
    stylus::Shell,
    verify::TOTAL_SUPPLY,
};
use flt_scoring::params::Param;

type Events = Rc<RefCell<Vec<String>>>;

const SENDER: Address = Address::with_last_byte(0xde);
const FEE: u64 = 1_000_000;

/// A node that runs the three constructors and `wire` the way the
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
    impostor_log: bool,
    next: u8,
    values: Vec<U256>,
    roots: Vec<Vec<u8>>,
    created: Vec<Address>,
    rewards: Option<(Address, rewardsConstructorCall)>,
    token: Option<(Address, tokenConstructorCall)>,
    governor: Option<(Address, governorConstructorCall)>,
    wired: Option<(Address, Address)>,
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
            impostor_log: false,
            next: 0x10,
            values: Vec::new(),
            roots: Vec::new(),
            created: Vec::new(),
            rewards: None,
            token: None,
            governor: None,
            wired: None,
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

    fn code_len(&mut self, at: Address) -> Result<usize, String> {
        assert_eq!(at, STYLUS_DEPLOYER);
        Ok(self.deployer_code)
    }

    fn call(&mut self, to: Address, data: Vec<u8>) -> Result<Vec<u8>, String> {
        let sel: [u8; 4] = data[..4].try_into().unwrap();
        if to == ARB_WASM && sel == ArbWasm::codehashVersionCall::SELECTOR {
            return if self.already_active {
                Ok(U256::from(2).to_be_bytes::<32>().to_vec())
            } else {
                Err("ProgramNotActivated".into())
            };
        }
        let (rewards, r) = self.rewards.clone().ok_or("no FLTRewards")?;
        let (token, t) = self.token.clone().ok_or("no FLToken")?;
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
        } else if to == governor {
            match sel {
                FLTGovernor::tokenCall::SELECTOR => FLTGovernor::tokenCall::abi_encode_returns(&(g.token,)),
                FLTGovernor::rewardsCall::SELECTOR => FLTGovernor::rewardsCall::abi_encode_returns(&(g.rewards,)),
                FLTGovernor::paramsCall::SELECTOR => FLTGovernor::paramsCall::abi_encode_returns(&(params(13..=17),)),
                FLTGovernor::signersCall::SELECTOR => {
                    FLTGovernor::signersCall::abi_encode_returns(&(g.council.clone(),))
                }
                FLTGovernor::councilInfoCall::SELECTOR => {
                    FLTGovernor::councilInfoCall::abi_encode_returns(&(g.threshold, 0u32))
                }
                _ => return Err("unknown FLTGovernor call".into()),
            }
        } else {
            return Err(format!("no contract at {to}"));
        };
        Ok(out)
    }

    fn call_with_codes(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        codes: Vec<(Address, Vec<u8>)>,
    ) -> Result<Vec<u8>, String> {
        assert_eq!(to, ARB_WASM);
        let program = ArbWasm::activateProgramCall::abi_decode(&data, true).unwrap().program;
        assert!(codes.iter().any(|(at, _)| *at == program), "the probed program's code is installed");
        assert!(value > U256::ZERO);
        self.events.borrow_mut().push("activation check".into());
        let fee = self.activation.clone()?;
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
            self.roots.push(call.bytecode[43..].to_vec());
            let at = self.fresh();
            let args = &call.initData[4..];
            let which = if self.rewards.is_none() {
                self.rewards = Some((at, rewardsConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLTRewards"
            } else if self.token.is_none() {
                self.token = Some((at, tokenConstructorCall::abi_decode_raw(args, true).unwrap()));
                "FLToken"
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
        let (rewards, r) = self.rewards.clone().expect("wire goes to FLTRewards");
        assert_eq!(to, rewards);
        let call = FLTRewards::wireCall::abi_decode(&tx.data, true).unwrap();
        self.events.borrow_mut().push("send wire".into());
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

struct Sh {
    events: Events,
    installed: bool,
}

impl Shell for Sh {
    fn has_cargo_stylus(&mut self) -> bool {
        self.installed
    }

    fn run(&mut self, argv: &[String]) -> Result<(), String> {
        self.events.borrow_mut().push(format!("run {}", argv.join(" ")));
        self.installed = true;
        Ok(())
    }
}

fn plan(cache_bid_wei: Option<u64>) -> Plan {
    let record = support::temp_dir("record").join("local.json");
    Plan {
        config: support::local(),
        artifacts: artifacts::load(&support::artifact_dir(), true).unwrap(),
        cache_bid_wei,
        record,
    }
}

fn setup() -> (Events, Node, Sh) {
    let events: Events = Rc::default();
    let node = Node::new(&events);
    let sh = Sh { events: events.clone(), installed: true };
    (events, node, sh)
}

fn bumped(fee: u64) -> U256 {
    U256::from(fee * 120 / 100)
}

#[test]
fn a_deployment_deploys_wires_records_and_reads_back() {
    let (events, mut node, mut sh) = setup();
    let plan = plan(None);
    let deployed = run(&plan, &mut node, &mut sh, "http://node", "/keys/deployer").expect("deploys");

    assert_eq!(
        *events.borrow(),
        [
            "activation check",
            "activation check",
            "activation check",
            "send create 24619", // FLTRewards fragment 1: 43 + 24,576
            &format!("send create {}", 43 + plan.artifacts[0].code.fragments()[1].len()),
            "send deploy FLTRewards",
            "send deploy FLToken",
            "send create 24619",
            &format!("send create {}", 43 + plan.artifacts[2].code.fragments()[1].len()),
            "send deploy FLTGovernor",
            "send wire",
        ]
    );
    // Each deployment paid the bumped data fee; the constructors got the config.
    assert_eq!(node.values, vec![bumped(FEE); 3]);
    let (rewards, r) = node.rewards.clone().unwrap();
    let (token, t) = node.token.clone().unwrap();
    let (governor, g) = node.governor.clone().unwrap();
    assert_eq!((deployed.rewards, deployed.token, deployed.governor), (rewards, token, governor));
    assert_eq!(
        (r.genesis, r.validators.clone(), r.wirer),
        (plan.config.genesis, plan.config.validators.clone(), SENDER)
    );
    assert_eq!(t.reserve, rewards);
    assert_eq!((g.council.clone(), g.threshold, g.token, g.rewards), (plan.config.signers.clone(), 2, token, rewards));
    assert_eq!(node.wired, Some((token, governor)));

    // FLTRewards' root lists the two fragments created just before it; FLToken is one piece.
    let root = &node.roots[0];
    assert_eq!(root[..4], ROOT_PREFIX);
    assert_eq!(root[8..], [node.created[0].as_slice(), node.created[1].as_slice()].concat());
    let Code::Single(token_code) = &plan.artifacts[1].code else { panic!("FLToken fixture fits one contract") };
    assert_eq!(&node.roots[1], token_code);

    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(record["chainId"], 412_346);
    assert_eq!(record["deployer"], SENDER.to_string());
    assert_eq!(record["contracts"]["FLTRewards"]["address"], rewards.to_string());
    assert_eq!(record["contracts"]["FLToken"]["address"], token.to_string());
    assert_eq!(record["contracts"]["FLTGovernor"]["address"], governor.to_string());
    assert_eq!(record["contracts"]["FLTGovernor"]["fragments"].as_array().unwrap().len(), 2);
    assert_eq!(record["contracts"]["FLToken"]["wasmKeccak"], plan.artifacts[1].wasm_hash.to_string());
    assert_eq!(record["transactions"].as_array().unwrap().len(), 8);
    assert_eq!(record["config"]["council"]["threshold"], 2);
    assert_eq!(flt_deploy::record::read(&plan.record).unwrap(), deployed);
}

#[test]
fn cache_bids_run_cargo_stylus_after_the_record_and_install_it_first_when_missing() {
    let (events, mut node, mut sh) = setup();
    sh.installed = false;
    let plan = plan(Some(5));
    let deployed = run(&plan, &mut node, &mut sh, "http://node", "/keys/deployer").expect("deploys");
    let events = events.borrow();
    assert_eq!(
        events[0], "run cargo install --locked cargo-stylus --version 0.10.10",
        "installed before anything else"
    );
    let wire = events.iter().position(|e| e == "send wire").unwrap();
    let bids: Vec<&String> = events[wire..].iter().filter(|e| e.starts_with("run")).collect();
    assert_eq!(
        bids,
        [deployed.rewards, deployed.token, deployed.governor]
            .map(|a| format!(
                "run cargo stylus cache bid {a} 5 --endpoint http://node --private-key-path /keys/deployer"
            ))
            .iter()
            .collect::<Vec<_>>()
    );
}

fn refused_before_sending(node: &mut Node, events: &Events, expect: &str) {
    let plan = plan(Some(1));
    let mut sh = Sh { events: events.clone(), installed: true };
    let err = run(&plan, node, &mut sh, "http://node", "/k").unwrap_err();
    assert!(err.contains(expect) && err.contains("nothing was sent"), "{err}");
    assert_eq!(node.sends(), 0, "{:?}", events.borrow());
    assert!(!events.borrow().iter().any(|e| e.starts_with("run")));
    assert!(!plan.record.exists());
}

#[test]
fn a_deployed_event_from_anyone_but_the_stylus_deployer_is_not_believed() {
    let (_, mut node, mut sh) = setup();
    node.impostor_log = true;
    let err = run(&plan(None), &mut node, &mut sh, "u", "k").unwrap_err();
    assert!(err.starts_with("deploying FLTRewards failed (tx 0x"), "{err}");
}

#[test]
fn a_failed_wiring_stops_the_run_and_the_record_keeps_the_deployed_addresses() {
    let (events, mut node, mut sh) = setup();
    node.refuse_wire = true;
    let plan = plan(Some(1));
    let err = run(&plan, &mut node, &mut sh, "u", "k").unwrap_err();
    assert!(err.starts_with("wire(token, governor) reverted (tx 0x"), "{err}");
    assert!(!events.borrow().iter().any(|e| e.starts_with("run cargo stylus cache")), "no cache bids after a failure");
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(record["contracts"]["FLTGovernor"]["address"], node.governor.unwrap().0.to_string());
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(
        whats,
        [
            "FLTRewards fragment 1",
            "FLTRewards fragment 2",
            "FLTRewards",
            "FLToken",
            "FLTGovernor fragment 1",
            "FLTGovernor fragment 2",
            "FLTGovernor"
        ]
    );
}

#[test]
fn a_node_of_another_chain_is_refused_before_any_transaction() {
    let (events, mut node, _) = setup();
    node.chain_id = 42_161;
    refused_before_sending(&mut node, &events, "is chain 42161, but local is chain 412346");
}

#[test]
fn a_chain_without_the_stylus_deployer_is_refused_before_any_transaction() {
    let (events, mut node, _) = setup();
    node.deployer_code = 0;
    refused_before_sending(&mut node, &events, "no Stylus deployer");
}

#[test]
fn a_program_the_chain_will_not_activate_is_refused_before_any_transaction() {
    let (events, mut node, _) = setup();
    node.activation = Err("execution reverted: ProgramNeedsUpgrade".into());
    refused_before_sending(&mut node, &events, "FLTRewards: this chain refuses to activate it: execution reverted");
}

#[test]
fn too_little_balance_for_the_data_fees_is_refused_before_any_transaction() {
    let (events, mut node, _) = setup();
    node.balance = bumped(FEE) * U256::from(3);
    refused_before_sending(&mut node, &events, "not more than the 3600000 wei of data fees");
}

#[test]
fn code_already_active_on_the_chain_pays_no_data_fee() {
    let (_, mut node, mut sh) = setup();
    node.already_active = true;
    run(&plan(None), &mut node, &mut sh, "u", "k").unwrap();
    // Only FLToken is one contract whose code hash can already be active.
    assert_eq!(node.values, vec![bumped(FEE), U256::ZERO, bumped(FEE)]);
}

#[test]
fn a_read_back_mismatch_fails_the_run_but_keeps_the_record() {
    let (_, mut node, mut sh) = setup();
    node.tamper_name = true;
    let plan = plan(None);
    let err = run(&plan, &mut node, &mut sh, "u", "k").unwrap_err();
    assert_eq!(err, "1 read-back check(s) failed");
    assert!(plan.record.exists(), "addresses are recorded before the read-back");
}

#[test]
fn the_dry_run_lists_every_step_with_its_command_and_sends_nothing() {
    let plan = plan(Some(0));
    assert_eq!(
        plan.steps(),
        vec![
            Step::EnsureCargoStylus,
            Step::CheckChain,
            Step::CheckActivation(flt_deploy::abi::Program::Rewards),
            Step::CheckActivation(flt_deploy::abi::Program::Token),
            Step::CheckActivation(flt_deploy::abi::Program::Governor),
            Step::CheckFunds,
            Step::DeployFragment(flt_deploy::abi::Program::Rewards, 0),
            Step::DeployFragment(flt_deploy::abi::Program::Rewards, 1),
            Step::Deploy(flt_deploy::abi::Program::Rewards),
            Step::Deploy(flt_deploy::abi::Program::Token),
            Step::DeployFragment(flt_deploy::abi::Program::Governor, 0),
            Step::DeployFragment(flt_deploy::abi::Program::Governor, 1),
            Step::Deploy(flt_deploy::abi::Program::Governor),
            Step::Wire,
            Step::Record,
            Step::CacheBid(flt_deploy::abi::Program::Rewards),
            Step::CacheBid(flt_deploy::abi::Program::Token),
            Step::CacheBid(flt_deploy::abi::Program::Governor),
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
    assert!(text.contains("constructor(address[] council, uint8 threshold, address token, address rewards)"));
    assert!(text.contains("args: [0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC] 2 <FLToken> <FLTRewards>"));
    assert!(text.contains(
        "wire: cast send <FLTRewards> \"wire(address,address)\" <FLToken> <FLTGovernor> --rpc-url \"$FLT_LOCAL_RPC\""
    ));
    assert!(text.contains(
        "cache bid FLToken: cargo stylus cache bid <FLToken> 0 --endpoint \"$FLT_LOCAL_RPC\" --private-key-path \"$FLT_DEPLOYER_KEY_FILE\""
    ));
    assert!(text.contains("cargo install --locked cargo-stylus --version 0.10.10"));
    assert!(text.contains(&format!("write {}", plan.record.display())));
    assert!(!plan.record.exists(), "a dry run writes nothing");
    // Without a cache bid there is no cargo-stylus step at all.
    assert!(!self::plan(None).dry_run(None).contains("cargo"));
}
