#!/usr/bin/python3
"""Checks iCalendar files with three independent parsers and prints one JSON report.

For each file: python3-icalendar parses it (and every property decodes), python3-vobject parses
it and validates it, and libical (through GObject introspection, ICalGLib 3.0) parses it and runs
its RFC 5545 restriction check. libical reports problems as X-LIC-ERROR properties; every one is
a problem. Usage: check_ics.py FILE...
"""
import json
import sys

import icalendar
import vobject
import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def check_icalendar(text):
    problems = []
    cal = icalendar.Calendar.from_ical(text)
    for comp in cal.walk():
        for name, value in comp.property_items(recursive=False):
            try:
                if name == "CATEGORIES":
                    # icalendar 4.0 cannot decode() a vCategory (it asserts); read its list.
                    cats = value if isinstance(value, list) else [value]
                    [str(t) for c in cats for t in c.cats]
                elif name not in ("BEGIN", "END"):
                    comp.decoded(name)
            except Exception as e:  # a property icalendar cannot decode
                problems.append(f"icalendar: {name}: {e}")
        if getattr(comp, "errors", None):
            problems.extend(f"icalendar: {comp.name}: {e}" for e in comp.errors)
    return problems, len(cal.walk("VEVENT"))


def check_vobject(text):
    cal = vobject.readOne(text, validate=True)
    cal.validate(raiseException=True, complainUnrecognized=False)
    return [], len(list(cal.components()))


def lic_errors(comp):
    found = []
    prop = comp.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(f"libical: {comp.get_component_name()}: {prop.get_xlicerror()}")
        prop = comp.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = comp.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        found.extend(lic_errors(child))
        child = comp.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return found


def check_libical(text):
    comp = ICalGLib.Component.new_from_string(text)
    if comp is None:
        return ["libical: could not parse"], 0
    parse_errors = lic_errors(comp)
    comp.check_restrictions()
    problems = lic_errors(comp)
    n = comp.count_components(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return sorted(set(parse_errors) | set(problems)), n


def main(paths):
    report = {}
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        entry = {}
        for name, check in (("icalendar", check_icalendar), ("vobject", check_vobject), ("libical", check_libical)):
            try:
                problems, events = check(text if name != "icalendar" else raw)
            except Exception as e:
                problems, events = [f"{name}: {type(e).__name__}: {e}"], -1
            entry[name] = {"problems": problems, "events": events}
        report[path] = entry
    json.dump(report, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
