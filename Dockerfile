# policykg API image: `docker compose up` builds it (see docker-compose.yml).
# The Debian release is pinned so a rebuild does not silently move to a new one.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# The whole repo (minus .dockerignore) because `pip install .` builds the
# package from it; the source tree is not needed afterwards.
COPY . .
RUN pip install . \
    && cd / && rm -rf /src \
    && useradd --create-home --uid 10001 policykg

# Run unprivileged; HOME is writable for caches (e.g. jieba's dictionary cache).
USER policykg
WORKDIR /home/policykg

EXPOSE 8000

# python:slim has no curl/wget: ask /healthz with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]
