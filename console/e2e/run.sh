#!/usr/bin/env bash
# The console's browser test (ADR 0021): starts its own platform with ./run.sh --detach (its own PERMITWATCH_LOCAL
# and ports, clear of the system test's 28000s and a developer's 8080s), runs console.e2e.mjs with Debian's chromium,
# stops the platform. .ci/run calls it after the system test; the jars are built by then (run.sh builds if not).
# KEEP_PLATFORM=1 leaves the platform running (stop with the same environment and ./run.sh stop).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# Debian's browser and CJK fonts (the console is Chinese): a test tool's own browser download cannot work here.
# flock: .ci/run builds the base image and installs podman meanwhile; our scripts take turns at apt (one lock file).
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  flock /var/lock/permitwatch-apt sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null'
fi

export PERMITWATCH_LOCAL="${PERMITWATCH_LOCAL:-$ROOT/console/target/platform}"
# Ports from 25000 (management ports +1000: 26000s): below Linux's ephemeral range (32768–60999), as the system
# test's 28000s are. In the 38000s a service once found its port taken by an outgoing connection's local port
# (inspection-service: "Port 38082 was already in use"), more likely now that HJ 212 units connect at start-up.
export GATEWAY_PORT="${GATEWAY_PORT:-25080}" REGISTRY_PORT="${REGISTRY_PORT:-25761}"
export PERMIT_SYNC_PORT="${PERMIT_SYNC_PORT:-25081}" INSPECTION_PORT="${INSPECTION_PORT:-25082}"
export LIAISON_PORT="${LIAISON_PORT:-25083}" REPORTING_PORT="${REPORTING_PORT:-25084}"
export MONITORING_PORT="${MONITORING_PORT:-25086}" HJ212_PORT="${HJ212_PORT:-25212}"
export IDENTITY_PORT="${IDENTITY_PORT:-25085}" MOCK_PORT="${MOCK_PORT:-25090}" KAFKA_PORT="${KAFKA_PORT:-25092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-25093}" PG_PORT="${PG_PORT:-25320}" MAIL_PORT="${MAIL_PORT:-25025}"
# The console needs the directory, not plans or cases: a smaller national mock keeps the first sync short; the
# console shows no live monitoring data yet, so a few simulated HJ 212 points are enough to keep that path running.
# The evidence files' S3 API server (s3proxy, ADR 0031): never a developer's default 9000.
export S3_PORT="${S3_PORT:-25900}"
export MOCK_SIZE="${MOCK_SIZE:-300}" SIMULATOR_POINTS="${SIMULATOR_POINTS:-10}"

[[ -d console/node_modules/playwright-core ]] || npm ci --prefix console --no-audit --no-fund

stop() { [[ "${KEEP_PLATFORM:-0}" == 1 ]] || ./run.sh stop >/dev/null 2>&1 || true; }
trap stop EXIT
started=$(date +%s)
./run.sh --clean --detach
echo "[console-e2e] platform ready in $(( $(date +%s) - started )) s"
GATEWAY_URL="http://localhost:$GATEWAY_PORT" DEMO_USERS="$PERMITWATCH_LOCAL/keys/demo-users.json" \
  node console/e2e/console.e2e.mjs "${1:-}"
