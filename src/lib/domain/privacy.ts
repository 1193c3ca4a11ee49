/**
 * What people who may not see private details get: the same plan with private commitments
 * reduced to what a clash needs to say "busy" (the person, when, hard or soft, and the outside
 * event for an event commitment), and without people's email addresses.
 *
 * A private commitment loses its reason, its place (where someone is says what they do there),
 * the UID, RECURRENCE-ID and source of an imported event, and its id (ids are often made from the reason: "lf-private-clinic"). The id is replaced by an
 * opaque one from `opaqueId`, which the server makes with a keyed hash (a secret of its database):
 * unique, the same as long as the commitment keeps its id, and not to be reversed by trying
 * likely ids. Only the public plan carries it: feeds and each member's own page use the full
 * plan, so a member's own calendar keeps the real UID (`busy-<id>@…`) and reason.
 */
import type { Commitment, Person, PlanFile } from './schema.ts';

/** Turns a private commitment's id into the opaque id the public plan shows (an Id slug). */
export type OpaqueId = (id: string) => string;

/**
 * The blanked copy of each private commitment, kept by the original: the write path keeps an
 * unchanged commitment the same object across plan versions, and so the redacted plan keeps its
 * copy the same object too (what is derived from it is then reused, see commitments.ts).
 */
const redacted = new WeakMap<OpaqueId, WeakMap<Commitment, Commitment>>();

/**
 * What an imported event brings that only its owner and organizers may read: its UID can name the
 * calendar's owner or host ("…@clinic.example"), and its source says which of the member's
 * calendars it came from. Dropped here and in the history (changes.ts).
 */
export const IMPORT_KEYS = ['uid', 'recurrenceId', 'sourceId'] as const;

function isPrivate(c: Commitment): boolean {
	return c.visibility === 'private';
}

function blank(c: Commitment, opaqueId: OpaqueId, copies: WeakMap<Commitment, Commitment>) {
	if (!isPrivate(c)) return c;
	let copy = copies.get(c);
	if (!copy) {
		copy = { ...c, id: opaqueId(c.id), reason: '', place: null };
		for (const k of IMPORT_KEYS) delete copy[k];
		copies.set(c, copy);
	}
	return copy;
}

/** A person without their email address, kept the same object across versions like `blank`. */
const unmailed = new WeakMap<Person, Person>();

function withoutEmail(p: Person): Person {
	if (p.email === undefined) return p;
	let copy = unmailed.get(p);
	if (!copy) {
		const rest: Person = { ...p };
		delete rest.email;
		unmailed.set(p, (copy = rest));
	}
	return copy;
}

export function redactPrivate(plan: PlanFile, opaqueId: OpaqueId): PlanFile {
	const privates = plan.commitments.some(isPrivate);
	const emails = plan.people.some((p) => p.email !== undefined);
	if (!privates && !emails) return plan;
	let copies = redacted.get(opaqueId);
	if (!copies) redacted.set(opaqueId, (copies = new WeakMap()));
	const own = copies;
	return {
		...plan,
		people: emails ? plan.people.map(withoutEmail) : plan.people,
		commitments: privates ? plan.commitments.map((c) => blank(c, opaqueId, own)) : plan.commitments
	};
}
