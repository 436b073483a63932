#!/usr/bin/env bash
# Benchmark (not a test): the alert stream's latency (issue 19) — from an hour's last minute (hh:59, CN 2051) written by
# a data-acquisition unit to its alert readable (read_committed) on monitoring.alert.events.v1 — with POINTS points
# sending; the streams application's throughput (records processed per second, its process-total metric) and the
# service's memory. Three JVMs as bench/hj212-benchmark.sh: monitoring-service as it runs (receiver, storage, alert
# stream; run.sh's JVM flags), a KRaft broker, the load generator (Hj212Load "minutes" mode).
#
#   bench/alert-latency-benchmark.sh [--points 10000] [--exceeders 200] [--hours 4] [--spread 10] [--nmt] [--no-build]
#                                    [-- extra service arguments, e.g. --spring.kafka.streams.properties.commit.interval.ms=50]
#
# Per hour (compressed): minutes 15-58 of the EXCEEDERS points as fast as answered (45 valid minutes make the hour),
# then — once the stream has consumed them, as in real time where minutes arrive over the hour — minute 59 of ALL
# points within SPREAD seconds. Exceeders send 50 mg/m3 (limit 35) in even hours → OPEN, 10 in odd hours → RESOLVED,
# so every hour yields one alert per exceeder. Prints per hour and overall: p50/p95/max latency, records/s processed,
# load average; RSS idle (stream RUNNING) and peak. AlertLatencyBenchmark's Javadoc has the details.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

POINTS=10000 EXCEEDERS=200 HOURS=4 SPREAD=10 BUILD=1 NMT=0
while [ $# -gt 0 ]; do
  case "$1" in
    --points) POINTS=$2; shift 2 ;;
    --exceeders) EXCEEDERS=$2; shift 2 ;;
    --hours) HOURS=$2; shift 2 ;;
    --spread) SPREAD=$2; shift 2 ;;
    --nmt) NMT=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --) shift; break ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench-alerts
mkdir -p "$WORK/tmp"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -o -pl monitoring-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
  rm -rf "$WORK/classes" "$WORK/test-classes"
  cp -r monitoring-service/target/classes "$WORK/classes"
  cp -r monitoring-service/target/test-classes "$WORK/test-classes"
fi
# run.sh's JVM flags (SPRING_JVM_OPTS + MONITORING_JVM_OPTS), as bench/hj212-benchmark.sh: keep all three in step.
SPRING_JVM_OPTS="$(sed -n '/^SPRING_JVM_OPTS="/,/"$/p' bench/hj212-benchmark.sh | tr -d '\n' | sed 's/^SPRING_JVM_OPTS="//; s/"$//')"
MONITORING_JVM_OPTS="$(sed -n 's/^MONITORING_JVM_OPTS="\(.*\)"$/\1/p' bench/hj212-benchmark.sh)"
NMT_OPTS=""
if [ "$NMT" = 1 ]; then NMT_OPTS="-XX:NativeMemoryTracking=summary"; fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
java $SPRING_JVM_OPTS $MONITORING_JVM_OPTS -Djava.io.tmpdir="$WORK/tmp" $NMT_OPTS \
  -Dbench.load.classpath="$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
  -cp "$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
  org.permitwatch.monitoring.bench.AlertLatencyBenchmark "$POINTS" "$EXCEEDERS" "$HOURS" "$SPREAD" "$@"
echo "done: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
