//! One validator pass: resume what the journal left in flight, check every
//! new evaluation (fields, then on chain), send the checked ones in batches
//! sized to the gas budget, wait for them, and report per round.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    time::{Duration, Instant},
};

use alloy_primitives::{Address, B256};
use alloy_sol_types::{SolCall, SolEvent, SolInterface};
use serde_json::{json, Value};

use crate::{
    abi::FLTRewards,
    input::{self, Evaluation, Origin},
    journal::{hex, Journal, Pending, Record, Status},
    rpc::{Broadcast, Node, Refusal},
};

/// Gas of a batch beyond its items, and per item, from `./flt bench`
/// (1 item 158,040 uncached; 62,314 to 70,138 per item): the first guess of
/// a batch's size, before `eth_estimateGas` says.
pub const BATCH_BASE_GAS: u64 = 160_000;
pub const ITEM_GAS: u64 = 72_000;

/// The gas limit sent for an estimate: the cost of a Stylus transaction
/// can depend on the second it is mined in (a batch mined after the epoch
/// ended also closes it), and the node's estimate can come out short.
pub fn gas_limit(estimate: u64) -> u64 {
    estimate.saturating_add(estimate / 4).saturating_add(100_000)
}

pub struct Settings {
    pub rewards: Address,
    pub chain_id: u64,
    /// The most gas one transaction may ask for.
    pub gas_budget: u64,
    pub max_batch: usize,
    pub dry_run: bool,
    pub receipt_timeout: Duration,
    /// `FLT_VALIDATOR_TEST_CRASH=before-broadcast`: abort after journaling a
    /// transaction and before broadcasting it (the restart test).
    pub crash_before_broadcast: bool,
}

/// What happened to one round in this run.
#[derive(Debug, Default, Clone)]
pub struct RoundReport {
    pub recorded: u64,
    pub gas_used: u64,
    pub epochs: BTreeSet<u64>,
    pub transactions: Vec<B256>,
    pub skipped: BTreeMap<String, u64>,
    pub refused: BTreeMap<String, u64>,
    /// Ids the journal already had as finished when this run read them.
    pub done_before: u64,
    /// Sent but reverted or dropped: checked again on the next pass.
    pub retry: u64,
}

#[derive(Debug, Default)]
pub struct Report {
    pub rounds: BTreeMap<u64, RoundReport>,
    pub invalid: Vec<String>,
}

impl Report {
    fn round(&mut self, r: u64) -> &mut RoundReport {
        self.rounds.entry(r).or_default()
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        let list =
            |m: &BTreeMap<String, u64>| m.iter().map(|(why, n)| format!("{n} {why}")).collect::<Vec<_>>().join("; ");
        for (r, s) in &self.rounds {
            let epochs = s.epochs.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
            out += &format!(
                "round {r}: recorded {}, skipped {}{}, refused {}{}, gas used {}, epoch {}{}{}\n",
                s.recorded,
                s.skipped.values().sum::<u64>(),
                if s.skipped.is_empty() { String::new() } else { format!(" ({})", list(&s.skipped)) },
                s.refused.values().sum::<u64>(),
                if s.refused.is_empty() { String::new() } else { format!(" ({})", list(&s.refused)) },
                s.gas_used,
                if epochs.is_empty() { "-".to_string() } else { epochs },
                if s.done_before > 0 { format!(", {} done in an earlier run", s.done_before) } else { String::new() },
                if s.retry > 0 { format!(", {} to retry", s.retry) } else { String::new() },
            );
        }
        if !self.invalid.is_empty() {
            out += &format!("invalid lines: {}\n", self.invalid.len());
        }
        out
    }

    pub fn json(&self) -> Value {
        let rounds: Vec<Value> = self
            .rounds
            .iter()
            .map(|(r, s)| {
                json!({
                    "round": r,
                    "recorded": s.recorded,
                    "gas_used": s.gas_used,
                    "epochs": s.epochs,
                    "transactions": s.transactions.iter().map(hex).collect::<Vec<_>>(),
                    "skipped": s.skipped,
                    "refused": s.refused,
                    "done_before": s.done_before,
                    "retry": s.retry,
                })
            })
            .collect();
        json!({ "rounds": rounds, "invalid": self.invalid })
    }
}

