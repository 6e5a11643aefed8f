//! Delivering reminders: notify-rust on desktop, the service worker's showNotification on the
//! web (the Notification constructor fails on Android Chrome), and on native mobile an honest
//! "not yet" that points to the calendar export.

/// Whether reminders can reach the user here, in words for Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Ready,
    /// The user must tap "Turn on reminders" (web, permission not asked yet).
    NeedsPermission,
    Blocked(String),
    Unsupported(String),
}

/// Shows one notification; `book`: it offers "I booked it" (web: an action that opens the app,
/// where the day is entered). Errors are plain sentences.
pub async fn notify(summary: &str, body: &str, tag: &str, book: bool) -> Result<(), String> {
    imp::notify(summary, body, tag, book).await
}

pub async fn availability() -> Availability {
    imp::availability().await
}

/// Asks for permission (web). Call only from a user's tap.
pub async fn request_permission() -> Availability {
    imp::request_permission().await
}

#[cfg(all(
    feature = "desktop",
    any(target_os = "linux", target_os = "macos", target_os = "windows")
))]
mod imp {
    use super::Availability;

    pub async fn notify(summary: &str, body: &str, _tag: &str, _book: bool) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname("ITB Companion")
            .summary(summary)
            .body(body)
            .show()
            .map(|_| ())
            .map_err(|e| format!("the desktop could not show a notification ({e})"))
    }

    pub async fn availability() -> Availability {
        Availability::Ready
    }

    pub async fn request_permission() -> Availability {
        Availability::Ready
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Availability;
    use dioxus::document::eval;

    fn parse(state: &str) -> Availability {
        match state {
            "granted" => Availability::Ready,
            "default" => Availability::NeedsPermission,
            "denied" => Availability::Blocked(
                "Notifications are blocked for this site. Allow them in the browser's site settings, or use the calendar export.".into(),
            ),
            _ => Availability::Unsupported(
                "This browser cannot show notifications. Use the calendar export instead.".into(),
            ),
        }
    }

    pub async fn availability() -> Availability {
        let mut e = eval(
            "dioxus.send(('Notification' in window && 'serviceWorker' in navigator) ? Notification.permission : 'unsupported');",
        );
        parse(&e.recv::<String>().await.unwrap_or_default())
    }

    pub async fn request_permission() -> Availability {
        let mut e = eval(
            "if (!('Notification' in window)) { dioxus.send('unsupported'); } else { Notification.requestPermission().then(p => dioxus.send(p), () => dioxus.send('denied')); }",
        );
        parse(&e.recv::<String>().await.unwrap_or_default())
    }

    pub async fn notify(summary: &str, body: &str, tag: &str, book: bool) -> Result<(), String> {
        let args = serde_json::json!({ "title": summary, "body": body, "tag": tag, "book": book })
            .to_string();
        let script = format!(
            "(async () => {{ const a = {args};\
              if (!('Notification' in window) || Notification.permission !== 'granted') {{ dioxus.send('not-permitted'); return; }}\
              const reg = await navigator.serviceWorker.getRegistration() || await navigator.serviceWorker.register('/sw.js');\
              await navigator.serviceWorker.ready;\
              const actions = a.book ? [{{ action: 'booked', title: 'I booked it' }}] : [];\
              await reg.showNotification(a.title, {{ body: a.body, tag: a.tag, icon: '/icon-192.png', actions }});\
              dioxus.send('ok'); }})().catch(e => dioxus.send('error: ' + e));"
        );
        let mut e = eval(&script);
        match e.recv::<String>().await.unwrap_or_default().as_str() {
            "ok" => Ok(()),
            "not-permitted" => Err("notifications are not turned on".into()),
            other => Err(format!(
                "the browser could not show a notification ({other})"
            )),
        }
    }
}

#[cfg(not(any(
    target_arch = "wasm32",
    all(
        feature = "desktop",
        any(target_os = "linux", target_os = "macos", target_os = "windows")
    )
)))]
mod imp {
    use super::Availability;

    const NOT_YET: &str = "Reminders are not yet delivered natively on this phone. Use \"Add to calendar\" so your phone's calendar reminds you.";

    pub async fn notify(
        _summary: &str,
        _body: &str,
        _tag: &str,
        _book: bool,
    ) -> Result<(), String> {
        Err(NOT_YET.into())
    }

    pub async fn availability() -> Availability {
        Availability::Unsupported(NOT_YET.into())
    }

    pub async fn request_permission() -> Availability {
        Availability::Unsupported(NOT_YET.into())
    }
}
