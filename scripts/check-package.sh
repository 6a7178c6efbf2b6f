#!/usr/bin/env bash
# Folio installs like any npm tool: pack it, install the tarball into a new project with only its
# runtime dependencies (from npm's cache, no network needed after `npm ci`), and build the seed
# from there as a user who owns neither the install nor node_modules.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
tarball="$(npm pack "$root" --silent --pack-destination "$work" | tail -1)"
mkdir app && cd app
npm init -y >/dev/null
npm install --omit=dev --no-audit --no-fund --prefer-offline "$work/$tarball" >/dev/null
test ! -e node_modules/folio/src || { echo "check-package: src/ was packed"; exit 1; }
test -f node_modules/folio/lib/main.mjs || { echo "check-package: lib/main.mjs was not packed"; exit 1; }
cp -r "$root/source" "$root/templates" .
chmod -R a+rX "$work"
run_as() {
  if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    # nobody owns nothing here but dist/, which it creates in a directory it may write to.
    mkdir -p out && chown nobody out
    setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work" "$@"
  else
    mkdir -p out
    "$@"
  fi
}
chmod -R a-w node_modules
run_as env SOURCE_DATE_EPOCH=1679918400 node_modules/.bin/folio build --out out/dist
for f in index.html kazakhstan-2022/kazakhstan-2022.en.pdf kazakhstan-2022/kazakhstan-2022.en.docx kazakhstan-2022/kazakhstan-2022.en.json; do
  test -s "out/dist/$f" || { echo "check-package: out/dist/$f missing"; exit 1; }
done
chmod -R u+w node_modules
echo "check-package: the packed tarball installs with --omit=dev and builds as an unprivileged user"
