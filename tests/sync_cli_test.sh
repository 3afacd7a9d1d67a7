#!/usr/bin/env bash
# The command-line tool's sync against real WebDAV servers on free loopback ports: Apache
# (tests/servers/webdav_server.py) and nginx (tests/servers/nginx_dav_server.py, which ignores
# If-Match, so passing there shows nothing depends on it). Against each: pushes a backup made with
# `ties import`, pulls it back into another file and compares them; checks that the server's disk
# holds no plaintext name, that a second push is the same device, and the sentences for a wrong
# passphrase, a wrong password and a folder without a vault. Prints "ok"/"FAIL" per check, with the
# server's name; exits non-zero when any check failed.
# Usage: tests/sync_cli_test.sh [path/to/ties] [apache|nginx]...   (default build/native/ties, both)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TIES=${1:-build/native/ties}
[ -x "$TIES" ] || { echo "sync_cli_test: $TIES is not built"; exit 1; }
TIES=$(realpath "$TIES")
shift $(($# > 0 ? 1 : 0))
SERVERS=("$@")
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(apache nginx)

WORKS=()
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
    for w in "${WORKS[@]}"; do rm -rf "$w"; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so that the EXIT trap runs when tests/run's timeout stops this

failures=0
SERVER=
check() {  # check "what" command...: passes when the command succeeds
    local what=$1; shift
    if "$@"; then echo "ok   [$SERVER] $what"; else echo "FAIL [$SERVER] $what"; failures=$((failures + 1)); fi
}

# Every check against one server (apache or nginx), in a folder of its own; returns non-zero when
# it could not start. The body is not indented, for its here-documents.
run_against() {
SERVER=$1
local script
case $SERVER in
    apache) script=tests/servers/webdav_server.py ;;
    nginx) script=tests/servers/nginx_dav_server.py ;;
    *) echo "sync_cli_test: unknown server $SERVER (apache or nginx)"; return 1 ;;
esac
cd "$ROOT"
WORK=$(mktemp -d)
WORKS+=("$WORK")
chmod 755 "$WORK"  # as root, the server's workers run as www-data and must reach $WORK/dav
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DAV="$WORK/dav"
mkdir -p "$DAV"
python3 "$script" --port "$PORT" --root "$DAV" --user ada --password 'pw with spaces ' \
    > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 200); do
    grep -q '^ready ' "$WORK/server.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q '^ready ' "$WORK/server.out"; then
    echo "sync_cli_test: the $SERVER WebDAV server did not start"; cat "$WORK/server.err"; return 1
fi
URL=$(sed -n 's/^ready //p' "$WORK/server.out")
# The sync folder is a subfolder, as a person would make one.
curl -s -o /dev/null -u 'ada:pw with spaces ' -X MKCOL "${URL}Ties/"
FOLDER="${URL}Ties/"

cd "$WORK"
printf 'pw with spaces \n' > password
printf 'correct horse battery staple\n' > passphrase
printf 'not the passphrase\n' > wrong-passphrase
printf 'wrong\n' > wrong-password
cat > people.vcf <<'EOF'
BEGIN:VCARD
VERSION:4.0
FN:Zebulon Quartermaine
N:Quartermaine;Zebulon;;;
EMAIL:zebulon@example.org
NOTE:Met at the lighthouse conference
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Ada Lovelace
N:Lovelace;Ada;;;
TEL:+44 20 7946 0000
END:VCARD
EOF
cat > more.vcf <<'EOF'
BEGIN:VCARD
VERSION:4.0
FN:Grace Hopper
EMAIL:grace@example.org
END:VCARD
EOF
LOGIN=(--user ada --password-file password --passphrase-file passphrase)

"$TIES" import people.vcf --into a.ties > /dev/null || { echo "sync_cli_test: ties import failed"; return 1; }

