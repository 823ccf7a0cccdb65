// SPDX-License-Identifier: MIT
// What a governance proposal changes on the Solidity side: one owned
// parameter, as `setParameter(uint8,uint256)` changes one of FLT's
// parameters. The owner is the TimelockController.
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract BenchParams is Ownable {
    mapping(uint8 id => uint256) public parameter;

    event ParameterChanged(uint8 indexed id, uint256 value);

    constructor(address owner) Ownable(owner) {}

    function setParameter(uint8 id, uint256 value) external onlyOwner {
        parameter[id] = value;
        emit ParameterChanged(id, value);
    }
}
