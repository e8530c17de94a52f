package orderpipeline

import "testing"

func TestImport(t *testing.T) {
	tests := []struct {
		name    string
		orders  []Order
		wantOK  int
		wantErr bool
	}{
		{"all valid", []Order{{1, 2}, {2, 1}}, 2, false},
		{"bad quantity", []Order{{1, 2}, {2, 0}, {3, 5}, {4, 1}}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Import(tt.orders)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Import() error = %v, wantErr %v", err, tt.wantErr)
			}
			if len(ok) != tt.wantOK {
				t.Errorf("accepted %d orders, want %d", len(ok), tt.wantOK)
			}
		})
	}
}
