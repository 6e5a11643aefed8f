//! Every value `core` returns for the family to read has its words (issue 15.8): statuses,
//! missing details, reminders, notices and alerts. The `covered_*` functions below match every
//! variant without a wildcard, so a new value does not compile here until it is in the sample
//! lists, and then it is checked like the others.

use chrono::NaiveDate;
use itb_companion::core::card_form::CardForm;
use itb_companion::core::countdown::{EstimateInput, Missing, Reminder, ReminderKind, Status};
use itb_companion::core::dates::DateOrder;
use itb_companion::core::problems::FieldProblem;
use itb_companion::core::update::{Alert, Notice};
use itb_companion::words::home::{missing, status_advice, status_label};
use itb_companion::words::notices::{alert, notice};
use itb_companion::words::reminders::text_in;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Words a family can read: something said, a sentence or a label, no leftover placeholder
/// or debug text.
fn readable(what: &str, words: &str) {
    assert!(!words.trim().is_empty(), "{what}: no words");
    for bad in ["{", "}", "  ", "Some(", "None", "\\n"] {
        assert!(!words.contains(bad), "{what}: {words:?} contains {bad:?}");
    }
    assert_eq!(words, words.trim(), "{what}: {words:?}");
}

fn covered_status(s: Status) {
    match s {
        Status::Ok
        | Status::BookRefill
        | Status::Booked
        | Status::Due
        | Status::Late
        | Status::Overdue
        | Status::Unknown => {}
    }
}

const STATUSES: [Status; 7] = [
    Status::Ok,
    Status::BookRefill,
    Status::Booked,
    Status::Due,
    Status::Late,
    Status::Overdue,
    Status::Unknown,
];

#[test]
fn every_status_has_a_word_and_advice_with_the_familys_emergency_number() {
    for s in STATUSES {
        covered_status(s);
        for estimate_only in [false, true] {
            readable("label", status_label(s, estimate_only));
            let advice = status_advice(s, estimate_only, "112");
            readable("advice", &advice);
            assert!(advice.ends_with('.'), "{advice}");
        }
    }
    // Past the alarm date the advice names the family's number, never a built-in one.
    assert!(status_advice(Status::Overdue, false, "112").contains("112"));
    assert!(!status_advice(Status::Overdue, false, "112").contains("911"));
    // Every status has its own word: colour is never the only difference.
    let mut labels: Vec<_> = STATUSES.iter().map(|s| status_label(*s, false)).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), STATUSES.len());
}

fn covered_missing(m: &Missing) {
    match m {
        Missing::Pump
        | Missing::PrintoutAlarmDate
        | Missing::EstimateInputs(_)
        | Missing::ImplantDate
        | Missing::ReplacementDate
        | Missing::PumpClinicPhone
        | Missing::GuardianPhone => {}
    }
}

#[test]
fn every_missing_detail_is_a_sentence_saying_what_to_add() {
    let all_inputs = vec![
        EstimateInput::LastRefill,
        EstimateInput::AlarmVolume,
        EstimateInput::Concentration,
        EstimateInput::DailyDose,
    ];
    let notes = [
        Missing::Pump,
        Missing::PrintoutAlarmDate,
        Missing::EstimateInputs(all_inputs),
        Missing::ImplantDate,
        Missing::ReplacementDate,
        Missing::PumpClinicPhone,
        Missing::GuardianPhone,
    ];
    for m in &notes {
        covered_missing(m);
        let words = missing(m);
        readable("missing", &words);
        assert!(words.ends_with('.'), "{words}");
    }
    let needs = missing(&Missing::EstimateInputs(vec![
        EstimateInput::Concentration,
        EstimateInput::DailyDose,
    ]));
    assert_eq!(
        needs,
        "To estimate the alarm date the card needs the concentration, the daily dose."
    );
}

fn covered_kind(k: ReminderKind) {
    match k {
        ReminderKind::RefillBy
        | ReminderKind::Overdue
        | ReminderKind::AlarmDate
        | ReminderKind::Replacement
        | ReminderKind::VisitTomorrow
        | ReminderKind::VisitCheck
        | ReminderKind::ReviewCard => {}
    }
}

