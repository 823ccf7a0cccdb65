//! Calldata of one program's calls into another, encoded by hand (static
//! arguments only): the selector at compile time, then one word per
//! argument.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};

/// The 4-byte selector of a Solidity signature, at compile time.
pub const fn selector(signature: &[u8]) -> [u8; 4] {
    let h = stylus_sdk::keccak_const::Keccak256::new().update(signature).finalize();
    [h[0], h[1], h[2], h[3]]
}

/// `selector` followed by `args`.
pub fn calldata(selector: [u8; 4], args: &[[u8; 32]]) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 + 32 * args.len());
    data.extend_from_slice(&selector);
    for arg in args {
        data.extend_from_slice(arg);
    }
    data
}

/// An unsigned value as an argument word.
pub fn word(value: impl Into<U256>) -> [u8; 32] {
    value.into().to_be_bytes()
}

/// An address as an argument word.
pub fn address_word(a: Address) -> [u8; 32] {
    a.into_word().0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calldata_is_the_selector_and_one_word_per_argument() {
        // transfer(address,uint256): a9059cbb, as every ERC20 client knows it.
        assert_eq!(selector(b"transfer(address,uint256)"), [0xa9, 0x05, 0x9c, 0xbb]);
        let to = Address::repeat_byte(0x11);
        let data = calldata(selector(b"transfer(address,uint256)"), &[address_word(to), word(U256::from(5u8))]);
        assert_eq!(data.len(), 68);
        assert_eq!(&data[4..16], &[0u8; 12]);
        assert_eq!(&data[16..36], to.as_slice());
        assert_eq!(data[67], 5);
    }
}
