package store

import (
	"errors"
	"testing"

	"github.com/personaportal/portal/internal/apierr"
)

func TestATransactionDynamoDBWouldRefuseIsTheRequestsFault(t *testing.T) {
	if err := checkTx(maxTxActions, maxTxBytes); err != nil {
		t.Fatalf("a transaction at the limits was refused: %v", err)
	}
	for _, c := range []struct{ actions, bytes int }{{maxTxActions + 1, 1000}, {2, maxTxBytes + 1}} {
		if err := checkTx(c.actions, c.bytes); !errors.Is(err, apierr.KindInvalid) {
			t.Errorf("%d actions, %d bytes: %v, want a 400", c.actions, c.bytes, err)
		}
	}
}
