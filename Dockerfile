# helpfinder: the Telegram bot. Build: docker build -t helpfinder .
# Run:   docker run --rm -e TELEGRAM_BOT_TOKEN=123:ABC helpfinder
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HELPFINDER_DB=/app/kb.sqlite \
    HELPFINDER_LOG_LEVEL=INFO

RUN useradd --create-home --uid 10001 helpfinder
WORKDIR /app
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
COPY flows ./flows
COPY knowledge ./knowledge
COPY locales ./locales
COPY benchmarks ./benchmarks
# Compile the catalogs first, so the .mo files are installed as package data with the code.
RUN pip install "babel>=2.14" \
    && pybabel compile --domain helpfinder --directory locales \
    && pip install . \
    && helpfinder kb build --db /app/kb.sqlite \
    && rm -rf bot flows knowledge locales benchmarks \
    && chown -R helpfinder /app

USER helpfinder
# Healthy when the bundled knowledge base loads and answers (about 0.5 s).
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s \
    CMD helpfinder ask "hallo" --json > /dev/null || exit 1
# Polling by default; for a webhook behind a reverse proxy run `helpfinder bot --webhook`
# with HELPFINDER_WEBHOOK_URL, HELPFINDER_WEBHOOK_LISTEN=0.0.0.0 and HELPFINDER_WEBHOOK_PORT.
EXPOSE 8443
CMD ["helpfinder", "bot"]
