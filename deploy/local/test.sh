#!/usr/bin/env bash
# Runs every test of Anchor Network against real infrastructure, from a clean checkout:
#   1. starts PostgreSQL, Kafka and Keycloak (deploy/local/infra.sh; downloads on first use);
#   2. builds everything and runs the unit and @QuarkusTest suites (./mvnw install);
#   3. starts a throw-away network of the four packaged services on ports 18080-18083 (their management
#      interfaces on 18090-18093), on empty databases framework_system, spend_system, pledge_system, and runs the
#      system tests through its gateway;
#   4. stops what it started, also when a step fails.
# A network you started with deploy/local/up.sh keeps running and is not touched.
#
# Extra arguments go to the Maven build of step 2 (e.g. -o for offline).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
DEPLOY_DIR="$REPO/deploy/local"
cd "$REPO"

SYSTEM_PORT_BASE="${SYSTEM_TEST_PORT_BASE:-18080}"
STARTED_INFRA=()
SYSTEM_NETWORK_STARTED=false

cleanup() {
  local status=$?
  if [[ "$SYSTEM_NETWORK_STARTED" == true ]]; then
    if ((status != 0)); then
      for service in framework-service spend-service pledge-service gateway; do
        logfile="$(log_file "system-test-$service")"
        [[ -s "$logfile" ]] && { echo "---- last lines of $logfile ----"; tail -n 30 "$logfile"; } >&2
      done
    fi
    ANCHOR_RUN_NAME=system-test ANCHOR_PORT_BASE="$SYSTEM_PORT_BASE" "$DEPLOY_DIR/services.sh" down || true
  fi
  if ((${#STARTED_INFRA[@]} > 0)); then
    "$DEPLOY_DIR/infra.sh" down "${STARTED_INFRA[@]}" || true
  fi
  exit "$status"
}
trap cleanup EXIT

# Only what was not already running is ours to stop at the end.
for component in postgres kafka keycloak; do
  if ! "$DEPLOY_DIR/infra.sh" status "$component" >/dev/null 2>&1; then
    STARTED_INFRA+=("$component")
  fi
done
"$DEPLOY_DIR/infra.sh" up

log "build, unit tests and service tests: ./mvnw -B install $*"
./mvnw -B install "$@"

log "system tests: starting a throw-away network on ports $SYSTEM_PORT_BASE-$((SYSTEM_PORT_BASE + 3))"
SYSTEM_NETWORK_STARTED=true
ANCHOR_RUN_NAME=system-test ANCHOR_PORT_BASE="$SYSTEM_PORT_BASE" ANCHOR_DB_SUFFIX=_system ANCHOR_FRESH_DATABASES=true \
  ANCHOR_CONSUMER_GROUP_PREFIX="system-test-$(date +%s)." ANCHOR_CONSUMER_OFFSET_RESET=latest \
  "$DEPLOY_DIR/services.sh" up

ANCHOR_GATEWAY_URL="http://localhost:$SYSTEM_PORT_BASE" FRAMEWORK_SERVICE_URL="http://localhost:$((SYSTEM_PORT_BASE + 1))" \
  SPEND_SERVICE_URL="http://localhost:$((SYSTEM_PORT_BASE + 2))" PLEDGE_SERVICE_URL="http://localhost:$((SYSTEM_PORT_BASE + 3))" \
  ./mvnw -B -o -pl system-tests surefire:test -Dsystem-tests.skip=false "$@"
log "all tests passed"
