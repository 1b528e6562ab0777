//! Several real `faceki` processes with `--token-cache` (here `FACEKI_TOKEN_CACHE`)
//! share one token through a `redis-server` the test starts on a free loopback port:
//! the sandbox issues exactly one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../faceki-auth-redis/tests/support/redis_server.rs"]
mod redis_server;

use std::process::{Command, Stdio};

use faceki_sandbox::Sandbox;
use redis_server::RedisServer;

const SECRET: &str = "token-cache-secret-51d0";

#[test]
fn eight_faceki_processes_share_one_token_through_redis() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(
            Sandbox::builder()
                .client_id("cache-client")
                .client_secret(SECRET)
                .start(),
        )
        .unwrap();
    let redis = RedisServer::start();
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_faceki"))
                .arg("rules")
                .env("FACEKI_BASE_URL", sandbox.base_url())
                .env("FACEKI_CLIENT_ID", "cache-client")
                .env("FACEKI_CLIENT_SECRET", SECRET)
                .env("FACEKI_TOKEN_CACHE", redis.url())
                .env_remove("RUST_LOG")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains(SECRET));
    }
    assert_eq!(sandbox.tokens_issued(), 1, "eight processes, one token");
}

#[test]
fn a_bad_token_cache_url_is_a_usage_error_without_its_password() {
    let out = Command::new(env!("CARGO_BIN_EXE_faceki"))
        .arg("rules")
        .env("FACEKI_BASE_URL", "http://127.0.0.1:9")
        .env("FACEKI_CLIENT_ID", "id")
        .env("FACEKI_CLIENT_SECRET", SECRET)
        .env("FACEKI_TOKEN_CACHE", "redis://app:redis-pw-77@host:port/0")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--token-cache"), "{stderr}");
    assert!(!stderr.contains("redis-pw-77"), "{stderr}");
}
