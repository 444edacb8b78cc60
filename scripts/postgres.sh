# A throwaway PostgreSQL server on a temporary directory and a free loopback port. Sourced.

pt_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pt_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pt_start_postgres() {
    local bin
    bin="$(pt_pg_bin)"
    [ -n "$bin" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
    PT_PG_DIR="$(mktemp -d /tmp/podtrends-pg.XXXXXX)"
    local run=()
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses to run as root: use the postgres system user.
        chown postgres "$PT_PG_DIR"
        run=(runuser -u postgres --)
    fi
    # Password authentication over TCP, so tests can check a wrong password is refused.
    echo podtrends > "$PT_PG_DIR/pw"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PT_PG_DIR/pw"
    "${run[@]}" "$bin/initdb" -D "$PT_PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PT_PG_DIR/pw" -E UTF8 --no-sync >/dev/null
    local attempt
    for attempt in $(seq 1 20); do
        PT_PG_PORT=$(( 20000 + RANDOM % 30000 ))
        pt_port_free "$PT_PG_PORT" || continue
        if "${run[@]}" "$bin/pg_ctl" -D "$PT_PG_DIR/data" -l "$PT_PG_DIR/server.log" -w -t 30 \
            -o "-p $PT_PG_PORT -k $PT_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
            PT_PG_RUN=("${run[@]}")
            PT_PG_BIN="$bin"
            export PT_PG_PORT PT_PG_DIR
            return 0
        fi
    done
    echo "Could not start PostgreSQL; see $PT_PG_DIR/server.log" >&2
    return 1
}

pt_stop_postgres() {
    [ -n "${PT_PG_DIR:-}" ] || return 0
    "${PT_PG_RUN[@]}" "$PT_PG_BIN/pg_ctl" -D "$PT_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PT_PG_DIR"
}
