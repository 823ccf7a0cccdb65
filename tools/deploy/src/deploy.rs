//! The deployment as a list of steps: `--dry-run` prints them, a real run
//! prints and performs them in order. Every check (chain id, the Stylus
//! deployer's presence, each program's activation on this chain, funds)
//! comes before the first transaction, and so does the check that caching,
//! when asked for, can work.

use std::path::PathBuf;

use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::{SolCall, SolEvent};

use crate::{
    abi::{self, ArbWasm, FLTCouncil, FLTRewards, Program, StylusDeployer, ARB_WASM, STYLUS_DEPLOYER},
    artifacts::Artifact,
    chain::{Chain, Tx, KEY_ENV},
    config::{Cache, Config},
    record,
    stylus::{self, bumped, explain, FEE_BUMP_PERCENT},
    verify::{self, Deployed},
};

/// Where the node's activation check installs code that is not deployed
/// yet: any address that is no precompile works; these are easy to spot in
/// a trace.
const PROBE: Address = Address::repeat_byte(0xa0);

pub struct Plan {
    pub config: Config,
    pub artifacts: Vec<Artifact>,
    /// Whether and how the programs are cached after the record.
    pub cache: Option<Cache>,
    pub record: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CheckChain,
    CheckActivation(Program),
    /// That caching the chosen way can work.
    CheckCache(Cache),
    CheckFunds,
    /// One contract per program, through the Stylus deployer.
    Deploy(Program),
    /// The wiring call of a program deployed with the deployer as its
    /// wirer: `FLTRewards.wire(token, governor)`, `FLTCouncil.wire(governor)`.
    Wire(Program),
    Record,
    Cache(Program, Cache),
    ReadBack,
}

impl Plan {
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::CheckChain];
        steps.extend(Program::ORDER.map(Step::CheckActivation));
        if let Some(how) = self.cache {
            steps.push(Step::CheckCache(how));
        }
        steps.push(Step::CheckFunds);
        steps.extend(self.artifacts.iter().map(|a| Step::Deploy(a.program)));
        steps.extend([Step::Wire(Program::Rewards), Step::Wire(Program::Council), Step::Record]);
        if let Some(how) = self.cache {
            steps.extend(Program::ORDER.map(|p| Step::Cache(p, how)));
        }
        steps.push(Step::ReadBack);
        steps
    }

    fn artifact(&self, program: Program) -> &Artifact {
        // `artifacts::load` returns all four or refuses.
        self.artifacts.iter().find(|a| a.program == program).expect("every program loaded")
    }

    /// The bids' total, if caching bids.
    fn bids(&self) -> U256 {
        match self.cache {
            Some(Cache::Bid(wei)) => U256::from(wei).saturating_mul(U256::from(Program::ORDER.len())),
            _ => U256::ZERO,
        }
    }

    /// What `step` does, with the exact call or command. `known` names the
    /// addresses that exist so far; the others print as `<Name>`.
    pub fn describe(&self, step: Step, known: &Known) -> String {
        let c = &self.config;
        let rpc = format!("--rpc-url \"${}\"", c.rpc_env);
        match step {
            Step::CheckChain => format!(
                "check the node: eth_chainId = {} ({}), code at the Stylus deployer {STYLUS_DEPLOYER}, deployer {}",
                c.chain_id,
                c.network,
                known.deployer()
            ),
            Step::CheckActivation(p) => {
                let a = self.artifact(p);
                format!(
                    "activation check {} ({} B raw, {} B brotli, deployed as one contract of {} B, wasm keccak {}): ArbWasm.codehashVersion of its code hash (already active: no fee), else eth_call ArbWasm.activateProgram on its code installed by a state override gives the data fee; a program this chain refuses stops here",
                    p.name(),
                    a.size.raw,
                    a.size.brotli,
                    a.code.len(),
                    a.wasm_hash
                )
            }
            Step::CheckCache(how) => match how {
                Cache::Bid(wei) => format!(
                    "check caching: ArbWasmCache({}).allCacheManagers() names a cache manager (the bids: {} x {wei} wei)",
                    abi::ARB_WASM_CACHE,
                    Program::ORDER.len()
                ),
                Cache::Owner => format!(
                    "check caching: ArbOwnerPublic({}).isChainOwner({}) is true (cacheProgram is for chain owners)",
                    abi::ARB_OWNER_PUBLIC,
                    known.deployer()
                ),
            },
            Step::CheckFunds => match self.cache {
                Some(Cache::Bid(_)) => format!(
                    "check funds: deployer balance covers the data fees (+{FEE_BUMP_PERCENT} %) and the {} wei of bids",
                    self.bids()
                ),
                _ => format!("check funds: deployer balance covers the data fees (+{FEE_BUMP_PERCENT} %)"),
            },
            Step::Deploy(p) => {
                let deployed = Program::ORDER.map(|q| known.name(q));
                let args = p.args_text(c, &known.deployer(), &deployed[..p.index()]);
                format!(
                    "deploy {}: StylusDeployer.deploy(code, stylus_constructor + args, 0, 0x0) to {STYLUS_DEPLOYER} with the data fee as value (creates, activates and runs the constructor in one transaction)\n      {}\n      args: {}",
                    p.name(),
                    p.constructor(),
                    args.join(" ")
                )
            }
            Step::Wire(p) => {
                let (signature, args) = match p {
                    Program::Council => ("wire(address)", known.name(Program::Governor)),
                    _ => (
                        "wire(address,address)",
                        format!("{} {}", known.name(Program::Token), known.name(Program::Governor)),
                    ),
                };
                format!(
                    "wire: cast send {} \"{signature}\" {args} {rpc} --private-key \"$(cat \"${KEY_ENV}\")\"",
                    known.name(p)
                )
            }
            Step::Record => format!(
                "write {} (also rewritten after every transaction, so a failed run leaves what exists)",
                self.record.display()
            ),
            Step::Cache(p, how) => stylus::describe_cache(p.name(), &known.name(p), how),
            Step::ReadBack => "read back: FLToken name, symbol, decimals, totalSupply, balanceOf(FLTRewards), reserve, governor; FLTRewards token, governor, params, isValidator(each); FLTCouncil governor, signers, councilInfo; FLTGovernor token, rewards, council, params".into(),
        }
    }

    /// The dry run: every step, nothing sent. `deployer` is the key file's
    /// address when one is configured.
    pub fn dry_run(&self, deployer: Option<Address>) -> String {
        let known = Known { deployer, ..Known::default() };
        let steps = self.steps();
        let mut out = format!(
            "Deployment plan for {} (chain id {}), dry run: nothing is sent.\nRPC URL from ${}, deployer key file from ${}.\n",
            self.config.network,
            self.config.chain_id,
            self.config.rpc_env,
            KEY_ENV
        );
        for (i, step) in steps.iter().enumerate() {
            out.push_str(&format!("{:>3}. {}\n", i + 1, self.describe(*step, &known)));
        }
        out
    }
}

