//! [`Text`]: a Solidity `string` argument taken as its bytes, as Solidity
//! itself takes it. The SDK decodes `String` with UTF-8 validation and
//! lossy conversion, which refuses what OpenZeppelin's Governor accepts (a
//! description is hashed as raw bytes: `keccak256(bytes(description))`)
//! and costs about 0.5 KB brotli of program. A `Text` is never interpreted
//! as characters: it is hashed and logged byte for byte.

use alloc::vec::Vec;

use alloy_sol_types::{abi::token::PackedSeqToken, private::SolTypeValue, SolType, Word};
use stylus_sdk::abi::{AbiType, ConstString};

/// The bytes of a Solidity `string`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Vec<u8>);

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.as_bytes().to_vec())
    }
}

impl From<alloc::string::String> for Text {
    fn from(s: alloc::string::String) -> Self {
        Text(s.into_bytes())
    }
}

impl SolTypeValue<Self> for Text {
    #[inline]
    fn stv_to_tokens(&self) -> PackedSeqToken<'_> {
        PackedSeqToken(&self.0)
    }

    #[inline]
    fn stv_abi_encoded_size(&self) -> usize {
        32 + self.0.len().div_ceil(32) * 32
    }

    #[inline]
    fn stv_abi_packed_encoded_size(&self) -> usize {
        self.0.len()
    }

    #[inline]
    fn stv_eip712_data_word(&self) -> Word {
        alloy_primitives::keccak256(&self.0)
    }

    #[inline]
    fn stv_abi_encode_packed_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
}

impl SolType for Text {
    type RustType = Text;
    type Token<'a> = PackedSeqToken<'a>;

    const SOL_NAME: &'static str = "string";
    const ENCODED_SIZE: Option<usize> = None;
    const PACKED_ENCODED_SIZE: Option<usize> = None;

    /// Any byte string is a Solidity `string` (Solidity does not check
    /// UTF-8 either).
    #[inline]
    fn valid_token(_: &Self::Token<'_>) -> bool {
        true
    }

    #[inline]
    fn detokenize(token: Self::Token<'_>) -> Text {
        Text(token.0.to_vec())
    }
}

impl AbiType for Text {
    type SolType = Self;

    const ABI: ConstString = ConstString::new("string");
    const EXPORT_ABI_ARG: ConstString = ConstString::new("string calldata");
    const EXPORT_ABI_RET: ConstString = ConstString::new("string memory");
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use alloy_sol_types::{sol_data, SolValue};

    use super::*;

    #[test]
    fn a_text_encodes_and_decodes_as_a_solidity_string_and_keeps_invalid_utf8() {
        let s = "adopt model v2: ünïcode".to_string();
        let encoded = <sol_data::String as SolType>::abi_encode(&s);
        assert_eq!(<Text as SolType>::abi_encode(&Text(s.clone().into_bytes())), encoded);
        assert_eq!(<Text as SolType>::abi_decode(&encoded, true).unwrap(), Text(s.into_bytes()));
        // Bytes that are not UTF-8: a String would refuse them; Solidity and Text keep them.
        let raw = alloc::vec![0xff, 0xfe, 0x00, 0x41];
        let encoded = raw.abi_encode();
        assert!(<sol_data::String as SolType>::abi_decode(&encoded, true).is_err());
        assert_eq!(<Text as SolType>::abi_decode(&encoded, true).unwrap(), Text(raw));
        assert_eq!(Text::ABI.as_str(), "string");
    }
}
