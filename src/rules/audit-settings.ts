/**
 * User configuration that changes what rules look for. Kept out of the rules themselves so that a
 * choice of opinion ("which countries matter for this story") is the user's, stated in the command.
 */
import type { AuditSettingsRecord } from '../model/audit.js';
import { ConfigError } from '../model/errors.js';
import { listRegionMembers } from './policy-locations.js';

/**
 * Jurisdictions of interest for `processor-country`:
 * - 'undisclosed' (default): every country the policy does not name, but only when the policy names
 *   at least one place (so a policy silent on location does not flag every foreign company);
 * - 'listed': only these countries, checked whether or not the policy states any location;
 * - 'off': the rule reports nothing.
 */
export type JurisdictionSetting =
  | { mode: 'undisclosed' }
  | { mode: 'listed'; countries: string[]; asWritten: string[] }
  | { mode: 'off' };

/** Everything user-configurable that rules read. */
export interface AuditSettings {
  jurisdictions: JurisdictionSetting;
}

/** Settings of an audit run without options: jurisdictions of interest are every country the policy does not name. */
export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { jurisdictions: { mode: 'undisclosed' } };

/** Made on first use: only --jurisdictions needs it, and making it costs every audit about 14 ms. */
let regionNames: Intl.DisplayNames | null = null;

/** True for an assigned ISO 3166-1 alpha-2 code (Intl echoes codes it does not know). */
function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') return false;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

/**
 * Parses `--jurisdictions`: `all` (the default behaviour), `none`, or a comma-separated list of ISO
 * 3166-1 alpha-2 codes and region ids (EU, EEA, UK, Europe, "North America"). Throws ConfigError
 * naming the unknown entries.
 */
export function parseJurisdictions(text: string): JurisdictionSetting {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'all') return { mode: 'undisclosed' };
  if (trimmed === 'none') return { mode: 'off' };
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const countries = new Set<string>();
  const unknown: string[] = [];
  for (const entry of entries) {
    const members = listRegionMembers(entry);
    if (members.length > 0) for (const code of members) countries.add(code);
    else if (isKnownCountry(entry.toUpperCase())) countries.add(entry.toUpperCase());
    else unknown.push(entry);
  }
  if (unknown.length > 0 || countries.size === 0) {
    throw new ConfigError(
      `--jurisdictions: ${unknown.length > 0 ? `unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : 'no jurisdiction given'}`,
      'give ISO 3166-1 alpha-2 codes or EU, EEA, UK, Europe, North America, separated by commas; or all, or none',
    );
  }
  return { mode: 'listed', countries: [...countries].sort(), asWritten: entries.map((e) => (listRegionMembers(e).length > 0 ? e : e.toUpperCase())) };
}

/** The settings as an audit records them: the `--jurisdictions` value that reproduces them, and what it stood for. */
export function recordAuditSettings(settings: AuditSettings): AuditSettingsRecord {
  const j = settings.jurisdictions;
  switch (j.mode) {
    case 'undisclosed':
      return { jurisdictions: { mode: 'undisclosed', option: 'all', countries: [] } };
    case 'off':
      return { jurisdictions: { mode: 'off', option: 'none', countries: [] } };
    case 'listed':
      return { jurisdictions: { mode: 'listed', option: j.asWritten.join(','), countries: [...j.countries] } };
  }
}
