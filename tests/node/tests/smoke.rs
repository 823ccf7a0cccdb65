use flt_node_tests::{abi::FLToken, system::fresh, GENESIS_TIME};

#[test]
fn deploys_and_reads_back() {
    let sys = fresh();
    let name = sys.client.call(sys.token, &FLToken::nameCall {})._0;
    assert_eq!(name, "Federated Learning Token");
    assert!(sys.genesis >= GENESIS_TIME);
    sys.warp(GENESIS_TIME + 1000);
}

#[test]
fn snapshot_restores_time() {
    // The deployment is made at the node's genesis time (blocks a few
    // seconds apart); the next test gets it back at that time, whatever
    // this one did to the clock.
    let before = {
        let sys = fresh();
        let t = sys.now();
        assert!((GENESIS_TIME..GENESIS_TIME + 3_600).contains(&t), "{}", t - GENESIS_TIME);
        sys.warp(t + 2_000);
        assert_eq!(sys.now(), t + 2_000);
        t
    };
    let sys = fresh();
    assert!(sys.now() < before + 2_000, "time after the revert: {}", sys.now() - before);
}

/// stylus-sdk 0.9 encodes a returned tuple with a dynamic member as one
/// tuple; the programs answer these functions from their fallback with the
/// return-values encoding Solidity callers decode (raw.rs in each).
#[test]
fn tuple_returns_with_dynamic_members_decode_as_solidity_returns() {
    use alloy_primitives::{Bytes, FixedBytes, B256, U256};
    use alloy_sol_types::{SolCall, SolValue};
    use flt_node_tests::abi::{FLTCouncil, FLTGovernor};
    let sys = fresh();
    let d = sys.client.call(sys.token, &FLToken::eip712DomainCall {});
    assert_eq!(d.fields, FixedBytes([0x0f]));
    assert_eq!((d.name.as_str(), d.version.as_str()), ("Federated Learning Token", "1"));
    assert_eq!((d.chainId, d.verifyingContract, d.salt), (U256::from(412_346u64), sys.token, B256::ZERO));
    assert!(d.extensions.is_empty());
    // The governor's domain too (SPEC section 7, v1.1), its ballot domain.
    let d = sys.client.call(sys.governor, &FLTGovernor::eip712DomainCall {});
    assert_eq!((d.fields, d.name.as_str(), d.version.as_str()), (FixedBytes([0x0f]), "FLTGovernor", "1"));
    assert_eq!((d.chainId, d.verifyingContract, d.salt), (U256::from(412_346u64), sys.governor, B256::ZERO));
    assert!(d.extensions.is_empty());
    // ERC-165: the governor claims ERC-165 and nothing it does not implement.
    let supports = |id: [u8; 4]| {
        sys.client.call(sys.governor, &FLTGovernor::supportsInterfaceCall { interfaceId: FixedBytes(id) })._0
    };
    assert!(supports([0x01, 0xff, 0xc9, 0xa7]));
    assert!(!supports([0xff; 4]));
    // Future timepoints: OZ's ERC5805FutureLookup(timepoint, clock).
    let now = sys.now();
    for t in [now + 1, now + 1_000] {
        let err = sys.client.try_call(sys.at(0), sys.governor, &FLTGovernor::quorumCall { timepoint: U256::from(t) });
        match err.unwrap_err().decode::<FLTGovernor::IFLTGovernorErrors>() {
            FLTGovernor::IFLTGovernorErrors::ERC5805FutureLookup(e) => {
                assert_eq!(e.timepoint, U256::from(t));
                let clock = u64::try_from(e.clock).expect("u48");
                assert!(now <= clock && clock <= t, "clock {clock}, now {now}, timepoint {t}");
            }
            other => panic!("{other:?}"),
        }
    }

    let (signer, validator) = (sys.at(0), sys.at(7));
    let data = Bytes::from(validator.abi_encode());
    let propose = FLTCouncil::councilProposeCall { kind: 0, data: data.clone() };
    let id = sys.client.try_call(signer, sys.council, &propose).unwrap()._0;
    sys.client.send(signer, sys.council, &propose);
    let a = sys.client.call(sys.council, &FLTCouncil::councilActionCall { actionId: id });
    assert_eq!((a.kind, a.approvals, a.executed, a.data), (0, 1, false, data));
    // Raw: four head words (kind, approvals, executed, offset 0x80), then
    // the bytes; not one tuple behind a leading offset word.
    let raw = sys
        .client
        .call_raw(signer, sys.council, FLTCouncil::councilActionCall { actionId: id }.abi_encode(), U256::ZERO)
        .unwrap();
    assert_eq!(raw.len(), 4 * 32 + 32 + 32, "head, length, 32 bytes of data");
    assert_eq!((U256::from_be_slice(&raw[..32]), U256::from_be_slice(&raw[96..128])), (U256::ZERO, U256::from(0x80)));

    // Value sent to a view, an unknown selector and short calldata revert
    // empty, as the SDK's router does for its own functions.
    let with_value = sys.client.call_raw(signer, sys.token, FLToken::eip712DomainCall {}.abi_encode(), U256::from(1));
    assert_eq!(with_value.unwrap_err().data, Bytes::new());
    let unknown = sys.client.call_raw(signer, sys.token, vec![0xde, 0xad, 0xbe, 0xef], U256::ZERO);
    assert_eq!(unknown.unwrap_err().data, Bytes::new());
    for to in [sys.governor, sys.council] {
        let short = sys.client.call_raw(signer, to, vec![0x01], U256::ZERO);
        assert_eq!(short.unwrap_err().data, Bytes::new());
    }
    let with_value = sys.client.call_raw(
        signer,
        sys.council,
        FLTCouncil::councilActionCall { actionId: id }.abi_encode(),
        U256::from(1),
    );
    assert_eq!(with_value.unwrap_err().data, Bytes::new());
    // An unknown council action is refused with its named error.
    let missing =
        sys.client.try_call(signer, sys.council, &FLTCouncil::councilActionCall { actionId: U256::from(999) });
    let err = missing.unwrap_err().decode::<FLTCouncil::IFLTCouncilErrors>();
    assert!(
        matches!(err, FLTCouncil::IFLTCouncilErrors::FLTUnknownCouncilAction(ref e) if e.actionId == U256::from(999)),
        "{err:?}"
    );
}
