#!/usr/bin/env bash
# Runs every benchmark scenario (P1..P7) and writes bench/results/<date>.json and bench/results/LATEST.md.
# Usage: bench/run.sh            (from anywhere; builds bench and cli first)
#        SKIP_BUILD=1 bench/run.sh
# Takes about 10 minutes on 2 cores. Never part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "[run.sh] building bench and cli"
  mvn -B -q -pl bench,cli -am package -DskipTests
fi

JAR=bench/target/benchmarks.jar
CLI_JAR=cli/target/firefly-auth.jar
WORK=bench/target/run
DATE=$(date -u +%F)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
mkdir -p "$WORK"

# P1: forks, warm-up and iterations chosen so JMH can state an error (99.9 % CI) for each figure.
JMH_CMD=(java -jar "$JAR" HotPathBenchmark -f 2 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$WORK/jmh.json")
# P2..P7 in one JVM; P5 starts fresh CLI and minimal-program processes against the IMS emulator.
SCEN_CMD=(java -Xmx1g -cp "$JAR" dev.fireflyauth.bench.Scenarios --out "$WORK/scenarios.json"
  --cli-jar "$CLI_JAR" --p5-runs 15 --p7-calls-per-thread 10000000)

echo "[run.sh] load average before the run: $LOAD"
echo "[run.sh] P1 (JMH): ${JMH_CMD[*]}"
"${JMH_CMD[@]}" > "$WORK/jmh.log" 2>&1 || { tail -40 "$WORK/jmh.log"; exit 1; }
grep -E '^HotPathBenchmark' "$WORK/jmh.log" || true

echo "[run.sh] P2..P7: ${SCEN_CMD[*]}"
"${SCEN_CMD[@]}" 2> "$WORK/scenarios.log" || { tail -40 "$WORK/scenarios.log"; exit 1; }
grep '^\[bench\]' "$WORK/scenarios.log" || true

LOAD="before: $LOAD; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
java -cp "$JAR" dev.fireflyauth.bench.Report --jmh "$WORK/jmh.json" --scenarios "$WORK/scenarios.json" \
  --out-dir bench/results --date "$DATE" --load "$LOAD" \
  --command "bench/run.sh = ${JMH_CMD[*]} ; ${SCEN_CMD[*]}"
echo "[run.sh] wrote bench/results/$DATE.json and bench/results/LATEST.md"
