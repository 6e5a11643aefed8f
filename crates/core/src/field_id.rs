//! Every fixed field of every form, by name (issue 15.3): the rules, the drafts and the tests
//! name a field with a variant the compiler checks, never with a hand-typed string. `key()` is
//! its text id, the one the draft, the page (`f-{key}`) and a kept draft use. The items of a
//! list (a medicine's dose, a contact's phone) are named by their list (`ListSpec::key`).

/// A fixed field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    // The child form
    Name,
    DateOfBirth,
    WeightKg,
    WeightDate,
    Diagnoses,
    MedicalId,
    NeuroStatus,
    Mobility,
    Communication,
    NonVerbal,
    VitalSigns,
    AllergyDrug,
    AllergyFood,
    AllergyLatex,
    ClinicName,
    ClinicPhone,
    ClinicAfterHours,
    PrimaryName,
    PrimaryPhone,
    NeurosurgeonName,
    NeurosurgeonPhone,
    Hospital,
    ProceduresToAvoid,
    ActivityRestrictions,
    FeverProtocol,
    OverdoseSigns,
    OverdoseSigns911,
    WithdrawalSigns,
    WithdrawalSigns911,
    // The pump form
    PumpModel,
    PumpModelOther,
    Udi,
    SerialNumber,
    ImplantDate,
    PumpSite,
    PumpSiteOther,
    CatheterModel,
    CatheterTip,
    CatheterDate,
    ReservoirMl,
    AlarmVolumeMl,
    MriNotes,
    DrugName,
    DrugSource,
    Concentration,
    DailyDose,
    LastRefillDate,
    LastRefillVolume,
    PrintoutAlarmDate,
    NextAppointment,
    EriDate,
    ReplacementDate,
    FlexConfirmed,
    /// The box that confirms a 2x change of dose or concentration (shown only then).
    DrugChangeChecked,
    // The refill form
    RefillDate,
    RefillVolume,
    RefillAlarmDate,
    RefillConcentration,
    RefillConcentrationChecked,
    RefillDose,
    // The Settings form
    SettingsRefill,
    SettingsAlarm,
    SettingsReplace,
    SettingsBook,
    SettingsWatch,
    SettingsEmergency,
    SettingsReview,
}

impl FieldId {
    /// Every fixed field, in the order of the forms.
    pub const ALL: [FieldId; 67] = [
        FieldId::Name,
        FieldId::DateOfBirth,
        FieldId::WeightKg,
        FieldId::WeightDate,
        FieldId::Diagnoses,
        FieldId::MedicalId,
        FieldId::NeuroStatus,
        FieldId::Mobility,
        FieldId::Communication,
        FieldId::NonVerbal,
        FieldId::VitalSigns,
        FieldId::AllergyDrug,
        FieldId::AllergyFood,
        FieldId::AllergyLatex,
        FieldId::ClinicName,
        FieldId::ClinicPhone,
        FieldId::ClinicAfterHours,
        FieldId::PrimaryName,
        FieldId::PrimaryPhone,
        FieldId::NeurosurgeonName,
        FieldId::NeurosurgeonPhone,
        FieldId::Hospital,
        FieldId::ProceduresToAvoid,
        FieldId::ActivityRestrictions,
        FieldId::FeverProtocol,
        FieldId::OverdoseSigns,
        FieldId::OverdoseSigns911,
        FieldId::WithdrawalSigns,
        FieldId::WithdrawalSigns911,
        FieldId::PumpModel,
        FieldId::PumpModelOther,
        FieldId::Udi,
        FieldId::SerialNumber,
        FieldId::ImplantDate,
        FieldId::PumpSite,
        FieldId::PumpSiteOther,
        FieldId::CatheterModel,
        FieldId::CatheterTip,
        FieldId::CatheterDate,
        FieldId::ReservoirMl,
        FieldId::AlarmVolumeMl,
        FieldId::MriNotes,
        FieldId::DrugName,
        FieldId::DrugSource,
        FieldId::Concentration,
        FieldId::DailyDose,
        FieldId::LastRefillDate,
        FieldId::LastRefillVolume,
        FieldId::PrintoutAlarmDate,
        FieldId::NextAppointment,
        FieldId::EriDate,
        FieldId::ReplacementDate,
        FieldId::FlexConfirmed,
        FieldId::DrugChangeChecked,
        FieldId::RefillDate,
        FieldId::RefillVolume,
        FieldId::RefillAlarmDate,
        FieldId::RefillConcentration,
        FieldId::RefillConcentrationChecked,
        FieldId::RefillDose,
        FieldId::SettingsRefill,
        FieldId::SettingsAlarm,
        FieldId::SettingsReplace,
        FieldId::SettingsBook,
        FieldId::SettingsWatch,
        FieldId::SettingsEmergency,
        FieldId::SettingsReview,
    ];

