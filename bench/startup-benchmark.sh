#!/usr/bin/env bash
# Benchmark (not a test): how long the local platform takes to be ready, and the CPU its eight Spring parts spend
# getting there, for each way run.sh can launch them (ADR 0066) — before/after in one invocation on this machine.
#
#   bench/startup-benchmark.sh [--rounds 2] [--modes 'jar extracted'] [--port-base 21000]
#
# Each round starts the platform once per mode (./run.sh --clean --detach, its own PERMITWATCH_LOCAL under target/,
# ports from --port-base, no HJ 212 simulator), reads run.sh's "ready N s after launch" (the first sync and the demo
# seed included), each part's ready time, and each Spring part's user + system CPU from /proc once it is ready, then
# stops it. Modes alternate within a round so a machine whose load drifts affects both alike. The budget: ready in
# ≤ 90 s on 2 cores. The first "extracted" start after a build extracts the jars (a few seconds, in parallel); later
# ones find them in run.sh's launch cache.
#
#   jar        SPRING_LAUNCH=jar: java -jar on the executable jar (classes from jars nested in it)
#   extracted  the default: java -jar on the extracted application jar, its libraries plain jars beside it
set -Eeuo pipefail
cd "$(dirname "$0")/.."

ROUNDS=2 MODES='jar extracted' PORT_BASE=21000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    *) sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
  esac
done

export PERMITWATCH_LOCAL="$PWD/target/bench-startup"
b=$PORT_BASE
export GATEWAY_PORT=$((b + 80)) REGISTRY_PORT=$((b + 761)) PERMIT_SYNC_PORT=$((b + 81)) INSPECTION_PORT=$((b + 82))
export LIAISON_PORT=$((b + 83)) REPORTING_PORT=$((b + 84)) IDENTITY_PORT=$((b + 85)) MONITORING_PORT=$((b + 86))
export HJ212_PORT=$((b + 212)) MOCK_PORT=$((b + 90)) KAFKA_PORT=$((b + 92)) KAFKA_CONTROLLER_PORT=$((b + 93))
export PG_PORT=$((b + 320)) MAIL_PORT=$((b + 25)) S3_PORT=$((b + 900)) SIMULATOR_POINTS=0
SPRING_PARTS=(registry identity-service gateway permit-sync inspection-service liaison-service reporting-service
  monitoring-service)
trap './run.sh stop >/dev/null 2>&1 || true' EXIT

# A platform an interrupted run of this benchmark left behind. Every start below is SKIP_BUILD=1: the jars must exist,
# and a stale one would otherwise be rebuilt inside the first measured start.
./run.sh stop >/dev/null 2>&1 || true
echo "startup benchmark: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD), $(date -Is)"
printf '%-6s %-10s %7s  %-16s %s\n' round mode ready "Spring CPU (s)" "per part: ready at s / CPU s"
for round in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do
    launch=extracted; [[ "$mode" == jar ]] && launch=jar
    log="$PERMITWATCH_LOCAL.$mode.log"
    mkdir -p "$PERMITWATCH_LOCAL"
    if ! SPRING_LAUNCH=$launch SKIP_BUILD=1 ./run.sh --clean --detach >"$log" 2>&1; then
      echo "round $round $mode: the platform did not start, see $log" >&2; tail -20 "$log" >&2; exit 1
    fi
    ready="$(grep -o 'ready [0-9]* s after launch' "$log" | grep -o '[0-9]*')"
    total=0 detail=""
    for part in "${SPRING_PARTS[@]}"; do
      pid="$(head -1 "$PERMITWATCH_LOCAL/run/$part.pid")"
      ticks="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
      at="$(sed -nE "s/.*$part ready on :[0-9]+ \(([0-9]+) s\).*/\1/p" "$log" | head -1)"
      total=$((total + ticks))
      detail+="$part ${at:-?}/$(awk -v t="$ticks" 'BEGIN { printf "%.1f", t / 100 }')  "
    done
    printf '%-6s %-10s %5s s  %-16s %s\n' "$round" "$mode" "$ready" "$(awk -v t="$total" 'BEGIN { printf "%.1f", t / 100 }')" "$detail"
    ./run.sh stop >/dev/null 2>&1
  done
done
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
