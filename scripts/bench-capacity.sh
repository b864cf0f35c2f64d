#!/usr/bin/env bash
# Head-to-head benchmark 3, capacity (issue 8): builds xmppd, focus, bridge
# and loadtest pure-Go, then runs `loadtest bench capacity` (package
# loadtest/capacity), which starts the three servers as separate local
# processes and ramps 2-participant conferences (both sending audio and
# video) until a step loses >= 1 % or joins slower than 1 s at p95.
#
#   scripts/bench-capacity.sh [capacity flags, e.g. -steps 2,4,8 -bitrate 500]
#
# The run happens inside a private network namespace where only lo exists
# (unshare -rn), so every socket is 127.0.0.1; set NO_NETNS=1 to run in the
# host's namespace (the servers still listen on 127.0.0.1 only, but the
# bridge's media port is 0.0.0.0 as jvb's is). Results go to $OUT (default a
# new directory under ${TMPDIR:-/tmp}): table.txt, capacity.json and
# step-<C>.json/.html for every step.
set -euo pipefail
. "$(dirname "$0")/lib/bench.sh"
bench_setup capacity ./cmd/xmppd ./cmd/focus ./cmd/bridge ./cmd/loadtest
run=("$bin/loadtest" bench capacity -bin "$bin" -out "$out" -json "$out/capacity.json" "$@")

if [ "${NO_NETNS:-0}" != 1 ] && unshare -rn true 2>/dev/null; then
	echo "== run in a private network namespace (only lo); results in $out" >&2
	unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "${run[@]}" | tee "$out/table.txt"
else
	echo "== run in the host namespace (NO_NETNS=1 or no unshare -rn); results in $out" >&2
	"${run[@]}" | tee "$out/table.txt"
fi
