// The built-in checklist sections: what reviewers keep finding in AI-generated code, grouped by
// the kind of file that invites it. Ids are stable: configs and posted comments refer to them.
import type { ChecklistSection } from "./checklist-sections.js";

const WEB_UI = [
  "**/*.{tsx,jsx,vue,svelte,astro,html,htm,erb,hbs,ejs,cshtml,razor}",
  "**/*.{css,scss,sass,less,styl}",
  "**/{components,pages,views,screens,layouts,ui}/**/*.{ts,js}",
];
const MOBILE_UI = [
  "**/*.{swift,xib,storyboard,dart}",
  "**/res/layout*/**",
  "**/*Activity.{kt,java}",
];
const UI = [...WEB_UI, ...MOBILE_UI];
const LOCALES = [
  "**/{locales,locale,i18n,l10n,lang,translations}/**",
  "**/*.{po,pot,xliff,xlf,arb}",
];

const CODE =
  "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,rb,go,rs,java,kt,kts,scala,swift,cs,fs,php,c,cc,cpp,h,hpp,m,mm,ex,exs,erl,clj,dart,lua,pl,sh,vue,svelte,sql}";

/** A section as written here: item ids are prefixed with the section id by `section()`. */
function section(
  id: string,
  title: string,
  paths: string[],
  items: Record<string, string>,
  aiOnly = false,
): ChecklistSection {
  return {
    id,
    title,
    paths,
    aiOnly,
    items: Object.entries(items).map(([key, text]) => ({ id: `${id}.${key}`, text })),
  };
}

