//! A fleet sharing one token through a real `redis-server` (started by the test on a
//! free loopback port) against the sandbox, which counts the tokens it issues. Each
//! client has its own store and connection, as separate processes would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use faceki_auth::TokenScope;
use faceki_auth_redis::{RedisStoreConfig, RedisTokenStore};
use faceki_http::Client;
use faceki_sandbox::{Sandbox, SandboxHandle};
use redis_server::RedisServer;

/// Short waits, so the tests run in seconds.
fn config() -> RedisStoreConfig {
    let mut config = RedisStoreConfig::default();
    config.op_timeout = Duration::from_millis(300);
    config.lock_ttl = Duration::from_millis(800);
    config.poll_interval = Duration::from_millis(10);
    config.retry_after = Duration::from_millis(200);
    config
}

fn store(redis: &RedisServer) -> Arc<RedisTokenStore> {
    Arc::new(RedisTokenStore::with_config(redis.url(), config()).unwrap())
}

fn client(sandbox: &SandboxHandle, store: Arc<RedisTokenStore>) -> Client {
    let creds = sandbox.credentials();
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .token_store_shared(store)
        .build()
        .unwrap()
}

/// One client per store, as separate processes would have.
fn fleet(n: usize, sandbox: &SandboxHandle, redis: &RedisServer) -> Vec<Client> {
    (0..n).map(|_| client(sandbox, store(redis))).collect()
}

/// Every client makes one call, all at once; all must succeed.
async fn call_all(clients: &[Client]) {
    let mut set = tokio::task::JoinSet::new();
    for c in clients {
        let c = c.clone();
        set.spawn(async move { c.v2().rules().await });
    }
    while let Some(result) = set.join_next().await {
        result.unwrap().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cold_fleet_of_32_clients_fetches_one_token() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder().start().await.unwrap();
    let clients = fleet(32, &sandbox, &redis);
    call_all(&clients).await;
    assert_eq!(sandbox.tokens_issued(), 1, "one token for the whole fleet");
    // Warm copies: more calls, no more tokens, and Redis is not needed at all.
    let mut redis = redis;
    redis.kill();
    call_all(&clients).await;
    assert_eq!(sandbox.tokens_issued(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulated_day_of_steady_traffic_costs_24_or_25_tokens() {
    // One second stands for one hour: the sandbox issues 1 s tokens (Faceki's are
    // 3600 s), and eight clients call steadily for 24 s.
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder()
        .token_lifetime(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let clients = fleet(8, &sandbox, &redis);
    let day = Duration::from_secs(24);
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for c in clients {
        set.spawn(async move {
            let mut calls = 0u32;
            while started.elapsed() < day {
                c.v2().rules().await.unwrap();
                calls += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            calls
        });
    }
    let mut calls = 0;
    while let Some(n) = set.join_next().await {
        calls += n.unwrap();
    }
    let tokens = sandbox.tokens_issued();
    eprintln!("a simulated day: {tokens} tokens for {calls} calls from 8 clients");
    assert!(calls > 8 * 24 * 10, "steady traffic: {calls} calls");
    assert!(
        (24..=25).contains(&tokens),
        "{tokens} tokens for a simulated day ({calls} calls)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_lock_holder_is_taken_over_when_its_lock_expires() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder().start().await.unwrap();
    // A process took the lock and died before publishing a token.
    let scope = TokenScope::new(sandbox.base_url(), sandbox.credentials().client_id());
    let lock_key = store(&redis).keys(&scope).lock;
    let lock_ttl = config().lock_ttl;
    let answer = redis.command(&[
        "SET",
        &lock_key,
        "dead-holder",
        "PX",
        &lock_ttl.as_millis().to_string(),
    ]);
    assert!(answer.starts_with("+OK"), "{answer}");
    let started = Instant::now();
    let clients = fleet(8, &sandbox, &redis);
    call_all(&clients).await;
    let waited = started.elapsed();
    assert_eq!(sandbox.tokens_issued(), 1, "one takeover fetch, not eight");
    // The documented bound: the lock's expiry, then one poll and one fetch.
    assert!(
        waited >= lock_ttl / 2,
        "they waited for the holder: {waited:?}"
    );
    assert!(
        waited < lock_ttl + Duration::from_secs(2),
        "bounded: {waited:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_killed_mid_run_means_local_tokens_and_sharing_resumes_when_it_is_back() {
    let mut redis = RedisServer::start();
    let sandbox = Sandbox::builder().start().await.unwrap();
    // One store for every client here (one process), so its back-off is observed.
    let shared = store(&redis);
    let first: Vec<Client> = (0..4)
        .map(|_| client(&sandbox, Arc::clone(&shared)))
        .collect();
    call_all(&first).await;
    assert_eq!(sandbox.tokens_issued(), 1);

    redis.kill();
    call_all(&first).await; // warm copies: unaffected
    let cold: Vec<Client> = (0..4)
        .map(|_| client(&sandbox, Arc::clone(&shared)))
        .collect();
    call_all(&cold).await; // no Redis: each fetches locally, and succeeds
    assert_eq!(sandbox.tokens_issued(), 5);

    redis.restart();
    tokio::time::sleep(config().retry_after + Duration::from_millis(100)).await;
    let later: Vec<Client> = (0..4)
        .map(|_| client(&sandbox, Arc::clone(&shared)))
        .collect();
    call_all(&later).await;
    assert_eq!(
        sandbox.tokens_issued(),
        6,
        "shared again: one token for four new clients"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_storm_across_32_clients_causes_one_refresh() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder().start().await.unwrap();
    let clients = fleet(32, &sandbox, &redis);
    call_all(&clients).await;
    assert_eq!(sandbox.tokens_issued(), 1);
    // Faceki's clock passes the token's lifetime: every client's next call is a 401.
    sandbox.advance_clock(Duration::from_secs(7200));
    call_all(&clients).await;
    assert_eq!(sandbox.tokens_issued(), 2, "32 rejections, one refresh");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_in_redis_is_ignored_not_trusted() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder().start().await.unwrap();
    let scope = TokenScope::new(sandbox.base_url(), sandbox.credentials().client_id());
    let token_key = store(&redis).keys(&scope).token;
    redis.command(&["SET", &token_key, "v1 not-a-token"]);
    let clients = fleet(2, &sandbox, &redis);
    call_all(&clients).await;
    assert_eq!(
        sandbox.tokens_issued(),
        1,
        "a fresh token replaced the garbage"
    );
    let stored = redis.command(&["GET", &token_key]);
    assert!(
        stored.contains("v1 ") && !stored.contains("not-a-token"),
        "{stored}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_in_the_url_authenticate_and_wrong_ones_fall_back_locally() {
    let redis = RedisServer::start_with(&["--requirepass", "fleet-redis-pw"]);
    let sandbox = Sandbox::builder().start().await.unwrap();
    let url = redis
        .url()
        .replace("redis://", "redis://default:fleet-redis-pw@");
    let with_password = |url: &str| {
        (0..4)
            .map(|_| {
                let store = RedisTokenStore::with_config(url, config()).unwrap();
                client(&sandbox, Arc::new(store))
            })
            .collect::<Vec<_>>()
    };
    call_all(&with_password(&url)).await;
    assert_eq!(sandbox.tokens_issued(), 1, "AUTH through the URL: shared");
    // A wrong password: Redis refuses, each client fetches locally, calls succeed.
    let wrong = redis.url().replace("redis://", "redis://default:wrong-pw@");
    call_all(&with_password(&wrong)).await;
    assert_eq!(sandbox.tokens_issued(), 5);
}
