// The stand-in GitHub's endpoints for PR commands: reactions on issue comments, a user's
// permission on a repository, and labels on pull requests.
import { stringOf, stringsOf } from "./http.js";
import type { Answer, JsonRecord } from "./http.js";
import type { StandInPull } from "./github-types.js";

export interface StandInReaction {
  commentId: number;
  content: string;
}

export class StandInCommandApi {
  /** Repository permission by login (lowercase); anyone else has `read`. */
  readonly permissions = new Map<string, string>();
  readonly reactions: StandInReaction[] = [];

  constructor(private readonly pulls: Map<string, StandInPull[]>) {}

  /** Reactions on one comment, in the order they were added. */
  reactionsOn(commentId: number): string[] {
    return this.reactions.filter((r) => r.commentId === commentId).map((r) => r.content);
  }

  route(method: string, path: string, body: JsonRecord | null): Answer {
    let m: RegExpExecArray | null;
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/.exec(path))) {
      if (method !== "POST") return null;
      const reaction = { commentId: Number(m[1]), content: stringOf(body?.content) ?? "" };
      const again = this.reactions.some(
        (r) => r.commentId === reaction.commentId && r.content === reaction.content,
      );
      if (!again) this.reactions.push(reaction);
      return { status: again ? 200 : 201, body: { id: this.reactions.length, ...reaction } };
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(path))) {
      if (method !== "GET") return null;
      const login = decodeURIComponent(m[1] ?? "");
      const permission = this.permissions.get(login.toLowerCase()) ?? "read";
      return { status: 200, body: { permission, role_name: permission, user: { login } } };
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels(?:\/([^/]+))?$/.exec(path);
    const pull = m && this.pulls.get(`${m[1]}/${m[2]}`)?.find((p) => p.number === Number(m?.[3]));
    if (!m || !pull) return null;
    if (method === "POST" && m[4] === undefined) {
      for (const name of stringsOf(body?.labels))
        if (!pull.labels.some((l) => l.name === name)) pull.labels.push({ name });
      return { status: 200, body: pull.labels };
    }
    if (method === "DELETE" && m[4] !== undefined) {
      const name = decodeURIComponent(m[4]);
      if (!pull.labels.some((l) => l.name === name)) return null;
      pull.labels = pull.labels.filter((l) => l.name !== name);
      return { status: 200, body: pull.labels };
    }
    return null;
  }
}
