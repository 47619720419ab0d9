// A bare Probot app that only verifies each delivery's signature and answers: the baseline the
// ingest benchmark compares review-sla against, run in its own process like the app.
import { pino } from "pino";
import { Probot, Server } from "probot";
import { LocalOctokit, throwawayPrivateKey } from "../src/demo/local-app.js";

const port = Number(process.env.PORT);
const log = pino({ level: "silent" });
const server = new Server({
  Probot: Probot.defaults({
    appId: 1,
    privateKey: throwawayPrivateKey(),
    secret: process.env.WEBHOOK_SECRET ?? "",
    log,
    Octokit: LocalOctokit,
  }),
  host: "127.0.0.1",
  port,
  log,
});
await server.load((app) => {
  app.on("pull_request", () => Promise.resolve());
});
await server.start();
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
