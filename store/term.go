package store

import "context"

// Term is one leadership term of a group of processes sharing a database (the hub's): the
// group's name and the term's number, which grows with every leader.
type Term struct {
	Name string
	N    int64
}

// Terms fence the writes of a group's leader: a leader begins a term once it holds the
// lease, before it writes; a write made under a term (WithTerm) is refused with ErrFenced
// unless that term is still the group's newest when the write commits.
type Terms interface {
	// BeginTerm starts the next term of name, recording addr (where the new leader's API
	// answers). It returns once every write made under an earlier term has committed or
	// rolled back; from then on such writes are refused, so the new leader reads
	// everything its predecessor wrote and nothing more of it arrives.
	BeginTerm(ctx context.Context, name, addr string) (Term, error)
	// CurrentTerm returns name's newest term and its leader's addr, or ErrNotFound when
	// none has begun.
	CurrentTerm(ctx context.Context, name string) (Term, string, error)
}

type termKey struct{}

// WithTerm returns ctx carrying t: a store write that honours terms (the hub's channel
// transactions) checks, inside its own transaction, that t is still current.
func WithTerm(ctx context.Context, t Term) context.Context {
	return context.WithValue(ctx, termKey{}, t)
}

// TermFrom returns the term ctx carries, if any.
func TermFrom(ctx context.Context) (Term, bool) {
	t, ok := ctx.Value(termKey{}).(Term)
	return t, ok
}
