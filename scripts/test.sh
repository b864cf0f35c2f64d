#!/usr/bin/env bash
# The project's test command (README, second command; .ci/run calls exactly this).
# Installs what the tests need (scripts/install-test-deps.sh; set
# SKIP_INSTALL=1 to skip), checks formatting, vets, runs every Go test with the
# race detector (the e2e build tag included: lib-jitsi-meet in Chromium against
# stock prosody, in a private network namespace), and cross-builds every
# package and binary pure-Go (CGO_ENABLED=0) for the platforms we ship:
# openbsd/amd64, openbsd/arm64, linux/amd64.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
	echo "== install test dependencies"
	bash scripts/install-test-deps.sh
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './vendor/*'))
if [ -n "$unformatted" ]; then
	echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

echo "== go vet -tags e2e ./..."
go vet -tags e2e ./...

echo "== go test -race -tags e2e ./..."
go test -race -count=1 -tags e2e -timeout 30m ./...

echo "== cross-build (CGO_ENABLED=0)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for target in openbsd/amd64 openbsd/arm64 linux/amd64; do
	goos=${target%/*} goarch=${target#*/}
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build ./...
	for dir in cmd/*/; do
		[ -f "$dir/main.go" ] || continue
		name=$(basename "$dir")
		CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -o "$out/$goos-$goarch/$name" "./$dir"
	done
	echo "$target: ok $(ls "$out/$goos-$goarch" 2>/dev/null | tr '\n' ' ')"
done
echo "== all checks passed"
