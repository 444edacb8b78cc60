#!/bin/bash
# Runs a command and prints the largest size of DB-wal seen (sampled every 50 ms):
#   walpeak.sh DB -- COMMAND...
db=$1; shift; shift
"$@" & pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do s=$(stat -c %s "$db-wal" 2>/dev/null || echo 0); [ "$s" -gt "$peak" ] && peak=$s; sleep 0.05; done
wait $pid; rc=$?
echo "exit=$rc walpeak=$peak db=$(stat -c %s $db)"
