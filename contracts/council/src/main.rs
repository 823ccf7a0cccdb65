//! Prints FLTCouncil's complete Solidity interface for `abi/`.
fn main() {
    print!(
        "{}",
        flt_sol::interface::<fl_council::FLTCouncil>(&[
            fl_council::raw::SOLIDITY,
            fl_council::events::SOLIDITY,
            fl_council::errors::SOLIDITY,
            flt_sol::proposal_errors::SOLIDITY,
            flt_sol::shared::SOLIDITY
        ])
    );
}