/// Addresses known so far.
#[derive(Debug, Default, Clone)]
pub struct Known {
    pub deployer: Option<Address>,
    pub programs: [Option<Address>; 4],
    pub fees: [U256; 4],
}

impl Known {
    fn deployer(&self) -> String {
        self.deployer.map_or("<deployer>".into(), |a| a.to_string())
    }

    fn name(&self, p: Program) -> String {
        self.programs[p.index()].map_or(format!("<{}>", p.name()), |a| a.to_string())
    }

    fn get(&self, p: Program) -> Result<Address, String> {
        self.programs[p.index()].ok_or_else(|| format!("{} is not deployed yet", p.name()))
    }

    pub fn deployed(&self) -> Result<Deployed, String> {
        Ok(Deployed {
            rewards: self.get(Program::Rewards)?,
            token: self.get(Program::Token)?,
            council: self.get(Program::Council)?,
            governor: self.get(Program::Governor)?,
        })
    }
}

/// A real run: performs every step, printing each first.
pub fn run(plan: &Plan, chain: &mut impl Chain) -> Result<Deployed, String> {
    let mut known = Known { deployer: Some(chain.sender()), ..Known::default() };
    let mut log = record::Log::default();
    let steps = plan.steps();
    for (i, step) in steps.iter().enumerate() {
        println!("[{}/{}] {}", i + 1, steps.len(), plan.describe(*step, &known));
        perform(plan, *step, chain, &mut known, &mut log)?;
    }
    known.deployed()
}

