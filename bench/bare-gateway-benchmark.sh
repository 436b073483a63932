#!/usr/bin/env bash
# Benchmark (not a test): what Spring Cloud Gateway itself costs, against what the platform's gateway costs, in one
# invocation on a running platform (./run.sh). Issue 21 asks the gateway for >= 80 % of direct throughput at 200
# connections; this shows how much of the gap is the component the mission prescribes and how much is ours.
#
#   bench/bare-gateway-benchmark.sh [--path /api/v1/inspections] [--post '{}'] [--direct http://127.0.0.1:8082] \
#       [-c 200] [--wrk 20] [--wrk-warmup SECONDS] [--port 18980]
#
# It packages bench/bare-gateway (Spring Cloud Gateway, the same versions as gateway/, one static route to --direct,
# no security, registry, circuit breaker, rate limit or observation), starts it with exactly the JVM flags the
# running platform's gateway has (read from /proc), and runs bench/gateway-benchmark.sh twice, back to back with wrk:
# the platform's gateway against direct, then the bare gateway against direct. The default request is the issue's
# invalid POST (answered 400 by inspection-service); --path/--post/--direct choose another (e.g. the directory page:
# --path '/api/v1/directory/units?size=20' --post '' --direct http://127.0.0.1:8081). The CPU each JVM spent per
# request is printed per side; the last lines sum up the ratios. Ports and keys as gateway-benchmark.sh takes them;
# BENCH_DIRECT_PART names the run.sh part behind --direct whose CPU is read (default inspection-service).
set -euo pipefail
cd "$(dirname "$0")/.."

PATH_Q=/api/v1/inspections BODY='{}' DIRECT="http://127.0.0.1:${INSPECTION_PORT:-8082}" C=200 WRK=20 WRK_WARMUP=''
PORT=18980
while [ $# -gt 0 ]; do
  case "$1" in
    --path) PATH_Q=$2; shift 2 ;;
    --post) BODY=$2; shift 2 ;;
    --direct) DIRECT=$2; shift 2 ;;
    -c) C=$2; shift 2 ;;
    --wrk) WRK=$2; shift 2 ;;
    --wrk-warmup) WRK_WARMUP=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
done
GATEWAY="http://127.0.0.1:${GATEWAY_PORT:-8080}"
LOCAL="${PERMITWATCH_LOCAL:-.local}"

gateway_pid="$(cat "$LOCAL/run/gateway.pid" 2>/dev/null || true)"
[[ -n "$gateway_pid" && -d "/proc/$gateway_pid" ]] || { echo "no running gateway (start the platform: ./run.sh)" >&2; exit 2; }
# The platform's gateway's own JVM flags, so both gateways run the same JIT, collector and heap.
mapfile -t jvm_flags < <(tr '\0' '\n' < "/proc/$gateway_pid/cmdline" | grep -E '^-X' | grep -v -- '-XX:StartFlightRecording')

jar=bench/bare-gateway/target/bare-gateway-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find bench/bare-gateway/src bench/bare-gateway/pom.xml -newer "$jar" 2>/dev/null)" ]]; then
  echo "packaging bench/bare-gateway"
  ./mvnw -B -q -o -f bench/bare-gateway/pom.xml package -DskipTests -Denforcer.skip=true -Dcheckstyle.skip=true \
    -Dspotless.check.skip=true -Djacoco.skip=true
fi

work=$(mktemp -d)
bare_pid=''
cleanup() { [[ -z "$bare_pid" ]] || kill "$bare_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
BARE_GATEWAY_PORT="$PORT" BARE_GATEWAY_TARGET="$DIRECT" \
  java -Dpermitwatch.part=bare-gateway "${jvm_flags[@]}" -jar "$jar" > "$work/bare-gateway.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$bare_pid" 2>/dev/null || { cat "$work/bare-gateway.log" >&2; echo "the bare gateway did not start" >&2; exit 1; }
  sleep 1
done
echo "bare gateway on :$PORT -> $DIRECT, JVM flags of the platform's gateway: ${jvm_flags[*]}"

export BENCH_TOKENS="$work/tokens" BENCH_PARTS="gateway bare-gateway ${BENCH_DIRECT_PART:-inspection-service}"
wrk_args=(--wrk "$WRK"); [[ -z "$WRK_WARMUP" ]] || wrk_args+=(--wrk-warmup "$WRK_WARMUP")
echo "== the platform's gateway against direct"
bench/gateway-benchmark.sh -c "$C" --path "$PATH_Q" --post "$BODY" --gateway "$GATEWAY" --direct "$DIRECT" \
  "${wrk_args[@]}" | tee "$work/ours.txt"
echo "== the bare Spring Cloud Gateway against direct"
bench/gateway-benchmark.sh -c "$C" --path "$PATH_Q" --post "$BODY" --gateway "http://127.0.0.1:$PORT" \
  --direct "$DIRECT" "${wrk_args[@]}" | tee "$work/bare.txt"

ratio() { sed -nE 's/.*throughput ([0-9]+) % of direct.*/\1/p' "$1"; }
# CPU ms per request of one part on the gateway side ("gateway  CPU ms per request (…):  gateway 1.23  …").
cpu() { sed -nE "s/^gateway +CPU ms per request.* $2 ([0-9.]+).*/\1/p" "$1"; }
echo "== summary: throughput through a gateway as % of direct, and the proxy's CPU ms per request"
echo "platform's gateway: $(ratio "$work/ours.txt") % of direct, gateway JVM $(cpu "$work/ours.txt" gateway) ms"
echo "bare gateway:       $(ratio "$work/bare.txt") % of direct, bare-gateway JVM $(cpu "$work/bare.txt" bare-gateway) ms"
