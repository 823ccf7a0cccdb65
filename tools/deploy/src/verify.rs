//! The read-back that confirms a deployment: metadata, supply, reserve,
//! wiring (FLToken and FLTRewards to FLTGovernor, FLTGovernor to the other
//! three, FLTCouncil to FLTGovernor), parameters at their SPEC defaults,
//! validators and the council, each compared with what the config and
//! SPEC.md say.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use flt_scoring::params::Param;

use crate::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken, Program},
    chain::Chain,
    config::Config,
};

/// SPEC.md section 2: 1,000,000,000 FLT of 18 decimals.
pub use flt_scoring::TOTAL_SUPPLY;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub what: String,
    pub expected: String,
    pub actual: String,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.expected == self.actual
    }
}

/// The deployed addresses, in [`crate::abi::Program::ORDER`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deployed {
    pub rewards: Address,
    pub token: Address,
    pub council: Address,
    pub governor: Address,
}

impl Deployed {
    pub fn of(&self, p: Program) -> Address {
        match p {
            Program::Rewards => self.rewards,
            Program::Token => self.token,
            Program::Council => self.council,
            Program::Governor => self.governor,
        }
    }
}

fn view<C: SolCall>(chain: &mut impl Chain, to: Address, call: C) -> Result<C::Return, String> {
    let out = chain.call(to, call.abi_encode())?;
    C::abi_decode_returns(&out, true).map_err(|e| format!("{to}: unexpected answer to {}: {e}", C::SIGNATURE))
}

fn defaults(ids: std::ops::RangeInclusive<u8>) -> String {
    format!("{:?}", ids.filter_map(Param::from_id).map(|p| U256::from(p.default_value())).collect::<Vec<_>>())
}

pub fn read_back(chain: &mut impl Chain, config: &Config, at: Deployed) -> Result<Vec<Check>, String> {
    let mut checks = Vec::new();
    let mut check = |what: &str, expected: String, actual: String| {
        checks.push(Check { what: what.to_string(), expected, actual });
    };
    let t = at.token;
    check("FLToken.name()", "Federated Learning Token".into(), view(chain, t, FLToken::nameCall {})?._0);
    check("FLToken.symbol()", "FLT".into(), view(chain, t, FLToken::symbolCall {})?._0);
    check("FLToken.decimals()", "18".into(), view(chain, t, FLToken::decimalsCall {})?._0.to_string());
    check(
        "FLToken.totalSupply()",
        TOTAL_SUPPLY.to_string(),
        view(chain, t, FLToken::totalSupplyCall {})?._0.to_string(),
    );
    let reserve_balance = view(chain, t, FLToken::balanceOfCall { account: at.rewards })?._0;
    check("FLToken.balanceOf(FLTRewards)", TOTAL_SUPPLY.to_string(), reserve_balance.to_string());
    check("FLToken.reserve()", at.rewards.to_string(), view(chain, t, FLToken::reserveCall {})?._0.to_string());
    check("FLToken.governor()", at.governor.to_string(), view(chain, t, FLToken::governorCall {})?._0.to_string());

    let r = at.rewards;
    check("FLTRewards.token()", t.to_string(), view(chain, r, FLTRewards::tokenCall {})?._0.to_string());
    check(
        "FLTRewards.governor()",
        at.governor.to_string(),
        view(chain, r, FLTRewards::governorCall {})?._0.to_string(),
    );
    check("FLTRewards.params()", defaults(0..=11), format!("{:?}", view(chain, r, FLTRewards::paramsCall {})?._0));
    for v in &config.validators {
        let allowed = view(chain, r, FLTRewards::isValidatorCall { account: *v })?._0;
        check(&format!("FLTRewards.isValidator({v})"), "true".into(), allowed.to_string());
    }

    let c = at.council;
    check(
        "FLTCouncil.governor()",
        at.governor.to_string(),
        view(chain, c, FLTCouncil::governorCall {})?._0.to_string(),
    );
    check(
        "FLTCouncil.signers()",
        format!("{:?}", config.signers),
        format!("{:?}", view(chain, c, FLTCouncil::signersCall {})?._0),
    );
    check(
        "FLTCouncil.councilInfo() threshold",
        config.threshold.to_string(),
        view(chain, c, FLTCouncil::councilInfoCall {})?.threshold.to_string(),
    );

    let g = at.governor;
    check("FLTGovernor.token()", t.to_string(), view(chain, g, FLTGovernor::tokenCall {})?._0.to_string());
    check("FLTGovernor.rewards()", r.to_string(), view(chain, g, FLTGovernor::rewardsCall {})?._0.to_string());
    check("FLTGovernor.council()", c.to_string(), view(chain, g, FLTGovernor::councilCall {})?._0.to_string());
    check("FLTGovernor.params()", defaults(13..=17), format!("{:?}", view(chain, g, FLTGovernor::paramsCall {})?._0));
    Ok(checks)
}

/// One line per check, `ok` or `MISMATCH` with both values.
pub fn report(checks: &[Check]) -> String {
    checks
        .iter()
        .map(|c| {
            if c.ok() {
                format!("  ok        {} = {}\n", c.what, c.actual)
            } else {
                format!("  MISMATCH  {}: expected {}, read {}\n", c.what, c.expected, c.actual)
            }
        })
        .collect()
}
