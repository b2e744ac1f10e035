#!/usr/bin/env bash
# Starts the whole Anchor Network on this machine with demo data:
# PostgreSQL, Kafka and Keycloak (deploy/local/infra.sh), the four services built from this checkout
# (deploy/local/services.sh), then demo data through the gateway (deploy/local/demo-data.sh).
# Running it again is harmless: what runs is left alone, jars are rebuilt only when sources changed.
# Stop everything with deploy/local/down.sh.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
DEPLOY_DIR="$REPO/deploy/local"
cd "$REPO"
started=$SECONDS

"$DEPLOY_DIR/infra.sh" up

# Rebuild when a jar is missing or any source, resource or pom is newer than it.
needs_build=false
for module in framework-service spend-service pledge-service gateway; do
  jar="$module/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find . -path ./.local -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]]; then
    needs_build=true
  fi
done
if [[ "$needs_build" == true ]]; then
  logfile="$(log_file build)"
  log "building the services: ./mvnw -B package -DskipTests (log $logfile)"
  ./mvnw -B package -DskipTests >"$logfile" 2>&1 || die "build failed" "$logfile"
fi

"$DEPLOY_DIR/services.sh" up
"$DEPLOY_DIR/demo-data.sh" http://localhost:8080

cat <<TXT

Anchor Network is running (started in $((SECONDS - started)) s). Logs: .local/logs/   Stop: deploy/local/down.sh

  Gateway       http://localhost:8080
  Swagger UI    http://localhost:8080/q/swagger-ui
  Health        http://localhost:8090/q/health   (management interfaces 8090-8093, not routed to the public)
  Keycloak      http://localhost:8180   (admin console: admin / admin, local only)

Try it: get a token as Darlington Borough Council and list its payments:

  TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=darlington-council -d client_secret=darlington-council-secret http://localhost:8180/realms/anchor-network/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -s -H "Authorization: Bearer \$TOKEN" "http://localhost:8080/api/v1/payments?limit=2"

Public, no token: curl -s http://localhost:8080/api/v1/charters/fairer-richer-darlington/pledges
TXT
