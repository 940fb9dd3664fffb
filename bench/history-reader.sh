#!/usr/bin/env bash
# Reader latency against dynalite holding 10,000 recorded executions (10 pipelines, 90 days): each query the
# `./baton history` / `history show` / `dora` commands make, timed in-process (median and max of 20), and the
# commands themselves as a user runs them (new JVM each, median of 3). Writes bench/results/history-reader.txt.
source "$(dirname "$0")/_classpath.sh"
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "$BENCH_CP" bench/HistoryReaderBench.java "${EXECUTIONS:-10000}" \
  | tee bench/results/history-reader.txt
