# shellcheck shell=bash
# Helpers for the local infrastructure scripts in deploy/local/. Source it, don't run it.
#
# Everything at runtime lives under $REPO/.local/ (gitignored):
#   downloads/  fetched archives        logs/<name>.log  process output
#   pids/<name>.pid  processes WE started   state/  markers of what WE started
#
# Timeouts (seconds) can be overridden from the environment:
#   STOP_TIMEOUT (30)  TCP_CHECK_TIMEOUT (2)  HTTP_CHECK_TIMEOUT (5)  LOCK_TIMEOUT (300)

if [[ -n "${ANCHOR_LOCAL_LIB_LOADED:-}" ]]; then
  return 0
fi
ANCHOR_LOCAL_LIB_LOADED=1

# Repository root: two levels up from this file (deploy/local/lib.sh), symlinks resolved.
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)"
LOCAL_DIR="$REPO/.local"
DOWNLOADS_DIR="$LOCAL_DIR/downloads"
LOG_DIR="$LOCAL_DIR/logs"
PID_DIR="$LOCAL_DIR/pids"
STATE_DIR="$LOCAL_DIR/state"

STOP_TIMEOUT="${STOP_TIMEOUT:-30}"
TCP_CHECK_TIMEOUT="${TCP_CHECK_TIMEOUT:-2}"
HTTP_CHECK_TIMEOUT="${HTTP_CHECK_TIMEOUT:-5}"
LOCK_TIMEOUT="${LOCK_TIMEOUT:-300}"

ensure_local_dirs() {
  mkdir -p "$DOWNLOADS_DIR" "$LOG_DIR" "$PID_DIR" "$STATE_DIR"
}

log_file() { printf '%s/%s.log\n' "$LOG_DIR" "$1"; }
pid_file() { printf '%s/%s.pid\n' "$PID_DIR" "$1"; }

log() {
  printf '[infra %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

warn() {
  printf '[infra %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# die MESSAGE [LOGFILE]: print an error (and the tail of the log file, if any) and exit 1.
die() {
  local msg="$1" logfile="${2:-}"
  printf '[infra %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$msg" >&2
  if [[ -n "$logfile" ]]; then
    printf '[infra] see log file: %s\n' "$logfile" >&2
    if [[ -s "$logfile" ]]; then
      # The last 30 lines of the latest run (start_bg writes a "=====" banner per start).
      printf '[infra] ---- last lines of %s ----\n' "$logfile" >&2
      awk '/^===== / { n = 0 } { buf[++n] = $0 } END { for (i = (n > 30 ? n - 29 : 1); i <= n; i++) print buf[i] }' \
        "$logfile" >&2 || true
      printf '[infra] ---- end of %s ----\n' "$logfile" >&2
    fi
  fi
  exit 1
}

require_cmd() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "required command not found: $cmd"
  done
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# java_cmd: the java binary to use (JAVA_HOME first), must be Java 17 or newer.
java_cmd() {
  local java="java"
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java="$JAVA_HOME/bin/java"
  fi
  command -v "$java" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or put Java 17+ on PATH)"
  printf '%s\n' "$java"
}

check_java_version() {
  local java version major
  java="$(java_cmd)"
  version="$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${version%%.*}"
  if [[ "$major" == "1" ]]; then
    major="$(printf '%s' "$version" | cut -d. -f2)"
  fi
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] || die "Java 17 or newer is required (found '$version' at $java)"
}

# tcp_open HOST PORT: true if something accepts TCP connections there.
tcp_open() {
  local host="$1" port="$2"
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout "$TCP_CHECK_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" >/dev/null 2>&1
}

# http_ok URL: true if URL answers with a 2xx status.
http_ok() {
  curl -fsS -o /dev/null --max-time "$HTTP_CHECK_TIMEOUT" "$1" >/dev/null 2>&1
}

