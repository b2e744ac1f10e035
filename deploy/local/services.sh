#!/usr/bin/env bash
# The four Anchor Network services as packaged jars: framework, spend, pledge, then the gateway.
#
#   deploy/local/services.sh up       start (idempotent; a service of ours already running is left alone)
#   deploy/local/services.sh down     stop the services this script started
#   deploy/local/services.sh status   exit 3 if any is stopped
#
# Build the jars first (deploy/local/up.sh does): ./mvnw package -DskipTests
#
# Environment:
#   ANCHOR_RUN_NAME   (network)  names the pid and log files: .local/logs/<run>-<service>.log
#   ANCHOR_PORT_BASE  (8080)     gateway on BASE, framework BASE+1, spend BASE+2, pledge BASE+3; their management
#                                interfaces (health /q/health, metrics /q/metrics; never public) on BASE+10 to BASE+13
#   ANCHOR_DB_SUFFIX  ()         databases framework<suffix>, spend<suffix>, pledge<suffix>
#   ANCHOR_FRESH_DATABASES (false)  true: each service empties its database at start (Flyway clean); tests only
#   ANCHOR_CONSUMER_GROUP_PREFIX () and ANCHOR_CONSUMER_OFFSET_RESET (earliest): Kafka consumer groups
#   ANCHOR_PUBLIC_BASE_URL (http://localhost:BASE) the gateway's public URL: every Location a service answers starts with it
#   ANCHOR_OCDS_SCHEMA_BASE (../shared/data/ocds/schema-1.1.5 if present) where spend-service reads the OCDS schema
#   SERVICE_START_TIMEOUT (120) SERVICE_HEAP (-Xmx256m)
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

RUN_NAME="${ANCHOR_RUN_NAME:-network}"
PORT_BASE="${ANCHOR_PORT_BASE:-8080}"
DB_SUFFIX="${ANCHOR_DB_SUFFIX:-}"
FRESH_DATABASES="${ANCHOR_FRESH_DATABASES:-false}"
SERVICE_START_TIMEOUT="${SERVICE_START_TIMEOUT:-120}"
SERVICE_HEAP="${SERVICE_HEAP:--Xmx256m}"
SERVICES=(framework-service spend-service pledge-service gateway)

port_of() {
  case "$1" in
    gateway) echo "$PORT_BASE" ;;
    framework-service) echo $((PORT_BASE + 1)) ;;
    spend-service) echo $((PORT_BASE + 2)) ;;
    pledge-service) echo $((PORT_BASE + 3)) ;;
  esac
}

# Health and metrics: the management interface, never routed to the public (decision 0014).
management_port_of() { echo $(($(port_of "$1") + 10)); }

jar_of() { printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$REPO" "$1"; }

# Environment of one service: its port, its database and where the others are.
service_env() {
  local service="$1" prefix
  echo "QUARKUS_HTTP_PORT=$(port_of "$service")"
  echo "QUARKUS_MANAGEMENT_PORT=$(management_port_of "$service")"
  case "$service" in
    framework-service | spend-service | pledge-service)
      prefix="$(tr '[:lower:]' '[:upper:]' <<<"${service%-service}")"
      echo "${prefix}_DB_NAME=${service%-service}${DB_SUFFIX}"
      if [[ "$FRESH_DATABASES" == "true" ]]; then
        echo "QUARKUS_FLYWAY_CLEAN_DISABLED=false"
        echo "QUARKUS_FLYWAY_CLEAN_AT_START=true"
      fi
      # Every Location answered points at this network's gateway.
      echo "ANCHOR_PUBLIC_BASE_URL=${ANCHOR_PUBLIC_BASE_URL:-http://localhost:$(port_of gateway)}"
      [[ -z "${ANCHOR_CONSUMER_GROUP_PREFIX:-}" ]] || echo "ANCHOR_MESSAGING_CONSUMERS_GROUP_PREFIX=$ANCHOR_CONSUMER_GROUP_PREFIX"
      echo "ANCHOR_MESSAGING_CONSUMERS_AUTO_OFFSET_RESET=${ANCHOR_CONSUMER_OFFSET_RESET:-earliest}"
      if [[ "$service" == pledge-service ]]; then
        # Grants are placed through spend-service's geography.
        echo "SPEND_SERVICE_URL=http://localhost:$(port_of spend-service)"
      fi
      if [[ "$service" == spend-service ]]; then
        # The demo's small geography unless the caller points at the ONS files it downloaded.
        echo "ANCHOR_GEOGRAPHY_POSTCODE_FILES=${ANCHOR_GEOGRAPHY_POSTCODE_FILES:-$REPO/deploy/local/demo/geography/postcodes.csv}"
        echo "ANCHOR_GEOGRAPHY_LOCAL_AUTHORITY_FILE=${ANCHOR_GEOGRAPHY_LOCAL_AUTHORITY_FILE:-$REPO/deploy/local/demo/geography/local-authorities.csv}"
        # OCDS release packages are checked against the 1.1.5 schema: a local copy when there is one (this machine may
        # not reach standard.open-contracting.org), else the publisher's URL.
        local ocds_schema="${ANCHOR_OCDS_SCHEMA_BASE:-$REPO/../shared/data/ocds/schema-1.1.5}"
        if [[ "$ocds_schema" == http* || -d "$ocds_schema" ]]; then
          echo "ANCHOR_SPEND_OCDS_SCHEMA_BASE=$ocds_schema"
        fi
      fi
      ;;
    gateway)
      echo "FRAMEWORK_SERVICE_URL=http://localhost:$(port_of framework-service)"
      echo "SPEND_SERVICE_URL=http://localhost:$(port_of spend-service)"
      echo "PLEDGE_SERVICE_URL=http://localhost:$(port_of pledge-service)"
      ;;
  esac
}

