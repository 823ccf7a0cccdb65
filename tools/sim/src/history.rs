//! What-if on recorded history: the `ContributionRecorded` events of a
//! deployment (paged `eth_getLogs`) replayed through the [`Ledger`] with
//! the chain's current parameters and with proposed ones, per epoch and
//! contributor: "what would this proposal have paid over the last N weeks".
//!
//! The replay keeps the chain's epochs (an event names its epoch), its
//! order of contributions and each contributor's stake multiplier at the
//! time, which it recovers from the event's score: the one tier multiplier
//! (1.0x, 1.1x, 1.2x, 1.3x, 1.5x) that reproduces the score under the
//! chain's parameters. Every payout is assumed claimed as soon as claims
//! open (the reserve is far above the weekly pool in any realistic history);
//! parameter changes executed during the history are not replayed
//! (events whose score the chain's current parameters cannot reproduce are
//! counted and reported).

use std::{collections::BTreeMap, path::Path};

use alloy_primitives::{Address, B256};
use alloy_provider::{Provider, ProviderBuilder, RootProvider};
use alloy_rpc_types_eth::{Filter, TransactionInput, TransactionRequest};
use alloy_sol_types::{sol, SolCall, SolEvent};
use anyhow::{anyhow, bail, Context, Result};
use flt_scoring::{apply_contribution, score, Entry, Params, BPS};

use crate::engine::{Closed, Ledger};

sol! {
    /// FLTRewards' event, as in abi/FLTRewards.sol (tests/node checks the
    /// signature is the contract's).
    event ContributionRecorded(address indexed contributor, bytes32 indexed contributionId, uint64 indexed epoch, address validator, int64 impact, bool severe, int64 ema, uint256 score);
    function params() external view returns (uint256[] memory);
}

/// One recorded contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub contributor: Address,
    pub id: B256,
    pub epoch: u64,
    pub impact: i64,
    pub ema: i64,
    pub score: u128,
    pub block: u64,
}

/// A deployment record's FLTRewards address and first block.
pub fn deployment(path: &Path) -> Result<(Address, u64)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let doc: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
    let rewards = doc["contracts"]["FLTRewards"]["address"]
        .as_str()
        .and_then(|s| s.parse::<Address>().ok())
        .ok_or_else(|| anyhow!("{}: no contracts.FLTRewards.address", path.display()))?;
    let first =
        doc["transactions"].as_array().and_then(|t| t.iter().filter_map(|x| x["block"].as_u64()).min()).unwrap_or(0);
    Ok((rewards, first))
}

pub struct Chain {
    runtime: tokio::runtime::Runtime,
    provider: RootProvider,
}

impl Chain {
    pub fn connect(rpc: &str) -> Result<Chain> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let url = rpc.parse().with_context(|| format!("--rpc {rpc}: not a URL"))?;
        let provider = ProviderBuilder::new().disable_recommended_fillers().on_http(url);
        Ok(Chain { runtime, provider })
    }

    /// FLTRewards' current epoch parameters (`params()`).
    pub fn params(&self, rewards: Address) -> Result<Params> {
        let tx = TransactionRequest {
            to: Some(rewards.into()),
            input: TransactionInput::new(paramsCall {}.abi_encode().into()),
            ..TransactionRequest::default()
        };
        let out = self.runtime.block_on(async { self.provider.call(&tx).await }).context("params()")?;
        let values = paramsCall::abi_decode_returns(&out, true).context("params() answer")?._0;
        let mut p = Params::default();
        for (id, v) in values.iter().enumerate().take(12) {
            p = p.with(id as u8, *v).map_err(|e| anyhow!("params()[{id}] = {v}: {e:?}"))?;
        }
        Ok(p)
    }

    /// Every `ContributionRecorded` of `rewards` from block `from`, in
    /// pages of `page` blocks; `progress(done, total)` after each page.
    pub fn contributions(
        &self,
        rewards: Address,
        from: u64,
        page: u64,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Vec<Recorded>> {
        let latest = self.runtime.block_on(self.provider.get_block_number()).context("eth_blockNumber")?;
        let page = page.max(1);
        let mut out = Vec::new();
        let mut start = from;
        while start <= latest {
            let end = (start + page - 1).min(latest);
            let filter = Filter::new()
                .address(rewards)
                .event_signature(ContributionRecorded::SIGNATURE_HASH)
                .from_block(start)
                .to_block(end);
            let logs = self
                .runtime
                .block_on(self.provider.get_logs(&filter))
                .with_context(|| format!("eth_getLogs {start}..={end}"))?;
            for log in logs {
                let block = log.block_number.unwrap_or_default();
                let e = ContributionRecorded::decode_log(&log.inner, true).context("ContributionRecorded")?;
                out.push(Recorded {
                    contributor: e.contributor,
                    id: e.contributionId,
                    epoch: e.epoch,
                    impact: e.impact,
                    ema: e.ema,
                    score: u128::try_from(e.score).map_err(|_| anyhow!("score above 128 bits"))?,
                    block,
                });
            }
            progress(end + 1 - from, latest + 1 - from);
            start = end + 1;
        }
        Ok(out)
    }
}

