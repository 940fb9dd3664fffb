#!/usr/bin/env bash
# Shared by the bench scripts: JDK 25, the stand-ins, a fresh build of the command line's classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund --loglevel=error
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q package -DskipTests -pl cli -am >&2
fi
mkdir -p bench/results
BENCH_CP="cli/target/classes:cli/target/lib/*"
export BENCH_CP
