# The image that docker-compose.yml runs as both web and worker.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-dejavu fonts-liberation2 \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The production lock only: no test tools in the image.
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
# Static files are collected at build time (hashed names for WhiteNoise); a throwaway key
# lets settings load here, the real one comes from the environment at run time.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-$(python -c 'import secrets; print(secrets.token_hex(32))') \
    python manage.py collectstatic --no-input \
    && python manage.py compilemessages -l en
RUN useradd --system --uid 1000 vkr && mkdir -p /data/media && chown vkr /data/media
USER vkr
EXPOSE 8000
