//! A deployed program's re-activation and caching against a fake ArbWasm
//! that keeps one program's state: what is read first, what is sent only
//! when the chain says it is needed, and how refusals read. The real VM
//! runs the same paths in tests/node/tests/deploy.rs.

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent};
use flt_deploy::{
    abi::{ArbWasm, CacheManager, ARB_WASM},
    chain::{Chain, Failed, Receipt, Tx},
    stylus::{activate, bumped, describe_activate, explain, status, Activation, Status},
};

const SENDER: Address = Address::with_last_byte(0xde);
const PROGRAM: Address = Address::with_last_byte(0x99);
const CODE: [u8; 4] = [0xEF, 0xF0, 0x00, 0x00];
const FEE: u64 = 1_000;

/// One program's ArbWasm state.
struct Wasm {
    stylus: u16,
    /// `programVersion`'s answer: a version, or an error's revert data.
    version: Result<u16, Vec<u8>>,
    /// What `eth_call activateProgram` answers.
    estimate: Result<U256, Vec<u8>>,
    balance: U256,
    sent: Vec<Tx>,
    estimates: Vec<U256>,
}

impl Wasm {
    fn new(version: Result<u16, Vec<u8>>) -> Wasm {
        Wasm {
            stylus: 2,
            version,
            estimate: Ok(U256::from(FEE)),
            balance: U256::from(10u64).pow(U256::from(18u64)),
            sent: Vec::new(),
            estimates: Vec::new(),
        }
    }
}

fn reverted(data: Vec<u8>) -> Failed {
    Failed { data: Some(data), message: "execution reverted".into() }
}

impl Chain for Wasm {
    fn sender(&self) -> Address {
        SENDER
    }
    fn chain_id(&mut self) -> Result<u64, String> {
        Ok(412_346)
    }
    fn balance(&mut self, _: Address) -> Result<U256, String> {
        Ok(self.balance)
    }
    fn code(&mut self, at: Address) -> Result<Vec<u8>, String> {
        Ok(if at == PROGRAM { CODE.to_vec() } else { vec![] })
    }
    fn call_with_value(&mut self, to: Address, data: Vec<u8>, _: U256) -> Result<Vec<u8>, Failed> {
        assert_eq!(to, ARB_WASM);
        match data[..4].try_into().unwrap() {
            ArbWasm::stylusVersionCall::SELECTOR => Ok(ArbWasm::stylusVersionCall::abi_encode_returns(&(self.stylus,))),
            ArbWasm::programVersionCall::SELECTOR => {
                assert_eq!(ArbWasm::programVersionCall::abi_decode(&data, true).unwrap().program, PROGRAM);
                self.version.clone().map(|v| ArbWasm::programVersionCall::abi_encode_returns(&(v,))).map_err(reverted)
            }
            ArbWasm::programTimeLeftCall::SELECTOR => Ok(ArbWasm::programTimeLeftCall::abi_encode_returns(&(777u64,))),
            _ => Err("unknown ArbWasm call".into()),
        }
    }
    fn call_with_codes(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        codes: Vec<(Address, Vec<u8>)>,
    ) -> Result<Vec<u8>, Failed> {
        assert_eq!(to, ARB_WASM);
        assert!(codes.is_empty(), "a deployed program's own code is used");
        assert_eq!(ArbWasm::activateProgramCall::abi_decode(&data, true).unwrap().program, PROGRAM);
        self.estimates.push(value);
        let fee = self.estimate.clone().map_err(reverted)?;
        Ok(ArbWasm::activateProgramCall::abi_encode_returns(&(self.stylus, fee)))
    }
    fn send(&mut self, tx: &Tx) -> Result<Receipt, String> {
        assert_eq!(tx.to, Some(ARB_WASM));
        self.sent.push(tx.clone());
        self.version = Ok(self.stylus);
        let event = ArbWasm::ProgramActivated {
            codehash: keccak256(CODE),
            moduleHash: B256::repeat_byte(7),
            program: PROGRAM,
            dataFee: U256::from(FEE),
            version: self.stylus,
        };
        let log = event.encode_log_data();
        Ok(Receipt {
            hash: B256::repeat_byte(0xaa),
            success: true,
            block: 9,
            created: None,
            logs: vec![(ARB_WASM, log.topics().to_vec(), log.data.to_vec())],
        })
    }
}

#[test]
fn a_current_program_is_reported_and_nothing_is_sent() {
    let mut chain = Wasm::new(Ok(2));
    assert_eq!(status(&mut chain, PROGRAM).unwrap(), Status::Current { version: 2, time_left: 777 });
    assert_eq!(activate(&mut chain, "FLToken", PROGRAM).unwrap(), Activation::UpToDate { version: 2, time_left: 777 });
    assert!(chain.sent.is_empty() && chain.estimates.is_empty());
}

