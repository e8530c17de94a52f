package pagelister

import (
	"context"
	"slices"
	"testing"
	"time"
)

func fakeAPI(ctx context.Context, token string) (Page, error) {
	if err := ctx.Err(); err != nil {
		return Page{}, err // what an HTTP client does with a dead context
	}
	pages := map[string]Page{
		"":   {Items: []string{"a", "b"}, Next: "p2"},
		"p2": {Items: []string{"c"}, Next: "p3"},
		"p3": {Items: []string{"d", "e"}},
	}
	return pages[token], nil
}

func TestItemsAreSorted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var got []string
	for it := range Items(ctx, fakeAPI) {
		got = append(got, it)
	}
	if !slices.IsSorted(got) {
		t.Errorf("items out of order: %v", got)
	}
}
