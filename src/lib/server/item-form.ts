/**
 * The organizer's item form: from posted fields to a valid Item, or errors per field. The date
 * is typed in the plan's own words and read with parseDateText; an unchanged date text keeps the
 * stored DateSpec exactly (so opening and saving an item never rewrites its date).
 */
import { z } from 'zod';
import { previewDate, whenText } from '../domain/changes.ts';
import { itemDateContext } from '../domain/date-context.ts';
import { Id, Item, ItemKind, ItemStatus, type PlanFile } from '../domain/schema.ts';
import { optionalText, zodFieldErrors, type FieldErrors } from './forms.ts';

export type ItemFormResult = { ok: true; item: Item } | { ok: false; errors: FieldErrors };

/** A slug from a title, for new items without an explicit id. */
export function slugify(title: string): string {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'item';
}

const Fields = z.object({
	kind: ItemKind,
	status: ItemStatus,
	title: z.string().trim().min(1, 'Give the item a title.').max(2000)
});

/** The form's values for an existing item (what the inputs start with). */
export function itemFormValues(item: Item): Record<string, string> {
	return {
		id: item.id,
		kind: item.kind,
		status: item.status,
		title: item.title,
		when: whenText(item.when),
		location: item.location ?? '',
		linkedTo: item.linkedTo ?? '',
		group: item.group ?? '',
		track: item.track ?? '',
		url: item.url ?? '',
		description: item.description ?? '',
		source: item.source ?? ''
	};
}

export function parseItemForm(
	form: FormData,
	plan: PlanFile,
	previous: Item | null
): ItemFormResult {
	const errors: FieldErrors = {};
	const get = (k: string) => optionalText(form.get(k));
	const fields = Fields.safeParse({
		kind: get('kind'),
		status: get('status') ?? 'planned',
		title: get('title') ?? ''
	});
	if (!fields.success) Object.assign(errors, zodFieldErrors(fields.error));

	const id = previous ? previous.id : (get('id') ?? slugify(get('title') ?? ''));
	if (!previous && !Id.safeParse(id).success) {
		errors.id = 'Use lowercase letters, digits and "-" (up to 80).';
	}

	const whenInput = (form.get('when') as string | null) ?? '';
	let when = previous?.when;
	if (!previous || whenInput.trim() !== whenText(previous.when).trim()) {
		const p = previewDate(
			whenInput,
			plan.zone,
			undefined,
			itemDateContext(plan, previous?.id ?? null)
		);
		if (p.ok) when = p.spec;
		else errors.when = p.error;
	}
	if (Object.keys(errors).length) return { ok: false, errors };

	const candidate = Item.safeParse({
		...(previous ?? {}),
		id,
		...(fields.success ? fields.data : {}),
		when,
		location: get('location') ?? null,
		linkedTo: get('linkedTo') ?? null,
		group: get('group') ?? null,
		track: get('track'),
		url: get('url'),
		description: get('description'),
		source: get('source')
	});
	if (!candidate.success) return { ok: false, errors: zodFieldErrors(candidate.error) };
	return { ok: true, item: candidate.data };
}

type Option = { value: string; label: string };

/** The choices the item forms offer, from the current plan. */
export function itemFormOptions(plan: PlanFile, itemId: string | null) {
	const none = (label: string): Option => ({ value: '', label });
	return {
		kinds: ItemKind.options.map((k) => ({ value: k, label: k })),
		statuses: ItemStatus.options.map((s) => ({ value: s, label: s })),
		locations: [
			none('— not set —'),
			{ value: 'online', label: 'Online' },
			...plan.locations.map((l) => ({ value: l.id, label: `${l.city} (${l.country})` }))
		],
		events: [
			none('— none —'),
			...plan.items
				.filter((i) => i.kind === 'event' && i.id !== itemId)
				.map((i) => ({ value: i.id, label: i.title }))
		],
		groups: [none('— none —'), ...plan.groups.map((g) => ({ value: g.id, label: g.name }))],
		assignees: [
			...plan.people.map((p) => ({ value: `person:${p.id}`, label: p.name })),
			...plan.groups.map((g) => ({ value: `group:${g.id}`, label: g.name }))
		],
		items: plan.items.filter((i) => i.id !== itemId).map((i) => ({ value: i.id, label: i.title }))
	};
}