#[test]
fn an_expired_program_is_priced_then_activated_with_the_bumped_fee_and_read_again() {
    let expired = ArbWasm::ProgramExpired { ageInSeconds: 31_622_418 }.abi_encode();
    let mut chain = Wasm::new(Err(expired));
    assert_eq!(status(&mut chain, PROGRAM).unwrap(), Status::Inactive("ProgramExpired(ageInSeconds 31622418)".into()));
    let done = activate(&mut chain, "FLToken", PROGRAM).unwrap();
    assert_eq!(
        done,
        Activation::Activated { version: 2, data_fee: U256::from(FEE), tx: B256::repeat_byte(0xaa), time_left: 777 }
    );
    assert_eq!(chain.estimates, vec![U256::from(10u64).pow(U256::from(18u64))], "priced with 1 ETH");
    assert_eq!(chain.sent.len(), 1);
    assert_eq!(chain.sent[0].value, bumped(U256::from(FEE)));
    assert_eq!(chain.sent[0].value, U256::from(1_200));
    assert_eq!(chain.sent[0].data, ArbWasm::activateProgramCall { program: PROGRAM }.abi_encode());
}

#[test]
fn a_program_of_an_older_stylus_version_is_re_activated() {
    let mut chain = Wasm::new(Ok(1));
    assert_eq!(
        status(&mut chain, PROGRAM).unwrap(),
        Status::Inactive("version 1, the chain's Stylus version is 2".into())
    );
    assert!(matches!(activate(&mut chain, "FLToken", PROGRAM).unwrap(), Activation::Activated { .. }));
    let mut chain = Wasm::new(Err(ArbWasm::ProgramNeedsUpgrade { version: 1, stylusVersion: 2 }.abi_encode()));
    assert!(matches!(activate(&mut chain, "FLToken", PROGRAM).unwrap(), Activation::Activated { .. }));
}

#[test]
fn a_refused_activation_sends_nothing_and_says_why() {
    let mut chain = Wasm::new(Err(ArbWasm::ProgramNotActivated {}.abi_encode()));
    chain.estimate = Err(ArbWasm::ProgramInsufficientValue { have: U256::from(1), want: U256::from(2) }.abi_encode());
    let err = activate(&mut chain, "FLToken", PROGRAM).unwrap_err();
    assert_eq!(
        err,
        format!("FLToken: ArbWasm.activateProgram({PROGRAM}) is refused: ProgramInsufficientValue(have 1, want 2); nothing was sent")
    );
    assert!(chain.sent.is_empty());
}

#[test]
fn too_little_balance_for_the_re_activation_sends_nothing() {
    let mut chain = Wasm::new(Err(ArbWasm::ProgramNotActivated {}.abi_encode()));
    chain.balance = U256::from(1_200);
    let err = activate(&mut chain, "FLToken", PROGRAM).unwrap_err();
    assert!(err.ends_with("holds 1200 wei, not more than the 1200 wei data fee (plus gas); nothing was sent"), "{err}");
    assert!(chain.sent.is_empty());
}

#[test]
fn no_code_at_the_recorded_address_is_an_error() {
    let mut chain = Wasm::new(Ok(2));
    let nowhere = Address::with_last_byte(1);
    assert_eq!(activate(&mut chain, "FLToken", nowhere).unwrap_err(), format!("FLToken: no code at {nowhere}"));
}

#[test]
fn refusals_are_explained_by_name_with_their_values() {
    let f = |data: Vec<u8>| explain(&reverted(data));
    assert_eq!(f(ArbWasm::ProgramUpToDate {}.abi_encode()), "ProgramUpToDate");
    assert_eq!(f(ArbWasm::ProgramNotWasm {}.abi_encode()), "ProgramNotWasm (no Stylus program there)");
    assert_eq!(
        f(ArbWasm::ProgramKeepaliveTooSoon { ageInSeconds: 5 }.abi_encode()),
        "ProgramKeepaliveTooSoon(ageInSeconds 5)"
    );
    assert_eq!(
        f(CacheManager::BidTooSmall { bid: alloy_primitives::Uint::from(1), min: alloy_primitives::Uint::from(9) }
            .abi_encode()),
        "BidTooSmall(bid 1, min 9)"
    );
    assert_eq!(f(CacheManager::BidsArePaused {}.abi_encode()), "BidsArePaused");
    assert_eq!(
        f(CacheManager::AlreadyCached { codehash: B256::ZERO }.abi_encode()),
        format!("AlreadyCached({})", B256::ZERO)
    );
    assert_eq!(f(vec![]), "reverted without data");
    assert_eq!(f(vec![1, 2, 3, 4, 5]), "reverted with 0x0102030405");
    assert_eq!(explain(&Failed::from("RPC: connection refused")), "RPC: connection refused");
}

#[test]
fn the_activation_plan_names_each_call() {
    let text = describe_activate("FLToken", "0xabc");
    assert!(text.starts_with(
        "FLToken 0xabc: ArbWasm(0x0000000000000000000000000000000000000071).programVersion(0xabc) against stylusVersion()"
    ), "{text}");
    assert!(text.contains("eth_call activateProgram(0xabc) with 1 ETH from a funded override account"));
    assert!(text
        .contains("activateProgram(0xabc) is sent to 0x0000000000000000000000000000000000000071 with the fee + 20 %"));
    assert!(!text.contains("cargo"));
}
