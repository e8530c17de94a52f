package chatrooms

import "testing"

func TestJoinWhileDisconnecting(t *testing.T) {
	lobby, golang := NewRoom("lobby"), NewRoom("golang")
	ada := NewUser("ada")
	lobby.Join(ada)
	joined := make(chan struct{})
	go func() {
		golang.Join(ada)
		close(joined)
	}()
	ada.Disconnect()
	<-joined
	if lobby.Has(ada) || ada.In(lobby) {
		t.Error("ada is still in lobby after Disconnect")
	}
	if golang.Has(ada) != ada.In(golang) {
		t.Errorf("golang.Has(ada) = %v but ada.In(golang) = %v", golang.Has(ada), ada.In(golang))
	}
}
