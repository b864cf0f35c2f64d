# Shared set-up of the scripts/bench-*.sh head-to-head benchmarks; sourced,
# not run. bench_setup NAME PKG... goes to the repository root, builds the
# packages pure-Go (CGO_ENABLED=0) into a temporary directory $bin (removed
# on exit) and makes the results directory $out ($OUT, or a new directory
# under ${TMPDIR:-/tmp}).

bench_setup() {
	local name=$1
	shift
	cd "$(dirname "${BASH_SOURCE[0]}")/../.."
	export PATH="$PATH:/usr/local/go/bin"
	bin=$(mktemp -d "${TMPDIR:-/tmp}/bench-$name-bin.XXXXXX")
	trap 'rm -rf "$bin"' EXIT
	echo "== build $* (CGO_ENABLED=0) into $bin" >&2
	CGO_ENABLED=0 go build -o "$bin" "$@"
	out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/bench-$name.XXXXXX")}
	mkdir -p "$out"
}
