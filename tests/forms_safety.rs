//! Safety checks of the forms (issue 24, points 4, 7 and 9): a 2x change of dose or
//! concentration is confirmed against the printout in the pump form and at a refill; the
//! emergency number and the child's weight warn, never block; every MRI line names the
//! withdrawal risk; SynchroMed III is in the model list and the app asks the clinic for it.
//! Clinical phrases are read from the clinical reference, not restated from the code.

mod common;

use std::rc::Rc;

use chrono::NaiveDate;
use dioxus::prelude::*;
use itb_companion::app::AppState;
use itb_companion::core::alarms::{any_alarm_for, sounds_for, NOT_SURE_WHICH_SOUND};
use itb_companion::core::card_form::{
    child_from_draft, is_known_emergency_number, is_twofold, pump_draft, pump_from_draft,
    refill_from_draft, sections_for, sections_with, settings_draft, settings_from_draft,
    weight_range_for_age, CardForm, Draft, FieldKind, FormIssues, CHANGE_CONFIRM_LABEL,
};
use itb_companion::core::content::source_title;
use itb_companion::core::countdown::{replacement, Replacement};
use itb_companion::core::ems::mri_warning;
use itb_companion::core::family::Family;
use itb_companion::core::profile::{Child, Pump, PumpModel};
use itb_companion::core::units::Fixed3;
use itb_companion::core::update::{Event, OpenForm};
use itb_companion::platform::store::{FamilyStore, MemorySlots, PersistFamily, StoreHandle};
use itb_companion::words::forms::field_problem;

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

/// The reference with its line breaks and runs of spaces made single spaces.
fn reference() -> String {
    REFERENCE.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `phrase` as the reference says it (case-insensitive): the test then looks for it in the app.
fn says(phrase: &str) -> String {
    assert!(
        reference().to_lowercase().contains(&phrase.to_lowercase()),
        "the clinical reference should say {phrase:?}"
    );
    phrase.to_string()
}

fn contains(text: &str, phrase: &str) -> bool {
    text.to_lowercase().contains(&phrase.to_lowercase())
}

/// The reference's §1 table row for `label` ("MRI"), cell by cell (SynchroMed II, Prometra).
fn table_row(label: &str) -> Vec<String> {
    let row = REFERENCE
        .lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("the reference's §1 table has a {label} row"));
    row.split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// The reference's paragraph that starts with `start`, as one line.
fn paragraph(start: &str) -> String {
    let text = reference();
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("the reference has {start:?}"));
    let rest = &text[from..];
    // Up to the next table, heading or list (one paragraph of §1).
    let end = ["Prometra age:", " ## ", " - "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn with(mut draft: Draft, pairs: &[(&str, &str)]) -> Draft {
    for (k, v) in pairs {
        draft.insert(k.to_string(), v.to_string());
    }
    draft
}

fn error(issues: &FormIssues, field: &str) -> String {
    issues
        .errors
        .get(field)
        .map(field_problem)
        .unwrap_or_else(|| panic!("no error on {field}: {issues:?}"))
}

fn warning(issues: &FormIssues, field: &str) -> String {
    issues
        .warnings
        .get(field)
        .map(field_problem)
        .unwrap_or_else(|| panic!("no warning on {field}: {issues:?}"))
}

/// Whether the form shows field `id` for this draft, editing `child`.
fn shows(form: CardForm, draft: &Draft, child: &Child, id: &str) -> bool {
    sections_with(form, draft, Some(child))
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| f.id == id)
}

/// What the confirm message must say (issue 24.4), checked on every 2x message.
const MISTYPED: &str =
    "check the clinic printout: a mistyped number moves the refill dates by weeks";

fn reference_asks_for_the_printout() {
    says("A change of 2x or more in the concentration OR the daily dose, in any form");
    says("ask the family to confirm it against the printout");
}

// --- the running app, as tests/bad_inputs.rs drives it ---

struct App {
    dom: VirtualDom,
    state: AppState,
}

fn start_app(family: &Family, path: &str) -> App {
    let store = Rc::new(FamilyStore::new(MemorySlots::default()));
    store.save(family).unwrap();
    let handle = StoreHandle(store as Rc<dyn PersistFamily>);
    let dom = common::app_at(handle, path, None);
    let state = dom.in_scope(ScopeId::APP, consume_context::<AppState>);
    App { dom, state }
}

impl App {
    fn html(&mut self) -> String {
        self.dom.render_immediate_to_vec();
        common::ssr_unescape(&dioxus_ssr::render(&self.dom))
    }

    /// Opens `form` for the first child with `pairs` typed over what it starts with.
    fn open(&mut self, form: CardForm, pairs: &[(&str, &str)]) {
        let state = self.state;
        self.dom.in_scope(ScopeId::APP, || {
            let model = state.model.peek().clone();
            let child = model.family.children[0].clone();
            let open = OpenForm::open(form, Some(&child), &model.family, common::today());
            let draft = with(open.draft.clone(), pairs);
            let open = OpenForm::checked(
                form,
                Some(child.id),
                open.original,
                draft,
                &model.family,
                common::today(),
            );
            let mut m = state.model;
            m.write().form = Some(open);
        });
    }

    fn send(&mut self, event: Event) -> Option<String> {
        let state = self.state;
        self.dom.in_scope(ScopeId::APP, || state.send(event))
    }

    fn family(&self) -> Family {
        let state = self.state;
        self.dom
            .in_scope(ScopeId::APP, || state.model.peek().family.clone())
    }

    fn form_is_open(&self) -> bool {
        let state = self.state;
        self.dom
            .in_scope(ScopeId::APP, || state.model.peek().form.is_some())
    }
}

/// The message area of field `id` in the rendered form.
fn message_area<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"id="f-{id}-message""#))
        .unwrap_or_else(|| panic!("no message area for {id}"));
    let area = &html[start..];
    &area[..area.find("</div>").unwrap_or(area.len())]
}

