//! The accept loop: HTTP/1 connections served by the router, each with a
//! [`ConnControl`] so a fault can close the socket without answering.

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::faults::ConnControl;

/// Serves until the task is aborted; aborting also ends every open connection.
pub(crate) async fn serve(listener: TcpListener, router: Router) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        while connections.try_join_next().is_some() {}
        let router = router.clone();
        connections.spawn(async move {
            let ctrl = ConnControl::default();
            let abort = ctrl.abort.clone();
            let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ctrl.clone());
                let svc = TowerToHyperService::new(router.clone());
                hyper::service::Service::call(&svc, req)
            });
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                () = abort.notified() => {}
            }
        });
    }
}
