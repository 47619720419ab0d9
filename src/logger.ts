// The structured logger: pino, with secrets and webhook payloads redacted wherever they appear.
import { pino } from "pino";
import type { Logger } from "pino";

const REDACTED_PATHS = [
  "privateKey",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-hub-signature"]',
  'req.headers["x-hub-signature-256"]',
  "err.request.headers.authorization",
  "err.response.headers.authorization",
  "webhookUrl",
  "*.webhookUrl",
  "slackWebhookUrl",
  "slackBotToken",
  "webhookSecret",
  // A rejected webhook carries its whole payload in the error (twice): never log it.
  "err.event.payload",
  "err.event.event.payload",
  "err.aggregateErrors[*].event.payload",
  "event.payload",
];

export function createLogger(options: {
  level: string;
  pretty?: boolean;
  /** A file descriptor to write to instead of stdout (e.g. 2: stderr). */
  destination?: number;
}): Logger {
  const settings = {
    name: "review-sla",
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(options.pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { colorize: true, translateTime: true, destination: options.destination ?? 1 },
          },
        }
      : {}),
  };
  if (options.destination === undefined || options.pretty) return pino(settings);
  return pino(settings, pino.destination(options.destination));
}
