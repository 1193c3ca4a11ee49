/**
 * Prints, for the record, what CLDR and date-holidays say for every reviewed country and year and
 * what the app believes after the shipped corrections (`data/host-calendar-corrections.json`):
 * the weekend, the number of public days off, and each day that differs, with its source.
 *
 * Run: `node --experimental-strip-types --no-warnings scripts/host-calendar-report.ts [CC…]`
 */
import { SHIPPED } from '../src/lib/domain/host-calendar-corrections.ts';
import { weekendDays } from '../src/lib/domain/host-calendar-defaults.ts';
import { daysOff, hostCalendar, weekendLabel } from '../src/lib/domain/host-calendar.ts';
import { epochDay, plainDate } from '../src/lib/domain/intervals.ts';

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function hostCalendarReport(countries: readonly string[], years: readonly number[]): string {
	const lines: string[] = [];
	lines.push(
		'country | CLDR weekend | corrected weekend | year | library days off | corrected | differences'
	);
	for (const country of countries) {
		const place = { country };
		const cldr = weekendDays(country)
			.map((d) => WEEKDAY[d - 1])
			.join('+');
		for (const year of years) {
			const from = `${year}-01-01`;
			const to = `${year}-12-31`;
			const view = hostCalendar(place, from, to);
			const libraryOff = new Set(
				view.holidays
					.filter((h) => h.origin === 'library' && h.type === 'public' && h.partial !== 'half-day')
					.map((h) => h.date)
			);
			let corrected = 0;
			for (let d = epochDay(from); d <= epochDay(to); d++)
				if (daysOff(place, d).some((o) => o.reason === 'holiday')) corrected++;
			const diffs: string[] = [];
			for (const h of view.holidays) {
				if (h.origin === 'shipped-correction') diffs.push(`+${h.date} ${h.name}`);
				if (h.removed?.origin === 'shipped-correction') diffs.push(`-${h.date} ${h.name}`);
			}
			for (const w of view.workdays) diffs.push(`work ${w.date}`);
			lines.push(
				[
					country,
					cldr,
					weekendLabel(place, epochDay(to)),
					year,
					libraryOff.size,
					corrected,
					diffs.length ? diffs.join('; ') : '—'
				].join(' | ')
			);
		}
	}
	return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
	const asked = process.argv.slice(2).map((c) => c.toUpperCase());
	console.log(
		hostCalendarReport(asked.length ? asked : SHIPPED.reviewed.countries, SHIPPED.reviewed.years)
	);
	console.log(`\n${SHIPPED.reviewed.how}`);
	console.log(
		`Shipped corrections: ${SHIPPED.corrections.length}; compiled ${plainDate(epochDay(SHIPPED.corrections[0]!.checkedOn))}.`
	);
}
