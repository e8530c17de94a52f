#!/usr/bin/env bash
# Overhead of harness test on a package with no concurrency: the time of
# `harness test` (load and type-check, rewrite, build with the overlay,
# run) against `go test` on the same package, both with -count=1 and a
# warm build cache, median of N runs each.
#
#   scripts/harness-test-overhead.sh [package] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-./internal/oracle}
runs=${2:-5}
bin=$(mktemp -d)/harness
go build -o "$bin" ./cmd/harness
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() {
	local s e
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN {print e - s}'
}
go test -count=1 "$pkg" >/dev/null && "$bin" test -count=1 "$pkg" >/dev/null # warm both caches
gt=$(for _ in $(seq "$runs"); do timeit go test -count=1 "$pkg"; done | median)
ht=$(for _ in $(seq "$runs"); do timeit "$bin" test -count=1 "$pkg"; done | median)
echo "package $pkg, median of $runs runs, warm cache:"
printf "go test -count=1:      %.2fs\n" "$gt"
awk -v h="$ht" -v g="$gt" 'BEGIN {printf "harness test -count=1: %.2fs (%.1f× go test)\n", h, h / g}'
