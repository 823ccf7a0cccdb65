//! The local journal: one JSON record per line, appended and synced before
//! the step it records is taken (a transaction is journaled, signed and
//! whole, before it is broadcast). Replaying it gives each contribution id's
//! state, so a run that was killed at any point is resumed by the next one
//! without sending an id twice or forgetting one:
//!
//! read -> checked -> sent (tx hash, nonce, the signed bytes) -> mined (block, epoch, gas)
//!      \-> refused (reason)   \-> skipped (already recorded on chain)
//!
//! A sent transaction that reverted on chain or was dropped from the pool
//! puts its ids back to "read": the next pass checks them again. The file is
//! locked (`flock`) while a client runs, so two clients never share one.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fs::{File, OpenOptions},
    io::{Read, Write},
    path::{Path, PathBuf},
};

use alloy_primitives::{Address, B256};
use serde::{Deserialize, Serialize};

use crate::input::{Evaluation, Origin};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Record {
    Read { id: B256Hex, source: String, line: usize, contributor: String, before: u32, after: u32, round: u64 },
    Checked { id: B256Hex },
    Sent { tx: B256Hex, nonce: u64, round: u64, ids: Vec<B256Hex>, gas_limit: u64, raw: String },
    Mined { tx: B256Hex, block: u64, gas_used: u64, epochs: Vec<u64> },
    Reverted { tx: B256Hex, block: u64, gas_used: u64, reason: String },
    Dropped { tx: B256Hex, reason: String },
    Refused { id: B256Hex, reason: String },
    Skipped { id: B256Hex, reason: String },
    Invalid { source: String, line: usize, reason: String },
}

/// A 32-byte value written as 0x-hex.
pub type B256Hex = String;

pub fn hex(b: &B256) -> B256Hex {
    b.to_string()
}

fn unhex(s: &str) -> Result<B256, String> {
    s.parse().map_err(|_| format!("journal: {s:?} is not a 32-byte hex value"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Read,
    Checked,
    Sent(B256),
    Mined { tx: B256, epoch: u64 },
    Refused(String),
    Skipped(String),
}

impl Status {
    /// Nothing more to do for this id.
    pub fn done(&self) -> bool {
        matches!(self, Status::Mined { .. } | Status::Refused(_) | Status::Skipped(_))
    }
}

/// A journaled transaction whose outcome is not journaled yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub tx: B256,
    pub nonce: u64,
    pub round: u64,
    pub ids: Vec<B256>,
    pub gas_limit: u64,
    pub raw: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct State {
    pub evals: HashMap<B256, Evaluation>,
    pub status: HashMap<B256, Status>,
    /// By nonce.
    pub pending: BTreeMap<u64, Pending>,
    /// Every transaction ever journaled: hash -> (nonce, ids).
    pub sent: HashMap<B256, (u64, Vec<B256>)>,
    /// Lines already refused by the field checks: (source, line).
    pub invalid: HashSet<(String, usize)>,
}

impl State {
    pub fn apply(&mut self, record: &Record) -> Result<(), String> {
        match record {
            Record::Read { id, source, line, contributor, before, after, round } => {
                let id = unhex(id)?;
                let contributor: Address =
                    contributor.parse().map_err(|_| format!("journal: bad address {contributor:?}"))?;
                let origin = Origin { source: source.clone(), line: *line };
                let e = Evaluation { origin, contributor, id, before: *before, after: *after, round: *round };
                self.evals.insert(id, e);
                self.status.insert(id, Status::Read);
            }
            Record::Checked { id } => {
                self.status.insert(unhex(id)?, Status::Checked);
            }
            Record::Sent { tx, nonce, round, ids, gas_limit, raw } => {
                let tx = unhex(tx)?;
                let ids = ids.iter().map(|i| unhex(i)).collect::<Result<Vec<_>, _>>()?;
                for id in &ids {
                    self.status.insert(*id, Status::Sent(tx));
                }
                let raw = alloy_primitives::hex::decode(raw).map_err(|e| format!("journal: raw tx: {e}"))?;
                self.sent.insert(tx, (*nonce, ids.clone()));
                self.pending
                    .insert(*nonce, Pending { tx, nonce: *nonce, round: *round, ids, gas_limit: *gas_limit, raw });
            }
            Record::Mined { tx, epochs, .. } => {
                let tx = unhex(tx)?;
                let ids = self.resolve(tx)?;
                for (i, id) in ids.iter().enumerate() {
                    let epoch = epochs.get(i).copied().unwrap_or_default();
                    self.status.insert(*id, Status::Mined { tx, epoch });
                }
            }
            Record::Reverted { tx, .. } | Record::Dropped { tx, .. } => {
                for id in self.resolve(unhex(tx)?)? {
                    self.status.insert(id, Status::Read);
                }
            }
            Record::Refused { id, reason } => {
                self.status.insert(unhex(id)?, Status::Refused(reason.clone()));
            }
            Record::Skipped { id, reason } => {
                self.status.insert(unhex(id)?, Status::Skipped(reason.clone()));
            }
            Record::Invalid { source, line, .. } => {
                self.invalid.insert((source.clone(), *line));
            }
        }
        Ok(())
    }

    /// The ids of a journaled transaction, which leaves the pending set.
    fn resolve(&mut self, tx: B256) -> Result<Vec<B256>, String> {
        let (nonce, ids) = self.sent.get(&tx).cloned().ok_or(format!("journal: outcome of unknown tx {tx}"))?;
        self.pending.remove(&nonce);
        Ok(ids)
    }
}

pub struct Journal {
    /// `None`: a dry run's copy, never written.
    file: Option<File>,
    pub path: PathBuf,
    pub state: State,
}

impl Journal {
    /// Opens (or creates) the journal, locks it and replays it. A last line
    /// without its newline (a kill during the write) is ignored and cut off:
    /// its step was not taken, since each step comes after its record.
    pub fn open(path: &Path) -> Result<Journal, String> {
        let at = |e: std::io::Error| format!("journal {}: {e}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(at)?;
        }
        let mut file = OpenOptions::new().read(true).append(true).create(true).open(path).map_err(at)?;
        file.try_lock()
            .map_err(|_| format!("journal {} is in use by another flt-validator; nothing was sent", path.display()))?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(at)?;
        let complete = text.rfind('\n').map_or(0, |i| i + 1);
        if complete < text.len() {
            file.set_len(complete as u64).map_err(at)?;
        }
        let state = replay(path, &text[..complete])?;
        Ok(Journal { file: Some(file), path: path.to_path_buf(), state })
    }

    /// The journal's state for a dry run: read if the file exists, never
    /// created, locked or written.
    pub fn read_only(path: &Path) -> Result<Journal, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("journal {}: {e}", path.display())),
        };
        let complete = text.rfind('\n').map_or(0, |i| i + 1);
        Ok(Journal { file: None, path: path.to_path_buf(), state: replay(path, &text[..complete])? })
    }

    /// Appends `record`, syncs it to disk, then applies it.
    pub fn write(&mut self, record: Record) -> Result<(), String> {
        let mut line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        line.push('\n');
        let at = |e: std::io::Error| format!("journal {}: {e}", self.path.display());
        if let Some(file) = self.file.as_mut() {
            file.write_all(line.as_bytes()).map_err(at)?;
            file.sync_data().map_err(at)?;
        }
        self.state.apply(&record)
    }
}

