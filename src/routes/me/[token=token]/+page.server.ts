import { memberActions, memberPage } from '#lib/server/member-page.ts';
import type { Actions, PageServerLoad } from './$types';

/** The member's own page; what it shows and what its forms do live in member-page.ts. */
export const load: PageServerLoad = (event) => memberPage(event);

export const actions: Actions = memberActions;
