# syntax=docker/dockerfile:1
# VT Platform image: gunicorn web process (default) or the django-tasks worker (`worker`).
#
#   docker build -t vt-platform .
#   docker run --env-file .env -p 8000:8000 vt-platform          # web
#   docker run --env-file .env vt-platform worker                 # background tasks
#
# Stages: builder (dependencies into /opt/venv) -> assets (compiled translations and
# collected static files; needs gettext, which the runtime image does not) -> runtime.

ARG PYTHON_IMAGE=python:3.11-slim

# ---------------------------------------------------------------- builder
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements/base.txt requirements/production.txt /tmp/requirements/
RUN pip install --upgrade pip \
    && pip install -r /tmp/requirements/production.txt

# ---------------------------------------------------------------- assets
FROM ${PYTHON_IMAGE} AS assets
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app/site:/app \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY . /app
# Build-time only values: production settings refuse to load without them. They are not
# kept in the image (they live only in this RUN's environment).
RUN SECRET_KEY="build-time-dummy-secret-key-never-used-at-runtime-0123456789abcdef" \
    ALLOWED_HOSTS="localhost" \
    REDIS_URL="redis://build-time-unused:6379/0" \
    sh -c 'python manage.py compilemessages && python manage.py collectstatic --noinput'

# ---------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="VT Platform" \
      org.opencontainers.image.description="Wagtail site for VT Platform simulators"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app/site:/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    GUNICORN_WORKERS=2
# pg_dump/pg_restore for manage.py backup and restore: Debian's client, the major version the
# compose file's PostgreSQL runs (a dump needs a client at least as new as the server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 vt \
    && useradd --system --uid 10001 --gid vt --home-dir /app --shell /usr/sbin/nologin vt
COPY --from=builder /opt/venv /opt/venv
# Code (with compiled .mo files and collected static files) is owned by root: read-only for
# the app user. Only media/ and var/ (local uploads, SMS outbox) are writable.
COPY --from=assets /app /app
RUN mkdir -p /app/media /app/private-media /app/var \
    && chown vt:vt /app/media /app/private-media /app/var \
    && chmod 755 /app/deploy/docker/entrypoint.sh
WORKDIR /app
USER vt
EXPOSE 8000
# /healthz is answered before Django (core.liveness): no Host or scheme header to satisfy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["/app/deploy/docker/entrypoint.sh"]
CMD ["web"]
