// The dashboard's pages as HTML strings. Every text that came from GitHub or a config (titles,
// logins, repository names) goes through `escapeHtml`; chart data travels in a JSON block that is
// never executed, so the pages run under a Content-Security-Policy without inline script.
import type { DataTable } from "./tables.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** JSON for a `<script type="application/json">` block: `<` never appears, so it cannot close it. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function layout(title: string, body: string, options: { charts?: boolean } = {}): string {
  const scripts = options.charts
    ? `<link rel="stylesheet" href="/dashboard/assets/uPlot.min.css">` +
      `<script src="/dashboard/assets/uPlot.iife.min.js" defer></script>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · review-sla</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">${scripts}
<script src="/dashboard/assets/dashboard.js" defer></script>
</head><body>${body}</body></html>`;
}

export function offPage(): string {
  return layout(
    "Dashboard is off",
    `<main><h1>The dashboard is off</h1>
<p>Set <code>GITHUB_CLIENT_ID</code> and <code>GITHUB_CLIENT_SECRET</code> (the GitHub App's own
OAuth credentials, on the App's settings page; the registration flow writes them to
<code>.env</code>), add <code>&lt;this app's address&gt;/dashboard/callback</code> as the App's
callback URL, and in production set <code>SESSION_SECRET</code>. Then restart review-sla.
See docs/dashboard.md.</p></main>`,
  );
}

export function signInPage(message: string | null): string {
  const note = message === null ? "" : `<p class="note">${escapeHtml(message)}</p>`;
  return layout(
    "Sign in",
    `<main><h1>review-sla dashboard</h1>${note}
<p><a class="button" id="sign-in" href="/dashboard/login">Sign in with GitHub</a></p></main>`,
  );
}

export function notFoundPage(): string {
  return layout(
    "Not found",
    `<main><h1>Not found</h1><p>This page does not exist, or your GitHub account cannot see it.</p>
<p><a href="/dashboard">Back to the dashboard</a></p></main>`,
  );
}

function header(viewer: string, crumbs: string): string {
  return `<header><nav><a href="/dashboard">Dashboard</a>${crumbs}</nav>
<form method="post" action="/dashboard/logout"><span class="viewer">${escapeHtml(viewer)}</span>
<button type="submit" id="sign-out">Sign out</button></form></header>`;
}

export interface InstallationLink {
  id: number;
  account: string;
  repositories: number;
}

export function indexPage(viewer: string, installations: readonly InstallationLink[]): string {
  const items = installations
    .map(
      (i) =>
        `<li><a href="/dashboard/${i.id}">${escapeHtml(i.account)}</a> ` +
        `(${i.repositories} ${i.repositories === 1 ? "repository" : "repositories"})</li>`,
    )
    .join("");
  const list =
    installations.length === 0
      ? "<p>Your GitHub account sees no installation of this app with tracked repositories.</p>"
      : `<ul class="installations">${items}</ul>`;
  return layout("Dashboard", `${header(viewer, "")}<main><h1>Organisations</h1>${list}</main>`);
}

function cellHtml(value: string | number | null, column: string): string {
  if (value === null) return "—";
  if (column === "url" && typeof value === "string" && /^https?:\/\//.test(value)) {
    return `<a href="${escapeHtml(value)}" rel="noreferrer">open</a>`;
  }
  return escapeHtml(String(value));
}

export function tableHtml(table: DataTable, csvHref: string): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const rows = table.rows
    .map(
      (row) =>
        `<tr>${row.map((v, i) => `<td>${cellHtml(v, table.columns[i] ?? "")}</td>`).join("")}</tr>`,
    )
    .join("");
  const empty = table.rows.length === 0 ? `<p class="empty">None.</p>` : "";
  const chart = table.chart
    ? `<div class="chart" data-chart="${table.id}" role="img" aria-label="${escapeHtml(table.title)} chart"></div>`
    : "";
  return `<section id="${table.id}"><h2>${escapeHtml(table.title)} <small>(${escapeHtml(table.unit)})</small></h2>
${chart}<table data-table="${table.id}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${empty}
<p><a class="csv" href="${escapeHtml(csvHref)}" download>Download CSV</a></p></section>`;
}

export interface TeamOption {
  slug: string;
  name: string;
}

export interface InstallationPage {
  viewer: string;
  installationId: number;
  account: string;
  repositories: readonly string[];
  /** The selected repository ("owner/name"), or null for the whole organisation (or team). */
  repository: string | null;
  /** Teams (digest scopes) the viewer may choose, by the slug their URL names them with. */
  teams?: readonly TeamOption[];
  /** The selected team; absent or null for the whole organisation. */
  team?: TeamOption | null;
  zone: string;
  clockMode: string;
  /** ISO instant the figures are computed for. */
  asOf: string;
  tables: readonly DataTable[];
}

function teamSelect(page: InstallationPage): string {
  const teams = page.teams ?? [];
  if (teams.length === 0) return "";
  const options = teams
    .map((team) => {
      const selected = team.slug === page.team?.slug ? " selected" : "";
      return `<option value="${escapeHtml(team.slug)}"${selected}>${escapeHtml(team.name)}</option>`;
    })
    .join("");
  return `<label>Team <select name="team" id="team-filter"><option value="">all teams</option>${options}</select></label>\n`;
}

function filterForm(page: InstallationPage): string {
  const options = page.repositories
    .map((name) => {
      const selected = name === page.repository ? " selected" : "";
      return `<option value="${escapeHtml(name)}"${selected}>${escapeHtml(name)}</option>`;
    })
    .join("");
  return `<form method="get" action="/dashboard/${page.installationId}" class="filters">
${teamSelect(page)}<label>Repository <select name="repo" id="repo-filter"><option value="">all repositories</option>${options}</select></label>
<button type="submit">Show</button></form>`;
}

export function installationPage(
  page: InstallationPage,
  csvHref: (table: string) => string,
): string {
  const scope =
    [page.team?.name, page.repository].filter((part) => part != null).join(" · ") || page.account;
  const charts = page.tables
    .filter((t) => t.chart !== null)
    .map((t) => ({ id: t.id, unit: t.unit, ...t.chart }));
  const body = `${header(page.viewer, ` › <a href="/dashboard/${page.installationId}">${escapeHtml(page.account)}</a>`)}
<main><h1>${escapeHtml(scope)}</h1>${filterForm(page)}
<p class="meta">As of <time datetime="${escapeHtml(page.asOf)}">${escapeHtml(page.asOf)}</time>
(your time zone). Weeks run Monday to Monday and working time is counted in the team's zone,
${escapeHtml(page.zone)} (clock: ${escapeHtml(page.clockMode)}).</p>
${page.tables.map((t) => tableHtml(t, csvHref(t.id))).join("\n")}
<script type="application/json" id="dashboard-data">${jsonBlock({ charts })}</script></main>`;
  return layout(scope, body, { charts: true });
}
