#!/usr/bin/env bash
# Stops the network started by deploy/local/up.sh: the services, then the infrastructure this project started.
# Anything that was already running before (e.g. the machine's PostgreSQL) is left alone.
set -euo pipefail
DEPLOY_DIR="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
"$DEPLOY_DIR/services.sh" down
"$DEPLOY_DIR/infra.sh" down
