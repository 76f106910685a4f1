#!/usr/bin/env bash
# bench/search.sh — tiaowen's search index against Pagefind 1.6 on the same
# sites: the seed content and synthetic corpora of 200 and 2000 documents
# from bench/gencorpus (and 10000 with --large), then the query latency of
# the search page in Chromium at N=2000.
#
#   bench/search.sh [--large] [--sizes "seeds 200 2000 10000"] [--no-pagefind] [--no-latency]
#
# For each corpus it builds the site with `tiaowen build`, times the index
# build (BenchmarkBuildDir of internal/search, one run, under
# /usr/bin/time: "index s" is search.Build alone, "load+index s" and the
# peak RSS the whole process, reading the corpus included), then runs
# Pagefind twice over the same output:
#
#   pf-site  `pagefind --site <site>`: every page tiaowen wrote, as the
#            issue asks (Pagefind indexes each page's whole <body>);
#   pf-sec   `pagefind --site <site> --glob 'docs/*/*/index.html'`: the
#            section pages only, the same text tiaowen's index holds.
#
# Sizes are bytes on disk. tiaowen's is search/data/ (search.js, 40 KB,
# not counted); Pagefind's is its index proper (index/, fragment/,
# *.pf_meta, pagefind-entry.json), not counting its UI, JavaScript and
# WebAssembly (about 600 KB). Pagefind's files are gzip-compressed;
# tiaowen's are plain script and a web server may compress them.
#
# Pagefind (npm `pagefind@1.6`, which runs its "extended" binary, the one
# that segments Chinese) is installed into $BENCH_DIR/node_modules, never
# globally; without npm it is skipped and the table says so. It runs with
# its address space capped at PAGEFIND_MEM_GB (default 16) and for at most
# PAGEFIND_TIMEOUT seconds (default 900), so that a corpus it cannot
# index fails alone instead of starving the machine; once a run of it has
# failed at one size it is not tried at larger ones, and a site that
# neither Pagefind run nor the latency test needs is not built (tiaowen's
# index needs only the content). Everything goes under
# build/bench/search (BENCH_DIR to change); the sites are large (about
# 2.5 GB per 1000 documents), so each is removed when done with unless
# KEEP=1. The numbers are only as quiet as the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

large=0 pagefind=1 latency=1 sizes=""
while [ $# -gt 0 ]; do
	case $1 in
	--large) large=1 ;;
	--sizes) sizes=$2; shift ;;
	--no-pagefind) pagefind=0 ;;
	--no-latency) latency=0 ;;
	*) echo 'usage: bench/search.sh [--large] [--sizes "seeds 200 2000 10000"] [--no-pagefind] [--no-latency]' >&2; exit 2 ;;
	esac
	shift
done
if [ -z "$sizes" ]; then
	sizes="seeds 200 2000"
	[ $large = 1 ] && sizes="$sizes 10000"
fi
work=${BENCH_DIR:-build/bench/search}
mem_gb=${PAGEFIND_MEM_GB:-16}
pf_timeout=${PAGEFIND_TIMEOUT:-900}
mkdir -p "$work"
work=$(cd "$work" && pwd)
# The table prints this run's latency, never one an earlier run left.
rm -f "$work/latency.out"

if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "== installing Debian's time for /usr/bin/time -v" >&2
		apt-get install -y -qq time >/dev/null
	else
		echo "bench/search.sh needs /usr/bin/time: apt-get install time" >&2
		exit 1
	fi
fi

echo "== building tiaowen and the index benchmark" >&2
go build -o "$work/tiaowen" ./cmd/tiaowen
go build -o "$work/gencorpus" ./bench/gencorpus
go test -c -o "$work/search.test" ./internal/search

