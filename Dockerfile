# Safe Share's container image (R5): the release artefact, run as a non-root user, on a read-only root
# file system apart from the data volume. Build: docker build -t safe-share . (README, "Production").
#
# The Node version is the one package.json pins ("node" in dependencies); scripts/container-build.sh
# refuses another, and a test keeps this line in step with package.json.
ARG NODE_VERSION=24.21.0

# 1. build: the whole toolchain, to build the release artefact once (npm run release).
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: skips downloading the "node" package's runtime; this image has the same Node.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run release

# 2. install: the release with production dependencies only, by the script the tests run too.
FROM node:${NODE_VERSION}-slim AS install
COPY --from=build /src/release/ /tmp/release/
COPY scripts/container-build.sh /tmp/container-build.sh
RUN sh /tmp/container-build.sh /tmp/release/safe-share-*.tgz /app

# 3. runtime: no npm cache, no build tools; the application files belong to root and cannot be changed
# by the service's user. Run it with a read-only root file system (compose.yaml: read_only: true).
FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
COPY --from=install /app /app
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
WORKDIR /app
USER node
VOLUME ["/data"]
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "bin/healthcheck.js"]
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=512", "bin/start.js"]
