#!/usr/bin/env bash
# The alerts function as packaged, next to a bare handler under the same runtime client, in one run:
#   cold start (fresh JVM -> failed-build event -> lookups -> SNS Publish + Slack chat.postMessage -> answer),
#   warm time from event to both deliveries (p50, p99), and calls per alert for each kind of event.
#   bench/alerts.sh [cold-runs=7] [warm-alerts=200]
# Results also go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p bench/results
mvn -B -q package -DskipTests -pl functions/alerts,local -am >&2
mvn -B -q dependency:build-classpath -pl local -Dmdep.outputFile="$PWD/bench/results/local.classpath" >&2
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "local/target/classes:$(cat bench/results/local.classpath)" \
  bench/AlertsBench.java "${1:-7}" "${2:-200}" | tee "bench/results/alerts-$(date -u +%Y%m%dT%H%M%SZ).txt"
