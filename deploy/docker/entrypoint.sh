#!/bin/sh
# Container entrypoint for the VT Platform image.
#
#   web (default)  optional `migrate --noinput` (VT_MIGRATE_ON_START=1) and `bootstrap_site`
#                  (VT_BOOTSTRAP=1: locales, site, page tree, roles; changes nothing once done),
#                  then gunicorn on GUNICORN_BIND (default 0.0.0.0:8000)
#   worker         django-tasks database worker (`manage.py db_worker`)
#   scheduler      periodic jobs every VT_SCHEDULER_INTERVAL seconds (default 300): maintenance
#                  reminders and "works completed", outbox retries, search index retries, stale
#                  multipart uploads, anonymisation of old closed fault reports, uptime rollup
#                  and pruning of old probe samples, and a backup when one is due (BACKUP_DIR set)
#   monitor        a round of probes every VT_MONITOR_INTERVAL seconds (default 60): `manage.py monitor`
#   migrate        run migrations and exit
#   manage ARGS    any management command, e.g. `manage createsuperuser`
#   anything else  executed as is (e.g. `sh`)
set -eu

cd /app

mode="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$mode" in
    web)
        if [ "${VT_MIGRATE_ON_START:-0}" = "1" ]; then
            echo "entrypoint: migrate --noinput" >&2
            python manage.py migrate --noinput
        fi
        if [ "${VT_BOOTSTRAP:-0}" = "1" ]; then
            echo "entrypoint: bootstrap_site" >&2
            python manage.py bootstrap_site
        fi
        if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
            # The workers' metric files of a previous run would be counted again.
            rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
        fi
        exec gunicorn config.wsgi:application \
            --pythonpath site \
            --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
            --workers "${GUNICORN_WORKERS:-2}" \
            --timeout "${GUNICORN_TIMEOUT:-60}" \
            --access-logfile - \
            --error-logfile - \
            --no-control-socket \
            "$@"
        ;;
    worker)
        exec python manage.py db_worker "$@"
        ;;
    scheduler)
        # One job failing must not stop the others or the loop: each runs on its own.
        while true; do
            for job in "maintenance_tick" "deliver_outbox" "search_index sync" \
                       "abort_stale_uploads" "anonymise_fault_reports" "monitor_rollup" "fleet_tick"; do
                # shellcheck disable=SC2086  # $job is a command and its arguments
                python manage.py $job || echo "scheduler: $job failed" >&2
            done
            if [ -n "${BACKUP_DIR:-}" ]; then
                # Backs up when the newest backup is older than BACKUP_INTERVAL_HOURS (daily by default).
                python manage.py backup --if-due || echo "scheduler: backup failed" >&2
            fi
            sleep "${VT_SCHEDULER_INTERVAL:-300}"
        done
        ;;
    monitor)
        # Rounds start a minute apart (a round ends within MONITOR_ROUND_DEADLINE); a failed round is
        # logged and the next one runs on time.
        interval="${VT_MONITOR_INTERVAL:-60}"
        while true; do
            started=$(date +%s)
            python manage.py monitor >/dev/null || echo "monitor: round failed" >&2
            # On-call escalation is due by the minute too (SUPPORT_ONCALL_ACK_MINUTES).
            python manage.py oncall_tick >/dev/null || echo "monitor: oncall_tick failed" >&2
            elapsed=$(( $(date +%s) - started ))
            if [ "$elapsed" -lt "$interval" ]; then
                sleep $(( interval - elapsed ))
            fi
        done
        ;;
    migrate)
        exec python manage.py migrate --noinput "$@"
        ;;
    manage)
        exec python manage.py "$@"
        ;;
    *)
        exec "$mode" "$@"
        ;;
esac
