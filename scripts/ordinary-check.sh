#!/usr/bin/env bash
# ordinary-check.sh: CI's check that harness test (-race for the race
# kernels) still finds what it
# found on the ordinary corpus (harness/instrument/testdata/ordinary) and
# still passes what it passed. expected.txt beside kernels.txt records, per
# kernel, the kind reported on the buggy twin ("miss" when none is) and on
# the fixed twin ("pass" when none is): the honest record, misses and false
# alarms included. Any difference fails, naming the kernel.
#
#   scripts/ordinary-check.sh            # check every kernel
#   scripts/ordinary-check.sh --update   # rewrite expected.txt from this run
set -euo pipefail
cd "$(dirname "$0")/.."
root=harness/instrument/testdata/ordinary
update=false
[ "${1:-}" = --update ] && update=true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/harness" ./cmd/harness

# kind dir default [flags] -> the first rt kind reported, or default when
# none was; an execution budget, not a time budget, so that the result does
# not depend on the machine
kind() {
	timeout 300 "$tmp/harness" test ${3:-} "./$1" -interleave.time=0 -interleave.executions=2000 </dev/null >"$tmp/out" 2>&1 || true
	local k
	k=$({ grep -oE 'rt: [a-z ]+:' "$tmp/out" || true; } | head -1 | sed 's/^rt: //; s/:$//; s/ /-/g')
	echo "${k:-$2}"
}

got=$tmp/expected.txt
echo "# <kernel> <buggy twin: kind found, or miss> <fixed twin: pass, or the kind reported>" >"$got"
# race kernels run with -race (the race detector sees plain variables);
# the others without, as a user looking for a deadlock or a leak would
# (race mode costs ~40x in executions per second)
grep -v '^#' "$root/kernels.txt" | awk 'NF {print $1, $2}' | while read -r k kind; do
	flags=""
	[ "$kind" = race ] && flags=-race
	echo "$k $(kind "$root/$k/bug" miss $flags) $(kind "$root/$k/fixed" pass $flags)" >>"$got"
	echo "ordinary-check: $(tail -1 "$got")" >&2
done
if $update; then
	cp "$got" "$root/expected.txt"
	exit 0
fi
# "the body is not deterministic" comes from a range over a map whose order
# Go randomises: whether a run sees two orders varies, so it compares equal
# to pass (the false alarm is recorded in expected.txt all the same)
norm() { sed 's/the-body-is-not-deterministic/pass/g' "$1"; }
if ! diff -u <(norm "$root/expected.txt") <(norm "$got"); then
	echo "ordinary-check: harness test's results on the corpus changed (- expected, + got); if for the better, run scripts/ordinary-check.sh --update" >&2
	exit 1
fi
echo "ordinary-check: $(grep -vc '^#' "$got") kernels as expected: $(awk '!/^#/ && $2 != "miss"' "$got" | wc -l) found, $(awk '!/^#/ && $3 == "pass"' "$got" | wc -l) fixed twins pass"
