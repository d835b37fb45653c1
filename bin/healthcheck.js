#!/usr/bin/env node
// The container's HEALTHCHECK (Dockerfile): exits 0 when this instance's GET /healthz answers 200 within
// 3 seconds, 1 otherwise. Node itself, so the image needs no curl. It asks 127.0.0.1 on PORT (the
// service's setting, default 3000) whatever address HOST names, as the check runs inside the container.
const DEFAULT_PORT = 3000;
const TIMEOUT_MS = 3_000;

const port = Number(process.env.PORT || DEFAULT_PORT);
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.arrayBuffer();
  process.exitCode = response.status === 200 ? 0 : 1;
} catch {
  process.exitCode = 1;
}
