/**
 * FullCalendar 7, set up for the plan. Only the calendar page imports this module, and only
 * dynamically, so no other page pays for the widget.
 *
 * Time zones: FullCalendar 7 converts named zones itself (through temporal-polyfill). Entries
 * come from the domain already split by the one rule that matters: all-day items as plain
 * 'YYYY-MM-DD' strings, which stay on their squares in every zone, and timed items as UTC
 * instants, which move to the viewer's clock.
 *
 * The Year view is the year as an agenda: each day that has something, with its titles whole,
 * and each fuzzy or long item once with its window. Tried and set aside: FullCalendar 7's
 * multi-month grid forces `dayMaxEventRows` on, so its cells hold about two bars and the summer
 * (six working groups at once) became "+5 more" pills even at two months across, and under
 * 60 px a day (three months across, or any phone) only pills; its `dayGridYear` shows every
 * title but is 8,000 px tall at 1280 px. The Gantt is the place for the year as bars.
 *
 * Accessibility: FullCalendar 7's markup has a few defects that axe's default rules report; a
 * small pass after each render fixes them (see `repairA11y`).
 */
import { Calendar, type CalendarOptions as FcOptions, type EventInput } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import listPlugin from 'fullcalendar/list';
import classicTheme from 'fullcalendar/themes/classic';
import timeGridPlugin from 'fullcalendar/timegrid';
import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import type { CalendarEntry, CalendarView } from '#lib/domain/calendar.ts';
import { listEntries, weekHours } from '#lib/domain/calendar-views.ts';

export const FC_VIEW: Record<CalendarView, string> = {
	month: 'dayGridMonth',
	year: 'listYear',
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
	/** The viewer's working day ('HH:MM'): the week's time grid shows it (see `weekHours`). */
	workHours: { start: string; end: string };
	/** The details card shown on hover and focus (an element outside FullCalendar's tree). */
	tip: HTMLElement;
	/** Called after every navigation, with the view and the first day of its current range. */
	onNavigate: (view: CalendarView, date: string) => void;
};

export function toEventInput(e: CalendarEntry): EventInput {
	const tentative = e.tentative ? `≈ ` : '';
	const deadline = e.kind === 'deadline' ? '⚑ ' : '';
	// Listed once for a whole window: the window is part of what the line says.
	const window = e.once ? ` · ${e.bounds}` : '';
	return {
		id: e.id,
		// Plain strings only: a Date object would pin an all-day item to one zone's midnight.
		start: e.start,
		end: e.end,
		allDay: e.allDay,
		title: e.tentative
			? `${deadline}${tentative}${e.title} (“${e.wording}”)${window}`
			: `${deadline}${e.title}${window}`,
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
		extendedProps: { entry: e }
	};
}

/**
 * Fixes FullCalendar 7's markup where axe's default rules fault it. Attributes only: Preact
 * re-applies a prop only when its own value changes, and the observer runs this again then.
 * - Column headers hide their visible text ("Mon 18") with aria-hidden, and the week grid's
 *   corner row header is empty: empty-table-header.
 * - Day cells are named "29 January 2024" but contain the titles of the bars that start there:
 *   label-content-name-mismatch. Named by their content instead (the day number and the bars);
 *   the month's heading and the column headers say which day it is.
 * - List views give links role="listitem" (aria-allowed-role): the list becomes a plain group of
 *   links, which is what a screen reader needs to move through them.
 * - The "+2" popover is placed by FullCalendar without regard to the page's edge: kept inside.
 */
