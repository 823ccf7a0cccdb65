//! The web app (web/) in a real browser against the local Stylus node: the
//! system deployed by flt-deploy (`system::fresh`), web/scripts/setup.sh
//! (Debian's Chromium, `npm ci`), the unit tests (`npm test`, vitest), the
//! app type-checked and built (`npm run build`), then
//! web/e2e/flows.mjs (node's test runner driving Chromium through
//! playwright-core) with the node's RPC URL and the four addresses. Each
//! browser flow asserts the chain's state after it with viem; this test
//! asserts that every one of them ran and passed. Screenshots and the
//! measured load times / RPC calls go to target/web/.

use std::{
    path::Path,
    process::{Command, Output},
};

use flt_node_tests::system::fresh;

/// The browser tests in web/e2e/flows.mjs.
const FLOWS: usize = 9;

fn run(cmd: &mut Command, what: &str) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn every_page_flow_in_chromium_against_the_node() {
    let sys = fresh();
    let web = sys.root.join("web");
    run(Command::new("bash").arg(web.join("scripts/setup.sh")), "web/scripts/setup.sh");
    // The unit layer first (vitest: formatting, bounds, calldata, every
    // error's sentence), then the type check and the production build.
    let unit = run(Command::new("npm").args(["test", "--silent"]).current_dir(&web), "npm test (web/, vitest)");
    let unit = String::from_utf8_lossy(&unit.stdout);
    assert!(unit.contains("passed") && !unit.contains("failed"), "vitest:\n{unit}");
    run(Command::new("npm").args(["run", "--silent", "build"]).current_dir(&web), "npm run build (web/)");
    assert!(Path::new(&web.join("dist/index.html")).is_file(), "the build wrote web/dist/index.html");
    let shots = sys.root.join("target/web");
    let out = run(
        Command::new("node")
            .args(["--test-reporter=tap", "e2e/flows.mjs"])
            .current_dir(&web)
            .env("FLT_RPC", &sys.node.url)
            .env("FLT_TOKEN", sys.token.to_string())
            .env("FLT_REWARDS", sys.rewards.to_string())
            .env("FLT_GOVERNOR", sys.governor.to_string())
            .env("FLT_COUNCIL", sys.council.to_string())
            .env("FLT_SHOTS", &shots),
        "node web/e2e/flows.mjs",
    );
    let tap = String::from_utf8_lossy(&out.stdout);
    println!("{tap}");
    assert!(tap.contains(&format!("# pass {FLOWS}")), "all {FLOWS} browser flows passed:\n{tap}");
    assert!(tap.contains("# fail 0"), "no browser flow failed:\n{tap}");
    for page in ["network", "contributor", "holder", "governance", "council"] {
        for width in ["desktop", "phone"] {
            let png = shots.join(format!("{page}-{width}.png"));
            assert!(png.is_file(), "screenshot {}", png.display());
        }
    }
}
