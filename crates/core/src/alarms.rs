//! What the pump's alarm sounds mean, per model (clinical reference §4). Only the SynchroMed II
//! tones are documented in the reference; for Prometra, SynchroMed III and other models every
//! alarm is a call to the clinic now (§1, §4), and SynchroMed III's is taken as the two-tone one.

use super::content::Cited;
use super::profile::PumpModel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlarmSound {
    pub sound: &'static str,
    pub means: &'static str,
    pub action: &'static str,
    /// True when the medicine may not be flowing (act immediately).
    pub urgent: bool,
    pub sources: &'static [&'static str],
}

pub const SYNCHROMED_SOUNDS: [AlarmSound; 2] = [
    AlarmSound {
        sound: "Two-tone alarm, about 3 seconds long",
        means: "Medication is NOT flowing: empty reservoir, end of battery, the pump's motor has stopped (motor stall), or a serious fault in the pump's memory (critical memory error).",
        action: "Call the pump clinic IMMEDIATELY. Watch for signs of withdrawal; go to the emergency room if any appear.",
        urgent: true,
        sources: &["M1", "M2", "G2"],
    },
    AlarmSound {
        sound: "Single 1-second tone, repeating about every hour",
        means: "Low reservoir, the pump's replacement alarm (ERI: the pump must be replaced within 90 days), or a minor fault in the pump's memory (non-critical memory error).",
        action: "Call the pump clinic today to book a refill or a replacement.",
        urgent: false,
        sources: &["M1", "M2", "G2", "M3"],
    },
];

pub const ANY_BEEPING: Cited = Cited {
    text: "Any beeping must be checked by the clinic.",
    sources: &["CW"],
};

pub const OTHER_MODEL: Cited = Cited {
    text: "Any alarm: call your clinic now. This model's alarm tones are not described in the app's sources, so the clinic's instructions come first.",
    sources: &["CW"],
};

/// SynchroMed III (§1): its alarm tones are UNCONFIRMED, so any alarm is taken as the two-tone
/// one (medication may not be flowing) and the clinic is called now (§4 table).
pub const SYNCHROMED_III_ANY_ALARM: Cited = Cited {
    text: "Any alarm: call your clinic now, and treat it as the two-tone alarm: the medication may NOT be flowing. The alarm tones of SynchroMed III are not confirmed in the app's sources, so ask your clinic what each one means. Watch for signs of withdrawal; go to the emergency room if any appear.",
    sources: &["M13", "M1", "M2", "G2"],
};

/// For every model (§4): a parent who is not sure which sound they heard takes the higher
/// level, the two-tone alarm.
pub const NOT_SURE_WHICH_SOUND: Cited = Cited {
    text: "If you are not sure which sound you heard, treat it as the two-tone alarm: the medication may NOT be flowing. Call the pump clinic IMMEDIATELY and watch for signs of withdrawal.",
    sources: &["M1", "M2", "G2", "CW"],
};

/// The sounds to explain for this pump: the SynchroMed II table, or none (call the clinic).
pub fn sounds_for(model: Option<&PumpModel>) -> &'static [AlarmSound] {
    match model {
        Some(m) if m.is_synchromed() => &SYNCHROMED_SOUNDS,
        _ => &[],
    }
}

/// What to do for any alarm of a pump whose tones the app does not explain (`sounds_for` is
/// empty): SynchroMed III's line, or "call your clinic" (Prometra, other models, no model).
pub fn any_alarm_for(model: Option<&PumpModel>) -> Cited {
    match model {
        Some(m) if m.is_synchromed_iii() => SYNCHROMED_III_ANY_ALARM,
        _ => OTHER_MODEL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synchromed_gets_both_tones_and_others_get_call_the_clinic() {
        let s = sounds_for(Some(&PumpModel::SynchromedII8637_40));
        assert_eq!(s.len(), 2);
        assert!(s[0].urgent && s[0].action.contains("IMMEDIATELY"));
        assert!(sounds_for(Some(&PumpModel::PrometraII13827)).is_empty());
        assert!(sounds_for(None).is_empty());
        assert!(OTHER_MODEL
            .text
            .starts_with("Any alarm: call your clinic now"));
    }

    #[test]
    fn synchromed_iii_takes_any_alarm_as_the_two_tone_one() {
        let iii = Some(&PumpModel::SynchromedIII);
        assert!(sounds_for(iii).is_empty(), "its tones are not confirmed");
        let line = any_alarm_for(iii);
        assert!(line.text.starts_with("Any alarm: call your clinic now"));
        assert!(line.text.contains("two-tone"));
        assert_eq!(
            any_alarm_for(Some(&PumpModel::PrometraII13827)),
            OTHER_MODEL
        );
        assert_eq!(any_alarm_for(None), OTHER_MODEL);
    }
}