pf_note=""
if [ $pagefind = 1 ]; then
	if ! command -v npm >/dev/null; then
		pf_note="npm is not installed: no Pagefind comparison"
		pagefind=0
	elif [ ! -x "$work/node_modules/.bin/pagefind" ]; then
		echo "== installing pagefind@1.6 into $work/node_modules" >&2
		[ -f "$work/package.json" ] || echo '{"private": true}' >"$work/package.json"
		if ! (cd "$work" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6 >&2); then
			pf_note="npm could not install pagefind@1.6: no Pagefind comparison"
			pagefind=0
		fi
	fi
	[ $pagefind = 1 ] && pf_version=$("$work/node_modules/.bin/pagefind" --version)
else
	pf_note="Pagefind skipped (--no-pagefind)"
fi

# timed CMD… runs CMD under /usr/bin/time -v and sets secs and rss_mib;
# its output goes to $work/last.out.
timed() {
	local log=$work/time.log
	set +e
	/usr/bin/time -v -o "$log" "$@" >"$work/last.out" 2>&1
	status=$?
	set -e
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
	rss_mib=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
	return $status
}

bytes() { find "$@" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f", a / b; else print "-" }'; }

# pagefind_run NAME SITE [ARGS…] runs Pagefind over SITE and sets
# NAME_s, NAME_bytes, NAME_rss and NAME_state.
pfs_failed="" pfc_failed=""
pagefind_run() {
	local name=$1 site=$2
	shift 2
	local s=- b=- r=- state=skipped failed=${name}_failed
	if [ $pagefind = 1 ] && [ -n "${!failed}" ]; then
		state="not tried: failed at ${!failed}"
	elif [ $pagefind = 1 ]; then
		echo "== $n: pagefind $name (up to ${pf_timeout}s, ${mem_gb} GiB)" >&2
		rm -rf "$site/pagefind"
		if timed bash -c "ulimit -v $((mem_gb * 1024 * 1024)); exec timeout $pf_timeout '$work/node_modules/.bin/pagefind' --site '$site' $*"; then
			s=$secs r=$rss_mib state=ok
			b=$(bytes "$site/pagefind/index" "$site/pagefind/fragment" "$site/pagefind"/*.pf_meta "$site/pagefind/pagefind-entry.json")
			grep -E 'Indexed [0-9]+ pages' "$work/last.out" | sed "s/^ */   $name: /" >&2 || true
		else
			s=">$secs" r=$rss_mib state="failed (exit $status)"
			[ "$status" = 124 ] && state="timed out"
			printf -v "$failed" '%s' "$n"
			tail -3 "$work/last.out" | sed 's/^/   pagefind: /' >&2
		fi
		rm -rf "$site/pagefind"
	fi
	printf -v "${name}_s" '%s' "$s"
	printf -v "${name}_bytes" '%s' "$b"
	printf -v "${name}_rss" '%s' "$r"
	printf -v "${name}_state" '%s' "$state"
}

rows=()
notes=()
for n in $sizes; do
	dir=$work/$n
	rm -rf "$dir"
	mkdir -p "$dir/content"
	if [ "$n" = seeds ]; then
		cp -r content/. "$dir/content/"
		rm -f "$dir/content/.permalinks"
	else
		echo "== N=$n: generating the corpus" >&2
		"$work/gencorpus" -seeds testdata/seeds -n "$n" -out "$dir/content/docs" -manifest "$dir/manifest.json" >&2
		cp content/themes.yaml content/site.yaml "$dir/content/"
	fi

	echo "== $n: indexing alone" >&2
	TIAOWEN_BENCH_CONTENT=$dir/content timed "$work/search.test" -test.run '^$' -test.bench '^BenchmarkBuildDir$' -test.benchtime 1x ||
		{ cat "$work/last.out" >&2; exit 1; }
	ix_s=$(awk '/^BenchmarkBuildDir/ { printf "%.3f", $3 / 1e9 }' "$work/last.out")
	ix_bytes=$(awk '/^BenchmarkBuildDir/ { for (i = 1; i < NF; i++) if ($(i + 1) == "index-bytes") print $i }' "$work/last.out")
	sections=$(awk '/^BenchmarkBuildDir/ { for (i = 1; i < NF; i++) if ($(i + 1) == "sections") printf "%d", $i }' "$work/last.out")
	ix_all_s=$secs ix_rss=$rss_mib
	docs=$(ls "$dir/content/docs" | wc -l)

	need_site=0
	if [ $pagefind = 1 ] && { [ -z "$pfs_failed" ] || [ -z "$pfc_failed" ]; }; then need_site=1; fi
	if [ "$n" = 2000 ] && [ $latency = 1 ]; then need_site=1; fi
	site_s=-
	if [ $need_site = 1 ]; then
		echo "== $n: building the site" >&2
		timed "$work/tiaowen" build --content "$dir/content" --out "$dir/site" --zip - || { cat "$work/last.out" >&2; exit 1; }
		site_s=$secs
		site_bytes=$(bytes "$dir/site/search/data")
		[ "$site_bytes" = "$ix_bytes" ] || notes+=("$n: the site's search/data holds $site_bytes bytes, search.Build said $ix_bytes")
	fi

	pagefind_run pfs "$dir/site"
	pagefind_run pfc "$dir/site" --glob "'docs/*/*/index.html'"

	speed() { local r; r=$(ratio "${1#>}" "$ix_s"); [ "$2" = ok ] || [ "$r" = - ] || r=">$r"; echo "$r"; }
	rows+=("$(printf '%-6s %6s %8s %8s %8s %9s %11s %8s | %8s %11s %7s %7s %6s | %8s %11s %7s %7s %6s' \
		"$n" "$docs" "$sections" "$site_s" "$ix_s" "$ix_all_s" "$ix_bytes" "$ix_rss" \
		"$pfs_s" "$pfs_bytes" "$pfs_rss" "$(speed "$pfs_s" "$pfs_state")" "$(ratio "$pfs_bytes" "$ix_bytes")" \
		"$pfc_s" "$pfc_bytes" "$pfc_rss" "$(speed "$pfc_s" "$pfc_state")" "$(ratio "$pfc_bytes" "$ix_bytes")")")
	[ "$pfs_state" = ok ] && [ "$pfc_state" = ok ] || notes+=("$n: pf-site $pfs_state; pf-sec $pfc_state")
	echo "   ${rows[-1]}" >&2

	if [ "$n" = 2000 ] && [ $latency = 1 ]; then
		echo "== 2000: query latency in Chromium" >&2
		(cd "$repo" && TIAOWEN_BENCH_SITE=$dir/site go test -count=1 -run '^TestSearchLatency$' -v ./internal/site/) >"$work/latency.out" 2>&1 ||
			echo "   (latency test failed: see $work/latency.out)" >&2
	fi
	[ "${KEEP:-0}" = 1 ] || rm -rf "$dir/site"
done

echo
echo "tiaowen search index vs Pagefind ${pf_version:-(not run)} ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-6s %6s %8s %8s %8s %9s %11s %8s | %8s %11s %7s %7s %6s | %8s %11s %7s %7s %6s\n' \
	corpus docs sections "site s" "index s" "load+ix s" "index B" "RSS MiB" \
	"pf-site s" "B" "RSS MiB" "speed×" "size×" "pf-sec s" "B" "RSS MiB" "speed×" "size×"
for r in "${rows[@]}"; do echo "$r"; done
[ -n "$pf_note" ] && echo "($pf_note)"
for x in "${notes[@]}"; do echo "($x)"; done
echo "site s: the whole tiaowen build; index s: search.Build alone; load+ix s and RSS: the indexing process, reading the corpus included."
echo "speed×: Pagefind's time over search.Build's; size×: Pagefind's index bytes over tiaowen's. Targets: speed× ≥ 20, size× ≥ 1, RSS at 10000 ≤ 4096 MiB."
if [ -f "$work/latency.out" ]; then
	echo
	echo "query latency at N=2000 (Chromium, file://; cold = first query of a fresh page, run at once, its shards read from disk;"
	echo "typed = committed into the box by an input method, from the end of the typing pause; warm = median of 7; target 50 ms)"
	grep -E '^(term|common|rare|every answer|over the)' "$work/latency.out" || tail -20 "$work/latency.out"
fi
