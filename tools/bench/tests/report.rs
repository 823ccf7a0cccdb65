//! The report's table, JSON and row assembly, from hand-made measurements
//! (no node): what `./flt bench` writes must say what was measured.

use flt_bench::{
    figure,
    report::{ratio_hundredths, thousands, utc_date, Header, Program, Report, Row},
    rows, Measured, ROWS,
};

fn header() -> Header {
    Header {
        date: "2026-12-01".into(),
        commit: "8b98113+dirty".into(),
        node: "arbos-anvil (anvil/v0.1.1)".into(),
        chain_id: 412_346,
        arbos_version: Some(42),
        stylus_version: None,
        solc: "solc 0.8.37 (optimizer on, 200 runs, evmVersion cancun)".into(),
        openzeppelin: "5.7.0".into(),
    }
}

fn sample() -> Report {
    Report {
        header: header(),
        programs: vec![Program {
            name: "FLToken".into(),
            wasm_keccak: "0x31dd2e8b4157b54dad0c91e48934d3520b3aa7b81c4fb1a9fdddaa680c5ea83a".into(),
            raw_bytes: 58_359,
            brotli_bytes: 19_837,
            init_gas: 19_031,
            init_gas_cached: 5_710,
        }],
        rows: vec![
            Row::new("FLToken", "transfer", "transfer", Some(60_897), Some(41_866), Some(39_216)),
            Row::new("FLToken", "stake", "stake", Some(104_475), Some(64_019), None),
            Row::new("FLTGovernor", "queue", "queue", Some(105_437), Some(60_327), Some(144_942)),
        ],
        notes: vec!["one note".into()],
    }
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_000), "1,000");
    assert_eq!(thousands(41_866), "41,866");
    assert_eq!(thousands(6_231_359), "6,231,359");
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn ratio_in_hundredths_rounds_half_up() {
    assert_eq!(ratio_hundredths(41_866, 39_216), Some(107)); // 1.0676
    assert_eq!(ratio_hundredths(60_327, 144_942), Some(42)); // 0.4162
    assert_eq!(ratio_hundredths(1_005, 1_000), Some(101)); // exactly half: up
    assert_eq!(ratio_hundredths(1_004, 1_000), Some(100));
    assert_eq!(ratio_hundredths(5, 0), None);
    assert_eq!(ratio_hundredths(u64::MAX, 1), None, "does not fit u64 hundredths");
}

#[test]
fn utc_dates() {
    assert_eq!(utc_date(0), "1970-01-01");
    assert_eq!(utc_date(951_782_400), "2000-02-29");
    assert_eq!(utc_date(1_767_225_600), "2026-01-01");
    assert_eq!(utc_date(1_767_225_599), "2025-12-31");
    assert_eq!(utc_date(1_798_761_599), "2026-12-31");
    assert_eq!(utc_date(4_107_542_400), "2100-03-01"); // 2100 is no leap year
}

#[test]
fn row_ratio_needs_both_sides() {
    let r = Row::new("FLToken", "x", "x", Some(10), Some(11), Some(10));
    assert_eq!(r.cached_to_solidity_hundredths, Some(110));
    assert_eq!(Row::new("FLToken", "x", "x", Some(10), Some(11), None).cached_to_solidity_hundredths, None);
    assert_eq!(Row::new("FLToken", "x", "x", Some(10), None, Some(10)).cached_to_solidity_hundredths, None);
}

#[test]
fn markdown_table() {
    let md = sample().markdown();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "# FLT gas report");
    assert!(lines.contains(&"- date: 2026-12-01 (UTC)"), "{md}");
    assert!(lines.contains(&"- commit: 8b98113+dirty"), "{md}");
    assert!(lines.contains(&"- node: arbos-anvil (anvil/v0.1.1), chain id 412346, ArbOS 42"), "{md}");
    assert!(lines.contains(&"- one note"), "{md}");
    assert!(lines.contains(&"| FLToken | 0x31dd2e8b | 58,359 | 19,837 | 19,031 | 5,710 |"), "{md}");
    assert!(lines.contains(&"| transfer | 60,897 | 41,866 | 39,216 | 1.07x |"), "{md}");
    assert!(lines.contains(&"| stake | 104,475 | 64,019 | - | - |"), "{md}");
    assert!(lines.contains(&"| queue | 105,437 | 60,327 | 144,942 | 0.42x |"), "{md}");
    // One group row per contract, before its operations.
    let group = |name: &str| lines.iter().position(|l| *l == format!("| **{name}** | | | | |"));
    let (token, governor) = (group("FLToken").expect("FLToken group"), group("FLTGovernor").expect("group"));
    let at = |op: &str| lines.iter().position(|l| l.starts_with(&format!("| {op} |"))).expect(op);
    assert!(token < at("transfer") && at("stake") < governor && governor < at("queue"), "{md}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("| **")).count(), 2, "{md}");
    // Every table row has the header's five columns.
    let table: Vec<&&str> = lines.iter().skip_while(|l| !l.starts_with("| operation")).collect();
    assert_eq!(table.len(), 2 + 2 + 3, "{md}");
    assert!(table.iter().all(|l| l.matches('|').count() == 6), "{md}");
}

