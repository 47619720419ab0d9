// `review-sla digest --preview`: the Markdown digest from the database alone, without Slack or
// GitHub credentials; sending without Slack configured says what to set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { CliError } from "../../src/cli/context.js";
import { digestCommand } from "../../src/cli/digest.js";
import { loadSettings } from "../../src/settings.js";
import { createStore } from "../../src/store/kysely-store.js";
import { silentLog } from "../helpers/app.js";
import { seedInstallation, seedPull } from "../helpers/digest-store.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();

describe("review-sla digest", () => {
  let dir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-digest-cli-"));
    databaseUrl = `sqlite:${join(dir, "app.db")}`;
    const store = await createStore(databaseUrl);
    const config = { timezone: "Europe/Berlin", clock: "calendar" };
    await seedInstallation(store, [{ id: 501, name: "api", config }], berlin("2026-11-23T09:00"));
    await seedPull(store, {
      repositoryId: 501,
      number: 7,
      title: "Add *caching* | [link](javascript:alert(1))",
      createdAt: berlin("2026-11-24T10:00"),
      reviewers: ["alice"],
    });
    await store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function context() {
    const lines: string[] = [];
    const settings = loadSettings({ DATABASE_URL: databaseUrl });
    return { lines, ctx: { settings, log: silentLog, out: (line: string) => lines.push(line) } };
  }

  it("prints the last full week before --at as Markdown, needing only the database", async () => {
    const { lines, ctx } = context();
    const code = await digestCommand(ctx, { preview: true, at: "2026-12-02T12:00:00+01:00" });
    expect(code).toBe(0);
    const markdown = lines.join("\n");
    expect(markdown).toContain("# Review digest: octo");
    expect(markdown).toContain("Mon 23 Nov – Sun 29 Nov 2026 (Europe/Berlin)");
    expect(markdown).toContain("[octo/api\\#7](https://github.com/octo/api/pull/7)");
    expect(markdown).not.toContain("](javascript:");
    expect(markdown).toContain("no Slack user for alice");
  });

  it("asks for Slack settings when told to send", async () => {
    const { ctx } = context();
    await expect(digestCommand(ctx, { preview: false })).rejects.toThrow(CliError);
    await expect(digestCommand(ctx, { preview: false })).rejects.toThrow(/SLACK_BOT_TOKEN/);
  });
});
