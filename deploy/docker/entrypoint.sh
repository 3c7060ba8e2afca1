#!/bin/sh
# Container entrypoint for the VT Platform image.
#
#   web (default)  optional `migrate --noinput` (VT_MIGRATE_ON_START=1), then gunicorn on :8000
#   worker         django-tasks database worker (`manage.py db_worker`)
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
        exec gunicorn config.wsgi:application \
            --pythonpath site \
            --bind 0.0.0.0:8000 \
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
