#!/usr/bin/env bash
# A flood of forged (unsigned, mis-signed, stale, tampered) requests at one warm approval callback, as packaged:
# refusals per second, CPU per refusal, p50/p99, next to the bare handler; checks no DynamoDB/AWS/Slack call is made.
#   bench/approval-flood.sh [runs=5] [seconds-per-run=10]      (BENCH_MVN_FLAGS=-o builds offline)
# Results also go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p bench/results
mvn -B -q ${BENCH_MVN_FLAGS:-} package -DskipTests -pl functions/approval-callback,local -am >&2
mvn -B -q ${BENCH_MVN_FLAGS:-} dependency:build-classpath -pl local \
  -Dmdep.outputFile="$PWD/bench/results/local.classpath" >&2
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "local/target/classes:$(cat bench/results/local.classpath)" \
  bench/ApprovalFloodBench.java "${1:-5}" "${2:-10}" | tee "bench/results/approval-flood-$(date -u +%Y%m%dT%H%M%SZ).txt"