fn decode(refusal: &Refusal) -> Option<FLTRewards::IFLTRewardsErrors> {
    refusal.data.as_ref().and_then(|d| FLTRewards::IFLTRewardsErrors::abi_decode(d, true).ok())
}

/// A refusal as the contract's named error with its values
/// (`FLTNotRegistered { contributor: 0x… }`), if it is one.
pub fn describe(refusal: &Refusal) -> String {
    match decode(refusal) {
        Some(e) => {
            // `Variant(Inner { .. })`: the inner struct says it all.
            let text = format!("{e:?}");
            match (text.find('('), text.ends_with(')')) {
                (Some(i), true) => text[i + 1..text.len() - 1].to_string(),
                _ => text,
            }
        }
        None => refusal.message.clone(),
    }
}

/// Whether the contract refused the item itself (so it can never be
/// recorded as it is), not the batch as such (a pause, the validator
/// removed, gas): only those items are refused; the others wait.
fn item_refused(refusal: &Refusal) -> bool {
    use FLTRewards::IFLTRewardsErrors as E;
    matches!(
        decode(refusal),
        Some(
            E::FLTNotRegistered(_)
                | E::FLTContributorBanned(_)
                | E::FLTAccuracyOutOfRange(_)
                | E::FLTContributionReplayed(_)
                | E::FLTCounterOverflow(_)
        )
    )
}

pub struct Validator<'a> {
    pub node: &'a Node,
    pub journal: &'a mut Journal,
    pub settings: Settings,
    pub report: Report,
    registered: HashMap<Address, (bool, bool)>,
    /// Ids whose outcome this run journaled (not "done in an earlier run").
    settled: std::collections::HashSet<B256>,
}

