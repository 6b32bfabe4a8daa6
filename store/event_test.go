package store

import "testing"

func TestEventKindNames(t *testing.T) {
	for _, k := range EventKinds() {
		got, err := ParseEventKind(k.String())
		if err != nil || got != k {
			t.Errorf("%s does not round-trip: %v %v", k, got, err)
		}
		if _, ok := foldEvents[k]; !ok {
			t.Errorf("Fold makes no decision on %s", k)
		}
	}
	if _, err := ParseEventKind("Renamed"); err == nil {
		t.Error("an unknown name parsed")
	}
}
