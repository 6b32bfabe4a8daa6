// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title GasBurner
/// @notice Burns the gas it is given, so that tests can fill blocks and drive the base fee
/// up (EIP-1559 raises it by 1/8 after every full block).
contract GasBurner {
    uint256 public rounds;

    function burn() external {
        while (gasleft() > 5000) {
            rounds += 0; // a cheap storage touch keeps the loop from being optimised away
        }
    }
}