#[test]
fn a_dose_or_concentration_changed_2x_in_the_pump_form_is_confirmed_against_the_printout() {
    reference_asks_for_the_printout();
    let child = common::full_child(); // 500 mcg/mL, 250 mcg/day
    let today = common::today();
    let saved = pump_draft(&child);
    let box_id = "drug_change_checked";

    // The dose doubled: refused, on the dose and on the confirm box, naming both values.
    let doubled = with(saved.clone(), &[("daily_dose", "500")]);
    let refused = pump_from_draft(&doubled, &child, today).unwrap_err();
    let said = error(&refused, "daily_dose");
    assert!(
        said.contains("250 mcg/day") && said.contains("500 mcg/day"),
        "{said}"
    );
    assert!(contains(&said, MISTYPED), "{said}");
    assert!(contains(&error(&refused, box_id), MISTYPED));
    // Said live beside the dose, before any save is tried.
    assert!(warning(&refused, "daily_dose").contains("500 mcg/day"));
    // The box is shown, with its label, only while a change needs it.
    assert!(shows(CardForm::Pump, &doubled, &child, box_id));
    assert!(!shows(CardForm::Pump, &saved, &child, box_id));
    let spec = sections_with(CardForm::Pump, &doubled, Some(&child))
        .into_iter()
        .flat_map(|s| s.fields)
        .find(|f| f.id == box_id)
        .unwrap();
    assert_eq!(spec.kind, FieldKind::Checkbox);
    assert_eq!(spec.label, CHANGE_CONFIRM_LABEL);
    assert!(spec.label.contains("printout"));

    // Ticked: saved with the new dose, the change kept as a caution beside it.
    let ticked = with(doubled.clone(), &[(box_id, "true")]);
    let (pump, issues) = pump_from_draft(&ticked, &child, today).unwrap();
    assert_eq!(pump.drug.daily_dose_mcg_per_day, Some(Fixed3::whole(500)));
    assert!(warning(&issues, "daily_dose").contains("checked it against the clinic printout"));

    // The concentration quadrupled (500 typed for 2000, the other way round): mcg/mL named.
    let conc = with(saved.clone(), &[("concentration", "2000")]);
    let said = error(
        &pump_from_draft(&conc, &child, today).unwrap_err(),
        "concentration",
    );
    assert!(
        said.contains("500 mcg/mL") && said.contains("2000 mcg/mL"),
        "{said}"
    );
    // Both at once: the box names both.
    let both = with(
        saved.clone(),
        &[("concentration", "2000"), ("daily_dose", "100")],
    );
    let on_box = error(&pump_from_draft(&both, &child, today).unwrap_err(), box_id);
    assert!(
        on_box.contains("2000 mcg/mL") && on_box.contains("100 mcg/day"),
        "{on_box}"
    );
    // Halving is a 2x change; under 2x needs nothing.
    assert!(pump_from_draft(
        &with(saved.clone(), &[("daily_dose", "125")]),
        &child,
        today
    )
    .is_err());
    let small = with(
        saved.clone(),
        &[("daily_dose", "495"), ("concentration", "251")],
    );
    assert!(pump_from_draft(&small, &child, today).is_ok());
    assert!(!shows(CardForm::Pump, &small, &child, box_id));
    assert!(is_twofold(Fixed3::whole(500), Fixed3::whole(1000)));
    assert!(is_twofold(Fixed3::whole(500), Fixed3::whole(250)));
    assert!(!is_twofold(
        Fixed3::whole(500),
        Fixed3::from_thousandths(999_999)
    ));
    // A first pump has nothing to compare with.
    let no_pump = Child {
        pump: None,
        ..child.clone()
    };
    let first = with(common::full_pump_draft(), &[("concentration", "2000")]);
    assert!(pump_from_draft(&first, &no_pump, today).is_ok());
    // Without the saved card (an import's labels), no box is listed.
    assert!(!sections_for(CardForm::Pump, &doubled)
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| f.id == box_id));

    // The web form: the box appears, a save is refused with the message on the dose, and
    // once the box is ticked the card is saved.
    let mut app = start_app(&common::full_family(), "/card");
    app.open(CardForm::Pump, &[("daily_dose", "500")]);
    let html = app.html();
    assert!(
        html.contains(r#"id="f-drug_change_checked""#),
        "no confirm box"
    );
    assert!(html.contains(CHANGE_CONFIRM_LABEL));
    assert!(message_area(&html, "daily_dose").contains("500 mcg/day"));
    assert!(app.send(Event::SaveForm).is_none(), "refused");
    let html = app.html();
    let area = message_area(&html, "daily_dose");
    assert!(area.contains(r#"class="field-error""#), "{area}");
    assert_eq!(
        area.matches("moves the refill dates by weeks").count(),
        1,
        "said once: {area}"
    );
    assert!(html.contains("Nothing was saved"));
    assert_eq!(common::daily_dose(&app.family()), Some(Fixed3::whole(250)));
    app.send(Event::EditField {
        key: box_id.into(),
        value: "true".into(),
    });
    app.send(Event::SaveForm);
    assert!(!app.form_is_open(), "saved once ticked");
    assert_eq!(common::daily_dose(&app.family()), Some(Fixed3::whole(500)));
}

#[test]
fn a_dose_or_concentration_changed_2x_at_a_refill_is_confirmed_against_the_printout() {
    reference_asks_for_the_printout();
    let child = common::full_child(); // 500 mcg/mL, 250 mcg/day
    let today = d("2026-12-05");
    let box_id = "refill_concentration_checked";
    let typed = |pairs: &[(&str, &str)]| {
        common::draft(&[("refill_date", "2026-12-05"), ("refill_volume", "20")])
            .into_iter()
            .chain(common::draft(pairs))
            .collect::<Draft>()
    };
    // A new dose of 2x or more: refused, naming the old and the new dose with units.
    let doubled = typed(&[("refill_dose", "600")]);
    let refused = refill_from_draft(&doubled, &child, today).unwrap_err();
    let said = error(&refused, "refill_dose");
    assert!(
        said.contains("250 mcg/day") && said.contains("600 mcg/day"),
        "{said}"
    );
    assert!(contains(&said, MISTYPED), "{said}");
    assert!(refused.errors.contains_key(box_id));
    // The box shows only then.
    assert!(shows(CardForm::Refill, &doubled, &child, box_id));
    assert!(!shows(CardForm::Refill, &typed(&[]), &child, box_id));
    assert!(!shows(
        CardForm::Refill,
        &typed(&[("refill_dose", "300")]),
        &child,
        box_id
    ));
    // Ticked: saved.
    let (pump, _) = refill_from_draft(&with(doubled, &[(box_id, "true")]), &child, today).unwrap();
    assert_eq!(pump.drug.daily_dose_mcg_per_day, Some(Fixed3::whole(600)));
    // The concentration, as before, and halving.
    let conc =
        refill_from_draft(&typed(&[("refill_concentration", "250")]), &child, today).unwrap_err();
    let said = error(&conc, "refill_concentration");
    assert!(
        said.contains("500 mcg/mL") && said.contains("250 mcg/mL"),
        "{said}"
    );
    assert!(contains(&said, MISTYPED));
    assert!(refill_from_draft(&typed(&[("refill_dose", "125")]), &child, today).is_err());
    assert!(refill_from_draft(&typed(&[("refill_dose", "400")]), &child, today).is_ok());

    // The web form: the box appears only with the change, and a ticked one saves.
    let mut app = start_app(&common::full_family(), "/card");
    app.open(
        CardForm::Refill,
        &[("refill_volume", "20"), ("refill_alarm_date", "2027-01-10")],
    );
    assert!(!app
        .html()
        .contains(r#"id="f-refill_concentration_checked""#));
    app.send(Event::EditField {
        key: "refill_dose".into(),
        value: "600".into(),
    });
    let html = app.html();
    assert!(html.contains(r#"id="f-refill_concentration_checked""#));
    assert!(html.contains(CHANGE_CONFIRM_LABEL));
    app.send(Event::SaveForm);
    assert!(app.form_is_open(), "refused until ticked");
    assert!(message_area(&app.html(), "refill_dose").contains("600 mcg/day"));
    app.send(Event::EditField {
        key: box_id.into(),
        value: "true".into(),
    });
    app.send(Event::SaveForm);
    assert!(!app.form_is_open(), "saved once ticked");
    assert_eq!(common::daily_dose(&app.family()), Some(Fixed3::whole(600)));
}

#[test]
fn an_unknown_emergency_number_warns_but_saves() {
    // §5: "The emergency number is 911 in the US and Canada; families elsewhere need 112, 999,
    // 000 and so on." Each number the reference names is known: no warning.
    let line = says("families elsewhere need 112, 999, 000 and so on");
    let mut named: Vec<String> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    named.push(
        says("The emergency number is 911")
            .trim_start_matches("The emergency number is ")
            .to_string(),
    );
    assert_eq!(named, ["112", "999", "000", "911"]);
    let saved = Family::default().settings;
    let typed = |number: &str| {
        let mut d = settings_draft(&saved);
        d.insert("settings.emergency".into(), number.into());
        settings_from_draft(&d, &saved)
    };
    for number in named
        .iter()
        .map(String::as_str)
        .chain(["1 1 2", "11 2", "000", "119", "110", "995"])
    {
        assert!(is_known_emergency_number(number), "{number}");
        let (s, issues) = typed(number).unwrap();
        assert!(issues.warnings.is_empty(), "{number}: {issues:?}");
        assert_eq!(s.emergency_number, number.trim());
    }
    // A typo or a clinic's number: saved anyway, with a warning on the field naming it.
    for number in ["991", "9111", "555 010 2000", "11"] {
        let result = typed(number);
        if number == "11" {
            // Too short for any phone number: refused as before (3 to 15 digits).
            assert!(result.is_err());
            continue;
        }
        let (s, issues) = result.expect("a warning never blocks");
        assert_eq!(s.emergency_number, number);
        let w = warning(&issues, "settings.emergency");
        assert!(
            w.contains(number) && w.contains("not a national emergency number"),
            "{w}"
        );
        assert!(issues.errors.is_empty());
    }

    // The Settings screen: saved, and the warning stays beside the field.
    let mut app = start_app(&common::full_family(), "/settings");
    let state = app.state;
    app.dom.in_scope(ScopeId::APP, || {
        let family = state.model.peek().family.clone();
        let mut open = OpenForm::open(CardForm::Settings, None, &family, common::today());
        open.draft.insert("settings.emergency".into(), "991".into());
        let mut m = state.model;
        m.write().settings_form = Some(open);
    });
    app.send(Event::SaveSettings);
    assert_eq!(app.family().settings.emergency_number, "991");
    let html = app.html();
    let area = message_area(&html, "settings.emergency");
    assert!(area.contains(r#"class="field-warning""#), "{area}");
    assert!(
        area.contains("991 is not a national emergency number"),
        "{area}"
    );
}

#[test]
fn an_implausible_or_old_weight_warns_but_saves() {
    // The reference has no growth chart: the range is a typo check (see
    // `weight_range_for_age`), so the test checks it is wide and warns only.
    let today = common::today(); // 2026-11-23; Maya was born 2016-04-02 (10 years old)
    let typed = |pairs: &[(&str, &str)]| {
        let d = with(common::full_child_draft(), pairs);
        child_from_draft(&d, &Child::default(), today)
    };
    // The card as typed: 24.5 kg weighed last month, no warning.
    let (_, issues) = typed(&[]).unwrap();
    assert!(issues.warnings.is_empty(), "{issues:?}");
    // 2.45 for 24.5, and 245 (pounds or an extra digit): saved, with a warning on the weight.
    for weight in ["2.45", "245", "160"] {
        let (child, issues) = typed(&[("weight_kg", weight)]).expect("a warning never blocks");
        assert_eq!(child.weight_kg, Some(weight.parse().unwrap()));
        let w = warning(&issues, "weight_kg");
        assert!(
            w.contains("10 years old") && w.contains("kilograms, not pounds"),
            "{w}"
        );
        assert!(w.contains("by weight"), "{w}");
    }
    // A small child with severe cerebral palsy, or a heavy one, is not flagged.
    for weight in ["12", "15", "90"] {
        let (_, issues) = typed(&[("weight_kg", weight)]).unwrap();
        assert!(
            !issues.warnings.contains_key("weight_kg"),
            "{weight}: {issues:?}"
        );
    }
    // The range is wide at every age (far outside any growth chart), and none from 18 years.
    let years = |y: i64| (y * 1461 + 3) / 4;
    let kg = |n: u64| Fixed3::whole(n);
    for (age, at_most_low, at_least_high) in [(0, 1, 18), (4, 5, 60), (10, 11, 120), (17, 18, 150)]
    {
        let (low, high) = weight_range_for_age(years(age)).unwrap();
        assert!(
            low <= kg(at_most_low) && high >= kg(at_least_high),
            "{age}: {low} to {high}"
        );
        assert!(high <= kg(150), "{age}");
    }
    assert_eq!(weight_range_for_age(years(18)), None);
    assert_eq!(weight_range_for_age(-1), None);
    let (_, issues) = typed(&[("date_of_birth", "1990-01-01"), ("weight_kg", "160")]).unwrap();
    assert!(!issues.warnings.contains_key("weight_kg"), "{issues:?}");
    // The age is the age on the weighing day.
    let (_, issues) = typed(&[("weight_kg", "7"), ("weight_date", "2017-04-02")]).unwrap();
    assert!(!issues.warnings.contains_key("weight_kg"), "{issues:?}");

    // Weighed over 6 months ago: saved, with "weigh again" on the date.
    let (child, issues) = typed(&[("weight_date", "2026-05-22")]).expect("never blocks");
    assert_eq!(child.weight_date, Some(d("2026-05-22")));
    let w = warning(&issues, "weight_date");
    assert!(
        w.contains("over 6 months ago") && w.contains("weigh again"),
        "{w}"
    );
    assert!(
        w.contains("the emergency card gives this weight to paramedics"),
        "{w}"
    );
    let (_, issues) = typed(&[("weight_date", "2026-05-23")]).unwrap();
    assert!(!issues.warnings.contains_key("weight_date"), "{issues:?}");

    // The web form shows both warnings beside their fields.
    let mut app = start_app(&common::full_family(), "/card");
    app.open(
        CardForm::Child,
        &[("weight_kg", "245"), ("weight_date", "2025-01-10")],
    );
    let html = app.html();
    assert!(message_area(&html, "weight_kg").contains("kilograms, not pounds"));
    assert!(message_area(&html, "weight_date").contains("weigh again"));
    app.send(Event::SaveForm);
    assert!(!app.form_is_open(), "saved: warnings never block");
    assert_eq!(app.family().children[0].weight_kg, Some(kg(245)));
}

#[test]
fn mri_lines_name_the_withdrawal_risk_for_every_pump_family() {
    // §1, MRI row (corrected 2026-12-07): both cells name the withdrawal risk.
    let row = table_row("MRI");
    let (synchromed, prometra) = (&row[0], &row[1]);
    let risk = "withdrawal risk";
    assert!(
        contains(synchromed, risk) && contains(prometra, risk),
        "{row:?}"
    );
    let child_with = |model: PumpModel| {
        let mut c = common::full_child();
        c.pump.as_mut().unwrap().model = model;
        c
    };
    // Every pump family, and a card without a pump, names the withdrawal risk.
    let mut no_pump = common::full_child();
    no_pump.pump = None;
    let every = [
        child_with(PumpModel::SynchromedII8637_20),
        child_with(PumpModel::SynchromedII8637_40),
        child_with(PumpModel::SynchromedIII),
        child_with(PumpModel::Prometra11827),
        child_with(PumpModel::PrometraII13827),
        child_with(PumpModel::PrometraII16827),
        child_with(PumpModel::Other("Codman 3000".into())),
        no_pump,
    ];
    for child in &every {
        let mri = mri_warning(child);
        assert!(contains(mri.text, risk), "{}", mri.text);
        assert!(contains(mri.text, "withdrawal"), "{}", mri.text);
        for id in mri.sources {
            assert!(source_title(id).is_some(), "[{id}]");
        }
    }
    // SynchroMed II: the reference's own words, with its sources.
    let line = mri_warning(&every[0]);
    for phrase in [
        "Baclofen stops during and after the scan: withdrawal risk",
        "the pump doctor plans the scan",
        "until the clinic confirms the pump delivers again",
        "2-24",
        "interrogate",
    ] {
        assert!(contains(synchromed, phrase), "reference: {phrase}");
        assert!(contains(line.text, phrase), "{}: {phrase}", line.text);
    }
    for id in line.sources {
        assert!(synchromed.contains(&format!("[{id}]")), "[{id}]");
    }
    // Prometra: empty it first (overdose), then no baclofen until refilled (withdrawal).
    let line = mri_warning(&every[4]);
    for phrase in [
        "EMPTIED before an MRI",
        "release the reservoir (overdose)",
        "An emptied pump delivers no baclofen: withdrawal risk until it is refilled (and, for Prometra II, reset)",
        "other routes (oral, IV) may be needed meanwhile",
    ] {
        assert!(contains(prometra, phrase), "reference: {phrase}");
        assert!(contains(line.text, phrase), "{}: {phrase}", line.text);
    }
    assert!(line.sources.contains(&"F3") && line.sources.contains(&"F5"));
    for id in line.sources {
        assert!(prometra.contains(&format!("[{id}]")), "[{id}]");
    }
    assert!(!contains(mri_warning(&every[0]).text, "EMPTIED"));
}

#[test]
fn synchromed_iii_is_in_the_model_list_and_asks_the_clinic() {
    // §1: "SynchroMed III ... belongs in the model list; its alarm tones, battery life and MRI
    // conditions are UNCONFIRMED here: for it the app says "ask your clinic" and treats any
    // alarm as the two-tone one."
    let iii_text = paragraph("SynchroMed III (Medtronic");
    assert!(iii_text.contains("belongs in the model list"), "{iii_text}");
    let ask = "ask your clinic";
    assert!(iii_text.contains(&format!("\"{ask}\"")), "{iii_text}");
    assert!(iii_text.contains("treats any alarm as the two-tone one"));
    assert!(iii_text.contains("[M13]"));
    assert!(source_title("M13").is_some());

    // In the list, and its key reads back (and into the form's choice).
    let (key, label) = PumpModel::CHOICES
        .iter()
        .find(|(_, label)| label.contains("SynchroMed III"))
        .expect("SynchroMed III is a choice");
    let model = PumpModel::from_key(key, "").unwrap();
    assert_eq!(model, PumpModel::SynchromedIII);
    assert_eq!(model.key(), *key);
    assert!(model.display_name().contains("SynchroMed III"), "{label}");
    for (key, _) in PumpModel::CHOICES {
        assert_eq!(PumpModel::from_key(key, "x").unwrap().key(), key);
    }
    // Saved and read back; an older file's models read as before.
    let json = serde_json::to_string(&model).unwrap();
    assert_eq!(json, r#"{"kind":"synchromed_iii"}"#);
    assert_eq!(serde_json::from_str::<PumpModel>(&json).unwrap(), model);
    let old: Pump = serde_json::from_str(r#"{"model":{"kind":"synchromed_ii_8637_40"}}"#).unwrap();
    assert_eq!(old.model, PumpModel::SynchromedII8637_40);
    let other: Pump =
        serde_json::from_str(r#"{"model":{"kind":"other","text":"SynchroMed EL"}}"#).unwrap();
    assert_eq!(other.model.display_name(), "SynchroMed EL");

    // The pump form takes it (no reservoir size is assumed for it).
    let mut child = common::full_child();
    let typed = with(pump_draft(&child), &[("pump_model", key)]);
    let (pump, issues) = pump_from_draft(&typed, &child, common::today()).unwrap();
    assert_eq!(pump.model, PumpModel::SynchromedIII);
    assert!(!issues.warnings.contains_key("reservoir_ml"), "{issues:?}");
    assert_eq!(
        pump_draft(&Child {
            pump: Some(pump.clone()),
            ..child.clone()
        })["pump_model"],
        *key
    );
    child.pump = Some(pump);
    assert!(!model.is_synchromed(), "not the SynchroMed II rules");
    assert!(model.is_synchromed_iii() && model.is_synchromed_family());

    // MRI: ask the clinic, and the withdrawal watch.
    let mri = mri_warning(&child);
    assert!(
        contains(mri.text, &format!("{ask} before any MRI")),
        "{}",
        mri.text
    );
    assert!(contains(mri.text, "not confirmed"), "{}", mri.text);
    assert!(contains(mri.text, "withdrawal risk"), "{}", mri.text);
    assert!(mri.sources.contains(&"M13"));

    // Replacement: no SynchroMed II 7-year / ERI + 90 days rule; ask the clinic.
    let pump = child.pump.as_ref().unwrap();
    assert!(pump.implant_date.is_some());
    assert_eq!(replacement(pump, common::today()), Replacement::AskClinic);
    let ii = common::full_child();
    assert!(matches!(
        replacement(ii.pump.as_ref().unwrap(), common::today()),
        Replacement::Deadline {
            from_rule: true,
            ..
        }
    ));
    // A date the clinic gave counts.
    let mut given = pump.clone();
    given.replacement_date = Some(d("2030-01-01"));
    assert!(matches!(
        replacement(&given, common::today()),
        Replacement::Deadline {
            from_rule: false,
            ..
        }
    ));

    // Alarms: no tone table (unconfirmed); any alarm is a call to the clinic, taken as the
    // two-tone one (§4: "medication is NOT flowing").
    says("two-tone 3-second alarm | medication is NOT flowing");
    assert!(sounds_for(Some(&model)).is_empty());
    let any = any_alarm_for(Some(&model));
    assert!(contains(any.text, "call your clinic"), "{}", any.text);
    assert!(
        contains(any.text, "treat it as the two-tone alarm"),
        "{}",
        any.text
    );
    assert!(contains(any.text, "NOT be flowing"), "{}", any.text);
    assert!(any.sources.contains(&"M13"));

    // The alarm guide: "not sure which sound" for every model (§4), "call your clinic for
    // any alarm" for SynchroMed III and Prometra.
    let not_sure = says("not sure which sound they heard treats it as the two-tone alarm");
    assert!(not_sure.contains("two-tone alarm"));
    assert!(contains(
        NOT_SURE_WHICH_SOUND.text,
        "not sure which sound you heard, treat it as the two-tone alarm"
    ));
    says("for Prometra the app says \"call your clinic\" for any alarm");
    for (model, tones) in [
        (PumpModel::SynchromedII8637_20, true),
        (PumpModel::SynchromedIII, false),
        (PumpModel::Prometra11827, false),
        (PumpModel::PrometraII16827, false),
        (PumpModel::Other("Codman 3000".into()), false),
    ] {
        let mut family = common::full_family();
        family.children[0].pump.as_mut().unwrap().model = model.clone();
        let html = start_app(&family, "/alarms").html();
        assert!(html.contains(NOT_SURE_WHICH_SOUND.text), "{model:?}");
        assert_eq!(
            html.contains("Two-tone alarm, about 3 seconds long"),
            tones,
            "{model:?}"
        );
        if !tones {
            assert!(
                html.contains("Any alarm: call your clinic now"),
                "{model:?}"
            );
        }
        if model == PumpModel::SynchromedIII {
            assert!(html.contains("treat it as the two-tone alarm"));
            assert!(html.contains("Medtronic SynchroMed III"));
        }
    }
}
