#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-wire database on PostgreSQL or SQLite) into a project-local cache, once.
#
# Why not plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: the module zip ships
# build/version/version.txt empty, and a binary built that way panics at start-up ("Invalid
# build/version/version.txt file content"). We build the same pinned module source with that file
# filled in instead. Only the Go module proxy is needed.
set -euo pipefail

VERSION="v1.24.2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${FERRETDB_CACHE_DIR:-$root/.cache/ferretdb}"
bin="$cache/$VERSION/ferretdb"

if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || {
  echo "ensure-ferretdb: Go >= 1.21 is needed to build FerretDB $VERSION (or set MONGODB_URI to a MongoDB)" >&2
  exit 1
}

echo "ensure-ferretdb: building FerretDB $VERSION into $cache (first time only, a minute or two)" >&2
src_dir="$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$src_dir" ] || { echo "ensure-ferretdb: could not download the FerretDB $VERSION module" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$src_dir/." "$work/"
chmod -R u+w "$work"
echo "$VERSION" > "$work/build/version/version.txt"
mkdir -p "$cache/$VERSION"
(cd "$work" && GOFLAGS=-buildvcs=false go build -trimpath -o "$bin.tmp" ./cmd/ferretdb)
mv "$bin.tmp" "$bin"
"$bin" --version >&2
echo "$bin"
