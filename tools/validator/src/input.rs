//! Evaluation results, one JSON object per line, and the checks that each
//! field passes before anything is read from the chain.
//!
//! ```json
//! {"contributor": "0x…", "contribution_id": "0x…32 bytes…", "accuracy_before_ppm": 812345, "accuracy_after_ppm": 815000, "round": 3}
//! {"contributor": "0x…", "update_hex": "0x…the update's bytes…", "accuracy_before_ppm": 812345, "accuracy_after_ppm": 815000}
//! ```
//!
//! `contribution_id` is the update's hash; `update_hex` gives the bytes
//! instead and the id is their keccak-256. Exactly one of the two. `round`
//! is optional (0 when absent). Unknown fields are refused, so a typo in a
//! field name is not silently an absent field.

use std::fmt;

use alloy_primitives::{keccak256, Address, B256};
use serde::Deserialize;

/// The contract's bound for both accuracies (10^6 = 100 %).
pub const MAX_PPM: u64 = 1_000_000;

/// Where a line came from: the file (or `-` for stdin) and its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub source: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One evaluation that passed the field checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub origin: Origin,
    pub contributor: Address,
    pub id: B256,
    pub before: u32,
    pub after: u32,
    pub round: u64,
}

/// A line refused by the field checks, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct Invalid {
    pub origin: Origin,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    contributor: Option<String>,
    contribution_id: Option<String>,
    update_hex: Option<String>,
    accuracy_before_ppm: Option<serde_json::Number>,
    accuracy_after_ppm: Option<serde_json::Number>,
    round: Option<serde_json::Number>,
}

/// Every non-blank line of `text`, parsed and checked (blank lines and lines
/// starting with `#` are skipped but keep their numbers).
pub fn parse_all(source: &str, text: &str) -> Vec<Result<Evaluation, Invalid>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| parse_line(Origin { source: source.to_string(), line: i + 1 }, l))
        .collect()
}

pub fn parse_line(origin: Origin, line: &str) -> Result<Evaluation, Invalid> {
    let bad = |reason: String| Invalid { origin: origin.clone(), reason };
    let raw: Raw = serde_json::from_str(line).map_err(|e| bad(format!("not a JSON evaluation object: {e}")))?;
    let contributor = raw.contributor.ok_or_else(|| bad("missing \"contributor\"".into()))?;
    let contributor = parse_address(&contributor).ok_or_else(|| {
        bad(format!("contributor {contributor:?} is not an address (or its EIP-55 checksum is wrong)"))
    })?;
    if contributor.is_zero() {
        return Err(bad("contributor is the zero address".into()));
    }
    let id = match (raw.contribution_id, raw.update_hex) {
        (Some(id), None) => {
            parse_b256(&id).ok_or_else(|| bad(format!("contribution_id {id:?} is not 0x and 64 hex digits")))?
        }
        (None, Some(bytes)) => {
            let data = parse_hex(&bytes).ok_or_else(|| bad("update_hex is not 0x-prefixed hex bytes".into()))?;
            if data.is_empty() {
                return Err(bad("update_hex is empty".into()));
            }
            keccak256(data)
        }
        (Some(_), Some(_)) => return Err(bad("give contribution_id or update_hex, not both".into())),
        (None, None) => return Err(bad("missing \"contribution_id\" (or \"update_hex\")".into())),
    };
    let ppm = |name: &str, v: Option<serde_json::Number>| -> Result<u32, Invalid> {
        let v = v.ok_or_else(|| bad(format!("missing \"{name}\"")))?;
        match v.as_u64() {
            Some(x) if x <= MAX_PPM => Ok(x as u32),
            Some(x) => Err(bad(format!("{name} {x} is above {MAX_PPM} (100 % in ppm)"))),
            None => Err(bad(format!("{name} {v} is not a whole number of ppm in 0..={MAX_PPM}"))),
        }
    };
    let before = ppm("accuracy_before_ppm", raw.accuracy_before_ppm)?;
    let after = ppm("accuracy_after_ppm", raw.accuracy_after_ppm)?;
    let round = match raw.round {
        None => 0,
        Some(r) => r.as_u64().ok_or_else(|| bad(format!("round {r} is not a whole number >= 0")))?,
    };
    Ok(Evaluation { origin, contributor, id, before, after, round })
}

/// Any 0x-prefixed 20-byte hex; one that mixes cases must be EIP-55 (as in
/// flt-deploy's configs).
pub fn parse_address(text: &str) -> Option<Address> {
    let hex = text.strip_prefix("0x")?;
    let mixed = hex.bytes().any(|b| b.is_ascii_lowercase()) && hex.bytes().any(|b| b.is_ascii_uppercase());
    if hex.len() != 40 {
        return None;
    }
    if mixed {
        Address::parse_checksummed(text, None).ok()
    } else {
        text.parse().ok()
    }
}

