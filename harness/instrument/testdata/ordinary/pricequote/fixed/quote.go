// Package pricequote asks the pricing service for a live quote, and falls
// back to the list price when it is slow so the checkout page still renders.
package pricequote

import "time"

// Quote is a price in cents.
type Quote struct {
	SKU   string
	Cents int64
	Live  bool // false: the list price, because the service was too slow
}

// Client queries the pricing service.
type Client struct {
	Fetch     func(sku string) (int64, error)
	ListPrice func(sku string) int64
	Timeout   time.Duration
}

type fetchResult struct {
	cents int64
	err   error
}

// Quote returns the live price, or the list price after Timeout or an error.
func (c *Client) Quote(sku string) Quote {
	ch := make(chan fetchResult, 1) // the fetch may finish after we stopped waiting
	go func() {
		cents, err := c.Fetch(sku)
		ch <- fetchResult{cents, err}
	}()
	select {
	case r := <-ch:
		if r.err == nil {
			return Quote{SKU: sku, Cents: r.cents, Live: true}
		}
	case <-time.After(c.Timeout):
	}
	return Quote{SKU: sku, Cents: c.ListPrice(sku)}
}
