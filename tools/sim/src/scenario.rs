//! Scenario files (TOML): a network of wallet groups, each with a
//! behaviour, and parameter overrides by SPEC.md name. Every refusal names
//! the line it comes from.

use std::collections::BTreeMap;

use alloy_primitives::U256;
use flt_scoring::{Param, Params};
use serde::Deserialize;
use toml::Spanned;

/// How a wallet's model updates change the global model's accuracy.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    /// Improves the model: impacts of +500..+3,500 ppm.
    Honest,
    /// Updates that change nothing (impact 0).
    FreeRider,
    /// Every other update drops accuracy by 2 pp (severe), the others
    /// +0..+1,000 ppm.
    Poisoner,
    /// One operator's wallets, each a free rider.
    Sybil,
    /// Honest, and stakes its first earnings (`stake` FLT at `tier`).
    Staker,
}

impl Behaviour {
    pub const ALL: [Behaviour; 5] =
        [Behaviour::Honest, Behaviour::FreeRider, Behaviour::Poisoner, Behaviour::Sybil, Behaviour::Staker];

    pub fn name(self) -> &'static str {
        match self {
            Behaviour::Honest => "honest",
            Behaviour::FreeRider => "free_rider",
            Behaviour::Poisoner => "poisoner",
            Behaviour::Sybil => "sybil",
            Behaviour::Staker => "staker",
        }
    }

    /// Honest work: honest contributors and stakers.
    pub fn is_honest(self) -> bool {
        matches!(self, Behaviour::Honest | Behaviour::Staker)
    }
}

impl std::fmt::Display for Behaviour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A refused scenario: the line (1-based, 0 when not from a file) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ScenarioError {
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub behaviour: Behaviour,
    pub count: u32,
    /// Updates per wallet and week.
    pub contributions: u32,
    /// Staking tier 0..=3 (stakers).
    pub tier: u8,
    /// Stake size in wei (stakers); default `stakeMin`.
    pub stake: Option<u128>,
    /// Weeks between claims (1: every week; 0: never claims).
    pub claim_every: u32,
    /// First week the group contributes.
    pub from: u32,
    /// First week it no longer contributes (default: never stops).
    pub until: Option<u32>,
    /// Where the group starts in the file.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub weeks: u32,
    pub seed: u64,
    pub groups: Vec<Group>,
    /// Epoch-level parameters (ids 0-11) after the overrides.
    pub params: Params,
    /// FLToken's `stakeMin` (id 12).
    pub stake_min: u128,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    behaviour: Behaviour,
    count: u32,
    #[serde(default = "one")]
    contributions: u32,
    tier: Option<Spanned<u8>>,
    stake_flt: Option<u128>,
    #[serde(default = "one")]
    claim_every: u32,
    #[serde(default)]
    from: u32,
    until: Option<u32>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    weeks: Spanned<u32>,
    #[serde(default)]
    seed: u64,
    #[serde(rename = "group", default)]
    groups: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    params: BTreeMap<String, Spanned<u128>>,
}

/// SPEC.md names of ids 0-12, in id order.
pub const PARAM_NAMES: [&str; 13] = [
    "weeklyPool",
    "epochLength",
    "maxShareBps",
    "minShareBps",
    "minContributions",
    "countWeight",
    "impactWeight",
    "neutralBand",
    "severeDrop",
    "fullBoostImpact",
    "emaAlphaBps",
    "claimDelay",
    "stakeMin",
];

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count() + 1)
}

impl Scenario {
    /// Parses and checks a scenario file's text.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let raw: RawScenario = toml::from_str(text).map_err(|e| ScenarioError {
            line: e.span().map_or(0, |s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        let mut s = Scenario {
            weeks: *raw.weeks.get_ref(),
            seed: raw.seed,
            groups: Vec::new(),
            params: Params::default(),
            stake_min: Param::StakeMin.default_value(),
        };
        if s.weeks == 0 {
            return Err(ScenarioError {
                line: line_of(text, raw.weeks.span().start),
                message: "weeks must be at least 1".into(),
            });
        }
        for (name, value) in &raw.params {
            s = s
                .with_param(name, *value.get_ref())
                .map_err(|m| ScenarioError { line: line_of(text, value.span().start), message: m })?;
        }
        for g in &raw.groups {
            let line = line_of(text, g.span().start);
            let r = g.get_ref();
            let refuse = |message: String| Err(ScenarioError { line, message });
            let tier = r.tier.as_ref().map_or(0, |t| *t.get_ref());
            if let Some(t) = r.tier.as_ref().filter(|t| *t.get_ref() > 3) {
                return Err(ScenarioError {
                    line: line_of(text, t.span().start),
                    message: format!("tier = {tier}: staking tiers are 0..=3 (1, 3, 6, 12 months)"),
                });
            }
            if r.count == 0 || r.contributions == 0 {
                return refuse("count and contributions must be at least 1".into());
            }
            if r.until.is_some_and(|u| u <= r.from) {
                return refuse(format!("until = {} must be after from = {}", r.until.unwrap_or(0), r.from));
            }
            let stake = match r.stake_flt {
                Some(flt) => Some(
                    flt.checked_mul(crate::FLT).ok_or(ScenarioError { line, message: "stake_flt too large".into() })?,
                ),
                None => None,
            };
            s.groups.push(Group {
                behaviour: r.behaviour,
                count: r.count,
                contributions: r.contributions,
                tier,
                stake,
                claim_every: r.claim_every,
                from: r.from,
                until: r.until,
                line,
            });
        }
        if s.groups.is_empty() {
            return Err(ScenarioError { line: 0, message: "no [[group]]: a scenario needs wallets".into() });
        }
        Ok(s)
    }

    /// This scenario with parameter `name` (SPEC.md section 4, ids 0-12)
    /// set to `value`, through the contracts' own bounds checks.
    pub fn with_param(&self, name: &str, value: u128) -> Result<Scenario, String> {
        let id = PARAM_NAMES
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| format!("unknown parameter {name} (known: {})", PARAM_NAMES.join(", ")))?;
        let mut s = self.clone();
        if id == 12 {
            s.stake_min =
                Param::StakeMin.check(U256::from(value)).map_err(|e| format!("{name} = {value}: {}", explain(e)))?;
        } else {
            s.params = self
                .params
                .with(id as u8, U256::from(value))
                .map_err(|e| format!("{name} = {value}: {}", explain(e)))?;
        }
        Ok(s)
    }

    pub fn wallets(&self) -> usize {
        self.groups.iter().map(|g| g.count as usize).sum()
    }

    /// Each wallet's group index, in wallet order.
    pub fn group_of_wallets(&self) -> Vec<u32> {
        self.groups.iter().enumerate().flat_map(|(i, g)| std::iter::repeat_n(i as u32, g.count as usize)).collect()
    }
}

fn explain(e: flt_scoring::ParamError) -> String {
    match e {
        flt_scoring::ParamError::OutOfBounds { min, max, .. } => format!("OutOfBounds: must be within {min}..={max}"),
        flt_scoring::ParamError::UnknownId(id) => format!("UnknownId({id})"),
    }
}

/// Parses `name=value` (a parameter override on the command line).
pub fn parse_override(text: &str) -> Result<(String, u128), String> {
    let (name, value) = text.split_once('=').ok_or_else(|| format!("{text}: expected name=value"))?;
    let value = value.trim().replace('_', "").parse::<u128>().map_err(|e| format!("{text}: {e}"))?;
    Ok((name.trim().to_string(), value))
}
