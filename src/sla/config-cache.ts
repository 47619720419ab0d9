// Validated repository configs, memoised by their JSON text: the sweep and the handlers ask for
// the same few configs thousands of times, and validation is not free.
import { teamCalendar } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import { validateConfig } from "../config/validate.js";
import type { TeamCalendar } from "../clock/calendar.js";

export interface EffectiveConfig {
  config: RepoConfig;
  calendar: TeamCalendar;
  errors: string[];
}

export class ConfigCache {
  private readonly cache = new Map<string, EffectiveConfig>();

  constructor(private readonly limit = 1000) {}

  /** The config to act on for stored JSON (null: none stored yet, defaults apply). */
  resolve(json: unknown): EffectiveConfig {
    const text = JSON.stringify(json ?? null);
    const hit = this.cache.get(text);
    if (hit) return hit;
    const { config, errors } = validateConfig(json ?? undefined);
    const effective = { config, calendar: teamCalendar(config), errors };
    if (this.cache.size >= this.limit) this.cache.clear();
    this.cache.set(text, effective);
    return effective;
  }
}
