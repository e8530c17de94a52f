package chatrooms

import "testing"

func TestJoinWhileDisconnecting(t *testing.T) {
	lobby, golang := NewRoom("lobby"), NewRoom("golang")
	ada := NewUser("ada")
	lobby.Join(ada)
	golang.Join(ada)
	joined := make(chan struct{})
	go func() {
		golang.Join(ada) // a retried join request
		close(joined)
	}()
	ada.Disconnect()
	<-joined
	if lobby.Has(ada) || ada.In(lobby) {
		t.Error("ada is still in lobby after Disconnect")
	}
}
