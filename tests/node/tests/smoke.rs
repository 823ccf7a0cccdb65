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
    let sys = fresh();
    assert!(sys.now() < GENESIS_TIME + 100, "{}", sys.now() - GENESIS_TIME);
    sys.warp(GENESIS_TIME + 2000);
}
