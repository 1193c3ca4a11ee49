/**
 * The organizer's item edit page (/items/[id]/edit): the form's values, and its actions (the item
 * itself, its assignments, what it waits for). Each action checks the organizer, parses its form,
 * makes one change through the write path and answers or fails with the field at fault.
 */
import { error, redirect, type RequestEvent as KitEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { itemDateContext } from '#lib/domain/date-context.ts';
import { formatBounds, resolve } from '#lib/domain/dates.ts';
import { whenText } from '#lib/domain/changes.ts';
import { Dependency, Id, Role } from '#lib/domain/schema.ts';
import {
	formValues,
	invalid,
	optionalText,
	readForm,
	runEdit,
	saveUpdate,
	zodFieldErrors
} from './forms.ts';
import { organizerOrFail, requireOrganizer } from './guard.ts';
import { itemFormOptions, itemFormValues, parseItemForm, slugify } from './item-form.ts';
import type { Services } from './services.ts';

/** The item edit page's request: its address names the item. */
type RequestEvent = KitEvent<{ id: string }>;

/** What the edit page shows: the item's form values, its assignments and dependencies. */
export async function itemEditPage({ locals, url, params }: RequestEvent) {
	requireOrganizer(locals, url);
	const { plan, index } = await locals.services.plan.current();
	const item = index.items.get(params.id);
	if (!item) error(404, `There is no item “${params.id}” in the plan.`);
	const name = (a: { person?: string | undefined; group?: string | undefined; who: string }) =>
		(a.person && index.people.get(a.person)?.name) ||
		(a.group && index.groups.get(a.group)?.name) ||
		a.who;
	return {
		item: { id: item.id, title: item.title },
		values: itemFormValues(item),
		version: await locals.services.versions.of('item', item),
		options: itemFormOptions(plan, item.id),
		zone: plan.zone,
		dateContext: itemDateContext(plan, item.id),
		stored: {
			text: whenText(item.when),
			label: resolve(item.when).label,
			bounds: formatBounds(resolve(item.when), locals.locale)
		},
		assignments: plan.assignments
			.filter((a) => a.item === item.id)
			.map((a) => ({ id: a.id, role: a.role, name: name(a), note: a.note ?? '' })),
		waitsFor: plan.dependencies
			.filter((d) => d.to === item.id)
			.map((d) => ({
				id: d.id,
				title: index.items.get(d.from)?.title ?? d.from,
				lagDays: d.lagDays
			}))
	};
}

/** The signed-in organizer and the posted form, or the failure to return. */
async function start(event: RequestEvent) {
	const actor = organizerOrFail(event.locals);
	if (!actor) return { fail: invalid(403, { form: 'Sign in as an organizer first.' }) } as const;
	const form = await readForm(event.request);
	if (!form) return { fail: invalid(400, { form: 'Send the form.' }) } as const;
	const services: Services = event.locals.services;
	return { actor, form, values: formValues(form), services } as const;
}

/** A fresh id `base`, `base-2`, … not used in `taken`. */
function freshId(base: string, taken: Set<string>): string {
	let id = base.slice(0, 70);
	for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 70)}-${n}`;
	return id;
}

const Version = z.string().regex(/^\d{1,9}$/, 'is missing; reload the page');

const NewAssignment = z.object({
	assignee: z
		.string({ error: 'Choose who.' })
		.regex(/^(person|group):[a-z0-9][a-z0-9-]{0,79}$/, 'Choose who.'),
	role: Role,
	note: z.string().trim().max(500).optional()
});

const NewDependency = z.object({
	from: Id,
	lagDays: z.coerce
		.number({ error: 'Write a whole number of days.' })
		.int('Write a whole number of days.')
		.min(-365)
		.max(365)
});

/** Removing one of the item's assignments or dependencies: its id from the form, one delete. */
function removeAction<E extends 'assignment' | 'dependency'>(entity: E) {
	return async (event: RequestEvent) => {
		const s = await start(event);
		if ('fail' in s) return s.fail;
		const id = Id.safeParse(s.form.get('id'));
		if (!id.success) return invalid(400, { id: `No such ${entity}.` }, {}, { form: entity });
		const done = await runEdit(
			() => s.services.plan.edit({ entity, id: id.data, action: 'delete' }, s.actor),
			{},
			entity
		);
		if (!done.ok) return done.failure;
		return { saved: entity };
	};
}

/** The edit page's forms, one action each. */
export const itemEditActions = {
	save: async (event) => {
		const s = await start(event);
		if ('fail' in s) return s.fail;
		const { actor, form, values } = s;
		const version = Version.safeParse(form.get('version'));
		if (!version.success)
			return invalid(400, { form: 'The form is missing its version: reload the page.' }, values, {
				form: 'save'
			});
		const { plan, index } = await s.services.plan.current();
		const previous = index.items.get(event.params.id);
		if (!previous)
			return invalid(404, { form: 'This item is no longer in the plan.' }, values, {
				form: 'save'
			});
		const parsed = parseItemForm(form, plan, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { form: 'save' });
		const item = parsed.item;
		const done = await saveUpdate(
			event.locals,
			actor,
			{ entity: 'item', id: item.id, expected: version.data, patch: () => item },
			values,
			'save'
		);
		if (!done.ok) return done.failure;
		redirect(303, `/items/${item.id}?saved=1`);
	},
	delete: async (event) => {
		const s = await start(event);
		if ('fail' in s) return s.fail;
		const version = Version.safeParse(s.form.get('version'));
		const done = await runEdit(
			() =>
				s.services.plan.edit(
					{
						entity: 'item',
						id: event.params.id,
						action: 'delete',
						...(version.success ? { expected: version.data } : {})
					},
					s.actor
				),
			{},
			'delete'
		);
		if (!done.ok) return done.failure;
		redirect(303, '/plan?saved=deleted');
	},
	addAssignment: async (event) => {
		const s = await start(event);
		if ('fail' in s) return s.fail;
		const parsed = NewAssignment.safeParse({
			assignee: s.form.get('assignee'),
			role: s.form.get('role'),
			note: optionalText(s.form.get('note'))
		});
		if (!parsed.success)
			return invalid(400, zodFieldErrors(parsed.error), s.values, { form: 'assignment' });
		const { plan, index } = await s.services.plan.current();
		const [type, ref = ''] = parsed.data.assignee.split(':');
		const person = type === 'person' ? index.people.get(ref) : undefined;
		const group = type === 'group' ? index.groups.get(ref) : undefined;
		if (!person && !group)
			return invalid(400, { assignee: 'Choose someone from the list.' }, s.values, {
				form: 'assignment'
			});
		const id = freshId(
			slugify(`${event.params.id}-${ref}-${parsed.data.role}`),
			new Set(plan.assignments.map((a) => a.id))
		);
		const value = {
			id,
			item: event.params.id,
			role: parsed.data.role,
			who: person ? (person.initials ?? person.name) : (group?.short ?? group?.name ?? ref),
			...(person ? { person: person.id } : { group: ref }),
			...(parsed.data.note ? { note: parsed.data.note } : {})
		};
		const done = await runEdit(
			() => s.services.plan.edit({ entity: 'assignment', id, action: 'create', value }, s.actor),
			s.values,
			'assignment'
		);
		if (!done.ok) return done.failure;
		return { saved: 'assignment' };
	},
	removeAssignment: removeAction('assignment'),
	addDependency: async (event) => {
		const s = await start(event);
		if ('fail' in s) return s.fail;
		const parsed = NewDependency.safeParse({
			from: s.form.get('from'),
			lagDays: s.form.get('lagDays') || '0'
		});
		if (!parsed.success)
			return invalid(400, zodFieldErrors(parsed.error), s.values, { form: 'dependency' });
		const { plan } = await s.services.plan.current();
		const id = freshId(
			slugify(`${parsed.data.from}-before-${event.params.id}`),
			new Set(plan.dependencies.map((d) => d.id))
		);
		const value = Dependency.safeParse({ id, to: event.params.id, ...parsed.data });
		if (!value.success)
			return invalid(400, zodFieldErrors(value.error), s.values, { form: 'dependency' });
		const done = await runEdit(
			() =>
				s.services.plan.edit(
					{ entity: 'dependency', id, action: 'create', value: value.data },
					s.actor
				),
			s.values,
			'dependency'
		);
		if (!done.ok) return done.failure;
		return { saved: 'dependency' };
	},
	removeDependency: removeAction('dependency')
} satisfies Record<string, (event: RequestEvent) => unknown>;