impl<'a> Validator<'a> {
    pub fn new(node: &'a Node, journal: &'a mut Journal, settings: Settings) -> Validator<'a> {
        Validator {
            node,
            journal,
            settings,
            report: Report::default(),
            registered: HashMap::new(),
            settled: Default::default(),
        }
    }

    fn write(&mut self, record: Record) -> Result<(), String> {
        if self.settings.dry_run {
            self.journal.state.apply(&record)
        } else {
            self.journal.write(record)
        }
    }

    fn view<C: SolCall>(&self, call: &C) -> Result<C::Return, String> {
        let out = self.node.call(self.settings.rewards, &call.abi_encode()).map_err(|r| {
            format!("{} on FLTRewards {} refused: {}", C::SIGNATURE, self.settings.rewards, describe(&r))
        })?;
        C::abi_decode_returns(&out, true).map_err(|e| format!("{}: undecodable answer {out}: {e}", C::SIGNATURE))
    }

    /// The validator may record: refused before anything is sent otherwise.
    pub fn check_validator(&self) -> Result<(), String> {
        let allowed = self.view(&FLTRewards::isValidatorCall { account: self.node.from })?._0;
        if allowed {
            Ok(())
        } else {
            Err(format!(
                "{} is not a validator of FLTRewards {} (isValidator is false); nothing was sent",
                self.node.from, self.settings.rewards
            ))
        }
    }

    /// Reads `inputs` ((source name, text) each) into the journal; returns
    /// nothing: the work list is the journal's.
    pub fn read(&mut self, inputs: &[(String, String)]) -> Result<(), String> {
        for (source, text) in inputs {
            for parsed in input::parse_all(source, text) {
                match parsed {
                    Err(bad) => self.invalid(bad.origin, bad.reason)?,
                    Ok(e) => self.admit(e)?,
                }
            }
        }
        Ok(())
    }

    fn invalid(&mut self, origin: Origin, reason: String) -> Result<(), String> {
        if self.journal.state.invalid.insert((origin.source.clone(), origin.line)) {
            println!("refused {origin}: {reason}");
            self.report.invalid.push(format!("{origin}: {reason}"));
            self.write(Record::Invalid { source: origin.source, line: origin.line, reason })?;
        }
        Ok(())
    }

    fn admit(&mut self, e: Evaluation) -> Result<(), String> {
        let known = self.journal.state.evals.get(&e.id).map(|first| first.origin.clone());
        match known {
            Some(first) if first != e.origin => {
                self.invalid(e.origin, format!("contribution id {} was already read from {first}", e.id))
            }
            Some(_) => {
                if self.journal.state.status.get(&e.id).is_some_and(Status::done) && !self.settled.contains(&e.id) {
                    self.report.round(e.round).done_before += 1;
                }
                Ok(())
            }
            None => self.write(Record::Read {
                id: hex(&e.id),
                source: e.origin.source.clone(),
                line: e.origin.line,
                contributor: e.contributor.to_string(),
                before: e.before,
                after: e.after,
                round: e.round,
            }),
        }
    }

    fn eval(&self, id: &B256) -> Result<Evaluation, String> {
        self.journal.state.evals.get(id).cloned().ok_or(format!("journal: no evaluation read for {id}"))
    }

    /// The ids to check and send, by round, in input order.
    fn work(&self) -> Vec<Evaluation> {
        let mut list: Vec<Evaluation> = self
            .journal
            .state
            .status
            .iter()
            .filter(|(_, s)| matches!(s, Status::Read | Status::Checked))
            .filter_map(|(id, _)| self.journal.state.evals.get(id).cloned())
            .collect();
        list.sort_by(|a, b| (a.round, &a.origin).cmp(&(b.round, &b.origin)));
        list
    }

    /// On-chain checks of every evaluation not yet sent: returns the ones
    /// that passed, in order.
    pub fn check(&mut self) -> Result<Vec<Evaluation>, String> {
        let mut passed = Vec::new();
        for e in self.work() {
            if self.view(&FLTRewards::isRecordedCall { contributionId: e.id })?._0 {
                let why = "already recorded on chain";
                println!("skipped {}: contribution {} {why}", e.origin, e.id);
                *self.report.round(e.round).skipped.entry(why.into()).or_default() += 1;
                self.write(Record::Skipped { id: hex(&e.id), reason: why.into() })?;
                continue;
            }
            let (registered, banned) = match self.registered.get(&e.contributor) {
                Some(known) => *known,
                None => {
                    let info = self.view(&FLTRewards::contributorInfoCall { contributor: e.contributor })?;
                    self.registered.insert(e.contributor, (info._0, info._1));
                    (info._0, info._1)
                }
            };
            let why = match (registered, banned) {
                (false, _) => Some("contributor not registered"),
                (true, true) => Some("contributor banned"),
                (true, false) => None,
            };
            if let Some(why) = why {
                self.refuse(&e, format!("{why} ({})", e.contributor), why)?;
                continue;
            }
            self.write(Record::Checked { id: hex(&e.id) })?;
            passed.push(e);
        }
        Ok(passed)
    }

    fn refuse(&mut self, e: &Evaluation, reason: String, kind: &str) -> Result<(), String> {
        println!("refused {}: contribution {}: {reason}", e.origin, e.id);
        *self.report.round(e.round).refused.entry(kind.into()).or_default() += 1;
        self.write(Record::Refused { id: hex(&e.id), reason })
    }

    fn calldata(items: &[Evaluation]) -> Vec<u8> {
        let contributions = items
            .iter()
            .map(|e| FLTRewards::Contribution {
                contributor: e.contributor,
                contributionId: e.id,
                previousAccuracy: e.before,
                newAccuracy: e.after,
            })
            .collect();
        FLTRewards::recordContributionsCall { contributions }.abi_encode()
    }

    /// Sends `checked` in batches, one round at a time, nonces in a row.
    pub fn send(&mut self, checked: Vec<Evaluation>) -> Result<(), String> {
        let mut by_round: BTreeMap<u64, Vec<Evaluation>> = BTreeMap::new();
        for e in checked {
            by_round.entry(e.round).or_default().push(e);
        }
        let first_guess = (self.settings.gas_budget.saturating_sub(BATCH_BASE_GAS) / ITEM_GAS).max(1) as usize;
        let mut nonce = None;
        let mut max_fee = 0;
        if !self.settings.dry_run {
            nonce = Some(self.node.pending_nonce()?);
            max_fee = self.node.gas_price()?.saturating_mul(2).max(1);
        }
        let mut number = 0;
        for (round, mut items) in by_round {
            while !items.is_empty() {
                let mut n = items.len().min(self.settings.max_batch.max(1)).min(first_guess);
                let (data, limit) = loop {
                    let data = Self::calldata(&items[..n]);
                    match self.node.estimate(self.settings.rewards, &data) {
                        Ok(estimate) => {
                            let limit = gas_limit(estimate);
                            if limit > self.settings.gas_budget && n > 1 {
                                n = (n * 9 / 10).min(n - 1).max(1);
                                continue;
                            }
                            if limit > self.settings.gas_budget {
                                return Err(format!(
                                    "one item needs a gas limit of {limit}, above --gas-budget {}",
                                    self.settings.gas_budget
                                ));
                            }
                            break (data, limit);
                        }
                        Err(refusal) => {
                            // Find the items refused alone; if none is,
                            // the batch as such is refused (a pause, the
                            // validator removed): stop, nothing more sent.
                            let before = items.len();
                            items = self.drop_refused(items)?;
                            if items.len() == before {
                                return Err(format!(
                                    "recordContributions refused: {}; the rest stays journaled as checked",
                                    describe(&refusal)
                                ));
                            }
                            n = n.min(items.len());
                            if items.is_empty() {
                                break (Vec::new(), 0);
                            }
                        }
                    }
                };
                if items.is_empty() {
                    break;
                }
                let batch: Vec<Evaluation> = items.drain(..n).collect();
                number += 1;
                let ids: Vec<String> = batch.iter().map(|e| hex(&e.id)).collect();
                if self.settings.dry_run {
                    println!(
                        "batch {number} (round {round}): {} items, gas limit {limit}: recordContributions((address,bytes32,uint32,uint32)[]) on {}",
                        batch.len(),
                        self.settings.rewards
                    );
                    for e in &batch {
                        println!("  {} {} {} -> {} ({})", e.contributor, e.id, e.before, e.after, e.origin);
                    }
                    println!("  calldata 0x{}", alloy_primitives::hex::encode(&data));
                    continue;
                }
                let this = nonce.unwrap_or_default();
                let (tx, raw) =
                    self.node.sign(self.settings.chain_id, self.settings.rewards, &data, this, limit, max_fee)?;
                self.write(Record::Sent {
                    tx: hex(&tx),
                    nonce: this,
                    round,
                    ids,
                    gas_limit: limit,
                    raw: format!("0x{}", alloy_primitives::hex::encode(&raw)),
                })?;
                if self.settings.crash_before_broadcast {
                    eprintln!("flt-validator: FLT_VALIDATOR_TEST_CRASH: aborting before broadcasting {tx}");
                    std::process::abort();
                }
                self.node.broadcast(&raw)?;
                println!("sent {tx}: round {round}, {} items, nonce {this}, gas limit {limit}", batch.len());
                nonce = Some(this + 1);
            }
        }
        Ok(())
    }

    /// `items` without those whose one-item batch the node refuses (each
    /// refused with the contract's error).
    fn drop_refused(&mut self, items: Vec<Evaluation>) -> Result<Vec<Evaluation>, String> {
        let mut kept = Vec::new();
        for e in items {
            match self.node.call(self.settings.rewards, &Self::calldata(std::slice::from_ref(&e))) {
                Ok(_) => kept.push(e),
                Err(r) if !item_refused(&r) => kept.push(e),
                Err(r) => {
                    let why = describe(&r);
                    let kind = why.split([' ', '{']).next().unwrap_or("refused").to_string();
                    self.refuse(&e, format!("refused by FLTRewards: {why}"), &kind)?
                }
            }
        }
        Ok(kept)
    }

    /// Waits for every journaled transaction without an outcome (this run's
    /// and any an earlier run left), re-broadcasting the journaled bytes of
    /// one the node does not know (same nonce, same hash: never a second
    /// transaction), and journals each outcome.
    pub fn settle(&mut self) -> Result<(), String> {
        let pending: Vec<Pending> = self.journal.state.pending.values().cloned().collect();
        if pending.is_empty() {
            return Ok(());
        }
        let hashes = pending.iter().map(|p| p.tx.to_string()).collect::<Vec<_>>().join(", ");
        println!("waiting for {} transaction(s): {hashes}", pending.len());
        let deadline = Instant::now() + self.settings.receipt_timeout;
        for p in pending {
            loop {
                if let Some(receipt) = self.node.receipt(p.tx)? {
                    self.outcome(&p, &receipt)?;
                    break;
                }
                if !self.node.known(p.tx)? {
                    match self.node.broadcast(&p.raw)? {
                        Broadcast::Accepted => println!("re-broadcast {} (nonce {}) from the journal", p.tx, p.nonce),
                        Broadcast::NonceUsed => {
                            if let Some(receipt) = self.node.receipt(p.tx)? {
                                self.outcome(&p, &receipt)?;
                                break;
                            }
                            let reason = format!("nonce {} was used by another transaction", p.nonce);
                            println!("dropped {}: {reason}; its {} items are checked again", p.tx, p.ids.len());
                            self.report.round(p.round).retry += p.ids.len() as u64;
                            self.write(Record::Dropped { tx: hex(&p.tx), reason })?;
                            break;
                        }
                    }
                }
                if Instant::now() > deadline {
                    return Err(format!(
                        "{} (nonce {}) not mined after {} s; it stays journaled as sent: run again to resume",
                        p.tx,
                        p.nonce,
                        self.settings.receipt_timeout.as_secs()
                    ));
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        Ok(())
    }

    fn outcome(&mut self, p: &Pending, receipt: &alloy_rpc_types_eth::TransactionReceipt) -> Result<(), String> {
        let block = receipt.block_number.unwrap_or_default();
        let gas_used = receipt.gas_used;
        if !receipt.status() {
            let reason = if gas_used >= p.gas_limit {
                format!("reverted on chain: out of gas ({gas_used} of {})", p.gas_limit)
            } else {
                "reverted on chain".to_string()
            };
            println!("reverted {} in block {block}: {reason}; its {} items are checked again", p.tx, p.ids.len());
            let round = self.report.round(p.round);
            round.retry += p.ids.len() as u64;
            round.gas_used += gas_used;
            return self.write(Record::Reverted { tx: hex(&p.tx), block, gas_used, reason });
        }
        let mut epoch_of = HashMap::new();
        for log in receipt.inner.logs() {
            if log.address() == self.settings.rewards
                && log.topics().first() == Some(&FLTRewards::ContributionRecorded::SIGNATURE_HASH)
            {
                if let Ok(ev) = FLTRewards::ContributionRecorded::decode_log_data(log.data(), true) {
                    epoch_of.insert(ev.contributionId, ev.epoch);
                }
            }
        }
        let mut epochs = Vec::new();
        for id in &p.ids {
            let e = self.eval(id)?;
            let epoch = *epoch_of
                .get(id)
                .ok_or(format!("{} succeeded without a ContributionRecorded event for {id} ({})", p.tx, e.origin))?;
            epochs.push(epoch);
        }
        println!("mined {} in block {block}: {} items, gas used {gas_used}, epoch {:?}", p.tx, p.ids.len(), {
            let set: BTreeSet<u64> = epochs.iter().copied().collect();
            set
        });
        self.settled.extend(p.ids.iter().copied());
        let round = self.report.round(p.round);
        round.recorded += p.ids.len() as u64;
        round.gas_used += gas_used;
        round.epochs.extend(epochs.iter().copied());
        round.transactions.push(p.tx);
        self.write(Record::Mined { tx: hex(&p.tx), block, gas_used, epochs })
    }

    /// One pass over `inputs`: resume, read, check, send, wait.
    pub fn pass(&mut self, inputs: &[(String, String)]) -> Result<(), String> {
        if !self.settings.dry_run {
            self.settle()?;
        }
        self.read(inputs)?;
        let checked = self.check()?;
        if checked.is_empty() {
            return Ok(());
        }
        self.check_validator()?;
        self.send(checked)?;
        if !self.settings.dry_run {
            self.settle()?;
        }
        Ok(())
    }
}