fn replay(path: &Path, text: &str) -> Result<State, String> {
    let mut state = State::default();
    for (i, line) in text.lines().enumerate() {
        let record: Record =
            serde_json::from_str(line).map_err(|e| format!("journal {}:{}: {e}", path.display(), i + 1))?;
        state.apply(&record).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> B256 {
        B256::with_last_byte(n)
    }

    fn read(n: u8) -> Record {
        Record::Read {
            id: hex(&id(n)),
            source: "r.jsonl".into(),
            line: n.into(),
            contributor: Address::with_last_byte(9).to_string(),
            before: 1,
            after: 2,
            round: 1,
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("flt-validator-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("journal.jsonl")
    }

    #[test]
    fn replay_gives_each_ids_state_and_the_pending_transactions() {
        let path = temp("replay");
        {
            let mut j = Journal::open(&path).expect("open");
            for n in 1..=4 {
                j.write(read(n)).expect("write");
                j.write(Record::Checked { id: hex(&id(n)) }).expect("write");
            }
            let sent = |tx: u8, nonce, ids: &[u8]| Record::Sent {
                tx: hex(&id(tx)),
                nonce,
                round: 1,
                ids: ids.iter().map(|n| hex(&id(*n))).collect(),
                gas_limit: 1,
                raw: "0x01".into(),
            };
            j.write(sent(100, 7, &[1, 2])).expect("write");
            j.write(sent(101, 8, &[3])).expect("write");
            j.write(Record::Mined { tx: hex(&id(100)), block: 5, gas_used: 9, epochs: vec![2, 2] }).expect("write");
            j.write(Record::Skipped { id: hex(&id(4)), reason: "already recorded on chain".into() }).expect("write");
        }
        let j = Journal::open(&path).expect("reopen");
        let s = &j.state;
        assert_eq!(s.status[&id(1)], Status::Mined { tx: id(100), epoch: 2 });
        assert_eq!(s.status[&id(2)], Status::Mined { tx: id(100), epoch: 2 });
        assert_eq!(s.status[&id(3)], Status::Sent(id(101)));
        assert_eq!(s.status[&id(4)], Status::Skipped("already recorded on chain".into()));
        assert_eq!(s.pending.keys().copied().collect::<Vec<_>>(), vec![8]);
        assert_eq!(s.pending[&8].raw, vec![1]);
        assert_eq!(s.evals[&id(3)].origin.line, 3);
    }

    #[test]
    fn a_torn_last_line_is_cut_and_a_second_client_is_refused() {
        let path = temp("torn");
        {
            let mut j = Journal::open(&path).expect("open");
            j.write(read(1)).expect("write");
            let second = Journal::open(&path).err().expect("locked");
            assert!(second.contains("in use by another flt-validator"), "{second}");
        }
        let mut f = OpenOptions::new().append(true).open(&path).expect("append");
        f.write_all(b"{\"event\":\"checked\",\"id\":\"0x").expect("torn write");
        drop(f);
        let j = Journal::open(&path).expect("reopen");
        assert_eq!(j.state.status[&id(1)], Status::Read);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.ends_with("}\n") && text.lines().count() == 1, "{text}");
    }

    #[test]
    fn a_reverted_or_dropped_transaction_puts_its_ids_back() {
        let mut s = State::default();
        s.apply(&read(1)).expect("read");
        s.apply(&Record::Sent {
            tx: hex(&id(50)),
            nonce: 0,
            round: 1,
            ids: vec![hex(&id(1))],
            gas_limit: 1,
            raw: "0x".into(),
        })
        .expect("sent");
        s.apply(&Record::Dropped { tx: hex(&id(50)), reason: "nonce used".into() }).expect("dropped");
        assert_eq!(s.status[&id(1)], Status::Read);
        assert!(s.pending.is_empty());
        assert!(s.apply(&Record::Mined { tx: hex(&id(51)), block: 1, gas_used: 1, epochs: vec![] }).is_err());
    }
}
