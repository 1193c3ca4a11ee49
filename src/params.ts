import { defineParams } from '@sveltejs/kit/params';
import { ID_PATTERN, ITEM_KIND_NAMES, TOKEN_PATTERN } from '#lib/ids.ts';

// The schema's own rules, without pulling zod into the client bundle: a malformed id, kind or
// token never reaches `load`, so it is a 404 rather than a failed lookup.
const KINDS: ReadonlySet<string> = new Set(ITEM_KIND_NAMES);

export const params = defineParams({
	id: (param: string) => (ID_PATTERN.test(param) ? param : undefined),
	kind: (param: string) => (KINDS.has(param) ? param : undefined),
	token: (param: string) => (TOKEN_PATTERN.test(param) ? param : undefined)
});
