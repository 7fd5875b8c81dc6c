#!/usr/bin/env bash
# Brings every src/*/PublicAPI.*.txt in line with the code after a deliberate public API change (docs/quality.md,
# "Public API"). Run from anywhere: bash .ci/update-public-api.sh [src/A/A.csproj ...] (default: every src project)
#
# 1. New public symbols (RS0016): the analyzer's own code fix, through `dotnet format`, adds them to
#    PublicAPI.Unshipped.txt. It is run once per project on purpose: run on the solution, `dotnet format` applies the
#    fix to only one project per run (seen with SDK 10.0.401 and PublicApiAnalyzers 5.6.0).
# 2. Symbols that are gone or no longer public (RS0017): the analyzer has no code fix for these, so they are read from
#    a build: an entry of PublicAPI.Unshipped.txt is deleted; an entry of PublicAPI.Shipped.txt is marked as removed by
#    adding "*REMOVED*<entry>" to PublicAPI.Unshipped.txt, the analyzer's convention for a breaking removal.
# Review the diff afterwards: every line is a public API change.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log" "$log.gone" "$log.new"' EXIT

projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(src/*/*.csproj)

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Unshipped.txt" ] || continue

  echo "== $project: adding new public symbols (RS0016)"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity warn

  echo "== $project: removing entries whose symbol is gone (RS0017)"
  # A full compile of this project (not an incremental no-op) so that every RS0017 is reported; warnings stay warnings.
  dotnet build "$project" -c Release --no-incremental -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
  grep -E "PublicAPI\.(Shipped|Unshipped)\.txt\([0-9]+,[0-9]+\): warning RS0017:" "$log" \
    | sed -E "s/^(.*PublicAPI\.(Shipped|Unshipped)\.txt)\([0-9]+,[0-9]+\): warning RS0017: Symbol '(.*)' is part of the declared API.*$/\2\t\3/" \
    | sort -u > "$log.gone" || true
  while IFS=$'\t' read -r kind symbol; do
    [ -n "$symbol" ] || continue
    if [ "$kind" = "Unshipped" ]; then
      grep -vxF -- "$symbol" "$dir/PublicAPI.Unshipped.txt" > "$log.new" || true
      cat "$log.new" > "$dir/PublicAPI.Unshipped.txt"
      echo "removed from PublicAPI.Unshipped.txt: $symbol"
    else
      [ -z "$(tail -c 1 "$dir/PublicAPI.Unshipped.txt")" ] || echo >> "$dir/PublicAPI.Unshipped.txt"
      printf '*REMOVED*%s\n' "$symbol" >> "$dir/PublicAPI.Unshipped.txt"
      echo "marked as removed (was shipped): $symbol"
    fi
  done < "$log.gone"
  if grep -qE ": error [A-Z]+[0-9]+:" "$log"; then
    echo "note: $project does not compile for other reasons; fix these, then run this script again:"
    grep -E ": error [A-Z]+[0-9]+:" "$log" | sort -u
  fi
done

echo "== done; check the build: dotnet build CometApi.Kling.sln -c Release"
git status --short -- 'src/*/PublicAPI.*.txt'