#[test]
fn every_reminder_names_the_child_and_dates_follow_the_device_order() {
    let event = d("2027-01-03");
    let kinds = [
        ReminderKind::RefillBy,
        ReminderKind::Overdue,
        ReminderKind::AlarmDate,
        ReminderKind::Replacement,
        ReminderKind::VisitTomorrow,
        ReminderKind::VisitCheck,
        ReminderKind::ReviewCard,
    ];
    for kind in kinds {
        covered_kind(kind);
        let r = Reminder {
            kind,
            key: "1:k".into(),
            date: d("2026-12-20"),
            event_date: event,
            name: "Maya".into(),
            empty_from: Some(d("2027-01-06")),
        };
        // Before, on and after the event day, in both orders.
        for today in [
            "2026-12-20",
            "2027-01-02",
            "2027-01-03",
            "2027-01-04",
            "2027-01-20",
        ] {
            for order in [DateOrder::DayMonth, DateOrder::MonthDay] {
                let (summary, body) = text_in(&r, d(today), order, "112");
                readable("summary", &summary);
                readable("body", &body);
                assert!(summary.starts_with("Maya: "), "{summary}");
                assert!(body.ends_with('.'), "{body}");
                // A date in the words is in the device's order, never ISO.
                assert!(!body.contains("2027-01-03"), "{body}");
                let other = match order {
                    DateOrder::DayMonth => "Sun, Jan 3, 2027",
                    DateOrder::MonthDay => "Sun 3 Jan 2027",
                };
                assert!(!body.contains(other), "{order:?}: {body}");
            }
        }
    }
    let refill = Reminder {
        kind: ReminderKind::RefillBy,
        key: "1:refill-by".into(),
        date: d("2026-12-20"),
        event_date: event,
        name: "Maya".into(),
        empty_from: None,
    };
    assert_eq!(
        text_in(&refill, d("2026-12-20"), DateOrder::MonthDay, "911"),
        (
            "Maya: pump refill due in 14 days".to_string(),
            "Refill by Sun, Jan 3, 2027. Book or confirm the refill with the pump clinic."
                .to_string()
        )
    );
    assert_eq!(
        text_in(&refill, d("2026-12-20"), DateOrder::DayMonth, "911").1,
        "Refill by Sun 3 Jan 2027. Book or confirm the refill with the pump clinic."
    );
}

fn covered_notice(n: &Notice) {
    match n {
        Notice::FinishOtherForm { .. }
        | Notice::Cancelled(_)
        | Notice::Deleted(_)
        | Notice::Imported
        | Notice::Restored(_)
        | Notice::BoxedWarningUpdated
        | Notice::BoxedWarningNotFound
        | Notice::BoxedWarningFailed(_)
        | Notice::ChildSaved(_)
        | Notice::PlanSaved(_)
        | Notice::RefillRecorded { .. }
        | Notice::CardSaved(_)
        | Notice::VisitBooked { .. }
        | Notice::VisitRefused(_)
        | Notice::SettingsRefused
        | Notice::SettingsSaved
        | Notice::NotSaved
        | Notice::CopyKept { .. }
        | Notice::CopyRemoved(_)
        | Notice::ClinicChecked { .. }
        | Notice::ClinicCheckInFuture => {}
    }
}

const FORMS: [CardForm; 4] = [
    CardForm::Child,
    CardForm::Pump,
    CardForm::Refill,
    CardForm::Plan,
];

