//! The real openFDA client against a real HTTP server on 127.0.0.1 serving the documented
//! response shapes (api-notes.md), and what the family is shown for each outcome.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use itb_companion::core::profile::PumpModel;
use itb_companion::core::recalls::{recall_view, LookupError, RecallCache, RecallView};
use itb_companion::services::openfda::OpenFda;

/// A canned answer: status, extra headers, body, and a delay before answering.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    delay: Duration,
}

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        headers: vec![],
        body: body.to_string(),
        delay: Duration::ZERO,
    }
}

struct Server {
    base: String,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

/// Serves `route(path_and_query, nth_hit)` on a fresh loopback port, in a thread.
fn serve(route: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (h, r) = (hits.clone(), requests.clone());
    let route = Arc::new(route);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(50) {
            let Ok(mut stream) = stream else { continue };
            let (h, r, route) = (h.clone(), r.clone(), route.clone());
            // One thread per connection, so a slow answer never delays counting the next try.
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    request.push_str(&line);
                    line.clear();
                }
                let target = request.split_whitespace().nth(1).unwrap_or("").to_string();
                r.lock().unwrap().push(request);
                let n = h.fetch_add(1, Ordering::SeqCst);
                let rep = route(&target, n);
                std::thread::sleep(rep.delay);
                let mut head = format!(
                "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                rep.status,
                rep.body.len()
            );
                for (k, v) in &rep.headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(rep.body.as_bytes());
            });
        }
    });
    Server {
        base,
        hits,
        requests,
    }
}

fn client(base: &str) -> OpenFda {
    OpenFda::with_settings(
        base,
        Duration::from_secs(2),
        Duration::from_millis(700),
        Duration::from_millis(10),
    )
}

const RECALLS: &str = r#"{"meta":{"disclaimer":"Do not rely on openFDA to make decisions regarding medical care.","terms":"https://open.fda.gov/terms/","license":"https://open.fda.gov/license/","last_updated":"2026-11-20","results":{"skip":0,"limit":100,"total":2}},
"results":[
 {"product_res_number":"Z-3043-2011","cfres_id":"102030","res_event_number":"59000","event_date_initiated":"2011-07-05","event_date_posted":"2011-09-01","recall_status":"Terminated","product_code":"LKK","pma_numbers":["P860004S056"],"k_numbers":[],"product_description":"SynchroMed II Implantable Drug Infusion Pump, models 8637-20 and 8637-40","code_info":"All serial numbers","recalling_firm":"Medtronic Neuromodulation","reason_for_recall":"Battery: potential for the pump motor to stall","root_cause_description":"Design","action":"Letter","openfda":{"device_name":"Pump, infusion, implanted, programmable","device_class":"3"}},
 {"product_res_number":"Z-1570-2014","cfres_id":"125000","res_event_number":"67000","event_date_initiated":"2014-02-26","event_date_posted":"2014-05-01","event_date_terminated":"2018-09-28","recall_status":"Terminated","product_code":"LKK","pma_numbers":["P860004S200"],"k_numbers":[],"product_description":"SynchroMed II","code_info":"","recalling_firm":"Medtronic Neuromodulation","reason_for_recall":"Over-infusion","root_cause_description":"","action":"","openfda":{"device_name":"Pump, infusion, implanted, programmable","device_class":"3"}}
]}"#;

const ENFORCEMENT: &str = r#"{"meta":{"results":{"skip":0,"limit":100,"total":2}},"results":[
 {"recall_number":"Z-3043-2011","classification":"Class I","status":"Terminated","recall_initiation_date":"20110705","reason_for_recall":"Battery"},
 {"recall_number":"Z-1570-2014","classification":"Class II","status":"Terminated","recall_initiation_date":"20140226","reason_for_recall":"Over-infusion"}]}"#;

const NOT_FOUND: &str = r#"{"error":{"code":"NOT_FOUND","message":"No matches found!"}}"#;
const SERVER_ERROR: &str =
    r#"{"error":{"code":"SERVER_ERROR","message":"Check your request and try again"}}"#;