service_up() {
  local service="$1" name="$RUN_NAME-$1" port jar logfile pidfile java
  port="$(port_of "$service")"
  jar="$(jar_of "$service")"
  logfile="$(log_file "$name")"
  pidfile="$(pid_file "$name")"
  if is_running "$pidfile"; then
    log "$service: already running (ours, pid $(read_pid "$pidfile")) on port $port"
    return 0
  fi
  local management_port
  management_port="$(management_port_of "$service")"
  if tcp_open 127.0.0.1 "$port" || tcp_open 127.0.0.1 "$management_port"; then
    die "$service: port $port or $management_port is taken by another process; stop it, or choose other ports with ANCHOR_PORT_BASE"
  fi
  [[ -f "$jar" ]] || die "$service: $jar is missing; build it first with: ./mvnw package -DskipTests"
  java="$(java_cmd)"
  local -a environment
  mapfile -t environment < <(service_env "$service")
  local -a heap
  read -r -a heap <<<"$SERVICE_HEAP"
  start_bg "$name" "$logfile" env "${environment[@]}" "$java" "${heap[@]}" -jar "$jar"
}

service_wait() {
  local service="$1" name="$RUN_NAME-$1"
  wait_for_http "http://localhost:$(management_port_of "$service")/q/health/ready" "$SERVICE_START_TIMEOUT" "$service" \
    "$(log_file "$name")" "$(pid_file "$name")"
  log "$service: ready on http://localhost:$(port_of "$service")"
}

services_up() {
  check_java_version
  ensure_local_dirs
  local service
  # Start all, then wait for all: the JVMs boot side by side.
  for service in "${SERVICES[@]}"; do service_up "$service"; done
  for service in "${SERVICES[@]}"; do service_wait "$service"; done
}

services_down() {
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    stop_pid "$RUN_NAME-${SERVICES[i]}"
  done
}

services_status() {
  local service rc=0 pidfile
  for service in "${SERVICES[@]}"; do
    pidfile="$(pid_file "$RUN_NAME-$service")"
    if is_running "$pidfile" && http_ok "http://localhost:$(management_port_of "$service")/q/health/ready"; then
      printf '%-18s ready    http://localhost:%s (pid %s)\n' "$service" "$(port_of "$service")" "$(read_pid "$pidfile")"
    elif is_running "$pidfile"; then
      printf '%-18s starting or unhealthy  http://localhost:%s (log %s)\n' "$service" "$(port_of "$service")" "$(log_file "$RUN_NAME-$service")"
      rc=3
    else
      printf '%-18s stopped  port %s\n' "$service" "$(port_of "$service")"
      rc=3
    fi
  done
  return "$rc"
}

case "${1:-}" in
  up) services_up ;;
  down) services_down ;;
  status) services_status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
