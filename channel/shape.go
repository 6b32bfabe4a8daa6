package channel

// JSONShape returns the form a State takes in JSON, so that strict decoders (wire's) can
// check its fields and fixed array lengths before UnmarshalJSON reads it.
func (*State) JSONShape() any { return stateJSON{} }

// JSONShape returns the form a Lock takes in JSON.
func (*Lock) JSONShape() any { return lockJSON{} }

// JSONShape returns the form Ops take in JSON.
func (*Ops) JSONShape() any { return opsJSON{} }
