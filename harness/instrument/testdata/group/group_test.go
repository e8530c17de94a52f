package group

import (
	"context"
	"errors"
	"testing"
)

func TestFetchAllStopsAtFirstError(t *testing.T) {
	fetch := func(_ context.Context, u string) (int, error) {
		if u == "bad" {
			return 0, errors.New("404")
		}
		return len(u), nil
	}
	if _, err := FetchAll(context.Background(), []string{"a", "bad"}, fetch); err == nil {
		t.Fatal("no error")
	}
}
