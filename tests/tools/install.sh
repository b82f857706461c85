#!/usr/bin/env bash
# Install the browser gate's pinned checkers into tests/tools/node_modules
# (git-ignored): vnu-jar (the Nu Html Checker, needs Java 17) and Lighthouse 12
# (runs on Node 20). Versions are pinned in package.json + package-lock.json.
# Idempotent: skips npm when the lock file has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is missing (apt-get install nodejs npm)" >&2; exit 1; }
command -v java >/dev/null || { echo "java is missing (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
stamp=node_modules/.installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # --ignore-scripts: no package may download a browser or binary of its own;
  # Lighthouse drives Debian's Chromium (CHROME_PATH).
  flags=(--no-audit --no-fund --ignore-scripts --loglevel=error)
  # Lighthouse's trace engine asks for third-party-web@"latest", so a new
  # release of that data package can put the lock "out of sync"; the direct
  # dependencies stay pinned either way, so fall back to a plain install.
  npm ci "${flags[@]}" || npm install "${flags[@]}" --no-save
  touch "$stamp"
fi
java -jar node_modules/vnu-jar/build/dist/vnu.jar --version | sed 's/^/vnu /'
node node_modules/lighthouse/cli/index.js --version | sed 's/^/lighthouse /'
