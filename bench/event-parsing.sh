#!/usr/bin/env bash
# Cold cost of reading each input shape: Baton's lean parser against aws-lambda-java-events (+ the runtime's
# aws-lambda-java-serialization), and Baton's Log against SLF4J/log4j2 JsonTemplateLayout (Powertools 2.x logging's
# stack). Fresh JVMs with Lambda's flags, variants interleaved, medians; classes loaded; jar bytes per choice.
# Usage: bench/event-parsing.sh [runs]   (default 9). Standalone: javac against jars in ~/.m2, no project pom change.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
RUNS=${1:-9}
M2=${M2_REPO:-$HOME/.m2/repository}
jar() { # group artifact version
  local f="$M2/${1//.//}/$2/$3/$2-$3.jar"
  [ -f "$f" ] || mvn -B -q dependency:get -Dartifact="$1:$2:$3" >&2
  echo "$f"
}
EV=$(jar com.amazonaws aws-lambda-java-events 3.16.1)
JODA=$(jar joda-time joda-time 2.10.8)
SER=$(jar com.amazonaws aws-lambda-java-serialization 1.4.1)
SLF=$(jar org.slf4j slf4j-api 2.0.20)
L4A=$(jar org.apache.logging.log4j log4j-api 2.26.1)
L4C=$(jar org.apache.logging.log4j log4j-core 2.26.1)
L4J=$(jar org.apache.logging.log4j log4j-layout-template-json 2.26.1)
L4S=$(jar org.apache.logging.log4j log4j-slf4j2-impl 2.26.1)

OUT=bench/results/event-parsing; mkdir -p "$OUT/classes"
CORE=functions/core/target/classes
if [ "${BENCH_SKIP_BUILD:-}" != 1 ] || [ ! -d "$CORE/dev/baton/core/json" ]; then
  mvn -o -B -q compile -pl functions/core >&2
fi
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$OUT/classes" \
  -cp "$CORE:$EV:$SER:$SLF" bench/EventParsingBench.java

# Each variant's classpath is what its zip would hold (plus the bench class).
LEAN_CP="$OUT/classes:$CORE"   # Baton's Json needs no JSON library
EVENTS_CP="$LEAN_CP:$EV:$JODA:$SER"
LOG4J_CP="$OUT/classes:$SLF:$L4S:$L4A:$L4C:$L4J"
# LocalLambda's flags (local/src/main/java/dev/baton/local/LocalLambda.java), 512 MB function.
FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Djava.net.preferIPv4Stack=true
  --enable-native-access=ALL-UNNAMED -Xmx435m)

# The SQS sample is the Lambda SQS event (Records[]) carrying the body of events/sqs-dlq-lambda-on-failure.json.
CASES=(
  "sns lean events/sns-approval-notification.json"
  "sns events events/sns-approval-notification.json"
  "s3 lean events/s3-notification-copy.json"
  "s3 events events/s3-notification-copy.json"
  "eventbridge-s3 lean events/s3-object-created.json"
  "eventbridge-s3 events events/s3-object-created.json"
  "url lean events/function-url-slack-interaction.json"
  "url events events/function-url-slack-interaction.json"
  "sqs lean bench/eventparse/sqs-records-dlq.json"
  "sqs events bench/eventparse/sqs-records-dlq.json"
  "log baton-log -"
  "log log4j-json -"
  "floor bare events/sns-approval-notification.json"
)
cp_for() { case $1 in lean|baton-log|bare) echo "$LEAN_CP" ;; events) echo "$EVENTS_CP" ;; log4j-json) echo "$LOG4J_CP" ;; esac; }
run() { # shape variant file [extra flags...] -> "wall_us cpu_ms result"
  local shape=$1 variant=$2 file=$3; shift 3
  local t0=${EPOCHREALTIME/./}
  "$JAVA_HOME/bin/java" "${FLAGS[@]}" "$@" -Dbench.t0="$t0" -Dlog4j2.configurationFile=bench/eventparse/log4j2.xml \
    -cp "$(cp_for "$variant")" EventParsingBench "$variant" "$shape" "$file" 2>&1 >/dev/null | tail -1
}

RAW="$OUT/runs.txt"; : > "$RAW"
for c in "${CASES[@]}"; do run $c >/dev/null; done # warm the page cache and CDS archive once
for ((i = 1; i <= RUNS; i++)); do
  for c in "${CASES[@]}"; do
    set -- $c
    r=$(run "$@")
    [[ $r =~ ^[0-9]+\ [0-9]+\  ]] || { echo "run failed: $c: $r" >&2; exit 1; }
    echo "$1 $2 $r" >> "$RAW"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
bytes() { local t=0 f; for f in "$@"; do t=$((t + $(stat -c %s "$f"))); done; echo $t; }
echo "event-parsing: $RUNS interleaved fresh JVMs per variant, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-15s %-11s %9s %9s %8s %s\n' shape variant wall_ms cpu_ms classes result
for c in "${CASES[@]}"; do
  set -- $c
  wall=$(awk -v s="$1" -v v="$2" '$1 == s && $2 == v {print $3 / 1000}' "$RAW" | median)
  cpu=$(awk -v s="$1" -v v="$2" '$1 == s && $2 == v {print $4}' "$RAW" | median)
  result=$(awk -v s="$1" -v v="$2" '$1 == s && $2 == v {$1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; exit}' "$RAW")
  log="$OUT/classes-$1-$2.log"
  run "$@" "-Xlog:class+load:file=$log" >/dev/null
  printf '%-15s %-11s %9s %9s %8s %s\n' "$1" "$2" "$wall" "$cpu" "$(wc -l < "$log")" "$result"
done
echo
echo "jar bytes a choice adds to a zip:"
echo "  lean parser: none (Baton's Json is in baton-core; jackson-jr + jackson-core before issue 10's JSON change)"
echo "  aws-lambda-java-events + joda-time (runtime deserializes):          $(bytes "$EV" "$JODA")"
echo "  + aws-lambda-java-serialization (deserializing in the function):    $(bytes "$SER")"
echo "  slf4j-api + log4j-slf4j2-impl + log4j-api + log4j-core + JsonTemplateLayout: $(bytes "$SLF" "$L4S" "$L4A" "$L4C" "$L4J")"
