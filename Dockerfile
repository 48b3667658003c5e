# A small image that runs mlaudit on a mounted project:
#   docker build -t mlaudit .
#   docker run --rm -v "$PWD:/src" mlaudit scan .
# The build stage compiles the self-contained binary with scripts/build-dist.sh
# (Swift runtime, libxml2 and libcrypto linked in); the final stage holds only that
# binary on a slim base that has the C and C++ runtimes it still loads. Both images
# are pinned by digest, as mlaudit asks of every Dockerfile (PIN007); update a
# digest together with its tag.

FROM swift:6.3.3-noble@sha256:66520bcba471018a34fd54ba09be97ba4abebd950a96ff5cb8c2bf50a2d33259 AS build
# The static archives the binary links in (libxml2 and what it needs, libcrypto).
# Unversioned on purpose: the build stage is thrown away, and the image digest fixes the release.
RUN apt-get update \
    # mlaudit: ignore[PIN009]
    && apt-get install -y --no-install-recommends libssl-dev libicu-dev liblzma-dev zlib1g-dev libxml2-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/build-dist.sh --binary-only \
    && install -m 0755 .build-dist/build/release/mlaudit /usr/local/bin/mlaudit \
    && mlaudit --version

# The same Ubuntu release (so the same glibc) as the build stage.
FROM ubuntu:24.04@sha256:d1e2e92c075e5ca139d51a140fff46f84315c0fdce203eab2807c7e495eff4f9
COPY --from=build /usr/local/bin/mlaudit /usr/local/bin/mlaudit
RUN useradd --create-home --uid 1000 mlaudit
USER mlaudit
WORKDIR /src
ENTRYPOINT ["mlaudit"]
CMD ["scan", "."]
