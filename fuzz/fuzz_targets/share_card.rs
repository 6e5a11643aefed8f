//! A card link or shared payload (issue 17): any text is read or refused with a clear error,
//! never a panic; a payload that opens keeps the card rules and survives its own round trip.
#![no_main]
use itb_companion::core::share::{read_link, SharedCard};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = read_link(text);
    if let Ok(card) = SharedCard::from_json(text) {
        assert!(itb_companion::core::check::check_child(&card.child).is_ok());
        let again = SharedCard::from_json(&card.to_json()).expect("a card that opened opens again");
        assert_eq!(again, card);
    }
});
