#!/bin/sh
# Container entrypoint for the VT Platform image.
#
#   web (default)  optional `migrate --noinput` (VT_MIGRATE_ON_START=1) and `bootstrap_site`
#                  (VT_BOOTSTRAP=1: locales, site, page tree, roles; changes nothing once done),
#                  then gunicorn on GUNICORN_BIND (default 0.0.0.0:8000)
#   worker         django-tasks database worker (`manage.py db_worker`)
#   scheduler      periodic jobs every VT_SCHEDULER_INTERVAL seconds (default 300): maintenance
#                  reminders and "works completed", outbox retries, search index retries, stale
#                  multipart uploads, anonymisation of old closed fault reports
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
                       "abort_stale_uploads" "anonymise_fault_reports"; do
                # shellcheck disable=SC2086  # $job is a command and its arguments
                python manage.py $job || echo "scheduler: $job failed" >&2
            done
            sleep "${VT_SCHEDULER_INTERVAL:-300}"
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
