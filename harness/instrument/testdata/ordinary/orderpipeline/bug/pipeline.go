// Package orderpipeline checks incoming orders in a pipeline of stages
// connected by channels.
package orderpipeline

import "fmt"

// Order is one line of an order import.
type Order struct {
	ID  int
	Qty int
}

func emit(orders []Order) <-chan Order {
	out := make(chan Order)
	go func() {
		defer close(out)
		for _, o := range orders {
			out <- o
		}
	}()
	return out
}

// validate passes on good orders and stops at the first bad one.
func validate(in <-chan Order) (<-chan Order, <-chan error) {
	out := make(chan Order)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		defer close(errc)
		for o := range in {
			if o.Qty <= 0 {
				errc <- fmt.Errorf("order %d: quantity %d", o.ID, o.Qty)
				return
			}
			out <- o
		}
	}()
	return out, errc
}

// Import returns the orders accepted before the first invalid one, and
// the error that stopped it.
func Import(orders []Order) ([]Order, error) {
	valid, errc := validate(emit(orders))
	var ok []Order
	for o := range valid {
		ok = append(ok, o)
	}
	return ok, <-errc
}
