# The worker image: a release build on Swift 6 (Debian bookworm), run on a slim Debian with
# just the C libraries it links (librdkafka, libpq). The policy, escalation configuration,
# schemas and migrations are embedded in the binary; mount files to override the first two.
# The understanding model ships in share/support-worker/models/understanding beside bin/,
# where the worker looks first.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka-dev libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product support-worker --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/support-worker" /support-worker

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 libpq5 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /support-worker /usr/local/bin/support-worker
COPY assets/models/understanding /usr/local/share/support-worker/models/understanding
USER 10001:10001
EXPOSE 9102
ENTRYPOINT ["/usr/local/bin/support-worker"]
CMD ["run"]
