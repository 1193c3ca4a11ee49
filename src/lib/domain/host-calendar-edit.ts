/**
 * An organizer's change to a location's calendar, from the form on `/locations/{id}`: set or
 * reset the weekend, add or remove a holiday, add a make-up working day, or undo one of the
 * plan's own corrections. Pure: validates with zod and returns the new calendar (or the
 * problems per field); the route writes it through the one write function.
 */
import { z } from 'zod';
import { HostCalendarSpec, PlainDate, Weekday } from './schema.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const source = z
	.string()
	.trim()
	.max(2000)
	.transform((s) => (s === '' ? undefined : s))
	.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).optional());

export const CalendarEdit = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('weekend'),
		/** `default`: back to CLDR and the shipped corrections; `custom`: the days ticked. */
		mode: z.enum(['default', 'custom']),
		weekend: z.array(Weekday).max(7),
		source
	}),
	z.object({ action: z.literal('add'), date: PlainDate, name: text(200), source }),
	z.object({ action: z.literal('remove'), date: PlainDate, reason: text(500), source }),
	z.object({ action: z.literal('workday'), date: PlainDate, reason: text(500), source }),
	z.object({
		action: z.literal('undo'),
		list: z.enum(['add', 'remove', 'workdays']),
		date: PlainDate
	})
]);
export type CalendarEdit = z.infer<typeof CalendarEdit>;

/** The edit a posted form asks for (every field as the browser sent it). */
export function parseCalendarEdit(
	action: string,
	get: (name: string) => string | undefined,
	getAll: (name: string) => string[]
): { ok: true; edit: CalendarEdit } | { ok: false; errors: Record<string, string> } {
	const parsed = CalendarEdit.safeParse({
		action,
		mode: get('mode'),
		weekend: getAll('weekend'),
		date: get('date') ?? '',
		name: get('name') ?? '',
		reason: get('reason') ?? '',
		source: get('source') ?? '',
		list: get('list')
	});
	if (parsed.success) return { ok: true, edit: parsed.data };
	const errors: Record<string, string> = {};
	for (const i of parsed.error.issues) {
		const field = i.path.length ? String(i.path[0]) : 'form';
		errors[field] ??= i.message;
	}
	return { ok: false, errors };
}

/** Drops empty lists and objects, so a calendar with nothing left is no calendar. */
function tidy(c: HostCalendarSpec): HostCalendarSpec | undefined {
	const out: HostCalendarSpec = {};
	if (c.weekend) out.weekend = c.weekend;
	if (c.weekend && c.weekendSource) out.weekendSource = c.weekendSource;
	const add = c.holidays?.add?.length ? c.holidays.add : undefined;
	const remove = c.holidays?.remove?.length ? c.holidays.remove : undefined;
	if (add || remove) out.holidays = { ...(add ? { add } : {}), ...(remove ? { remove } : {}) };
	if (c.workdays?.length) out.workdays = c.workdays;
	return Object.keys(out).length ? out : undefined;
}

const byDate = <T extends { date: string }>(list: T[]) =>
	[...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** Applies one form action to a copy of the calendar, in place; one entry per date in each list. */
function applyAction(c: HostCalendarSpec, edit: CalendarEdit): void {
	const src = (s: string | undefined) => (s ? { source: s } : {});
	switch (edit.action) {
		case 'weekend':
			if (edit.mode === 'default') {
				delete c.weekend;
				delete c.weekendSource;
			} else {
				c.weekend = Weekday.options.filter((d) => edit.weekend.includes(d));
				if (edit.source) c.weekendSource = edit.source;
				else delete c.weekendSource;
			}
			break;
		case 'add': {
			const list = (c.holidays?.add ?? []).filter((h) => h.date !== edit.date);
			c.holidays = {
				...c.holidays,
				add: byDate([...list, { date: edit.date, name: edit.name, ...src(edit.source) }])
			};
			break;
		}
		case 'remove': {
			const list = (c.holidays?.remove ?? []).filter((h) => h.date !== edit.date);
			c.holidays = {
				...c.holidays,
				remove: byDate([...list, { date: edit.date, reason: edit.reason, ...src(edit.source) }])
			};
			break;
		}
		case 'workday': {
			const list = (c.workdays ?? []).filter((h) => h.date !== edit.date);
			c.workdays = byDate([...list, { date: edit.date, reason: edit.reason, ...src(edit.source) }]);
			break;
		}
		case 'undo':
			if (edit.list === 'workdays')
				c.workdays = (c.workdays ?? []).filter((w) => w.date !== edit.date);
			else
				c.holidays = {
					...c.holidays,
					[edit.list]: (c.holidays?.[edit.list] ?? []).filter((h) => h.date !== edit.date)
				};
			break;
	}
}

/**
 * The calendar after an edit, validated against the PlanFile's own limits (a full list is an
 * error, never silently cut). One entry per date in each list: a new one replaces the old.
 */
export function applyCalendarEdit(
	current: HostCalendarSpec | undefined,
	edit: CalendarEdit
):
	| { ok: true; calendar: HostCalendarSpec | undefined }
	| { ok: false; errors: Record<string, string> } {
	const c: HostCalendarSpec = structuredClone(current ?? {});
	applyAction(c, edit);
	const next = tidy(c);
	const checked = HostCalendarSpec.optional().safeParse(next);
	if (!checked.success) {
		const i = checked.error.issues[0];
		return {
			ok: false,
			errors: {
				form: `The calendar would be invalid: ${i?.path.join('.') ?? ''} ${i?.message ?? ''}`.trim()
			}
		};
	}
	return { ok: true, calendar: next };
}
