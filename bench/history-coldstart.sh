#!/usr/bin/env bash
# Cold start of the packaged pipeline-history function next to a bare handler, both under the Lambda runtime
# interface client with Lambda's java21 JVM flags, alternating, 5 runs each: from process start to the first answer.
# Writes bench/results/history-coldstart.txt.
source "$(dirname "$0")/_classpath.sh"
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "$BENCH_CP" bench/ColdStartBench.java "${RUNS:-5}" \
  | tee bench/results/history-coldstart.txt
