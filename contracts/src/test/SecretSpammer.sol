// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface ISecretRegistry {
    function registerSecret(bytes32 secret) external;
}

/// @title SecretSpammer
/// @notice Registers many distinct secrets in one transaction, so that benchmarks can fill
/// a chain with ChannelManager events cheaply.
contract SecretSpammer {
    function registerMany(ISecretRegistry registry, bytes32 seed, uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            registry.registerSecret(keccak256(abi.encode(seed, i)));
        }
    }
}
