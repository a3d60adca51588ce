#!/usr/bin/env bash
# One command to try the hotline on this machine: installs the Debian packages, provisions and
# starts the local Asterisk 22 (deploy/pbx.sh), builds the jar and runs the server on its embedded
# defaults (embedded PostgreSQL under ./data, HTTP on 127.0.0.1:8080). Ctrl-C stops the server;
# `deploy/pbx.sh stop` stops the PBX.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-packages.sh
if ! command -v mvn >/dev/null; then
    apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven
fi
bash deploy/pbx.sh start
mvn -B -q package -DskipTests
if [ -z "${HOTLINE_ADMIN_PASSWORD:-}" ] && [ ! -f data/admin-password ]; then
    echo "run-local: HOTLINE_ADMIN_PASSWORD is not set: a random admin password will be written to data/admin-password"
fi
echo "run-local: SIP accounts for softphones (deploy/pbx.sh credentials):"
bash deploy/pbx.sh credentials | head -4
exec java -jar target/hotline.jar serve "$@"
