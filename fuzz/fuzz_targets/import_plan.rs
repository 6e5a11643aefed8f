//! Import parsing: any file is either planned (fully validated) or refused with a message.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut current = itb_companion::core::family::Family::default();
    current.add_child("Sam");
    let _ = itb_companion::core::storefile::plan_import(data, &current, today);
});