/// One replay: every epoch's close, with payouts per contributor.
#[derive(Clone, Debug, Default)]
pub struct Replay {
    pub closes: Vec<Closed>,
    pub reserve: u128,
}

impl Replay {
    /// Σ payouts per contributor index.
    pub fn per_contributor(&self, n: usize) -> Vec<u128> {
        let mut v = vec![0; n];
        for c in &self.closes {
            for p in &c.payouts {
                v[p.wallet as usize] += p.payout;
            }
        }
        v
    }

    pub fn payout(&self, epoch: u64, wallet: u32) -> u128 {
        self.closes
            .iter()
            .find(|c| c.epoch == epoch)
            .and_then(|c| c.payouts.iter().find(|p| p.wallet == wallet))
            .map_or(0, |p| p.payout)
    }
}

/// The history's contributors (first appearance order) and each event's
/// stake multiplier under the chain's parameters; `unexplained` counts
/// events whose score no multiplier reproduces.
pub struct Prepared {
    pub contributors: Vec<Address>,
    index: Vec<u32>,
    stake_bps: Vec<u32>,
    pub unexplained: usize,
}

pub fn prepare(events: &[Recorded], chain: &Params) -> Prepared {
    let mut ids: BTreeMap<Address, u32> = BTreeMap::new();
    let mut contributors = Vec::new();
    let mut entries: BTreeMap<(u64, u32), Entry> = BTreeMap::new();
    let mut emas: BTreeMap<u32, i64> = BTreeMap::new();
    let (mut index, mut stake_bps, mut unexplained) = (Vec::new(), Vec::new(), 0);
    for e in events {
        let i = *ids.entry(e.contributor).or_insert_with(|| {
            contributors.push(e.contributor);
            contributors.len() as u32 - 1
        });
        let entry = entries.entry((e.epoch, i)).or_default();
        let ema = emas.entry(i).or_default();
        let bps = match apply_contribution(*entry, *ema, e.impact, chain) {
            Some(out) => {
                *entry = out.entry;
                *ema = out.ema;
                [BPS, 11_000, 12_000, 13_000, 15_000]
                    .into_iter()
                    .find(|b| score(out.entry, e.ema, *b, chain) == Some(e.score))
            }
            None => None,
        };
        if bps.is_none() || *ema != e.ema {
            unexplained += 1;
            *ema = e.ema;
        }
        index.push(i);
        stake_bps.push(bps.unwrap_or(BPS));
    }
    Prepared { contributors, index, stake_bps, unexplained }
}

/// Replays `events` under `params` (epochs and order as recorded).
pub fn replay(events: &[Recorded], prepared: &Prepared, params: Params, stake_min: u128) -> Result<Replay> {
    let length = params.epoch_length;
    let n = prepared.contributors.len();
    let mut ledger = Ledger::new(params, stake_min, 0, n);
    let mut closes = Vec::new();
    let mut epoch_seen = None;
    let settle = |ledger: &mut Ledger, at: u64, closes: &mut Vec<Closed>| -> Result<()> {
        if let Some(c) = ledger.roll(at).map_err(|e| anyhow!("{e}"))? {
            closes.push(c);
        }
        for w in 0..n as u32 {
            ledger.claim(w, at).map_err(|e| anyhow!("{e}"))?;
        }
        Ok(())
    };
    for (k, e) in events.iter().enumerate() {
        let at = e.epoch * length + length / 2;
        if epoch_seen != Some(e.epoch) {
            if epoch_seen.is_some_and(|s| s > e.epoch) {
                bail!("events out of epoch order at block {}", e.block);
            }
            settle(&mut ledger, at, &mut closes)?;
            epoch_seen = Some(e.epoch);
        }
        ledger
            .record_impact(prepared.index[k], e.impact, Some(prepared.stake_bps[k]), at)
            .map_err(|e| anyhow!("{e}"))?;
    }
    if let Some(last) = epoch_seen {
        settle(&mut ledger, (last + 1) * length + params.claim_delay.max(1), &mut closes)?;
    }
    Ok(Replay { closes, reserve: ledger.reserve })
}

/// `(epoch, contributor, current payout, proposed payout)` rows as CSV.
pub fn csv(prepared: &Prepared, current: &Replay, proposed: &Replay, out: impl std::io::Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["epoch", "contributor", "score_current", "payout_current", "score_proposed", "payout_proposed"])?;
    for c in &current.closes {
        let other = proposed.closes.iter().find(|p| p.epoch == c.epoch);
        let mut wallets: Vec<u32> = c.payouts.iter().map(|p| p.wallet).collect();
        if let Some(o) = other {
            wallets.extend(o.payouts.iter().map(|p| p.wallet).filter(|w| !c.payouts.iter().any(|p| p.wallet == *w)));
        }
        for wallet in wallets {
            let a = c.payouts.iter().find(|p| p.wallet == wallet);
            let b = other.and_then(|o| o.payouts.iter().find(|p| p.wallet == wallet));
            w.write_record([
                c.epoch.to_string(),
                prepared.contributors[wallet as usize].to_string(),
                a.map_or(0, |p| p.score).to_string(),
                a.map_or(0, |p| p.payout).to_string(),
                b.map_or(0, |p| p.score).to_string(),
                b.map_or(0, |p| p.payout).to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
