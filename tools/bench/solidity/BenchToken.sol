// SPDX-License-Identifier: MIT
// The OpenZeppelin 5 token doing FLToken's ERC20 job: ERC20 + ERC20Permit +
// ERC20Votes with an EIP-6372 timestamp clock (FLToken's clock mode). The
// whole supply is minted to the deployer, who hands it out in the bench.
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

contract BenchToken is ERC20, ERC20Permit, ERC20Votes {
    constructor() ERC20("Federated Learning Token", "FLT") ERC20Permit("Federated Learning Token") {
        _mint(msg.sender, 1_000_000_000 ether);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
