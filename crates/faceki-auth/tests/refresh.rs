//! Refresh ahead, back-off after failures, the fetch timeout and lifetime fallbacks,
//! all on paused tokio time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::sync::Arc;
use std::time::Duration;

use faceki_auth::{AuthError, CachingTokenProvider, Credentials, RefreshPolicy, TokenProvider};
use fake::{FakeFetcher, token};
use tokio::task::JoinSet;
use tokio::time::{Instant, MissedTickBehavior};

const H: u64 = 3600;
const DAY: u64 = 24 * H;
const SECRET: &str = "client-secret";

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn provider(fetcher: FakeFetcher, policy: RefreshPolicy) -> Arc<CachingTokenProvider<FakeFetcher>> {
    Arc::new(
        CachingTokenProvider::new(Credentials::new("client-id", SECRET), fetcher)
            .with_policy(policy),
    )
}

fn no_jitter() -> RefreshPolicy {
    RefreshPolicy::default().with_jitter_percent(0)
}

/// One caller every 30 s for a day. Each token is used for its lifetime minus the
/// 300 s margin (minus up to 60 s jitter), and calls come on a 30 s grid, so fetches are
/// 3,240–3,300 s apart: exactly 27 fetches in 86,400 s, with or without jitter.
async fn a_day_of_steady_calls(policy: RefreshPolicy) {
    let p = provider(FakeFetcher::tokens(secs(1), Some(H)), policy);
    let start = Instant::now();
    let mut tick = tokio::time::interval(secs(30));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut last_generation = 0;
    while start.elapsed() < secs(DAY) {
        tick.tick().await;
        let token = p.token().await.unwrap();
        let now = Instant::now();
        let expires_at = token.expires_at().expect("cached tokens have an expiry");
        assert!(!token.is_expired_at(now));
        assert!(
            expires_at - now >= secs(300),
            "handed out a token with only {:?} left",
            expires_at - now
        );
        assert!(token.generation() >= last_generation);
        last_generation = token.generation();
    }
    assert_eq!(p.fetcher().calls(), 27);
    assert_eq!(last_generation, 27);
}

#[tokio::test(start_paused = true)]
async fn a_day_of_calls_fetches_once_per_usable_lifetime() {
    a_day_of_steady_calls(no_jitter()).await;
}

#[tokio::test(start_paused = true)]
async fn a_day_of_calls_with_jitter_fetches_as_often() {
    a_day_of_steady_calls(RefreshPolicy::default()).await;
}

#[tokio::test(start_paused = true)]
async fn many_callers_over_a_day_never_get_a_token_about_to_expire() {
    let p = provider(
        FakeFetcher::tokens(secs(2), Some(H)),
        RefreshPolicy::default(),
    );
    let mut set = JoinSet::new();
    for phase in 0..8u64 {
        let p = Arc::clone(&p);
        set.spawn(async move {
            tokio::time::sleep(Duration::from_millis(phase * 3_700)).await;
            let start = Instant::now();
            while start.elapsed() < secs(DAY) {
                let token = p.token().await.unwrap();
                let left = token.expires_at().unwrap() - Instant::now();
                // Never in the last half of the margin.
                assert!(left >= secs(150), "only {left:?} left");
                tokio::time::sleep(Duration::from_millis(7_000 + phase * 1_300)).await;
            }
        });
    }
    while let Some(done) = set.join_next().await {
        done.unwrap();
    }
    // At most one fetch per usable lifetime, shared by all eight callers.
    let calls = p.fetcher().calls();
    assert!((27..=28).contains(&calls), "{calls} fetches");
}

