package adversary

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Op is one kind of action in a schedule.
type Op int

// The actions a schedule is made of. User is the acting user, Other a second one (a
// payee), Amount thousandths of an ether, Pick a choice among candidates (a state of
// the user's history, a lock), Secs chain seconds, Then the injected proposal a batch
// ends with.
const (
	OpDeposit     Op = iota // User deposits Amount
	OpPay                   // User pays Other Amount; Other syncs (co-signs the forward) when online
	OpClaim                 // User claims its incoming locks whose secret it knows
	OpSync                  // User syncs: co-signs what the hub proposed
	OpWithdraw              // User withdraws Amount
	OpExit                  // User exits: honest with its newest state, hostile with state Pick of its history
	OpChallenge             // User challenges its channel's dispute: honest with its newest, hostile with Pick
	OpSettle                // anyone settles User's channel (fails before the deadline)
	OpAdvance               // the chain's clock moves Secs
	OpRegister              // User registers the secret of its lock Pick on-chain, whenever that is
	OpOffline               // User stops syncing
	OpOnline                // User syncs again
	OpCrash                 // the hub process stops
	OpRestart               // the hub process starts over the same database
	OpLag                   // the hub's indexer's node stalls
	OpCatchUp               // the hub's indexer's node serves again
	OpCosignAll             // hostile user: co-signs every proposal the hub shows, unchecked
	OpPayStale              // hostile user: asks the hub to pay Other from its own newest state, whatever the chain says
	OpHubExit               // hostile hub: exits User's channel with state Pick of its history
	OpHubWithhold           // hostile hub: refuses User's requests from now on
	OpHubReclaim            // hostile hub: shows User a reclaim of incoming lock Pick (a refund to the hub)
	OpHubCollect            // hostile hub: shows User a collect of its outgoing lock Pick with the secret
	OpHubTopUp              // hostile hub: shows User a top-up whose timeout is Secs away
	OpHubMute               // hostile hub: sends none of its transactions (registrations, challenges) from now on
	OpCollateral            // User asks the hub for collateral and co-signs the top-up
	OpAbandon               // User asks the hub to give up its pending on-chain operation
	OpHubBatch              // hostile hub: shows User a fair forward and, on top of it, Then's proposal
	opCount
)

var opNames = [...]string{"deposit", "pay", "claim", "sync", "withdraw", "exit", "challenge", "settle", "advance", "register",
	"offline", "online", "crash", "restart", "lag", "catchup", "cosign-all", "pay-stale", "hub-exit", "hub-withhold",
	"hub-reclaim", "hub-collect", "hub-topup", "hub-mute", "collateral", "abandon", "hub-batch"}

func (o Op) String() string {
	if o >= 0 && int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("op%d", int(o))
}

// Action is one step of a schedule.
type Action struct {
	Op     Op
	User   int
	Other  int
	Amount int64
	Pick   int
	Secs   int64
	Then   Op // OpHubBatch: OpHubReclaim, OpHubCollect or OpHubTopUp
}

func (a Action) String() string {
	switch a.Op {
	case OpAdvance, OpCrash, OpRestart, OpLag, OpCatchUp:
		if a.Op == OpAdvance {
			return fmt.Sprintf("advance %ds", a.Secs)
		}
		return a.Op.String()
	case OpPay, OpPayStale:
		return fmt.Sprintf("%s u%d→u%d %d", a.Op, a.User, a.Other, a.Amount)
	case OpHubBatch:
		return fmt.Sprintf("%s u%d then %s pick=%d s=%d", a.Op, a.User, a.Then, a.Pick, a.Secs)
	}
	return fmt.Sprintf("%s u%d a=%d pick=%d s=%d", a.Op, a.User, a.Amount, a.Pick, a.Secs)
}

// Hostile parties.
const (
	HonestAll  = -1 // nobody is hostile
	HostileHub = -2
)

// Class names the kind of schedule: random, or built around one of issue 26's bugs.
type Class string

// The classes. Each class schedule strings the bug's steps among random ones.
const (
	ClassRandom          Class = "random"
	ClassSettledPays     Class = "settled-channel-pays"    // a hostile user pays from a settled channel
	ClassLaggingWithdraw Class = "lagging-withdrawal"      // an executed withdrawal invalidated while the indexer lags
	ClassReclaimInTime   Class = "reclaim-registered-lock" // the hub takes back a lock whose secret was registered in time
	ClassLateCollect     Class = "late-collect"            // the hub collects the user's lock after its expiry
	ClassFarTimeout      Class = "far-proposal-timeout"    // a top-up whose timeout is years away freezes the channel
	ClassDisputePays     Class = "disputed-channel-pays"   // a hostile user pays during its own dispute
	ClassStaleExit       Class = "stale-exit"              // a hostile party exits with an old state
	ClassBatchUnfair     Class = "unfair-batch"            // a batch: a fair forward, then one of the unfair proposals above
)

