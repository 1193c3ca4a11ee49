import { randomBytes } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { resolve } from '#lib/domain/dates.ts';
import { busyDateContext } from '#lib/domain/date-context.ts';
import { busyFromIcs, type IcsResult } from '#lib/domain/ics-import.ts';
import { personDetail } from '#lib/domain/people.ts';
import { ClockTime, Id, WorkingHours, Zone } from '#lib/domain/schema.ts';
import { addDays, formatBounds } from '#lib/domain/dates.ts';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { personFeedPath, subscribeLinks } from '#lib/feeds/catalog.ts';
import { issueMemberLink, memberForToken } from '#lib/server/accounts.ts';
import { clashesSeenBy } from '#lib/server/clashes.ts';
import { accessState } from '#lib/server/accounts.ts';
import { issueToken, setPrivateBusy } from '#lib/server/feed-tokens.ts';
import { publicBase } from '#lib/server/feeds.ts';
import { busyFormValues, parseBusyForm } from '#lib/server/busy-form.ts';
import { versionOf } from '#lib/server/edit-repository.ts';
import { formValues, invalid, readForm, runEdit, zodFieldErrors } from '#lib/server/forms.ts';
import { ICS_FILE_LIMIT, memberActor } from '#lib/server/guard.ts';
import { changesSinceLastFetch } from '#lib/server/delivery-report.ts';
import { historyFor } from '#lib/server/history-view.ts';
import { currentPlan, editPlan, getStore, importBusy } from '#lib/server/store.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const COOKIE_DAYS = 180;
/** Days before and after the plan's span over which imported calendars are expanded. */
const ICS_SPAN_MARGIN_DAYS = 31;
/** The import's time budget counts this process's CPU time, not wall time under load. */
const cpuClock = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

async function personFor(token: string): Promise<string> {
	const { db } = await getStore();
	const person = await memberForToken(db, token);
	if (person === null)
		error(404, 'This personal link is not valid (any more). Ask an organizer for a new one.');
	return person;
}

function rememberLink(event: Pick<RequestEvent, 'cookies' | 'url'>, token: string) {
	// Lets the member browse the plan when it is not public (PUBLIC_PLAN=false).
	event.cookies.set('member', token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: COOKIE_DAYS * 24 * 3600
	});
}

export const load: PageServerLoad = async (event) => {
	const { params, locals } = event;
	const personId = await personFor(params.token);
	rememberLink(event, params.token);
	locals.member = personId;
	const { full, index } = await currentPlan();
	const person = index.people.get(personId);
	if (!person) error(404, 'This link belongs to someone who is no longer in the plan.');
	const { db } = await getStore();
	const own = full.commitments.filter((c) => c.person === personId && c.source === 'busy');
	const place = (id: string | null) =>
		id === null ? null : id === 'online' ? 'Online' : (index.locations.get(id)?.city ?? id);
	return {
		person: {
			id: person.id,
			name: person.name,
			zone: person.zone ?? '',
			workStart: person.workingHours.start,
			workEnd: person.workingHours.end
		},
		assignments: personDetail(index, person, Date.now(), locals.locale).assignments.map((a) => ({
			role: a.role,
			via: a.via,
			item: a.item
		})),
		busy: await Promise.all(
			own.map(async (c) => ({
				...busyFormValues(c),
				bounds: c.when ? formatBounds(resolve(c.when), locals.locale) : '',
				placeLabel: place(c.place),
				version: await versionOf(db, 'commitment', c)
			}))
		),
		places: [
			{ value: '', label: '— not set —' },
			{ value: 'online', label: 'Online' },
			...full.locations.map((l) => ({ value: l.id, label: l.city }))
		],
		zones: Intl.supportedValuesOf('timeZone'),
		planZone: full.zone,
		dateContext: busyDateContext(full, person.zone ?? full.zone),
		history: await historyFor(locals, { person: personId, limit: 20 }),
		// Seen as the member: their own private reasons included, everyone else's hidden.
		clashes: await clashesSeenBy({ type: 'person', id: personId }, locals.locale).then(
			({ index: seen, clashes }) =>
				clashesFor(clashes, { person: personId }).map((c) => clashRow(seen, c))
		),
		feed: await accessState(db, personId),
		delivery: (await changesSinceLastFetch(db, index, person, locals.locale, Date.now(), true))
			.sentence
	};
};

async function start(event: RequestEvent) {
	const person = await personFor(event.params.token);
	const form = await readForm(event.request);
	return { person, form, values: form ? formValues(form) : {}, actor: memberActor(person) };
}

const Profile = z
	.object({ zone: Zone, start: ClockTime, end: ClockTime })
	.refine((v) => WorkingHours.safeParse({ start: v.start, end: v.end }).success, {
		message: 'The end of the working day is not after its start.',
		path: ['end']
	});

