#!/usr/bin/env bash
# Per function: the first invocation after priming (a SnapStart version: priming in the beforeCheckpoint hook, the
# event handed over as the restore is granted) against warm p50/p99 in that same process, next to the on-demand cold
# start and a bare handler's, fresh processes round-robin in one run, medians.
#   bench/priming.sh [rounds=5] [warm=100] [FunctionLogicalId ...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p bench/results
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q package -DskipTests >&2
fi
mvn -B -q ${MAVEN_OFFLINE:+-o} dependency:build-classpath -pl local -Dmdep.outputFile="$PWD/bench/results/local.classpath" >&2
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "local/target/classes:$(cat bench/results/local.classpath)" \
  bench/PrimingBench.java "$@" | tee "bench/results/priming-$(date -u +%Y%m%dT%H%M%SZ).txt"
