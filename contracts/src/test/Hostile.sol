// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Refuser
/// @notice A payout receiver that refuses ether cheaply: the reference a hostile receiver's
/// cost is measured against.
contract Refuser {
    receive() external payable {
        revert();
    }
}

/// @title ReturnBomb
/// @notice A payout receiver that refuses ether with as much return data as its gas pays
/// for: a caller that copies return data runs out of gas at any gas limit.
contract ReturnBomb {
    receive() external payable {
        uint256 budget = gasleft() - gasleft() / 8;
        uint256 words = 1;
        // The largest power of two of words whose memory the remaining gas affords.
        while ((2 * words) * (2 * words) / 512 + 3 * (2 * words) < budget) words *= 2;
        assembly {
            revert(0, mul(words, 32))
        }
    }
}

/// @title GasSink
/// @notice A payout receiver that burns every unit of gas it is given.
contract GasSink {
    receive() external payable {
        assembly {
            invalid()
        }
    }
}
