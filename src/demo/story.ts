// What people do in the demo, and when: install the app, open a pull request on a Friday
// evening, tick the checklist, approve, merge. Each step changes the stand-in GitHub first, then
// delivers the signed webhook GitHub would send.
import type { DateTime } from "luxon";
import type { Fact } from "./facts.js";
import {
  commentEditedPayload,
  installationCreatedPayload,
  pullRequestPayload,
  reviewSubmittedPayload,
} from "./payloads.js";
import {
  berlin,
  CHANGES_PULL,
  CHANGES_PULL_OPENED,
  DEMO_PULL,
  DEMO_PULL_OPENED,
  FULL_NAME,
  REPO,
} from "./scenario.js";
import type { StandInPull } from "./stand-in/github-types.js";
import { DemoError } from "./world.js";
import type { DemoWorld } from "./world.js";

export interface StoryStep {
  at: DateTime;
  /** Performs the step; returns what a person did, for the timeline. */
  act(world: DemoWorld): Promise<string>;
}

function demoPull(world: DemoWorld): StandInPull {
  const pull = world.github.pulls.get(FULL_NAME)?.find((p) => p.number === DEMO_PULL.number);
  if (!pull)
    throw new DemoError(`${FULL_NAME}#${DEMO_PULL.number} is missing from the stand-in GitHub`);
  return pull;
}

const REF = `${FULL_NAME}#${DEMO_PULL.number}`;

/** The reviewer the app requested first: the one who reviews in this story. */
function assignedReviewer(world: DemoWorld): string {
  const login = world.github.assignment.reviewRequests()[0]?.reviewers[0];
  if (!login)
    throw new DemoError(`nobody was requested to review ${REF}, so nobody can approve it`);
  return login;
}

async function install(world: DemoWorld): Promise<string> {
  await world.send("installation", installationCreatedPayload(REPO, "ada"));
  return `@ada installs the GitHub App on ${REPO.owner}, for ${FULL_NAME}`;
}

async function open(world: DemoWorld): Promise<string> {
  const pull = structuredClone(DEMO_PULL);
  world.github.addPull(FULL_NAME, pull);
  await world.send("pull_request", pullRequestPayload("opened", REPO, pull, pull.user.login));
  const labels = pull.labels.map((l) => l.name).join(", ");
  const reviewers = pull.requested_reviewers.length === 0 ? "no reviewer" : "reviewers requested";
  return `PR ${REF} "${pull.title}" opened by @${pull.user.login} (label ${labels}, ${reviewers})`;
}

async function tickChecklist(world: DemoWorld): Promise<string> {
  const pull = demoPull(world);
  const who = assignedReviewer(world);
  const comment = world.github.comments
    .get(REF)
    ?.find((c) => c.body.startsWith("<!-- review-sla:checklist"));
  if (!comment) throw new DemoError(`no review checklist comment on ${REF} to tick`);
  const previousBody = comment.body;
  world.github.changeComment(comment.id, previousBody.replace(/^- \[ \]/gm, "- [x]"));
  const updatedAt = world.clock.now().toISO() ?? "";
  const edit = { comment, previousBody, updatedAt, editor: who };
  await world.send("issue_comment", commentEditedPayload(REPO, pull, edit));
  return `@${who} ticks every box of the review checklist on ${REF}`;
}

async function approve(world: DemoWorld): Promise<string> {
  const pull = demoPull(world);
  const who = assignedReviewer(world);
  const at = world.clock.now().toISO() ?? "";
  const review = { id: 5501, user: { login: who }, state: "APPROVED", submitted_at: at };
  pull.reviews = [...(pull.reviews ?? []), review];
  pull.requested_reviewers = pull.requested_reviewers.filter((r) => r.login !== who);
  pull.updated_at = at;
  await world.send("pull_request_review", reviewSubmittedPayload(REPO, pull, review));
  return `@${who} approves ${REF}`;
}

async function merge(world: DemoWorld): Promise<string> {
  const pull = demoPull(world);
  const at = world.clock.now().toISO() ?? "";
  Object.assign(pull, { state: "closed", closed_at: at, merged_at: at, updated_at: at });
  await world.send("pull_request", pullRequestPayload("closed", REPO, pull, pull.user.login));
  return `@${pull.user.login} merges ${REF}`;
}

async function openForChanges(world: DemoWorld): Promise<string> {
  const pull = structuredClone(CHANGES_PULL);
  world.github.addPull(FULL_NAME, pull);
  await world.send("pull_request", pullRequestPayload("opened", REPO, pull, pull.user.login));
  const ref = `${FULL_NAME}#${pull.number}`;
  return `PR ${ref} "${pull.title}" opened by @${pull.user.login} (review requested from @fatima)`;
}

async function requestChanges(world: DemoWorld): Promise<string> {
  const ref = `${FULL_NAME}#${CHANGES_PULL.number}`;
  const pull = world.github.pulls.get(FULL_NAME)?.find((p) => p.number === CHANGES_PULL.number);
  if (!pull) throw new DemoError(`${ref} is missing from the stand-in GitHub`);
  const at = world.clock.now().toISO() ?? "";
  const review = {
    id: 5502,
    user: { login: "fatima" },
    state: "CHANGES_REQUESTED",
    submitted_at: at,
  };
  pull.reviews = [...(pull.reviews ?? []), review];
  pull.requested_reviewers = pull.requested_reviewers.filter((r) => r.login !== "fatima");
  pull.updated_at = at;
  await world.send("pull_request_review", reviewSubmittedPayload(REPO, pull, review));
  return `@fatima requests changes on ${ref}; @eli does not answer`;
}

export const STORY: StoryStep[] = [
  { at: berlin("2026-11-20T18:00"), act: install },
  { at: DEMO_PULL_OPENED, act: open },
  { at: CHANGES_PULL_OPENED, act: openForChanges },
  { at: berlin("2026-11-23T11:00"), act: requestChanges },
  { at: berlin("2026-11-25T10:00"), act: tickChecklist },
  { at: berlin("2026-11-25T10:15"), act: approve },
  { at: berlin("2026-11-25T11:00"), act: merge },
];

/** The person's line for the timeline. */
export function personFact(at: DateTime, text: string): Fact {
  return { at, kind: "person", text };
}
