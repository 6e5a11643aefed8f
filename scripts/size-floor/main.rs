//! The size floor (scripts/size-floor.sh): the smallest Dioxus web app that still does what the
//! emergency card's first load must do. It reads the saved family from the real store, builds
//! the real `EmsCard` and renders it: no router, no navigation, no saving, no styles. Its
//! download is the least any build of this app that renders the card with Dioxus can send.
//! Not part of the app: the script builds it in a throw-away copy of the repository.

use dioxus::prelude::*;
use itb_companion::core::ems::ems_card;
use itb_companion::platform::store::StoreHandle;

fn main() {
    dioxus::launch(Floor);
}

#[component]
fn Floor() -> Element {
    let (store, _) = StoreHandle::platform_default();
    let loaded = store.0.load();
    let today = itb_companion::platform::clock::today();
    let Some(child) = loaded.family.children.first() else {
        return rsx! { p { "No card" } };
    };
    let card = ems_card(child, today, &loaded.family.settings.reminders);
    rsx! {
        div { class: "ems-content",
            p { "{card.warning.text}" }
            for section in card.sections {
                section { key: "{section.title}",
                    h2 { "{section.title}" }
                    dl {
                        for l in section.lines {
                            dt { "{l.label}" }
                            dd {
                                if let Some(phone) = l.phone.clone() {
                                    a { href: "tel:{phone}", "{l.value}" }
                                } else {
                                    "{l.value}"
                                }
                            }
                        }
                    }
                }
            }
            ol { for item in card.actions { li { "{item.text}" } } }
            p { "{card.updated}" }
        }
    }
}
