//! cargo-stylus commands: their exact words, secrets kept out of what is
//! printed, and installation only when missing.

use flt_deploy::stylus::{ensure, install_command, Shell, StylusCmd, System};

#[test]
fn commands_carry_endpoint_and_key_only_where_they_sign() {
    let bid = StylusCmd::cache_bid("0xabc", 9);
    assert_eq!(
        bid.argv("http://n", "/k").join(" "),
        "cargo stylus cache bid 0xabc 9 --endpoint http://n --private-key-path /k"
    );
    assert_eq!(
        StylusCmd::activate("0xabc").argv("http://n", "/k").join(" "),
        "cargo stylus activate --address 0xabc --endpoint http://n --private-key-path /k"
    );
    assert_eq!(
        bid.render("RPC"),
        "cargo stylus cache bid 0xabc 9 --endpoint \"$RPC\" --private-key-path \"$FLT_DEPLOYER_KEY_FILE\""
    );
}

#[test]
fn a_failed_command_is_reported_without_its_endpoint() {
    let argv: Vec<String> =
        ["sh", "-c", "exit 3", "--endpoint", "https://node.example/secret-key"].map(String::from).to_vec();
    let err = System.run(&argv).unwrap_err();
    assert!(err.starts_with("`sh -c exit 3` failed"), "{err}");
    assert!(!err.contains("secret-key"), "{err}");
    assert!(System.run(&["true".to_string()]).is_ok());
}

struct Recorder {
    installed: bool,
    ran: Vec<Vec<String>>,
}

impl Shell for Recorder {
    fn has_cargo_stylus(&mut self) -> bool {
        self.installed
    }

    fn run(&mut self, argv: &[String]) -> Result<(), String> {
        self.ran.push(argv.to_vec());
        Ok(())
    }
}

#[test]
fn cargo_stylus_is_installed_only_when_missing() {
    let mut present = Recorder { installed: true, ran: vec![] };
    ensure(&mut present).unwrap();
    assert!(present.ran.is_empty());
    let mut missing = Recorder { installed: false, ran: vec![] };
    ensure(&mut missing).unwrap();
    assert_eq!(missing.ran, vec![install_command()]);
    assert_eq!(install_command().join(" "), "cargo install --locked cargo-stylus --version 0.10.10");
}
