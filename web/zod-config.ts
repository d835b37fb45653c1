/**
 * zod without its compiled parsers (X5). zod probes whether it may compile code with `new Function`;
 * the app's strict CSP refuses that, and Chromium reports the refusal as a `securitypolicyviolation`
 * even though zod catches it. zod reads the setting when a schema is made, at import of `protocol/`, so
 * `main.tsx` imports this module before anything else.
 */
import { z } from 'zod';

z.config({ jitless: true });
