/**
 * The /find page's forms as a browser sends them, turned into the same request bodies the JSON
 * API takes (find.ts, find-write.ts), so the page and the API validate alike: the two GET search
 * forms (each field kept as typed, to show the form again; defaults for what is missing), the
 * organizer's POST forms, and the one mapping from the finder's errors to form failures.
 */
import { fail } from '@sveltejs/kit';
import { EditConflict, EditInvalid } from './edit-repository.ts';
import { FindInputError, InPersonBody, parseOr400, VirtualBody } from './find.ts';
import { DecideBody, HoldsBody, SaveBody, SeriesBody } from './find-write.ts';
import { readForm } from './forms.ts';

/** The default search: the Panel's first face-to-face meeting of 2024 in Riyadh. */
export const DEFAULT_FORM = {
	location: 'riyadh',
	days: 2,
	from: '2024-02-01',
	to: '2024-03-31',
	required: 'all members',
	optional: '',
	item: 'riyadh-meeting-2024'
};

export const DEFAULT_VIRTUAL_FORM = {
	minutes: 60,
	from: '2023-12-18',
	to: '2023-12-22',
	required: 'all members',
	optional: '',
	occurrences: 4,
	everyDays: 7,
	start: '2023-12-18T16:00Z',
	/** The call being rescheduled: its own time binds nobody. */
	item: 'plenary-2023-12-18'
};

const list = (s: string) =>
	s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

/** A number field as typed; anything else goes to zod as is, so it names the field. */
const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : s);

const param = (q: URLSearchParams) => (name: string, fallback: string | number) =>
	q.get(name) ?? String(fallback);

/** Ticked in the people pickers (ids of people and groups), added to what was typed. */
export type Picked = { req: string[]; opt: string[] };

export function pickedIn(q: URLSearchParams): Picked {
	return { req: q.getAll('req'), opt: q.getAll('opt') };
}

/** The in-person search form, each field as typed. */
export function inPersonForm(q: URLSearchParams) {
	const p = param(q);
	return {
		location: p('location', DEFAULT_FORM.location),
		days: p('days', DEFAULT_FORM.days),
		from: p('from', DEFAULT_FORM.from),
		to: p('to', DEFAULT_FORM.to),
		required: p('required', DEFAULT_FORM.required),
		optional: p('optional', DEFAULT_FORM.optional),
		min: p('min', 0),
		weekends: p('weekends', 'yes'),
		holidays: p('holidays', 'yes'),
		item: p('item', DEFAULT_FORM.item)
	};
}
export type InPersonForm = ReturnType<typeof inPersonForm>;

/** The in-person form as a request body; throws FindInputError naming the field at fault. */
export function inPersonBody(form: InPersonForm, picked: Picked): InPersonBody {
	return parseOr400(InPersonBody, {
		location: form.location,
		days: num(form.days),
		from: form.from,
		to: form.to,
		required: [...list(form.required), ...picked.req],
		optional: [...list(form.optional), ...picked.opt],
		minAttendees: num(form.min),
		avoidWeekends: form.weekends !== 'no',
		avoidHolidays: form.holidays !== 'no',
		...(form.item ? { item: form.item } : {})
	});
}

/** The virtual search form, each field as typed; `zone` is the viewer's unless `?zone=` says. */
export function virtualForm(q: URLSearchParams, zone: string) {
	const p = param(q);
	return {
		minutes: p('minutes', DEFAULT_VIRTUAL_FORM.minutes),
		from: p('from', DEFAULT_VIRTUAL_FORM.from),
		to: p('to', DEFAULT_VIRTUAL_FORM.to),
		required: p('required', DEFAULT_VIRTUAL_FORM.required),
		optional: p('optional', DEFAULT_VIRTUAL_FORM.optional),
		occurrences: p('occurrences', DEFAULT_VIRTUAL_FORM.occurrences),
		every: p('every', DEFAULT_VIRTUAL_FORM.everyDays),
		start: p('start', DEFAULT_VIRTUAL_FORM.start),
		item: p('item', DEFAULT_VIRTUAL_FORM.item),
		zone: p('zone', zone)
	};
}
export type VirtualForm = ReturnType<typeof virtualForm>;

/** The virtual form as a request body; throws FindInputError naming the field at fault. */
export function virtualBody(form: VirtualForm, picked: Picked): VirtualBody {
	return parseOr400(VirtualBody, {
		minutes: num(form.minutes),
		from: form.from,
		to: form.to,
		required: [...list(form.required), ...picked.req],
		optional: [...list(form.optional), ...picked.opt],
		occurrences: num(form.occurrences),
		everyDays: num(form.every),
		starts: list(form.start),
		zone: form.zone,
		...(form.item ? { item: form.item } : {})
	});
}

/** The posted form; a body that is not a form reads as empty (and so a 400, never a 500). */
export async function postedForm(request: Request): Promise<FormData> {
	return (await readForm(request)) ?? new FormData();
}

const textOf = (f: FormData) => (name: string) => {
	const v = f.get(name);
	return typeof v === 'string' ? v : '';
};

/** "Save as a new meeting" (in person or one virtual slot). */
export function saveBody(f: FormData): SaveBody {
	const text = textOf(f);
	return parseOr400(SaveBody, {
		title: text('title'),
		location: text('location') || undefined,
		start: text('start'),
		end: text('end'),
		required: list(text('required')),
		optional: list(text('optional')),
		...(text('lead') ? { lead: text('lead') } : {})
	});
}

/** A virtual slot or a whole series: each occurrence travels as "start/end" (no slash in them). */
export function seriesBody(f: FormData): SeriesBody {
	const text = textOf(f);
	return parseOr400(SeriesBody, {
		title: text('title'),
		occurrences: f
			.getAll('occ')
			.slice(0, 100)
			.map((v) => {
				const [start, end] = typeof v === 'string' ? v.split('/') : [];
				return { start, end };
			}),
		required: list(text('required')),
		optional: list(text('optional')),
		...(text('lead') ? { lead: text('lead') } : {})
	});
}

/** Holding (or withdrawing) an item's candidate windows. */
export function holdsBody(f: FormData): HoldsBody {
	const text = textOf(f);
	return parseOr400(HoldsBody, {
		item: text('item'),
		holds: text('holds') === 'on',
		expectedRevision: num(text('revision'))
	});
}

/** Deciding the item searched for on one window. */
export function decideBody(f: FormData): DecideBody {
	const text = textOf(f);
	return parseOr400(DecideBody, {
		item: text('item'),
		start: text('start'),
		end: text('end'),
		location: text('location') || undefined,
		expectedRevision: num(text('revision'))
	});
}

/**
 * Runs one of the page's writes for a signed-in organizer (403 for anyone else, "Sign in as an
 * organizer to `doing`."): `run` gets the actor for the history and usually ends in a redirect.
 * Input the finder or the write path refuses is a 400, a change since the organizer looked a 409;
 * both are shown above the page as `saveError`.
 */
export async function asOrganizer(
	locals: App.Locals,
	doing: string,
	run: (actor: string) => Promise<void>
) {
	if (!locals.organizer) return fail(403, { saveError: `Sign in as an organizer to ${doing}.` });
	try {
		await run(`${locals.organizer.name} (organizer)`);
	} catch (e) {
		if (e instanceof EditConflict)
			return fail(409, { saveError: `${e.message} Search again to see the item as it is now.` });
		if (e instanceof FindInputError || e instanceof EditInvalid)
			return fail(400, { saveError: e.message });
		throw e;
	}
}
