//! The deployment as a list of steps: `--dry-run` prints them, a real run
//! prints and performs them in order. Every check (chain id, the Stylus
//! deployer's presence, each program's activation on this chain, funds)
//! comes before the first transaction.

use std::path::PathBuf;

use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::{SolCall, SolEvent};

use crate::{
    abi::{self, ArbWasm, FLTRewards, Program, StylusDeployer, ARB_WASM, STYLUS_DEPLOYER},
    artifacts::Artifact,
    chain::{Chain, Tx},
    config::Config,
    record,
    stylus::{self, Shell, StylusCmd},
    verify::{self, Deployed},
};

/// cargo-stylus' default bump on the estimated activation fee; the Stylus
/// deployer and ArbWasm refund what is not used.
pub const FEE_BUMP_PERCENT: u64 = 20;

/// Where the node's activation check installs code that is not deployed
/// yet: any address that is no precompile works; these are easy to spot in
/// a trace.
const PROBE: Address = Address::repeat_byte(0xa0);

pub struct Plan {
    pub config: Config,
    pub artifacts: Vec<Artifact>,
    pub cache_bid_wei: Option<u64>,
    pub record: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    EnsureCargoStylus,
    CheckChain,
    CheckActivation(Program),
    CheckFunds,
    DeployFragment(Program, usize),
    Deploy(Program),
    Wire,
    Record,
    CacheBid(Program),
    ReadBack,
}

impl Plan {
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if self.cache_bid_wei.is_some() {
            steps.push(Step::EnsureCargoStylus);
        }
        steps.push(Step::CheckChain);
        steps.extend(Program::ORDER.map(Step::CheckActivation));
        steps.push(Step::CheckFunds);
        for a in &self.artifacts {
            steps.extend((0..a.code.fragments().len()).map(|i| Step::DeployFragment(a.program, i)));
            steps.push(Step::Deploy(a.program));
        }
        steps.extend([Step::Wire, Step::Record]);
        if self.cache_bid_wei.is_some() {
            steps.extend(Program::ORDER.map(Step::CacheBid));
        }
        steps.push(Step::ReadBack);
        steps
    }

    fn artifact(&self, program: Program) -> &Artifact {
        // `artifacts::load` returns all three or refuses.
        self.artifacts.iter().find(|a| a.program == program).expect("every program loaded")
    }

    /// What `step` does, with the exact call or command. `known` names the
    /// addresses that exist so far; the others print as `<Name>`.
    pub fn describe(&self, step: Step, known: &Known) -> String {
        let c = &self.config;
        let rpc = format!("--rpc-url \"${}\"", c.rpc_env);
        match step {
            Step::EnsureCargoStylus => format!(
                "cargo-stylus {}: install it if missing ({})",
                stylus::VERSION,
                stylus::install_command().join(" ")
            ),
            Step::CheckChain => format!(
                "check the node: eth_chainId = {} ({}), code at the Stylus deployer {STYLUS_DEPLOYER}, deployer {}",
                c.chain_id,
                c.network,
                known.deployer()
            ),
            Step::CheckActivation(p) => {
                let a = self.artifact(p);
                format!(
                    "activation check {} ({} B raw, {} B brotli, {} fragment(s), wasm keccak {}): eth_call ArbWasm.activateProgram on its code gives the data fee",
                    p.name(),
                    a.size.raw,
                    a.size.brotli,
                    a.size.fragments(),
                    a.wasm_hash
                )
            }
            Step::CheckFunds => format!("check funds: deployer balance covers the data fees (+{FEE_BUMP_PERCENT} %)"),
            Step::DeployFragment(p, i) => {
                let fragments = self.artifact(p).code.fragments();
                let len = fragments.get(i).map_or(0, Vec::len);
                format!("deploy {} fragment {}/{} ({len} B): contract creation", p.name(), i + 1, fragments.len())
            }
            Step::Deploy(p) => {
                let args = p.args_text(c, &known.deployer(), &known.name(Program::Rewards), &known.name(Program::Token));
                format!(
                    "deploy {}: StylusDeployer.deploy(code, stylus_constructor + args, 0, 0x0) to {STYLUS_DEPLOYER} with the data fee as value (creates, activates and runs the constructor in one transaction)\n      {}\n      args: {}",
                    p.name(),
                    p.constructor(),
                    args.join(" ")
                )
            }
            Step::Wire => format!(
                "wire: cast send {} \"wire(address,address)\" {} {} {rpc} --private-key \"$(cat \"${}\")\"",
                known.name(Program::Rewards),
                known.name(Program::Token),
                known.name(Program::Governor),
                stylus::KEY_ENV
            ),
            Step::Record => format!(
                "write {} (also rewritten after every transaction, so a failed run leaves what exists)",
                self.record.display()
            ),
            Step::CacheBid(p) => {
                let bid = self.cache_bid_wei.unwrap_or_default();
                format!("cache bid {}: {}", p.name(), StylusCmd::cache_bid(&known.name(p), bid).render(&c.rpc_env))
            }
            Step::ReadBack => "read back: FLToken name, symbol, decimals, totalSupply, balanceOf(FLTRewards), reserve, governor; FLTRewards token, governor, params, isValidator(each); FLTGovernor token, rewards, params, signers, councilInfo".into(),
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
            stylus::KEY_ENV
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
    pub programs: [Option<Address>; 3],
    pub fragments: [Vec<Address>; 3],
    pub fees: [U256; 3],
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
            governor: self.get(Program::Governor)?,
        })
    }
}