fn perform(
    plan: &Plan,
    step: Step,
    chain: &mut impl Chain,
    known: &mut Known,
    log: &mut record::Log,
) -> Result<(), String> {
    let config = &plan.config;
    match step {
        Step::CheckChain => {
            let id = chain.chain_id()?;
            if id != config.chain_id {
                return Err(format!(
                    "the node at ${} is chain {id}, but {} is chain {}; nothing was sent",
                    config.rpc_env, config.network, config.chain_id
                ));
            }
            if chain.code(STYLUS_DEPLOYER)?.is_empty() {
                return Err(format!("no Stylus deployer at {STYLUS_DEPLOYER} on this chain; nothing was sent"));
            }
            Ok(())
        }
        Step::CheckActivation(p) => {
            known.fees[p.index()] = bumped(activation_fee(chain, &plan.artifact(p).code, p.name())?);
            Ok(())
        }
        Step::CheckCache(how) => stylus::check_cache(chain, how),
        Step::CheckFunds => {
            let fees = known.fees.iter().fold(U256::ZERO, |s, f| s.saturating_add(*f));
            let needed = fees.saturating_add(plan.bids());
            let balance = chain.balance(chain.sender())?;
            if balance <= needed {
                let what = if plan.bids().is_zero() { "data fees" } else { "data fees and cache bids" };
                return Err(format!(
                    "deployer {} holds {balance} wei, not more than the {needed} wei of {what} (plus gas); nothing was sent",
                    chain.sender()
                ));
            }
            Ok(())
        }
        Step::Deploy(p) => {
            let code = &plan.artifact(p).code;
            let deployed: Vec<Address> = known.programs[..p.index()].iter().map(|a| a.unwrap_or_default()).collect();
            let init = p.init_data(config, chain.sender(), &deployed);
            let tx = Tx { to: Some(STYLUS_DEPLOYER), data: abi::deploy_call(code, init), value: known.fees[p.index()] };
            let receipt = chain.send(&tx)?;
            let at = receipt
                .logs
                .iter()
                .find(|(from, topics, data)| {
                    *from == STYLUS_DEPLOYER
                        && topics.first() == Some(&StylusDeployer::ContractDeployed::SIGNATURE_HASH)
                        && data.len() == 32
                })
                .map(|(_, _, data)| Address::from_slice(&data[12..]))
                .filter(|_| receipt.success)
                .ok_or_else(|| format!("deploying {} failed (tx {})", p.name(), receipt.hash))?;
            println!("      {} at {at}", p.name());
            let activated = receipt.logs.iter().find_map(|(from, topics, data)| {
                (*from == ARB_WASM && topics.first() == Some(&ArbWasm::ProgramActivated::SIGNATURE_HASH))
                    .then(|| ArbWasm::ProgramActivated::decode_raw_log(topics.iter().copied(), data, true).ok())
                    .flatten()
            });
            match activated {
                Some(e) => println!(
                    "      activated in this transaction: version {}, data fee {} wei ({} wei sent: the estimate + {FEE_BUMP_PERCENT} %, the rest refunded)",
                    e.version,
                    e.dataFee,
                    known.fees[p.index()]
                ),
                None => println!("      no activation in this transaction: identical code was already active"),
            }
            known.programs[p.index()] = Some(at);
            log.tx(p.name().to_string(), &receipt);
            record::write(&plan.record, config, &plan.artifacts, known, log)
        }
        Step::Wire(p) => {
            let governor = known.get(Program::Governor)?;
            let (data, call) = match p {
                Program::Council => (FLTCouncil::wireCall { governor }.abi_encode(), "wire(governor)"),
                _ => (
                    FLTRewards::wireCall { token: known.get(Program::Token)?, governor }.abi_encode(),
                    "wire(token, governor)",
                ),
            };
            let receipt = chain.send(&Tx { to: Some(known.get(p)?), data, value: U256::ZERO })?;
            if !receipt.success {
                return Err(format!("{}.{call} reverted (tx {})", p.name(), receipt.hash));
            }
            log.tx(format!("wire {}", p.name()), &receipt);
            record::write(&plan.record, config, &plan.artifacts, known, log)
        }
        Step::Record => record::write(&plan.record, config, &plan.artifacts, known, log),
        Step::Cache(p, how) => match stylus::cache(chain, p.name(), known.get(p)?, how)? {
            stylus::Cached::Now { receipt, .. } => {
                log.tx(format!("cache {}", p.name()), &receipt);
                record::write(&plan.record, config, &plan.artifacts, known, log)
            }
            stylus::Cached::Already(_) => Ok(()),
        },
        Step::ReadBack => {
            let checks = verify::read_back(chain, config, known.deployed()?)?;
            print!("{}", verify::report(&checks));
            match checks.iter().filter(|c| !c.ok()).count() {
                0 => Ok(()),
                n => Err(format!("{n} read-back check(s) failed")),
            }
        }
    }
}

/// The data fee ArbWasm would charge to activate `code` (a program's one
/// contract, [`crate::code::program_code`]) now: 0 when the same code is
/// already active on this chain (the Stylus deployer then skips
/// activation), else what an `eth_call` of `ArbWasm.activateProgram`
/// answers with the code installed at a probe address by a state override.
/// That call really activates: nitro parses and compiles the program in it,
/// so a program this chain refuses (an unsupported section, a float op, too
/// large) fails here, before anything is sent.
pub fn activation_fee(chain: &mut impl Chain, code: &[u8], name: &str) -> Result<U256, String> {
    let version = ArbWasm::codehashVersionCall { codehash: keccak256(code) }.abi_encode();
    if let Ok(out) = chain.call(ARB_WASM, version) {
        let v = ArbWasm::codehashVersionCall::abi_decode_returns(&out, true).map_or(0, |r| r.version);
        println!("      identical code already active on this chain (version {v}): no data fee");
        return Ok(U256::ZERO);
    }
    let codes = vec![(PROBE, code.to_vec())];
    let call = ArbWasm::activateProgramCall { program: PROBE }.abi_encode();
    let out = chain
        .call_with_codes(ARB_WASM, call, stylus::one_eth(), codes)
        .map_err(|f| format!("{name}: this chain refuses to activate it: {}; nothing was sent", explain(&f)))?;
    let answer = ArbWasm::activateProgramCall::abi_decode_returns(&out, true)
        .map_err(|e| format!("{name}: unexpected activation answer: {e}"))?;
    println!(
        "      activation check passed: ArbWasm activates it as version {}, data fee {} wei",
        answer.version, answer.dataFee
    );
    Ok(answer.dataFee)
}