pub fn parse_b256(text: &str) -> Option<B256> {
    let hex = text.strip_prefix("0x")?;
    (hex.len() == 64).then(|| hex.parse().ok()).flatten()
}

fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let hex = text.strip_prefix("0x")?;
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    const ID: &str = "0x0000000000000000000000000000000000000000000000000000000000000007";

    fn one(line: &str) -> Result<Evaluation, Invalid> {
        parse_line(Origin { source: "in.jsonl".into(), line: 4 }, line)
    }

    fn reason(line: &str) -> String {
        one(line).expect_err("must be refused").to_string()
    }

    #[test]
    fn a_full_line_parses() {
        let e = one(&format!(
            r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":812345,"accuracy_after_ppm":1000000,"round":3}}"#
        ))
        .expect("valid");
        assert_eq!(e.contributor, A.parse::<Address>().unwrap());
        assert_eq!(e.id, B256::with_last_byte(7));
        assert_eq!((e.before, e.after, e.round), (812_345, 1_000_000, 3));
    }

    #[test]
    fn update_bytes_are_hashed_and_round_defaults_to_zero() {
        let e = one(&format!(
            r#"{{"contributor":"{A}","update_hex":"0x0102ff","accuracy_before_ppm":0,"accuracy_after_ppm":5}}"#
        ))
        .expect("valid");
        assert_eq!(e.id, keccak256([1u8, 2, 0xff]));
        assert_eq!(e.round, 0);
    }

    #[test]
    fn each_bad_field_is_named_with_the_line() {
        let ok = |extra: &str| {
            format!(
                r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":1,"accuracy_after_ppm":2{extra}}}"#
            )
        };
        assert_eq!(
            reason(&format!(
                r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":1,"accuracy_after_ppm":1000001}}"#
            )),
            "in.jsonl:4: accuracy_after_ppm 1000001 is above 1000000 (100 % in ppm)"
        );
        assert_eq!(
            reason(&format!(
                r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":-1,"accuracy_after_ppm":2}}"#
            )),
            "in.jsonl:4: accuracy_before_ppm -1 is not a whole number of ppm in 0..=1000000"
        );
        assert_eq!(
            reason(&format!(
                r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":0.5,"accuracy_after_ppm":2}}"#
            )),
            "in.jsonl:4: accuracy_before_ppm 0.5 is not a whole number of ppm in 0..=1000000"
        );
        assert_eq!(
            reason(&format!(r#"{{"contributor":"{A}","contribution_id":"{ID}","accuracy_before_ppm":1}}"#)),
            "in.jsonl:4: missing \"accuracy_after_ppm\""
        );
        assert_eq!(
            reason(&ok("").replace(A, "0x90F79bf6EB2c4f870365E785982E1f101E93b907")),
            "in.jsonl:4: contributor \"0x90F79bf6EB2c4f870365E785982E1f101E93b907\" is not an address (or its EIP-55 checksum is wrong)"
        );
        assert_eq!(
            reason(&ok("").replace(A, "0x0000000000000000000000000000000000000000")),
            "in.jsonl:4: contributor is the zero address"
        );
        assert_eq!(
            reason(&ok("").replace(ID, "0x07")),
            "in.jsonl:4: contribution_id \"0x07\" is not 0x and 64 hex digits"
        );
        assert_eq!(reason(&ok(r#","update_hex":"0x01""#)), "in.jsonl:4: give contribution_id or update_hex, not both");
        assert_eq!(reason(&ok(r#","round":-2"#)), "in.jsonl:4: round -2 is not a whole number >= 0");
        assert!(reason(&ok(r#","accuracy":1"#))
            .starts_with("in.jsonl:4: not a JSON evaluation object: unknown field `accuracy`"));
        assert!(reason("not json").starts_with("in.jsonl:4: not a JSON evaluation object"));
    }

    #[test]
    fn blank_and_comment_lines_keep_the_numbering() {
        let text = format!(
            "# round 1\n\n{{\"contributor\":\"{A}\",\"contribution_id\":\"{ID}\",\"accuracy_before_ppm\":1,\"accuracy_after_ppm\":2}}\nbad\n"
        );
        let all = parse_all("f", &text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].as_ref().expect("valid").origin.line, 3);
        assert_eq!(all[1].as_ref().expect_err("invalid").origin.line, 4);
    }
}
