//! The Redis password never shows: not in the store's `Debug`, not in a build
//! error, not in the tracing warning recorded when Redis is unreachable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use faceki_auth::{TokenScope, TokenStore};
use faceki_auth_redis::{RedisStoreConfig, RedisTokenStore};

const PASSWORD: &str = "hunter2-redis-PASSWORD";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_bad_url_is_refused_without_its_password() {
    let err =
        RedisTokenStore::new(format!("redis://user:{PASSWORD}@host:not-a-port/0")).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains("user:***@"), "{shown}");
}

#[tokio::test]
async fn an_unreachable_redis_is_a_warning_without_the_password() {
    // Port 1 on loopback is closed.
    let mut config = RedisStoreConfig::default();
    config.op_timeout = Duration::from_millis(300);
    let store =
        RedisTokenStore::with_config(format!("redis://app:{PASSWORD}@127.0.0.1:1/0"), config)
            .unwrap();
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let scope = TokenScope::new("https://sdk.faceki.com", "id");
    let err = store.load(&scope).await.unwrap_err();
    // Backing off: the next call answers at once, without trying Redis.
    let again = store.load(&scope).await.unwrap_err();
    let log = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    assert!(log.contains("token store unavailable"), "{log}");
    for shown in [log, format!("{err} {again} {store:?}")] {
        assert!(!shown.contains(PASSWORD), "{shown}");
    }
    assert!(again.to_string().contains("backing off"), "{again}");
}
