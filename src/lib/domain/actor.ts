/**
 * Who made a change. Every write names a typed actor, so the history can say who did what the same
 * way whatever path the change came through (organizer form, member link, API token, command line).
 */
import { z } from 'zod';

export const Actor = z.discriminatedUnion('kind', [
	/** A signed-in organizer; `name` is the name they gave at sign-in. */
	z.object({
		kind: z.literal('organizer'),
		id: z.string().max(200).optional(),
		name: z.string().max(200)
	}),
	/** A member through their personal link: they may change only their own busy periods. */
	z.object({ kind: z.literal('member'), person: z.string().max(200) }),
	/** A script holding the admin token (POST /api/plan, the item API). */
	z.object({ kind: z.literal('admin-token') }),
	/** `npm run plan -- …` on the server. */
	z.object({ kind: z.literal('cli'), user: z.string().max(200).optional() }),
	/** The app itself (seeding the demo, a scheduled refresh). */
	z.object({ kind: z.literal('system'), task: z.string().max(200) })
]);
export type Actor = z.infer<typeof Actor>;
export type ActorKind = Actor['kind'];

/** The stable id stored beside the kind (organizer id or name, person id, task); null if none. */
export function actorId(actor: Actor): string | null {
	switch (actor.kind) {
		case 'organizer':
			return actor.id ?? actor.name;
		case 'member':
			return actor.person;
		case 'cli':
			return actor.user ?? null;
		case 'system':
			return actor.task;
		default:
			return null;
	}
}

/**
 * How the history names the actor. `personName` turns a member's id into their name when the
 * caller knows it.
 */
export function actorLabel(actor: Actor, personName?: (id: string) => string | undefined): string {
	switch (actor.kind) {
		case 'organizer':
			return `${actor.name} (organizer)`;
		case 'member':
			return `${personName?.(actor.person) ?? actor.person} (own link)`;
		case 'admin-token':
			return 'a script with the admin token';
		case 'cli':
			return actor.user ? `${actor.user} (command line)` : 'command line';
		case 'system':
			return `the app (${actor.task})`;
	}
}

/** Rebuilds an actor from its stored columns; unknown kinds (older rows) read as the app. */
export function actorFromColumns(kind: string, id: string | null, legacy: string): Actor {
	switch (kind) {
		case 'organizer':
			return { kind, name: id ?? legacy, ...(id ? { id } : {}) };
		case 'member':
			return { kind, person: id ?? legacy };
		case 'admin-token':
			return { kind };
		case 'cli':
			return id ? { kind, user: id } : { kind };
		default:
			return parseLegacyActor(legacy);
	}
}

/**
 * Actors as the first releases wrote them: "organizer:Ana", "Ana (organizer)", "member:<id>",
 * "api", "cli". Used to migrate old history rows and to accept old call sites.
 */
export function parseLegacyActor(text: string): Actor {
	const colon = text.indexOf(':');
	const kind = colon >= 0 ? text.slice(0, colon) : text;
	const rest = colon >= 0 ? text.slice(colon + 1) : '';
	if (kind === 'organizer' && rest) return { kind: 'organizer', name: rest };
	if (kind === 'member' && rest) return { kind: 'member', person: rest };
	if (text === 'api') return { kind: 'admin-token' };
	if (text === 'cli') return { kind: 'cli' };
	const organizer = /^(.*) \(organizer\)$/.exec(text);
	if (organizer?.[1]) return { kind: 'organizer', name: organizer[1] };
	return { kind: 'system', task: text || 'unknown' };
}
