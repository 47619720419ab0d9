// The GitHub App registration manifest: app.yml plus what only the running app knows (where
// webhooks go, where GitHub sends the browser back). Pure.
import { parse } from "yaml";

export interface ManifestTarget {
  /** Where the browser reaches this app, e.g. http://localhost:3000. */
  baseUrl: string;
  /** A URL GitHub can deliver to: the webhook proxy channel (GitHub rejects localhost). */
  webhookUrl: string;
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/** The manifest GitHub's "create app from manifest" page receives, as JSON. */
export function registrationManifest(appYml: string, target: ManifestTarget): string {
  const manifest = recordOf(parse(appYml));
  return JSON.stringify({
    ...manifest,
    hook_attributes: { ...recordOf(manifest.hook_attributes), url: target.webhookUrl },
    redirect_url: `${target.baseUrl}/probot/setup`,
  });
}

/** Text for an HTML attribute value or element body. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page that posts the manifest to GitHub, where the user names and creates the app. */
export function registrationPage(createAppUrl: string, manifest: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Register review-sla</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Register review-sla as a GitHub App</h1>
<p>GitHub creates the app from <code>app.yml</code>; you choose its name and owner there. This app
then saves its credentials to <code>.env</code> and starts receiving webhooks, no restart needed.</p>
<form action="${escapeHtml(createAppUrl)}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(manifest)}">
<button type="submit">Register a GitHub App</button>
</form></body></html>`;
}
