//! Config validation: every bad input the issue and SPEC.md name is refused
//! with its own message, all at once, before anything else happens.

use std::path::Path;

use alloy_primitives::address;
use flt_deploy::config::{self, load, parse, Cache, Refused, GENESIS_MARGIN};

const NOW: u64 = 1_800_000_000;
const A: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const B: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const V: &str = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const ZERO: &str = "0x0000000000000000000000000000000000000000";

fn toml(chain_id: u64, genesis: u64, validators: &[&str], signers: &[&str], threshold: u64) -> String {
    let list = |v: &[&str]| v.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", ");
    format!(
        "chain_id = {chain_id}\nrpc_env = \"RPC\"\ngenesis = {genesis}\nvalidators = [{}]\n[council]\nsigners = [{}]\nthreshold = {threshold}\n",
        list(validators),
        list(signers)
    )
}

fn refused(network: &str, text: &str) -> Vec<String> {
    parse(network, text, NOW).expect_err("must be refused").0
}

fn networks() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy/networks"))
}

#[test]
fn a_good_config_parses_into_typed_values() {
    let c = parse("testnet", &toml(99, NOW + GENESIS_MARGIN, &[V], &[A, B], 2), NOW).unwrap();
    assert_eq!(c.network, "testnet");
    assert_eq!(c.chain_id, 99);
    assert_eq!(c.rpc_env, "RPC");
    assert_eq!(c.genesis, NOW + GENESIS_MARGIN);
    assert_eq!(c.validators, vec![address!("90F79bf6EB2c4f870365E785982E1f101E93b906")]);
    assert_eq!(c.signers.len(), 2);
    assert_eq!(c.threshold, 2);
    assert_eq!(c.cache, None);
}

#[test]
fn the_shipped_local_config_is_valid() {
    let c = load(&networks().join("local.toml"), NOW).unwrap();
    assert_eq!((c.network.as_str(), c.chain_id, c.threshold, c.signers.len()), ("local", 412_346, 2, 3));
    assert_eq!(c.cache, Some(Cache::Owner), "the local node's deployer is a chain owner");
}

#[test]
fn no_shipped_config_sets_fragments() {
    for network in ["local", "arbitrum-one", "arbitrum-sepolia"] {
        let text = std::fs::read_to_string(networks().join(format!("{network}.toml"))).unwrap();
        assert!(!text.lines().any(|l| l.trim_start().starts_with("fragments")), "{network}.toml still sets fragments");
    }
}

#[test]
fn the_shipped_public_configs_are_refused_until_the_council_is_filled_in() {
    for network in ["arbitrum-one", "arbitrum-sepolia"] {
        let Refused(problems) = load(&networks().join(format!("{network}.toml")), NOW).unwrap_err();
        assert_eq!(
            problems,
            vec![
                "council.signers lists 0 addresses; it needs 1..=16".to_string(),
                "council.threshold 0 must be between 1 and the number of signers (0)".to_string(),
            ],
            "{network}"
        );
    }
}

#[test]
fn threshold_above_the_signers_is_refused() {
    assert_eq!(
        refused("x", &toml(99, 0, &[], &[A, B], 3)),
        vec!["council.threshold 3 must be between 1 and the number of signers (2)"]
    );
}

#[test]
fn threshold_zero_and_beyond_u8_are_refused() {
    assert_eq!(
        refused("x", &toml(99, 0, &[], &[A], 0)),
        vec!["council.threshold 0 must be between 1 and the number of signers (1)"]
    );
    assert_eq!(
        refused("x", &toml(99, 0, &[], &[A], 257)),
        vec!["council.threshold 257 must be between 1 and the number of signers (1)"]
    );
}

#[test]
fn duplicate_and_zero_signers_are_refused() {
    assert_eq!(
        refused("x", &toml(99, 0, &[], &[A, ZERO, A], 1)),
        vec!["council.signers[1] is the zero address".to_string(), format!("council.signers[2] = {A} is listed twice")]
    );
}

