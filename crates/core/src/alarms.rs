//! What the pump's alarm sounds mean, per model (clinical reference §4). Only the SynchroMed II
//! tones are documented in the reference; for Prometra and other models every alarm is a call
//! to the clinic now.

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

/// The sounds to explain for this pump: the SynchroMed II table, or none (call the clinic).
pub fn sounds_for(model: Option<&PumpModel>) -> &'static [AlarmSound] {
    match model {
        Some(m) if m.is_synchromed() => &SYNCHROMED_SOUNDS,
        _ => &[],
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
}
