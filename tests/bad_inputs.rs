//! Bad-input table (issue #8, part 5): every field of every device-card form (the `FieldSpec`
//! lists of the Child, Pump and Refill forms, so a new field is covered without editing this
//! file), tried with each input of `BAD_INPUTS`, through the app's own save path
//! (`Event::SaveForm` sent on a running app root, with the store behind it).
//!
//! Each input starts from a complete, valid card and changes one field. It counts in
//! `clear_errors` when it ends in one of these two correct ways:
//!   - **refused with a clear message**: the save is refused; the error is on that very field
//!     (so the form shows it under that field's label), is a sentence (ends with '.'), names the
//!     label when the field is required and empty; the rendered form shows it in the field's
//!     message area with `aria-invalid="true"` and "Nothing was saved"; and nothing changed:
//!     the stored file is byte-for-byte the same and the family on screen is the saved one;
//!   - **stored and shown escaped**: the save succeeds, the stored card holds exactly what was
//!     typed (trimmed; an empty optional field holds its default), and after a restart from the
//!     store the text is on some screen (it appears more often than on the unchanged card),
//!     HTML-escaped: markup never appears raw on any screen or printable.
//!
//! Anything else (a refusal with no message on the field, a generic message, a value stored
//! differently, text not shown or shown unescaped) fails the test and is listed.
//!
//! Prints `bad_inputs=<n> clear_errors=<n>`.

mod common;

use common::ssr_escape;

use std::collections::BTreeMap;
use std::io::Write;
use std::rc::Rc;

use chrono::NaiveDate;
use dioxus::prelude::*;
use itb_companion::app::AppState;
use itb_companion::core::card_form::{
    child_draft, child_from_draft, plan_draft, plan_from_draft, pump_draft, pump_from_draft,
    refill_from_draft, sections, CardForm, Draft, FieldSpec,
};
use itb_companion::core::family::Family;
use itb_companion::core::profile::Child;
use itb_companion::core::storefile::decode;
use itb_companion::core::update::{Event, OpenForm};
use itb_companion::platform::store::{
    FamilyStore, MemorySlots, PersistFamily, Slots, StoreHandle, MAIN,
};
use itb_companion::words::forms::field_problem;

const BAD_INPUTS: [(&str, &str); 11] = [
    ("empty", ""),
    ("too long", "TOO_LONG"),
    ("wrong type", "twelve"),
    ("negative", "-5"),
    ("zero", "0"),
    ("far past", "1800-01-01"),
    ("far future", "2300-01-01"),
    ("emoji", "Maya 🙂👍🏽"),
    ("right-to-left", "שרה לוי مريم"),
    ("script tag", "<script>alert(1)</script>"),
    ("attribute injection", "\"><img src=x onerror=alert(1)>"),
];

/// Every screen and printable that shows saved text.
const ROUTES: [&str; 10] = [
    "/card",
    "/emergency",
    "/print/eif",
    "/print/school",
    "/print/wallet",
    "/plan",
    "/",
    "/symptoms",
    "/alarms",
    "/settings",
];

fn today() -> NaiveDate {
    common::today()
}

fn input_value(raw: &str) -> String {
    if raw == "TOO_LONG" {
        "x".repeat(10_000)
    } else {
        raw.to_string()
    }
}

/// A card with every slot filled (all medicines, contacts, flex steps, "other" model and
/// site), so that changing one field never leaves a half-filled group behind.
fn base_family() -> Family {
    let mut child_d = common::full_child_draft();
    child_d.extend(common::draft(&[
        ("med2_name", "Gabapentin"),
        ("med2_dose", "100 mg"),
        ("med2_schedule", "At night"),
        ("med3_name", "Melatonin"),
        ("med3_dose", "3 mg"),
        ("med3_schedule", "Bedtime"),
        ("prn2_name", "Oral baclofen"),
        ("prn2_dose", "10 mg"),
        ("prn2_when", "As the clinic says"),
        ("contact3_name", "Rosa Rivera"),
        ("contact3_relation", "Aunt"),
        ("contact3_phone", "555 010 5000"),
    ]));
    let (mut child, _) = child_from_draft(&child_d, &Child::default(), today()).unwrap();
    let mut pump_d = common::full_pump_draft();
    pump_d.extend(common::draft(&[
        ("pump_model", "other"),
        ("pump_model_other", "Codman 3000"),
        ("pump_site", "other"),
        ("pump_site_other", "Left flank"),
        ("flex1_start", "00:00"),
        ("flex1_rate", "10.417"),
        ("flex2_start", "06:00"),
        ("flex2_rate", "10.417"),
        ("flex3_start", "12:00"),
        ("flex3_rate", "10.417"),
        ("flex4_start", "18:00"),
        ("flex4_rate", "10.416"),
        ("eri_date", "2029-06-01"),
        ("replacement_date", "2029-09-01"),
    ]));
    let (pump, _) = pump_from_draft(&pump_d, &child, today()).unwrap();
    child.pump = Some(pump);
    // Every slot of the plan form filled, so each typed step stays in its place.
    child.plan_steps = vec![
        "Call the pump clinic".into(),
        "Give the rescue medicine".into(),
        "Call 911 if she is hard to wake".into(),
    ];
    let mut family = Family::default();
    family.save_child(child, Some(today()));
    family
}

