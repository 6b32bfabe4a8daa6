// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Tally
/// @notice A contract wallet that books every ether payment it receives in storage, so it
/// needs more gas than the 2,300 stipend of a plain transfer to take one.
contract Tally {
    uint256 public received;

    receive() external payable {
        received += msg.value;
    }
}
