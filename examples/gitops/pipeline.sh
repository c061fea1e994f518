#!/usr/bin/env bash
# The pipeline's steps, runnable on your machine exactly as CI runs them:
#   1. plan with -detailed-exitcode into a saved plan (exit 2: changes, 0: none, 1: error)
#   2. the plan as JSON, reviewed by review-plan.ts (destroying anything needs ALLOW_DESTROY=1)
#   3. apply of that saved plan (refused if the state moved since the plan)
#   4. plan again: must report no changes
# Needs PG_CONN_STR (the state database) and a grid (`gridform grid up` for the local one).
# GRIDFORM overrides how gridform is run (default: npx gridform).
set -euo pipefail
cd "$(dirname "$0")"
: "${PG_CONN_STR:?set PG_CONN_STR to the PostgreSQL database that holds the state}"
GRIDFORM=${GRIDFORM:-npx gridform}

step() { printf '\n==> %s\n' "$*"; }

step "plan"
set +e
$GRIDFORM plan -input=false -no-color -detailed-exitcode -out=tfplan
plan_status=$?
set -e
case $plan_status in
  0) echo "No changes: nothing to apply."; exit 0 ;;
  2) echo "Changes planned: saved in tfplan." ;;
  *) echo "plan failed (exit $plan_status)" >&2; exit 1 ;;
esac

step "review"
$GRIDFORM show -json tfplan > tfplan.json
npx tsx review-plan.ts tfplan.json

step "apply the saved plan"
$GRIDFORM apply -input=false -no-color tfplan

step "plan again: nothing may be left to do"
set +e
$GRIDFORM plan -input=false -no-color -detailed-exitcode
again=$?
set -e
if [ "$again" -ne 0 ]; then echo "the configuration and the grid still differ after apply (exit $again)" >&2; exit 1; fi
echo "Converged: the grid matches main."
