#!/usr/bin/env bash
# The shape of the code at package scale (issue 16's figures): exported
# names per package (go doc -short), the longest functions, and pairs of
# duplicated code when the duplicates tool is on PATH.
#   scripts/shape.sh [longest=15]
set -euo pipefail
cd "$(dirname "$0")/.."
longest=${1:-15}
echo "exported names per package (go doc -short | wc -l):"
for p in $(go list ./... | grep -v -e '/scripts/' -e '/corpus/'); do
	n=$(go doc -short "$p" 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && printf '%5d  %s\n' "$n" "${p#github.com/interleave/concurrency/}"
done | sort -rn
echo
echo "longest functions (tests left out):"
go run ./scripts/funclen -n "$longest" .
if command -v duplicates >/dev/null; then
	echo
	duplicates --most 3 --seconds 120 | head -1
fi
