// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The subset of ERC-20 that ChannelManager uses.
interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function balanceOf(address owner) external view returns (uint256);
}
