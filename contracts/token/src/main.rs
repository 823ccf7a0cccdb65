//! Prints FLToken's complete Solidity interface for `abi/` (functions from
//! the SDK's export, events and errors from the contract's declarations).
fn main() {
    print!(
        "{}",
        flt_sol::interface::<fl_token::FLToken>(&[
            fl_token::raw::SOLIDITY,
            fl_token::events::SOLIDITY,
            fl_token::errors::SOLIDITY,
            flt_sol::shared::SOLIDITY
        ])
    );
}
