package chatrooms

import "testing"

func TestJoinWhileDisconnecting(t *testing.T) {
	lobby := NewRoom("lobby")
	ada := NewUser("ada")
	lobby.Join(ada)
	joined := make(chan struct{})
	go func() {
		lobby.Join(ada) // a retried join request
		close(joined)
	}()
	ada.Disconnect()
	<-joined
	if lobby.Has(ada) && !ada.In(lobby) {
		t.Error("lobby lists ada, but ada does not list lobby")
	}
}
