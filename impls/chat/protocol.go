package chat

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// command is one parsed command line.
type command struct {
	verb string
	arg  string // name or room
	text string // PUB only
}

// arity is the number of arguments of each verb (PUB: room and text).
var arity = map[string]int{"NICK": 1, "JOIN": 1, "LEAVE": 1, "PUB": 2, "QUIT": 0}

// parse reads a command line, or says what is wrong with it.
func parse(line string) (command, error) {
	if !utf8.ValidString(line) {
		return command{}, fmt.Errorf("line is not UTF-8")
	}
	verb, rest, _ := strings.Cut(line, " ")
	n, ok := arity[verb]
	if !ok {
		return command{}, fmt.Errorf("unknown command %q (NICK, JOIN, LEAVE, PUB, QUIT)", clip(verb))
	}
	c := command{verb: verb}
	switch n {
	case 0:
		if rest != "" {
			return command{}, fmt.Errorf("%s takes no argument", verb)
		}
		return c, nil
	case 1:
		c.arg = rest
	case 2:
		var found bool
		c.arg, c.text, found = strings.Cut(rest, " ")
		if !found || c.text == "" {
			return command{}, fmt.Errorf("usage: PUB <room> <text>")
		}
	}
	if err := validName(c.arg); err != nil {
		return command{}, err
	}
	return c, nil
}

func validName(s string) error {
	if s == "" || len(s) > MaxName {
		return fmt.Errorf("name or room must be 1 to %d characters", MaxName)
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("bad name or room %q: use letters, digits, - and _", clip(s))
		}
	}
	return nil
}

// clip shortens s for an error line.
func clip(s string) string {
	if len(s) > MaxName {
		return s[:MaxName] + "..."
	}
	return s
}
