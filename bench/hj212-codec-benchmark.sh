#!/usr/bin/env bash
# Benchmark (not a test): JMH microbenchmark of the HJ 212 codec per frame (Hj212CodecBenchmark, monitoring-service
# test sources): receive = envelope + CRC16 + segment + data values + 9014 answer; unwrap, parse and answer alone.
# Throughput (ops/s = messages/s on one thread) and, with JMH's gc profiler, bytes allocated per message
# (gc.alloc.rate.norm). The forked JVM runs with run.sh's flags for the services (C1 only, serial GC).
#
#   bench/hj212-codec-benchmark.sh [--baseline REV] [--no-build] [-- extra JMH options, e.g. -f 2 -i 10]
#
# --baseline REV runs the same benchmark first with the codec (monitoring-service's main classes) as of git revision
# REV, compiled here with javac, then with the working tree's: before/after in one run, same machine load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=1 BASELINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) BASELINE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --) shift; break ;;
    *) sed -n '2,10p' "$0" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench-hj212-codec
mkdir -p "$WORK"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -o -pl monitoring-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
  rm -rf "$WORK/classes" "$WORK/test-classes"
  cp -r monitoring-service/target/classes "$WORK/classes"
  cp -r monitoring-service/target/test-classes "$WORK/test-classes"
fi
CP="$(cat "$WORK/classpath.txt")"
JMH_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -jvmArgs "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m")

run() { # $1 label, $2 classes dir, then extra JMH options
  local label=$1 classes=$2; shift 2
  echo "== $label: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java -cp "$WORK/test-classes:$classes:$CP" org.openjdk.jmh.Main Hj212CodecBenchmark "${JMH_OPTS[@]}" \
    -rf text -rff "$WORK/result-$label.txt" "$@" > "$WORK/jmh-$label.log"
  echo "== $label done: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  grep -E '^Hj212CodecBenchmark\.[a-z]+ +thrpt|gc\.alloc\.rate\.norm' "$WORK/result-$label.txt" \
    | sed -E 's/^Hj212CodecBenchmark\.//' >&2
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ -n "$BASELINE" ]; then
  BASE=$WORK/baseline
  rm -rf "$BASE" && mkdir -p "$BASE/src" "$BASE/classes"
  git archive "$BASELINE" monitoring-service/src/main/java | tar -x -C "$BASE/src"
  find "$BASE/src/monitoring-service/src/main/java" -name '*.java' > "$BASE/sources.txt"
  javac -nowarn -parameters -encoding UTF-8 -d "$BASE/classes" -cp "$CP" @"$BASE/sources.txt"
  run "baseline-$(git rev-parse --short "$BASELINE")" "$BASE/classes" "$@"
fi
run current "$WORK/classes" "$@"
