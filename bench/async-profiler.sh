#!/usr/bin/env bash
# Prints the path of async-profiler's agent library for this machine, fetching it on first use (not a test; used by
# the bench scripts' --profile). async-profiler publishes the native library inside a jar on Maven Central
# (tools.profiler:async-profiler, classifier linux-x64 or linux-arm64): no download from elsewhere, no install.
#
#   LIB=$(bench/async-profiler.sh)   then start a JVM with -agentpath:$LIB (it waits for a start command)
set -euo pipefail
cd "$(dirname "$0")/.."
# The version the build's own test of the profiler window uses (the root pom's async-profiler.version).
VERSION=$(sed -n 's:.*<async-profiler.version>\(.*\)</async-profiler.version>.*:\1:p' pom.xml)
case "$(uname -m)" in
  x86_64) ARCH=linux-x64 ;;
  aarch64) ARCH=linux-arm64 ;;
  *) echo "async-profiler: no library for $(uname -m)" >&2; exit 1 ;;
esac
DIR=target/async-profiler-$VERSION
LIB=$PWD/$DIR/$ARCH/libasyncProfiler.so
if [ ! -s "$LIB" ]; then
  JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION-$ARCH.jar"
  [ -s "$JAR" ] || ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION:jar:$ARCH" \
    -Dtransitive=false >&2
  mkdir -p "$DIR"
  unzip -q -o "$JAR" "$ARCH/*" -d "$DIR"
fi
echo "$LIB"
