#!/usr/bin/env bash
# Refresh service/static/vendor/ from npm: the pinned packages' built files, their licenses, and
# VENDOR.md (package, version, files, license, sha256). The UI must work offline, so these files
# are committed; run this only to move to a new version (edit the pins below, run, review the diff).
#
#   scripts/refresh-vendor.sh        (needs node + npm and the npm registry)
set -euo pipefail

YASGUI_VERSION=4.6.2       # @zazuko/yasgui: the maintained YASGUI fork (rdfjs/Yasgui)
CYTOSCAPE_VERSION=3.35.0   # cytoscape: used by the /explore page

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/service/static/vendor"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
# --ignore-scripts: nothing from the registry runs on this machine; we only copy built files.
npm install --no-audit --no-fund --ignore-scripts --omit=dev \
  "@zazuko/yasgui@$YASGUI_VERSION" "cytoscape@$CYTOSCAPE_VERSION" >/dev/null
NM="$WORK/node_modules"

field() {  # field <package dir> <json field>  -> the package.json field as text
  node -e 'const p=require(process.argv[1]+"/package.json"); const v=p[process.argv[2]];
           console.log(typeof v==="object"?(v.type||JSON.stringify(v)):(v??""))' "$1" "$2"
}

rm -rf "$DEST/yasgui" "$DEST/cytoscape"
mkdir -p "$DEST/yasgui" "$DEST/cytoscape"

# --- YASGUI: one self-contained UMD bundle (Yasqe, Yasr, CodeMirror, jQuery, DataTables ... inside)
cp "$NM/@zazuko/yasgui/build/yasgui.min.js" "$NM/@zazuko/yasgui/build/yasgui.min.css" "$DEST/yasgui/"
# The @zazuko/yasgui tarball ships no LICENSE file; package.json declares MIT. Record that
# declaration and the MIT text so the vendored copy carries its terms.
{
  echo "@zazuko/yasgui $(field "$NM/@zazuko/yasgui" version) (npm), license: $(field "$NM/@zazuko/yasgui" license)"
  echo "author: $(field "$NM/@zazuko/yasgui" author); contributors: Zazuko GmbH"
  echo "source: https://github.com/rdfjs/Yasgui (fork of https://github.com/TriplyDB/Yasgui)"
  echo "The npm tarball contains no LICENSE file; this file was written by scripts/refresh-vendor.sh"
  echo "from the license declared in its package.json. The MIT License:"
  echo
  cat <<'MIT'
Copyright (c) Triply B.V. and Zazuko GmbH

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
} >"$DEST/yasgui/LICENSE"

# The bundle includes its dependencies: keep each one's name, version, license and license file.
{
  echo "Third-party packages bundled inside yasgui.min.js / yasgui.min.css"
  echo "(the npm dependency tree of @zazuko/yasgui $YASGUI_VERSION, as installed by refresh-vendor.sh)"
  find "$NM" -name package.json -not -path '*/node_modules/*/node_modules/*/node_modules/*' \
    | while read -r pj; do
        dir=$(dirname "$pj")
        case "$dir" in
          "$NM/cytoscape" | "$NM/@zazuko/"*) continue ;;
        esac
        # only package roots (node_modules/<name> or node_modules/@scope/<name>)
        rel=${dir#"$NM/"}
        [[ "$rel" =~ ^(@[^/]+/)?[^/@]+$ ]] || continue
        echo "$rel"
      done | sort -u | while read -r rel; do
        dir="$NM/$rel"
        echo
        echo "================================================================================"
        echo "$rel $(field "$dir" version), license: $(field "$dir" license)"
        echo "================================================================================"
        lic=$(find "$dir" -maxdepth 1 -iname 'licen[cs]e*' | sort | head -n 1)
        if [ -n "$lic" ]; then cat "$lic"; else echo "(no license file in the npm package)"; fi
      done
} >"$DEST/yasgui/THIRD-PARTY-LICENSES.txt"

# --- Cytoscape.js
cp "$NM/cytoscape/dist/cytoscape.min.js" "$NM/cytoscape/LICENSE" "$DEST/cytoscape/"

# --- VENDOR.md: what is here, from where, under which terms, with checksums
{
  echo "# Vendored front-end files"
  echo
  echo "Written by \`scripts/refresh-vendor.sh\` (do not edit by hand). Installed from the npm"
  echo "registry with \`npm install --ignore-scripts\`; only built files and licenses are copied."
  echo "Nothing here loads anything from the network at run time."
  echo
  echo "| package | version | license | tarball |"
  echo "|---|---|---|---|"
  for pkg in @zazuko/yasgui cytoscape; do
    echo "| \`$pkg\` | $(field "$NM/$pkg" version) | $(field "$NM/$pkg" license) | $(npm view "$pkg@$(field "$NM/$pkg" version)" dist.tarball) |"
  done
  echo
  echo "| file | sha256 |"
  echo "|---|---|"
  (cd "$DEST" && find yasgui cytoscape -type f | sort | while read -r f; do
     echo "| \`$f\` | \`$(sha256sum "$f" | cut -d' ' -f1)\` |"
   done)
} >"$DEST/VENDOR.md"

echo "vendored @zazuko/yasgui $YASGUI_VERSION and cytoscape $CYTOSCAPE_VERSION into $DEST"
