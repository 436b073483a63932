#!/usr/bin/env bash
# Benchmark (not a test): monitoring-service's HJ 212 receiver under load (issue 18). Three JVMs: the service as it
# runs (receiver, Kafka producer, storage consumer, zonky PostgreSQL; run.sh's JVM flags), a real single-node KRaft
# broker (as run.sh starts one), and the load generator (Hj212Load: non-blocking sockets, one selector thread).
#
#   bench/hj212-benchmark.sh [--points 10000] [--seconds 90] [--connections 200] [--window 16] [--frames 300000]
#                            [--jfr] [--nmt] [--no-storage] [--baseline REV] [--baseline-flags "FLAGS"] [--no-build]
#                            [-- extra service arguments, e.g. --spring.kafka.producer.properties.linger.ms=20]
#
# Phase 1, real time: POINTS units, one connection each, 2011 every 30 s and 2051 every 60 s (10,000 points ≈ 333 + 167
# = 500 frames/s) for SECONDS: frames answered, ack latency p50/p99/max (write → 9014 read, in the load generator),
# the service's peak RSS. Phase 2, backfill burst: FRAMES 2051 frames over CONNECTIONS connections, WINDOW unanswered
# frames each: answers per second (acked = the broker holds the frame), p50/p99/max, peak RSS; then how long the
# storage took to hold the burst's values. --jfr records the service JVM (.local/bench-hj212/service.jfr); --nmt prints
# the JVM's native memory by area (idle and after the burst); --no-storage stops the storage consumer (receiver → Kafka
# only; the raw topic keeps the burst). --baseline REV first runs the same phases with monitoring-service's main code
# and JVM flags as of git revision REV (compiled here with javac), then with the working tree's: a before/after in one
# run, on the same machine load (the load generator is the working tree's in both). --baseline-flags "FLAGS" runs the
# working tree's code first with FLAGS instead of its monitoring-service flags: what the flags alone change.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

POINTS=10000 SECONDS_=90 CONNECTIONS=200 WINDOW=16 FRAMES=300000 BUILD=1 JFR=0 NMT=0 STORAGE=true BASELINE="" BASELINE_FLAGS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --points) POINTS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --frames) FRAMES=$2; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --nmt) NMT=1; shift ;;
    --no-storage) STORAGE=false; shift ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --baseline-flags) BASELINE_FLAGS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --) shift; break ;;
    *) sed -n '2,19p' "$0" >&2; exit 2 ;;
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
# run.sh's JVM flags: SPRING_JVM_OPTS (every Spring service: C1 only, serial GC, 256 MB heap …) and
# MONITORING_JVM_OPTS (monitoring-service's own additions). Keep both in step with run.sh.
SPRING_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20
 -XX:-ShrinkHeapInSteps -XX:NewRatio=3 -Xss512k -Xms32m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=128m
 -XX:+ExitOnOutOfMemoryError"
MONITORING_JVM_OPTS="-Xms48m -Xmn16m -XX:SurvivorRatio=6 -XX:CompileThresholdScaling=4 -Djdk.nio.maxCachedBufferSize=262144"

if [ -n "$BASELINE" ]; then
  # The baseline's main classes and resources, compiled against the same dependencies (its pom must not differ).
  BASE=$WORK/baseline
  rm -rf "$BASE" && mkdir -p "$BASE/src" "$BASE/classes"
  git archive "$BASELINE" monitoring-service/src/main | tar -x -C "$BASE/src"
  find "$BASE/src/monitoring-service/src/main/java" -name '*.java' > "$BASE/sources.txt"
  javac -nowarn -parameters -encoding UTF-8 -d "$BASE/classes" -cp "$(cat "$WORK/classpath.txt")" @"$BASE/sources.txt"
  cp -r "$BASE/src/monitoring-service/src/main/resources/." "$BASE/classes/"
  # The baseline's JVM flags: MONITORING_JVM_OPTS as run.sh had them at REV (none before this benchmark had them).
  BASE_MONITORING_OPTS=$(git show "$BASELINE:bench/hj212-benchmark.sh" | sed -n 's/^MONITORING_JVM_OPTS="\(.*\)"$/\1/p')
fi

run() { # $1 label, $2 classes dir, $3 monitoring flags, then service arguments
  local label=$1 classes=$2 flags=$3; shift 3
  local jfr_opts="" nmt_opts=""
  if [ "$JFR" = 1 ]; then
    jfr_opts="-XX:StartFlightRecording=filename=$WORK/service-$label.jfr,settings=profile,dumponexit=true"
  fi
  if [ "$NMT" = 1 ]; then nmt_opts="-XX:NativeMemoryTracking=summary"; fi
  echo "== $label: load average $(cut -d' ' -f1-3 /proc/loadavg); monitoring flags: ${flags:-none}" >&2
  # shellcheck disable=SC2086
  java $SPRING_JVM_OPTS $flags -Djava.io.tmpdir="$WORK/tmp" $jfr_opts $nmt_opts \
    -Dbench.storage=$STORAGE -Dbench.load.classpath="$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
    -cp "$WORK/test-classes:$classes:$(cat "$WORK/classpath.txt")" \
    org.permitwatch.monitoring.bench.Hj212Benchmark "$POINTS" "$SECONDS_" "$CONNECTIONS" "$WINDOW" "$FRAMES" "$@"
  echo "== $label done: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ -n "$BASELINE" ]; then
  run "baseline-$(git rev-parse --short "$BASELINE")" "$BASE/classes" "$BASE_MONITORING_OPTS" "$@"
fi
if [ -n "$BASELINE_FLAGS" ]; then
  # The same code with other monitoring-service flags: what the flags alone change, in the same sitting.
  run baseline-flags "$WORK/classes" "$BASELINE_FLAGS" "$@"
fi
run current "$WORK/classes" "$MONITORING_JVM_OPTS" "$@"
