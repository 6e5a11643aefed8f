#!/usr/bin/env python3
"""Fails when the web build's first load grows past its budget.

    scripts/size-budget.py WEB_ROOT

The first load is what a phone downloads on its first visit: index.html, the service worker,
and every .wasm, .js and .css file under assets/ (the build is not split, so the app fetches
all of them; `make bench` measures the same set from the browser's side). Each file is
gzipped at level 9, as a gzip-serving host would send it.

The budget sits a little above the current size, so that growth is a decision, not an
accident: when a change needs more, raise FIRST_LOAD_BUDGET_KB here in the same commit and
say why. Issue #7's goal is 250 KB; the README's performance section explains the gap.
"""

import gzip
import pathlib
import sys

# Measured 2026-11-24: 442 KiB (wasm 424, JS 11, CSS 4, HTML 2, sw.js 1). KB here = KiB,
# as in `make bench`.
# 2026-11-26: 472 KiB, raised to 485. What grew (wasm 1.06 -> 1.14 MB raw, measured commit by
# commit with the same toolchain): issue 14's clinical safety (one sign table with combination
# rules, the result band's fallback, the reordered EMS card with split steps, source links
# and the Sources screen, the overdose watch: +38 KB raw) and issue 15's data safety (typed
# checks of every imported list item and setting, restore points and Undo import, list forms
# with Add/Remove, two-tab revisions: +46 KB raw). A serde duplicate found on the way (restore
# points read by a second reader type) was removed (-96 KB raw) before this was set.
# 2026-11-26 (later): 454 KiB, budget back to issue 15's 455. What came off (measured build by
# build, size report of that session): chrono's strftime formatting and parsing replaced by
# hand-written code with the same output (-11), one small stable sort for the app's short
# lists instead of std's per-type driftsort (-10), saved dates read without chrono's general
# parser (-5), one JSON reader (-1.6), wasm-opt -O1 --low-memory-unused instead of -Oz (-3.6:
# -Oz gives the smallest raw file but the largest gzip), two map types fewer (-2). This
# session's own features (folded child form, plan and care-team lists, weekday flex) added ~5.
# 2026-11-26 (seventh session): 437 KiB, budget lowered to 445 (room for issue 16's Home gauge
# and booked-visit loop, still a decision beyond that). What came off, measured build by build
# by a helper (size report of that session): the unsaved-changes dialog's Escape as a plain
# onkeydown attribute instead of a dioxus keyboard handler, which linked dioxus-web's key and
# code name tables (-9.0); the symptom checker's selection a sorted Vec, not one more BTreeSet
# type (-1.7); the kept draft and the instant-card header read through serde_json::Value like
# every other saved file, one JSON reader (-2.1); the web release's stylesheet linked by
# index.html only (build-web.sh), not a second time by the app (-7.1). Earlier in the session:
# the Settings editor moved onto the form renderer (-4), field problems in a list (-3).
# 2026-11-26 (eighth session): 481.8 KiB, raised to 483 for issue 17 (sharing a card with the care
# circle: four screens, the share/open tasks, the preview of changes, the kept copies, the
# clinic-check date and the review period). Measured function by function against the build
# before it (a helper's twiggy comparison): no duplicated monomorphization; the new screens
# and their handlers (+36 KB raw), their sentences and share.js as a string (+24 KB raw), the
# serde derives of the new types (+7 KB raw); one second JSON reader found on the way (share.js's
# answer read straight from text) was removed (-3.2 KiB gzip) before this was set. The cipher
# and the compressor are the browser's (Web Crypto, CompressionStream), not in the wasm.
# 2026-12-07 (ninth session): 495 KiB, raised to 497 for issue 24 (clinical safety, second
# pass): the result band's notes (right away, two-tone alarm, call-not-drive, PRN caution,
# while-you-wait list) and the facts the checker starts with, the card written for screen,
# paper and the pre-app snapshot, reminders worded by stage, the 2x-change confirmation in both
# forms, the emergency-number and weight warnings, SynchroMed III and the MRI lines, and their
# sentences. Not measured function by function this session (one generic `impl Into<CardView>`
# copy of the card's builder was found and made a thin wrapper before this was set); issue 29
# asks for the first load below 450 KiB, and that cut is still to do.
FIRST_LOAD_BUDGET_KB = 497


def first_load_files(root: pathlib.Path) -> list[pathlib.Path]:
    files = [root / "index.html", root / "sw.js"]
    for pattern in ("*.wasm", "*.js", "*.css"):
        files.extend(sorted((root / "assets").glob(pattern)))
    return files


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: size-budget.py WEB_ROOT", file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    files = first_load_files(root)
    missing = [str(f) for f in files if not f.is_file()]
    if missing or not any(f.suffix == ".wasm" for f in files):
        print(f"size-budget: not a web build at {root} (missing: {missing or 'a .wasm file'})", file=sys.stderr)
        return 1
    total = 0
    for f in files:
        size = len(gzip.compress(f.read_bytes(), compresslevel=9, mtime=0))
        total += size
        print(f"  {f.relative_to(root)}: {size / 1024:.1f} KB gzip")
    kb = total / 1024
    if kb > FIRST_LOAD_BUDGET_KB:
        print(
            f"size-budget: first load is {kb:.0f} KB gzip, over the {FIRST_LOAD_BUDGET_KB} KB budget "
            "(see scripts/size-budget.py for what to do)",
            file=sys.stderr,
        )
        return 1
    print(f"size-budget: first load {kb:.0f} KB gzip, budget {FIRST_LOAD_BUDGET_KB} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
