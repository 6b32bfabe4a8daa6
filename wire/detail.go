package wire

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// Roles of the states the hub signs, stored with them and sent as HubState.Role: what
// the update was for. A wallet decides by the role which rule a proposal must pass.
const (
	RolePay        = "pay"        // user: lock toward the hub for a payee
	RoleClaim      = "claim"      // user: claim an incoming lock with its secret
	RoleRefund     = "refund"     // user: take back an expired outgoing lock
	RoleDeposit    = "deposit"    // user: proposal to deposit
	RoleWithdraw   = "withdraw"   // user: proposal to withdraw (or close: everything)
	RoleForward    = "forward"    // hub: lock toward the payee
	RoleCollect    = "collect"    // hub: claim the payer's lock with the payee's secret
	RoleReturn     = "return"     // hub: give the payer's lock back (payment failed)
	RoleReclaim    = "reclaim"    // hub: take back an expired lock toward a payee
	RoleCollateral = "collateral" // hub: proposal to deposit from the reserve
	RoleConfirm    = "confirm"    // hub: an executed proposal's deposits join the balances
	RoleInvalidate = "invalidate" // hub: an expired proposal is void
	RoleRestart    = "restart"    // hub: the channel starts again from what the chain settled
)

// Detail is what a stored state records about the update that made it, sent as
// HubState.Detail: the update itself and, for payments, the payee or payer and the
// secret sealed to the payee. A wallet recomputes a proposal from its Update.
type Detail struct {
	Update       channel.Update  `json:"update"`
	Payee        *common.Address `json:"payee,omitempty"`
	Payer        *common.Address `json:"payer,omitempty"`
	SealedSecret []byte          `json:"sealedSecret,omitempty"`
}
