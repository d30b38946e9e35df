#!/usr/bin/env bash
# Installs what npm run bench compares against: Debian's scikit-learn, for the baseline in bench/baseline.
# Never a runtime dependency. Idempotent: nothing to do once /usr/bin/python3 imports sklearn.
set -euo pipefail

if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then exit 0; fi
echo "bench setup: installing python3-sklearn with apt-get (once; about a minute)"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-sklearn >/dev/null