#[test]
fn json_carries_every_figure() {
    let report = sample();
    let v: serde_json::Value = serde_json::from_str(&report.json()).expect("valid JSON");
    assert_eq!(v["header"]["commit"], "8b98113+dirty");
    assert_eq!(v["header"]["arbos_version"], 42);
    assert!(v["header"]["stylus_version"].is_null());
    assert_eq!(v["programs"][0]["init_gas_cached"], 5_710);
    assert_eq!(v["programs"][0]["wasm_keccak"], "0x31dd2e8b4157b54dad0c91e48934d3520b3aa7b81c4fb1a9fdddaa680c5ea83a");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["operation"], "transfer");
    assert_eq!(rows[0]["key"], "transfer");
    assert_eq!(rows[0]["stylus_uncached"], 60_897);
    assert_eq!(rows[0]["stylus_cached"], 41_866);
    assert_eq!(rows[0]["solidity"], 39_216);
    assert_eq!(rows[0]["cached_to_solidity_hundredths"], 107);
    assert!(rows[1]["solidity"].is_null() && rows[1]["cached_to_solidity_hundredths"].is_null());
    assert_eq!(v["notes"][0], "one note");
}

#[test]
fn row_keys_are_unique_and_per_item_rows_name_a_batch() {
    for (i, (_, key, op)) in ROWS.iter().enumerate() {
        assert!(!ROWS[..i].iter().any(|(_, k, _)| k == key), "duplicate key {key}");
        assert!(!ROWS[..i].iter().any(|(_, _, o)| o == op), "duplicate operation {op}");
        if let Some((name, n)) = key.split_once('/') {
            assert!(ROWS.iter().any(|(_, k, _)| *k == name), "{key}: no row {name}");
            assert!(name.ends_with(&format!("_{n}")), "{key}: divides {name} by another count");
        }
    }
    // Contracts come in blocks, so each gets one group row.
    let mut seen: Vec<&str> = Vec::new();
    for (contract, _, _) in ROWS {
        if seen.last() != Some(contract) {
            assert!(!seen.contains(contract), "{contract} rows are not together");
            seen.push(contract);
        }
    }
    assert_eq!(seen, ["FLToken", "FLTRewards", "FLTGovernor", "FLTCouncil"]);
}

#[test]
fn figures_and_per_item_division() {
    let m: Measured = vec![("batch_10", 701_328), ("transfer", 41_866)];
    assert_eq!(figure(&m, "transfer"), Some(41_866));
    assert_eq!(figure(&m, "batch_10"), Some(701_328));
    assert_eq!(figure(&m, "batch_10/10"), Some(70_132), "rounded down");
    assert_eq!(figure(&m, "batch_100/100"), None);
    assert_eq!(figure(&m, "batch_10/0"), None);
    assert_eq!(figure(&m, "approve"), None);
}

#[test]
fn rows_from_three_runs() {
    let uncached: Measured = vec![("transfer", 60_897), ("batch_100", 6_231_359), ("pause", 185_521)];
    let cached: Measured = vec![("transfer", 41_866), ("batch_100", 6_190_903), ("pause", 118_986)];
    let solidity: Measured = vec![("transfer", 39_216)];
    let all = rows(&uncached, &cached, &solidity).expect("consistent runs");
    assert_eq!(all.len(), ROWS.len());
    let find = |op: &str| all.iter().find(|r| r.operation.starts_with(op)).unwrap_or_else(|| panic!("{op}"));
    let t = find("transfer to a holder");
    assert_eq!(
        (t.contract.as_str(), t.stylus_uncached, t.stylus_cached, t.solidity),
        ("FLToken", Some(60_897), Some(41_866), Some(39_216))
    );
    assert_eq!(t.cached_to_solidity_hundredths, Some(107));
    let per = find("recordContributions, 100 items, per item");
    assert_eq!(per.key, "batch_100/100");
    assert_eq!((per.stylus_uncached, per.stylus_cached, per.solidity), (Some(62_313), Some(61_909), None));
    let p = find("pause");
    assert_eq!((p.stylus_cached, p.solidity, p.cached_to_solidity_hundredths), (Some(118_986), None, None));
    // Nothing measured: dashes, not zeros.
    let a = find("approve (");
    assert_eq!((a.stylus_uncached, a.stylus_cached, a.solidity), (None, None, None));
}

#[test]
fn rows_refuse_a_key_measured_twice_or_without_a_row() {
    let twice: Measured = vec![("transfer", 1), ("transfer", 2)];
    let err = rows(&vec![], &twice, &vec![]).unwrap_err();
    assert_eq!(err, "operation transfer measured twice in one run");
    let unknown: Measured = vec![("teleport", 1)];
    let err = rows(&vec![], &vec![], &unknown).unwrap_err();
    assert_eq!(err, "operation teleport has no row in the report");
}

#[test]
fn writes_both_files() {
    let dir = std::env::temp_dir().join(format!("flt-bench-test-{}", std::process::id()));
    let report = sample();
    flt_bench::write(&report, &dir).expect("write");
    assert_eq!(std::fs::read_to_string(dir.join("gas.md")).expect("gas.md"), report.markdown());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gas.json")).expect("gas.json")).expect("JSON");
    assert_eq!(json["rows"][2]["stylus_cached"], 60_327);
    std::fs::remove_dir_all(&dir).expect("clean up");
}
