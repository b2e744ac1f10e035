#!/usr/bin/env bash
# Spend ingest benchmark: a generated spend file uploaded through spend-service's HTTP API, against PostgreSQL's
# own COPY of the same rows, already parsed, into a table with the payment table's keys and indexes (the limit for
# storing this data).
#
#   bench/spend-ingest.sh                  1,000,000 rows (about 200 MB) and 150,000 rows (about 10 minutes)
#   BENCH_ROWS=100000 bench/spend-ingest.sh   a quicker run (checks the set-up, not the goals)
#
# What it does, and undoes on exit (also on failure or Ctrl-C):
#   1. generates the files with deploy/local/demo/generate-spend.py (Transparency Code layout, about 200 bytes a
#      row) into .local/bench/ingest/, once per size (kept for later runs);
#   2. deploy/local/infra.sh up; at the end it stops only the components that were not running before;
#   3. starts the packaged spend-service on port 28082 (bench-spend-service) with a 256 MB heap on the database
#      spend_bench, emptied at start (Flyway clean);
#   4. warms the service up with a 20,000-row upload, then uploads the 150,000-row file (as the NHS trust) and the
#      1,000,000-row file (as the council) with curl, sampling the service's resident memory (RSS) every 0.2 s;
#   5. COPYs the same 1,000,000 rows, already parsed, into bench_copy_payment (created LIKE payment INCLUDING ALL:
#      the same primary key, unique row key and indexes) with psql, and drops it;
#   6. prints the figures and the goals (PASS/FAIL) and keeps them in .local/bench/ingest-results-<timestamp>.txt.
#
# Environment (defaults in brackets):
#   BENCH_ROWS [1000000]  BENCH_SMALL_ROWS [150000]  BENCH_WARMUP_ROWS [20000]
#   BENCH_SPEND_PORT [28082]   BENCH_SPEND_MANAGEMENT_PORT [28092] (health checks)
#   SERVICE_HEAP [-Xmx256m]   BENCH_KEEP_INFRA [false]
#   BENCH_GOAL_COPY_RATIO [0.50]  BENCH_GOAL_SMALL_SECONDS [5]  BENCH_GOAL_RSS_MB [512]
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../deploy/local/lib.sh"

DEPLOY_DIR="$REPO/deploy/local"
WORK_DIR="$LOCAL_DIR/bench/ingest"
LC_NUMERIC=C

