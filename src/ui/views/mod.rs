//! One file per screen.

mod device_card;
mod emergency_card;
mod emergency_plan;
mod home;
mod printables;
mod pump_alarms;
mod settings;
mod share;
mod shared;
mod sources;
mod symptoms;

pub use device_card::DeviceCard;
pub use emergency_card::EmergencyCard;
pub use emergency_plan::EmergencyPlan;
pub use home::Home;
pub use printables::{Printable, Printables};
pub use pump_alarms::PumpAlarms;
pub use settings::Settings;
pub use share::ShareCard;
pub use shared::{OpenShared, SharedCopyView};
pub use sources::Source;
pub use symptoms::{OverdoseWatch, SymptomChecker};
