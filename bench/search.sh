#!/usr/bin/env bash
# bench/search.sh — tiaowen's search index against Pagefind 1.6 on the same
# sites: the seed content and synthetic corpora of 200 and 2000 documents
# from bench/gencorpus (and 10000 with --large), then the query latency of
# the search page in Chromium at N=2000.
#
#   bench/search.sh [--large] [--no-pagefind] [--no-latency]
#
# For each corpus it builds the site with `tiaowen build`, times the index
# build alone (BenchmarkBuildDir of internal/search, one run, under
# /usr/bin/time for the peak RSS of the whole process, corpus loading
# included), then runs `npx pagefind --site <site>` over the same output
# and prints one table. Pagefind is installed with npm into
# build/bench/node_modules, never globally; without npm or Pagefind the
# comparison is skipped and the table says so. Pagefind runs with its
# address space capped at PAGEFIND_MEM_GB (default 16) and for at most
# PAGEFIND_TIMEOUT seconds (default 1200), so that a corpus it cannot
# index fails alone instead of starving the machine. Everything goes
# under build/bench/ (BENCH_DIR to change); the sites are large (about
# 3 GB per 1000 documents), so the script removes each one when done
# with it unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

large=0 pagefind=1 latency=1
for a in "$@"; do
	case $a in
	--large) large=1 ;;
	--no-pagefind) pagefind=0 ;;
	--no-latency) latency=0 ;;
	*) echo "usage: bench/search.sh [--large] [--no-pagefind] [--no-latency]" >&2; exit 2 ;;
	esac
done
sizes="seeds 200 2000"
[ $large = 1 ] && sizes="$sizes 10000"
work=${BENCH_DIR:-build/bench}
mem_gb=${PAGEFIND_MEM_GB:-16}
pf_timeout=${PAGEFIND_TIMEOUT:-1200}
mkdir -p "$work"
work=$(cd "$work" && pwd)

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

bytes() { du -sb "$1" 2>/dev/null | cut -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f", a / b; else print "-" }'; }

rows=()
for n in $sizes; do
	dir=$work/$n
	rm -rf "$dir"
	mkdir -p "$dir/content"
	if [ "$n" = seeds ]; then
		cp -r content/. "$dir/content/"
		rm -f "$dir/content/.permalinks"
	else
		echo "== N=$n: generating the corpus" >&2
		go run ./bench/gencorpus -seeds testdata/seeds -n "$n" -out "$dir/content/docs" -manifest "$dir/manifest.json" >&2
		cp content/themes.yaml content/site.yaml "$dir/content/"
	fi

	echo "== $n: building the site" >&2
	timed "$work/tiaowen" build --content "$dir/content" --out "$dir/site" --zip - || { cat "$work/last.out" >&2; exit 1; }
	site_s=$secs site_rss=$rss_mib
	summary=$(grep -E '^[0-9]+ documents, ' "$work/last.out" | tail -1)
	docs=$(echo "$summary" | awk '{ print $1 }') sections=$(echo "$summary" | awk '{ print $3 }')
	ix_bytes=$(bytes "$dir/site/search/data")

	echo "== $n: indexing alone" >&2
	TIAOWEN_BENCH_CONTENT=$dir/content timed "$work/search.test" -test.run '^$' -test.bench '^BenchmarkBuildDir$' -test.benchtime 1x ||
		{ cat "$work/last.out" >&2; exit 1; }
	ix_s=$(awk '/^BenchmarkBuildDir/ { printf "%.3f", $3 / 1e9 }' "$work/last.out")
	ix_heap=$(awk '/^BenchmarkBuildDir/ { for (i = 1; i < NF; i++) if ($(i + 1) == "peak-heap-MiB") printf "%.0f", $i }' "$work/last.out")
	ix_rss=$rss_mib

	pf_s=- pf_bytes=- pf_rss=- pf_state=skipped
	if [ $pagefind = 1 ]; then
		echo "== $n: pagefind (up to ${pf_timeout}s, ${mem_gb} GiB)" >&2
		rm -rf "$dir/site/pagefind"
		if timed bash -c "ulimit -v $((mem_gb * 1024 * 1024)); cd '$work' && exec timeout $pf_timeout npx --no-install pagefind --site '$dir/site'"; then
			pf_s=$secs pf_rss=$rss_mib pf_bytes=$(bytes "$dir/site/pagefind") pf_state=ok
		else
			pf_s=">$secs" pf_rss=$rss_mib pf_state="failed (exit $status)"
			[ "$status" = 124 ] && pf_state="timed out"
			tail -3 "$work/last.out" | sed 's/^/   pagefind: /' >&2
		fi
	fi
	speed=$(ratio "${pf_s#>}" "$ix_s")
	[ "$pf_state" = ok ] || [ "$speed" = - ] || speed=">$speed"
	rows+=("$(printf '%-6s %6s %8s %9.1f %9.3f %12s %8s %8s %10s %12s %9s %8s %8s  %s' \
		"$n" "$docs" "$sections" "$site_s" "$ix_s" "$ix_bytes" "$ix_heap" "$ix_rss" "$pf_s" "$pf_bytes" "$pf_rss" \
		"$speed" "$(ratio "$pf_bytes" "$ix_bytes")" "$pf_state")")
	echo "   ${rows[-1]}" >&2

	if [ "$n" = 2000 ] && [ $latency = 1 ]; then
		echo "== 2000: query latency in Chromium" >&2
		TIAOWEN_BENCH_SITE=$dir/site go test -count=1 -run '^TestSearchLatency$' -v ./internal/site/ >"$work/latency.out" 2>&1 ||
			echo "   (latency test failed: see $work/latency.out)" >&2
	fi
	[ "${KEEP:-0}" = 1 ] || rm -rf "$dir/site"
done

echo
echo "tiaowen search index vs Pagefind 1.6 ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo))"
printf '%-6s %6s %8s %9s %9s %12s %8s %8s %10s %12s %9s %8s %8s  %s\n' \
	corpus docs sections "site s" "index s" "index B" "heap MiB" "RSS MiB" "pf s" "pf B" "pf RSS" "speed×" "size×" "pagefind"
for r in "${rows[@]}"; do echo "$r"; done
[ -n "$pf_note" ] && echo "($pf_note)"
echo "site s: the whole tiaowen build; index s: search.Build alone; speed×: Pagefind's time over the index's; size×: Pagefind's bytes over the index's."
if [ -f "$work/latency.out" ]; then
	echo
	echo "query latency at N=2000 (Chromium, file://; cold = first query of a fresh page, warm = median of 7)"
	grep -E '^(term|common|rare)' "$work/latency.out" || tail -20 "$work/latency.out"
fi