var classes = []Class{ClassRandom, ClassRandom, ClassRandom, ClassSettledPays, ClassLaggingWithdraw, ClassReclaimInTime,
	ClassLateCollect, ClassFarTimeout, ClassDisputePays, ClassStaleExit}

// classOf picks the class of seed: classes[seed % 10], except that every other random
// seed ending in 2 (seed % 20 == 12) is an unfair-batch one — a class added later, taken
// from random seeds so that no seed of another class changes.
func classOf(seed uint64) Class {
	if seed%20 == 12 {
		return ClassBatchUnfair
	}
	return classes[seed%uint64(len(classes))]
}

// Schedule is what a seed expands to.
type Schedule struct {
	Seed    uint64
	Class   Class
	Users   int
	Hostile int // HonestAll, HostileHub, or the hostile user's index
	Actions []Action
}

func (s Schedule) String() string {
	var b strings.Builder
	who := "nobody"
	switch {
	case s.Hostile == HostileHub:
		who = "the hub"
	case s.Hostile >= 0:
		who = fmt.Sprintf("u%d", s.Hostile)
	}
	fmt.Fprintf(&b, "seed %d: %s, %d users, hostile %s\n", s.Seed, s.Class, s.Users, who)
	for i, a := range s.Actions {
		fmt.Fprintf(&b, "  %2d %s\n", i, a)
	}
	return b.String()
}

// Generate expands a seed into a schedule, deterministically (math/rand/v2's PCG seeded
// with it). choices, when given (a fuzzer's bytes), add actions of their own after the
// seed's, one per three bytes.
func Generate(seed uint64, choices []byte) Schedule {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed_ad7e_25a1_0026))
	s := Schedule{Seed: seed, Class: classOf(seed), Users: 2 + r.IntN(3)}
	g := gen{r: r, s: &s}
	switch r.IntN(4) {
	case 0:
		s.Hostile = HonestAll
	case 1:
		s.Hostile = HostileHub
	default:
		s.Hostile = r.IntN(s.Users)
	}
	for u := range s.Users {
		g.add(Action{Op: OpDeposit, User: u, Amount: 1000 + int64(r.IntN(4000))}, Action{Op: OpCollateral, User: u})
	}
	switch s.Class {
	case ClassSettledPays:
		s.Hostile = 0
		g.add(Action{Op: OpPay, User: 0, Other: 1, Amount: 300, Pick: 1})
		g.random(r.IntN(3))
		g.add(Action{Op: OpExit, User: 0, Pick: -1}, Action{Op: OpAdvance, Secs: challengePeriod + 5}, Action{Op: OpSettle, User: 0})
		g.add(Action{Op: OpPayStale, User: 0, Other: 1, Amount: 500}, Action{Op: OpSync, User: 1}, Action{Op: OpClaim, User: 1})
		g.add(Action{Op: OpWithdraw, User: 1, Amount: 400})
	case ClassDisputePays:
		// A payment in the last seconds of the payer's dispute, whose window closes before
		// the hub could challenge with the state that holds the payer's lock.
		s.Hostile = 0
		g.add(Action{Op: OpExit, User: 0, Pick: -1}, Action{Op: OpAdvance, Secs: challengePeriod - 3})
		g.add(Action{Op: OpPayStale, User: 0, Other: 1, Amount: 500}, Action{Op: OpAdvance, Secs: 5})
		g.add(Action{Op: OpSync, User: 1}, Action{Op: OpClaim, User: 1})
		g.random(r.IntN(3))
	case ClassLaggingWithdraw:
		s.Hostile = 0
		g.random(r.IntN(3))
		// Past the timeout the hostile user asks the hub to give the executed withdrawal up
		// (chanctl abandon), as the hub's sweeper would by itself.
		g.add(Action{Op: OpLag}, Action{Op: OpWithdraw, User: 0, Amount: 500}, Action{Op: OpAdvance, Secs: proposalTimeout + 5})
		g.add(Action{Op: OpAbandon, User: 0}, Action{Op: OpCosignAll, User: 0}, Action{Op: OpCatchUp}, Action{Op: OpCosignAll, User: 0})
		g.add(Action{Op: OpSync, User: 0}, Action{Op: OpPay, User: 0, Other: 1, Amount: 900, Pick: 1})
		g.add(Action{Op: OpExit, User: 0, Pick: -1})
	case ClassReclaimInTime:
		s.Hostile = HostileHub
		g.add(Action{Op: OpPay, User: 0, Other: 1, Amount: 700})
		g.add(Action{Op: OpRegister, User: 1, Pick: -1})
		g.random(r.IntN(2))
		g.add(Action{Op: OpAdvance, Secs: maxLock + 10}, Action{Op: OpHubReclaim, User: 1, Pick: -1}, Action{Op: OpHubExit, User: 1, Pick: -1})
	case ClassLateCollect:
		s.Hostile = HostileHub
		g.add(Action{Op: OpHubMute}, Action{Op: OpPay, User: 0, Other: 1, Amount: 700}, Action{Op: OpClaim, User: 1})
		g.add(Action{Op: OpAdvance, Secs: maxLock + 10}, Action{Op: OpOnline, User: 0}, Action{Op: OpHubCollect, User: 0, Pick: -1})
		g.add(Action{Op: OpHubExit, User: 0, Pick: -1})
	case ClassFarTimeout:
		s.Hostile = HostileHub
		g.add(Action{Op: OpPay, User: 1, Other: 0, Amount: 800, Pick: 1}, Action{Op: OpSync, User: 1})
		g.random(r.IntN(2))
		g.add(Action{Op: OpHubTopUp, User: 0, Secs: 10 * 365 * 24 * 3600}, Action{Op: OpPay, User: 1, Other: 0, Amount: 100, Pick: 1})
		g.add(Action{Op: OpExit, User: 0})
	case ClassStaleExit:
		if s.Hostile == HonestAll {
			s.Hostile = HostileHub
		}
		v := r.IntN(s.Users)
		if v == s.Hostile {
			v = (v + 1) % s.Users
		}
		g.add(Action{Op: OpPay, User: v, Other: (v + 1) % s.Users, Amount: 400, Pick: 1}, Action{Op: OpSync, User: v})
		g.random(r.IntN(3))
		if s.Hostile == HostileHub {
			g.add(Action{Op: OpHubExit, User: v, Pick: r.IntN(4)})
		} else {
			g.add(Action{Op: OpExit, User: s.Hostile, Pick: r.IntN(4)})
		}
		g.random(r.IntN(3))
	case ClassBatchUnfair:
		// Each of the unfair proposals above, by turns, on top of a fair forward.
		s.Hostile = HostileHub
		switch (seed / 20) % 3 {
		case 0:
			g.add(Action{Op: OpPay, User: 0, Other: 1, Amount: 700}, Action{Op: OpRegister, User: 1, Pick: -1})
			g.random(r.IntN(2))
			g.add(Action{Op: OpAdvance, Secs: maxLock + 10}, Action{Op: OpHubBatch, User: 1, Then: OpHubReclaim, Pick: -1})
			g.add(Action{Op: OpHubExit, User: 1, Pick: -1})
		case 1:
			g.add(Action{Op: OpHubMute}, Action{Op: OpPay, User: 0, Other: 1, Amount: 700}, Action{Op: OpClaim, User: 1})
			g.add(Action{Op: OpAdvance, Secs: maxLock + 10}, Action{Op: OpOnline, User: 0})
			g.add(Action{Op: OpHubBatch, User: 0, Then: OpHubCollect, Pick: -1}, Action{Op: OpHubExit, User: 0, Pick: -1})
		default:
			g.add(Action{Op: OpPay, User: 1, Other: 0, Amount: 800, Pick: 1}, Action{Op: OpSync, User: 1})
			g.random(r.IntN(2))
			g.add(Action{Op: OpHubBatch, User: 0, Then: OpHubTopUp, Secs: 10 * 365 * 24 * 3600})
			g.add(Action{Op: OpPay, User: 1, Other: 0, Amount: 100, Pick: 1}, Action{Op: OpExit, User: 0})
		}
	default:
		g.random(5 + r.IntN(8))
	}
	for i := 0; i+2 < len(choices); i += 3 {
		g.add(g.action(choices[i], choices[i+1], choices[i+2]))
	}
	return s
}