check "push makes a vault and sends the backup" "$TIES" sync push "$FOLDER" --from a.ties --state device.state --new-vault "${LOGIN[@]}"
check "the vault is on the server's disk" test -f "$DAV/Ties/ties/vault.json"
check "the device's state file was written" test -s device.state
check "pull writes a backup" "$TIES" sync pull "$FOLDER" -o b.ties "${LOGIN[@]}"
"$TIES" export a.ties --format csv > a.csv 2>/dev/null
"$TIES" export b.ties --format csv > b.csv 2>/dev/null
check "the pulled backup has the same people" cmp -s a.csv b.csv
check "the pulled backup names them" grep -q 'Zebulon' b.csv
check "the pulled backup counts the same" bash -c "diff <('$TIES' check a.ties | tail -n +2) <('$TIES' check b.ties | tail -n +2)"
check "no plaintext name on the server's disk" bash -c "! grep -rqa -e Quartermaine -e Lovelace -e zebulon@ '$DAV'"

"$TIES" import more.vcf --into a.ties > /dev/null
check "a second push with the same state" "$TIES" sync push "$FOLDER" --from a.ties --state device.state "${LOGIN[@]}"
check "is the same device (one device folder)" test "$(find "$DAV/Ties/ties/devices" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 1
check "pull after it" "$TIES" sync pull "$FOLDER" -o c.ties "${LOGIN[@]}"
check "brings the new person" grep -q 'Grace Hopper' <("$TIES" export c.ties --format csv 2>/dev/null)
check "and all three" grep -q 'contacts *3' <("$TIES" check c.ties)

# Another device (its own state) with someone else: a pull sees both devices' people.
cat > other.vcf <<'EOF2'
BEGIN:VCARD
VERSION:4.0
FN:Katherine Johnson
END:VCARD
EOF2
"$TIES" import other.vcf --into other.ties > /dev/null
check "a second device pushes" "$TIES" sync push "$FOLDER" --from other.ties --state other.state "${LOGIN[@]}"
check "as a device of its own" test "$(find "$DAV/Ties/ties/devices" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 2
check "a pull then has everyone" grep -q 'contacts *4' <("$TIES" sync pull "$FOLDER" -o e.ties "${LOGIN[@]}" > /dev/null && "$TIES" check e.ties)

"$TIES" sync pull "$FOLDER" -o d.ties --user ada --password-file password --passphrase-file wrong-passphrase 2> wrong.err
code=$?
check "a wrong passphrase fails" test "$code" -ne 0
check "and says so" grep -q 'Wrong sync passphrase' wrong.err
check "and writes nothing" test ! -e d.ties

"$TIES" sync pull "$FOLDER" -o d.ties --user ada --password-file wrong-password --passphrase-file passphrase 2> password.err
code=$?
check "a wrong password fails" test "$code" -ne 0
check "and says so" grep -q 'refused the user name or password' password.err

curl -s -o /dev/null -u 'ada:pw with spaces ' -X MKCOL "${URL}Empty/"
"$TIES" sync pull "${URL}Empty/" -o d.ties "${LOGIN[@]}" 2> novault.err
code=$?
check "pull from a folder without a vault fails" test "$code" -ne 0
check "and says there is no vault" grep -q 'no Ties vault' novault.err
check "and makes none" test -z "$(ls -A "$DAV/Empty")"

for f in wrong.err password.err novault.err; do echo "  [$SERVER] $f: $(head -1 "$f")"; done
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
}

for server in "${SERVERS[@]}"; do
    start=$SECONDS
    if ! run_against "$server"; then
        echo "FAIL [$server] could not run the checks"
        failures=$((failures + 1))
    fi
    echo "sync_cli_test: $server took $((SECONDS - start)) s"
done
cd "$ROOT"
if [ "$failures" -ne 0 ]; then
    echo "sync_cli_test: $failures checks failed"
    exit 1
fi
echo "sync_cli_test: all checks passed (${SERVERS[*]})"
