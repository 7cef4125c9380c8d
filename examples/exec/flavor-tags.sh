#!/bin/sh
# A flavor for tend's exec transport, like InfraKit's vanilla: adds Properties.Tags to the
# instance's tags and Properties.Init lines to its Init; every instance is healthy.
set -eu
req=$(cat)
case "$1" in
  Flavor.Validate | Flavor.Drain) echo '{"OK":true}' ;;
  Flavor.Prepare)
    printf '%s' "$req" | jq '{Spec: (.Spec
      | .Tags = ((.Tags // {}) + ($req.Properties.Tags // {}))
      | .Init = ([.Init // "" | select(. != "")] + ($req.Properties.Init // []) | join("\n")))}' --argjson req "$req" ;;
  Flavor.Healthy) echo '{"Health":1}' ;;
  *) echo "unknown method $1" >&2; exit 1 ;;
esac
