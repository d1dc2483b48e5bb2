import { scheduleGap } from '../../../policies/checks/backup/helpers/schedule';

const DAY = 24;
const WEEK = 7 * 24;

describe('scheduleGap: does a CronJob schedule run in every window?', () => {
  it.each([
    ['0 2 * * *', DAY],
    ['@daily', DAY],
    ['@midnight', DAY],
    ['*/5 * * * *', DAY],
    ['0 */6 * * *', DAY],
    ['0 4 * * 0', WEEK],
    ['@weekly', WEEK],
    ['15 5 * * 1,4', WEEK],
  ])('accepts "%s" for a %i h window', (schedule, hours) => {
    expect(scheduleGap(schedule, hours)).toEqual({ ok: true });
  });

  it.each([
    ['0 2 * * 1-5', DAY, 'no run in the 24 h after'],
    ['0 2 1-28 * *', DAY, 'no run in the 24 h after'],
    ['0 2 * 1-11 *', DAY, 'no run in the 24 h after'],
    ['@weekly', DAY, 'no run in the 24 h after'],
    ['0 4 1,15 * *', WEEK, 'no run in the 168 h after'],
    ['@monthly', WEEK, 'no run in the 168 h after'],
    ['0 0 2 * * *', DAY, 'not a five-field cron expression'],
    ['@every 24h', DAY, 'not a five-field cron expression'],
    ['0 0 30 2 *', DAY, 'cannot be evaluated'],
    ['61 * * * *', DAY, 'cannot be evaluated'],
  ])('rejects "%s" for a %i h window', (schedule, hours, reason) => {
    const result = scheduleGap(schedule, hours);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('counts a local run that falls into the spring-forward gap as skipped, as Kubernetes does', () => {
    const daily = scheduleGap('30 2 * * *', DAY, 'Europe/Berlin');
    expect(!daily.ok && daily.reason).toContain('has no run on 2024-03-31');
    // The weekly walk sees the same gap: 2024-03-31 is a Sunday.
    const weekly = scheduleGap('30 2 * * 0', WEEK, 'Europe/Berlin');
    expect(!weekly.ok && weekly.reason).toContain('no run in the 168 h after 2024-03-24T01:30Z in Europe/Berlin');
  });

  it('accepts local times outside the gap, and the 25 h day when the clocks go back', () => {
    expect(scheduleGap('0 4 * * *', DAY, 'Europe/Berlin')).toEqual({ ok: true });
    expect(scheduleGap('0 5 * * 1-6,0', DAY, 'Europe/Berlin')).toEqual({ ok: true });
    expect(scheduleGap('0 4 * * 0', WEEK, 'Europe/Berlin')).toEqual({ ok: true });
  });

  it('treats UTC aliases as UTC', () => {
    expect(scheduleGap('0 2 * * *', DAY, 'Etc/UTC')).toEqual({ ok: true });
    expect(scheduleGap('0 2 * * 1-5', DAY, 'UTC').ok).toBe(false);
  });

  it('rejects an unknown time zone', () => {
    const result = scheduleGap('0 2 * * *', DAY, 'Mars/Olympus_Mons');
    expect(result.ok).toBe(false);
  });
});
