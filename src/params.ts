import { defineParams } from '@sveltejs/kit/params';

// The same rule as the schema's Id, without pulling zod into the client bundle: a malformed id
// never reaches `load`, so it is a 404 rather than a failed lookup.
const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

const KINDS = new Set(['event', 'activity', 'deadline', 'meeting', 'action']);
/** A secret link token: 32 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const params = defineParams({
	id: (param: string) => (ID.test(param) ? param : undefined),
	kind: (param: string) => (KINDS.has(param) ? param : undefined),
	token: (param: string) => (TOKEN.test(param) ? param : undefined)
});
