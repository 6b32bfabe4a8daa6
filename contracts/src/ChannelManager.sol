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
contract ChannelManager {
    // ---------------------------------------------------------------- types

    /// @notice A channel state co-signed off-chain by the hub and the user (EIP-712).
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
    /// @dev sender is 0 for the hub and 1 for the user; the receiver is the other side.
    struct Lock {
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

    /// @notice The on-chain record of one user's channel.
    struct Channel {
        uint256[2] weiBalances;
        uint256[2] tokenBalances;
        uint256[2] lockedWei;
        uint256[2] lockedToken;
        bytes32 locksRoot;
        address recipient;
        uint256 nonce; // nonce of the latest state stored on-chain; never decreases
        uint256 onchainNonce; // number of states executed on-chain; never decreases
        bytes32 digest; // EIP-712 digest of the latest state stored on-chain
        Status status;
        uint256 deadline; // end of the challenge window while disputed, else 0
        uint256 disputeOnchainNonce; // onchainNonce of the disputed state
    }

    /// @notice What a settlement left behind for resolving its locks.
    struct LockPool {
        bytes32 locksRoot;
        uint256[2] remainingWei; // by sender side
        uint256[2] remainingToken; // by sender side
        address recipient;
        bool exists;
    }

    /// @notice Side of the actor in events: hub, user or a third party (a watchtower).
    uint8 public constant SIDE_HUB = 0;
    uint8 public constant SIDE_USER = 1;
    uint8 public constant SIDE_OTHER = 2;

    // ---------------------------------------------------------------- EIP-712

    bytes32 public constant STATE_TYPEHASH = keccak256(
        "State(address user,address recipient,uint256[2] weiBalances,uint256[2] tokenBalances,uint256[4] pendingWei,uint256[4] pendingToken,uint256 nonce,uint256 onchainNonce,bytes32 locksRoot,uint256[2] lockedWei,uint256[2] lockedToken,uint256 timeout)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string public constant NAME = "Vigil ChannelManager";
    string public constant VERSION = "1";

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

    mapping(address => Channel) private channels;
    mapping(address => mapping(uint256 => LockPool)) private lockPools; // user => settled nonce
    mapping(address => mapping(uint256 => mapping(bytes32 => bool))) public lockResolved;
    mapping(bytes32 => uint256) public secretRegisteredAt; // hashlock => block time
    mapping(address => uint256) public owedWei;
    mapping(address => uint256) public owedToken;

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
        uint256[2] lockedWei,
        uint256[2] lockedToken
    );
    event SecretRegistered(bytes32 indexed hashlock, bytes32 secret, uint256 timestamp);
    event LockResolved(
        address indexed user,
        uint256 indexed settledNonce,
        bytes32 leaf,
        bool toReceiver,
        uint256 amountWei,
        uint256 amountToken
    );
    event PayoutDeferred(address indexed to, uint256 weiAmount, uint256 tokenAmount);
    event OwedWithdrawn(address indexed to, uint256 weiAmount, uint256 tokenAmount);

    // ---------------------------------------------------------------- errors

    error ZeroAddress();
    error ZeroChallengePeriod();
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
    error WrongOnchainNonce(uint256 got, uint256 expected);
    error OnchainNonceTooLow(uint256 got, uint256 onchain);
    error StateTimedOut(uint256 timeout, uint256 now_);
    error NonZeroTimeout(uint256 timeout);
    error BalanceMismatch(uint256 stateTotal, uint256 channelTotal);
    error InsufficientReserve(uint256 needed, uint256 available);
    error WrongDepositValue(uint256 sent, uint256 expected);
    error UserDepositNotAllowed();
    error DeadlinePassed(uint256 deadline, uint256 now_);
    error DeadlineNotReached(uint256 deadline, uint256 now_);
    error NoLockPool(address user, uint256 settledNonce);
    error InvalidLockProof(bytes32 leaf);
    error InvalidLockSender(uint8 sender);
    error LockAlreadyResolved(bytes32 leaf);
    error LockNotExpired(uint256 expiry, uint256 now_);
    error LockExceedsPool(uint256 amount, uint256 remaining);
    error TransferFailed(address to, uint256 amount);
    error TokenTransferFailed(address from, address to, uint256 amount);
    error TokenAmountMismatch(uint256 received, uint256 expected);
    error NothingOwed(address owner);

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
        Channel storage c = channels[s.user];
        if (c.status != Status.Open) revert ChannelDisputed(s.user);
        if (s.timeout != 0 && block.timestamp > s.timeout) revert StateTimedOut(s.timeout, block.timestamp);
        if (s.nonce <= c.nonce) revert StaleNonce(s.nonce, c.nonce);
        if (s.onchainNonce != c.onchainNonce + 1) revert WrongOnchainNonce(s.onchainNonce, c.onchainNonce + 1);

        // Before execution the channel holds the state's balances, its locks and its withdrawals.
        uint256 haveWei = _channelTotal(c.weiBalances, c.lockedWei);
        uint256 wantWei = _sum2(s.weiBalances) + _sum2(s.lockedWei) + s.pendingWei[1] + s.pendingWei[3];
        if (wantWei != haveWei) revert BalanceMismatch(wantWei, haveWei);
        uint256 haveToken = _channelTotal(c.tokenBalances, c.lockedToken);
        uint256 wantToken = _sum2(s.tokenBalances) + _sum2(s.lockedToken) + s.pendingToken[1] + s.pendingToken[3];
        if (wantToken != haveToken) revert BalanceMismatch(wantToken, haveToken);

        // Hub deposits come out of the reserve (the user's deposit, if any, is already in).
        uint256 reserveWei = address(this).balance - s.pendingWei[2] - totalChannelWei - totalOwedWei;
        if (s.pendingWei[0] > reserveWei) revert InsufficientReserve(s.pendingWei[0], reserveWei);
        uint256 reserveToken =
            approvedToken.balanceOf(address(this)) - s.pendingToken[2] - totalChannelToken - totalOwedToken;
        if (s.pendingToken[0] > reserveToken) revert InsufficientReserve(s.pendingToken[0], reserveToken);

        c.weiBalances[0] = s.weiBalances[0] + s.pendingWei[0];
        c.weiBalances[1] = s.weiBalances[1] + s.pendingWei[2];
        c.tokenBalances[0] = s.tokenBalances[0] + s.pendingToken[0];
        c.tokenBalances[1] = s.tokenBalances[1] + s.pendingToken[2];
        c.lockedWei = s.lockedWei;
        c.lockedToken = s.lockedToken;
        c.locksRoot = s.locksRoot;
        c.recipient = s.recipient;
        c.nonce = s.nonce;
        c.onchainNonce = s.onchainNonce;
        c.digest = digest;

        // Deposits enter the channels' total; withdrawals leave it (the hub's to its reserve).
        totalChannelWei = totalChannelWei + s.pendingWei[0] + s.pendingWei[2] - s.pendingWei[1] - s.pendingWei[3];
        totalChannelToken =
            totalChannelToken + s.pendingToken[0] + s.pendingToken[2] - s.pendingToken[1] - s.pendingToken[3];

        emit ChannelUpdated(
            s.user, side, s.nonce, s.onchainNonce, digest, s.weiBalances, s.tokenBalances, s.pendingWei, s.pendingToken
        );

        _sendWeiOrRevert(_recipientOf(s.recipient, s.user), s.pendingWei[3]);
        _sendTokenOrRevert(_recipientOf(s.recipient, s.user), s.pendingToken[3]);
    }

    // ---------------------------------------------------------------- disputes

    /// @notice A party closes the channel with the last state executed on-chain.
    function startExit(address user) external nonReentrant {
        Channel storage c = _openChannel(user);
        uint8 side = _partySide(user);
        c.status = Status.Disputed;
        c.deadline = block.timestamp + challengePeriod;
        c.disputeOnchainNonce = c.onchainNonce;
        emit ExitStarted(user, msg.sender, side, c.nonce, c.onchainNonce, c.deadline, c.digest);
    }

    /// @notice A party closes the channel with a co-signed final state.
    function startExitWithUpdate(State calldata s, bytes calldata sigHub, bytes calldata sigUser)
        external
        nonReentrant
    {
        Channel storage c = _openChannel(s.user);
        uint8 side = _partySide(s.user);
        bytes32 digest = _acceptDisputeState(c, s, sigHub, sigUser);
        c.status = Status.Disputed;
        c.deadline = block.timestamp + challengePeriod;
        emit ExitStarted(s.user, msg.sender, side, s.nonce, s.onchainNonce, c.deadline, digest);
    }

    /// @notice Anyone answers an open dispute with a newer co-signed final state.
    function challenge(State calldata s, bytes calldata sigHub, bytes calldata sigUser) external nonReentrant {
        Channel storage c = channels[s.user];
        if (c.status != Status.Disputed) revert ChannelNotDisputed(s.user);
        if (block.timestamp >= c.deadline) revert DeadlinePassed(c.deadline, block.timestamp);
        bytes32 digest = _acceptDisputeState(c, s, sigHub, sigUser);
        emit Challenged(s.user, msg.sender, _sideOf(s.user), s.nonce, s.onchainNonce, c.deadline, digest);
    }

    /// @notice Anyone pays out a dispute after its deadline and reopens the channel.
    /// @dev The user's balances go to its recipient, the hub's back to the reserve; locked
    /// amounts stay for resolveLock. Nonces are kept so no old state can be replayed.
    function settle(address user) external nonReentrant {
        Channel storage c = channels[user];
        if (c.status != Status.Disputed) revert ChannelNotDisputed(user);
        if (block.timestamp < c.deadline) revert DeadlineNotReached(c.deadline, block.timestamp);

        uint256[2] memory wei_ = c.weiBalances;
        uint256[2] memory tok = c.tokenBalances;
        uint256[2] memory lw = c.lockedWei;
        uint256[2] memory lt = c.lockedToken;
        address to = _recipientOf(c.recipient, user);

        if (_sum2(lw) + _sum2(lt) > 0) {
            lockPools[user][c.nonce] = LockPool({
                locksRoot: c.locksRoot, remainingWei: lw, remainingToken: lt, recipient: to, exists: true
            });
        }
        // Locked amounts stay in totalChannel* until resolved; balances leave it now.
        totalChannelWei -= wei_[0] + wei_[1];
        totalChannelToken -= tok[0] + tok[1];

        delete c.weiBalances;
        delete c.tokenBalances;
        delete c.lockedWei;
        delete c.lockedToken;
        c.locksRoot = bytes32(0);
        c.status = Status.Open;
        c.deadline = 0;

        emit Settled(user, msg.sender, c.nonce, c.disputeOnchainNonce, c.digest, wei_, tok, lw, lt);
        _payOut(to, wei_[1], tok[1]);
    }

    // ---------------------------------------------------------------- locks

    /// @notice Records when a hashlock's secret became public. The first registration counts.
    function registerSecret(bytes32 secret) external {
        bytes32 hashlock = keccak256(abi.encodePacked(secret));
        if (secretRegisteredAt[hashlock] == 0) {
            secretRegisteredAt[hashlock] = block.timestamp;
            emit SecretRegistered(hashlock, secret, block.timestamp);
        }
    }

    /// @notice Pays a lock of a settled state to its receiver if its secret was registered at or
    /// before its expiry, otherwise back to its sender, once the outcome is decided.
    function resolveLock(address user, uint256 settledNonce, Lock calldata lock, bytes32[] calldata proof)
        external
        nonReentrant
    {
        LockPool storage pool = lockPools[user][settledNonce];
        if (!pool.exists) revert NoLockPool(user, settledNonce);
        if (lock.sender > 1) revert InvalidLockSender(lock.sender);
        bytes32 leaf = lockLeaf(lock);
        if (lockResolved[user][settledNonce][leaf]) revert LockAlreadyResolved(leaf);
        if (_merkleRoot(leaf, proof) != pool.locksRoot) revert InvalidLockProof(leaf);

        uint256 registered = secretRegisteredAt[lock.hashlock];
        bool toReceiver = registered != 0 && registered <= lock.expiry;
        if (!toReceiver && block.timestamp <= lock.expiry) revert LockNotExpired(lock.expiry, block.timestamp);

        uint8 s = lock.sender;
        if (lock.amountWei > pool.remainingWei[s]) revert LockExceedsPool(lock.amountWei, pool.remainingWei[s]);
        if (lock.amountToken > pool.remainingToken[s]) {
            revert LockExceedsPool(lock.amountToken, pool.remainingToken[s]);
        }
        lockResolved[user][settledNonce][leaf] = true;
        pool.remainingWei[s] -= lock.amountWei;
        pool.remainingToken[s] -= lock.amountToken;
        totalChannelWei -= lock.amountWei;
        totalChannelToken -= lock.amountToken;

        emit LockResolved(user, settledNonce, leaf, toReceiver, lock.amountWei, lock.amountToken);
        // The side that gets paid: the receiver (1 - sender) or the sender.
        uint8 paid = toReceiver ? 1 - s : s;
        if (paid == SIDE_USER) _payOut(pool.recipient, lock.amountWei, lock.amountToken);
        // A payment to the hub simply stays in the contract as reserve.
    }

    /// @notice The leaf of a lock in a state's locks Merkle tree.
    function lockLeaf(Lock calldata lock) public pure returns (bytes32) {
        return keccak256(abi.encode(lock.sender, lock.amountWei, lock.amountToken, lock.hashlock, lock.expiry));
    }

    /// @notice Withdraws payouts that could not be delivered to the caller earlier.
    function withdrawOwed() external nonReentrant {
        uint256 w = owedWei[msg.sender];
        uint256 t = owedToken[msg.sender];
        if (w == 0 && t == 0) revert NothingOwed(msg.sender);
        owedWei[msg.sender] = 0;
        owedToken[msg.sender] = 0;
        totalOwedWei -= w;
        totalOwedToken -= t;
        emit OwedWithdrawn(msg.sender, w, t);
        _sendWeiOrRevert(msg.sender, w);
        _sendTokenOrRevert(msg.sender, t);
    }

    // ---------------------------------------------------------------- views

    /// @notice The on-chain record of a user's channel.
    function getChannel(address user) external view returns (Channel memory) {
        return channels[user];
    }

    /// @notice Whether a user's channel is disputed, and the dispute's deadline (0 if not).
    function disputeStatus(address user) external view returns (bool disputed, uint256 deadline, uint256 nonce) {
        Channel storage c = channels[user];
        return (c.status == Status.Disputed, c.deadline, c.nonce);
    }

    /// @notice The end of the challenge window of a user's open dispute, 0 if none.
    function disputeDeadline(address user) external view returns (uint256) {
        return channels[user].deadline;
    }

    /// @notice What is left to resolve of a settlement's locks.
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

    function _acceptDisputeState(Channel storage c, State calldata s, bytes calldata sigHub, bytes calldata sigUser)
        private
        returns (bytes32 digest)
    {
        if (s.timeout != 0) revert NonZeroTimeout(s.timeout);
        if (s.nonce <= c.nonce) revert StaleNonce(s.nonce, c.nonce);
        if (s.onchainNonce < c.onchainNonce) revert OnchainNonceTooLow(s.onchainNonce, c.onchainNonce);
        digest = stateDigest(s);
        _requireSigner(digest, sigHub, hub);
        _requireSigner(digest, sigUser, s.user);

        // Executed: its deposits are in the channel. Not executed: its withdrawals never left.
        bool executed = s.onchainNonce == c.onchainNonce;
        uint256[2] memory w = s.weiBalances;
        uint256[2] memory t = s.tokenBalances;
        if (executed) {
            w[0] += s.pendingWei[0];
            w[1] += s.pendingWei[2];
            t[0] += s.pendingToken[0];
            t[1] += s.pendingToken[2];
        } else {
            w[0] += s.pendingWei[1];
            w[1] += s.pendingWei[3];
            t[0] += s.pendingToken[1];
            t[1] += s.pendingToken[3];
        }
        uint256 haveWei = _channelTotal(c.weiBalances, c.lockedWei);
        uint256 wantWei = _sum2(w) + _sum2(s.lockedWei);
        if (wantWei != haveWei) revert BalanceMismatch(wantWei, haveWei);
        uint256 haveToken = _channelTotal(c.tokenBalances, c.lockedToken);
        uint256 wantToken = _sum2(t) + _sum2(s.lockedToken);
        if (wantToken != haveToken) revert BalanceMismatch(wantToken, haveToken);

        c.weiBalances = w;
        c.tokenBalances = t;
        c.lockedWei = s.lockedWei;
        c.lockedToken = s.lockedToken;
        c.locksRoot = s.locksRoot;
        c.recipient = s.recipient;
        c.nonce = s.nonce;
        c.disputeOnchainNonce = s.onchainNonce;
        c.digest = digest;
    }

    function _openChannel(address user) private view returns (Channel storage c) {
        c = channels[user];
        if (c.onchainNonce == 0) revert ChannelNotOpened(user);
        if (c.status != Status.Open) revert ChannelDisputed(user);
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

    function _recipientOf(address recipient, address user) private pure returns (address) {
        return recipient == address(0) ? user : recipient;
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

    function _merkleRoot(bytes32 leaf, bytes32[] calldata proof) private pure returns (bytes32 h) {
        h = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 p = proof[i];
            h = h < p ? keccak256(abi.encodePacked(h, p)) : keccak256(abi.encodePacked(p, h));
        }
    }

    function _channelTotal(uint256[2] storage balances, uint256[2] storage lockedAmounts)
        private
        view
        returns (uint256)
    {
        return balances[0] + balances[1] + lockedAmounts[0] + lockedAmounts[1];
    }

    function _sum2(uint256[2] memory a) private pure returns (uint256) {
        return a[0] + a[1];
    }

    function _pullToken(address from, uint256 amount) private {
        uint256 before = approvedToken.balanceOf(address(this));
        (bool ok, bytes memory ret) =
            address(approvedToken).call(abi.encodeCall(IERC20.transferFrom, (from, address(this), amount)));
        if (!ok || (ret.length > 0 && !abi.decode(ret, (bool)))) {
            revert TokenTransferFailed(from, address(this), amount);
        }
        uint256 received = approvedToken.balanceOf(address(this)) - before;
        if (received != amount) revert TokenAmountMismatch(received, amount);
    }

    function _sendWeiOrRevert(address to, uint256 amount) private {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }

    function _sendTokenOrRevert(address to, uint256 amount) private {
        if (amount == 0) return;
        if (!_tryTokenTransfer(to, amount)) revert TokenTransferFailed(address(this), to, amount);
    }

    function _tryTokenTransfer(address to, uint256 amount) private returns (bool) {
        (bool ok, bytes memory ret) = address(approvedToken).call(abi.encodeCall(IERC20.transfer, (to, amount)));
        return ok && (ret.length == 0 || (ret.length == 32 && abi.decode(ret, (bool))));
    }

    /// @dev A payout that cannot be delivered (a receiver that reverts, a token that refuses)
    /// must not block a settlement: it is kept for the owner to withdraw with withdrawOwed.
    function _payOut(address to, uint256 weiAmount, uint256 tokenAmount) private {
        uint256 deferredWei;
        uint256 deferredToken;
        if (weiAmount > 0) {
            (bool ok,) = to.call{value: weiAmount}("");
            if (!ok) deferredWei = weiAmount;
        }
        if (tokenAmount > 0 && !_tryTokenTransfer(to, tokenAmount)) deferredToken = tokenAmount;
        if (deferredWei + deferredToken > 0) {
            owedWei[to] += deferredWei;
            owedToken[to] += deferredToken;
            totalOwedWei += deferredWei;
            totalOwedToken += deferredToken;
            emit PayoutDeferred(to, deferredWei, deferredToken);
        }
    }
}
