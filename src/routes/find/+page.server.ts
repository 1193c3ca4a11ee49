import { fail, redirect } from '@sveltejs/kit';
import { advise } from '#lib/domain/find-advice.ts';
import { findInPerson } from '#lib/domain/finder.ts';
import { hostChoices } from '#lib/domain/cities.ts';
import { findVirtual } from '#lib/domain/virtual-finder.ts';
import { EditConflict, EditInvalid, versionOf } from '#lib/server/edit-repository.ts';
import {
	decide,
	DecideBody,
	DEFAULT_FORM,
	HoldsBody,
	setHolds,
	DEFAULT_VIRTUAL_FORM,
	finderPlan,
	FindInputError,
	inPersonQuery,
	InPersonBody,
	parseOr400,
	SaveBody,
	saveMeeting,
	saveSeries,
	SeriesBody,
	VirtualBody,
	virtualQuery
} from '#lib/server/find.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const list = (s: string) =>
	s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);
/** A number field as typed; anything else goes to zod as is, so it names the field. */
const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : s);

export const load: PageServerLoad = async ({ url, locals }) => {
	const { index } = await currentPlan();
	const fp = finderPlan(index);
	const tab = url.searchParams.get('tab') === 'virtual' ? 'virtual' : 'in-person';
	const p = (name: string, fallback: string | number) =>
		url.searchParams.get(name) ?? String(fallback);
	const names = (ids: string[]) => ids.map((id) => index.people.get(id)?.name ?? id);
	const nameOf = (id: string) => index.people.get(id)?.name ?? id;
	/** Ticked in the picker (ids of people and groups), added to what was typed. */
	const picked = { req: url.searchParams.getAll('req'), opt: url.searchParams.getAll('opt') };
	const grouped = new Set<string>();
	const picker = [
		...[...index.groups.values()].map((g) => {
			for (const m of g.members) grouped.add(m);
			return {
				id: g.id,
				name: g.name,
				members: g.members.map((m) => ({ id: m, name: nameOf(m) }))
			};
		})
	];
	const others = [...index.people.values()].filter((x) => !grouped.has(x.id));
	if (others.length)
		picker.push({
			id: '',
			name: 'In no group',
			members: others.map((x) => ({ id: x.id, name: x.name }))
		});
	/** What the name field suggests as you type: names, initials, groups, roles. */
	const suggestions = [
		...new Set([
			'all members',
			'everyone',
			...[...index.people.values()].flatMap((x) => [x.name, ...(x.initials ? [x.initials] : [])]),
			...[...index.groups.values()].flatMap((g) => [g.name, ...(g.short ? [g.short] : [])]),
			...[...index.people.values()].map((x) => x.role).filter((r) => r.length <= 30)
		])
	].slice(0, 3000);
	const people = Object.fromEntries(
		[...index.people.values()].map((x) => [x.id, { name: x.name, initials: x.initials ?? null }])
	);
	const canSave = locals.organizer !== null;
	const base = {
		tab,
		picker,
		picked,
		suggestions,
		/** Signed-in organizers can decide an item or save a candidate as a meeting from here. */
		canSave,
		leads: canSave ? [...index.people.values()].map((x) => ({ id: x.id, name: x.name })) : [],
		people,
		hosts: hostChoices(index).map((l) => ({ id: l.id, city: l.city, country: l.country })),
		meetings: index.plan.items
			.filter((i) => i.kind === 'meeting')
			.map((i) => ({ id: i.id, title: i.title }))
	};
	if (tab === 'in-person') {
		const form = {
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
		try {
			const body = parseOr400(InPersonBody, {
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
			const q = inPersonQuery(index, body);
			const result = findInPerson(fp, q, { type: 'anonymous' }, locals.locale);
			const advice = advise(result, q, nameOf);
			const target = q.ignoreItem === null ? undefined : index.items.get(q.ignoreItem);
			const revision =
				canSave && target ? Number(await versionOf((await getStore()).db, 'item', target)) : null;
			return {
				...base,
				/** Deciding the item searched for: its id and the revision the organizer sees. */
				vdecide: null,
				decide:
					target && revision
						? {
								item: target.id,
								revision,
								title: target.title,
								/** Holds can be published while the item still has candidate windows. */
								canHold: target.when.type === 'candidates',
								holds: target.holds === true
							}
						: null,
				form,
				error: null,
				host: { id: q.host.id, city: q.host.city },
				result,
				advice,
				total: q.required.length + q.optional.length,
				requiredNames: names(result.required),
				virtual: null
			};
		} catch (e) {
			if (!(e instanceof FindInputError)) throw e;
			return {
				...base,
				decide: null,
				vdecide: null,
				form,
				error: e.message,
				host: null,
				result: null,
				advice: null,
				total: 0,
				requiredNames: [],
				virtual: null
			};
		}
	}
	const vform = {
		minutes: p('minutes', DEFAULT_VIRTUAL_FORM.minutes),
		from: p('from', DEFAULT_VIRTUAL_FORM.from),
		to: p('to', DEFAULT_VIRTUAL_FORM.to),
		required: p('required', DEFAULT_VIRTUAL_FORM.required),
		optional: p('optional', DEFAULT_VIRTUAL_FORM.optional),
		occurrences: p('occurrences', DEFAULT_VIRTUAL_FORM.occurrences),
		every: p('every', DEFAULT_VIRTUAL_FORM.everyDays),
		start: p('start', DEFAULT_VIRTUAL_FORM.start),
		item: p('item', DEFAULT_VIRTUAL_FORM.item),
		/** The viewer's clock: ?zone=, else the member's own zone, else the plan's. */
		zone:
			url.searchParams.get('zone') ??
			(locals.member ? index.people.get(locals.member)?.zone : null) ??
			index.plan.zone
	};
	const vbase = {
		...base,
		decide: null,
		form: null,
		host: null,
		result: null,
		advice: null,
		total: 0,
		requiredNames: []
	};
	try {
		const body = parseOr400(VirtualBody, {
			minutes: num(vform.minutes),
			from: vform.from,
			to: vform.to,
			required: [...list(vform.required), ...picked.req],
			optional: [...list(vform.optional), ...picked.opt],
			occurrences: num(vform.occurrences),
			everyDays: num(vform.every),
			starts: list(vform.start),
			zone: vform.zone,
			...(vform.item ? { item: vform.item } : {})
		});
		const q = virtualQuery(index, body);
		const target = q.ignoreItem === null ? undefined : index.items.get(q.ignoreItem);
		const revision =
			canSave && target ? Number(await versionOf((await getStore()).db, 'item', target)) : null;
		return {
			...vbase,
			vdecide: target && revision ? { item: target.id, revision, title: target.title } : null,
			error: null,
			virtual: { form: vform, result: findVirtual(fp, q, locals.locale) }
		};
	} catch (e) {
		if (!(e instanceof FindInputError)) throw e;
		return { ...vbase, vdecide: null, error: e.message, virtual: { form: vform, result: null } };
	}
};

const fields = (f: FormData) => (name: string) => {
	const v = f.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	/** Saves a window as a new meeting (searches without a plan item), then opens it. */
	save: async ({ request, locals }) => {
		if (!locals.organizer) return fail(403, { saveError: 'Sign in as an organizer to save.' });
		const text = fields(await request.formData());
		let id: string;
		try {
			const body = parseOr400(SaveBody, {
				title: text('title'),
				location: text('location') || undefined,
				start: text('start'),
				end: text('end'),
				required: list(text('required')),
				optional: list(text('optional')),
				...(text('lead') ? { lead: text('lead') } : {})
			});
			const { index } = await currentPlan();
			id = await saveMeeting(index, body, `${locals.organizer.name} (organizer)`);
		} catch (e) {
			if (e instanceof FindInputError || e instanceof EditInvalid)
				return fail(400, { saveError: e.message });
			throw e;
		}
		redirect(303, `/items/${id}`);
	},
	/** Saves a virtual slot or a whole series (one meeting per occurrence, one write). */
	series: async ({ request, locals }) => {
		if (!locals.organizer) return fail(403, { saveError: 'Sign in as an organizer to save.' });
		const f = await request.formData();
		const text = fields(f);
		let ids: string[];
		try {
			const body = parseOr400(SeriesBody, {
				title: text('title'),
				// Each occurrence travels as "start/end" (instants contain no slash).
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
			const { index } = await currentPlan();
			ids = await saveSeries(index, body, `${locals.organizer.name} (organizer)`);
		} catch (e) {
			if (e instanceof FindInputError || e instanceof EditInvalid)
				return fail(400, { saveError: e.message });
			throw e;
		}
		redirect(303, `/items/${ids[0]}`);
	},
	/** Publishes (or withdraws) the item's candidate windows as holds in the people's feeds. */
	holds: async ({ request, locals }) => {
		if (!locals.organizer)
			return fail(403, { saveError: 'Sign in as an organizer to change holds.' });
		const text = fields(await request.formData());
		try {
			const body = parseOr400(HoldsBody, {
				item: text('item'),
				holds: text('holds') === 'on',
				expectedRevision: num(text('revision'))
			});
			await setHolds(body, `${locals.organizer.name} (organizer)`);
		} catch (e) {
			if (e instanceof EditConflict)
				return fail(409, { saveError: `${e.message} Search again to see the item as it is now.` });
			if (e instanceof FindInputError || e instanceof EditInvalid)
				return fail(400, { saveError: e.message });
			throw e;
		}
		redirect(303, `/find?item=${encodeURIComponent(text('item'))}`);
	},
	/** Decides the item searched for on the chosen window (one change), then opens it. */
	decide: async ({ request, locals }) => {
		if (!locals.organizer) return fail(403, { saveError: 'Sign in as an organizer to decide.' });
		const text = fields(await request.formData());
		let id: string;
		try {
			const body = parseOr400(DecideBody, {
				item: text('item'),
				start: text('start'),
				end: text('end'),
				location: text('location') || undefined,
				expectedRevision: num(text('revision'))
			});
			const { index } = await currentPlan();
			id = (await decide(index, body, `${locals.organizer.name} (organizer)`)).item.id;
		} catch (e) {
			if (e instanceof EditConflict)
				return fail(409, {
					saveError: `${e.message} Search again to see the item as it is now.`
				});
			if (e instanceof FindInputError || e instanceof EditInvalid)
				return fail(400, { saveError: e.message });
			throw e;
		}
		redirect(303, `/items/${id}`);
	}
};
