import { ganttPage } from '#lib/server/gantt-page.ts';
import type { PageServerLoad } from './$types';

/** The Gantt chart; the query and the view it ships live in gantt-page.ts. */
export const load: PageServerLoad = (event) => ganttPage(event);
