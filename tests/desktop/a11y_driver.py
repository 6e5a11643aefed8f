#!/usr/bin/python3
"""Drives the ITB Companion desktop window through the accessibility tree (AT-SPI), the way a
screen-reader user or a switch user would reach it: every control is found by its role and its
accessible name (the visible label), links and buttons are activated through their action,
text is typed with real key presses (xdotool) into the focused field.

Used by tests/desktop/persist_restart.sh inside a D-Bus session with the AT-SPI bus running.

    a11y_driver.py enter              add Maya's card through both forms and save
    a11y_driver.py verify             after a restart: the card is shown
    a11y_driver.py check-file PATH    the saved family.json holds the card
    a11y_driver.py share              share Maya's card; print {"link": ..., "code": ...} as JSON
    a11y_driver.py open-link LINK CODE  paste a card link, enter its code, keep the copy
    a11y_driver.py dump               print the accessibility tree (for debugging)

Needs Debian's python3-gi and gir1.2-atspi-2.0 (run with /usr/bin/python3), xdotool, and
DISPLAY pointing at the app's X server. Exits non-zero with a message on the first failure.
"""

import datetime
import json
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

APP_NAME = "itb-companion"
OBJ = "\ufffc"  # AT-SPI's placeholder for an embedded child in a parent's text

TODAY = datetime.date.today()
LAST_REFILL = (TODAY - datetime.timedelta(days=21)).isoformat()

# What the test types. Dates are YYYY-MM-DD; True ticks a checkbox.
CHILD = [
    ("Child's name (required)", "Maya Rivera"),
    ("Date of birth (required)", "2016-04-02"),
    ("Weight in kg", "24.5"),
    ("Medical ID bracelet or card", "MedicAlert 12345"),
    ("Non-verbal", True),
    ("Drug allergies", "Penicillin"),
    ("Contact 1 (parent or guardian) name", "Ana Rivera"),
    ("Contact 1 relation", "Mother"),
    ("Contact 1 phone", "+1 555 010 1000"),
    ("Pump clinic or managing physician", "Riverside Pump Clinic"),
    ("Pump clinic phone", "+1 555 010 2000"),
    ("Your child's own signs of overdose: call the pump clinic", "Very sleepy"),
]
PUMP = [
    # Nothing is chosen for the family: the model and the site start at "Choose…" (issue 14).
    ("Pump model (required)", {"choose": "Medtronic SynchroMed II 8637-20 (20 mL)"}),
    ("Pump site (required)", {"choose": "Abdomen, left side"}),
    ("Serial number", "NGP123456H"),
    ("Implant date", "2021-06-15"),
    ("Reservoir volume in mL", "20"),
    ("Low-reservoir alarm volume in mL", "2"),
    ("Concentration in mcg/mL (required)", "500"),
    ("Daily dose in mcg/day (required)", "250"),
    ("Last refill date", LAST_REFILL),
    ("Volume filled in mL", "18"),
]
def long_date(iso):
    """The app's one date format, "Sun 3 Jan 2027" (core::dates::long_date)."""
    d = datetime.date.fromisoformat(iso)
    day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()]
    month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.month - 1]
    return f"{day} {d.day} {month} {d.year}"


# Text the card must show after the restart.
SHOWN = [
    "Maya Rivera",
    long_date("2016-04-02"),
    "24.5 kg",
    "MedicAlert 12345",
    "Non-verbal",
    "Penicillin",
    "Ana Rivera (Mother)",
    "+1 555 010 1000",
    "Riverside Pump Clinic",
    "+1 555 010 2000",
    "Very sleepy",
    "Medtronic SynchroMed II 8637-20",
    "NGP123456H",
    "Abdomen, left side",
    long_date("2021-06-15"),
    "20 mL",
    "2 mL",
    "500 mcg/mL",
    "250 mcg/day",
    f"{long_date(LAST_REFILL)}, 18 mL filled",
]


def log(msg):
    print(f"a11y: {msg}", flush=True)


def fail(msg):
    print(f"a11y: FAIL: {msg}", flush=True)
    sys.exit(1)


# ---------------------------------------------------------------- the tree


