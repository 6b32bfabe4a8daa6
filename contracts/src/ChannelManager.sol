// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "./IERC20.sol";

/// @title ChannelManager
/// @notice Holds the funds of two-party payment channels between one hub and its users,
/// executes co-signed channel states on-chain and runs disputes over them.
/// @dev Balances are indexed [hub, user]; pending operations are indexed
/// [hubDeposit, hubWithdrawal, userDeposit, userWithdrawal]. A state's balances exclude its
/// pending deposits (they are added when executed) and already exclude its pending
/// withdrawals (they leave the channel when executed).
///
/// Payouts never let their receiver block or inflate a call: ether is pushed with the
/// 2,300 gas stipend of a value call and no return data is copied; a payout that fails is
/// credited to the channel's user (owedWei / owedToken), who withdraws it per asset, to any
/// address, itself or through a signature. The approved token is trusted not to call out
/// on transfers (no ERC-777 hooks).
contract ChannelManager {
    // ---------------------------------------------------------------- types

    /// @notice A channel state co-signed off-chain by the hub and the user (EIP-712).
    /// @dev recipient receives this state's pending user withdrawal, and nothing else:
    /// settlements and lock payouts always go to the user.
    struct State {
        address user;
        address recipient;
        uint256[2] weiBalances;
        uint256[2] tokenBalances;
        uint256[4] pendingWei;
        uint256[4] pendingToken;
        uint256 nonce;
        uint256 onchainNonce;
        bytes32 locksRoot;
        uint256[2] lockedWei;
        uint256[2] lockedToken;
        uint256 timeout;
    }

    /// @notice A hashlocked transfer committed to by a state's locksRoot.
    /// @dev index is the lock's position in its state's lock list (0, 1, ...), so that two
    /// locks with the same terms are two leaves. sender is 0 for the hub and 1 for the user;
    /// the receiver is the other side.
    struct Lock {
        uint32 index;
        uint8 sender;
        uint256 amountWei;
        uint256 amountToken;
        bytes32 hashlock;
        uint256 expiry;
    }

    enum Status {
        Open,
        Disputed
    }

    /// @dev The on-chain record of one user's channel: the state of record (the last
    /// executed state, or the disputed one) reduced to what a settlement pays, with its
    /// fingerprint (the EIP-712 digest), nonces and deadline. Five slots; a challenge rewrites
    /// four. Amounts fit in 128 bits because the channel's total does (AmountTooLarge).
    struct Record {
        uint128 totalWei; // everything the channel holds: balances and locked amounts
        uint128 totalToken;
        uint128 hubWei; // the state of record's balances, as they are paid out
        uint128 userWei;
        uint128 hubToken;
        uint128 userToken;
        uint120 nonce; // nonce of the state of record; never decreases
        uint64 onchainNonce; // number of states executed on-chain; never decreases
        uint64 deadline; // end of the challenge window while disputed, else 0
        bool unexecuted; // the disputed state's onchainNonce is onchainNonce + 1
        bytes32 digest; // EIP-712 digest of the state of record; 0 once settled
    }

    /// @notice A user's channel as the views report it.
    struct Channel {
        uint256 totalWei;
        uint256 totalToken;
        uint256[2] weiBalances;
        uint256[2] tokenBalances;
        uint256 lockedWei; // locked by both sides together
        uint256 lockedToken;
        uint256 nonce;
        uint256 onchainNonce;
        bytes32 digest;
        Status status;
        uint256 deadline;
        uint256 disputeOnchainNonce;
    }

    /// @notice What a settlement left locked, until its locks are resolved.
    struct LockPool {
        bytes32 digest; // the settled state's EIP-712 digest
        uint128 heldWei; // what the pool still holds
        uint128 heldToken;
    }

    /// @notice Side of the actor in events: hub, user or a third party (a watchtower).
    uint8 public constant SIDE_HUB = 0;
    uint8 public constant SIDE_USER = 1;
    uint8 public constant SIDE_OTHER = 2;

    /// @notice Assets of owed payouts.
    uint8 public constant ASSET_WEI = 0;
    uint8 public constant ASSET_TOKEN = 1;

    /// @notice How far above the channel's nonce a state's nonce may be. Honest parties
    /// count up by one, so no channel gets near it; it stops a co-signed 2^256-1 from
    /// leaving no nonce for any later state.
    uint256 public constant MAX_NONCE_STEP = 2 ** 64;

    // ---------------------------------------------------------------- EIP-712

    bytes32 public constant STATE_TYPEHASH = keccak256(
        "State(address user,address recipient,uint256[2] weiBalances,uint256[2] tokenBalances,uint256[4] pendingWei,uint256[4] pendingToken,uint256 nonce,uint256 onchainNonce,bytes32 locksRoot,uint256[2] lockedWei,uint256[2] lockedToken,uint256 timeout)"
    );
    bytes32 public constant OWED_WITHDRAWAL_TYPEHASH = keccak256(
        "OwedWithdrawal(address owner,uint8 asset,address to,uint256 amount,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string public constant NAME = "Vigil ChannelManager";
    string public constant VERSION = "3";

    // secp256k1n / 2: signatures with a higher s are malleable copies.
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    // ---------------------------------------------------------------- storage

    address public immutable hub;
    uint256 public immutable challengePeriod;
    IERC20 public immutable approvedToken;

    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    /// @notice Wei and token units that belong to channels (balances, locks, lock pools).
    uint256 public totalChannelWei;
    uint256 public totalChannelToken;
    /// @notice Payouts that could not be delivered and wait to be withdrawn by their owner.
    uint256 public totalOwedWei;
    uint256 public totalOwedToken;

    mapping(address => Record) private channels;
    mapping(address => mapping(uint256 => LockPool)) private lockPools; // user => settled nonce
    mapping(address => mapping(uint256 => mapping(uint256 => uint256))) private resolvedBits; // user => nonce => word
    mapping(bytes32 => uint256) public secretRegisteredAt; // hashlock => block time
    mapping(address => uint256) public owedWei;
    mapping(address => uint256) public owedToken;
    /// @notice The nonce an owner's next signed OwedWithdrawal must carry. Each signed
    /// withdrawal and each of the owner's own withdrawals moves it on.
    mapping(address => uint256) public owedWithdrawalNonce;

    uint256 private locked = 1;

    // ---------------------------------------------------------------- events

    event HubReserveFunded(address indexed from, uint256 weiAmount);
    event HubReserveWithdrawn(address indexed to, uint256 weiAmount, uint256 tokenAmount);
    event ChannelUpdated(
        address indexed user,
        uint8 side,
        uint256 nonce,
        uint256 onchainNonce,
        bytes32 digest,
        uint256[2] weiBalances,
        uint256[2] tokenBalances,
        uint256[4] pendingWei,
        uint256[4] pendingToken
    );
    event ExitStarted(
        address indexed user,
        address indexed sender,
        uint8 side,
        uint256 nonce,
        uint256 onchainNonce,
        uint256 deadline,
        bytes32 digest
    );
    event Challenged(
        address indexed user,
        address indexed sender,
        uint8 side,
        uint256 nonce,
        uint256 onchainNonce,
        uint256 deadline,
        bytes32 digest
    );
    event Settled(
        address indexed user,
        address indexed sender,
        uint256 nonce,
        uint256 onchainNonce,
        bytes32 digest,
        uint256[2] weiBalances,
        uint256[2] tokenBalances,
        uint256 lockedWei,
        uint256 lockedToken
    );
    event SecretRegistered(bytes32 indexed hashlock, bytes32 secret, uint256 timestamp);
    event LockResolved(
        address indexed user,
        uint256 indexed settledNonce,
        uint256 index,
        bytes32 leaf,
        bool toReceiver,
        uint256 amountWei,
        uint256 amountToken
    );
    event LockPoolClosed(
        address indexed user, uint256 indexed settledNonce, uint256[2] returnedWei, uint256[2] returnedToken
    );
    event PayoutDeferred(address indexed to, uint256 weiAmount, uint256 tokenAmount);
    event OwedWithdrawn(address indexed owner, address indexed to, uint256 weiAmount, uint256 tokenAmount);

    // ---------------------------------------------------------------- errors

    error ZeroAddress();
    error ZeroChallengePeriod();
    error ChallengePeriodTooLong(uint256 period);
    error NotHub(address caller);
    error NotParty(address caller, address user);
    error NotUser(address caller, address user);
    error Reentrancy();
    error ChannelDisputed(address user);
    error ChannelNotDisputed(address user);
    error ChannelNotOpened(address user);
    error InvalidSignature(address expected, address recovered);
    error MalformedSignature();
    error StaleNonce(uint256 nonce, uint256 onchain);
    error NonceTooFar(uint256 nonce, uint256 onchain);
    error WrongOnchainNonce(uint256 got, uint256 expected);
    error OnchainNonceTooLow(uint256 got, uint256 onchain);
    error OnchainNonceTooHigh(uint256 got, uint256 highest);
    error StateTimedOut(uint256 timeout, uint256 now_);
    error NonZeroTimeout(uint256 timeout);
    error MissingTimeout();
    error BalanceMismatch(uint256 stateTotal, uint256 channelTotal);
    error AmountTooLarge(uint256 total);
    error InsufficientReserve(uint256 needed, uint256 available);
    error WrongDepositValue(uint256 sent, uint256 expected);
    error UserDepositNotAllowed();
    error DeadlinePassed(uint256 deadline, uint256 now_);
    error DeadlineNotReached(uint256 deadline, uint256 now_);
    error NoLockPool(address user, uint256 settledNonce);
    error WrongSettledState(bytes32 digest, bytes32 settled);
    error WrongLockSet(bytes32 root, bytes32 locksRoot);
    error InvalidLockIndex(uint256 index, uint256 position);
    error InvalidLockSender(uint8 sender);
    error NothingToResolve(address user, uint256 settledNonce);
    error TransferFailed(address to, uint256 amount);
    error TokenTransferFailed(address from, address to, uint256 amount);
    error TokenAmountMismatch(uint256 received, uint256 expected);
    error InvalidAsset(uint8 asset);
    error NothingOwed(address owner, uint8 asset);
    error ZeroAmount();
    error OwedWithdrawalExpired(uint256 deadline, uint256 now_);
    error OwedLessThanSigned(address owner, uint8 asset, uint256 owed, uint256 amount);

    // ---------------------------------------------------------------- modifiers

    modifier nonReentrant() {
        if (locked != 1) revert Reentrancy();
        locked = 2;
        _;
        locked = 1;
    }

    modifier onlyHub() {
        if (msg.sender != hub) revert NotHub(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- constructor

    constructor(address hub_, uint256 challengePeriod_, address token_) {
        if (hub_ == address(0) || token_ == address(0)) revert ZeroAddress();
        if (challengePeriod_ == 0) revert ZeroChallengePeriod();
        if (challengePeriod_ > type(uint32).max) revert ChallengePeriodTooLong(challengePeriod_);
        hub = hub_;
        challengePeriod = challengePeriod_;
        approvedToken = IERC20(token_);
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
    }

    /// @notice Plain ETH transfers fund the hub's reserve.
    receive() external payable {
        emit HubReserveFunded(msg.sender, msg.value);
    }

    // ---------------------------------------------------------------- hub reserve

    /// @notice Wei held by the contract beyond what channels and deferred payouts hold.
    function hubReserveWei() public view returns (uint256) {
        return address(this).balance - totalChannelWei - totalOwedWei;
    }

    /// @notice Token units held by the contract beyond what channels and deferred payouts hold.
    function hubReserveTokens() public view returns (uint256) {
        return approvedToken.balanceOf(address(this)) - totalChannelToken - totalOwedToken;
    }

    /// @notice The hub takes part of its reserve back.
    function hubContractWithdraw(uint256 weiAmount, uint256 tokenAmount) external nonReentrant onlyHub {
        uint256 reserveWei = hubReserveWei();
        if (weiAmount > reserveWei) revert InsufficientReserve(weiAmount, reserveWei);
        uint256 reserveToken = hubReserveTokens();
        if (tokenAmount > reserveToken) revert InsufficientReserve(tokenAmount, reserveToken);
        emit HubReserveWithdrawn(hub, weiAmount, tokenAmount);
        _sendWeiOrRevert(hub, weiAmount);
        _sendTokenOrRevert(hub, tokenAmount);
    }

    // ---------------------------------------------------------------- authorized updates

    /// @notice The hub executes a state's pending operations, authorized by the user's signature.
    function hubAuthorizedUpdate(State calldata s, bytes calldata sigUser) external nonReentrant onlyHub {
        if (s.pendingWei[2] != 0 || s.pendingToken[2] != 0) revert UserDepositNotAllowed();
        bytes32 digest = stateDigest(s);
        _requireSigner(digest, sigUser, s.user);
        _executeUpdate(s, digest, SIDE_HUB);
    }

    /// @notice The user executes a state's pending operations, authorized by the hub's signature.
    /// @dev The user pays its pending wei deposit as msg.value; its token deposit is pulled.
    function userAuthorizedUpdate(State calldata s, bytes calldata sigHub) external payable nonReentrant {
        if (msg.sender != s.user) revert NotUser(msg.sender, s.user);
        if (msg.value != s.pendingWei[2]) revert WrongDepositValue(msg.value, s.pendingWei[2]);
        bytes32 digest = stateDigest(s);
        _requireSigner(digest, sigHub, hub);
        if (s.pendingToken[2] > 0) _pullToken(msg.sender, s.pendingToken[2]);
        _executeUpdate(s, digest, SIDE_USER);
    }

    function _executeUpdate(State calldata s, bytes32 digest, uint8 side) private {
        Record storage c = channels[s.user];
        if (c.deadline != 0) revert ChannelDisputed(s.user);
        // A state that moves funds on-chain is an offer with an end: without one it could be
        // executed at any later time.
        if (s.timeout == 0 && _hasPending(s)) revert MissingTimeout();
        if (s.timeout != 0 && block.timestamp > s.timeout) revert StateTimedOut(s.timeout, block.timestamp);
        _checkNonce(c, s.nonce);
        if (s.onchainNonce != uint256(c.onchainNonce) + 1 || s.onchainNonce > type(uint64).max) {
            revert WrongOnchainNonce(s.onchainNonce, uint256(c.onchainNonce) + 1);
        }

        // Before execution the channel holds the state's balances, its locks and its withdrawals.
        uint256 keptWei = s.weiBalances[0] + s.weiBalances[1] + s.lockedWei[0] + s.lockedWei[1];
        uint256 keptToken = s.tokenBalances[0] + s.tokenBalances[1] + s.lockedToken[0] + s.lockedToken[1];
        if (keptWei + s.pendingWei[1] + s.pendingWei[3] != c.totalWei) {
            revert BalanceMismatch(keptWei + s.pendingWei[1] + s.pendingWei[3], c.totalWei);
        }
        if (keptToken + s.pendingToken[1] + s.pendingToken[3] != c.totalToken) {
            revert BalanceMismatch(keptToken + s.pendingToken[1] + s.pendingToken[3], c.totalToken);
        }

        // Hub deposits come out of the reserve (the user's deposit, if any, is already in).
        uint256 reserveWei = address(this).balance - s.pendingWei[2] - totalChannelWei - totalOwedWei;
        if (s.pendingWei[0] > reserveWei) revert InsufficientReserve(s.pendingWei[0], reserveWei);
        uint256 reserveToken =
            approvedToken.balanceOf(address(this)) - s.pendingToken[2] - totalChannelToken - totalOwedToken;
        if (s.pendingToken[0] > reserveToken) revert InsufficientReserve(s.pendingToken[0], reserveToken);

        uint256 newWei = keptWei + s.pendingWei[0] + s.pendingWei[2];
        uint256 newToken = keptToken + s.pendingToken[0] + s.pendingToken[2];
        if (newWei > type(uint128).max) revert AmountTooLarge(newWei);
        if (newToken > type(uint128).max) revert AmountTooLarge(newToken);
        // Every part of a total below 2^128 fits in 128 bits.
        c.totalWei = uint128(newWei);
        c.totalToken = uint128(newToken);
        c.hubWei = uint128(s.weiBalances[0] + s.pendingWei[0]);
        c.userWei = uint128(s.weiBalances[1] + s.pendingWei[2]);
        c.hubToken = uint128(s.tokenBalances[0] + s.pendingToken[0]);
        c.userToken = uint128(s.tokenBalances[1] + s.pendingToken[2]);
        c.nonce = uint120(s.nonce);
        c.onchainNonce = uint64(s.onchainNonce);
        c.digest = digest;

        // Deposits enter the channels' total; withdrawals leave it (the hub's to its reserve).
        totalChannelWei = totalChannelWei + s.pendingWei[0] + s.pendingWei[2] - s.pendingWei[1] - s.pendingWei[3];
        totalChannelToken =
            totalChannelToken + s.pendingToken[0] + s.pendingToken[2] - s.pendingToken[1] - s.pendingToken[3];

        emit ChannelUpdated(
            s.user, side, s.nonce, s.onchainNonce, digest, s.weiBalances, s.tokenBalances, s.pendingWei, s.pendingToken
        );

        // The user's withdrawal goes to this state's recipient; what it refuses is owed to the user.
        _payOut(s.user, s.recipient == address(0) ? s.user : s.recipient, s.pendingWei[3], s.pendingToken[3]);
    }

    // ---------------------------------------------------------------- disputes

    /// @notice A party closes the channel with the last state executed on-chain.
    function startExit(address user) external {
        Record storage c = _openChannel(user);
        uint8 side = _partySide(user);
        uint256 deadline = block.timestamp + challengePeriod;
        c.deadline = uint64(deadline);
        emit ExitStarted(user, msg.sender, side, c.nonce, c.onchainNonce, deadline, c.digest);
    }

    /// @notice A party closes the channel with a co-signed final state.
    function startExitWithUpdate(State calldata s, bytes calldata sigHub, bytes calldata sigUser) external {
        Record storage c = _openChannel(s.user);
        uint8 side = _partySide(s.user);
        uint256 deadline = block.timestamp + challengePeriod;
        bytes32 digest = _acceptDisputeState(c, s, sigHub, sigUser, deadline);
        emit ExitStarted(s.user, msg.sender, side, s.nonce, s.onchainNonce, deadline, digest);
    }

    /// @notice Anyone answers an open dispute with a newer co-signed final state.
    function challenge(State calldata s, bytes calldata sigHub, bytes calldata sigUser) external {
        Record storage c = channels[s.user];
        uint256 deadline = c.deadline;
        if (deadline == 0) revert ChannelNotDisputed(s.user);
        if (block.timestamp >= deadline) revert DeadlinePassed(deadline, block.timestamp);
        bytes32 digest = _acceptDisputeState(c, s, sigHub, sigUser, deadline);
        emit Challenged(s.user, msg.sender, _sideOf(s.user), s.nonce, s.onchainNonce, deadline, digest);
    }

    /// @notice Anyone pays out a dispute after its deadline and reopens the channel.
    /// @dev The user's balances go to the user, the hub's back to the reserve; locked
    /// amounts stay for resolveLocks. Nonces are kept so no old state can be replayed.
    function settle(address user) external nonReentrant {
        Record storage c = channels[user];
        uint256 deadline = c.deadline;
        if (deadline == 0) revert ChannelNotDisputed(user);
        if (block.timestamp < deadline) revert DeadlineNotReached(deadline, block.timestamp);

        uint256 nonce = c.nonce;
        uint256 onchainNonce = uint256(c.onchainNonce) + (c.unexecuted ? 1 : 0);
        bytes32 digest = c.digest;
        uint256[2] memory wei_ = [uint256(c.hubWei), uint256(c.userWei)];
        uint256[2] memory tok = [uint256(c.hubToken), uint256(c.userToken)];
        uint256 lockedWei = c.totalWei - wei_[0] - wei_[1];
        uint256 lockedToken = c.totalToken - tok[0] - tok[1];

        if (lockedWei != 0 || lockedToken != 0) {
            lockPools[user][nonce] =
                LockPool({digest: digest, heldWei: uint128(lockedWei), heldToken: uint128(lockedToken)});
        }
        // Locked amounts stay in totalChannel* until resolved; balances leave it now.
        totalChannelWei -= wei_[0] + wei_[1];
        totalChannelToken -= tok[0] + tok[1];

        c.totalWei = 0;
        c.totalToken = 0;
        c.hubWei = 0;
        c.userWei = 0;
        c.hubToken = 0;
        c.userToken = 0;
        c.deadline = 0;
        c.unexecuted = false;
        c.digest = bytes32(0);

        emit Settled(user, msg.sender, nonce, onchainNonce, digest, wei_, tok, lockedWei, lockedToken);
        _payOut(user, user, wei_[1], tok[1]);
    }

    // ---------------------------------------------------------------- locks

    /// @notice Records when a hashlock's secret became public. The first registration counts.
    function registerSecret(bytes32 secret) external {
        _registerSecret(secret);
    }

    /// @notice Records when each of several hashlocks' secrets became public, as
    /// registerSecret does for each: the first registration counts, a secret registered
    /// already (or twice in the batch) keeps its time and emits nothing. An empty batch
    /// does nothing.
    function registerSecrets(bytes32[] calldata secrets) external {
        for (uint256 i = 0; i < secrets.length; i++) {
            _registerSecret(secrets[i]);
        }
    }

    function _registerSecret(bytes32 secret) private {
        bytes32 hashlock = keccak256(abi.encodePacked(secret));
        if (secretRegisteredAt[hashlock] == 0) {
            secretRegisteredAt[hashlock] = block.timestamp;
            emit SecretRegistered(hashlock, secret, block.timestamp);
        }
    }

    /// @notice Resolves the locks of a settled state whose outcome is decided: a lock whose
    /// secret was registered at or before its expiry pays its receiver, one that expired
    /// without pays its sender back. The caller gives the settled state and its whole lock
    /// list, in order. Each lock is paid once, whatever the order of calls; once none is left
    /// undecided, what no lock can claim goes back to its sender and the pool closes.
    /// @dev A side whose locks sum to more than it locked cannot pay them all: its locks are
    /// void and its whole locked amount goes back to it.
    function resolveLocks(State calldata s, Lock[] calldata locks) external nonReentrant {
        address user = s.user;
        uint256 nonce = s.nonce;
        LockPool storage pool = lockPools[user][nonce];
        if (pool.digest == bytes32(0)) revert NoLockPool(user, nonce);
        bytes32 digest = stateDigest(s);
        if (digest != pool.digest) revert WrongSettledState(digest, pool.digest);
        bytes32 root = locksRootOf(locks);
        if (root != s.locksRoot) revert WrongLockSet(root, s.locksRoot);

        (uint256[2] memory sumWei, uint256[2] memory sumToken) = _lockSums(locks);
        bool[2] memory void_ = [
            sumWei[0] > s.lockedWei[0] || sumToken[0] > s.lockedToken[0],
            sumWei[1] > s.lockedWei[1] || sumToken[1] > s.lockedToken[1]
        ];

        uint256[2] memory outWei; // by the side paid
        uint256[2] memory outToken;
        bool undecided;
        bool resolved;
        mapping(uint256 => uint256) storage bits = resolvedBits[user][nonce];
        for (uint256 i = 0; i < locks.length; i++) {
            Lock calldata l = locks[i];
            if (void_[l.sender] || bits[i >> 8] & (1 << (i & 255)) != 0) continue;
            uint256 registered = secretRegisteredAt[l.hashlock];
            bool toReceiver = registered != 0 && registered <= l.expiry;
            if (!toReceiver && block.timestamp <= l.expiry) {
                undecided = true;
                continue;
            }
            bits[i >> 8] |= 1 << (i & 255);
            resolved = true;
            uint256 paid = toReceiver ? 1 - l.sender : l.sender;
            outWei[paid] += l.amountWei;
            outToken[paid] += l.amountToken;
            emit LockResolved(user, nonce, i, lockLeaf(l), toReceiver, l.amountWei, l.amountToken);
        }
        if (!undecided) {
            // No lock can claim anything more: the rest goes back to its sender.
            uint256[2] memory backWei;
            uint256[2] memory backToken;
            for (uint256 side = 0; side < 2; side++) {
                backWei[side] = void_[side] ? s.lockedWei[side] : s.lockedWei[side] - sumWei[side];
                backToken[side] = void_[side] ? s.lockedToken[side] : s.lockedToken[side] - sumToken[side];
                outWei[side] += backWei[side];
                outToken[side] += backToken[side];
            }
            emit LockPoolClosed(user, nonce, backWei, backToken);
        } else if (!resolved) {
            revert NothingToResolve(user, nonce);
        }

        uint256 totalWei = outWei[0] + outWei[1];
        uint256 totalToken = outToken[0] + outToken[1];
        pool.heldWei = uint128(uint256(pool.heldWei) - totalWei);
        pool.heldToken = uint128(uint256(pool.heldToken) - totalToken);
        if (!undecided) delete lockPools[user][nonce];
        // What pays the hub simply stays in the contract as reserve.
        totalChannelWei -= totalWei;
        totalChannelToken -= totalToken;
        _payOut(user, user, outWei[SIDE_USER], outToken[SIDE_USER]);
    }

    /// @notice The leaf of a lock in a state's locks Merkle tree.
    function lockLeaf(Lock calldata lock) public pure returns (bytes32) {
        return keccak256(
            abi.encode(lock.index, lock.sender, lock.amountWei, lock.amountToken, lock.hashlock, lock.expiry)
        );
    }

    /// @notice The locks root of a lock list: the Merkle root over its leaves, pairs hashed
    /// in sorted order, an odd node carried up unchanged; zero for no locks. Lock i must
    /// carry index i.
    function locksRootOf(Lock[] calldata locks) public pure returns (bytes32) {
        uint256 n = locks.length;
        if (n == 0) return bytes32(0);
        bytes32[] memory level = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            if (locks[i].index != i) revert InvalidLockIndex(locks[i].index, i);
            if (locks[i].sender > 1) revert InvalidLockSender(locks[i].sender);
            level[i] = lockLeaf(locks[i]);
        }
        while (n > 1) {
            uint256 m = 0;
            for (uint256 i = 0; i < n; i += 2) {
                level[m++] = i + 1 == n ? level[i] : _hashPair(level[i], level[i + 1]);
            }
            n = m;
        }
        return level[0];
    }

    /// @notice Whether lock index of the state settled at settledNonce has been resolved.
    function lockResolved(address user, uint256 settledNonce, uint256 index) external view returns (bool) {
        return resolvedBits[user][settledNonce][index >> 8] & (1 << (index & 255)) != 0;
    }

    // ---------------------------------------------------------------- owed payouts

    /// @notice Sends the caller's owed payouts of one asset to `to` (the caller when zero).
    /// It moves the caller's owedWithdrawalNonce on, so that no OwedWithdrawal the caller
    /// signed before can be used any more.
    function withdrawOwed(uint8 asset, address to) external nonReentrant {
        owedWithdrawalNonce[msg.sender]++;
        _withdrawOwed(msg.sender, asset, to, _owed(msg.sender, asset));
    }

    /// @notice Sends `amount` of an owner's owed payouts of one asset to `to` (the owner
    /// when zero), on the owner's EIP-712 signature over OwedWithdrawal(owner, asset, to,
    /// amount, owedWithdrawalNonce[owner], deadline). Anyone may submit it, at or before
    /// `deadline` (a block timestamp); it is good once, and not after the owner's own
    /// withdrawOwed. It pays exactly the signed amount: when more is owed, the rest stays
    /// owed; when less is owed, it reverts (OwedLessThanSigned).
    function withdrawOwedFor(
        address owner,
        uint8 asset,
        address to,
        uint256 amount,
        uint256 deadline,
        bytes calldata sig
    ) external nonReentrant {
        if (block.timestamp > deadline) revert OwedWithdrawalExpired(deadline, block.timestamp);
        uint256 n = owedWithdrawalNonce[owner];
        _requireSigner(owedWithdrawalDigest(owner, asset, to, amount, n, deadline), sig, owner);
        owedWithdrawalNonce[owner] = n + 1;
        _withdrawOwed(owner, asset, to, amount);
    }

    /// @notice The EIP-712 digest an owner signs to have `amount` of its owed payouts of
    /// one asset sent to `to`, by `deadline`.
    function owedWithdrawalDigest(
        address owner,
        uint8 asset,
        address to,
        uint256 amount,
        uint256 nonce,
        uint256 deadline
    ) public view returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                hex"1901",
                domainSeparator(),
                keccak256(abi.encode(OWED_WITHDRAWAL_TYPEHASH, owner, asset, to, amount, nonce, deadline))
            )
        );
    }

    function _owed(address owner, uint8 asset) private view returns (uint256) {
        if (asset == ASSET_WEI) return owedWei[owner];
        if (asset == ASSET_TOKEN) return owedToken[owner];
        revert InvalidAsset(asset);
    }

    /// @dev Sends amount (at most what is owed, and not zero) of owner's owed asset to `to`.
    function _withdrawOwed(address owner, uint8 asset, address to, uint256 amount) private {
        if (to == address(0)) to = owner;
        uint256 owed = _owed(owner, asset);
        if (owed == 0) revert NothingOwed(owner, asset);
        if (amount == 0) revert ZeroAmount();
        if (amount > owed) revert OwedLessThanSigned(owner, asset, owed, amount);
        if (asset == ASSET_WEI) {
            owedWei[owner] = owed - amount;
            totalOwedWei -= amount;
            emit OwedWithdrawn(owner, to, amount, 0);
            _sendWeiOrRevert(to, amount);
        } else {
            owedToken[owner] = owed - amount;
            totalOwedToken -= amount;
            emit OwedWithdrawn(owner, to, 0, amount);
            _sendTokenOrRevert(to, amount);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice The on-chain record of a user's channel.
    function getChannel(address user) external view returns (Channel memory ch) {
        Record storage c = channels[user];
        ch.totalWei = c.totalWei;
        ch.totalToken = c.totalToken;
        ch.weiBalances = [uint256(c.hubWei), uint256(c.userWei)];
        ch.tokenBalances = [uint256(c.hubToken), uint256(c.userToken)];
        ch.lockedWei = ch.totalWei - ch.weiBalances[0] - ch.weiBalances[1];
        ch.lockedToken = ch.totalToken - ch.tokenBalances[0] - ch.tokenBalances[1];
        ch.nonce = c.nonce;
        ch.onchainNonce = c.onchainNonce;
        ch.digest = c.digest;
        ch.deadline = c.deadline;
        ch.status = c.deadline != 0 ? Status.Disputed : Status.Open;
        ch.disputeOnchainNonce = ch.onchainNonce + (c.unexecuted ? 1 : 0);
    }

    /// @notice Whether a user's channel is disputed, and the dispute's deadline (0 if not).
    function disputeStatus(address user) external view returns (bool disputed, uint256 deadline, uint256 nonce) {
        Record storage c = channels[user];
        return (c.deadline != 0, c.deadline, c.nonce);
    }

    /// @notice The end of the challenge window of a user's open dispute, 0 if none.
    function disputeDeadline(address user) external view returns (uint256) {
        return channels[user].deadline;
    }

    /// @notice What is left to resolve of a settlement's locks; a zero digest when none.
    function getLockPool(address user, uint256 settledNonce) external view returns (LockPool memory) {
        return lockPools[user][settledNonce];
    }

    /// @notice The EIP-712 domain separator for this deployment and chain.
    function domainSeparator() public view returns (bytes32) {
        if (block.chainid == cachedChainId) return cachedDomainSeparator;
        return _buildDomainSeparator();
    }

    /// @notice The EIP-712 digest a party signs for a state.
    function stateDigest(State calldata s) public view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), _hashState(s)));
    }

    // ---------------------------------------------------------------- internals

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(NAME)), keccak256(bytes(VERSION)), block.chainid, address(this))
        );
    }

    function _hashState(State calldata s) private pure returns (bytes32) {
        // abi.encode is split in two to stay within the stack limit.
        bytes memory head = abi.encode(
            STATE_TYPEHASH,
            s.user,
            s.recipient,
            keccak256(abi.encodePacked(s.weiBalances)),
            keccak256(abi.encodePacked(s.tokenBalances)),
            keccak256(abi.encodePacked(s.pendingWei)),
            keccak256(abi.encodePacked(s.pendingToken))
        );
        bytes memory tail = abi.encode(
            s.nonce,
            s.onchainNonce,
            s.locksRoot,
            keccak256(abi.encodePacked(s.lockedWei)),
            keccak256(abi.encodePacked(s.lockedToken)),
            s.timeout
        );
        return keccak256(bytes.concat(head, tail));
    }

    /// @dev Checks a final state against the channel and makes it the disputed state, with
    /// the dispute's deadline. Only what settle pays is stored, with the state's digest and
    /// nonces; events carry the rest.
    function _acceptDisputeState(
        Record storage c,
        State calldata s,
        bytes calldata sigHub,
        bytes calldata sigUser,
        uint256 deadline
    ) private returns (bytes32 digest) {
        if (s.timeout != 0) revert NonZeroTimeout(s.timeout);
        _checkNonce(c, s.nonce);
        uint256 onchain = c.onchainNonce;
        if (s.onchainNonce < onchain) revert OnchainNonceTooLow(s.onchainNonce, onchain);
        if (s.onchainNonce > onchain + 1) revert OnchainNonceTooHigh(s.onchainNonce, onchain + 1);
        digest = stateDigest(s);
        _requireSigner(digest, sigHub, hub);
        _requireSigner(digest, sigUser, s.user);

        // Executed: its deposits are in the channel. Not executed: its withdrawals never left.
        bool executed = s.onchainNonce == onchain;
        uint256 hubWei = s.weiBalances[0] + (executed ? s.pendingWei[0] : s.pendingWei[1]);
        uint256 userWei = s.weiBalances[1] + (executed ? s.pendingWei[2] : s.pendingWei[3]);
        uint256 hubToken = s.tokenBalances[0] + (executed ? s.pendingToken[0] : s.pendingToken[1]);
        uint256 userToken = s.tokenBalances[1] + (executed ? s.pendingToken[2] : s.pendingToken[3]);
        uint256 wantWei = hubWei + userWei + s.lockedWei[0] + s.lockedWei[1];
        if (wantWei != c.totalWei) revert BalanceMismatch(wantWei, c.totalWei);
        uint256 wantToken = hubToken + userToken + s.lockedToken[0] + s.lockedToken[1];
        if (wantToken != c.totalToken) revert BalanceMismatch(wantToken, c.totalToken);

        // Parts of a total below 2^128 fit in 128 bits.
        c.hubWei = uint128(hubWei);
        c.userWei = uint128(userWei);
        c.hubToken = uint128(hubToken);
        c.userToken = uint128(userToken);
        c.nonce = uint120(s.nonce);
        c.deadline = uint64(deadline);
        c.unexecuted = !executed;
        c.digest = digest;
    }

    /// @dev A state's nonce must be above the channel's, by at most MAX_NONCE_STEP.
    function _checkNonce(Record storage c, uint256 nonce) private view {
        uint256 current = c.nonce;
        if (nonce <= current) revert StaleNonce(nonce, current);
        if (nonce - current > MAX_NONCE_STEP || nonce > type(uint120).max) revert NonceTooFar(nonce, current);
    }

    function _hasPending(State calldata s) private pure returns (bool) {
        for (uint256 i = 0; i < 4; i++) {
            if (s.pendingWei[i] != 0 || s.pendingToken[i] != 0) return true;
        }
        return false;
    }

    function _openChannel(address user) private view returns (Record storage c) {
        c = channels[user];
        if (c.onchainNonce == 0) revert ChannelNotOpened(user);
        if (c.deadline != 0) revert ChannelDisputed(user);
    }

    function _partySide(address user) private view returns (uint8) {
        if (msg.sender == hub) return SIDE_HUB;
        if (msg.sender == user) return SIDE_USER;
        revert NotParty(msg.sender, user);
    }

    function _sideOf(address user) private view returns (uint8) {
        if (msg.sender == hub) return SIDE_HUB;
        if (msg.sender == user) return SIDE_USER;
        return SIDE_OTHER;
    }

    function _requireSigner(bytes32 digest, bytes calldata sig, address expected) private pure {
        if (sig.length != 65) revert MalformedSignature();
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if ((v != 27 && v != 28) || uint256(s) > HALF_N) revert MalformedSignature();
        address got = ecrecover(digest, v, r, s);
        if (got == address(0) || got != expected) revert InvalidSignature(expected, got);
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev Sums of the locks' amounts by sender side, saturating at 2^256-1 (a sum that
    /// large exceeds any locked amount, which is all that is asked of it).
    function _lockSums(Lock[] calldata locks)
        private
        pure
        returns (uint256[2] memory sumWei, uint256[2] memory sumToken)
    {
        for (uint256 i = 0; i < locks.length; i++) {
            uint8 side = locks[i].sender;
            sumWei[side] = _addSaturating(sumWei[side], locks[i].amountWei);
            sumToken[side] = _addSaturating(sumToken[side], locks[i].amountToken);
        }
    }

    function _addSaturating(uint256 a, uint256 b) private pure returns (uint256) {
        unchecked {
            uint256 c = a + b;
            return c < a ? type(uint256).max : c;
        }
    }

    function _pullToken(address from, uint256 amount) private {
        uint256 before = approvedToken.balanceOf(address(this));
        if (!_callToken(abi.encodeCall(IERC20.transferFrom, (from, address(this), amount)))) {
            revert TokenTransferFailed(from, address(this), amount);
        }
        uint256 received = approvedToken.balanceOf(address(this)) - before;
        if (received != amount) revert TokenAmountMismatch(received, amount);
    }

    /// @dev Sends ether with all gas, for payouts the receiver asked for itself.
    function _sendWeiOrRevert(address to, uint256 amount) private {
        if (amount == 0) return;
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert TransferFailed(to, amount);
    }

    function _sendTokenOrRevert(address to, uint256 amount) private {
        if (amount == 0) return;
        if (!_callToken(abi.encodeCall(IERC20.transfer, (to, amount)))) {
            revert TokenTransferFailed(address(this), to, amount);
        }
    }

    /// @dev Calls the token; true if it succeeded and returned nothing or true. At most one
    /// word of return data is copied, however much the callee returns.
    function _callToken(bytes memory data) private returns (bool ok) {
        address token = address(approvedToken);
        assembly ("memory-safe") {
            mstore(0, 0)
            ok := call(gas(), token, 0, add(data, 0x20), mload(data), 0, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0), 1)) }
            }
        }
    }

    /// @dev Pays a user's share without letting the receiver block or inflate the call:
    /// ether with the 2,300 gas stipend of a value call (no gas forwarded, no return data
    /// copied), tokens through the approved token. What cannot be delivered is owed to the
    /// user, who withdraws it with withdrawOwed or withdrawOwedFor.
    function _payOut(address owner, address to, uint256 weiAmount, uint256 tokenAmount) private {
        uint256 deferredWei;
        uint256 deferredToken;
        if (weiAmount > 0) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(0, to, weiAmount, 0, 0, 0, 0)
            }
            if (!ok) deferredWei = weiAmount;
        }
        if (tokenAmount > 0 && !_callToken(abi.encodeCall(IERC20.transfer, (to, tokenAmount)))) {
            deferredToken = tokenAmount;
        }
        if (deferredWei != 0 || deferredToken != 0) {
            owedWei[owner] += deferredWei;
            owedToken[owner] += deferredToken;
            totalOwedWei += deferredWei;
            totalOwedToken += deferredToken;
            emit PayoutDeferred(owner, deferredWei, deferredToken);
        }
    }
}
