// `review-sla demo` as a user runs it: the built CLI, no credentials, a hostile environment and
// `.env` it must ignore. Its timeline shows every step, read from what the stand-ins received.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import type { CliRun } from "../helpers/cli.js";

/** Settings that would send the demo elsewhere if it read them. */
const ELSEWHERE = {
  APP_ID: "12345",
  PRIVATE_KEY: "not-a-key",
  GHE_HOST: "github.invalid",
  GHE_PROTOCOL: "https",
  DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
  SLACK_BOT_TOKEN: "xoxb-not-for-the-demo",
  SLACK_API_URL: "http://127.0.0.1:1/api/",
};

describe("review-sla demo", () => {
  let dir: string;
  let scratch: string;
  let run: CliRun;
  let seconds: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-demo-cli-"));
    scratch = join(dir, "tmp");
    mkdirSync(scratch);
    const dotenv = Object.entries(ELSEWHERE).map(([k, v]) => `${k}=${v}`);
    writeFileSync(join(dir, ".env"), `${dotenv.join("\n")}\n`);
    const started = performance.now();
    run = await runCli(["demo"], { ...ELSEWHERE, TMPDIR: scratch }, dir, 60_000);
    seconds = (performance.now() - started) / 1000;
  }, 70_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finishes under a minute with exit 0, and leaves no database behind", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(seconds).toBeLessThan(60);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("assigns the lightest senior on Friday evening and posts the checklist with its check", () => {
    const out = run.stdout;
    expect(out).toMatch(
      /^Fri 20 Nov 18:30 {2}PR acme\/api#42 .* opened by @dana \(.*no reviewer\)$/m,
    );
    expect(out).toMatch(
      /^Fri 20 Nov 18:30 {2}→ review requested from @(eli|gus) on acme\/api#42$/m,
    );
    expect(out).toMatch(
      /^Fri 20 Nov 18:30 {2}→ comment on acme\/api#42: "Requested review from @\w+ — 0 open reviews, .*lightest in @acme\/seniors\."$/m,
    );
    expect(out).toMatch(
      /^Fri 20 Nov 18:30 {2}→ review checklist posted on acme\/api#42: .*AI-assisted change.*label "ai-assisted"/m,
    );
    expect(out).toMatch(/^Fri 20 Nov 18:30 {2}→ check run "Review checklist": in progress/m);
  });

  it("stays quiet over the weekend", () => {
    expect(run.stdout).toMatch(/^Sat 21 Nov {8}quiet: weekend/m);
    expect(run.stdout).toMatch(/^Sun 22 Nov {8}quiet: weekend/m);
    expect(run.stdout).not.toMatch(/^(Sat|Sun) \d+ Nov \d\d:\d\d/m);
  });

  it("reminds on Monday, with a DM in the reviewer's own working hours", () => {
    expect(run.stdout).toMatch(
      /^Mon 23 Nov 18:30 {2}→ reminder posted on acme\/api#42 \(over 24h on working days\): "@\w+ — could you take a look/m,
    );
    expect(run.stdout).toMatch(
      /^Tue 24 Nov 01:00 {2}→ Slack DM to @gus, at Tue 09:00 Asia\/Tokyo \(in their working hours\)/m,
    );
  });

  it("escalates on Tuesday, alerts Slack and requests a second reviewer", () => {
    const out = run.stdout;
    expect(out).toMatch(
      /^Tue 24 Nov 18:30 {2}→ escalation posted on acme\/api#42 \(over 48h on working days\): "@acme\/leads — please help unblock it\./m,
    );
    expect(out).toMatch(/^Tue 24 Nov 18:30 {2}→ Slack alert in #eng-escalations: /m);
    expect(out).toMatch(
      /^Tue 24 Nov 18:30 {2}→ comment on acme\/api#42: "Escalation: also requested review from @\w+/m,
    );
  });

  it("nudges the author once changes requested go unanswered for a working day", () => {
    const out = run.stdout;
    expect(out).toMatch(/^Mon 23 Nov 11:00 {2}@fatima requests changes on acme\/api#43/m);
    expect(out).toMatch(
      /^Mon 23 Nov 11:00 {2}→ check run "Review SLA": neutral — Waiting on @eli \(author\) to address the requested changes/m,
    );
    expect(out).toMatch(
      /^Tue 24 Nov 11:00 {2}→ author nudge posted on acme\/api#43: "Your turn: changes were requested more than 24h on working days ago\. @eli/m,
    );
    expect(out).toMatch(/^Tue 24 Nov 11:00 {2}→ Slack DM to @eli, .*"Your turn: /m);
  });

  it("records the review and the merge, then sends Monday's digest", () => {
    const out = run.stdout;
    expect(out).toMatch(/^Wed 25 Nov 10:00 {2}→ check run "Review checklist": success/m);
    expect(out).toMatch(
      /^Wed 25 Nov 10:15 {2}→ recorded by the app: acme\/api#42 approved by @\w+$/m,
    );
    expect(out).toMatch(/^Wed 25 Nov 11:00 {2}→ recorded by the app: acme\/api#42 merged$/m);
    expect(out).toMatch(
      /^Mon 30 Nov 09:00 {2}→ weekly digest posted to #eng-reviews: .*1 merged.*Reminders sent 1 · Escalations sent 1 · Author nudges sent 1/m,
    );
    expect(out).toMatch(/^All 14 expected steps happened/m);
  });
});
