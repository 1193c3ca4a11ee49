/**
 * FullCalendar 7, set up for the plan. Only the calendar page imports this module, and only
 * dynamically, so no other page pays for the widget.
 *
 * Time zones: FullCalendar 7 converts named zones itself (through temporal-polyfill). Entries
 * come from the domain already split by the one rule that matters: all-day items as plain
 * 'YYYY-MM-DD' strings, which stay on their squares in every zone, and timed items as UTC
 * instants, which move to the viewer's clock.
 */
import { Calendar, type EventInput } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import listPlugin from 'fullcalendar/list';
import multiMonthPlugin from 'fullcalendar/multimonth';
import classicTheme from 'fullcalendar/themes/classic';
import timeGridPlugin from 'fullcalendar/timegrid';
import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import type { CalendarEntry, CalendarView } from '#lib/domain/calendar.ts';

export const FC_VIEW: Record<CalendarView, string> = {
	month: 'dayGridMonth',
	year: 'multiMonthYear',
	week: 'timeGridWeek',
	list: 'listMonth'
};
const FROM_FC = new Map(Object.entries(FC_VIEW).map(([k, v]) => [v, k as CalendarView]));

export type CalendarOptions = {
	entries: CalendarEntry[];
	zone: string;
	view: CalendarView;
	date: string;
	locale: string;
	/** Called after every navigation, with the view and the first day of its current range. */
	onNavigate: (view: CalendarView, date: string) => void;
};

export function toEventInput(e: CalendarEntry): EventInput {
	const tentative = e.tentative ? `≈ ` : '';
	const deadline = e.kind === 'deadline' ? '⚑ ' : '';
	return {
		id: e.id,
		// Plain strings only: a Date object would pin an all-day item to one zone's midnight.
		start: e.start,
		end: e.end,
		allDay: e.allDay,
		title: e.tentative
			? `${deadline}${tentative}${e.title} (“${e.wording}”)`
			: `${deadline}${e.title}`,
		url: e.href,
		// Colours are the design tokens, so the calendar follows the light and dark themes.
		color: `var(--kind-${e.kind})`,
		contrastColor: e.tentative ? 'var(--text)' : 'var(--bg)',
		class: [
			'ev',
			`ev-${e.kind}`,
			e.tentative ? 'ev-tentative' : '',
			e.status === 'cancelled' ? 'ev-cancelled' : ''
		]
			.filter(Boolean)
			.join(' '),
		extendedProps: { kind: e.kind, tentative: e.tentative, wording: e.wording }
	};
}

export type MountedCalendar = {
	update(next: Pick<CalendarOptions, 'entries' | 'zone'>): void;
	show(view: CalendarView, date: string): void;
	destroy(): void;
};

export function mountCalendar(el: HTMLElement, opts: CalendarOptions): MountedCalendar {
	let calendar: Calendar | null = null;
	calendar = new Calendar(el, {
		plugins: [classicTheme, dayGridPlugin, timeGridPlugin, multiMonthPlugin, listPlugin],
		timeZone: opts.zone,
		initialView: FC_VIEW[opts.view],
		initialDate: opts.date,
		locale: opts.locale,
		firstDay: 1,
		headingLevel: 2,
		headerToolbar: {
			start: 'prev,next today',
			center: 'title',
			end: 'dayGridMonth,multiMonthYear,timeGridWeek,listMonth'
		},
		buttons: {
			dayGridMonth: { text: 'Month' },
			multiMonthYear: { text: 'Year' },
			timeGridWeek: { text: 'Week' },
			listMonth: { text: 'List' }
		},
		height: 'auto',
		dayMaxEvents: false,
		multiMonthMaxColumns: 3,
		// Mini months are small: show every bar rather than "+2" links that hide all of them.
		views: { multiMonthYear: { dayMaxEvents: false, dayMaxEventRows: false } },
		eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
		slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
		events: opts.entries.map(toEventInput),
		datesSet: (info) => {
			if (!calendar) return;
			const view = FROM_FC.get(info.view.type) ?? 'month';
			opts.onNavigate(view, calendar.formatIso(info.view.currentStart, true));
		}
	});
	calendar.render();
	const api = calendar;
	return {
		update(next) {
			api.batchRendering(() => {
				if (api.getOption('timeZone') !== next.zone) api.setOption('timeZone', next.zone);
				api.removeAllEvents();
				api.addEventSource(next.entries.map(toEventInput));
			});
		},
		show(view, date) {
			api.changeView(FC_VIEW[view], date);
		},
		destroy() {
			calendar = null;
			api.destroy();
		}
	};
}
