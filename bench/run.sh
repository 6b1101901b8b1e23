#!/usr/bin/env bash
# Runs every benchmark scenario (P1..P11) and writes bench/results/<date>.json and bench/results/LATEST.md.
# Usage: bench/run.sh            (from anywhere; builds bench and cli first)
#        SKIP_BUILD=1 bench/run.sh
# About 15 minutes on 2 cores (the build included); LATEST.md states the time it took. Never part of the test
# command. Needs redis-server on the PATH for P1-with-Redis and P10 (Debian package redis-server), and uses
# /usr/bin/curl for P9's floor when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "[run.sh] building bench and cli"
  mvn -B -q -pl bench,cli -am package -DskipTests -Dfirefly.skipPublishedJars=true
  BUILD_NOTE="build included, $(($(date +%s) - START)) s of it"
else
  BUILD_NOTE="build not included (SKIP_BUILD=1)"
fi

JAR=bench/target/benchmarks.jar
MINIMAL_JAR=bench/target/firefly-auth-bench-0.1.0-SNAPSHOT-minimal-token-post.jar
CLI_JAR=cli/target/firefly-auth.jar
WORK=bench/target/run
DATE=$(date -u +%F)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
mkdir -p "$WORK"
if ! command -v redis-server >/dev/null; then
  echo "[run.sh] redis-server is not on the PATH: P1 with the Redis store fails and P10 is not run" \
    "(apt-get install redis-server)" >&2
fi

# P1 (HotPathBenchmark) and P1 with a token store (StoreHotPathBenchmark): 3 forks each, so the spread across
# forks is shown next to JMH's error; the hot path is nanoseconds, so half-second iterations hold millions of calls.
JMH_CMD=(java -jar "$JAR" HotPathBenchmark -f 3 -wi 2 -w 500ms -i 3 -r 500ms -rf json -rff "$WORK/jmh.json")
# P2..P11 in one JVM, each scenario 3 times (P10 once: it lasts 3 minutes). The process scenarios start the CLI
# through bin/firefly-auth, the minimal POST from its own jar, redis-server and a `firefly-auth serve` agent.
SCEN_CMD=(java -Xmx1g -cp "$JAR" dev.fireflyauth.bench.Scenarios --out "$WORK/scenarios.json" --repeat 3
  --launcher bin/firefly-auth --cli-jar "$CLI_JAR" --minimal-jar "$MINIMAL_JAR" --p5-runs 10
  --p7-calls-per-thread 10000000 --p10-seconds 180)

echo "[run.sh] load average before the run: $LOAD"
echo "[run.sh] P1 (JMH): ${JMH_CMD[*]}"
"${JMH_CMD[@]}" >"$WORK/jmh.log" 2>&1 || { tail -40 "$WORK/jmh.log"; exit 1; }
grep -E '^(Store)?HotPathBenchmark' "$WORK/jmh.log" || true

echo "[run.sh] P2..P11: ${SCEN_CMD[*]}"
"${SCEN_CMD[@]}" 2>"$WORK/scenarios.log" || { tail -40 "$WORK/scenarios.log"; exit 1; }
grep '^\[bench\]' "$WORK/scenarios.log" || true

LOAD="before: $LOAD; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
ELAPSED=$(($(date +%s) - START))
java -cp "$JAR" dev.fireflyauth.bench.Report --jmh "$WORK/jmh.json" --scenarios "$WORK/scenarios.json" \
  --out-dir bench/results --date "$DATE" --load "$LOAD" --elapsed-s "$ELAPSED" --build-note "$BUILD_NOTE" \
  --command "bench/run.sh = ${JMH_CMD[*]} ; ${SCEN_CMD[*]}"
echo "[run.sh] wrote bench/results/$DATE.json and bench/results/LATEST.md (${ELAPSED} s)"