#[tokio::test(start_paused = true)]
async fn expiry_is_measured_from_when_the_request_was_sent() {
    let p = provider(FakeFetcher::tokens(secs(10), Some(H)), no_jitter());
    let sent = Instant::now();
    let token = p.token().await.unwrap();
    assert_eq!(sent.elapsed(), secs(10));
    assert_eq!(token.expires_at(), Some(sent + secs(H)));
    // Refresh starts 300 s before that expiry, at sent + 3300, not 3310.
    tokio::time::sleep_until(sent + secs(H - 300) - Duration::from_millis(1)).await;
    p.token().await.unwrap();
    assert_eq!(p.fetcher().calls(), 1);
    tokio::time::sleep_until(sent + secs(H - 300)).await;
    assert_eq!(p.token().await.unwrap().expose_secret(), "token-1");
    assert_eq!(p.fetcher().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_keeps_serving_the_valid_token_and_retries_later() {
    let p = provider(
        FakeFetcher::new(Duration::ZERO, |n| match n {
            0 => Ok(token(0, Some(H))),
            1 | 2 => Err(AuthError::transport("connection refused")),
            n => Ok(token(n, Some(H))),
        }),
        no_jitter(),
    );
    let start = Instant::now();
    let first = p.token().await.unwrap();
    tokio::time::sleep_until(start + secs(H - 300)).await;

    // The refresh fails: the caller still gets the old token.
    assert_eq!(p.token().await.unwrap(), first);
    assert_eq!(p.fetcher().calls(), 2);
    // Within the 1 s back-off nobody fetches again.
    for _ in 0..50 {
        assert_eq!(p.token().await.unwrap(), first);
    }
    assert_eq!(p.fetcher().calls(), 2);
    // After it, one more try (fails again: back-off now 2 s).
    tokio::time::sleep(secs(1)).await;
    assert_eq!(p.token().await.unwrap(), first);
    assert_eq!(p.fetcher().calls(), 3);
    tokio::time::sleep(secs(1)).await;
    assert_eq!(p.token().await.unwrap(), first);
    assert_eq!(p.fetcher().calls(), 3);
    // Then the server is back and the next try refreshes.
    tokio::time::sleep(secs(1)).await;
    let fresh = p.token().await.unwrap();
    assert_eq!(fresh.expose_secret(), "token-3");
    assert_eq!(p.fetcher().calls(), 4);
    assert_eq!(p.token().await.unwrap(), fresh);
    assert_eq!(p.fetcher().calls(), 4);
}

#[tokio::test(start_paused = true)]
async fn a_failing_server_is_retried_on_the_back_off_schedule_then_errors_reach_callers() {
    let p = provider(
        FakeFetcher::new(Duration::ZERO, |n| {
            if n == 0 {
                Ok(token(0, Some(H)))
            } else {
                Err(AuthError::rejected(Some(503), None, None))
            }
        }),
        no_jitter(),
    );
    let start = Instant::now();
    let first = p.token().await.unwrap();
    let mut fetch_times = Vec::new();
    // One call per second through the refresh window (t = 3300 .. 3449).
    for t in (H - 300)..(H - 150) {
        tokio::time::sleep_until(start + secs(t)).await;
        let before = p.fetcher().calls();
        assert_eq!(p.token().await.unwrap(), first, "at t={t}");
        if p.fetcher().calls() > before {
            fetch_times.push(t);
        }
    }
    // Back-off 1, 2, 4, 8, 16, then capped at 30 s.
    assert_eq!(
        fetch_times,
        [3300, 3301, 3303, 3307, 3315, 3331, 3361, 3391, 3421]
    );
    // From t = 3450 (150 s before expiry) the old token is no longer handed out.
    tokio::time::sleep_until(start + secs(H - 150)).await;
    let err = p.token().await.unwrap_err();
    assert_eq!(err.http_status(), Some(503));
    // And with no usable token left, every call tries again (errors are not cached).
    p.token().await.unwrap_err();
    assert_eq!(p.fetcher().calls(), 1 + fetch_times.len() + 2);
}

#[tokio::test(start_paused = true)]
async fn the_fetch_timeout_is_enforced() {
    let p = provider(
        FakeFetcher::tokens(secs(600), Some(H)),
        RefreshPolicy::default(),
    );
    let start = Instant::now();
    let err = p.token().await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(start.elapsed(), secs(30));
    assert_eq!(
        err.to_string(),
        "fetching an access token timed out after 30s"
    );

    let p = provider(
        FakeFetcher::new(secs(6), |n| Ok(token(n, Some(H)))),
        RefreshPolicy::default().with_fetch_timeout(secs(5)),
    );
    let start = Instant::now();
    assert!(p.token().await.unwrap_err().is_timeout());
    assert_eq!(start.elapsed(), secs(5));
    // Not cached: the next call fetches again.
    p.token().await.unwrap_err();
    assert_eq!(p.fetcher().calls(), 2);
}

async fn lifetime_of(expires_in: Option<u64>) -> Duration {
    let p = provider(FakeFetcher::tokens(Duration::ZERO, expires_in), no_jitter());
    let sent = Instant::now();
    let token = p.token().await.unwrap();
    token.expires_at().unwrap() - sent
}

#[tokio::test(start_paused = true)]
async fn missing_zero_and_huge_lifetimes_fall_back_as_documented() {
    assert_eq!(lifetime_of(Some(H)).await, secs(H));
    assert_eq!(lifetime_of(None).await, secs(300));
    assert_eq!(lifetime_of(Some(0)).await, secs(300));
    assert_eq!(lifetime_of(Some(u64::MAX)).await, secs(DAY));
    assert_eq!(lifetime_of(Some(10 * 365 * DAY)).await, secs(DAY));
    assert_eq!(lifetime_of(Some(1)).await, secs(1));
}

#[tokio::test(start_paused = true)]
async fn a_fallback_lifetime_token_is_refreshed_ten_percent_early() {
    let p = provider(FakeFetcher::tokens(Duration::ZERO, None), no_jitter());
    let start = Instant::now();
    p.token().await.unwrap();
    tokio::time::sleep_until(start + secs(269)).await;
    p.token().await.unwrap();
    assert_eq!(p.fetcher().calls(), 1);
    tokio::time::sleep_until(start + secs(270)).await;
    assert_eq!(p.token().await.unwrap().expose_secret(), "token-1");
}

#[tokio::test(start_paused = true)]
async fn jitter_moves_the_refresh_earlier_by_at_most_a_fifth_of_the_margin() {
    // 40 providers: each refreshes somewhere in [3240, 3300], and not all at once.
    let mut refresh_times = Vec::new();
    for _ in 0..40 {
        let p = provider(
            FakeFetcher::tokens(Duration::ZERO, Some(H)),
            RefreshPolicy::default(),
        );
        let start = Instant::now();
        p.token().await.unwrap();
        tokio::time::sleep(secs(H - 361)).await;
        loop {
            tokio::time::sleep(secs(1)).await;
            p.token().await.unwrap();
            if p.fetcher().calls() == 2 {
                break;
            }
        }
        refresh_times.push((Instant::now() - start).as_secs());
    }
    assert!(
        refresh_times.iter().all(|t| (3240..=3300).contains(t)),
        "{refresh_times:?}"
    );
    let distinct: std::collections::BTreeSet<_> = refresh_times.iter().collect();
    assert!(distinct.len() > 5, "{refresh_times:?}");
}
