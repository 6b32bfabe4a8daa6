// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Receiver
/// @notice A payout receiver for tests: it can refuse ETH, or try to re-enter a target when
/// paid and record whether that call succeeded.
contract Receiver {
    bool public reject;
    address public reenterTarget;
    bytes public reenterData;
    bool public reenterAttempted;
    bool public lastReenterOk;
    bytes public lastReenterResult;

    function setReject(bool v) external {
        reject = v;
    }

    function setReenter(address target, bytes calldata data) external {
        reenterTarget = target;
        reenterData = data;
    }

    /// @notice Forwards a call, so the receiver can act as a party (e.g. withdrawOwed).
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call(data);
        require(ok, "execute failed");
        return ret;
    }

    receive() external payable {
        require(!reject, "rejected");
        if (reenterTarget != address(0)) {
            reenterAttempted = true;
            (lastReenterOk, lastReenterResult) = reenterTarget.call(reenterData);
        }
    }
}
