#!/usr/bin/env bash
# Time-to-bug of every fuzz target with its seeded bug switched on.
#
#   scripts/fuzz-time-to-bug.sh [TARGET_REGEX]
#
# For each target of ./fuzz (all of them, or those matching TARGET_REGEX)
# it runs RUNS times (default 3)
#   INTERLEAVE_FUZZ_BUG=1 go test -run '^$' -fuzz '^T$' -fuzztime $FUZZTIME -fuzzminimizetime 0 ./fuzz
# (FUZZTIME default 60s) and takes the time go test reports for the
# failing target, then the same budget of pure random inputs
# (TestRandomBaseline: uniform random schedules and operations, no coverage
# guidance; for the native targets FuzzChat, FuzzChatClose and FuzzEcho,
# random client scripts under the OS's scheduling) with seeds 1..RUNS, and
# prints the medians as a table.
#
# It works on a scratch copy of the module without the checked-in crashers
# (fuzz/testdata/fuzz), with a fresh fuzz cache per run, so every run
# starts from the seed corpus alone and nothing is written to the tree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
filter="${1:-.}"
budget="${FUZZTIME:-60s}"
runs="${RUNS:-3}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/mod"
(cd "$root" && tar --exclude=./.git --exclude=./fuzz/testdata/fuzz -cf - .) | tar -xf - -C "$scratch/mod"
cd "$scratch/mod"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

targets="$(go test -list '^Fuzz' ./fuzz | grep '^Fuzz' | grep -E -- "$filter" || true)"
if [ -z "$targets" ]; then
	echo "no fuzz target matches $filter" >&2
	exit 2
fi

# median prints the middle of its arguments, numbers or "none" (not found
# within the budget, sorted last); "n/a" if the first is.
median() {
	if [ "$1" = n/a ]; then
		echo n/a
		return
	fi
	printf '%s\n' "$@" | sed 's/^none$/inf/' | sort -g | sed -n "$(( ($# + 1) / 2 ))p" | sed 's/^inf$/none/'
}

# fuzz_once prints the seconds go test -fuzz needed to fail target $1,
# "none", or "n/a" for a target without a seeded bug (it skips itself).
fuzz_once() {
	local out
	out="$(INTERLEAVE_FUZZ_BUG=1 go test -v -run '^$' -fuzz "^$1\$" -fuzztime "$budget" -fuzzminimizetime 0 ./fuzz \
		-args -test.fuzzcachedir="$scratch/cache-$1-$2" 2>&1 || true)"
	rm -rf fuzz/testdata/fuzz
	if echo "$out" | grep -q -- "--- SKIP: $1 "; then
		echo n/a
		return
	fi
	echo "$out" | sed -n "s/^--- FAIL: $1 (\([0-9.]*\)s)$/\1/p" | head -1 | grep . || echo none
}

# random_once prints the seconds pure random inputs needed (seed $2), or
# "none".
random_once() {
	local out
	out="$(INTERLEAVE_FUZZ_BUG=1 INTERLEAVE_BASELINE="$budget" INTERLEAVE_BASELINE_SEED="$2" \
		go test -count=1 -run "^TestRandomBaseline\$/^$1\$" -v ./fuzz 2>&1 || true)"
	if echo "$out" | grep -q "^baseline $1: no seeded bug"; then
		echo n/a
		return
	fi
	echo "$out" | sed -n "s/^baseline $1: found after \([0-9.]*\)s.*/\1/p" | head -1 | grep . || echo none
}

go test -count=1 -run '^$' ./fuzz >/dev/null # build once
printf '%s runs of %s per target; median seconds to the first crash ("none": not found)\n\n' "$runs" "$budget"
printf '%-22s %10s %10s   %s\n' target fuzz random "fuzz runs | random runs"
for t in $targets; do
	f=() r=()
	for i in $(seq "$runs"); do
		f+=("$(fuzz_once "$t" "$i")")
		r+=("$(random_once "$t" "$i")")
	done
	printf '%-22s %10s %10s   %s | %s\n' "$t" "$(median "${f[@]}")" "$(median "${r[@]}")" "${f[*]}" "${r[*]}"
done