#[test]
fn seventeen_signers_are_refused() {
    let many: Vec<String> = (1..=17u8).map(|i| format!("0x{:040x}", i)).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(refused("x", &toml(99, 0, &[], &refs, 9)), vec!["council.signers lists 17 addresses; it needs 1..=16"]);
    // Sixteen is the limit, not over it.
    assert!(parse("x", &toml(99, 0, &[], &refs[..16], 9), NOW).is_ok());
}

#[test]
fn duplicate_zero_and_malformed_validators_are_refused() {
    let problems = refused("x", &toml(99, 0, &[V, ZERO, V, "0x1234"], &[A], 1));
    assert_eq!(
        problems,
        vec![
            "validators[1] is the zero address".to_string(),
            format!("validators[2] = {V} is listed twice"),
            "validators[3] = \"0x1234\" is not an address (or its EIP-55 checksum is wrong)".to_string(),
        ]
    );
}

#[test]
fn a_mixed_case_address_with_a_wrong_checksum_is_refused() {
    // A with one letter's case flipped: a typo that lowercase would hide.
    let typo = A.replacen("F6F4", "f6F4", 1);
    assert_eq!(
        refused("x", &toml(99, 0, &[], &[&typo], 1)),
        vec![format!("council.signers[0] = {typo:?} is not an address (or its EIP-55 checksum is wrong)")]
    );
    // All-lowercase carries no checksum and is accepted.
    assert!(parse("x", &toml(99, 0, &[], &[&A.to_lowercase()], 1), NOW).is_ok());
}

#[test]
fn a_known_network_with_another_chain_id_is_refused() {
    assert_eq!(
        refused("arbitrum-one", &toml(421_614, 0, &[], &[A], 1)),
        vec!["chain_id 421614 is wrong for arbitrum-one, whose chain id is 42161"]
    );
    assert_eq!(refused("custom", &toml(0, 0, &[], &[A], 1)), vec!["chain_id must not be 0"]);
}

#[test]
fn an_rpc_url_in_place_of_the_variable_name_is_refused() {
    let text = toml(99, 0, &[], &[A], 1).replace("rpc_env = \"RPC\"", "rpc_env = \"https://node.example/key\"");
    let problems = refused("x", &text);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("rpc_env = \"https://node.example/key\" must name an environment variable"),
        "{problems:?}"
    );
}

#[test]
fn a_genesis_in_the_past_or_too_close_is_refused() {
    for genesis in [1, NOW - 1, NOW, NOW + GENESIS_MARGIN - 1] {
        assert_eq!(
            refused("x", &toml(99, genesis, &[], &[A], 1)),
            vec![format!(
                "genesis {genesis} is not at least {GENESIS_MARGIN} s in the future (now {NOW}); use 0 for the deployment time"
            )]
        );
    }
    assert_eq!(parse("x", &toml(99, 0, &[], &[A], 1), NOW).unwrap().genesis, 0);
}

