#!/usr/bin/env bash
# The pipeline's steps, runnable on your machine exactly as CI runs them. Every decision comes from
# an exit code; what gridform says comes as -json (terraform's machine-readable UI, one JSON message
# per line), kept in plan.jsonl and apply.jsonl and printed for the log by print-ui.ts:
#   1. plan -detailed-exitcode into a saved plan (exit 2: changes, 0: none, anything else: error)
#   2. the plan as JSON (show -json), reviewed by review-plan.ts (destroying anything needs ALLOW_DESTROY=1)
#   3. apply of that saved plan (refused if the state moved since the plan)
#   4. plan again: must exit 0 (no changes)
# Needs PG_CONN_STR (the state database) and a grid (`gridform grid up` for the local one).
# GRIDFORM overrides how gridform is run (default: npx gridform), TSX how the TypeScript helpers
# are run (default: npx tsx).
set -euo pipefail
cd "$(dirname "$0")"
: "${PG_CONN_STR:?set PG_CONN_STR to the PostgreSQL database that holds the state}"
GRIDFORM=${GRIDFORM:-npx gridform}
TSX=${TSX:-npx tsx}

step() { printf '\n==> %s\n' "$*"; }

# ui LOG COMMAND ARGS...: runs gridform COMMAND -json ARGS (flags before a plan file, as terraform
# wants them), keeping its messages in LOG and printing them; returns gridform's exit code
ui() {
  local log=$1 command=$2
  shift 2
  set +e
  $GRIDFORM "$command" -json "$@" | tee "$log" | $TSX print-ui.ts
  local status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

step "plan"
plan_status=0
ui plan.jsonl plan -input=false -detailed-exitcode -out=tfplan || plan_status=$?
case $plan_status in
  0) echo "No changes: nothing to apply."; exit 0 ;;
  2) echo "Changes planned: saved in tfplan." ;;
  *) echo "plan failed (exit $plan_status)" >&2; exit 1 ;;
esac

step "review"
$GRIDFORM show -json tfplan > tfplan.json
$TSX review-plan.ts tfplan.json

step "apply the saved plan"
apply_status=0
ui apply.jsonl apply -input=false tfplan || apply_status=$?
if [ "$apply_status" -ne 0 ]; then echo "apply failed (exit $apply_status)" >&2; exit 1; fi

step "plan again: nothing may be left to do"
again=0
ui replan.jsonl plan -input=false -detailed-exitcode || again=$?
if [ "$again" -ne 0 ]; then echo "the configuration and the grid still differ after apply (exit $again)" >&2; exit 1; fi
echo "Converged: the grid matches main."
