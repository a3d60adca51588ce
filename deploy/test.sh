#!/usr/bin/env bash
# Runs every test: installs the Debian packages the tests need (SIPp, ffmpeg, debootstrap, ...),
# provisions the local Asterisk 22 root if this machine has none yet, then `mvn verify`
# (unit tests with Surefire, integration tests against the real PBX with Failsafe).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-packages.sh
bash deploy/pbx.sh provision
exec mvn -B verify "$@"
