package rtcheck

// Verdict returns an error whose text is msg and that wraps sentinel
// (checks.ErrBounded or checks.ErrUnknown), so a check keeps the message
// its users read while errors.Is matches the value every check shares.
func Verdict(sentinel error, msg string) error { return &verdict{msg, sentinel} }

type verdict struct {
	msg      string
	sentinel error
}

func (v *verdict) Error() string { return v.msg }
func (v *verdict) Unwrap() error { return v.sentinel }
