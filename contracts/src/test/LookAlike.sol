// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A contract that answers hub() and challengePeriod() as a ChannelManager does, and
/// emits the manager's ExitStarted with any fields: what a tower must not take for one.
contract LookAlike {
    address public hub;
    uint256 public challengePeriod;

    event ExitStarted(
        address indexed user, address indexed sender, uint8 side, uint256 nonce, uint256 onchainNonce, uint256 deadline, bytes32 digest
    );

    constructor(address hub_, uint256 challengePeriod_) {
        hub = hub_;
        challengePeriod = challengePeriod_;
    }

    function fakeExit(address user, uint256 nonce) external {
        emit ExitStarted(user, msg.sender, 0, nonce, 0, block.timestamp + challengePeriod, bytes32(0));
    }
}
