package uploadlimit

import (
	"context"
	"errors"
	"sync"
	"testing"
)

var errDenied = errors.New("access denied")

func TestSyncReportsFailedUploads(t *testing.T) {
	u := New(2, func(ctx context.Context, name string, data []byte) error {
		if name == "secret.txt" || name == "id_rsa" {
			return errDenied
		}
		return nil
	})
	files := []string{"a.txt", "b.txt", "secret.txt", "id_rsa"}
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = u.Upload(context.Background(), name, []byte("data"))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if denied := i >= 2; denied != errors.Is(err, errDenied) {
			t.Errorf("%s: err = %v", files[i], err)
		}
	}
}
