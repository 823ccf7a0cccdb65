//! `flt-validator`: see tools/validator/README.md.

fn main() -> std::process::ExitCode {
    flt_validator::cli::main()
}
