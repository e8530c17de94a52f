package maprange

import "testing"

func TestClose(t *testing.T) {
	NewServer(3).Close()
}
