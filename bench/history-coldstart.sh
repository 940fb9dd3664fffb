#!/usr/bin/env bash
# Cold start of the packaged pipeline-history function next to a bare handler, both under the Lambda runtime
# interface client with Lambda's java25 JVM flags, alternating, from process start to the first answer
# (./baton bench). Writes bench/results/history-coldstart.txt.
source "$(dirname "$0")/_classpath.sh"
./baton bench PipelineHistoryFunction -e events/codepipeline-pipeline-started-git.json --runs "${RUNS:-5}" \
  --vary "$(grep -o '"execution-id": "[^"]*"' events/codepipeline-pipeline-started-git.json | head -1 | cut -d'"' -f4)" \
  | tee bench/results/history-coldstart.txt