ROWS="${BENCH_ROWS:-1000000}"
SMALL_ROWS="${BENCH_SMALL_ROWS:-150000}"
WARMUP_ROWS="${BENCH_WARMUP_ROWS:-20000}"
SPEND_PORT="${BENCH_SPEND_PORT:-28082}"
SPEND_MANAGEMENT_PORT="${BENCH_SPEND_MANAGEMENT_PORT:-28092}"
SERVICE_HEAP="${SERVICE_HEAP:--Xmx256m}"
KEEP_INFRA="${BENCH_KEEP_INFRA:-false}"
GOAL_COPY_RATIO="${BENCH_GOAL_COPY_RATIO:-0.50}"
GOAL_SMALL_SECONDS="${BENCH_GOAL_SMALL_SECONDS:-5}"
GOAL_RSS_MB="${BENCH_GOAL_RSS_MB:-512}"
SPEND_DB=spend_bench
SPEND_NAME=bench-spend-service
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$LOCAL_DIR/bench/ingest-results-$STAMP.txt"
STARTED_INFRA=()
INFRA_UP_CALLED=false
SAMPLER_PID=""

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [[ -z "$SAMPLER_PID" ]] || kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -f "$(pid_file "$SPEND_NAME")" ]]; then
    stop_pid "$SPEND_NAME" || true
  fi
  if [[ "$INFRA_UP_CALLED" == true && ${#STARTED_INFRA[@]} -gt 0 && "$KEEP_INFRA" != true ]]; then
    bench_log "stopping the infrastructure this run started: ${STARTED_INFRA[*]}"
    "$DEPLOY_DIR/infra.sh" down "${STARTED_INFRA[@]}" || true
  fi
  exit "$status"
}

psql_bench() {
  PGPASSWORD=spend_service psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" \
    -U spend_service -d "$SPEND_DB" "$@"
}

# generate ROWS LAYOUT: the file (and for the big one its parsed COPY rows), once per size.
generate() {
  local rows="$1" csv="$WORK_DIR/spend-$1.csv" tsv="$WORK_DIR/spend-$1.tsv"
  if [[ ! -s "$csv" || ! -s "$tsv" ]]; then
    bench_log "generating $rows rows into $csv"
    python3 "$DEPLOY_DIR/demo/generate-spend.py" transparency "$rows" "$csv" --copy-tsv "$tsv" --seed "$rows"
  fi
}


# upload CLIENT FILE: prints "seconds accepted"; fails unless the batch was stored whole.
upload() {
  local client="$1" file="$2" out="$WORK_DIR/response-$STAMP.json" seconds
  seconds="$(curl -s -o "$out" -w '%{time_total}' -H "Authorization: Bearer $(demo_token "$client")" \
    -H 'Content-Type: text/csv' --data-binary @"$file" \
    "http://localhost:$SPEND_PORT/api/v1/payments/uploads?fileName=$(basename "$file")")"
  grep -q '"status":"ACCEPTED"' "$out" || die "upload of $file was not accepted: $(head -c 600 "$out")"
  printf '%s %s\n' "$seconds" "$(sed -E 's/.*"accepted":([0-9]+).*/\1/' "$out")"
}

# Peak resident memory of the service, in MB, sampled every 0.2 s into a file while it runs.
start_sampler() {
  local pid="$1" file="$2"
  : >"$file"
  ( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" >>"$file"; sleep 0.2; done ) &
  SAMPLER_PID=$!
}

stop_sampler() {
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
}

main() {
  [[ "${1:-}" != "-h" && "${1:-}" != "--help" ]] || { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }
  require_cmd curl psql python3 awk
  mkdir -p "$WORK_DIR"
  trap cleanup EXIT INT TERM
  local jar="$REPO/spend-service/target/quarkus-app/quarkus-run.jar"
  [[ -f "$jar" ]] || die "spend-service is not built: ./mvnw -B -o -pl spend-service -am package -DskipTests"
  is_running "$(pid_file "$SPEND_NAME")" && die "$SPEND_NAME is already running; stop that run first"
  tcp_open 127.0.0.1 "$SPEND_PORT" && die "port $SPEND_PORT is taken; choose another with BENCH_SPEND_PORT"
  tcp_open 127.0.0.1 "$SPEND_MANAGEMENT_PORT" \
    && die "port $SPEND_MANAGEMENT_PORT is taken; choose another with BENCH_SPEND_MANAGEMENT_PORT"

  generate "$WARMUP_ROWS"
  generate "$SMALL_ROWS"
  generate "$ROWS"

  local component
  for component in postgres kafka keycloak; do
    "$DEPLOY_DIR/infra.sh" status "$component" >/dev/null 2>&1 || STARTED_INFRA+=("$component")
  done
  INFRA_UP_CALLED=true
  "$DEPLOY_DIR/infra.sh" up

  local heap=()
  read -r -a heap <<<"$SERVICE_HEAP"
  : >"$(log_file "$SPEND_NAME")"
  start_bg "$SPEND_NAME" "$(log_file "$SPEND_NAME")" env "QUARKUS_HTTP_PORT=$SPEND_PORT" \
    "QUARKUS_MANAGEMENT_PORT=$SPEND_MANAGEMENT_PORT" "SPEND_DB_NAME=$SPEND_DB" \
    QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
    "ANCHOR_MESSAGING_CONSUMERS_GROUP_PREFIX=bench-$STAMP." ANCHOR_MESSAGING_CONSUMERS_AUTO_OFFSET_RESET=latest \
    "$(java_cmd)" "${heap[@]}" -jar "$jar"
  wait_for_http "http://localhost:$SPEND_MANAGEMENT_PORT/q/health/ready" 120 "$SPEND_NAME" "$(log_file "$SPEND_NAME")" \
    "$(pid_file "$SPEND_NAME")"
  local pid rss_file="$WORK_DIR/rss-$STAMP.txt"
  pid="$(read_pid "$(pid_file "$SPEND_NAME")")"
  start_sampler "$pid" "$rss_file"

  bench_log "warm-up: $WARMUP_ROWS rows as darlington-college"
  upload darlington-college "$WORK_DIR/spend-$WARMUP_ROWS.csv" >/dev/null
  bench_log "upload: $SMALL_ROWS rows as cddft-nhs-trust"
  local small big small_seconds big_seconds big_accepted
  small="$(upload cddft-nhs-trust "$WORK_DIR/spend-$SMALL_ROWS.csv")"
  small_seconds="${small% *}"
  bench_log "upload: $ROWS rows as darlington-council"
  big="$(upload darlington-council "$WORK_DIR/spend-$ROWS.csv")"
  big_seconds="${big% *}"
  big_accepted="${big#* }"
  stop_sampler
  local peak_rss
  peak_rss="$(sort -n "$rss_file" | tail -1)"

  bench_log "COPY: the same $ROWS rows, parsed, into a table like payment"
  psql_bench -c "drop table if exists bench_copy_payment" -c "create table bench_copy_payment (like payment including all)"
  local copy_start copy_seconds
  copy_start="$(date +%s.%N)"
  psql_bench -c "\\copy bench_copy_payment (id, anchor_org_id, row_key, payment_date, date_precision, amount, amount_basis, vat_amount, supplier_name, supplier_org_id, supplier_reference, description, department, expense_type, procurement_classification, capital_or_revenue, transaction_ref, transaction_line, redacted, batch_id, source_row, created_at) from '$WORK_DIR/spend-$ROWS.tsv'"
  copy_seconds="$(awk -v s="$copy_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')"
  psql_bench -c "drop table bench_copy_payment"

  local size_mb ingest_rate copy_rate ratio
  size_mb="$(awk -v b="$(stat -c %s "$WORK_DIR/spend-$ROWS.csv")" 'BEGIN { printf "%.0f", b / 1000000 }')"
  ingest_rate="$(awk -v r="$big_accepted" -v s="$big_seconds" 'BEGIN { printf "%.0f", r / s }')"
  copy_rate="$(awk -v r="$ROWS" -v s="$copy_seconds" 'BEGIN { printf "%.0f", r / s }')"
  ratio="$(awk -v a="$ingest_rate" -v b="$copy_rate" 'BEGIN { printf "%.2f", a / b }')"
  verdict() { if awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN { exit !((op == ">=") ? v >= g : v <= g) }'; then echo PASS; else echo FAIL; fi; }
  {
    printf '\nSpend ingest benchmark, %s (%s cores)\n\n' "$(date '+%F %T')" "$(nproc)"
    printf '| what | rows | seconds | rows/s |\n|---|---|---|---|\n'
    printf '| upload through the HTTP API (%s MB file) | %s | %s | %s |\n' "$size_mb" "$big_accepted" "$big_seconds" "$ingest_rate"
    printf '| COPY of the parsed rows into a table like payment | %s | %s | %s |\n' "$ROWS" "$copy_seconds" "$copy_rate"
    printf '| upload of a county council year | %s | %s | |\n\n' "$SMALL_ROWS" "$small_seconds"
    printf 'ingest / COPY rate: %s (goal >= %s) %s\n' "$ratio" "$GOAL_COPY_RATIO" "$(verdict "$ratio" "$GOAL_COPY_RATIO" ">=")"
    printf '%s-row upload: %s s (goal < %s s) %s\n' "$SMALL_ROWS" "$small_seconds" "$GOAL_SMALL_SECONDS" "$(verdict "$small_seconds" "$GOAL_SMALL_SECONDS" "<=")"
    printf 'service peak RSS during the uploads: %s MB (goal < %s MB, heap %s) %s\n' "$peak_rss" "$GOAL_RSS_MB" "$SERVICE_HEAP" "$(verdict "$peak_rss" "$GOAL_RSS_MB" "<=")"
  } | tee "$RESULTS"
  bench_log "figures kept in $RESULTS"
}

main "$@"
