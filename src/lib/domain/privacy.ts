/**
 * What people who may not see private details get: the same plan with private commitments
 * reduced to what a clash needs to say "busy" (the person, when, hard or soft, and the outside
 * event for an event commitment), and without people's email addresses.
 *
 * A private commitment loses its reason, its place (where someone is says what they do there)
 * and its id (ids are often made from the reason: "lf-private-clinic"). The id is replaced by an
 * opaque one made only from what stays visible, so it gives nothing away and stays the same
 * while the period does. Only the public plan carries it: feeds and each member's own page use
 * the full plan, so a member's own calendar keeps the real UID (`busy-<id>@…`) and reason.
 */
import type { Commitment, Person, PlanFile } from './schema.ts';

/**
 * The blanked copy of each private commitment, kept by the original: the write path keeps an
 * unchanged commitment the same object across plan versions, and so the redacted plan keeps its
 * copy the same object too (what is derived from it is then reused, see commitments.ts).
 */
const redacted = new WeakMap<Commitment, Commitment>();

/** 53 bits of a string (cyrb53): a pure, stable digest; not a secret, nor meant to be one. */
function digest53(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The opaque id of a private commitment: from the fields the public plan keeps, nothing else. */
function opaqueId(c: Commitment, n: number): string {
	const seen = [c.person, c.source, c.item ?? '', JSON.stringify(c.when ?? null), c.strength, n];
	return `private-${digest53(seen.join('|'))}`;
}

function isPrivate(c: Commitment): boolean {
	return c.visibility === 'private';
}

function blank(c: Commitment, id: string): Commitment {
	const copy = redacted.get(c);
	if (copy?.id === id) return copy;
	const out: Commitment = { ...c, id, reason: '', place: null };
	redacted.set(c, out);
	return out;
}

/** Every private commitment blanked, each with an id unique in the plan. */
function blankAll(commitments: readonly Commitment[]): Commitment[] {
	const taken = new Set(commitments.filter((c) => !isPrivate(c)).map((c) => c.id));
	return commitments.map((c) => {
		if (!isPrivate(c)) return c;
		// Two private periods with the same visible fields (or a clash with a real id) are told
		// apart by a counter, in plan order.
		let n = 0;
		let id = opaqueId(c, n);
		while (taken.has(id)) id = opaqueId(c, ++n);
		taken.add(id);
		return blank(c, id);
	});
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

export function redactPrivate(plan: PlanFile): PlanFile {
	const privates = plan.commitments.some(isPrivate);
	const emails = plan.people.some((p) => p.email !== undefined);
	if (!privates && !emails) return plan;
	return {
		...plan,
		people: emails ? plan.people.map(withoutEmail) : plan.people,
		commitments: privates ? blankAll(plan.commitments) : plan.commitments
	};
}
