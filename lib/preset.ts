/** The one place that reads `SAOBP_PRESET`, the scale of every run, notebook and figure. */
export const PRESET_NAMES = ['smoke', 'quick', 'paper'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The active preset: `SAOBP_PRESET`, else `fallback`. An unknown name is an error that lists the valid ones. */
export function activePreset(fallback: PresetName = 'quick'): PresetName {
  const raw = process.env.SAOBP_PRESET;
  if (raw === undefined || raw === '') return fallback;
  if (!(PRESET_NAMES as readonly string[]).includes(raw)) {
    throw new Error(`SAOBP_PRESET: unknown preset '${raw}'; valid names are ${PRESET_NAMES.join(', ')}`);
  }
  return raw as PresetName;
}
