#!/usr/bin/env bash
# The network export read by the tools people use: imports tests/fixtures/network (three companies,
# a pair who met, a loner; a mailbox with group mails) with the `ties` command line, exports it as
# GraphML and has NetworkX check it (tests/graph/networkx_check.py).
#     tests/graph/export_test.sh build/native/ties
set -euo pipefail
ties=$(realpath "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ties" import tests/fixtures/network/people.vcf --into "$work/net.ties" > /dev/null
"$ties" import tests/fixtures/network/mail.mbox --into "$work/net.ties" --me sam@example.org > /dev/null
"$ties" export "$work/net.ties" --format graphml -o "$work/net.graphml" 2> "$work/said"
cat "$work/said"
read -r people links clusters < <(sed -nE 's/^([0-9]+) people, ([0-9]+) links, ([0-9]+) clusters$/\1 \2 \3/p' "$work/said")
[ "$clusters" = 4 ] || { echo "export_test: expected 4 clusters (three companies and the pair), Ties said $clusters"; exit 1; }
/usr/bin/python3 tests/graph/networkx_check.py "$work/net.graphml" "$people" "$links" "$clusters"
