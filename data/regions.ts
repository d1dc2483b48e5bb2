/**
 * Regions inside the European Union, per provider: the config schema accepts
 * only these, and the checks judge locations against the same lists.
 * `lon1` / `eu-west-2` (UK) and `eu-central-2` (Zurich) are in Europe but not
 * in the EU, so they are absent.
 */

/** DigitalOcean regions inside the EU. */
export const DIGITALOCEAN_EU_REGIONS = ['fra1', 'ams3', 'ams2'] as const;

/** AWS regions inside the EU. */
export const AWS_EU_REGIONS = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2'] as const;
