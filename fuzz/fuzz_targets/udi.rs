//! Any text pasted into the UDI field gets an answer, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        if let Ok(udi) = itb_companion::core::udi::parse_udi(text, today) {
            // What parses must format and parse back to the same UDI.
            let again = itb_companion::core::udi::parse_udi(
                &itb_companion::core::udi::to_parenthesised(&udi),
                today,
            );
            assert_eq!(again.as_ref(), Ok(&udi));
        }
    }
});
