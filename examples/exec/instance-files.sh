#!/bin/sh
# An instance plugin for tend's exec transport: one JSON file per instance in $INSTANCE_DIR.
# tend runs it as `instance-files.sh <Method>` with the request on stdin; the answer goes to stdout.
set -eu
dir=${INSTANCE_DIR:?set INSTANCE_DIR in the env of the plugin}
mkdir -p "$dir"
req=$(cat)
field() { printf '%s' "$req" | jq -r "$1"; }
case "$1" in
  Instance.Validate)
    printf '%s' "$req" | jq -e '.Properties | type == "object"' >/dev/null || { echo 'Properties must be an object' >&2; exit 1; }
    echo '{"OK":true}' ;;
  Instance.Provision)
    id="i-$(date +%s%N)-$$"
    printf '%s' "$req" | jq --arg id "$id" '{ID: $id, LogicalID: .Spec.LogicalID, Tags: (.Spec.Tags // {}), Properties: .Spec}' >"$dir/$id.json"
    jq -n --arg id "$id" '{ID: $id}' ;;
  Instance.Destroy | Instance.Label)
    id=$(field .Instance)
    [ -f "$dir/$id.json" ] || { echo "instance $id not found" >&2; exit 1; }
    if [ "$1" = Instance.Destroy ]; then rm "$dir/$id.json"; else
      jq --argjson labels "$(field '.Labels | tojson')" '.Tags += $labels' "$dir/$id.json" >"$dir/$id.tmp"
      mv "$dir/$id.tmp" "$dir/$id.json"
    fi
    echo '{"OK":true}' ;;
  Instance.DescribeInstances)
    # Every tag asked for must match, a missing tag comparing as "" (InfraKit's filter).
    cat "$dir"/*.json 2>/dev/null | jq -s --argjson req "$req" '{Descriptions: [.[]
      | select(. as $i | [$req.Tags | to_entries[] | ($i.Tags[.key] // "") == .value] | all)
      | if $req.Properties then . else del(.Properties) end]}' ;;
  *) echo "unknown method $1" >&2; exit 1 ;;
esac
