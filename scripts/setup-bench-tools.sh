#!/usr/bin/env bash
# Installs what npm run bench compares against or drives: Debian's scikit-learn (the baseline in bench/baseline)
# and Debian's Azure SDK for Python (bench/sdk). Never runtime dependencies. Idempotent: nothing to do once
# /usr/bin/python3 imports both.
set -euo pipefail

if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sklearn, azure.core, azure.ai.textanalytics' 2>/dev/null; then exit 0; fi
echo "bench setup: installing python3-sklearn and python3-azure with apt-get (once; a minute or two)"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-sklearn python3-azure >/dev/null