export function repairA11y(root: HTMLElement): void {
	for (const hidden of root.querySelectorAll('[role="columnheader"] [aria-hidden="true"]')) {
		hidden.removeAttribute('aria-hidden');
	}
	// The week grid's corner ("Timed") is an empty row header; it names nothing a reader needs.
	for (const corner of root.querySelectorAll<HTMLElement>('[role="rowheader"]')) {
		if (!corner.textContent.trim()) corner.setAttribute('aria-hidden', 'true');
	}
	for (const cell of root.querySelectorAll('[role="gridcell"][aria-label]')) {
		cell.removeAttribute('aria-label');
		for (const n of cell.querySelectorAll(':scope > div > [aria-hidden="true"]')) {
			n.removeAttribute('aria-hidden');
		}
	}
	for (const item of root.querySelectorAll('a[role="listitem"]')) {
		item.removeAttribute('role');
		const list = item.parentElement;
		if (list?.getAttribute('role') === 'list') list.setAttribute('role', 'group');
	}
	for (const pop of root.querySelectorAll<HTMLElement>('[role="dialog"]')) {
		const box = pop.getBoundingClientRect();
		const frame = root.getBoundingClientRect();
		const over = box.right - Math.min(frame.right, document.documentElement.clientWidth - 4);
		const under = Math.max(frame.left, 4) - box.left;
		if (over > 0.5 || under > 0.5) {
			const left = parseFloat(pop.style.left || '0') + (under > 0.5 ? under : -over);
			pop.style.left = `${Math.round(left)}px`;
		}
	}
}

/** Writes the details of an entry into the card and places it by `target`, inside the window. */
function showTip(tip: HTMLElement, e: CalendarEntry, target: HTMLElement, timeText: string) {
	const lines: [string, string][] = [
		['strong', e.title],
		['span', e.kindLabel],
		['em', e.wording],
		...(e.bounds !== e.wording ? [['span', e.bounds] as [string, string]] : []),
		...(timeText ? [['span', timeText] as [string, string]] : []),
		...(e.tentative
			? [['span', 'Date not fixed: somewhere in this window'] as [string, string]]
			: [])
	];
	tip.replaceChildren(
		...lines.map(([tag, text]) => {
			const n = document.createElement(tag);
			n.textContent = text;
			return n;
		})
	);
	tip.hidden = false;
	const box = target.getBoundingClientRect();
	const w = tip.offsetWidth;
	const h = tip.offsetHeight;
	const vw = document.documentElement.clientWidth;
	const vh = document.documentElement.clientHeight;
	const left = Math.min(Math.max(box.left, 8), Math.max(8, vw - w - 8));
	const below = box.bottom + 6;
	const top = below + h <= vh - 8 ? below : Math.max(8, box.top - h - 6);
	tip.style.left = `${Math.round(left)}px`;
	tip.style.top = `${Math.round(top)}px`;
}

export type MountedCalendar = {
	update(next: Pick<CalendarOptions, 'entries' | 'zone'>): void;
	show(view: CalendarView, date: string): void;
	destroy(): void;
};

/** The widget's settings that are the same for every plan and viewer. */
const FIXED_OPTIONS: FcOptions = {
	plugins: [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin],
	firstDay: 1,
	headingLevel: 2,
	headerToolbar: {
		start: 'prev,next today',
		center: 'title',
		end: 'dayGridMonth,listYear,timeGridWeek,listMonth'
	},
	buttons: {
		// The hint is the button's accessible name: it must start with the visible word.
		today: { text: 'Today', hint: () => 'Today' },
		dayGridMonth: { text: 'Month' },
		listYear: { text: 'Year' },
		timeGridWeek: { text: 'Week' },
		listMonth: { text: 'List' }
	},
	height: 'auto',
	dayMaxEvents: false,
	views: {
		timeGridWeek: {
			// FullCalendar drops the date from narrow day headers; a phone's week needs it.
			dayHeaderContent: (arg) => `${arg.weekdayText} ${arg.dayNumberText}`
		}
	},
	eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
	slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false }
};

/**
 * Keeps the calendar's events in step with its view: grid views show every entry across its
 * days; list views show a fuzzy one once. Reloads only when what the view needs changed.
 */