type gen struct {
	r *rand.Rand
	s *Schedule
}

func (g *gen) add(as ...Action) { g.s.Actions = append(g.s.Actions, as...) }

func (g *gen) random(n int) {
	for range n {
		g.add(g.action(byte(g.r.Uint32()), byte(g.r.Uint32()), byte(g.r.Uint32())))
	}
}

// action makes one action from three choices: what, who, and how much.
func (g *gen) action(what, who, much byte) Action {
	s := g.s
	u := int(who) % s.Users
	other := (u + 1 + int(who>>4)%(s.Users-1)) % s.Users
	a := Action{User: u, Other: other, Amount: 100 + int64(much)*8, Pick: int(much) % 5, Secs: 5 + int64(much)}
	ops := []Op{OpPay, OpPay, OpPay, OpClaim, OpSync, OpSync, OpDeposit, OpWithdraw, OpAdvance, OpAdvance, OpRegister,
		OpOffline, OpOnline, OpCrash, OpRestart, OpLag, OpCatchUp, OpExit, OpChallenge, OpSettle}
	switch {
	case s.Hostile == HostileHub:
		ops = append(ops, OpHubExit, OpHubWithhold, OpHubReclaim, OpHubCollect, OpHubTopUp, OpHubMute)
	case s.Hostile >= 0:
		ops = append(ops, OpCosignAll, OpPayStale, OpExit, OpChallenge)
		if what&1 == 0 {
			a.User = s.Hostile
		}
	}
	a.Op = ops[int(what)%len(ops)]
	if a.Op == OpHubTopUp {
		a.Secs = int64(proposalTimeout/2) + int64(much)*int64(much)*1000
	}
	return a
}