# is_running PIDFILE: true if the pid file names a live process that is still the
# session leader we created with setsid (guards against recycled pids).
is_running() {
  local pidfile="$1" pid sid
  [[ -f "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  sid="$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')"
  [[ "$sid" == "$pid" ]]
}

read_pid() {
  tr -dc '0-9' <"$1"
}

# wait_for_tcp HOST PORT TIMEOUT NAME LOGFILE [PIDFILE]
# Waits until HOST:PORT accepts connections; dies (naming NAME and LOGFILE) on timeout
# or, when PIDFILE is given, as soon as that process has exited.
wait_for_tcp() {
  local host="$1" port="$2" timeout_s="$3" name="$4" logfile="$5" pidfile="${6:-}"
  local deadline=$((SECONDS + timeout_s))
  until tcp_open "$host" "$port"; do
    if [[ -n "$pidfile" ]] && ! is_running "$pidfile"; then
      die "$name: process exited before accepting connections on $host:$port" "$logfile"
    fi
    if ((SECONDS >= deadline)); then
      die "$name: no TCP listener on $host:$port after ${timeout_s}s" "$logfile"
    fi
    sleep 1
  done
}

# wait_for_http URL TIMEOUT NAME LOGFILE [PIDFILE]
# Waits until URL answers 2xx; dies (naming NAME and LOGFILE) on timeout or early exit.
wait_for_http() {
  local url="$1" timeout_s="$2" name="$3" logfile="$4" pidfile="${5:-}"
  local deadline=$((SECONDS + timeout_s))
  until http_ok "$url"; do
    if [[ -n "$pidfile" ]] && ! is_running "$pidfile"; then
      die "$name: process exited before $url answered" "$logfile"
    fi
    if ((SECONDS >= deadline)); then
      die "$name: $url did not answer with HTTP 2xx after ${timeout_s}s" "$logfile"
    fi
    sleep 1
  done
}

# start_bg NAME LOGFILE CMD...
# Starts CMD detached (nohup + own session via setsid, stdin from /dev/null), output
# appended to LOGFILE, and writes its pid to .local/pids/NAME.pid. The pid written is
# the process that execs CMD, so it is also the session and process-group leader.
start_bg() {
  local name="$1" logfile="$2"
  shift 2
  local pidfile
  pidfile="$(pid_file "$name")"
  ensure_local_dirs
  rm -f "$pidfile"
  printf '\n===== %s: starting at %s: %s =====\n' "$name" "$(date '+%F %T')" "$*" >>"$logfile"
  # shellcheck disable=SC2016 # $$ and $@ are for the inner shell
  nohup setsid bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' _ "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 &
  local waited=0
  while [[ ! -s "$pidfile" ]] && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  [[ -s "$pidfile" ]] || die "$name: failed to start (no pid file $pidfile)" "$logfile"
  log "$name: started, pid $(read_pid "$pidfile"), log $logfile"
}

# stop_pid NAME [SIGNAL]
# Stops a process started by start_bg: SIGNAL (default TERM) to its process group, waits
# up to STOP_TIMEOUT seconds, then KILL. Only touches processes with a pid file of ours.
stop_pid() {
  local name="$1" sig="${2:-TERM}" pidfile pid
  pidfile="$(pid_file "$name")"
  if [[ ! -f "$pidfile" ]]; then
    log "$name: not started by us (no pid file), leaving it alone"
    return 0
  fi
  if ! is_running "$pidfile"; then
    log "$name: not running (removing stale pid file)"
    rm -f "$pidfile"
    return 0
  fi
  pid="$(read_pid "$pidfile")"
  log "$name: stopping pid $pid (SIG$sig, up to ${STOP_TIMEOUT}s)"
  kill -s "$sig" -- "-$pid" 2>/dev/null || kill -s "$sig" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      warn "$name: still running after ${STOP_TIMEOUT}s, sending KILL"
      kill -s KILL -- "-$pid" 2>/dev/null || kill -s KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  # Children left in the process group (e.g. the JVM under kc.sh) go too.
  if pgrep -g "$pid" >/dev/null 2>&1; then
    kill -s KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$name: stopped"
}

# mark_started NAME [DETAILS] / started_by_us NAME / clear_mark NAME: state markers.
mark_started() {
  ensure_local_dirs
  printf '%s\n' "${2:-started}" >"$STATE_DIR/$1.started"
}
started_by_us() { [[ -f "$STATE_DIR/$1.started" ]]; }
read_mark() { cat "$STATE_DIR/$1.started"; }
clear_mark() { rm -f "$STATE_DIR/$1.started"; }

# mvn_fetch PROFILE: run the standalone artifacts pom (deploy/local/artifacts/pom.xml)
# with the given profile; output goes to .local/logs/fetch-PROFILE.log.
mvn_fetch() {
  local profile="$1" logfile
  logfile="$(log_file "fetch-$profile")"
  ensure_local_dirs
  log "fetching $profile artifacts from Maven Central (log: $logfile)"
  if ! (cd "$REPO" && ./mvnw -B -q -f deploy/local/artifacts/pom.xml -P "$profile" \
        -Dlocal.dir="$LOCAL_DIR" validate) >"$logfile" 2>&1; then
    die "$profile: fetching artifacts with ./mvnw failed" "$logfile"
  fi
}

# demo_token CLIENT: an access token for a demo client of the local realm (client credentials; its local secret is
# CLIENT-secret). ANCHOR_OIDC_URL names another realm URL.
demo_token() {
  curl -fsS -d grant_type=client_credentials -d "client_id=$1" -d "client_secret=$1-secret" \
    "${ANCHOR_OIDC_URL:-http://localhost:8180/realms/anchor-network}/protocol/openid-connect/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