fn synchromed() -> PumpModel {
    PumpModel::SynchromedII8637_20
}

fn cache() -> RecallCache {
    RecallCache {
        model_key: "synchromed_ii_8637_20".into(),
        checked_at: "2026-10-01T09:00:00Z".into(),
        recalls: vec![],
    }
}

fn shown(
    outcome: Result<Vec<itb_companion::core::recalls::Recall>, LookupError>,
    cache: Option<&RecallCache>,
) -> String {
    recall_view(
        outcome,
        cache,
        "synchromed_ii_8637_20",
        "2026-11-23T10:00:00Z",
    )
    .0
    .headline()
}

#[tokio::test]
async fn success_lists_two_recalls_with_their_classes() {
    let server = serve(|path, _| {
        if path.starts_with("/device/recall.json") {
            reply(200, RECALLS)
        } else {
            reply(200, ENFORCEMENT)
        }
    });
    let recalls = client(&server.base).recalls(&synchromed()).await.unwrap();
    assert_eq!(recalls.len(), 2);
    assert_eq!(recalls[0].number, "Z-1570-2014", "newest first");
    assert_eq!(recalls[0].class.as_deref(), Some("Class II"));
    assert_eq!(recalls[1].class.as_deref(), Some("Class I"));
    assert_eq!(recalls[1].date_initiated, "2011-07-05");
    assert!(recalls[1].link.contains("102030"));
    let requests = server.requests.lock().unwrap().clone();
    assert!(
        requests[0].contains("search=product_code%3ALKK+AND+product_description%3Asynchromed"),
        "{}",
        requests[0]
    );
    assert!(
        requests[0]
            .to_lowercase()
            .contains("user-agent: itb-companion/"),
        "{}",
        requests[0]
    );
    let (view, new_cache) = recall_view(
        Ok(recalls),
        None,
        "synchromed_ii_8637_20",
        "2026-11-23T10:00:00Z",
    );
    assert!(matches!(view, RecallView::Checked { .. }));
    assert_eq!(
        new_cache.unwrap().recalls.len(),
        2,
        "a success refreshes the cache"
    );
    assert!(view.headline().starts_with("2 recall record(s)"));
}

#[tokio::test]
async fn a_404_not_found_means_none_found() {
    let server = serve(|_, _| reply(404, NOT_FOUND));
    let recalls = client(&server.base).recalls(&synchromed()).await.unwrap();
    assert!(recalls.is_empty());
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        1,
        "404 is an answer, not retried"
    );
    assert!(shown(Ok(recalls), None)
        .starts_with("No recalls found for this pump model (checked 2026-11-23"));
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_for_then_succeeds() {
    let server = serve(|path, n| match n {
        0 => Reply {
            headers: vec![("Retry-After".into(), "1".into())],
            ..reply(
                429,
                r#"{"error":{"code":"OVER_RATE_LIMIT","message":"slow down"}}"#,
            )
        },
        _ if path.starts_with("/device/recall.json") => reply(200, RECALLS),
        _ => reply(200, ENFORCEMENT),
    });
    let started = Instant::now();
    let recalls = client(&server.base).recalls(&synchromed()).await.unwrap();
    assert_eq!(recalls.len(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 was honoured"
    );
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        3,
        "429, then recall, then enforcement"
    );
}

#[tokio::test]
async fn repeated_500s_give_could_not_check_with_the_cached_answer_never_no_recalls() {
    let server = serve(|_, _| reply(500, SERVER_ERROR));
    let result = client(&server.base).recalls(&synchromed()).await;
    assert_eq!(result, Err(LookupError::Server(500)));
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        3,
        "three tries, then stop"
    );
    let with_cache = shown(result.clone(), Some(&cache()));
    assert!(
        with_cache.starts_with("Could not check for recalls"),
        "{with_cache}"
    );
    assert!(
        with_cache.contains("2026-10-01T09:00:00Z"),
        "shows when it last succeeded"
    );
    let without = shown(result, None);
    assert!(
        without.contains("does not mean there are no recalls"),
        "{without}"
    );
    assert!(!without.starts_with("No recalls"));
}

