#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, builds, runs every test project.
# Usage: ./test.sh [extra dotnet test args, e.g. --filter Category!=Browser]
set -euo pipefail
cd "$(dirname "$0")"

# Each setup script installs one thing the tests need (npm packages, chromium, test servers) and is idempotent.
for setup in scripts/setup.d/*.sh; do
  [ -e "$setup" ] || continue
  echo "== setup: $setup"
  bash "$setup"
done

echo "== build"
dotnet build Chatbot.sln -c Release -nologo -v quiet

echo "== test"
mkdir -p test-artifacts
status=0
dotnet test Chatbot.sln -c Release --no-build --nologo -v quiet \
  --logger "console;verbosity=normal" --results-directory test-artifacts "$@" 2>&1 | tee test-artifacts/test-output.log || status=$?

# One closing line that any reader understands.
passed=$({ grep -oE 'Passed: +[0-9]+' test-artifacts/test-output.log || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE 'Failed: +[0-9]+' test-artifacts/test-output.log || true; } | awk '{s+=$2} END {print s+0}')
skipped=$({ grep -oE 'Skipped: +[0-9]+' test-artifacts/test-output.log || true; } | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
