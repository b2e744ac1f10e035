#!/usr/bin/env bash
# Gateway overhead benchmark: the same cheap authenticated GET sent to spend-service directly, through the
# gateway, and through nginx (the reference of a well-configured plain reverse proxy), measured with wrk.
#
#   bench/gateway-overhead.sh            full run (about 12 minutes, plus infrastructure start-up)
#   BENCH_DURATION=3s bench/gateway-overhead.sh   quick run (every wrk phase 3 s: checks the set-up, not the goals)
#
# What it does, and undoes on exit (also on failure or Ctrl-C):
#   1. deploy/local/infra.sh up (PostgreSQL, Kafka, Keycloak); at the end it stops only the components that
#      were not running before;
#   2. starts the packaged spend-service and gateway on their own ports (28082, 28080), named bench-*, so a
#      running network (8080-8083) or system-test network (18080-18083) is not touched;
#   3. starts nginx (1 worker, upstream keep-alive) on 28090 with a config generated from
#      bench/nginx.conf.template into .local/bench/;
#   4. per target (direct, gateway, nginx): a fresh token, a check that the GET answers 200 and a warm-up; then
#      per target: latency at 1 connection and throughput at 32 connections; then it prints a table and the two
#      goals (PASS/FAIL) and saves the table with every raw wrk output in .local/bench/results-<timestamp>.txt.
# The exit status is 0 when the measurement ran, whether or not a goal was met.
#
# Environment (defaults in brackets):
#   BENCH_DURATION                 sets all three durations below at once (e.g. 3s for a quick run)
#   BENCH_WARMUP_DURATION [120s]   BENCH_LATENCY_DURATION [15s]    BENCH_THROUGHPUT_DURATION [20s]
#                                  (on 2 shared cores the JVMs' JIT keeps compiling for 2-3 minutes under full
#                                  load: the gateway's CPU per request falls by a third over that time, so
#                                  shorter warm-ups measure the compiler, not the proxy)
#   BENCH_WARMUP_CONNECTIONS [32]  BENCH_THROUGHPUT_CONNECTIONS [32]   BENCH_THROUGHPUT_THREADS [2]
#                                  (the warm-up runs at the throughput load, with as many wrk threads)
#   BENCH_ROUNDS [3]               repeat the latency and throughput runs of all targets, round-robin, and
#                                  report the medians (on a shared machine the noise then hits every target;
#                                  single runs of the same target vary by 10-15%)
#   BENCH_IDLE_SAMPLE_SECONDS [3]  CPU sampled with everything idle before each target (background load)
#   BENCH_BACKGROUND_WARN [0.3]    warn when other processes keep more cores than this busy
#   BENCH_SPEND_PORT [28082]  BENCH_GATEWAY_PORT [28080]  BENCH_NGINX_PORT [28090]  BENCH_NGINX_AUTO_PORT [28091]
#   BENCH_SPEND_MANAGEMENT_PORT [28092]  BENCH_GATEWAY_MANAGEMENT_PORT [28100]  health checks (management interface)
#   BENCH_NGINX_AUTO [false]       true: also measure nginx with "worker_processes auto" (target nginx-auto)
#   BENCH_TARGETS [direct gateway nginx]  which targets to measure, in this order (e.g. "gateway" alone, to
#                                  compare gateway settings given with BENCH_GATEWAY_ENV; the goals need all three)
#   BENCH_PATH [/api/v1/suppliers?limit=1]
#   BENCH_CLIENT_ID [darlington-council]  BENCH_CLIENT_SECRET [<client id>-secret]
#   BENCH_SPEND_DB [spend_system]  the database spend-service reads (migrated by Flyway at start)
#   BENCH_GATEWAY_RATE_LIMIT [lift]  lift: the gateway's per-client rate limit is raised out of reach (the limiter
#                                  still runs on every request, but one token's client is not throttled to 50 req/s);
#                                  keep: as configured (expect 429s); off: anchor.gateway.rate-limit.enabled=false
#   BENCH_GATEWAY_ENV []           more VAR=value settings for the gateway, space-separated
#   BENCH_KEEP_INFRA [false]       true: leave the infrastructure this script started running
#   BENCH_GOAL_NGINX_RATIO [0.90]  BENCH_GOAL_ADDED_P50_MS [1.0]
#   SERVICE_HEAP [-Xmx256m]  SERVICE_START_TIMEOUT [120]
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../deploy/local/lib.sh"

BENCH_SRC_DIR="$REPO/bench"
DEPLOY_DIR="$REPO/deploy/local"
BENCH_DIR="$LOCAL_DIR/bench"
# Decimal points in printf, whatever the caller's locale (not exported: the services keep theirs).
LC_NUMERIC=C

