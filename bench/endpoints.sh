#!/usr/bin/env bash
# A cold function's first DynamoDB call and then its first CodePipeline call (each client built, then UpdateItem /
# PutApprovalResult answered in the process): the endpoint left to the SDK's rules against the regional endpoint
# named by Baton's RegionalEndpoints, and a local endpoint override (how the stand-ins and bench-peers run). Fresh JVMs with Lambda's flags on the approval callback's packaged
# classpath, variants interleaved, medians.
# Usage: bench/endpoints.sh [runs]   (default 11). Needs the zips: mvn -o -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
RUNS=${1:-11}
ZIP=functions/approval-callback/target/approval-callback.zip
[ -f "$ZIP" ] || { echo "no $ZIP: build the zips first (mvn -o -B -q package -DskipTests)" >&2; exit 1; }
OUT=bench/results/endpoints; rm -rf "$OUT"; mkdir -p "$OUT/task" "$OUT/classes"
(cd "$OUT/task" && unzip -q "../../../../$ZIP")
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$OUT/classes" -cp "$OUT/task/lib/*" bench/EndpointsBench.java 2>&1 | grep -v "^Note:" >&2 || true
# LocalLambda's flags (local/src/main/java/dev/baton/local/LocalLambda.java), 512 MB function.
FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Djava.net.preferIPv4Stack=true
  --enable-native-access=ALL-UNNAMED -Xmx435m)
CASES=("sdk regional" "baton regional" "sdk override")
run() { AWS_REGION=us-east-1 "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$OUT/classes:$OUT/task/lib/*" EndpointsBench "$@" 2>/dev/null; }
RAW="$OUT/runs.txt"; : > "$RAW"
for c in "${CASES[@]}"; do run $c >/dev/null; done   # page cache and the JDK's CDS archive warm
for ((i = 1; i <= RUNS; i++)); do
  for c in "${CASES[@]}"; do echo "$c $(run $c)" >> "$RAW"; done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "endpoints: $RUNS interleaved fresh JVMs per variant, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-9s %12s %12s  %s\n' provider endpoint cpu_ms thread_ms calls
for c in "${CASES[@]}"; do
  set -- $c
  cpu=$(awk -v p="$1" -v e="$2" '$1 == p && $2 == e {print $3 / 1000}' "$RAW" | median)
  thread=$(awk -v p="$1" -v e="$2" '$1 == p && $2 == e {print $4 / 1000}' "$RAW" | median)
  calls=$(awk -v p="$1" -v e="$2" '$1 == p && $2 == e {print $5; exit}' "$RAW")
  printf '%-6s %-9s %12s %12s  %s\n' "$1" "$2" "$cpu" "$thread" "$calls"
done
