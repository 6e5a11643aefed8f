"""Parses an exported calendar with the real `icalendar` parser and checks it against the
expectations the Rust test wrote beside it (JSON): events, dates, alarms, stable UIDs."""
import json
import sys
from datetime import date, timedelta

import icalendar


def main(ics_path: str, expect_path: str) -> int:
    with open(ics_path, "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)
    expect = json.load(open(expect_path))
    errors = []
    if str(cal.get("VERSION")) != "2.0":
        errors.append("VERSION is not 2.0")
    if not str(cal.get("PRODID", "")).startswith("-//ITB Companion"):
        errors.append("PRODID missing")
    events = {str(e.get("UID")): e for e in cal.walk("VEVENT")}
    if len(events) != len(expect["events"]):
        errors.append(f"expected {len(expect['events'])} events, parsed {len(events)}: {sorted(events)}")
    for want in expect["events"]:
        ev = events.get(want["uid"])
        if ev is None:
            errors.append(f"no event {want['uid']}")
            continue
        start = ev.decoded("DTSTART")
        if not isinstance(start, date) or start.isoformat() != want["date"]:
            errors.append(f"{want['uid']}: DTSTART {start!r} != {want['date']}")
        if ev.decoded("DTEND") - start != timedelta(days=1):
            errors.append(f"{want['uid']}: not a one-day all-day event")
        if want["summary"] != str(ev.get("SUMMARY")):
            errors.append(f"{want['uid']}: SUMMARY {ev.get('SUMMARY')!r}")
        alarms = [a for a in ev.walk("VALARM")]
        triggers = sorted(a.decoded("TRIGGER") for a in alarms)
        # Each alarm fires at 09:00 on the day N days before the event.
        fire_dates = sorted(
            ((date.fromisoformat(want["date"]) - date.min).days * 86400 + int(t.total_seconds())) for t in triggers
        )
        got_days = sorted({round((date.fromisoformat(want["date"]) - date.min).days - s / 86400) for s in fire_dates}, reverse=True)
        if sorted(got_days) != sorted(want["alarm_days_before"]):
            errors.append(f"{want['uid']}: alarms {got_days} != {want['alarm_days_before']} (triggers {triggers})")
        for a in alarms:
            if str(a.get("ACTION")) != "DISPLAY":
                errors.append(f"{want['uid']}: alarm ACTION {a.get('ACTION')}")
            if int(a.decoded("TRIGGER").total_seconds()) % 86400 != 9 * 3600:
                errors.append(f"{want['uid']}: alarm not at 09:00")
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            errors.append(f"line longer than 75 octets: {line[:40]!r}")
    if errors:
        print("ICS CHECK FAILED:\n  " + "\n  ".join(errors))
        return 1
    print(f"ics ok: {len(events)} events parsed by icalendar {icalendar.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