export const DEFAULT_SECTIONS: readonly ChecklistSection[] = [
  section(
    "ai-review",
    "AI-assisted change",
    [],
    {
      intent: "Does every changed line serve the PR's stated purpose, with no unrelated rewrites?",
      understood: "Could the author explain each part of the change without the assistant?",
      "real-apis":
        "Do all called functions, options and packages actually exist in the versions used?",
      patterns:
        "Does it reuse the team's existing helpers and architecture instead of adding a parallel way?",
      "edge-cases":
        "Are null and empty values, time zones, Unicode text and boundary values handled?",
      races: "Is shared state safe under concurrent requests, retries and out-of-order events?",
      security:
        "Has a person checked injection, authorization and secret handling by reading the code?",
      scale: "Would it still be fast with production data volumes and the largest customer?",
      tests: "Would the tests fail if the behaviour broke, rather than restating the code?",
    },
    true,
  ),
  section("general", "Every change", [], {
    description: "Does the PR description say what changed and why, and does the diff match it?",
  }),
  section(
    "security",
    "Security",
    [
      "**/{auth,authn,authz,authentication,authorization,security,crypto,cryptography,permissions,acl,session,sessions,oauth,sso,iam}/**",
      "**/*{auth,login,logout,password,passwd,token,secret,credential,crypt,cipher,session,permission,oauth,jwt,saml,csrf,cors,sanitiz}*",
      "**/.env*",
    ],
    {
      authz: "Is every new entry point behind the same authentication and authorization checks?",
      input:
        "Is external input validated, and are queries, commands and HTML built without concatenation?",
      secrets: "Are secrets kept out of code, logs, error messages and client bundles?",
      crypto:
        "Does it use vetted library primitives (no home-made crypto, fixed IVs or Math.random tokens)?",
      "fail-closed": "When a check errors or times out, is access denied rather than granted?",
    },
  ),
  section(
    "data-safety",
    "Data safety",
    [
      "**/{migrations,migration,migrate,alembic,flyway,liquibase}/**",
      "**/*migration*",
      "**/*.sql",
      "**/{schema.prisma,schema.rb,structure.sql}",
    ],
    {
      rollback: "Can the migration be rolled back, or is there a written plan for when it cannot?",
      locks:
        "Will it run on production-sized tables without long locks (batched backfills, online indexes)?",
      compatible:
        "Do both the deployed and the new version of the code work with the schema during rollout?",
      "no-loss":
        "Is no data dropped, truncated or silently converted (types, defaults, NOT NULL on old rows)?",
    },
  ),
  section(
    "api-design",
    "API design",
    [
      "**/{api,apis,routes,router,controllers,handlers,endpoints,resolvers,rpc}/**",
      "**/*.{proto,graphql,gql}",
      "**/{openapi,swagger}*.{yml,yaml,json}",
    ],
    {
      compatible: "Does it stay backwards compatible for existing clients, or is it versioned?",
      conventions:
        "Do names, status codes, error shapes and pagination match the existing endpoints?",
      validation: "Are requests validated at the boundary with error messages a client can act on?",
    },
  ),
  section(
    "concurrency",
    "Concurrency",
    [
      "**/{workers,worker,jobs,queues,queue,consumers,scheduler,cron,tasks}/**",
      "**/*{worker,queue,mutex,semaphore,thread,concurren,scheduler,cron,consumer,cache,retry}*",
    ],
    {
      atomic:
        "Is every read-modify-write of shared state atomic (transaction, lock or compare-and-set)?",
      idempotent: "Is a job or event handled correctly when it is delivered twice or out of order?",
      timeouts:
        "Do locks, waits and external calls have timeouts, and are they released on every error path?",
    },
  ),
  section(
    "performance",
    "Performance",
    [
      "**/{repositories,repository,queries,dao,models,store,db}/**",
      "**/*{repository,query,queries,dao,loader,cache,search}*",
      "**/*.sql",
    ],
    {
      queries: "Are there no queries inside loops (N+1), and does each new query have an index?",
      bounded: "Are lists, pages and batches bounded for the largest realistic customer?",
      "hot-path":
        "Is nothing slow (network, disk, large allocations) added to a hot path or render loop?",
    },
  ),
  section("ui-states", "UI states", UI, {
    loading: "Is there a loading state for every asynchronous fetch or action?",
    empty: "Is there an empty state when a list or search has nothing to show?",
    error: "Is there a visible error state the user can recover from when a request fails?",
    "double-submit": "Are actions guarded against double submission while they run?",
  }),
  section("accessibility", "Accessibility", UI, {
    keyboard: "Can every control be reached and used with the keyboard, with visible focus?",
    labels: "Do images, icons and form fields have labels a screen reader announces?",
    contrast: "Does text meet WCAG AA contrast, with no meaning carried by colour alone?",
    semantics: "Are native elements (button, link, heading) used instead of clickable divs?",
  }),
  section("mobile", "Mobile layouts", UI, {
    narrow: "Does the layout work on a 320 px wide screen without horizontal scrolling?",
    touch: "Are touch targets at least 44 by 44 px, with nothing reachable only on hover?",
    "large-text":
      "Does it still work with 200 percent text size or the system's large font setting?",
  }),
  section("i18n", "Internationalisation", [...UI, ...LOCALES], {
    strings: "Do all user-visible strings come from the translation files, none hard-coded?",
    formats: "Are dates, numbers and currencies formatted for the user's locale and time zone?",
    expansion: "Does the layout survive longer translations and right-to-left languages?",
  }),
  section(
    "dependencies",
    "Dependencies",
    [
      "**/{package.json,package-lock.json,yarn.lock,pnpm-lock.yaml,bun.lockb,bun.lock}",
      "**/{go.mod,go.sum,Cargo.toml,Cargo.lock,Gemfile,Gemfile.lock,composer.json,composer.lock}",
      "**/{requirements*.txt,pyproject.toml,poetry.lock,uv.lock,Pipfile,Pipfile.lock}",
      "**/{pom.xml,build.gradle,build.gradle.kts,*.csproj,Package.swift,pubspec.yaml}",
    ],
    {
      needed: "Is each new dependency needed, maintained and under a compatible licence?",
      genuine:
        "Does each new package name exist and come from the expected publisher (no typo-squats)?",
      lockfile: "Is the lockfile updated together with the manifest?",
    },
  ),
  section(
    "infrastructure",
    "Infrastructure and CI",
    [
      "**/.github/workflows/**",
      "**/{Dockerfile,Dockerfile.*,*.dockerfile,docker-compose*.{yml,yaml},compose*.{yml,yaml}}",
      "**/*.{tf,tfvars,hcl}",
      "**/{k8s,kubernetes,helm,charts,deploy,infra,terraform}/**",
    ],
    {
      "least-privilege": "Are permissions, network exposure and roles the least that works?",
      pinned: "Are images, actions and providers pinned to versions or digests?",
      rollback: "Can it be rolled back without manual clean-up?",
    },
  ),
  section("tests", "Tests", [CODE], {
    "covers-change":
      "Is the new or changed behaviour covered by a test that fails without the change?",
    "failure-paths": "Do the tests cover failure and edge cases, not only the happy path?",
  }),
];
