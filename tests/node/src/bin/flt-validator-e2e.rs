//! flt-validator (tools/validator) as a binary of this package (its own name: two
//! `flt-validator` binaries in one workspace would collide), so that
//! validator.rs and flower.rs run, kill and restart it as a process
//! (`CARGO_BIN_EXE_flt-validator-e2e`).

fn main() -> std::process::ExitCode {
    flt_validator::cli::main()
}
