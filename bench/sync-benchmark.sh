#!/usr/bin/env bash
# Benchmark (not a test): a full sync of N mocked permits through permit-sync, then an incremental sync
# after 1% of them changed. Real parts: embedded PostgreSQL, a KRaft Kafka broker, the WireMock mock of the
# national platform and the permit-sync jar, each in its own process on ports apart from ./run.sh's.
#
#   bench/sync-benchmark.sh [--size 100000] [--no-build]
#
# Prints permits/s, platform calls per permit, peak RSS (VmHWM) of permit-sync, and the incremental figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZE=100000
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--size N] [--no-build]" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench
PG_PORT=55432 KAFKA_PORT=19092 KAFKA_CTRL=19093 MOCK_PORT=18090 SYNC_PORT=18081
rm -rf "$WORK" && mkdir -p "$WORK"/{logs,tmp,keys}
PIDS=()
cleanup() {
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

if [ "$BUILD" = 1 ]; then
  ./mvnw -B -q -DskipTests -pl devstack,national-platform-mock,permit-sync -am package
fi
DEVSTACK_CP="devstack/target/classes:$(ls devstack/target/lib/*.jar | tr '\n' ':')"
SYNC_JAR=$(ls permit-sync/target/permit-sync-*.jar | grep -v original | head -1)
MOCK_JAR=national-platform-mock/target/national-platform-mock-0.1.0-SNAPSHOT.jar

wait_for() { # url, seconds, what
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $3 ($1); see $WORK/logs" >&2; exit 1; }
    sleep 0.5
  done
}
wait_for_log() { # file, text, seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for '$2' in $1" >&2; exit 1; }
    sleep 0.5
  done
}

echo "starting PostgreSQL, Kafka and the mock ($SIZE permits)..."
java -Djava.io.tmpdir="$WORK/tmp" -cp "$DEVSTACK_CP" org.permitwatch.devstack.EmbeddedPostgresMain \
  --port $PG_PORT --data-dir "$WORK/postgres" --databases permit_sync > "$WORK/logs/postgres.log" 2>&1 &
PIDS+=($!)
java -Xmx512m -cp "$DEVSTACK_CP" org.permitwatch.devstack.KafkaBrokerMain \
  --port $KAFKA_PORT --controller-port $KAFKA_CTRL --data-dir "$WORK/kafka" > "$WORK/logs/kafka.log" 2>&1 &
PIDS+=($!)
java -Xmx1g -jar "$MOCK_JAR" --port $MOCK_PORT --size "$SIZE" --seed 42 > "$WORK/logs/mock.log" 2>&1 &
PIDS+=($!)
java -cp "$DEVSTACK_CP" org.permitwatch.devstack.Tokens init --dir "$WORK/keys" > /dev/null
TOKEN=$(java -cp "$DEVSTACK_CP" org.permitwatch.devstack.Tokens mint --dir "$WORK/keys" --role PROVINCE --division 140000)
wait_for_log "$WORK/logs/postgres.log" "ready" 60
wait_for_log "$WORK/logs/kafka.log" "kafka ready" 60
wait_for_log "$WORK/logs/mock.log" "mock ready" 300

echo "starting permit-sync..."
SERVER_PORT=$SYNC_PORT DB_PORT=$PG_PORT DB_NAME=permit_sync KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
EUREKA_CLIENT_ENABLED=false PERMIT_SYNC_CRON=- \
JWT_PUBLIC_KEY_LOCATION="file:$WORK/keys/jwt-public.pem" JWT_ISSUER=permitwatch-local JWT_AUDIENCE=permitwatch \
NATIONAL_PLATFORM_BASE_URL=http://127.0.0.1:$MOCK_PORT NATIONAL_PLATFORM_CALLS_PER_SECOND=${CALLS_PER_SECOND:-1000} \
NATIONAL_PLATFORM_CLIENT_ID=permitwatch-sx NATIONAL_PLATFORM_CLIENT_SECRET=permitwatch-sx-secret \
MALLOC_ARENA_MAX=2 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
  -Xss512k -Xms32m -Xmx256m -Djava.io.tmpdir="$WORK/tmp" \
  -jar "$SYNC_JAR" > "$WORK/logs/permit-sync.log" 2>&1 &
SYNC_PID=$!
PIDS+=($SYNC_PID)
wait_for "http://127.0.0.1:$SYNC_PORT/actuator/health/readiness" 120 permit-sync

calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2/1024}' /proc/$SYNC_PID/status; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/$SYNC_PID/status; }

