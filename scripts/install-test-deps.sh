#!/usr/bin/env bash
# Installs what the tests need on a Debian machine, as root, and is quick when
# everything is already there: Debian packages (gcc for -race, ksh for the
# rc.d syntax checks, openssl for test certificates, iproute2 for the
# network-namespace tests, stock prosody 0.12 and slixmpp for the interop
# and e2e suites, Chromium for lib-jitsi-meet), and the pinned npm packages
# of the e2e page.
# No package may start a system service while it installs: policy-rc.d
# refuses every start, so prosody never listens on the default ports.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

apt_packages=(gcc ksh openssl iproute2 prosody lua-unbound python3-slixmpp chromium)
# npm comes with the machine's Node.js on some images; do not replace it.
command -v npm >/dev/null || apt_packages+=(npm)
missing=()
for p in "${apt_packages[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-test-deps: need root to install: ${missing[*]}" >&2
		exit 1
	fi
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod +x /usr/sbin/policy-rc.d
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

bash e2e/fetch-deps.sh