export const actions: Actions = {
	addBusy: async (event) => {
		const { person, form, values, actor } = await start(event);
		if (!form) return invalid(400, { form: 'Send the form.' }, {}, { form: 'add' });
		const { full, index } = await currentPlan();
		const zone = index.people.get(person)?.zone ?? full.zone;
		const id = `busy-${person}-${randomBytes(4).toString('hex')}`.slice(0, 80);
		const parsed = parseBusyForm(form, full, person, zone, id, null);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { form: 'add' });
		const done = await runEdit(
			() =>
				editPlan(
					{ entity: 'commitment', id, action: 'create', value: parsed.value, owner: person },
					actor
				),
			values,
			'add'
		);
		if (!done.ok) return done.failure;
		return { saved: 'Busy time added.' };
	},
	editBusy: async (event) => {
		const { person, form, values, actor } = await start(event);
		const id = Id.safeParse(form?.get('id'));
		if (!form || !id.success)
			return invalid(400, { form: 'No such busy time.' }, values, { form: 'edit' });
		const { full, index } = await currentPlan();
		const previous = full.commitments.find((c) => c.id === id.data) ?? null;
		if (!previous)
			return invalid(404, { form: 'This busy time is gone.' }, values, { form: 'edit' });
		const zone = index.people.get(person)?.zone ?? full.zone;
		const parsed = parseBusyForm(form, full, person, zone, id.data, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { form: `edit:${id.data}` });
		const version = form.get('version');
		const expected = typeof version === 'string' ? version : '';
		const done = await runEdit(
			() =>
				editPlan(
					{
						entity: 'commitment',
						id: id.data,
						action: 'update',
						patch: () => parsed.value,
						owner: person,
						...(expected ? { expected } : {})
					},
					actor
				),
			values,
			`edit:${id.data}`
		);
		if (!done.ok) return done.failure;
		return { saved: 'Busy time saved.' };
	},
	deleteBusy: async (event) => {
		const { person, form, actor } = await start(event);
		const id = Id.safeParse(form?.get('id'));
		if (!id.success) return invalid(400, { form: 'No such busy time.' }, {}, { form: 'edit' });
		const done = await runEdit(
			() => editPlan({ entity: 'commitment', id: id.data, action: 'delete', owner: person }, actor),
			{},
			'edit'
		);
		if (!done.ok) return done.failure;
		return { saved: 'Busy time deleted.' };
	},
	profile: async (event) => {
		const { person, form, values, actor } = await start(event);
		const parsed = Profile.safeParse({
			zone: form?.get('zone'),
			start: form?.get('start'),
			end: form?.get('end')
		});
		if (!parsed.success)
			return invalid(400, zodFieldErrors(parsed.error), values, { form: 'profile' });
		const { zone, start: from, end } = parsed.data;
		const done = await runEdit(
			() =>
				editPlan(
					{
						entity: 'person',
						id: person,
						action: 'update',
						owner: person,
						patch: (before) => ({ ...before, zone, workingHours: { start: from, end } })
					},
					actor
				),
			values,
			'profile'
		);
		if (!done.ok) return done.failure;
		return { saved: 'Home zone and working hours saved.' };
	},
	/**
	 * A new private feed address for the member, shown once (only its hash is kept); any earlier
	 * address stops working, so calendars subscribed to it need the new one.
	 */
	feed: async (event) => {
		const { person } = await start(event);
		const { db } = await getStore();
		const token = await issueToken(db, person, new Date().toISOString());
		return { feed: subscribeLinks(await publicBase(event.url), personFeedPath(token)) };
	},
	/** Whether the member's own feed shows their private busy times (hidden by default). */
	busyInFeed: async (event) => {
		const { person, form } = await start(event);
		const { db } = await getStore();
		const on = form?.get('show') === 'on';
		if (!(await setPrivateBusy(db, person, on)))
			return invalid(409, { form: 'Get your private feed address first.' }, {}, { form: 'feed' });
		return {
			saved: on
				? 'Your private busy times now show in your own feed.'
				: 'Your private busy times are now left out of your own feed.'
		};
	},
	rotate: async (event) => {
		const { person } = await start(event);
		const { db } = await getStore();
		const token = await issueMemberLink(db, person, new Date().toISOString());
		rememberLink(event, token);
		redirect(303, `/me/${token}`);
	},
	importIcs: async (event) => {
		const { person, form, actor } = await start(event);
		const file = form?.get('file');
		if (!form || !(file instanceof File) || file.size === 0) {
			return invalid(400, { file: 'Choose an .ics file to import.' }, {}, { form: 'ics' });
		}
		if (file.size > ICS_FILE_LIMIT) {
			return invalid(413, { file: 'The file is larger than 2 MB.' }, {}, { form: 'ics' });
		}
		const { full, index } = await currentPlan();
		const days = [...index.dates.values()].flatMap((r) => [r.earliest, r.latest]);
		const known = days.filter((d): d is string => d !== null).sort();
		const span = { start: known[0] ?? '2024-01-01', end: known.at(-1) ?? '2024-12-31' };
		// Expanded a little beyond the plan, so a busy time just outside it still shows.
		const expandOver = {
			start: addDays(span.start, -ICS_SPAN_MARGIN_DAYS),
			end: addDays(span.end, ICS_SPAN_MARGIN_DAYS)
		};
		const zone = index.people.get(person)?.zone ?? full.zone;
		// busyFromIcs never throws by contract; the catch keeps even a defect of ours a 400.
		let result: IcsResult;
		try {
			result = busyFromIcs(await file.text(), expandOver, zone, { clock: cpuClock });
		} catch {
			result = { ok: false, error: 'The file could not be read.', line: null };
		}
		if (!result.ok) {
			return invalid(400, { file: `${result.error} Nothing was imported.` }, {}, { form: 'ics' });
		}
		const floating = result.floating.used
			? ` Times without a zone were read in ${result.floating.zone} (${result.floating.source === 'calendar' ? "the calendar's X-WR-TIMEZONE" : 'your home zone'}).`
			: '';
		const keep = form.get('keepSummary') === 'on';
		const stamp = randomBytes(3).toString('hex');
		const count = await importBusy(
			person,
			result.periods.map((p, i) => ({
				id: `ics-${person}-${stamp}-${i}`.slice(0, 80),
				when: p.when,
				reason: keep ? p.summary.slice(0, 500) : '',
				visibility: 'private'
			})),
			actor
		);
		return {
			saved: `Imported ${count} busy time${count === 1 ? '' : 's'} within the plan's span (${expandOver.start} to ${expandOver.end}).${floating}`
		};
	}
};
