/**
 * Dates, numbers, lists, regions and schedules per locale. Everything goes
 * through Intl with a fixed time zone (UTC), so the same audit gives the same
 * bytes on every machine.
 */
import type { Formatter, Lang, Messages } from './messages/types';

const DAILY = /^(\d{1,2}) (\d{1,2}) \* \* \*$/;
const WEEKLY = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/;
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const pad = (n: string) => n.padStart(2, '0');

export function formatter(lang: Lang, messages: Messages): Formatter {
  const dates = new Intl.DateTimeFormat(messages.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(messages.locale);
  const lists = new Intl.ListFormat(messages.locale, { style: 'long', type: 'conjunction' });
  const time = (h: string, m: string) => `${pad(h)}:${pad(m)}`;
  return {
    lang,
    date: (iso) => dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    number: (n) => numbers.format(n),
    count: (n) => (Number.isInteger(n) && n >= 0 && n < messages.numberWords.length ? messages.numberWords[n] : numbers.format(n)),
    list: (items) => lists.format(items),
    region: (slug) => (messages.places[slug] ? `${messages.places[slug]} (${slug})` : slug),
    schedule: (cron) => {
      const expr = cron.trim().replace(/\s+/g, ' ');
      const daily = DAILY.exec(expr);
      if (daily) return lang === 'de' ? `täglich um ${time(daily[2], daily[1])} Uhr (UTC)` : `daily at ${time(daily[2], daily[1])} UTC`;
      const weekly = WEEKLY.exec(expr);
      if (weekly) {
        const day = messages.weekdays[DAY_NAMES[Number(weekly[3])]];
        return lang === 'de' ? `wöchentlich ${day} um ${time(weekly[2], weekly[1])} Uhr (UTC)` : `weekly on ${day} at ${time(weekly[2], weekly[1])} UTC`;
      }
      return lang === 'de' ? `nach dem Zeitplan „${expr}“ (Cron-Ausdruck, UTC)` : `on the schedule "${expr}" (cron expression, UTC)`;
    },
  };
}