/// A real run: performs every step, printing each first. `endpoint` and
/// `key_file` are the values of the config's variables.
pub fn run(
    plan: &Plan,
    chain: &mut impl Chain,
    shell: &mut impl Shell,
    endpoint: &str,
    key_file: &str,
) -> Result<Deployed, String> {
    let mut known = Known { deployer: Some(chain.sender()), ..Known::default() };
    let mut log = record::Log::default();
    let steps = plan.steps();
    for (i, step) in steps.iter().enumerate() {
        println!("[{}/{}] {}", i + 1, steps.len(), plan.describe(*step, &known));
        perform(plan, *step, chain, shell, endpoint, key_file, &mut known, &mut log)?;
    }
    known.deployed()
}

#[allow(clippy::too_many_arguments)]
fn perform(
    plan: &Plan,
    step: Step,
    chain: &mut impl Chain,
    shell: &mut impl Shell,
    endpoint: &str,
    key_file: &str,
    known: &mut Known,
    log: &mut record::Log,
) -> Result<(), String> {
    let config = &plan.config;
    match step {
        Step::EnsureCargoStylus => stylus::ensure(shell),
        Step::CheckChain => {
            let id = chain.chain_id()?;
            if id != config.chain_id {
                return Err(format!(
                    "the node at ${} is chain {id}, but {} is chain {}; nothing was sent",
                    config.rpc_env, config.network, config.chain_id
                ));
            }
            if chain.code_len(STYLUS_DEPLOYER)? == 0 {
                return Err(format!("no Stylus deployer at {STYLUS_DEPLOYER} on this chain; nothing was sent"));
            }
            Ok(())
        }
        Step::CheckActivation(p) => {
            known.fees[p.index()] = activation_fee(chain, &plan.artifact(p).code, p)?;
            println!("      data fee {} wei", known.fees[p.index()]);
            Ok(())
        }
        Step::CheckFunds => {
            let needed = known.fees.iter().fold(U256::ZERO, |s, f| s.saturating_add(*f));
            let balance = chain.balance(chain.sender())?;
            if balance <= needed {
                return Err(format!(
                    "deployer {} holds {balance} wei, not more than the {needed} wei of data fees (plus gas); nothing was sent",
                    chain.sender()
                ));
            }
            Ok(())
        }
        Step::DeployFragment(p, i) => {
            let fragment = &plan.artifact(p).code.fragments()[i];
            let receipt = chain.send(&Tx { to: None, data: crate::code::init_code(fragment), value: U256::ZERO })?;
            let at = receipt
                .created
                .filter(|_| receipt.success)
                .ok_or_else(|| format!("{} fragment {} failed (tx {})", p.name(), i + 1, receipt.hash))?;
            known.fragments[p.index()].push(at);
            log.tx(format!("{} fragment {}", p.name(), i + 1), &receipt);
            record::write(&plan.record, config, &plan.artifacts, known, log)
        }
        Step::Deploy(p) => {
            let code = plan.artifact(p).code.program(&known.fragments[p.index()]);
            let deployed = [known.programs[0].unwrap_or_default(), known.programs[1].unwrap_or_default()];
            let init = p.init_data(config, chain.sender(), &deployed);
            let tx =
                Tx { to: Some(STYLUS_DEPLOYER), data: abi::deploy_call(&code, init), value: known.fees[p.index()] };
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
            known.programs[p.index()] = Some(at);
            log.tx(p.name().to_string(), &receipt);
            record::write(&plan.record, config, &plan.artifacts, known, log)
        }
        Step::Wire => {
            let call =
                FLTRewards::wireCall { token: known.get(Program::Token)?, governor: known.get(Program::Governor)? };
            let receipt = chain.send(&Tx {
                to: Some(known.get(Program::Rewards)?),
                data: call.abi_encode(),
                value: U256::ZERO,
            })?;
            if !receipt.success {
                return Err(format!("wire(token, governor) reverted (tx {})", receipt.hash));
            }
            log.tx("wire".into(), &receipt);
            Ok(())
        }
        Step::Record => record::write(&plan.record, config, &plan.artifacts, known, log),
        Step::CacheBid(p) => {
            let bid = plan.cache_bid_wei.unwrap_or_default();
            shell.run(&StylusCmd::cache_bid(&known.get(p)?.to_string(), bid).argv(endpoint, key_file))
        }
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

/// The data fee ArbWasm would charge to activate `code` now (0 when the
/// same code is already active on this chain), plus the bump. A program
/// this chain refuses fails here, before anything is sent.
fn activation_fee(chain: &mut impl Chain, code: &crate::code::Code, p: Program) -> Result<U256, String> {
    if let crate::code::Code::Single(single) = code {
        let version = ArbWasm::codehashVersionCall { codehash: keccak256(single) }.abi_encode();
        if chain.call(ARB_WASM, version).is_ok() {
            return Ok(U256::ZERO);
        }
    }
    let fragments: Vec<Address> = (0xb0..=0xff).take(code.fragments().len()).map(Address::repeat_byte).collect();
    let mut codes: Vec<(Address, Vec<u8>)> = fragments.iter().copied().zip(code.fragments().iter().cloned()).collect();
    codes.push((PROBE, code.program(&fragments)));
    let call = ArbWasm::activateProgramCall { program: PROBE }.abi_encode();
    let one_eth = U256::from(10u64).pow(U256::from(18u64));
    let out = chain
        .call_with_codes(ARB_WASM, call, one_eth, codes)
        .map_err(|e| format!("{}: this chain refuses to activate it: {e}; nothing was sent", p.name()))?;
    let fee = ArbWasm::activateProgramCall::abi_decode_returns(&out, true)
        .map_err(|e| format!("{}: unexpected activation answer: {e}", p.name()))?
        .dataFee;
    Ok(fee.saturating_mul(U256::from(100 + FEE_BUMP_PERCENT)) / U256::from(100u64))
}