/// The refill form as a parent fills it after a visit (opened with today's date).
fn refill_extras() -> [(&'static str, &'static str); 4] {
    [
        ("refill_volume", "18"),
        ("refill_alarm_date", "2026-12-30"),
        ("refill_concentration", "500"),
        ("refill_dose", "250"),
    ]
}

/// Where a form field ends up in the saved card: its id in the child's or the pump's draft.
fn stored_as(form: CardForm, id: &str) -> String {
    match (form, id) {
        (CardForm::Refill, "refill_date") => "last_refill_date",
        (CardForm::Refill, "refill_volume") => "last_refill_volume",
        (CardForm::Refill, "refill_alarm_date") => "printout_alarm_date",
        (CardForm::Refill, "refill_concentration") => "concentration",
        (CardForm::Refill, "refill_dose") => "daily_dose",
        _ => id,
    }
    .to_string()
}

fn saved_draft(form: CardForm, child: &Child) -> Draft {
    match form {
        CardForm::Child => child_draft(child),
        CardForm::Pump | CardForm::Refill => pump_draft(child),
        CardForm::Plan => plan_draft(child),
        CardForm::Settings => unreachable!("this table drives the device-card forms"),
    }
}

struct App {
    dom: VirtualDom,
    store: Rc<FamilyStore<MemorySlots>>,
}

fn start_app(store: Rc<FamilyStore<MemorySlots>>, path: &str) -> App {
    let handle = StoreHandle(store.clone() as Rc<dyn PersistFamily>);
    App {
        dom: common::app_at(handle, path, None),
        store,
    }
}

fn stored_store(family: &Family) -> Rc<FamilyStore<MemorySlots>> {
    let store = Rc::new(FamilyStore::new(MemorySlots::default()));
    store.save(family).unwrap();
    store
}

fn render(app: &mut App) -> String {
    app.dom.render_immediate_to_vec();
    dioxus_ssr::render(&app.dom)
}

/// HTML of every screen for a family, started from the store as the app starts.
struct Screens {
    cache: BTreeMap<&'static str, String>,
    family: Family,
    marker: &'static str,
}

impl Screens {
    fn new(family: Family) -> Self {
        Screens {
            cache: BTreeMap::new(),
            family,
            marker: "",
        }
    }
    fn with_marker(mut self, marker: &'static str) -> Self {
        self.marker = marker;
        self
    }
    fn html(&mut self, route: &'static str) -> &str {
        let family = &self.family;
        self.cache
            .entry(route)
            .or_insert_with(|| render(&mut start_app(stored_store(family), route)))
    }
    /// The route's HTML and the marker typed in this card ("" for none).
    fn get(&mut self, route: &'static str) -> (&str, &'static str) {
        let marker = self.marker;
        (self.html(route), marker)
    }
}

enum Outcome {
    Refused,
    Stored,
}

