#!/usr/bin/env bash
# Benchmark (not a test): monitoring-service's HJ 212 receiver under load (issue 18). Three JVMs: the service as it
# runs (receiver, Kafka producer, storage consumer, zonky PostgreSQL; run.sh's JVM flags), a real single-node KRaft
# broker (as run.sh starts one), and the load generator (Hj212Load: non-blocking sockets, one selector thread).
#
#   bench/hj212-benchmark.sh [--points 10000] [--seconds 90] [--connections 200] [--window 16] [--frames 300000]
#                            [--jfr] [--no-build] [-- extra service arguments, e.g. --spring.kafka.producer.properties.linger.ms=20]
#
# Phase 1, real time: POINTS units, one connection each, 2011 every 30 s and 2051 every 60 s (10,000 points ≈ 333 + 167
# = 500 frames/s) for SECONDS: frames answered, ack latency p50/p99/max (write → 9014 read, in the load generator),
# the service's peak RSS. Phase 2, backfill burst: FRAMES 2051 frames over CONNECTIONS connections, WINDOW unanswered
# frames each: answers per second (acked = the broker holds the frame), p50/p99/max, peak RSS; then how long the
# storage took to hold the burst's values. --jfr records the service JVM (.local/bench-hj212/service.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

POINTS=10000 SECONDS_=90 CONNECTIONS=200 WINDOW=16 FRAMES=300000 BUILD=1 JFR=0
while [ $# -gt 0 ]; do
  case "$1" in
    --points) POINTS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --frames) FRAMES=$2; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --) shift; break ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench-hj212
mkdir -p "$WORK/tmp"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -o -pl monitoring-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
  # a private copy of the classes: other builds in the checkout may recompile target/ while the benchmark runs
  rm -rf "$WORK/classes" "$WORK/test-classes"
  cp -r monitoring-service/target/classes "$WORK/classes"
  cp -r monitoring-service/target/test-classes "$WORK/test-classes"
fi
JFR_OPTS=""
if [ "$JFR" = 1 ]; then
  JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/service.jfr,settings=profile,dumponexit=true"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# The service JVM with run.sh's flags (SPRING_JVM_OPTS): C1 only, serial GC, 256 MB heap.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
  -Xss512k -Xms32m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=128m \
  -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir="$WORK/tmp" $JFR_OPTS \
  -cp "$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
  org.permitwatch.monitoring.bench.Hj212Benchmark "$POINTS" "$SECONDS_" "$CONNECTIONS" "$WINDOW" "$FRAMES" "$@"
