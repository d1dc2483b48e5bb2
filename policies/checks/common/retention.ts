/**
 * The retention facts live in data/retention.ts; this re-export remains for
 * importers outside the checks (the TOM annex facts) until they import data/.
 */
export { MAX_COPY_LIFETIME_DAYS, OFFBOARDING_DAYS } from '../../../data/retention';