fn try_input(
    form: CardForm,
    spec: &FieldSpec,
    value: &str,
    base: &Family,
    markers: &mut BTreeMap<String, Option<Screens>>,
) -> Result<Outcome, String> {
    // Each form is shown on its own screen: the plan on the Emergency plan screen.
    let screen = if form == CardForm::Plan {
        "/plan"
    } else {
        "/card"
    };
    let mut app = start_app(stored_store(base), screen);
    let bytes_before = app.store.slots().read(MAIN).unwrap();
    let state = app.dom.in_scope(ScopeId::APP, consume_context::<AppState>);
    let child = base.children[0].clone();
    let saved = app.dom.in_scope(ScopeId::APP, || {
        let mut open = OpenForm::open(form, Some(&child), base, today());
        if form == CardForm::Refill {
            for (k, v) in refill_extras() {
                open.draft.insert(k.into(), v.into());
            }
        }
        open.draft.insert(spec.id.clone(), value.to_string());
        // The form as the family filled it in, then "Save" (`core::update`, on the running app).
        let mut model = state.model;
        model.write().form = Some(open);
        state.send(Event::SaveForm)
    });

    let Some(_confirmation) = saved else {
        // Refused: a clear message on this field, shown in the form, and nothing changed.
        let (open, family) = app.dom.in_scope(ScopeId::APP, || {
            (
                state.model.peek().form.clone(),
                state.model.peek().family.clone(),
            )
        });
        let open = open.ok_or("refused, but the form was closed")?;
        let message = open
            .issues
            .errors
            .get(&spec.id)
            .map(field_problem)
            .ok_or_else(|| {
                format!(
                    "refused with no message on the field: {:?}",
                    open.issues.errors
                )
            })?;
        if message.len() < 10 || !message.ends_with('.') {
            return Err(format!("unclear message {message:?}"));
        }
        if value.trim().is_empty() && spec.required && !message.contains(&spec.label) {
            return Err(format!("the message does not name the field: {message:?}"));
        }
        if &family != base {
            return Err("a refused input changed the family on screen".into());
        }
        if app.store.slots().read(MAIN).unwrap() != bytes_before
            || app.store.slots().exists(&format!("{MAIN}.bak1"))
        {
            return Err("a refused input changed the stored file".into());
        }
        let html = render(&mut app);
        let shown = format!(r#"<p class="field-error">{}</p>"#, ssr_escape(&message));
        let area = html
            .find(&format!(r#"id="f-{}-message""#, spec.id))
            .ok_or("the field's message area is missing")?;
        let area = &html[area..];
        let area = &area[..area.find("</div>").unwrap_or(area.len())];
        if !area.starts_with(&format!(r#"id="f-{}-message">"#, spec.id)) || !area.contains(&shown) {
            return Err(format!(
                "the form does not show {message:?} under the field"
            ));
        }
        if !html.contains("Nothing was saved") {
            return Err("the form does not say nothing was saved".into());
        }
        let input = format!(r#"id="f-{}""#, spec.id);
        let at = html.find(&input).ok_or("the input is missing")?;
        let tag_end = html[at..].find('>').unwrap() + at;
        if !html[..tag_end]
            .rfind('<')
            .is_some_and(|start| html[start..tag_end].contains(r#"aria-invalid="true""#))
        {
            return Err("the input is not marked aria-invalid".into());
        }
        if value.contains('<') && html.contains(value) {
            return Err("the typed markup appears raw in the form".into());
        }
        return Ok(Outcome::Refused);
    };

    // Stored: exactly what was typed, then shown escaped after a restart.
    let stored = decode(&app.store.slots().read(MAIN).unwrap().unwrap())
        .map_err(|e| format!("the stored file does not decode: {e}"))?
        .family;
    let saved_child = stored.children.first().ok_or("the child disappeared")?;
    let key = stored_as(form, &spec.id);
    let got = saved_draft(form, saved_child)
        .get(&key)
        .cloned()
        .unwrap_or_default();
    let typed = value.trim();
    if typed.is_empty() {
        let default = saved_draft(form, &Child::default())
            .get(&key)
            .cloned()
            .unwrap_or_default();
        let previous = saved_draft(form, &child)
            .get(&key)
            .cloned()
            .unwrap_or_default();
        let unchanged_ok = form == CardForm::Refill && got == previous;
        // An emptied plan step is taken out; the steps after it move up one place.
        let step_removed = form == CardForm::Plan && {
            let mut expected = child.plan_steps.clone();
            let n: usize = spec.id["step".len()..spec.id.len() - "_text".len()]
                .parse()
                .unwrap();
            expected.remove(n - 1);
            saved_child.plan_steps == expected
        };
        if step_removed {
            return Ok(Outcome::Stored);
        }
        if !(got.is_empty() || got == default || unchanged_ok) {
            return Err(format!("empty input stored as {got:?}"));
        }
        return Ok(Outcome::Stored);
    }
    if got != typed {
        return Err(format!("stored as {got:?}"));
    }
    let mut screens = Screens::new(stored);
    let escaped = ssr_escape(typed);
    let marker_screens = markers
        .entry(spec.id.clone())
        .or_insert_with(|| marker_screens(form, spec, base));
    let mut shown = false;
    for route in ROUTES {
        let html = screens.html(route).to_string();
        if typed.contains('<')
            && (html.contains(typed) || html.contains("<script>") || html.contains("<img src=x"))
        {
            return Err(format!("{route} shows the markup raw"));
        }
        // Where the marker stood, the typed text (escaped) stands now.
        let spots = marker_screens
            .as_mut()
            .map(|m| contexts(m.get(route)))
            .unwrap_or_default();
        if spots
            .iter()
            .any(|(before, after)| html.contains(&format!("{before}{escaped}{after}")))
        {
            shown = true;
            if !typed.contains('<') {
                break;
            }
        }
    }
    if !shown {
        return Err("stored, but not shown on any screen where the field's text goes".into());
    }
    Ok(Outcome::Stored)
}

const MARKERS: [&str; 2] = ["Zq7Marker", "555 019 7777"];

/// The screens of the card with a marker typed in the field (the first marker the field
/// accepts), to find where the field's text is shown.
fn marker_screens(form: CardForm, spec: &FieldSpec, base: &Family) -> Option<Screens> {
    let child = &base.children[0];
    for marker in MARKERS {
        let mut draft = saved_draft(form, child);
        if form == CardForm::Refill {
            draft = Draft::new();
            draft.insert("refill_date".into(), today().to_string());
            for (k, v) in refill_extras() {
                draft.insert(k.into(), v.into());
            }
        }
        draft.insert(spec.id.clone(), marker.into());
        let changed = match form {
            CardForm::Child => child_from_draft(&draft, child, today()).map(|r| r.0),
            CardForm::Pump => pump_from_draft(&draft, child, today()).map(|(p, _)| Child {
                pump: Some(p),
                ..child.clone()
            }),
            CardForm::Refill => refill_from_draft(&draft, child, today()).map(|(p, _)| Child {
                pump: Some(p),
                ..child.clone()
            }),
            CardForm::Plan => plan_from_draft(&draft, child, today()).map(|r| r.0),
            CardForm::Settings => unreachable!("this table drives the device-card forms"),
        };
        if let Ok(changed) = changed {
            let mut family = base.clone();
            family.save_child(changed, Some(today()));
            return Some(Screens::new(family).with_marker(marker));
        }
    }
    None
}

/// The 24 characters before and after each place the marker is shown.
fn contexts((html, marker): (&str, &str)) -> Vec<(String, String)> {
    html.match_indices(marker)
        .map(|(at, _)| {
            let before: Vec<char> = html[..at].chars().rev().take(24).collect();
            let before: String = before.into_iter().rev().collect();
            let after: String = html[at + marker.len()..].chars().take(24).collect();
            (before, after)
        })
        .collect()
}

#[test]
fn every_field_of_every_form_refuses_clearly_or_stores_and_escapes_bad_input() {
    let base = base_family();
    let mut markers = BTreeMap::new();
    let mut total = 0;
    let mut clear = 0;
    let (mut refused, mut stored) = (0, 0);
    let mut failures = Vec::new();
    let mut fields = 0;
    for form in [
        CardForm::Child,
        CardForm::Pump,
        CardForm::Refill,
        CardForm::Plan,
    ] {
        for spec in sections(form).into_iter().flat_map(|s| s.fields) {
            fields += 1;
            for (what, raw) in BAD_INPUTS {
                total += 1;
                let value = input_value(raw);
                match try_input(form, &spec, &value, &base, &mut markers) {
                    Ok(outcome) => {
                        clear += 1;
                        match outcome {
                            Outcome::Refused => refused += 1,
                            Outcome::Stored => stored += 1,
                        }
                    }
                    Err(e) => failures.push(format!("{form:?}.{} [{what}]: {e}", spec.id)),
                }
            }
        }
    }
    // Straight to the stderr stream, past the test harness's capture: always shown.
    let _ = writeln!(
        std::io::stderr(),
        "bad_inputs={total} clear_errors={clear}\nbad-input table: {fields} fields x {} inputs: {refused} refused with a clear message, {stored} stored and shown escaped",
        BAD_INPUTS.len()
    );
    assert!(fields >= 80, "the forms lost fields: {fields}");
    assert_eq!(total, fields * BAD_INPUTS.len());
    assert!(
        failures.is_empty(),
        "{} input(s) neither refused clearly nor stored and escaped:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The starting card itself is valid in every form, so each refusal above is due to the one
/// changed field.
#[test]
fn the_starting_card_saves_unchanged_in_every_form() {
    let base = base_family();
    for form in [
        CardForm::Child,
        CardForm::Pump,
        CardForm::Refill,
        CardForm::Plan,
    ] {
        let app = start_app(stored_store(&base), "/card");
        let state = app.dom.in_scope(ScopeId::APP, consume_context::<AppState>);
        let child = base.children[0].clone();
        let saved = app.dom.in_scope(ScopeId::APP, || {
            let mut open = OpenForm::open(form, Some(&child), &base, today());
            if form == CardForm::Refill {
                for (k, v) in refill_extras() {
                    open.draft.insert(k.into(), v.into());
                }
            }
            let mut model = state.model;
            model.write().form = Some(open);
            state.send(Event::SaveForm)
        });
        assert!(
            saved.is_some(),
            "{form:?}: {:?}",
            app.dom
                .in_scope(ScopeId::APP, || state.model.peek().form.clone())
        );
    }
}
