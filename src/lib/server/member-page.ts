/**
 * The member's own page (/me/[token]): what it shows and what its forms do. The member link is
 * the credential: every load and action first finds whose it is (404 when it is not valid). The
 * route only hands SvelteKit these; each action parses its form, calls one service and answers
 * with the saved sentence or a form failure (forms.ts).
 */
import { randomBytes } from 'node:crypto';
import { error, redirect, type RequestEvent as KitEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { resolve } from '#lib/domain/dates.ts';
import { busyDateContext } from '#lib/domain/date-context.ts';
import { personAssignments } from '#lib/domain/people.ts';
import {
	ClockTime,
	Id,
	WorkingHours,
	Zone,
	type Person,
	type PlanFile
} from '#lib/domain/schema.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { formatBounds } from '#lib/domain/dates.ts';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { personFeedPath, subscribeLinks } from '#lib/feeds/catalog.ts';
import { clashesSeenBy } from './clashes.ts';
import { publicBase } from './feeds.ts';
import { busyFormValues, parseBusyForm } from './busy-form.ts';
import { formValues, invalid, readForm, runEdit, zodFieldErrors } from './forms.ts';
import { ICS_FILE_LIMIT, memberActor } from './guard.ts';
import { historyFor } from './history-view.ts';
import { warmIcsThread } from './ics-thread.ts';
import { isTypedIn, type Outcome, type SourceRow } from './availability-sources.ts';
import { parseSourceForm } from './source-form.ts';

import type { Services } from './services.ts';

/** The member page's request: its address carries the member link. */
type RequestEvent = KitEvent<{ token: string }>;

const COOKIE_DAYS = 180;

async function personFor(services: Services, token: string): Promise<string> {
	const person = await services.accounts.memberForToken(token);
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

/** What the member page shows: their profile, busy times, calendars, history, clashes, feed. */
export async function memberPage(event: RequestEvent) {
	const { params, locals } = event;
	const personId = await personFor(locals.services, params.token);
	// This page is where members upload calendars: have the .ics reader loaded (~0.5 s, on its
	// own thread) before the first file comes.
	warmIcsThread();
	rememberLink(event, params.token);
	locals.member = personId;
	const { full, index } = await locals.services.plan.current();
	const person = index.people.get(personId);
	if (!person) error(404, 'This link belongs to someone who is no longer in the plan.');
	const sources = await locals.services.sources.list(personId, full);
	const feed = await locals.services.access.state(personId);
	return {
		person: {
			id: person.id,
			name: person.name,
			zone: person.zone ?? '',
			workStart: person.workingHours.start,
			workEnd: person.workingHours.end
		},
		assignments: personAssignments(index, person, locals.locale).map((a) => ({
			role: a.role,
			via: a.via,
			item: a.item
		})),
		busy: await typedInBusy(locals, full, index, personId, sources),
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
		feed,
		sources: sources.map((src) => ({
			...src,
			periods: src.periods.map((c) => ({
				id: c.id,
				bounds: c.when ? formatBounds(resolve(c.when), locals.locale) : '',
				reason: c.reason
			}))
		})),
		// Shown only beside a feed address: without one there is no calendar to be behind.
		delivery: feed.feedIssued ? (await changesNotFetched(locals, index, person)).sentence : null
	};
}

/** Periods typed in by hand, listed one by one (a calendar's are listed under its source). */
async function typedInBusy(
	locals: App.Locals,
	full: PlanFile,
	index: PlanIndex,
	personId: string,
	sources: readonly { id: string }[]
) {
	const own = full.commitments.filter(
		(c) => c.person === personId && c.source === 'busy' && isTypedIn(c, sources)
	);
	const place = (id: string | null) =>
		id === null ? null : id === 'online' ? 'Online' : (index.locations.get(id)?.city ?? id);
	return Promise.all(
		own.map(async (c) => ({
			...busyFormValues(c),
			bounds: c.when ? formatBounds(resolve(c.when), locals.locale) : '',
			placeLabel: place(c.place),
			version: await locals.services.versions.of('commitment', c)
		}))
	);
}

/** What the member's calendar has not fetched yet (their page, and the feed's changes page). */
export function changesNotFetched(locals: App.Locals, index: PlanIndex, person: Person) {
	return locals.services.delivery.changesSinceLastFetch(
		index,
		person,
		locals.locale,
		Date.now(),
		true
	);
}

async function start(event: RequestEvent) {
	const { services } = event.locals;
	const person = await personFor(services, event.params.token);
	const form = await readForm(event.request);
	const values = form ? formValues(form) : {};
	return { person, form, values, actor: memberActor(person), services };
}

const Profile = z
	.object({ zone: Zone, start: ClockTime, end: ClockTime })
	.refine((v) => WorkingHours.safeParse({ start: v.start, end: v.end }).success, {
		message: 'The end of the working day is not after its start.',
		path: ['end']
	});

/** The member page's forms, one action each. */
export const memberActions = {
	addBusy: async (event) => {
		const { person, form, values, actor, services } = await start(event);
		if (!form) return invalid(400, { form: 'Send the form.' }, {}, { form: 'add' });
		const { full, index } = await services.plan.current();
		const zone = index.people.get(person)?.zone ?? full.zone;
		const id = `busy-${person}-${randomBytes(4).toString('hex')}`.slice(0, 80);
		const parsed = parseBusyForm(form, full, person, zone, id, null);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { form: 'add' });
		const done = await runEdit(
			() =>
				services.plan.edit(
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
		const { person, form, values, actor, services } = await start(event);
		const id = Id.safeParse(form?.get('id'));
		if (!form || !id.success)
			return invalid(400, { form: 'No such busy time.' }, values, { form: 'edit' });
		const { full, index } = await services.plan.current();
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
				services.plan.edit(
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
		const { person, form, actor, services } = await start(event);
		const id = Id.safeParse(form?.get('id'));
		if (!id.success) return invalid(400, { form: 'No such busy time.' }, {}, { form: 'edit' });
		const done = await runEdit(
			() =>
				services.plan.edit(
					{ entity: 'commitment', id: id.data, action: 'delete', owner: person },
					actor
				),
			{},
			'edit'
		);
		if (!done.ok) return done.failure;
		return { saved: 'Busy time deleted.' };
	},
	profile: async (event) => {
		const { person, form, values, actor, services } = await start(event);
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
				services.plan.edit(
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
		const { person, services } = await start(event);
		const token = await services.access.issueFeed(person, new Date().toISOString());
		return { feed: subscribeLinks(await publicBase(event.url), personFeedPath(token)) };
	},
	/** Whether the member's own feed shows their private busy times (hidden by default). */
	busyInFeed: async (event) => {
		const { person, form, services } = await start(event);
		const on = form?.get('show') === 'on';
		if (!(await services.access.setPrivateBusy(person, on)))
			return invalid(409, { form: 'Get your private feed address first.' }, {}, { form: 'feed' });
		return {
			saved: on
				? 'Your private busy times now show in your own feed.'
				: 'Your private busy times are now left out of your own feed.'
		};
	},
	rotate: async (event) => {
		const { person, services } = await start(event);
		const token = await services.access.issueMemberLink(person, new Date().toISOString());
		rememberLink(event, token);
		redirect(303, `/me/${token}`);
	},
	/** An .ics file: into a new file source, or again into an existing one (`source`). */
	importIcs: async (event) => {
		const { person, form, actor, services } = await start(event);
		const file = form?.get('file');
		if (!form || !(file instanceof File) || file.size === 0) {
			return invalid(400, { file: 'Choose an .ics file to import.' }, {}, { form: 'ics' });
		}
		if (file.size > ICS_FILE_LIMIT) {
			return invalid(413, { file: 'The file is larger than 2 MB.' }, {}, { form: 'ics' });
		}
		const target = form.get('source');
		const settings = parseSourceForm(form, file.name);
		if (!settings.ok) return invalid(400, settings.errors, {}, { form: 'ics' });
		const out = await services.sources.importFile(
			person,
			typeof target === 'string' && target !== '' && target !== 'new'
				? { sourceId: target }
				: { create: settings.value },
			new Uint8Array(await file.arrayBuffer()),
			actor,
			new Date()
		);
		return out.ok
			? { saved: out.message }
			: invalid(400, { file: out.message }, {}, { form: 'ics' });
	},
	/** A subscribed calendar address: fetched at once, kept only if that worked. */
	subscribe: async (event) => {
		const { person, form, values, actor, services } = await start(event);
		if (!form) return invalid(400, { url: 'Send the form.' }, {}, { form: 'subscribe' });
		const parsed = parseSourceForm(form, null);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { form: 'subscribe' });
		if (!parsed.value.url)
			return invalid(400, { url: 'Paste the calendar’s address.' }, values, { form: 'subscribe' });
		const out = await services.sources.subscribe(
			person,
			{ ...parsed.value, url: parsed.value.url },
			actor,
			new Date()
		);
		return out.ok
			? { saved: out.message }
			: invalid(400, { url: out.message }, values, { form: 'subscribe' });
	},
	refreshSource: (event) =>
		onSource(event, (row, actor) => event.locals.services.sources.refresh(row, actor, new Date())),
	pauseSource: (event) =>
		onSource(event, async (row, _actor, form) => {
			const paused = form.get('paused') === 'on';
			await event.locals.services.sources.setPaused(row, paused);
			return {
				ok: true,
				message: paused
					? `“${row.label}” is paused: it is not refreshed until you resume it.`
					: `“${row.label}” is refreshed again.`
			};
		}),
	sourceSettings: (event) =>
		onSource(event, async (row, actor, form) => {
			const parsed = parseSourceForm(form, row.label);
			if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors).join(' ') };
			const { strength, visibility } = parsed.value;
			return event.locals.services.sources.restyle(row, { strength, visibility }, actor);
		}),
	removeSource: (event) =>
		onSource(event, (row, actor) => event.locals.services.sources.remove(row, actor))
} satisfies Record<string, (event: RequestEvent) => unknown>;

/** A form about one of the member's sources (`source` names it). */
async function onSource(
	event: RequestEvent,
	run: (row: SourceRow, actor: ReturnType<typeof memberActor>, form: FormData) => Promise<Outcome>
) {
	const { person, form, actor, services } = await start(event);
	const id = form?.get('source');
	const row = form && typeof id === 'string' ? await services.sources.find(person, id) : null;
	if (!form || !row)
		return invalid(404, { form: 'There is no such calendar.' }, {}, { form: 'sources' });
	const out = await run(row, actor, form);
	return out.ok
		? { saved: out.message }
		: invalid(400, { form: out.message }, {}, { form: `source:${row.id}` });
}
