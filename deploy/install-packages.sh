#!/usr/bin/env bash
# Installs the Debian packages the local PBX (deploy/pbx.sh) and the
# integration tests need. Idempotent: does nothing when all are present.
#   debootstrap  - builds the Debian "sid" root that holds Asterisk 22
#   sip-tester   - SIPp, the SIP carrier/agent peers of the tests
#   ffmpeg, sox  - the recording archive (transcode, grade, ffprobe) and audio checks
#   chromium     - headless browser of the page ITs (LivePageIT, WorkbenchIT)
#   chromium-driver - chromedriver, through which Selenium drives that chromium (WorkbenchIT)
#   procps, iproute2, util-linux - pgrep/ps, ss, mount/findmnt used by pbx.sh
#   fonts-noto-cjk - Chinese glyphs for the browser tests' screenshots
#   ca-certificates, debian-archive-keyring - debootstrap signature checks
set -euo pipefail

PACKAGES=(debootstrap debian-archive-keyring ca-certificates sip-tester ffmpeg sox
          procps iproute2 util-linux python3 chromium chromium-driver fonts-noto-cjk)

msg() { echo "install-packages: $*" >&2; }
die() { msg "ERROR: $*"; exit 1; }

command -v dpkg-query >/dev/null 2>&1 || die "this script needs a Debian/Ubuntu system (dpkg-query not found)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found"

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    msg "all packages already installed (${PACKAGES[*]})"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else die "must run as root (or with sudo) to install: ${missing[*]}"; fi
else
    SUDO=()
fi

export DEBIAN_FRONTEND=noninteractive
msg "missing: ${missing[*]}"

# apt-get update only when the package lists are absent or cannot offer a missing package
need_update=0
if [ -z "$(ls -A /var/lib/apt/lists/ 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
    need_update=1
else
    for p in "${missing[@]}"; do
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then need_update=1; break; fi
    done
fi
if [ "$need_update" -eq 1 ]; then
    msg "running apt-get update"
    "${SUDO[@]}" apt-get update -q || die "apt-get update failed (no access to the Debian mirror?)"
fi

msg "installing: ${missing[*]}"
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    die "apt-get install failed for: ${missing[*]}"
fi
msg "done"
