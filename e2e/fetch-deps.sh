#!/usr/bin/env bash
# fetch-deps.sh fetches the pinned browser-side dependencies of the e2e page
# into e2e/web/vendor/ (git-ignored): the lib-jitsi-meet browser bundle and
# jQuery. It uses `npm pack` (npm install of @lyno/lib-jitsi-meet fails: two of
# its dependencies point at an unreachable code host), checks each tarball
# against a pinned SHA-256 and extracts only the files the page loads.
# It never downloads a browser. Re-running it is cheap: files already present
# with the right content are kept.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor="$here/web/vendor"

# name@version  sha256-of-tarball  file-inside-tarball  vendor-file-name
pins=(
  "@lyno/lib-jitsi-meet@2.6726.2 7219c05db541cb1aa2064d1ba86837bf01d533f527aeaa7ae91f52265e72afcd package/lib-jitsi-meet.min.js lib-jitsi-meet.min.js"
  "jquery@3.6.0 81aba42cff61ab4f21ddf493eb1873dd9702a685eca9a8a182c9d4002846f0f8 package/dist/jquery.min.js jquery.min.js"
)

stamp="$vendor/.pins"
want="$(printf '%s\n' "${pins[@]}")"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "fetch-deps: vendor/ is up to date"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-deps: npm not found (apt-get install -y --no-install-recommends npm)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$vendor"

for pin in "${pins[@]}"; do
  read -r spec sum inner out <<<"$pin"
  (cd "$tmp" && npm pack --silent "$spec" >"$tmp/name")
  tgz="$tmp/$(tail -n1 "$tmp/name")"
  got="$(sha256sum "$tgz" | cut -d' ' -f1)"
  if [[ "$got" != "$sum" ]]; then
    echo "fetch-deps: $spec: sha256 $got, want $sum" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$tmp" "$inner"
  install -m 0644 "$tmp/$inner" "$vendor/$out.part"
  mv "$vendor/$out.part" "$vendor/$out"
  rm -rf "$tmp/package"
  echo "fetch-deps: $spec -> web/vendor/$out"
done
printf '%s\n' "$want" >"$stamp"
