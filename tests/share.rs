//! Sharing a card with a caregiver (issue 17), tried as families use it: the other parent, a
//! grandparent and the school nurse get a card through a link, sealed by the app's own
//! `src/platform/share.js` (run here in Node, which has the browser's Web Crypto and
//! CompressionStream), and read back by `core::share`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use itb_companion::core::countdown::{due_reminders, ReminderKind, ReminderSettings};
use itb_companion::core::dates::DateOrder;
use itb_companion::core::ems::{ems_card, ems_plain_text};
use itb_companion::core::family::Family;
use itb_companion::core::profile::{
    CareTeamMember, Contact, Medicine, PrnMedicine, Refill, RefillRecord,
};
use itb_companion::core::share::{
    ask_clinic_check, changes, copy_age, read_link, shared_child, ShareError, SharedCard,
    SharedParts, SHARE_FORMAT,
};
use itb_companion::core::units::Fixed3;
use itb_companion::core::update::{update, Effect, Event, Model, Notice};
use proptest::prelude::*;

const ALL: SharedParts = SharedParts {
    device_card: true,
    contacts: true,
    refill_dates: true,
};
const CARD_ONLY: SharedParts = SharedParts {
    device_card: false,
    contacts: false,
    refill_dates: false,
};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Runs `src/platform/share.js` in Node: `seal` or `open`, as the page does.
fn share_js(request: serde_json::Value) -> serde_json::Value {
    let script = format!(
        "{}\nlet input = ''; process.stdin.on('data', (d) => input += d); process.stdin.on('end', async () => {{\
           const r = JSON.parse(input);\
           const out = r.op === 'seal' ? await itbShare.seal(r.json, r.withCode) : await itbShare.open(r.coded, r.data, r.code);\
           process.stdout.write(JSON.stringify(out)); }});",
        include_str!("../src/platform/share.js")
    );
    let mut node = Command::new("node")
        .args(["-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs (scripts/setup.sh)");
    node.stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    serde_json::from_slice(&out.stdout).expect("share.js answers JSON")
}

/// The parent's side: the link for `card`, and its code.
fn make_link(card: &SharedCard, with_code: bool) -> (String, Option<String>) {
    let sealed =
        share_js(serde_json::json!({"op": "seal", "json": card.to_json(), "withCode": with_code}));
    let link = format!(
        "https://itb.example/#share={}",
        sealed["fragment"].as_str().unwrap()
    );
    (link, sealed["code"].as_str().map(str::to_string))
}

/// The caregiver's side, as the app does it: check the link, open it in share.js, read it.
fn open_link(link: &str, code: &str) -> Result<SharedCard, ShareError> {
    let l = read_link(link)?;
    let code = if l.coded {
        itb_companion::core::share::normalize_code(code)?
    } else {
        String::new()
    };
    let answer =
        share_js(serde_json::json!({"op": "open", "coded": l.coded, "data": l.data, "code": code}));
    match answer["error"].as_str() {
        Some("code") => Err(ShareError::WrongCode),
        Some(_) => Err(ShareError::Damaged),
        None => SharedCard::from_json(answer["json"].as_str().unwrap()),
    }
}

fn maya() -> itb_companion::core::profile::Child {
    let mut c = common::full_child();
    c.id = 7;
    c.share_key = "k-maya".into();
    c.last_updated = Some(day("2026-11-20"));
    c.clinic_checked = Some(day("2026-11-03"));
    c
}

fn share_of(child: &itb_companion::core::profile::Child, parts: SharedParts) -> SharedCard {
    SharedCard::new(child, parts, "Ana", "k-maya", day("2026-11-26"), 30)
}

#[test]
fn a_card_shared_with_a_code_opens_with_that_code_only() {
    let card = share_of(&maya(), ALL);
    let (link, code) = make_link(&card, true);
    let code = code.expect("a code");
    assert_eq!(code.len(), 10);
    // The card is not readable in the link (it is compressed and encrypted).
    assert!(!link.contains("Maya") && !link.contains("Rivera"));
    // Typed in lower case with the dash, as a grandparent reads it off a note.
    let typed = format!("{}-{}", &code[..5], &code[5..]).to_lowercase();
    assert_eq!(open_link(&link, &typed), Ok(card.clone()));
    // Any other code: refused, with the clear message.
    let wrong: String = code
        .chars()
        .map(|c| if c == '7' { '8' } else { '7' })
        .collect();
    assert_eq!(open_link(&link, &wrong), Err(ShareError::WrongCode));
    assert_eq!(open_link(&link, "12345"), Err(ShareError::CodeFormat));
}

#[test]
fn a_cut_short_or_altered_link_says_so() {
    let card = share_of(&maya(), ALL);
    let (link, code) = make_link(&card, true);
    let code = code.unwrap();
    // Cut short by a chat app (by 8 characters: still valid base64url).
    let short = &link[..link.len() - 8];
    assert_eq!(open_link(short, &code), Err(ShareError::Damaged));
    // Cut before any data.
    assert_eq!(
        open_link("https://itb.example/#share=1.c.", &code),
        Err(ShareError::Damaged)
    );
    // One character of the sealed card changed.
    let mut altered: Vec<char> = link.chars().collect();
    let at = altered.len() - 20;
    altered[at] = if altered[at] == 'A' { 'B' } else { 'A' };
    let altered: String = altered.into_iter().collect();
    assert_eq!(open_link(&altered, &code), Err(ShareError::Damaged));
    // Pasted with the message around it, the sentence's full stop included: it opens.
    let message = format!("Here is Maya's card: {link}. The code comes by text.");
    assert_eq!(
        open_link(&message, &code).map(|c| c.child.name),
        Ok(card.child.name.clone())
    );
    // Not a link at all, or a link from a newer app.
    assert_eq!(open_link("see you at 5", &code), Err(ShareError::NotALink));
    let newer = link.replace(
        &format!("#share={SHARE_FORMAT}."),
        &format!("#share={}.", SHARE_FORMAT + 1),
    );
    assert_eq!(
        open_link(&newer, &code),
        Err(ShareError::NewerVersion(SHARE_FORMAT + 1))
    );
    // A payload from a newer app inside a link of today's format.
    let future = serde_json::json!({"v": SHARE_FORMAT + 1, "anything": true}).to_string();
    assert_eq!(
        SharedCard::from_json(&future),
        Err(ShareError::NewerVersion(SHARE_FORMAT + 1))
    );
    assert_eq!(SharedCard::from_json("{\"v\":1}"), Err(ShareError::Damaged));
}

#[test]
fn nothing_changes_on_the_caregivers_device_when_a_link_fails() {
    // Whatever failed, the app never sends ShareOpened: the family and the copies stay.
    let mut model = Model::new(Family::default(), None);
    let card = share_of(&maya(), ALL);
    update(
        &mut model,
        Event::ShareOpened(Box::new(card)),
        day("2026-11-26"),
    );
    update(&mut model, Event::KeepSharedCopy, day("2026-11-26"));
    let before = model.family.clone();
    let (link, code) = make_link(&share_of(&maya(), ALL), true);
    for bad in [
        open_link(&link, "0000000000"),
        open_link(&link[..link.len() - 8], &code.unwrap()),
    ] {
        assert!(bad.is_err());
    }
    assert_eq!(model.family, before);
    assert!(model.opened_share.is_none());
}

#[test]
fn the_emergency_card_alone_may_go_without_a_code() {
    let card = share_of(&maya(), CARD_ONLY);
    let (link, code) = make_link(&card, false);
    assert!(code.is_none());
    assert!(link.contains("#share=1.o."));
    assert_eq!(open_link(&link, ""), Ok(card));
}

#[test]
fn the_caregiver_sees_the_same_emergency_card_and_plan_as_the_parent() {
    // Whatever is left out, the card a paramedic reads from the copy is the parent's card.
    let child = maya();
    let settings = ReminderSettings::default();
    for today in ["2026-11-26", "2027-03-01"] {
        let today = day(today);
        let parent = ems_card(&child, today, &settings, DateOrder::DayMonth);
        for parts in [CARD_ONLY, ALL] {
            let shared = shared_child(&child, parts);
            assert_eq!(
                ems_card(&shared, today, &settings, DateOrder::DayMonth),
                parent
            );
            assert_eq!(shared.plan_steps, child.plan_steps);
            assert_eq!(shared.prn_medicines, child.prn_medicines);
        }
    }
    // The card's dates line, on the copy too (issue 17.4).
    let text = ems_plain_text(
        &shared_child(&child, CARD_ONLY),
        day("2026-11-26"),
        &settings,
        DateOrder::DayMonth,
    );
    assert!(
        text.contains(
            "Card last changed: Fri 20 Nov 2026. Checked with the clinic on: Tue 3 Nov 2026"
        ),
        "{text}"
    );
}

#[test]
fn a_share_never_includes_settings_other_children_or_what_was_not_chosen() {
    let mut family = Family::default();
    let mut maya = maya();
    maya.contacts.push(Contact {
        name: "Aunt Rosa".into(),
        relation: "Aunt".into(),
        phone: "+1 555 010 4444".into(),
        other_phone: "+1 555 010 4445".into(),
    });
    maya.providers.others.push(CareTeamMember {
        role: "Physiatrist".into(),
        name: "Dr Okafor".into(),
        phone: "+1 555 010 7777".into(),
    });
    let pump = maya.pump.as_mut().unwrap();
    pump.udi = "(01)00643169001234(17)290101(21)NGP123456H".into();
    pump.refill_history.push(RefillRecord {
        refill: Refill {
            date: day("2026-08-01"),
            volume_ml: Fixed3::whole(20),
        },
        concentration_mcg_per_ml: None,
        daily_dose_mcg_per_day: None,
        printout_alarm_date: None,
    });
    pump.next_refill_appointment = Some(day("2027-01-04"));
    family.save_child(maya.clone(), None);
    let mut leo = common::full_child();
    leo.name = "Leo Sibling".into();
    family.save_child(leo, None);
    family.settings.emergency_number = "112".into();
    family.settings.sharer_name = "Ana".into();
    let maya = family.children[0].clone();

    let json = share_of(&maya, CARD_ONLY).to_json();
    for absent in [
        "Leo Sibling",
        "emergency_number",
        "112",
        "delivered_reminders",
        "Aunt Rosa",
        "Dr Okafor",
        "NGP123456H(",
        "00643169001234",
        "2026-08-01",
        "2027-01-04",
    ] {
        assert!(!json.contains(absent), "{absent} in {json}");
    }
    let card: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(card["child"]["id"], 0);
    assert!(
        card["child"].get("share_key").is_none(),
        "the sharer's own key stays home"
    );
    assert!(card.get("settings").is_none() && card.get("children").is_none());
    // Chosen, they go.
    let json = share_of(&maya, ALL).to_json();
    for present in [
        "Aunt Rosa",
        "Dr Okafor",
        "00643169001234",
        "2026-08-01",
        "2027-01-04",
    ] {
        assert!(json.contains(present), "{present} missing");
    }
    assert!(!json.contains("Leo Sibling") && !json.contains("emergency_number"));
}

use common::{phone, word};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any valid card (up to 8 medicines, 6 contacts, 8 care-team members, 30 plan steps,
    /// accented names) comes back from its share exactly as shared.
    #[test]
    fn any_valid_card_survives_encode_and_decode(
        name in "[A-Z][a-zà-ÿ]{1,12} [A-Z][a-z'-]{1,14}",
        meds in proptest::collection::vec((word(), word(), word()), 0..9),
        prn in proptest::collection::vec((word(), word(), word()), 0..5),
        contacts in proptest::collection::vec((word(), word(), phone(), phone()), 1..7),
        team in proptest::collection::vec((word(), word(), phone()), 0..8),
        plan in proptest::collection::vec("[A-Za-z][A-Za-z0-9 .,]{0,60}[a-z.]", 0..=30),
        dose in 10u32..2000,
        parts in (any::<bool>(), any::<bool>(), any::<bool>()),
        shared_day in 0u64..3000,
    ) {
        let mut child = maya();
        child.name = name;
        child.medicines = meds.into_iter().map(|(name, dose, schedule)| Medicine { name, dose, schedule }).collect();
        child.prn_medicines = prn.into_iter().map(|(name, dose, when_to_give)| PrnMedicine { name, dose, when_to_give }).collect();
        child.contacts = contacts.into_iter().map(|(name, relation, phone, other_phone)| Contact { name, relation, phone, other_phone }).collect();
        child.providers.others = team.into_iter().map(|(role, name, phone)| CareTeamMember { role, name, phone }).collect();
        child.plan_steps = plan;
        child.pump.as_mut().unwrap().drug.daily_dose_mcg_per_day = Some(Fixed3::whole(dose.into()));
        let parts = SharedParts { device_card: parts.0, contacts: parts.1, refill_dates: parts.2 };
        let on = day("2026-01-01") + chrono::Days::new(shared_day);
        let card = SharedCard::new(&child, parts, "Ana María", "k-1", on, 30);
        prop_assert_eq!(SharedCard::from_json(&card.to_json()), Ok(card.clone()));
        if parts == ALL {
            // Everything chosen: the whole card, but for the sharer's own ids.
            let mut expected = child.clone();
            expected.id = 0;
            expected.colour = 0;
            expected.share_key.clear();
            prop_assert_eq!(&card.child, &expected);
        }
    }
}

#[test]
fn sealed_links_survive_the_round_trip_for_large_cards() {
    // A medically complex child: many medicines and the full 30-step plan, through the real
    // compression and encryption.
    let mut child = maya();
    child.medicines = (1..=8)
        .map(|n| Medicine {
            name: format!("Medicine number {n} with a long name"),
            dose: format!("{n}.5 mg"),
            schedule: "morning and evening with food".into(),
        })
        .collect();
    child.plan_steps = (1..=30)
        .map(|n| format!("Step {n}: what the clinic wrote for this step, in full, with the doses."))
        .collect();
    let card = share_of(&child, ALL);
    let (link, code) = make_link(&card, true);
    assert_eq!(open_link(&link, &code.unwrap()), Ok(card));
    // Small enough for a QR code (the longest binary QR code holds 2953 bytes).
    assert!(link.len() < 2953, "link of {} bytes", link.len());
}

#[test]
fn a_new_share_replaces_the_copy_after_a_preview_of_the_dose_change() {
    let today = day("2026-11-26");
    let mut caregiver = Model::new(Family::default(), None);
    let first = share_of(&maya(), ALL);
    update(
        &mut caregiver,
        Event::ShareOpened(Box::new(first.clone())),
        today,
    );
    let fx = update(&mut caregiver, Event::KeepSharedCopy, today);
    assert!(fx.iter().any(|e| matches!(e, Effect::Save(_))));
    assert!(fx.contains(&Effect::Tell(Notice::CopyKept {
        name: first.child.name.clone(),
        sharer: "Ana".into(),
        replaced: false
    })));
    assert!(
        caregiver.family.children.is_empty(),
        "never one of the caregiver's own children"
    );

    // The parent changes the dose and shares again a week later.
    let mut changed = maya();
    changed.pump.as_mut().unwrap().drug.daily_dose_mcg_per_day = Some(Fixed3::whole(300));
    let second = SharedCard::new(&changed, ALL, "Ana", "k-maya", day("2026-12-03"), 30);
    let diff = changes(&first, &second, today, DateOrder::DayMonth);
    let dose = diff
        .iter()
        .find(|c| c.after.contains("300"))
        .expect("the dose change is listed");
    assert!(dose.before.contains("250"), "{dose:?}");
    update(
        &mut caregiver,
        Event::ShareOpened(Box::new(second.clone())),
        today,
    );
    let fx = update(&mut caregiver, Event::KeepSharedCopy, day("2026-12-03"));
    assert!(fx.contains(&Effect::Tell(Notice::CopyKept {
        name: second.child.name.clone(),
        sharer: "Ana".into(),
        replaced: true
    })));
    assert_eq!(
        caregiver.family.shared_copies.len(),
        1,
        "replaced, not doubled"
    );
    assert_eq!(caregiver.family.shared_copies[0].card, second);

    // Another family's card (another key) is kept beside it.
    let other = SharedCard::new(&changed, ALL, "Sam", "k-other", today, 30);
    update(&mut caregiver, Event::ShareOpened(Box::new(other)), today);
    update(&mut caregiver, Event::KeepSharedCopy, today);
    assert_eq!(caregiver.family.shared_copies.len(), 2);
    update(
        &mut caregiver,
        Event::RemoveSharedCopy("k-other".into()),
        today,
    );
    assert_eq!(caregiver.family.shared_copies.len(), 1);
}

#[test]
fn sharing_names_the_card_once_and_keeps_the_sharers_name() {
    let today = day("2026-11-26");
    let mut family = Family::default();
    let mut child = common::full_child();
    child.share_key.clear();
    let id = family.save_child(child, Some(today));
    let before = family.children[0].clone();
    let mut model = Model::new(family, Some(id));
    let share = |model: &mut Model, key: &str| {
        update(
            model,
            Event::Shared {
                child: id,
                sharer: " Ana ".into(),
                key: key.into(),
            },
            today,
        )
    };
    assert!(share(&mut model, "first")
        .iter()
        .any(|e| matches!(e, Effect::Save(_))));
    share(&mut model, "second");
    let after = &model.family.children[0];
    assert_eq!(after.share_key, "first", "the same card keeps its name");
    assert_eq!(model.family.settings.sharer_name, "Ana");
    // Sharing is not a change to the card: its date stays.
    assert_eq!(after.last_updated, before.last_updated);
}

#[test]
fn a_copy_says_it_may_be_out_of_date_after_the_review_period() {
    let card = share_of(&maya(), ALL);
    assert!(
        !copy_age(&card, day("2026-12-26")).out_of_date,
        "30 days: current"
    );
    let late = copy_age(&card, day("2026-12-27"));
    assert!(late.out_of_date && late.days == 31);
    let words = itb_companion::words::share::copy_age_line(&card, day("2026-12-27")).0;
    assert!(
        words.contains("This card may be out of date: ask Ana for an update"),
        "{words}"
    );
}

#[test]
fn the_clinic_check_is_asked_after_a_refill_and_reminded_after_the_review_period() {
    let today = day("2026-11-26");
    let mut child = maya();
    child.clinic_checked = Some(day("2026-10-01"));
    child.pump.as_mut().unwrap().last_refill = Some(Refill {
        date: day("2026-11-25"),
        volume_ml: Fixed3::whole(20),
    });
    assert_eq!(ask_clinic_check(&child, today, 30), Some(day("2026-11-25")));
    child.clinic_checked = Some(day("2026-11-25"));
    assert_eq!(ask_clinic_check(&child, today, 30), None);

    let mut family = Family::default();
    let id = family.save_child(child, Some(today));
    let mut model = Model::new(family, Some(id));
    let fx = update(
        &mut model,
        Event::ClinicChecked {
            child: id,
            date: day("2026-11-27"),
        },
        today,
    );
    assert_eq!(fx, vec![Effect::Tell(Notice::ClinicCheckInFuture)]);
    assert_eq!(
        model.family.children[0].clinic_checked,
        Some(day("2026-11-25"))
    );

    // 31 days after the check: a reminder to check the card again, once.
    let settings = ReminderSettings::default();
    let child = &model.family.children[0];
    let delivered = Default::default();
    let (due, _) = due_reminders(child, day("2026-12-25"), &settings, &delivered);
    assert!(due.iter().all(|r| r.kind != ReminderKind::ReviewCard));
    let (due, _) = due_reminders(child, day("2026-12-26"), &settings, &delivered);
    assert!(due.iter().any(|r| r.kind == ReminderKind::ReviewCard));
}

#[test]
fn the_review_period_is_a_setting_of_1_to_365_days() {
    use itb_companion::core::card_form::{settings_draft, settings_from_draft};
    use itb_companion::core::family::FamilySettings;
    use itb_companion::core::field_id::FieldId;
    use itb_companion::core::problems::FieldProblem;
    let saved = FamilySettings::default();
    assert_eq!(
        saved.reminders.review_days, 30,
        "30 days unless the family sets another"
    );
    let mut draft = settings_draft(&saved);
    assert_eq!(
        draft.get(FieldId::SettingsReview.key()).map(String::as_str),
        Some("30")
    );
    for bad in ["0", "366", "thirty", "-5"] {
        draft.insert(FieldId::SettingsReview.key().into(), bad.into());
        let refused = settings_from_draft(&draft, &saved).expect_err(bad);
        assert!(
            refused
                .errors
                .iter()
                .any(|(_, p)| *p == FieldProblem::ReviewDays { max: 365 }),
            "{bad}: {refused:?}"
        );
    }
    draft.insert(FieldId::SettingsReview.key().into(), " 45 ".into());
    let (settings, _) = settings_from_draft(&draft, &saved).unwrap();
    assert_eq!(settings.reminders.review_days, 45);
    // An imported file with a review period out of range is refused, naming it.
    let mut bad = settings.clone();
    bad.reminders.review_days = 0;
    let problem = itb_companion::core::check::check_settings(&bad).unwrap_err();
    assert_eq!(problem.field, "Review period");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever is pasted or opened (any text, any change to a real payload): a clear error or
    /// a card that keeps the card rules, never a panic.
    #[test]
    fn any_pasted_text_or_altered_payload_is_read_or_refused_cleanly(
        text in ".{0,200}",
        at in 0usize..4000,
        byte in any::<u8>(),
    ) {
        let _ = read_link(&text);
        let _ = read_link(&format!("https://x/#share={text}"));
        let _ = SharedCard::from_json(&text);
        let mut json = share_of(&maya(), ALL).to_json().into_bytes();
        let at = at % json.len();
        json[at] = byte;
        if let Ok(text) = String::from_utf8(json) {
            if let Ok(card) = SharedCard::from_json(&text) {
                prop_assert!(itb_companion::core::check::check_child(&card.child).is_ok());
            }
        }
    }
}

#[test]
fn the_fuzzers_seed_card_opens() {
    // fuzz/fuzz_targets/share_card.rs starts from this seed: it must be a card that opens, so
    // the fuzzer explores from a valid share, not only from refusals.
    let seed = include_str!("../fuzz/corpus/share_card/card.json");
    let card = SharedCard::from_json(seed).expect("the seed opens");
    assert_eq!(card.child.name, "Maya Rivera");
}
