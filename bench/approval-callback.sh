#!/usr/bin/env bash
# Approval-callback cold and warm path, as packaged, next to a bare handler under the same runtime client.
#   bench/approval-callback.sh [cold-runs=7] [warm-clicks=200]
# Prints medians of the cold runs (fresh JVM -> verified -> recorded -> PutApprovalResult -> message -> HTTP answer),
# warm p50/p99, and how much of Slack's 3-second budget the cold path leaves. Results also go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p bench/results
mvn -B -q package -DskipTests -pl functions/approval-callback,local -am >&2
mvn -B -q dependency:build-classpath -pl local -Dmdep.outputFile="$PWD/bench/results/local.classpath" >&2
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "local/target/classes:$(cat bench/results/local.classpath)" \
  bench/ApprovalCallbackBench.java "${1:-7}" "${2:-200}" | tee "bench/results/approval-callback-$(date -u +%Y%m%dT%H%M%SZ).txt"
