package csvimport

import (
	"context"
	"testing"
)

func TestPreviewStopsAtN(t *testing.T) {
	lines := []string{"id,name", "1,ada", "2,grace", "3,barbara", "4,edsger"}
	recs := Preview(context.Background(), lines, 3)
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3", len(recs))
	}
	if recs[1][1] != "ada" {
		t.Errorf("second record = %v, want name ada", recs[1])
	}
}