#[tokio::test]
async fn a_timeout_is_retried_then_reported() {
    let server = serve(|_, _| Reply {
        delay: Duration::from_millis(1500),
        ..reply(200, RECALLS)
    });
    let result = client(&server.base).recalls(&synchromed()).await;
    assert_eq!(result, Err(LookupError::Timeout));
    assert_eq!(server.hits.load(Ordering::SeqCst), 3);
    assert!(shown(result, None).contains("did not answer in time"));
}

#[tokio::test]
async fn malformed_json_is_could_not_check() {
    let server = serve(|_, _| reply(200, r#"{"results": [ {"product_res_number": "Z-1"#));
    let result = client(&server.base).recalls(&synchromed()).await;
    assert!(
        matches!(result, Err(LookupError::Malformed(_))),
        "{result:?}"
    );
    assert!(shown(result, Some(&cache())).contains("cannot read"));
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let big = format!(r#"{{"results":[],"pad":"{}"}}"#, "x".repeat(300_000));
    let server = serve(move |_, _| reply(200, &big));
    let result = client(&server.base)
        .with_max_bytes(100_000)
        .recalls(&synchromed())
        .await;
    assert_eq!(result, Err(LookupError::TooLarge));
}

#[tokio::test]
async fn a_400_is_never_retried() {
    let server = serve(|_, _| {
        reply(
            400,
            r#"{"error":{"code":"BAD_REQUEST","message":"Invalid query"}}"#,
        )
    });
    let result = client(&server.base).recalls(&synchromed()).await;
    assert_eq!(result, Err(LookupError::Rejected(400)));
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn nothing_listening_is_could_not_check() {
    let port = {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let result = client(&format!("http://127.0.0.1:{port}"))
        .recalls(&synchromed())
        .await;
    assert!(matches!(result, Err(LookupError::Network(_))), "{result:?}");
}

#[tokio::test]
async fn udi_lookup_and_boxed_warning_read_their_shapes() {
    let server = serve(|path, _| {
        if path.starts_with("/device/udi.json") {
            reply(
                200,
                r#"{"results":[{"brand_name":"SynchroMed II","version_or_model_number":"8637-20","company_name":"Medtronic, Inc.","mri_safety":"MR Conditional","device_description":"Programmable pump","identifiers":[{"id":"00643169007222","type":"Primary","issuing_agency":"GS1"}],"commercial_distribution_status":"In Commercial Distribution"}]}"#,
            )
        } else {
            reply(
                200,
                r#"{"results":[{"set_id":"e05080ef-53d9-4060-aaa4-86a6935467de","effective_time":"20240101","boxed_warning":["WARNING: ABRUPT DISCONTINUATION","Abrupt discontinuation of intrathecal baclofen..."]}]}"#,
            )
        }
    });
    let fda = client(&server.base);
    let device = fda.device("00643169007222").await.unwrap().unwrap();
    assert_eq!(device.mri_safety, "MR Conditional");
    assert_eq!(device.model, "8637-20");
    let warning = fda
        .boxed_warning("2026-11-23T10:00:00Z")
        .await
        .unwrap()
        .unwrap();
    assert!(warning.text.starts_with("WARNING: ABRUPT DISCONTINUATION"));
    assert_eq!(warning.effective, "20240101");
}

#[test]
fn query_values_are_form_encoded() {
    use itb_companion::services::openfda::query_escape;
    assert_eq!(
        query_escape("product_code:LKK AND product_description:\"synchromed\""),
        "product_code%3ALKK+AND+product_description%3A%22synchromed%22"
    );
    assert_eq!(query_escape("a+b&c=d/é"), "a%2Bb%26c%3Dd%2F%C3%A9");
    assert_eq!(query_escape("Safe-._~09az"), "Safe-._~09az");
}