run_sync() { # mode -> prints "seconds json"
  curl -fs -XDELETE http://127.0.0.1:$MOCK_PORT/__mock/stats > /dev/null
  local t0 id status body
  t0=$(date +%s.%N)
  id=$(curl -fs -XPOST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
       -d "{\"mode\":\"$1\"}" http://127.0.0.1:$SYNC_PORT/api/v1/sync/runs | jq -r .id)
  while :; do
    body=$(curl -fs -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$SYNC_PORT/api/v1/sync/runs/$id)
    status=$(jq -r .status <<<"$body")
    [ "$status" = RUNNING ] || break
    sleep 0.5
  done
  local t1; t1=$(date +%s.%N)
  echo "$(calc "$t1 - $t0") $(jq -c . <<<"$body")"
}

IDLE_RSS=$(rss_mb)
echo "full sync of $SIZE permits..."
read -r FULL_S FULL_RUN < <(run_sync FULL)
FULL_STATS=$(curl -fs http://127.0.0.1:$MOCK_PORT/__mock/stats)
FULL_PEAK=$(peak_rss_mb)

CHANGED=$((SIZE / 100))
UPD=$((CHANGED * 6 / 10)); STAT=$((CHANGED * 3 / 10)); NEW=$((CHANGED - UPD - STAT))
curl -fs -XPOST -H 'Content-Type: application/json' \
  -d "{\"updates\":$UPD,\"statusChanges\":$STAT,\"newPermits\":$NEW}" \
  http://127.0.0.1:$MOCK_PORT/__mock/mutations > /dev/null
echo "incremental sync after $CHANGED changes ($UPD updates, $STAT status changes, $NEW new)..."
read -r INC_S INC_RUN < <(run_sync INCREMENTAL)
INC_STATS=$(curl -fs http://127.0.0.1:$MOCK_PORT/__mock/stats)
END_PEAK=$(peak_rss_mb)

calls() { jq '.tokenRequests + .listRequests + .detailRequests' <<<"$1"; }
FULL_CALLS=$(calls "$FULL_STATS"); INC_CALLS=$(calls "$INC_STATS")

cat <<REPORT

## permit-sync benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, size $SIZE)
| run | status | wall time (s) | permits/s | platform calls | calls/permit | list / detail / token |
|---|---|---|---|---|---|---|
| full | $(jq -r .status <<<"$FULL_RUN") | $(printf %.1f "$FULL_S") | $(awk "BEGIN { printf \"%d\", $SIZE / $FULL_S }") | $FULL_CALLS | $(calc "$FULL_CALLS / $SIZE") | $(jq -r '"\(.listRequests) / \(.detailRequests) / \(.tokenRequests)"' <<<"$FULL_STATS") |
| incremental (1% changed) | $(jq -r .status <<<"$INC_RUN") | $(printf %.1f "$INC_S") | – | $INC_CALLS | $(calc "$INC_CALLS / $CHANGED") per changed | $(jq -r '"\(.listRequests) / \(.detailRequests) / \(.tokenRequests)"' <<<"$INC_STATS") |

permit-sync RSS: idle before sync ${IDLE_RSS} MB, peak during the full sync ${FULL_PEAK} MB, peak overall ${END_PEAK} MB (VmHWM).
full run:        $FULL_RUN
incremental run: $INC_RUN
REPORT