    /// The field's text id.
    pub const fn key(self) -> &'static str {
        match self {
            FieldId::Name => "name",
            FieldId::DateOfBirth => "date_of_birth",
            FieldId::WeightKg => "weight_kg",
            FieldId::WeightDate => "weight_date",
            FieldId::Diagnoses => "diagnoses",
            FieldId::MedicalId => "medical_id",
            FieldId::NeuroStatus => "neuro_status",
            FieldId::Mobility => "mobility",
            FieldId::Communication => "communication",
            FieldId::NonVerbal => "non_verbal",
            FieldId::VitalSigns => "vital_signs",
            FieldId::AllergyDrug => "allergy_drug",
            FieldId::AllergyFood => "allergy_food",
            FieldId::AllergyLatex => "allergy_latex",
            FieldId::ClinicName => "clinic_name",
            FieldId::ClinicPhone => "clinic_phone",
            FieldId::ClinicAfterHours => "clinic_after_hours",
            FieldId::PrimaryName => "primary_name",
            FieldId::PrimaryPhone => "primary_phone",
            FieldId::NeurosurgeonName => "neurosurgeon_name",
            FieldId::NeurosurgeonPhone => "neurosurgeon_phone",
            FieldId::Hospital => "hospital",
            FieldId::ProceduresToAvoid => "procedures_to_avoid",
            FieldId::ActivityRestrictions => "activity_restrictions",
            FieldId::FeverProtocol => "fever_protocol",
            FieldId::OverdoseSigns => "overdose_signs",
            FieldId::OverdoseSigns911 => "overdose_signs_911",
            FieldId::WithdrawalSigns => "withdrawal_signs",
            FieldId::WithdrawalSigns911 => "withdrawal_signs_911",
            FieldId::PumpModel => "pump_model",
            FieldId::PumpModelOther => "pump_model_other",
            FieldId::Udi => "udi",
            FieldId::SerialNumber => "serial_number",
            FieldId::ImplantDate => "implant_date",
            FieldId::PumpSite => "pump_site",
            FieldId::PumpSiteOther => "pump_site_other",
            FieldId::CatheterModel => "catheter_model",
            FieldId::CatheterTip => "catheter_tip",
            FieldId::CatheterDate => "catheter_date",
            FieldId::ReservoirMl => "reservoir_ml",
            FieldId::AlarmVolumeMl => "alarm_volume_ml",
            FieldId::MriNotes => "mri_notes",
            FieldId::DrugName => "drug_name",
            FieldId::DrugSource => "drug_source",
            FieldId::Concentration => "concentration",
            FieldId::DailyDose => "daily_dose",
            FieldId::LastRefillDate => "last_refill_date",
            FieldId::LastRefillVolume => "last_refill_volume",
            FieldId::PrintoutAlarmDate => "printout_alarm_date",
            FieldId::NextAppointment => "next_appointment",
            FieldId::EriDate => "eri_date",
            FieldId::ReplacementDate => "replacement_date",
            FieldId::FlexConfirmed => "flex_confirmed",
            FieldId::DrugChangeChecked => "drug_change_checked",
            FieldId::RefillDate => "refill_date",
            FieldId::RefillVolume => "refill_volume",
            FieldId::RefillAlarmDate => "refill_alarm_date",
            FieldId::RefillConcentration => "refill_concentration",
            FieldId::RefillConcentrationChecked => "refill_concentration_checked",
            FieldId::RefillDose => "refill_dose",
            FieldId::SettingsRefill => "settings.refill",
            FieldId::SettingsAlarm => "settings.alarm",
            FieldId::SettingsReplace => "settings.replace",
            FieldId::SettingsBook => "settings.book",
            FieldId::SettingsWatch => "settings.watch",
            FieldId::SettingsEmergency => "settings.emergency",
            FieldId::SettingsReview => "settings.review",
        }
    }

    /// A field of the Settings form (which has its own slot in the model).
    pub fn is_setting(self) -> bool {
        matches!(
            self,
            FieldId::SettingsRefill
                | FieldId::SettingsAlarm
                | FieldId::SettingsReplace
                | FieldId::SettingsBook
                | FieldId::SettingsWatch
                | FieldId::SettingsEmergency
                | FieldId::SettingsReview
        )
    }

    /// The field with this text id, if it is a fixed field.
    pub fn from_key(key: &str) -> Option<FieldId> {
        FieldId::ALL.into_iter().find(|f| f.key() == key)
    }
}

impl AsRef<str> for FieldId {
    fn as_ref(&self) -> &str {
        self.key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_key_and_reads_back() {
        for (i, f) in FieldId::ALL.iter().enumerate() {
            assert_eq!(FieldId::from_key(f.key()), Some(*f));
            assert!(
                FieldId::ALL[..i].iter().all(|g| g.key() != f.key()),
                "{f:?}"
            );
        }
        assert_eq!(FieldId::from_key("med1_name"), None);
    }

    /// Every field a form shows is a `FieldId` or an item of one of its lists (no id typed by
    /// hand anywhere), and every `FieldId` is shown by some form.
    #[test]
    fn the_forms_show_exactly_the_fixed_fields_and_list_items() {
        use crate::card_form::{
            sections, CardForm, CARE_TEAM, CONTACTS, FLEX_STEPS, MEDICINES, PLAN_STEPS,
            PRN_MEDICINES,
        };
        let lists = [
            MEDICINES,
            PRN_MEDICINES,
            CONTACTS,
            PLAN_STEPS,
            CARE_TEAM,
            FLEX_STEPS,
        ];
        let is_item = |id: &str| {
            lists
                .iter()
                .any(|l| (1..=l.max).any(|n| l.suffixes.iter().any(|s| l.key(n, s) == id)))
        };
        let mut shown = Vec::new();
        let forms = [
            CardForm::Child,
            CardForm::Pump,
            CardForm::Refill,
            CardForm::Plan,
            CardForm::Settings,
        ];
        for form in forms {
            for spec in sections(form).into_iter().flat_map(|s| s.fields) {
                match FieldId::from_key(&spec.id) {
                    Some(f) => shown.push(f),
                    None => assert!(is_item(&spec.id), "{form:?}: {} is not a FieldId", spec.id),
                }
            }
        }
        // The confirm boxes show only when needed (a flex mismatch, a 2x change); the other
        // fields always.
        let confirm_boxes = [
            FieldId::FlexConfirmed,
            FieldId::DrugChangeChecked,
            FieldId::RefillConcentrationChecked,
        ];
        for f in FieldId::ALL {
            if !confirm_boxes.contains(&f) {
                assert!(shown.contains(&f), "{f:?} is on no form");
            }
        }
    }
}