function eventLoader(opts: Pick<CalendarOptions, 'entries' | 'workHours'>) {
	let entries = opts.entries;
	/** Which events the calendar holds: 'grid', or the range a list view shows. */
	let holding = '';
	let hoursShown = '00:00:00/24:00:00';
	return {
		setEntries(next: CalendarEntry[]) {
			entries = next;
		},
		load(api: Calendar, force = false) {
			const view = api.view;
			const isList = view.type.startsWith('list');
			const first = api.formatIso(view.activeStart, true);
			const end = api.formatIso(view.activeEnd, true);
			const want = isList || view.type === 'timeGridWeek' ? `${view.type}:${first}/${end}` : 'grid';
			if (want === holding && !force) return;
			holding = want;
			// A week shows the working day, widened to its timed items: no 00:00 start, no cut call.
			const hours =
				view.type === 'timeGridWeek'
					? weekHours(entries, String(api.getOption('timeZone')), first, end, opts.workHours)
					: { slotMinTime: '00:00:00', slotMaxTime: '24:00:00' };
			api.batchRendering(() => {
				const key = `${hours.slotMinTime}/${hours.slotMaxTime}`;
				if (key !== hoursShown) {
					hoursShown = key;
					api.setOption('slotMinTime', hours.slotMinTime);
					api.setOption('slotMaxTime', hours.slotMaxTime);
				}
				api.removeAllEventSources();
				api.addEventSource((isList ? listEntries(entries, first, end) : entries).map(toEventInput));
			});
		}
	};
}

/** The details card: shown on an event's hover and focus, hidden on leave and blur. */
function tipHandlers(tip: HTMLElement) {
	const hide = () => {
		tip.hidden = true;
	};
	const didMount: FcOptions['eventDidMount'] = (info) => {
		const entry = info.event.extendedProps.entry as CalendarEntry | undefined;
		const target = info.el;
		if (!entry) return;
		target.setAttribute('aria-describedby', tip.id);
		const open = () => showTip(tip, entry, target, info.timeText);
		target.addEventListener('mouseenter', open);
		target.addEventListener('focus', open);
		target.addEventListener('mouseleave', hide);
		target.addEventListener('blur', hide);
	};
	return { hide, didMount };
}

/** Repairs the markup now and after each change FullCalendar makes (once a frame); returns the stop. */
function keepRepaired(el: HTMLElement): () => void {
	repairA11y(el);
	let queued = false;
	const observer = new MutationObserver(() => {
		if (queued) return;
		queued = true;
		requestAnimationFrame(() => {
			queued = false;
			repairA11y(el);
		});
	});
	observer.observe(el, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['aria-label', 'aria-hidden', 'role', 'style']
	});
	return () => observer.disconnect();
}

export function mountCalendar(el: HTMLElement, opts: CalendarOptions): MountedCalendar {
	let calendar: Calendar | null = null;
	const events = eventLoader(opts);
	const tip = tipHandlers(opts.tip);
	calendar = new Calendar(el, {
		...FIXED_OPTIONS,
		timeZone: opts.zone,
		initialView: FC_VIEW[opts.view],
		initialDate: opts.date,
		locale: opts.locale,
		events: opts.entries.map(toEventInput),
		eventDidMount: tip.didMount,
		eventWillUnmount: tip.hide,
		datesSet: (info) => {
			tip.hide();
			if (!calendar) return;
			events.load(calendar);
			const view = FROM_FC.get(info.view.type) ?? 'month';
			opts.onNavigate(view, calendar.formatIso(info.view.currentStart, true));
		}
	});
	calendar.render();
	const api = calendar;
	events.load(api);
	const stopRepairing = keepRepaired(el);
	const onKey = (e: KeyboardEvent) => {
		if (e.key === 'Escape') tip.hide();
	};
	document.addEventListener('keydown', onKey);
	return {
		update(next) {
			events.setEntries(next.entries);
			api.batchRendering(() => {
				if (api.getOption('timeZone') !== next.zone) api.setOption('timeZone', next.zone);
				events.load(api, true);
			});
		},
		show(view, date) {
			api.changeView(FC_VIEW[view], date);
		},
		destroy() {
			calendar = null;
			stopRepairing();
			document.removeEventListener('keydown', onKey);
			api.destroy();
		}
	};
}
