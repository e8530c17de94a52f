package pricequote

import (
	"testing"
	"time"
)

func TestQuote(t *testing.T) {
	c := &Client{
		Fetch:     func(sku string) (int64, error) { return 1999, nil },
		ListPrice: func(sku string) int64 { return 2499 },
		Timeout:   time.Second,
	}
	q := c.Quote("book-42")
	if q.SKU != "book-42" || q.Cents <= 0 {
		t.Fatalf("Quote = %+v", q)
	}
	if q.Live && q.Cents != 1999 {
		t.Errorf("live quote = %d cents, want 1999", q.Cents)
	}
}
