//! The gas report: what was measured, and its two renderings (a Markdown
//! table for people, JSON for tools). Pure data and formatting, no node.

use serde::Serialize;

/// Where and with what the figures were measured.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Header {
    /// UTC date of the run, `YYYY-MM-DD`.
    pub date: String,
    /// `git rev-parse --short HEAD`, with `+dirty` when the tree has changes.
    pub commit: String,
    /// The node's `web3_clientVersion` and binary.
    pub node: String,
    pub chain_id: u64,
    /// ArbSys `arbOSVersion()` (ArbOS reports it plus 55).
    pub arbos_version: Option<u64>,
    /// ArbWasm `stylusVersion()`.
    pub stylus_version: Option<u64>,
    /// The Solidity compiler and its settings.
    pub solc: String,
    pub openzeppelin: String,
}

/// One program's size and entry cost.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Program {
    pub name: String,
    /// keccak256 of `target/stylus/<name>.wasm`, `0x` and 64 hex digits.
    pub wasm_keccak: String,
    pub raw_bytes: usize,
    pub brotli_bytes: usize,
    /// ArbWasm `programInitGas(address)`: `gas`.
    pub init_gas: u64,
    /// ArbWasm `programInitGas(address)`: `gasWhenCached`.
    pub init_gas_cached: u64,
}

/// One operation's gasUsed on each side; `None` where a side has no such
/// operation (e.g. the council on the Solidity side).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    pub contract: String,
    /// Stable identifier (`transfer`, `batch_100/100`: per item of `batch_100`).
    pub key: String,
    pub operation: String,
    pub stylus_uncached: Option<u64>,
    pub stylus_cached: Option<u64>,
    pub solidity: Option<u64>,
    /// `stylus_cached / solidity` in hundredths, rounded half up.
    pub cached_to_solidity_hundredths: Option<u64>,
}

impl Row {
    pub fn new(
        contract: &str,
        key: &str,
        operation: &str,
        uncached: Option<u64>,
        cached: Option<u64>,
        solidity: Option<u64>,
    ) -> Row {
        Row {
            contract: contract.to_string(),
            key: key.to_string(),
            operation: operation.to_string(),
            stylus_uncached: uncached,
            stylus_cached: cached,
            solidity,
            cached_to_solidity_hundredths: cached.zip(solidity).and_then(|(c, s)| ratio_hundredths(c, s)),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub header: Header,
    pub programs: Vec<Program>,
    pub rows: Vec<Row>,
    /// How the figures were taken, one sentence each.
    pub notes: Vec<String>,
}

/// `a / b` in hundredths, rounded half up; `None` when `b` is 0.
pub fn ratio_hundredths(a: u64, b: u64) -> Option<u64> {
    if b == 0 {
        return None;
    }
    let scaled = u128::from(a) * 100 + u128::from(b) / 2;
    u64::try_from(scaled / u128::from(b)).ok()
}

/// `1234567` -> `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn cell(v: Option<u64>) -> String {
    v.map_or_else(|| "-".to_string(), thousands)
}

/// Hundredths as `1.07x`.
fn times(h: Option<u64>) -> String {
    h.map_or_else(|| "-".to_string(), |h| format!("{}.{:02}x", h / 100, h % 100))
}

impl Report {
    pub fn markdown(&self) -> String {
        let h = &self.header;
        let mut out = String::from("# FLT gas report\n\n");
        out += &format!("- date: {} (UTC)\n- commit: {}\n", h.date, h.commit);
        out += &format!("- node: {}, chain id {}", h.node, h.chain_id);
        if let Some(v) = h.arbos_version {
            out += &format!(", ArbOS {v}");
        }
        if let Some(v) = h.stylus_version {
            out += &format!(", Stylus version {v}");
        }
        out += &format!("\n- Solidity: {}; OpenZeppelin Contracts {}\n", h.solc, h.openzeppelin);
        for note in &self.notes {
            out += &format!("- {note}\n");
        }
        out += "\n## Programs\n\n";
        out += "| program | wasm keccak | raw bytes | brotli-11 bytes | programInitGas: gas | gasWhenCached |\n";
        out += "|---|---|---:|---:|---:|---:|\n";
        for p in &self.programs {
            out += &format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                p.name,
                p.wasm_keccak.get(..10).unwrap_or(&p.wasm_keccak),
                thousands(p.raw_bytes as u64),
                thousands(p.brotli_bytes as u64),
                thousands(p.init_gas),
                thousands(p.init_gas_cached)
            );
        }
        out += "\n## Gas per transaction (receipt gasUsed)\n\n";
        out += "| operation | Stylus uncached | Stylus cached | OZ Solidity | cached / Solidity |\n";
        out += "|---|---:|---:|---:|---:|\n";
        let mut contract = "";
        for r in &self.rows {
            if r.contract != contract {
                contract = &r.contract;
                out += &format!("| **{contract}** | | | | |\n");
            }
            out += &format!(
                "| {} | {} | {} | {} | {} |\n",
                r.operation,
                cell(r.stylus_uncached),
                cell(r.stylus_cached),
                cell(r.solidity),
                times(r.cached_to_solidity_hundredths)
            );
        }
        out
    }

    pub fn json(&self) -> String {
        // Plain data of strings and integers: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// The UTC calendar date of `unix` seconds (proleptic Gregorian; Howard
/// Hinnant's days-to-civil algorithm).
pub fn utc_date(unix: u64) -> String {
    let days = i64::try_from(unix / 86_400).unwrap_or(i64::MAX / 2) + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
