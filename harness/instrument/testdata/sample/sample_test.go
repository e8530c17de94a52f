package sample

import (
	"context"
	"sort"
	"testing"
)

func TestCounter(t *testing.T) {
	var c Counter
	done := make(chan struct{})
	for i := 0; i < 2; i++ {
		go func() { c.Inc(); done <- struct{}{} }()
	}
	<-done
	<-done
	if c.n != 2 {
		t.Fatalf("n = %d", c.n)
	}
}

func TestGather(t *testing.T) {
	got := Gather([]int{1, 2, 3}, func(x int) int { return x * x })
	sort.Ints(got)
	if len(got) != 3 || got[2] != 9 {
		t.Fatalf("got %v", got)
	}
}

func TestFirst(t *testing.T) {
	a, b := make(chan int), make(chan int, 1)
	b <- 7
	if v := First(context.Background(), a, b); v != 7 && v != -1 { // -1: the timeout came first
		t.Errorf("First = %d", v)
	}
	close(b)
	helper(t, a)
}

func helper(t *testing.T, a chan int) {
	t.Helper()
	if v, ok := TryRecv(a); ok {
		t.Errorf("TryRecv = %d", v)
	}
}

func TestPing(t *testing.T) {
	ch := make(chan string)
	Ping(ch, "hi")
	if s := <-ch; s != "hi!" {
		t.Fatal(s)
	}
	t.Run("sub", func(t *testing.T) {
		if Hit() < 1 {
			t.Error("hits")
		}
	})
}

func TestWait(t *testing.T) {
	if err := Wait(context.Background()); err != context.DeadlineExceeded {
		t.Fatal(err)
	}
}