def app_root():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == APP_NAME:
            return app
    return None


def role(node):
    try:
        return node.get_role_name()
    except Exception:
        return ""


def name(node):
    try:
        return node.get_name() or ""
    except Exception:
        return ""


def children(node):
    try:
        count = node.get_child_count()
    except Exception:
        return []
    out = []
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            child = None
        if child is not None:
            out.append(child)
    return out


def walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def text_of(node):
    try:
        return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    except Exception:
        return None


def find(scope, want_role, want_name):
    for n in walk(scope):
        if role(n) == want_role and name(n) == want_name:
            return n
    return None


def wait_for(want_role, want_name, timeout=30, scope=None):
    end = time.time() + timeout
    while time.time() < end:
        root = scope or app_root()
        if root is not None:
            n = find(root, want_role, want_name)
            if n is not None:
                return n
        time.sleep(0.25)
    fail(f"no [{want_role}] named {want_name!r} after {timeout}s")


def all_text(scope):
    parts = []
    for n in walk(scope):
        t = text_of(n)
        if t:
            parts.append(t.replace(OBJ, " "))
    return "\n".join(parts)


def is_checked(node):
    return node.get_state_set().contains(Atspi.StateType.CHECKED)


# ---------------------------------------------------------------- acting


def activate(node, what):
    if not Atspi.Action.do_action(node, 0):
        fail(f"could not activate {what}")


def settle(node, expected, timeout=5.0, quiet=0.25):
    """Waits until the field has shown `expected` for `quiet` seconds without a change: the
    app re-renders each field after every key, and a late re-render can still undo a key."""
    end = time.time() + timeout
    since = None
    while time.time() < end:
        if text_of(node) == expected:
            since = since or time.time()
            if time.time() - since >= quiet:
                return True
        else:
            since = None
        time.sleep(0.03)
    return False


def key_type(text, delay_ms=0):
    subprocess.run(["xdotool", "type", "--delay", str(delay_ms), "--", text], check=True)


def focus(node, what):
    if not Atspi.Component.grab_focus(node):
        fail(f"could not focus {what}")
    time.sleep(0.15)


# Quiet time (s) after each key before the next, by attempt; None: all keys as one burst.
# Text fields: a burst loses keys (measured), so always key by key.
KEY_PAUSES = (0.15, 0.4, 0.8, 1.5)
# Date parts: 2-4 digits; a re-render between two digits restarts the part, so a burst is
# worth one of the tries.
DIGIT_PAUSES = (0.12, None, 0.6, 1.5)


def type_text(form, label, value):
    """Types `value` into the text field `label` with real key presses and checks the field
    shows exactly that once the app has settled. The app re-renders the field after every key
    and a late re-render can undo keys typed meanwhile (see the fast-typing note printed by
    `enter`), so each key waits until the field shows it unchanged for a while, and a lost key
    is retried (field cleared first) with longer and longer pauses."""
    entry = wait_for("entry", label, scope=form)
    for attempt, pause in enumerate(KEY_PAUSES):
        focus(entry, label)
        if text_of(entry):
            subprocess.run(["xdotool", "key", "ctrl+a", "BackSpace"], check=True)
            settle(entry, "", quiet=pause)
        for i, ch in enumerate(value):
            key_type(ch)
            if not settle(entry, value[: i + 1], quiet=pause):
                break
        if settle(entry, value, quiet=0.5):
            log(f"typed {label!r} = {value!r}" + (f" (attempt {attempt + 1})" if attempt else ""))
            return
        log(f"retrying {label!r}: a key was lost (field shows {text_of(entry)!r})")
    fail(f"{label!r}: typed {value!r} {len(KEY_PAUSES)} times, the field shows {text_of(entry)!r}")


def date_part(form, label, part):
    """The current text of one part (month, day, year) of a date field, found afresh: the
    field's inner parts are rebuilt when the app re-renders it."""
    entry = find(form, "entry", label)
    spin = find(entry, "spin button", part) if entry is not None else None
    return spin, (text_of(spin) if spin is not None else None)


