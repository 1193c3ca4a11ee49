import { itemEditActions, itemEditPage } from '#lib/server/item-edit-page.ts';
import type { Actions, PageServerLoad } from './$types';

/** The organizer's item edit page; what it shows and what its forms do live in item-edit-page.ts. */
export const load: PageServerLoad = (event) => itemEditPage(event);

export const actions: Actions = itemEditActions;
