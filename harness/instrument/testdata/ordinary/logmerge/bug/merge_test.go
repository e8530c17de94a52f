package logmerge

import "testing"

func container(name string, lines ...string) <-chan Line {
	ch := make(chan Line, len(lines))
	for _, l := range lines {
		ch <- Line{name, l}
	}
	close(ch)
	return ch
}

func TestFollowSeesEveryLine(t *testing.T) {
	got := make(chan Line, 3)
	Follow(func(l Line) { got <- l },
		container("api", "GET /", "GET /login"),
		container("db", "checkpoint"))
	count := map[string]int{}
	for range 3 {
		count[(<-got).Container]++
	}
	if count["api"] != 2 || count["db"] != 1 {
		t.Errorf("lines per container = %v, want api:2 db:1", count)
	}
}