def wait_part_stable(form, label, part, timeout=3.0):
    """Waits until a date part's text stops changing (three equal reads 80 ms apart)."""
    end = time.time() + timeout
    last, same = object(), 0
    while time.time() < end:
        time.sleep(0.08)
        now = date_part(form, label, part)[1]
        same = same + 1 if now == last else 0
        last = now
        if same >= 2:
            break
    return last


def type_date(form, label, value):
    """A date input is three spin buttons (month, day, year): type each part's digits (tries
    in DIGIT_PAUSES), then check the whole date once the app has settled."""
    wait_for("entry", label, scope=form)
    year, month, day = value.split("-")
    parts = (("month", month), ("day", day), ("year", year))
    shown = None
    for attempt, pause in enumerate(DIGIT_PAUSES):
        for part, digits in parts:
            spin, _ = date_part(form, label, part)
            if spin is None:
                fail(f"{label!r}: no {part} part")
            focus(spin, f"{label} / {part}")
            if pause is None:
                key_type(digits)
            else:
                for digit in digits:
                    key_type(digit)
                    time.sleep(pause)
            wait_part_stable(form, label, part)
        time.sleep(0.3)
        shown = [wait_part_stable(form, label, part) for part, _ in parts]
        if shown == [digits for _, digits in parts]:
            log(f"typed {label!r} = {value}" + (f" (attempt {attempt + 1})" if attempt else ""))
            return
        log(f"retrying {label!r}: typed {value}, the field shows month/day/year {shown}")
    fail(f"{label!r}: typed {value}, the field shows month/day/year {shown}")


def tick(form, label):
    box = wait_for("check box", label, scope=form)
    if not is_checked(box):
        activate(box, label)
    end = time.time() + 5
    while time.time() < end and not is_checked(box):
        time.sleep(0.1)
    if not is_checked(box):
        fail(f"{label!r} did not become ticked")
    log(f"ticked {label!r}")


def choose(form, label, option):
    combo = wait_for("combo box", label, scope=form)
    item = wait_for("menu item", option, scope=combo)
    activate(item, f"{label} / {option}")
    end = time.time() + 5
    while time.time() < end:
        if item.get_state_set().contains(Atspi.StateType.SELECTED):
            break
        time.sleep(0.1)
    else:
        fail(f"{label!r}: option {option!r} did not become selected")
    log(f"chose {label!r} = {option!r}")


# The child form folds every section after the first (issue 15.7); a parent opens one at a
# time with the button named by its title.
FOLDED_SECTIONS = [
    "Baseline (how your child usually is)",
    "Allergies",
    "Current medicines",
    "Emergency (PRN) medicines",
    "Guardians and emergency contacts",
    "Doctors and hospital",
    "Care instructions",
]


def open_sections(form, titles):
    """Opens each folded section by its button, as a parent would, and waits until the
    button says it is expanded."""
    for title in titles:
        button = wait_for("push button", title, scope=form)
        if button.get_state_set().contains(Atspi.StateType.EXPANDED):
            continue
        expandable = button.get_state_set().contains(Atspi.StateType.EXPANDABLE)
        activate(button, title)
        end = time.time() + 5
        while time.time() < end:
            button = find(form, "push button", title)
            states = button.get_state_set() if button is not None else None
            if states is not None and states.contains(Atspi.StateType.EXPANDED):
                break
            time.sleep(0.1)
        else:
            if expandable:
                fail(f"section {title!r} did not open")
            # This WebKit does not map aria-expanded: the fields' own waits tell instead.
            time.sleep(0.5)
        log(f"opened section {title!r}")


def fill(form, fields):
    for label, value in fields:
        if value is True:
            tick(form, label)
        elif isinstance(value, dict):
            choose(form, label, value["choose"])
        elif len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
            type_date(form, label, value)
        else:
            type_text(form, label, value)


def status_text():
    root = app_root()
    for n in walk(root):
        if role(n) == "status bar":
            t = (text_of(n) or "").strip()
            if t:
                return t
    return ""