#[test]
fn every_notice_and_alert_is_a_sentence_with_its_details() {
    let mut notices = vec![
        Notice::Deleted("Maya".into()),
        Notice::Imported,
        Notice::Restored("Before the import".into()),
        Notice::BoxedWarningUpdated,
        Notice::BoxedWarningNotFound,
        Notice::BoxedWarningFailed("the network is down".into()),
        Notice::ChildSaved("Maya".into()),
        Notice::PlanSaved("Maya".into()),
        Notice::RefillRecorded {
            name: "Maya".into(),
            status: None,
            estimate_only: false,
            emergency_number: "112".into(),
        },
        Notice::CardSaved("Maya".into()),
        Notice::VisitBooked {
            name: "Maya".into(),
            date: d("2027-01-05"),
            late: false,
        },
        Notice::VisitBooked {
            name: "Maya".into(),
            date: d("2027-01-05"),
            late: true,
        },
        Notice::VisitRefused(FieldProblem::VisitBeforeToday),
        Notice::SettingsRefused,
        Notice::SettingsSaved,
        Notice::NotSaved,
        Notice::CopyKept {
            name: "Maya".into(),
            sharer: "Ana".into(),
            replaced: false,
        },
        Notice::CopyKept {
            name: "Maya".into(),
            sharer: "Ana".into(),
            replaced: true,
        },
        Notice::CopyRemoved("Maya".into()),
        Notice::ClinicChecked {
            name: "Maya".into(),
            date: d("2026-11-03"),
        },
        Notice::ClinicCheckInFuture,
    ];
    for form in FORMS {
        notices.push(Notice::Cancelled(form));
        for child in [None, Some("Maya".to_string())] {
            notices.push(Notice::FinishOtherForm { child, form });
        }
    }
    for status in STATUSES {
        for estimate_only in [false, true] {
            notices.push(Notice::RefillRecorded {
                name: "Maya".into(),
                status: Some(status),
                estimate_only,
                emergency_number: "112".into(),
            });
        }
    }
    for n in &notices {
        covered_notice(n);
        let words = notice(n);
        readable("notice", &words);
        assert!(words.ends_with('.'), "{words}");
        // What the value carries is in the words.
        for detail in ["Maya", "Before the import", "the network is down"] {
            if format!("{n:?}").contains(detail) {
                assert!(words.contains(detail), "{n:?}: {words}");
            }
        }
    }
    let alerts = [
        Alert::RestorePointFailed("disk full".into()),
        Alert::ChangedElsewhere { lost_change: false },
        Alert::ChangedElsewhere { lost_change: true },
        Alert::SaveFailed("disk full".into()),
        Alert::Said("The saved cards could not be read.".into()),
    ];
    for a in &alerts {
        match a {
            Alert::RestorePointFailed(_)
            | Alert::ChangedElsewhere { .. }
            | Alert::SaveFailed(_)
            | Alert::Said(_) => {}
        }
        let words = alert(a);
        readable("alert", &words);
        assert!(words.ends_with('.'), "{words}");
    }
    assert!(alert(&alerts[0]).contains("disk full"));
    assert!(alert(&alerts[2]).contains("not saved"));
    assert!(alert(&alerts[3]).starts_with("Not saved: disk full"));
}

#[test]
fn every_calendar_event_names_the_child_and_says_what_to_do() {
    use itb_companion::core::ics::{CalendarEvent, CalendarKind};
    use itb_companion::words::reminders::calendar_event;
    let kinds = [
        CalendarKind::RefillBy,
        CalendarKind::Alarm {
            from_printout: true,
        },
        CalendarKind::Alarm {
            from_printout: false,
        },
        CalendarKind::Appointment,
        CalendarKind::Replacement,
    ];
    for kind in kinds {
        match kind {
            CalendarKind::RefillBy
            | CalendarKind::Alarm { .. }
            | CalendarKind::Appointment
            | CalendarKind::Replacement => {}
        }
        let event = CalendarEvent {
            kind,
            name: "Maya".into(),
            date: d("2027-01-03"),
            alarm_days_before: vec![1],
        };
        let (summary, description) = calendar_event(&event);
        readable("summary", &summary);
        readable("description", &description);
        assert!(summary.starts_with("Maya: pump "), "{summary}");
        assert!(description.ends_with('.'), "{description}");
    }
}

/// Every reason a card link does not open has its own readable sentence (issue 17).
#[test]
fn every_share_error_says_what_to_do() {
    use itb_companion::core::check::Problem;
    use itb_companion::core::share::ShareError;
    use itb_companion::words::share::share_error;
    let errors = [
        ShareError::NotALink,
        ShareError::NewerVersion(2),
        ShareError::Damaged,
        ShareError::WrongCode,
        ShareError::CodeFormat,
        ShareError::Refused(Problem {
            field: "Daily dose".into(),
            problem: FieldProblem::VisitBeforeToday,
        }),
        ShareError::Unsupported("no Web Crypto".into()),
    ];
    let mut said = Vec::new();
    for e in &errors {
        match e {
            ShareError::NotALink
            | ShareError::NewerVersion(_)
            | ShareError::Damaged
            | ShareError::WrongCode
            | ShareError::CodeFormat
            | ShareError::Refused(_)
            | ShareError::Unsupported(_) => {}
        }
        let words = share_error(e);
        readable("share error", &words);
        assert!(words.ends_with('.'), "{words}");
        assert!(!said.contains(&words), "two errors say the same: {words}");
        said.push(words);
    }
    assert!(share_error(&errors[1]).contains("newer version"));
    assert!(share_error(&errors[5]).contains("Daily dose"));
    assert!(share_error(&errors[6]).contains("no Web Crypto"));
}
