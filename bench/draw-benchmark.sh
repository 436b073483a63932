#!/usr/bin/env bash
# Benchmark (not a test): double-random draws over a large directory through inspection-service's real draw code
# (commit, eligible query, HMAC-SHA256 Fisher-Yates, inspector assignment, tasks + outbox rows, verification)
# against embedded PostgreSQL (zonky). The outbox relay is off: Kafka publishing is not part of the draw latency.
#
#   bench/draw-benchmark.sh [--units 100000] [--inspectors 500] [--ratio 0.02] [--rounds 3] [--baseline REV] [--jfr]
#                           [--no-build]
#
# Prints, per draw: eligible units, drawn units (= tasks), draw latency and the CPU time the JVM and PostgreSQL spent
# on it, the plain-SQL equivalent measured right after it in the same run (same population query, same task,
# task_inspector and outbox inserts, rolled back) and the ratio, verification latency, heap peak, load average; then
# the process peak RSS (VmHWM). The JVM runs with -Xmx512m -XX:+UseSerialGC like ./run.sh's services.
# --baseline REV first runs the same benchmark with inspection-service's and platform-support's main code as of git
# revision REV (compiled here with javac against the same dependencies), then with the working tree's: a before/after
# in one run on the same machine load (the benchmark driver is the working tree's in both).
# --jfr records each run with JDK Flight Recorder (profile settings) into .local/bench-draw/<label>.jfr and prints the
# hottest frames of the JVM's execution samples.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

UNITS=100000 INSPECTORS=500 RATIO=0.02 ROUNDS=3 BUILD=1 BASELINE="" JFR=0
while [ $# -gt 0 ]; do
  case "$1" in
    --units) UNITS=$2; shift 2 ;;
    --inspectors) INSPECTORS=$2; shift 2 ;;
    --ratio) RATIO=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --no-build) BUILD=0; shift ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench-draw
mkdir -p "$WORK/tmp"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -pl inspection-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
fi
# a private copy of the classes: other builds in the checkout may recompile target/ while the benchmark runs
rm -rf "$WORK/classes" "$WORK/test-classes"
cp -r inspection-service/target/classes "$WORK/classes"
cp -r inspection-service/target/test-classes "$WORK/test-classes"


if [ -n "$BASELINE" ]; then
  # The baseline's main classes and resources of the two modules the draw's code lives in, compiled against the
  # same dependencies, ahead of the working tree's on the class path.
  BASE=$WORK/baseline
  BASE_REV=$(git rev-parse --short "$BASELINE") # resolved once: HEAD may move while the benchmark runs
  rm -rf "$BASE" && mkdir -p "$BASE/src" "$BASE/classes"
  git archive "$BASE_REV" inspection-service/src/main platform-support/src/main | tar -x -C "$BASE/src"
  find "$BASE/src" -name '*.java' -path '*/src/main/java/*' > "$BASE/sources.txt"
  javac -nowarn -parameters -encoding UTF-8 -proc:none -d "$BASE/classes" -cp "$(cat "$WORK/classpath.txt")" \
    @"$BASE/sources.txt"
  cp -r "$BASE/src/platform-support/src/main/resources/." "$BASE/src/inspection-service/src/main/resources/." \
    "$BASE/classes/"
fi

run() { # $1 label, $2 main classes (ahead of the working tree's), $3 the rest of the class path
  echo "== $1: $UNITS units, $INSPECTORS inspectors, ratio $RATIO, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -Is)"
  local jfr=()
  [ "$JFR" = 0 ] || jfr=("-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile")
  java -Xmx512m -XX:+UseSerialGC -Djava.io.tmpdir="$WORK/tmp" "${jfr[@]}" \
    -cp "$WORK/test-classes:$2:$3" \
    org.permitwatch.inspection.draw.DrawBenchmark "$UNITS" "$INSPECTORS" "$RATIO" "$ROUNDS"
  if [ "$JFR" = 1 ]; then
    echo "-- $1: hottest top frames of the execution samples (whole run, seeding included)"
    jfr print --events jdk.ExecutionSample "$WORK/$1.jfr" \
      | awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); n[$0]++; t++} END {for (f in n) printf "%6d %5.1f%%  %s\n", n[f], 100*n[f]/t, f}' \
      | sort -rn | head -25 || true
  fi
}

if [ -n "$BASELINE" ]; then
  # without the working tree's platform-support: the baseline brings its own (a resource found twice on the class
  # path, e.g. a working-day calendar year, fails the start)
  run "baseline-$BASE_REV" "$BASE/classes" \
    "$(tr ':' '\n' < "$WORK/classpath.txt" | grep -v '/platform-support/target/classes$' | paste -sd:)"
fi
run current "$WORK/classes" "$(cat "$WORK/classpath.txt")"