def wait_status(expected, form=None, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        if status_text() == expected:
            log(f"status: {expected!r}")
            return
        time.sleep(0.25)
    problems = ""
    if form is not None:
        problems = " | ".join(
            (text_of(n) or "").strip()
            for n in walk(form)
            if role(n) in ("alert", "paragraph") and (text_of(n) or "").strip()
        )
    fail(f"status is {status_text()!r}, expected {expected!r}. Form says: {problems}")


def fast_typing_probe(form):
    """Types at two steady speeds (12 ms/key: a machine; 100 ms/key: a fast typist) and
    reports whether keys were lost: a note, not a failure. Then clears the field."""
    label = "Preferred hospital"
    probe = "Riverside Childrens Hospital"
    entry = wait_for("entry", label, scope=form)
    for delay_ms in (12, 100):
        focus(entry, label)
        key_type(probe, delay_ms)
        time.sleep(1.5)
        got = text_of(entry) or ""
        if got == probe:
            log(f"NOTE typing at {delay_ms} ms/key: all {len(probe)} characters kept")
        else:
            log(f"NOTE typing at {delay_ms} ms/key: typed {probe!r}, the field shows {got!r} "
                f"({len(probe) - len(got)} characters lost)")
        for _ in range(3):
            subprocess.run(["xdotool", "key", "ctrl+a", "BackSpace"], check=True)
            if settle(entry, "", quiet=0.5):
                break
        else:
            fail(f"could not clear {label!r} after the probe (shows {text_of(entry)!r})")


# ---------------------------------------------------------------- commands


def enter():
    link = wait_for("link", "Add your first child", timeout=90)
    log("Home shows 'Add your first child'")
    activate(link, "Add your first child")
    form = wait_for("form", "Add a child")
    open_sections(form, FOLDED_SECTIONS)
    fast_typing_probe(form)
    fill(form, CHILD)
    activate(wait_for("push button", "Save", scope=form), "Save")
    wait_status("Maya Rivera's details saved. Now the pump and drug.", form)

    form = wait_for("form", "Pump and drug for Maya Rivera")
    fill(form, PUMP)
    activate(wait_for("push button", "Save", scope=form), "Save")
    wait_status("Maya Rivera's card saved.", form)
    wait_for("heading", "Maya Rivera")
    log("the card summary is shown")


def verify():
    root = None
    end = time.time() + 90
    while time.time() < end:
        root = app_root()
        if root is not None and "Maya Rivera" in all_text(root):
            break
        time.sleep(0.5)
    else:
        fail("after the restart the app does not show 'Maya Rivera'")
    log("after the restart the header shows 'Maya Rivera'")
    activate(wait_for("link", "Device card"), "Device card")
    wait_for("heading", "Maya Rivera")
    wait_for("heading", "Pump and drug")
    time.sleep(0.5)
    text = all_text(app_root())
    missing = [s for s in SHOWN if s not in text]
    if missing:
        fail(f"the Device card after the restart lacks: {missing}")
    log(f"the Device card after the restart shows all {len(SHOWN)} expected values")


def check_file(path):
    try:
        with open(path, encoding="utf-8") as f:
            saved = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}")
    children = saved.get("family", {}).get("children", [])
    if len(children) != 1:
        fail(f"{path} holds {len(children)} children, expected 1")
    c = children[0]
    pump = c.get("pump") or {}
    drug = pump.get("drug") or {}
    contacts = c.get("contacts") or [{}]
    checks = {
        "name": (c.get("name"), "Maya Rivera"),
        "date_of_birth": (c.get("date_of_birth"), "2016-04-02"),
        "weight_kg": (c.get("weight_kg"), "24.5"),
        "medical_id": (c.get("medical_id"), "MedicAlert 12345"),
        "non_verbal": ((c.get("baseline") or {}).get("non_verbal"), True),
        "contact 1 name": (contacts[0].get("name"), "Ana Rivera"),
        "contact 1 phone": (contacts[0].get("phone"), "+1 555 010 1000"),
        "pump clinic": ((c.get("providers") or {}).get("pump_clinic", {}).get("name"), "Riverside Pump Clinic"),
        "preferred hospital (probe cleared)": (c.get("preferred_hospital"), ""),
        "overdose signs": (c.get("overdose_signs"), ["Very sleepy"]),
        "pump site": ("abdomen_left" in json.dumps(pump.get("site")), True),
        "implant date": (pump.get("implant_date"), "2021-06-15"),
        "reservoir": (pump.get("reservoir_ml"), "20"),
        "alarm volume": (pump.get("alarm_volume_ml"), "2"),
        "concentration": (drug.get("concentration_mcg_per_ml"), "500"),
        "daily dose": (drug.get("daily_dose_mcg_per_day"), "250"),
        "last refill": (pump.get("last_refill"), {"date": LAST_REFILL, "volume_ml": "18"}),
    }
    wrong = [f"{k}: {got!r} != {want!r}" for k, (got, want) in checks.items() if got != want]
    if wrong:
        fail(f"{path}: " + "; ".join(wrong))
    log(f"{path} holds the card ({len(checks)} fields checked)")


