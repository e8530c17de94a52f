package crawler

import "testing"

func TestFetchAll(t *testing.T) {
	urls := []string{"/", "/about", "/blog"}
	pages := FetchAll(urls, func(url string) string { return "<html>" + url })
	for _, u := range urls {
		if pages[u] != "<html>"+u {
			t.Errorf("page %s = %q", u, pages[u])
		}
	}
}
