// Turns the stand-in GitHub's recorded requests into timeline facts: review requests, comments
// (by their review-sla marker), check runs. Reads only what the app actually sent.
import type { DateTime } from "luxon";
import { clip, plainMarkdown } from "./facts.js";
import type { Fact, FactKind } from "./facts.js";
import type { StandInGitHub } from "./stand-in-github.js";
import type { RecordedRequest } from "./stand-in/github-types.js";
import { recordOf, stringOf, stringsOf } from "./stand-in/http.js";

const MARKER = /^<!-- review-sla:(\w+)[^>]*-->\n?/;

function pullRef(path: string): string {
  const m = /^\/repos\/([^/]+)\/([^/]+)\/(?:pulls|issues)\/(\d+)/.exec(path);
  return m ? `${m[1]}/${m[2]}#${m[3]}` : path;
}

function checklistSummary(body: string): string {
  const items = body.match(/^- \[[ x]\] /gm)?.length ?? 0;
  const required = body.match(/^- \[[ x]\] \*\*required\*\*/gm)?.length ?? 0;
  const sections = [...body.matchAll(/^### (.+)$/gm)].map((m) => plainMarkdown(m[1] ?? ""));
  const evidence = /looks AI-assisted.*\n((?:- .*\n?)+)/.exec(body)?.[1] ?? "";
  const found = evidence
    .split("\n")
    .filter((line) => line.startsWith("- "))
    .map((line) => plainMarkdown(line.slice(2)));
  const ai = found.length > 0 ? `; AI-assisted (${found.join(", ")})` : "";
  return `${items} items, ${required} required, in ${sections.length} sections: ${sections.join(", ")}${ai}`;
}

/** One comment the app posted, summarised by its kind. */
function commentFact(path: string, body: string): { kind: FactKind; text: string } {
  const kind = MARKER.exec(body)?.[1] ?? "other";
  const text = plainMarkdown(body.replace(MARKER, ""));
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const on = pullRef(path);
  switch (kind) {
    case "assignment":
      return {
        kind: "comment:assignment",
        text: `→ comment on ${on}: "${clip(lines[0] ?? "", 140)}"`,
      };
    case "checklist":
      return {
        kind: "comment:checklist",
        text: `→ review checklist posted on ${on}: ${checklistSummary(body)}`,
      };
    case "reminder":
    case "escalation": {
      const sla = /more than (.+?) (?:for a first review|without being merged)/.exec(
        lines[0] ?? "",
      )?.[1];
      const what = `${kind} posted on ${on}${sla ? ` (over ${sla})` : ""}`;
      return {
        kind: `comment:${kind}`,
        text: `→ ${what}: "${clip(lines.slice(1).join(" "), 120)}"`,
      };
    }
    case "nudge":
      return {
        kind: "comment:nudge",
        text: `→ author nudge posted on ${on}: "${clip(lines.join(" "), 120)}"`,
      };
    default:
      return { kind: "comment:other", text: `→ comment on ${on}: "${clip(lines[0] ?? "", 140)}"` };
  }
}

function checkRunText(run: Record<string, unknown>): string {
  const name = stringOf(run.name) ?? "check";
  const status = stringOf(run.conclusion) ?? stringOf(run.status) ?? "queued";
  const title = stringOf(recordOf(run.output).title);
  return `check run "${name}": ${status.replace(/_/g, " ")}${title ? ` — ${title}` : ""}`;
}

function requestFact(
  github: StandInGitHub,
  r: RecordedRequest,
): { kind: FactKind; text: string; detail?: string } | null {
  const body = recordOf(r.body);
  if (r.path.endsWith("/requested_reviewers")) {
    const who = [
      ...stringsOf(body.reviewers).map((l) => `@${l}`),
      ...stringsOf(body.team_reviewers),
    ];
    if (r.method === "POST")
      return {
        kind: "review-request",
        text: `→ review requested from ${who.join(", ")} on ${pullRef(r.path)}`,
      };
    if (r.method === "DELETE")
      return {
        kind: "review-request-removed",
        text: `→ review request withdrawn from ${who.join(", ")} on ${pullRef(r.path)}`,
      };
  }
  if (r.method === "POST" && /\/issues\/\d+\/comments$/.test(r.path)) {
    const text = stringOf(body.body) ?? "";
    return { ...commentFact(r.path, text), detail: text };
  }
  if (r.method === "PATCH" && /\/issues\/comments\/\d+$/.test(r.path)) {
    const kind = MARKER.exec(stringOf(body.body) ?? "")?.[1] ?? "a";
    return { kind: "comment-update", text: `→ ${kind} comment updated in place` };
  }
  if (r.method === "POST" && r.path.endsWith("/check-runs"))
    return { kind: "check-run", text: `→ ${checkRunText(body)}` };
  const update = /\/check-runs\/(\d+)$/.exec(r.path);
  if (r.method === "PATCH" && update) {
    const run = github.checkRuns.find((c) => c.body.id === Number(update[1]));
    return { kind: "check-run-update", text: `→ ${checkRunText({ ...run?.body, ...body })}` };
  }
  return null;
}

/** Facts for the requests GitHub received from index `from` on, all at `at`. */
export function githubFacts(github: StandInGitHub, from: number, at: DateTime): Fact[] {
  return github.requests.slice(from).flatMap((r) => {
    const fact = requestFact(github, r);
    return fact ? [{ at, ...fact }] : [];
  });
}
