package trace

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	short := strings.Repeat("a", MaxEcho)
	if got := Quote(short); got != `"`+short+`"` {
		t.Errorf("Quote(80 chars) = %s, want it whole", got)
	}
	if got := Clip("n=five"); got != "n=five" {
		t.Errorf("Clip(short) = %s", got)
	}
	long := strings.Repeat("é", 100*1024) // 2 bytes a character: cut on a character boundary
	want := `"` + strings.Repeat("é", MaxEcho) + `"… (204800 bytes)`
	if got := Quote(long); got != want {
		t.Errorf("Quote(100 KiB) = %.120s…, want %.120s…", got, want)
	}
	if got := Clip(long); got != strings.Repeat("é", MaxEcho)+"… (204800 bytes)" {
		t.Errorf("Clip(100 KiB) = %.120s…", got)
	}
}
