#!/bin/sh
# Starts the service with the V8 heap sized from the container's memory limit (cgroup v2 memory.max, or
# MEMORY_LIMIT_BYTES): 60 % of it for the main thread's old space, the rest for worker threads, buffers and
# native memory. Without a limit Node's own default applies. NODE_OPTIONS set by the operator wins.
set -eu
limit="${MEMORY_LIMIT_BYTES:-}"
if [ -z "$limit" ] && [ -r /sys/fs/cgroup/memory.max ]; then limit="$(cat /sys/fs/cgroup/memory.max)"; fi
case "${NODE_OPTIONS:-}" in
  *max-old-space-size*) ;;
  *) if [ -n "$limit" ] && [ "$limit" != "max" ]; then
       export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=$((limit * 60 / 100 / 1048576))"
     fi ;;
esac
exec node dist/main.js