WARMUP_DURATION="${BENCH_WARMUP_DURATION:-${BENCH_DURATION:-120s}}"
LATENCY_DURATION="${BENCH_LATENCY_DURATION:-${BENCH_DURATION:-15s}}"
THROUGHPUT_DURATION="${BENCH_THROUGHPUT_DURATION:-${BENCH_DURATION:-20s}}"
WARMUP_CONNECTIONS="${BENCH_WARMUP_CONNECTIONS:-32}"
THROUGHPUT_CONNECTIONS="${BENCH_THROUGHPUT_CONNECTIONS:-32}"
THROUGHPUT_THREADS="${BENCH_THROUGHPUT_THREADS:-2}"
ROUNDS="${BENCH_ROUNDS:-3}"
IDLE_SAMPLE_SECONDS="${BENCH_IDLE_SAMPLE_SECONDS:-3}"
BACKGROUND_WARN="${BENCH_BACKGROUND_WARN:-0.3}"
SPEND_PORT="${BENCH_SPEND_PORT:-28082}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-28080}"
NGINX_PORT="${BENCH_NGINX_PORT:-28090}"
NGINX_AUTO_PORT="${BENCH_NGINX_AUTO_PORT:-28091}"
SPEND_MANAGEMENT_PORT="${BENCH_SPEND_MANAGEMENT_PORT:-28092}"
GATEWAY_MANAGEMENT_PORT="${BENCH_GATEWAY_MANAGEMENT_PORT:-28100}"
NGINX_AUTO="${BENCH_NGINX_AUTO:-false}"
SELECTED_TARGETS="${BENCH_TARGETS:-direct gateway nginx$([[ "$NGINX_AUTO" != true ]] || echo ' nginx-auto')}"
REQUEST_PATH="${BENCH_PATH:-/api/v1/suppliers?limit=1}"
CLIENT_ID="${BENCH_CLIENT_ID:-darlington-council}"
CLIENT_SECRET="${BENCH_CLIENT_SECRET:-$CLIENT_ID-secret}"
SPEND_DB="${BENCH_SPEND_DB:-spend_system}"
GATEWAY_RATE_LIMIT="${BENCH_GATEWAY_RATE_LIMIT:-lift}"
GATEWAY_EXTRA_ENV="${BENCH_GATEWAY_ENV:-}"
# A phase with more non-2xx answers or socket errors than this share of its requests is not a measurement.
MAX_ERROR_SHARE=0.01
KEEP_INFRA="${BENCH_KEEP_INFRA:-false}"
GOAL_NGINX_RATIO="${BENCH_GOAL_NGINX_RATIO:-0.90}"
GOAL_ADDED_P50_MS="${BENCH_GOAL_ADDED_P50_MS:-1.0}"
SERVICE_HEAP="${SERVICE_HEAP:--Xmx256m}"
SERVICE_START_TIMEOUT="${SERVICE_START_TIMEOUT:-120}"
TOKEN_URL="http://localhost:8180/realms/anchor-network/protocol/openid-connect/token"
# Ports nothing listens on: the gateway needs URLs for framework- and pledge-service, the benchmark never calls them.
UNUSED_FRAMEWORK_PORT=28081
UNUSED_PLEDGE_PORT=28083

SPEND_NAME=bench-spend-service
GATEWAY_NAME=bench-gateway
NGINX_NAME=bench-nginx
NGINX_AUTO_NAME=bench-nginx-auto
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$BENCH_DIR/results-$STAMP.txt"
RUN_DIR="$BENCH_DIR/run-$STAMP"

STARTED_INFRA=()
INFRA_UP_CALLED=false
SAMPLER_PID=""
NGINX_BIN=""
CPUS="$(nproc)"

# Per target: where it listens, and one value per round of each figure (filled by measure_target), then
# the medians over the rounds (M_*, filled by summarise).
declare -A PORT_OF=() PROXY_OF=() RPS_N=() P50_N=() P99_N=() RPS_1=() P50_1=() P90_1=() P99_1=() PROBLEMS=() \
  CONNS=() CPU_N=() IDLE_LOAD=() INVALID=()
declare -A M_RPS_N=() M_P50_N=() M_P99_N=() M_RPS_1=() M_P50_1=() M_P90_1=() M_P99_1=() M_CONNS=() M_CPU_N=() M_IDLE=()
TARGETS=()

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$(readlink -f "${BASH_SOURCE[0]}")"
  exit "${1:-2}"
}

