#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml), kept in a file so it can be
# tested. Maps the action's inputs, passed as INPUT_* environment variables
# (never interpolated into shell code), to tom-audit's arguments:
#
#   INPUT_PATHS          one path per line (paths may contain spaces); required
#   INPUT_FAIL_ON        --fail-on        INPUT_UNKNOWN   --unknown
#   INPUT_WAIVERS        --waivers        INPUT_OUT       --out (default reports)
#   INPUT_SARIF_CATEGORY --sarif-category INPUT_HELP_BASE --sarif-help-base
#
# TOM_AUDIT_BIN is the tom-audit executable. The gate's exit code goes to
# $GITHUB_OUTPUT as `exit-code`, and this script exits 0 so the report uploads
# still run; the action's last step fails with that code.
set -euo pipefail

trim() {
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  s="${s%"${s##*[![:space:]]}"}"
  printf '%s' "$s"
}

args=()
add_option() { # name value: only when the value is not empty
  local value
  value="$(trim "$2")"
  if [ -n "$value" ]; then args+=("$1" "$value"); fi
}
add_option --fail-on "${INPUT_FAIL_ON:-}"
add_option --unknown "${INPUT_UNKNOWN:-}"
add_option --waivers "${INPUT_WAIVERS:-}"
add_option --out "${INPUT_OUT:-reports}"
add_option --sarif-category "${INPUT_SARIF_CATEGORY:-}"
add_option --sarif-help-base "${INPUT_HELP_BASE:-}"

paths=()
while IFS= read -r line || [ -n "$line" ]; do
  line="$(trim "$line")"
  if [ -n "$line" ]; then paths+=("$line"); fi
done <<< "${INPUT_PATHS:-}"
if [ "${#paths[@]}" -eq 0 ]; then
  echo "tom-audit action: the input 'paths' is empty; give the synthesized output to audit, one path per line (e.g. cdktf.out)." >&2
  code=2
else
  bin="${TOM_AUDIT_BIN:?TOM_AUDIT_BIN must name the tom-audit executable}"
  # `--` ends the options: a path that starts with `-` stays a path.
  set +e
  "$bin" "${args[@]}" -- "${paths[@]}"
  code=$?
  set -e
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=$code" >> "$GITHUB_OUTPUT"; fi
exit 0
