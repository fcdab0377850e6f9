#!/usr/bin/env bash
# Team solves of one organisation on N real Celery workers (Redis on 127.0.0.1:6379):
#   bash bench/org_celery.sh ORG.json N
# Starts N `rhythm worker`s (one solve each) on a queue of their own, plans with --celery
# --no-alone, prints the summary's step times and the load average, and stops the workers.
set -euo pipefail
org=$1; n=$2
work=$(mktemp -d)
export CELERY_BROKER_URL=redis://127.0.0.1:6379/0 RHYTHM_CELERY_QUEUE="rhythm-org-bench-$$"
export DATABASE_URL="sqlite:///$work/worker.db" RHYTHM_DATA_DIR="$work" RHYTHM_WEB_SECRET=bench
pids=()
for i in $(seq "$n"); do
  rhythm worker > "$work/worker$i.log" 2>&1 &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true' EXIT
for i in $(seq "$n"); do
  until grep -q " ready." "$work/worker$i.log"; do sleep 0.5; done
done
cat /proc/loadavg
/usr/bin/time -f "wall %e s" rhythm org plan "$org" --out "$work/out" --celery --no-alone \
  --history "sqlite:///$work/history.db" > /dev/null
python3 -c 'import json,sys; s = json.load(open(sys.argv[1])); print(s["seconds"], "team CPU s:", s["team_cpu_seconds"])' "$work/out/summary.json"
cat /proc/loadavg