# ------------------------------------------------------------------ set-up and tear-down

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_sampler
  local name
  for name in "$NGINX_AUTO_NAME" "$NGINX_NAME" "$GATEWAY_NAME" "$SPEND_NAME"; do
    if [[ -f "$(pid_file "$name")" ]]; then
      stop_pid "$name" || true
    fi
  done
  if [[ "$INFRA_UP_CALLED" == true && ${#STARTED_INFRA[@]} -gt 0 ]]; then
    if [[ "$KEEP_INFRA" == true ]]; then
      bench_log "leaving ${STARTED_INFRA[*]} running (BENCH_KEEP_INFRA=true); stop with: deploy/local/infra.sh down ${STARTED_INFRA[*]}"
    else
      bench_log "stopping the infrastructure this run started: ${STARTED_INFRA[*]}"
      "$DEPLOY_DIR/infra.sh" down "${STARTED_INFRA[@]}" || true
    fi
  fi
  rm -rf "$RUN_DIR"
  exit "$status"
}

check_settings() {
  local d n
  for d in "$WARMUP_DURATION" "$LATENCY_DURATION" "$THROUGHPUT_DURATION"; do
    [[ "$d" =~ ^[1-9][0-9]*[smh]?$ ]] || die "durations look like 10s, 2m or 15 (seconds); got '$d'"
  done
  for n in "$WARMUP_CONNECTIONS" "$THROUGHPUT_CONNECTIONS" "$THROUGHPUT_THREADS" "$IDLE_SAMPLE_SECONDS" \
    "$ROUNDS" "$SPEND_PORT" "$GATEWAY_PORT" "$NGINX_PORT" "$NGINX_AUTO_PORT" "$SPEND_MANAGEMENT_PORT" \
    "$GATEWAY_MANAGEMENT_PORT"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "expected a whole number, got '$n'"
  done
  ((ROUNDS >= 1)) || die "BENCH_ROUNDS must be 1 or more"
  ((THROUGHPUT_THREADS <= THROUGHPUT_CONNECTIONS)) || die "wrk needs at least as many connections as threads"
  [[ "$REQUEST_PATH" == /* ]] || die "BENCH_PATH must start with /"
  local t
  for t in $SELECTED_TARGETS; do
    [[ "$t" =~ ^(direct|gateway|nginx|nginx-auto)$ ]] || die "BENCH_TARGETS lists direct, gateway, nginx, nginx-auto; got '$t'"
  done
  [[ "$GATEWAY_RATE_LIMIT" =~ ^(lift|keep|off)$ ]] || die "BENCH_GATEWAY_RATE_LIMIT is lift, keep or off; got '$GATEWAY_RATE_LIMIT'"
}

# wrk and nginx (Debian packages wrk, nginx-light): installed with apt-get when root, otherwise say how.
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  if ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
    missing+=(nginx-light)
  fi
  if ((${#missing[@]} > 0)); then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      bench_log "installing ${missing[*]} with apt-get"
      apt-get update -qq >"$(log_file bench-apt)" 2>&1 || die "apt-get update failed" "$(log_file bench-apt)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >>"$(log_file bench-apt)" 2>&1 || die "apt-get install ${missing[*]} failed" "$(log_file bench-apt)"
    else
      die "missing ${missing[*]}: install them first, e.g. sudo apt-get install -y ${missing[*]} (Debian/Ubuntu)"
    fi
  fi
  NGINX_BIN="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"
  require_cmd wrk curl ss awk sed pgrep
}

check_free() {
  local name="$1" port="$2"
  if is_running "$(pid_file "$name")"; then
    die "$name is already running (pid $(read_pid "$(pid_file "$name")")): another benchmark run, or one left over; stop that first"
  fi
  if tcp_open 127.0.0.1 "$port"; then
    die "port $port (for $name) is taken by another process; choose another with the BENCH_*_PORT variables"
  fi
}

infra_up() {
  local component
  # Only what was not already running is ours to stop at the end.
  for component in postgres kafka keycloak; do
    if ! "$DEPLOY_DIR/infra.sh" status "$component" >/dev/null 2>&1; then
      STARTED_INFRA+=("$component")
    fi
  done
  local running=()
  for component in postgres kafka keycloak; do
    [[ " ${STARTED_INFRA[*]} " == *" $component "* ]] || running+=("$component")
  done
  bench_log "infrastructure already running: ${running[*]:-none}; to start (and stop at the end): ${STARTED_INFRA[*]:-none}"
  INFRA_UP_CALLED=true
  "$DEPLOY_DIR/infra.sh" up
}

jar_of() { printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$REPO" "$1"; }

start_services() {
  local java jar module heap=()
  java="$(java_cmd)"
  read -r -a heap <<<"$SERVICE_HEAP"
  for module in spend-service gateway; do
    jar="$(jar_of "$module")"
    [[ -f "$jar" ]] || die "$module: $jar is missing; build it first: ./mvnw -B -o -pl gateway,spend-service -am package -DskipTests"
  done
  # Both log every request (hundreds of MB per run): each run starts their logs afresh.
  : >"$(log_file "$SPEND_NAME")"
  : >"$(log_file "$GATEWAY_NAME")"
  # Its own consumer group, reading only new events: a running network's spend-service keeps its partitions.
  start_bg "$SPEND_NAME" "$(log_file "$SPEND_NAME")" env \
    "QUARKUS_HTTP_PORT=$SPEND_PORT" \
    "QUARKUS_MANAGEMENT_PORT=$SPEND_MANAGEMENT_PORT" \
    "SPEND_DB_NAME=$SPEND_DB" \
    "ANCHOR_MESSAGING_CONSUMERS_GROUP_PREFIX=bench-$STAMP." \
    "ANCHOR_MESSAGING_CONSUMERS_AUTO_OFFSET_RESET=latest" \
    "$java" "${heap[@]}" -jar "$(jar_of spend-service)"
  local gateway_env=(
    "QUARKUS_HTTP_PORT=$GATEWAY_PORT"
    "QUARKUS_MANAGEMENT_PORT=$GATEWAY_MANAGEMENT_PORT"
    "SPEND_SERVICE_URL=http://localhost:$SPEND_PORT"
    "FRAMEWORK_SERVICE_URL=http://localhost:$UNUSED_FRAMEWORK_PORT"
    "PLEDGE_SERVICE_URL=http://localhost:$UNUSED_PLEDGE_PORT"
  ) extra=()
  case "$GATEWAY_RATE_LIMIT" in
    # One client sends every request here; the goals are about the proxy hop, not about the limit.
    lift) gateway_env+=(
      ANCHOR_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND=1000000000 ANCHOR_GATEWAY_RATE_LIMIT_CLIENT_BURST=1000000000
      ANCHOR_GATEWAY_RATE_LIMIT_ANONYMOUS_REQUESTS_PER_SECOND=1000000000 ANCHOR_GATEWAY_RATE_LIMIT_ANONYMOUS_BURST=1000000000) ;;
    off) gateway_env+=(ANCHOR_GATEWAY_RATE_LIMIT_ENABLED=false) ;;
    keep) ;;
  esac
  read -r -a extra <<<"$GATEWAY_EXTRA_ENV"
  gateway_env+=("${extra[@]}")
  GATEWAY_SETTINGS="${gateway_env[*]:5}"
  start_bg "$GATEWAY_NAME" "$(log_file "$GATEWAY_NAME")" env "${gateway_env[@]}" \
    "$java" "${heap[@]}" -jar "$(jar_of gateway)"
  wait_for_http "http://localhost:$SPEND_MANAGEMENT_PORT/q/health/ready" "$SERVICE_START_TIMEOUT" "$SPEND_NAME" \
    "$(log_file "$SPEND_NAME")" "$(pid_file "$SPEND_NAME")"
  bench_log "$SPEND_NAME: ready on port $SPEND_PORT (database $SPEND_DB)"
  wait_for_http "http://localhost:$GATEWAY_MANAGEMENT_PORT/q/health/ready" "$SERVICE_START_TIMEOUT" "$GATEWAY_NAME" \
    "$(log_file "$GATEWAY_NAME")" "$(pid_file "$GATEWAY_NAME")"
  bench_log "$GATEWAY_NAME: ready on port $GATEWAY_PORT (spend-service at localhost:$SPEND_PORT)"
}

# start_nginx NAME PORT WORKERS: nginx in the foreground (daemon off) with a config generated from the template.
start_nginx() {
  local name="$1" port="$2" workers="$3" dir conf user_line template
  dir="$BENCH_DIR/${name#bench-}"
  conf="$dir/nginx.conf"
  mkdir -p "$dir/tmp"
  if is_root; then
    # Workers as root need no access rights to .local/bench; this nginx only listens on 127.0.0.1.
    user_line="user root;"
  else
    user_line="# not root: workers run as $(id -un)"
  fi
  template="$(<"$BENCH_SRC_DIR/nginx.conf.template")"
  template="${template//@USER_LINE@/$user_line}"
  template="${template//@WORKERS@/$workers}"
  template="${template//@DIR@/$dir}"
  template="${template//@PORT@/$port}"
  template="${template//@UPSTREAM_PORT@/$SPEND_PORT}"
  printf '%s\n' "$template" >"$conf"
  "$NGINX_BIN" -t -q -p "$dir/" -c "$conf" -e "$dir/error.log" >>"$(log_file "$name")" 2>&1 \
    || die "$name: nginx -t rejects $conf" "$(log_file "$name")"
  start_bg "$name" "$(log_file "$name")" "$NGINX_BIN" -p "$dir/" -c "$conf" -e "$dir/error.log"
  wait_for_tcp 127.0.0.1 "$port" 15 "$name" "$dir/error.log" "$(pid_file "$name")"
  bench_log "$name: listening on port $port (worker_processes $workers, upstream 127.0.0.1:$SPEND_PORT keepalive 64; config $conf)"
}

# ------------------------------------------------------------------ measuring

fetch_token() {
  local response token
  response="$(curl -sS --max-time 15 -d grant_type=client_credentials -d "client_id=$CLIENT_ID" \
    -d "client_secret=$CLIENT_SECRET" "$TOKEN_URL")" || die "no token from $TOKEN_URL (is Keycloak up?)"
  token="$(sed -nE 's/.*"access_token":"([^"]+)".*/\1/p' <<<"$response")"
  [[ -n "$token" ]] || die "no access_token for client $CLIENT_ID from $TOKEN_URL: ${response:0:300}"
  printf '%s\n' "$token"
}

check_200() {
  local target="$1" url="$2" token="$3" body code
  body="$RUN_DIR/check-$target.body"
  code="$(curl -sS -o "$body" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" "$url")" || code=000
  if [[ "$code" != 200 ]]; then
    die "$target: GET $url answered $code instead of 200: $(head -c 400 "$body" 2>/dev/null || true)"
  fi
}

# CPU ticks (user + system) of every process in the process group start_bg created for NAME.
group_ticks() {
  local pidfile pid p t sum=0
  pidfile="$(pid_file "$1")"
  if ! is_running "$pidfile"; then
    echo 0
    return 0
  fi
  pid="$(read_pid "$pidfile")"
  for p in $(pgrep -g "$pid" 2>/dev/null || true); do
    # Fields after "pid (comm) ": state is 1st, utime 12th, stime 13th.
    t="$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }')" || t=0
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

# "total busy" jiffies of all CPUs (busy = all but idle and iowait).
cpu_totals() {
  awk '$1 == "cpu" { total = 0; for (i = 2; i <= 9; i++) total += $i; print total, total - $5 - $6; exit }' /proc/stat
}

# Snapshot of the machine and of our processes: "total busy spend gateway nginx nginx-auto".
cpu_snapshot() {
  printf '%s %s %s %s %s\n' "$(cpu_totals)" "$(group_ticks "$SPEND_NAME")" "$(group_ticks "$GATEWAY_NAME")" \
    "$(group_ticks "$NGINX_NAME")" "$(group_ticks "$NGINX_AUTO_NAME")"
}

# cpu_between BEFORE AFTER: cores used in between, "spend gateway nginx rest idle".
cpu_between() {
  awk -v cpus="$CPUS" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    total = y[1] - x[1]; if (total <= 0) total = 1;
    f = cpus / total;
    busy = (y[2] - x[2]) * f; spend = (y[3] - x[3]) * f; gw = (y[4] - x[4]) * f;
    ngx = (y[5] - x[5] + y[6] - x[6]) * f; rest = busy - spend - gw - ngx; if (rest < 0) rest = 0;
    printf "%.2f %.2f %.2f %.2f %.2f\n", spend, gw, ngx, rest, cpus - busy }'
}

# Busy cores with every process idle: other work on the machine (builds, tests) competing with the benchmark.
idle_load() {
  local before after
  before="$(cpu_totals)"
  sleep "$IDLE_SAMPLE_SECONDS"
  after="$(cpu_totals)"
  awk -v cpus="$CPUS" -v a="$before" -v b="$after" 'BEGIN {
    split(a, x, " "); split(b, y, " "); total = y[1] - x[1]; if (total <= 0) total = 1;
    printf "%.2f\n", (y[2] - x[2]) * cpus / total }'
}

# owner_pattern NAME: matches the "users:" column of "ss -p" for the processes of NAME (its process group);
# without NAME, wrk's own connections.
owner_pattern() {
  local pidfile pids
  if [[ -z "${1:-}" ]]; then
    printf '%s\n' '[(]"wrk",'
    return 0
  fi
  pidfile="$(pid_file "$1")"
  pids="$(pgrep -g "$(read_pid "$pidfile")" 2>/dev/null | paste -sd '|' -)" || true
  printf 'pid=(%s),\n' "${pids:-none}"
}

# start_sampler OUT OWNER: established TCP connections to spend-service opened by OWNER (an owner_pattern),
# sampled every 0.5 s: one line (client address:port) per connection, "#" after each sample.
start_sampler() {
  local out="$1" owner="$2"
  (
    while true; do
      ss -Htnp state established "( dport = :$SPEND_PORT )" 2>/dev/null | awk -v re="$owner" '$0 ~ re { print $3 }' || true
      echo "#"
      sleep 0.5
    done
  ) >"$out" &
  SAMPLER_PID=$!
}

stop_sampler() {
  if [[ -n "$SAMPLER_PID" ]]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  fi
}

# "max distinct": most connections at once, and distinct client ports seen (connections opened) over the run.
sampler_summary() {
  awk '$0 == "#" { if (n > max) max = n; n = 0; next } { n++; if (!seen[$0]++) distinct++ }
    END { printf "%d %d\n", max, distinct }' "$1"
}

# Numbers from wrk output: "req/s p50 p90 p99 non2xx socket-errors requests", latencies in ms.
parse_wrk() {
  awk '
    function ms(v,   n, unit) {
      n = v + 0; unit = v; sub(/^[0-9.]+/, "", unit)
      if (unit == "us") return n / 1000
      if (unit == "s") return n * 1000
      if (unit == "m") return n * 60000
      return n
    }
    $1 == "Requests/sec:" { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "90%" { p90 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { errors = $4 + $6 + $8 + $10 }
    / requests in / { requests = $1 }
    END { printf "%s %.3f %.3f %.3f %d %d %d\n", (rps == "" ? "0" : rps), p50, p90, p99, non2xx, errors, requests }'
}

# run_wrk TARGET PHASE URL TOKEN THREADS CONNECTIONS DURATION [--latency]: runs wrk, keeps its output
# in the results file, and prints the parsed numbers.
run_wrk() {
  local target="$1" phase="$2" url="$3" token="$4" threads="$5" connections="$6" duration="$7" latency="${8:-}"
  local out="$RUN_DIR/${target//[^A-Za-z0-9_-]/_}-$phase.txt" args=()
  args=(-t"$threads" -c"$connections" -d"$duration")
  [[ -z "$latency" ]] || args+=(--latency)
  bench_log "$target: $phase: wrk ${args[*]} $url"
  if ! wrk "${args[@]}" -H "Authorization: Bearer $token" "$url" >"$out" 2>&1; then
    die "$target: wrk failed during $phase" "$out"
  fi
  {
    printf '\n===== %s, %s: wrk %s -H "Authorization: Bearer <token>" %s =====\n' "$target" "$phase" "${args[*]}" "$url"
    cat "$out"
  } >>"$RESULTS"
  parse_wrk <"$out"
}

# add_target TARGET PORT [PROXY]: PROXY is the bench- name of the process whose connections to spend-service
# are counted (none: wrk's own, for the direct target).
add_target() {
  TARGETS+=("$1")
  PORT_OF[$1]="$2"
  PROXY_OF[$1]="${3:-}"
}

# warm_target TARGET: a fresh token, the check that the GET answers 200, and the warm-up run.
warm_target() {
  local target="$1" url token
  url="http://127.0.0.1:${PORT_OF[$target]}$REQUEST_PATH"
  token="$(fetch_token)"
  check_200 "$target" "$url" "$token"
  run_wrk "$target" warm-up "$url" "$token" "$(( THROUGHPUT_THREADS < WARMUP_CONNECTIONS ? THROUGHPUT_THREADS : WARMUP_CONNECTIONS ))" \
    "$WARMUP_CONNECTIONS" "$WARMUP_DURATION" >/dev/null
}

# measure_target TARGET ROUND: latency at 1 connection, then throughput at N connections.
# Every figure is appended to the target's list, one value per round.
measure_target() {
  local target="$1" round="$2" url token numbers rps p50 p90 p99 non2xx errors requests problems="" load
  local proxy="${PROXY_OF[$1]}" before after summary max distinct label="$1"
  ((ROUNDS == 1)) || label="$target (round $round/$ROUNDS)"
  url="http://127.0.0.1:${PORT_OF[$target]}$REQUEST_PATH"
  token="$(fetch_token)"
  check_200 "$target" "$url" "$token"

  load="$(idle_load)"
  IDLE_LOAD[$target]+="$load "
  bench_log "$label: background load with the benchmark idle: $load of $CPUS cores busy"
  if awk -v l="$load" -v max="$BACKGROUND_WARN" 'BEGIN { exit !(l > max) }'; then
    bench_log "$label: WARNING: other processes keep $load cores busy; the figures will be pessimistic and noisy"
  fi

  numbers="$(run_wrk "$label" latency-1conn "$url" "$token" 1 1 "$LATENCY_DURATION" --latency)"
  read -r rps p50 p90 p99 non2xx errors requests <<<"$numbers"
  RPS_1[$target]+="$rps " P50_1[$target]+="$p50 " P90_1[$target]+="$p90 " P99_1[$target]+="$p99 "
  ((non2xx == 0)) || problems+=" ${non2xx} non-2xx at 1 conn;"
  ((errors == 0)) || problems+=" ${errors} socket errors at 1 conn;"
  too_many_errors "$non2xx" "$errors" "$requests" && INVALID[$target]=true

  start_sampler "$RUN_DIR/$target-connections.txt" "$(owner_pattern "$proxy")"
  before="$(cpu_snapshot)"
  numbers="$(run_wrk "$label" "throughput-${THROUGHPUT_CONNECTIONS}conn" "$url" "$token" \
    "$THROUGHPUT_THREADS" "$THROUGHPUT_CONNECTIONS" "$THROUGHPUT_DURATION" --latency)"
  after="$(cpu_snapshot)"
  stop_sampler
  read -r rps p50 p90 p99 non2xx errors requests <<<"$numbers"
  RPS_N[$target]+="$rps " P50_N[$target]+="$p50 " P99_N[$target]+="$p99 "
  ((non2xx == 0)) || problems+=" ${non2xx} non-2xx at ${THROUGHPUT_CONNECTIONS} conns;"
  ((errors == 0)) || problems+=" ${errors} socket errors at ${THROUGHPUT_CONNECTIONS} conns;"
  too_many_errors "$non2xx" "$errors" "$requests" && INVALID[$target]=true
  CPU_N[$target]+="$(cpu_between "$before" "$after");"
  summary="$(sampler_summary "$RUN_DIR/$target-connections.txt")"
  CONNS[$target]+="$summary;"
  PROBLEMS[$target]+="$problems"
  {
    read -r max distinct <<<"$summary"
    printf '\n----- %s: TCP connections from %s to spend-service port %s during the %s-connection run -----\n' \
      "$label" "${proxy:-wrk}" "$SPEND_PORT" "$THROUGHPUT_CONNECTIONS"
    printf 'sampled every 0.5 s: at most %s at once, %s distinct connections seen, for %s requests\n' \
      "$max" "$distinct" "$requests"
    printf 'CPU (cores) spend gateway nginx rest idle: %s; background before: %s\n' "$(cpu_between "$before" "$after")" "$load"
  } >>"$RESULTS"
  [[ -z "$problems" ]] || bench_log "$label: WARNING:$problems the figures are not a clean measurement"
}

# too_many_errors NON2XX ERRORS REQUESTS: true when more than MAX_ERROR_SHARE of the requests failed.
too_many_errors() {
  awk -v n="$1" -v e="$2" -v r="$3" -v max="$MAX_ERROR_SHARE" 'BEGIN { exit !(r <= 0 || (n + e) > max * r) }'
}

# median "V1 V2 ...": the median of the values ("" when there are none).
median() {
  local values=()
  read -r -a values <<<"$1"
  ((${#values[@]} > 0)) || return 0
  printf '%s\n' "${values[@]}" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Medians over the rounds, into the M_* arrays the report reads.
summarise() {
  local t
  for t in "${TARGETS[@]}"; do
    M_RPS_N[$t]="$(median "${RPS_N[$t]}")"
    M_P50_N[$t]="$(median "${P50_N[$t]}")"
    M_P99_N[$t]="$(median "${P99_N[$t]}")"
    M_RPS_1[$t]="$(median "${RPS_1[$t]}")"
    M_P50_1[$t]="$(median "${P50_1[$t]}")"
    M_P90_1[$t]="$(median "${P90_1[$t]}")"
    M_P99_1[$t]="$(median "${P99_1[$t]}")"
    # CPU: mean over the rounds; connections: the largest counts of any round; background: mean.
    M_CPU_N[$t]="$(tr ';' '\n' <<<"${CPU_N[$t]}" | awk 'NF { for (i = 1; i <= 5; i++) s[i] += $i; n++ }
      END { if (n) printf "%.2f %.2f %.2f %.2f %.2f\n", s[1] / n, s[2] / n, s[3] / n, s[4] / n, s[5] / n }')"
    M_CONNS[$t]="$(tr ';' '\n' <<<"${CONNS[$t]}" | awk 'NF { if ($1 > m) m = $1; if ($2 > d) d = $2 }
      END { printf "%d %d\n", m, d }')"
    M_IDLE[$t]="$(tr ' ' '\n' <<<"${IDLE_LOAD[$t]}" | awk 'NF { s += $1; n++ } END { if (n) printf "%.2f\n", s / n }')"
  done
}

# ------------------------------------------------------------------ report

# fmt_ms VALUE: milliseconds with 2 decimals ("-" when missing).
fmt_ms() { if [[ -n "${1:-}" ]]; then printf '%.2f' "$1"; else printf -- '-'; fi; }

report() {
  local t direct_rps max distinct owner spend gw ngx rest idle ratio
  direct_rps="${M_RPS_N[direct]:-0}"
  echo
  echo "Gateway overhead: GET $REQUEST_PATH with a $CLIENT_ID token, $(date '+%F %T')"
  echo "Machine: $CPUS CPUs shared by wrk, nginx, gateway, spend-service (and anything else running);" \
    "load average before: $LOAD_BEFORE"
  echo "wrk: warm-up -t$(( THROUGHPUT_THREADS < WARMUP_CONNECTIONS ? THROUGHPUT_THREADS : WARMUP_CONNECTIONS )) -c$WARMUP_CONNECTIONS -d$WARMUP_DURATION; latency -t1 -c1 -d$LATENCY_DURATION;" \
    "throughput -t$THROUGHPUT_THREADS -c$THROUGHPUT_CONNECTIONS -d$THROUGHPUT_DURATION (latencies in ms)"
  echo "gateway settings for the benchmark: ${GATEWAY_SETTINGS:-none}"
  ((ROUNDS == 1)) || echo "Figures are medians of $ROUNDS rounds (targets measured round-robin); every round is in the results file."
  echo
  printf '%-11s %5s | %9s %7s %8s %8s | %8s %7s %7s %7s\n' target port \
    "req/s@$THROUGHPUT_CONNECTIONS" "x direct" "p50@$THROUGHPUT_CONNECTIONS" "p99@$THROUGHPUT_CONNECTIONS" \
    "req/s@1" "p50@1" "p90@1" "p99@1"
  printf '%s\n' "------------------+----------------------------------------+----------------------------------"
  for t in "${TARGETS[@]}"; do
    ratio="$(awk -v a="${M_RPS_N[$t]}" -v b="$direct_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    printf '%-11s %5s | %9.0f %7s %8s %8s | %8.0f %7s %7s %7s\n' "$t" "${PORT_OF[$t]}" "${M_RPS_N[$t]}" "$ratio" \
      "$(fmt_ms "${M_P50_N[$t]}")" "$(fmt_ms "${M_P99_N[$t]}")" "${M_RPS_1[$t]}" \
      "$(fmt_ms "${M_P50_1[$t]}")" "$(fmt_ms "${M_P90_1[$t]}")" "$(fmt_ms "${M_P99_1[$t]}")"
  done
  echo
  echo "During the $THROUGHPUT_CONNECTIONS-connection runs (CPU in cores of $CPUS; 'rest' = wrk, kernel and other processes):"
  for t in "${TARGETS[@]}"; do
    read -r spend gw ngx rest idle <<<"${M_CPU_N[$t]}"
    read -r max distinct <<<"${M_CONNS[$t]}"
    owner="${PROXY_OF[$t]:-wrk}"
    printf '  %-11s cpu spend %s gateway %s nginx %s rest %s idle %s (background before: %s);' \
      "$t" "$spend" "$gw" "$ngx" "$rest" "$idle" "${M_IDLE[$t]}"
    printf ' TCP %s -> :%s: at most %s open, %s distinct\n' "${owner#bench-}" "$SPEND_PORT" "$max" "$distinct"
  done
  for t in "${TARGETS[@]}"; do
    [[ -z "${PROBLEMS[$t]}" ]] || printf '  WARNING %s:%s these figures are not a clean measurement%s\n' "$t" \
      "${PROBLEMS[$t]}" "$([[ -z "${INVALID[$t]:-}" ]] || echo " (more than 1% failed: goals using it are INVALID)")"
  done
  echo
  goals
}

# verdict_of VERDICT TARGET...: VERDICT, or INVALID when a target's runs had too many errors to count.
verdict_of() {
  local verdict="$1" t
  shift
  for t in "$@"; do
    [[ -z "${INVALID[$t]:-}" ]] || verdict="INVALID ($t had errors)"
  done
  printf '%s\n' "$verdict"
}

goals() {
  local verdict line
  echo "Goals:"
  if [[ -n "${M_RPS_N[gateway]:-}" && -n "${M_RPS_N[nginx]:-}" ]]; then
    line="$(awk -v g="${M_RPS_N[gateway]}" -v n="${M_RPS_N[nginx]}" -v goal="$GOAL_NGINX_RATIO" 'BEGIN {
      r = (n > 0) ? g / n : 0
      printf "%s|%.2f (%.0f%%): gateway %.0f req/s, nginx %.0f req/s", (r >= goal ? "PASS" : "FAIL"), r, r * 100, g, n }')"
    verdict="$(verdict_of "${line%%|*}" gateway nginx)"
    printf '  %s  gateway throughput at %s connections >= %.0f%% of nginx: ratio %s\n' "$verdict" \
      "$THROUGHPUT_CONNECTIONS" "$(awk -v g="$GOAL_NGINX_RATIO" 'BEGIN { print g * 100 }')" "${line#*|}"
  fi
  if [[ -n "${M_P50_1[gateway]:-}" && -n "${M_P50_1[direct]:-}" ]]; then
    line="$(awk -v g="${M_P50_1[gateway]}" -v d="${M_P50_1[direct]}" -v goal="$GOAL_ADDED_P50_MS" 'BEGIN {
      a = g - d
      printf "%s|%+.3f ms: gateway %.3f ms, direct %.3f ms", (a <= goal ? "PASS" : "FAIL"), a, g, d }')"
    verdict="$(verdict_of "${line%%|*}" gateway direct)"
    printf '  %s  gateway p50 at 1 connection <= direct p50 + %s ms: added %s\n' "$verdict" "$GOAL_ADDED_P50_MS" "${line#*|}"
  fi
  # For comparison with docs: the same hop through nginx, and the reference goals of
  # performance-reliability.md §9.3 (G-GW-1: added p50 <= 0.5 ms, p99 <= 2 ms; G-GW-2: >= 0.4 x direct on a shared box).
  local t
  echo "For reference (no verdict): what each hop adds to direct at 1 connection, and its share of direct throughput:"
  for t in "${TARGETS[@]}"; do
    [[ "$t" != direct ]] || continue
    awk -v t="$t" -v g50="${M_P50_1[$t]}" -v d50="${M_P50_1[direct]}" -v g99="${M_P99_1[$t]}" -v d99="${M_P99_1[direct]}" \
      -v g="${M_RPS_N[$t]}" -v d="${M_RPS_N[direct]}" 'BEGIN {
      printf "  %-11s %+.3f ms p50, %+.2f ms p99, %.2f x direct req/s\n", t, g50 - d50, g99 - d99, (d > 0 ? g / d : 0) }'
  done
}

# ------------------------------------------------------------------ main

wanted() { [[ " $SELECTED_TARGETS " == *" $1 "* ]]; }

main() {
  local round target
  case "${1:-}" in
    "") ;;
    -h | --help | help) usage 0 ;;
    *) usage ;;
  esac
  check_settings
  check_java_version
  ensure_tools
  ensure_local_dirs
  mkdir -p "$BENCH_DIR"
  check_free "$SPEND_NAME" "$SPEND_PORT"
  check_free "$GATEWAY_NAME" "$GATEWAY_PORT"
  ! wanted nginx || check_free "$NGINX_NAME" "$NGINX_PORT"
  ! wanted nginx-auto || check_free "$NGINX_AUTO_NAME" "$NGINX_AUTO_PORT"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -p "$RUN_DIR"

  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  {
    echo "Gateway overhead benchmark, $(date '+%F %T %Z'), bench/gateway-overhead.sh"
    echo "host $(uname -n), $CPUS CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $LOAD_BEFORE"
    local changes=""
    [[ -z "$(git -C "$REPO" status --porcelain 2>/dev/null || true)" ]] || changes=" (uncommitted changes in the tree)"
    echo "repository $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$changes"
    echo "jars: spend-service $(date -r "$(jar_of spend-service)" '+%F %T' 2>/dev/null || echo missing)," \
      "gateway $(date -r "$(jar_of gateway)" '+%F %T' 2>/dev/null || echo missing) (quarkus-run.jar times)"
    echo "$("$(java_cmd)" -version 2>&1 | head -n 1); $("$NGINX_BIN" -v 2>&1); $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
  } >"$RESULTS"

  infra_up
  start_services
  ! wanted nginx || start_nginx "$NGINX_NAME" "$NGINX_PORT" 1
  ! wanted nginx-auto || start_nginx "$NGINX_AUTO_NAME" "$NGINX_AUTO_PORT" auto

  for target in $SELECTED_TARGETS; do
    case "$target" in
      direct) add_target direct "$SPEND_PORT" ;;
      gateway) add_target gateway "$GATEWAY_PORT" "$GATEWAY_NAME" ;;
      nginx) add_target nginx "$NGINX_PORT" "$NGINX_NAME" ;;
      nginx-auto) add_target nginx-auto "$NGINX_AUTO_PORT" "$NGINX_AUTO_NAME" ;;
    esac
  done
  # Every target warms up before any is measured: spend-service serves all three, and its JIT would
  # otherwise still be cold for the first target (direct) and warm for the last.
  for target in "${TARGETS[@]}"; do
    warm_target "$target"
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    for target in "${TARGETS[@]}"; do
      measure_target "$target" "$round"
    done
  done
  summarise

  local table
  table="$(report)"
  printf '\n%s\n' "$table" | tee -a "$RESULTS"
  echo
  bench_log "table and raw wrk outputs saved in $RESULTS"
}

LOAD_BEFORE=""
GATEWAY_SETTINGS=""
main "$@"