def find_named(scope, want_name):
    for n in walk(scope):
        if name(n) == want_name:
            return n
    return None


def wait_text(expected, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        root = app_root()
        if root is not None and expected in all_text(root):
            return
        time.sleep(0.25)
    fail(f"the window never showed {expected!r}")


def share():
    """Issue 17.5: the desktop app makes the same link as the web app, to its public address."""
    activate(wait_for("link", "Device card", timeout=90), "Device card")
    activate(wait_for("link", "Share with a caregiver"), "Share with a caregiver")
    wait_for("heading", "Share Maya's card")
    root = app_root()
    type_text(root, "Your name (the caregiver sees who shared the card)", "Ana")
    activate(wait_for("push button", "Make the link"), "Make the link")
    wait_for("heading", "The link to Maya's card", timeout=60)
    root = app_root()
    code_node = find_named(root, "The code")
    code = (text_of(code_node) or "").strip() if code_node is not None else ""
    link = (text_of(wait_for("entry", "The link", scope=root)) or "").strip()
    if len(code) != 11 or not link:
        fail(f"no code or link shown (code {code!r}, link {link[:60]!r})")
    log(f"made a link of {len(link)} characters, code {code}")
    print(json.dumps({"link": link, "code": code}), flush=True)


def open_link(link, code):
    """Issue 17.5: a link pasted into the desktop app opens with its code and is kept."""
    activate(wait_for("link", "Home", timeout=90), "Home")
    activate(wait_for("link", "Open a card link someone sent you"), "Open a card link")
    wait_for("heading", "Open a card link")
    entry = wait_for("entry", "The link")
    focus(entry, "The link")
    key_type(link, 1)
    if not settle(entry, link, timeout=30, quiet=0.5):
        fail(f"the pasted link shows {len(text_of(entry) or '')} of {len(link)} characters")
    activate(wait_for("push button", "Open the link"), "Open the link")
    type_text(app_root(), "The code you were given", code)
    activate(wait_for("push button", "Open the card"), "Open the card")
    wait_for("heading", "Keep this card?", timeout=60)
    activate(wait_for("push button", "Keep on this device"), "Keep on this device")
    wait_text("Shared today. Read-only: only Ana can change it.")
    log("the pasted link opened with its code and the copy is kept")


def dump():
    root = app_root()
    if root is None:
        fail("the app is not on the accessibility bus")

    def show(node, depth):
        t = text_of(node)
        extra = f" text={t[:60]!r}" if t else ""
        print("  " * depth + f"[{role(node)}] {name(node)!r}{extra}")
        for c in children(node):
            show(c, depth + 1)

    show(root, 0)


def main():
    if len(sys.argv) < 2:
        fail(__doc__)
    cmd = sys.argv[1]
    if cmd == "enter":
        enter()
    elif cmd == "verify":
        verify()
    elif cmd == "check-file" and len(sys.argv) == 3:
        check_file(sys.argv[2])
    elif cmd == "share":
        share()
    elif cmd == "open-link" and len(sys.argv) == 4:
        open_link(sys.argv[2], sys.argv[3])
    elif cmd == "dump":
        dump()
    else:
        fail(f"unknown command {sys.argv[1:]}")


if __name__ == "__main__":
    main()