#[test]
fn unknown_fields_and_bad_toml_are_refused() {
    let typo = toml(99, 0, &[], &[A], 1).replace("threshold", "treshold");
    let problems = refused("x", &typo);
    assert!(problems[0].starts_with("not a valid config:") && problems[0].contains("treshold"), "{problems:?}");
    assert!(refused("x", "chain_id = ")[0].starts_with("not a valid config:"));
    let missing = load(Path::new("/nonexistent/net.toml"), NOW).unwrap_err();
    assert!(missing.0[0].starts_with("/nonexistent/net.toml:"), "{missing:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = refused("arbitrum-one", &toml(1, 5, &[ZERO], &[A, A], 3));
    assert_eq!(problems.len(), 5, "{problems:?}");
    let _ = config::KNOWN_CHAINS;
}

#[test]
fn a_config_that_still_sets_fragments_is_refused_by_name() {
    let base = toml(99, 0, &[], &[A], 1);
    let why = "`fragments` is no longer a setting: every program is deployed as one contract (brotli-11 + 4-byte \
               prefix <= 24,576 B) on every network, and ArbOS 61 fragments are not used; delete the `fragments = \
               ...` line";
    assert_eq!(config::FRAGMENTS_REMOVED, why);
    // Whatever it says, and wherever the line is.
    for value in ["false", "true", "\"no\""] {
        assert_eq!(refused("x", &format!("fragments = {value}\n{base}")), vec![format!("line 1: {why}")], "{value}");
    }
    let third = base.replacen('\n', "\n\nfragments = false\n", 1);
    assert_eq!(refused("x", &third), vec![format!("line 3: {why}")]);
    // Another unknown field keeps serde's own message.
    let other = refused("x", &format!("fragment = false\n{base}"));
    assert!(other[0].starts_with("not a valid config:") && other[0].contains("unknown field `fragment`"), "{other:?}");
}

#[test]
fn the_cache_section_names_one_way_to_cache() {
    let base = toml(99, 0, &[], &[A], 1);
    let with = |cache: &str| format!("{base}[cache]\n{cache}\n");
    assert_eq!(parse("x", &with("owner = true"), NOW).unwrap().cache, Some(Cache::Owner));
    assert_eq!(parse("x", &with("bid_wei = 1000"), NOW).unwrap().cache, Some(Cache::Bid(1000)));
    assert_eq!(parse("x", &with("owner = false\nbid_wei = 5"), NOW).unwrap().cache, Some(Cache::Bid(5)));
    assert_eq!(parse("x", &with("owner = false"), NOW).unwrap().cache, None);
    assert_eq!(parse("x", &with(""), NOW).unwrap().cache, None);
    assert_eq!(
        refused("x", &with("owner = true\nbid_wei = 5")),
        vec!["cache: owner = true and bid_wei exclude each other; keep one"]
    );
    let typo = refused("x", &with("bid = 5"));
    assert!(typo[0].starts_with("not a valid config:") && typo[0].contains("unknown field `bid`"), "{typo:?}");
    let negative = refused("x", &with("bid_wei = -1"));
    assert!(negative[0].starts_with("not a valid config:"), "{negative:?}");
}

#[test]
fn the_shipped_public_configs_bid_or_name_no_cache() {
    // arbitrum-one ships a bid; Sepolia none (its file is refused anyway
    // until the council is filled in, so read the [cache] section alone).
    let one = std::fs::read_to_string(networks().join("arbitrum-one.toml")).unwrap();
    let filled = one.replace("signers = []\nthreshold = 0", &format!("signers = [{A:?}]\nthreshold = 1"));
    assert_eq!(parse("arbitrum-one", &filled, NOW).unwrap().cache, Some(Cache::Bid(0)));
    let sepolia = std::fs::read_to_string(networks().join("arbitrum-sepolia.toml")).unwrap();
    let filled = sepolia.replace("signers = []\nthreshold = 0", &format!("signers = [{A:?}]\nthreshold = 1"));
    assert_eq!(parse("arbitrum-sepolia", &filled, NOW).unwrap().cache, None);
}

#[test]
fn one_signer_is_refused_on_public_networks_unless_allowed() {
    use flt_deploy::config::single_signer_refusal;
    for network in ["arbitrum-one", "arbitrum-sepolia"] {
        let chain_id = if network == "arbitrum-one" { 42_161 } else { 421_614 };
        let one = parse(network, &toml(chain_id, 0, &[], &[A, B], 1), NOW).unwrap();
        let why = single_signer_refusal(&one, false).expect("threshold 1 refused");
        assert_eq!(
            why,
            format!(
                "council.threshold 1 on {network}: one key could alone ban, disqualify, add validators, unpause and \
                 approve parameter changes, and the threat model assumes M >= 2. Raise the threshold, or pass \
                 --allow-single-signer to deploy with one signer anyway; nothing was sent"
            )
        );
        assert_eq!(single_signer_refusal(&one, true), None, "--allow-single-signer");
        let two = parse(network, &toml(chain_id, 0, &[], &[A, B], 2), NOW).unwrap();
        assert_eq!(single_signer_refusal(&two, false), None);
    }
    // A dev chain may run with one signer.
    let local = parse("local", &toml(412_346, 0, &[], &[A], 1), NOW).unwrap();
    assert_eq!(single_signer_refusal(&local, false), None);
}
