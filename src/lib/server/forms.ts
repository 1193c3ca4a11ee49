/**
 * Form handling shared by the editing routes: read a form with a size cap, validate with zod, and
 * turn problems into `{ field: message }` for errors shown next to their field.
 */
import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actor } from '../domain/actor.ts';
import { changedFields } from '../domain/changes.ts';
import type { Change, Entity } from '../domain/plan-changes.ts';
import type { PlanFile } from '../domain/schema.ts';
import type { PlanIndex } from '../domain/plan-index.ts';
import { organizerOrFail } from './guard.ts';
import { EditConflict, EditForbidden, EditInvalid, EditNotFound } from './edit-repository.ts';

export type FieldErrors = Record<string, string>;

/** Every text entry of a form, for giving the input back after a failure. */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** Reads the posted form; a body that is not a form is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/** First message per top-level field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		out[field] ??= issue.message;
	}
	return out;
}

/** The change that got in first, as the "changed since you opened it" notice shows it. */
export type Conflict = {
	version: string | null;
	deleted: boolean;
	by: string | null;
	at: string | null;
	changes: { field: string; before: string; after: string }[];
	entity: string | null;
};

export type FormFailure = {
	errors: FieldErrors;
	values: Record<string, string>;
	/** Which of a page's forms failed, when it has several. */
	form?: string | undefined;
	conflict?: Conflict | undefined;
};

/** A 400 (or `status`) with the errors and the input to show again. */
export function invalid(
	status: number,
	errors: FieldErrors,
	values: Record<string, string> = {},
	extra: Omit<FormFailure, 'errors' | 'values'> = {}
): ActionFailure<FormFailure> {
	return fail(status, { errors, values, ...extra });
}

/** A zod string field from a form: trimmed, with empty meaning absent. */
export function optionalText(value: FormDataEntryValue | null): string | undefined {
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

/**
 * An edit form's save: the one update of `entity` `id` by `actor`, with the version the form
 * carried (`values.version`, unless given) as the one expected, and its refusals as the form's
 * failure (see runEdit).
 */
export function saveUpdate(
	locals: App.Locals,
	actor: Actor,
	change: Pick<Change, 'entity' | 'id' | 'patch'> & { expected?: string | null },
	values: Record<string, string>,
	form?: string
) {
	const expected = change.expected !== undefined ? change.expected : values.version || null;
	return runEdit(
		() =>
			locals.services.plan.edit(
				{
					entity: change.entity,
					id: change.id,
					action: 'update',
					patch: change.patch,
					...(expected ? { expected } : {})
				},
				actor
			),
		values,
		form
	);
}

/**
 * Runs an edit and turns the repository's refusals into form failures: a conflict (409) with the
 * change that won, invalid references next to their field (400), not found (404), not allowed
 * (403). Anything else is a real failure and propagates.
 */
export async function runEdit<T>(
	edit: () => Promise<T>,
	values: Record<string, string>,
	form?: string
): Promise<{ ok: true; result: T } | { ok: false; failure: ActionFailure<FormFailure> }> {
	try {
		return { ok: true, result: await edit() };
	} catch (e) {
		const out = (status: number, errors: FieldErrors, extra: Partial<FormFailure> = {}) => ({
			ok: false as const,
			failure: invalid(status, errors, values, { form, ...extra })
		});
		if (e instanceof EditConflict) {
			const change = e.change;
			return out(
				409,
				{ form: e.message },
				{
					conflict: {
						version: e.version,
						deleted: e.current === null,
						by: change ? change.by : null,
						at: change?.at ?? null,
						changes: change ? changedFields(change.before, change.after) : [],
						entity: change?.entity ?? null
					}
				}
			);
		}
		if (e instanceof EditInvalid) {
			const errors: FieldErrors = {};
			// Problems elsewhere in the plan (a deleted place still in use) go above the form.
			for (const i of e.issues) errors[i.field === '(plan)' ? 'form' : i.field] ??= i.message;
			return out(400, errors);
		}
		if (e instanceof EditNotFound) return out(404, { form: e.message });
		if (e instanceof EditForbidden) return out(403, { form: e.message });
		throw e;
	}
}

/** A form parsed into an entity, or the errors to show next to their fields. */
export type Parsed<E> =
	{ ok: true; value: E } | { ok: false; errors: FieldErrors; values?: Record<string, string> };

type FormEvent = { request: Request; locals: App.Locals };

/**
 * What every organizer form action starts with: the organizer (else 403) and the posted form
 * (else 400, saying `send`), with its text values to give back after a failure.
 */
async function organizerForm(
	{ request, locals }: FormEvent,
	send: string
): Promise<
	| { ok: true; actor: Actor; form: FormData; values: Record<string, string> }
	| { ok: false; failure: ActionFailure<FormFailure> }
> {
	const actor = organizerOrFail(locals);
	if (!actor)
		return { ok: false, failure: invalid(403, { form: 'Sign in as an organizer first.' }) };
	const form = await readForm(request);
	if (!form) return { ok: false, failure: invalid(400, { form: send }) };
	return { ok: true, actor, form, values: formValues(form) };
}

/**
 * A "new …" page's save: the organizer's form, parsed against the current plan into the new
 * entity (or errors next to their fields), created through the one write path, then a redirect
 * to `to(entity)`.
 */
export function createAction<E extends Entity>(o: {
	entity: Change['entity'];
	send: string;
	parse: (form: FormData, plan: PlanFile) => Parsed<E>;
	to: (created: E) => string;
}) {
	return async (event: FormEvent) => {
		const posted = await organizerForm(event, o.send);
		if (!posted.ok) return posted.failure;
		const { actor, form, values } = posted;
		const { plan } = await event.locals.services.plan.current();
		const parsed = o.parse(form, plan);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values ?? values);
		const value = parsed.value;
		const done = await runEdit(
			() =>
				event.locals.services.plan.edit(
					{ entity: o.entity, id: value.id, action: 'create', value },
					actor
				),
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, o.to(value));
	};
}

/**
 * An edit page's save: the entity `params.id` as the plan holds it now (else 404, saying
 * `gone`), the organizer's form parsed against it, saved as one update expecting the version
 * the form carried (saveUpdate), then a redirect to `to`.
 */
export function updateAction<E extends Entity>(o: {
	entity: Change['entity'];
	send: string;
	find: (index: PlanIndex, id: string) => E | undefined;
	gone: string;
	parse: (form: FormData, previous: E) => Parsed<E>;
	to: string;
}) {
	return async (event: FormEvent & { params: { id: string } }) => {
		const posted = await organizerForm(event, o.send);
		if (!posted.ok) return posted.failure;
		const { actor, form, values } = posted;
		const { index } = await event.locals.services.plan.current();
		const previous = o.find(index, event.params.id);
		if (!previous) return invalid(404, { form: o.gone }, values);
		const parsed = o.parse(form, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values ?? values);
		const next = parsed.value;
		const change = { entity: o.entity, id: event.params.id, patch: () => next };
		const done = await saveUpdate(event.locals, actor, change, values);
		if (!done.ok) return done.failure;
		redirect(303, o.to);
	};
}
