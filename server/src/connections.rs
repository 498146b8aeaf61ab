//! Serving HTTP with limits on how long and how many connections a client may hold.
//! `axum::serve` has none: one client holding ~20,000 idle sockets exhausts the process's file
//! limit and everyone else's requests time out. Here every connection must send a request's
//! headers within `header_read` (hyper's timer; it also runs while a keep-alive connection waits
//! for its next request), is closed once no byte has moved either way for `idle` (a client that
//! stops reading its answer, a stalled body), and is accepted only while the server holds fewer
//! than `max_total` connections and its peer fewer than `max_per_peer`; beyond that the socket
//! is closed at once, so refused connections cost no file descriptor.
use std::{
    collections::HashMap,
    future::Future,
    io,
    net::IpAddr,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{Router, extract::ConnectInfo};
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    time::Instant,
};
use tower::ServiceExt;

/// How long and how many; `Limits::default()` is what `bayline serve` uses unless configured.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_read: Duration,
    pub idle: Duration,
    pub max_total: usize,
    pub max_per_peer: usize,
    /// How long in-flight requests may take to finish once shutdown begins.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            max_total: 8192,
            max_per_peer: 256,
            drain: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets in-flight requests finish
/// (for at most `limits.drain`).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let counts = Counts::default();
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 only: browsers speak HTTP/2 only over TLS, which a proxy in front ends. (An
    // h1/h2 sniffing builder would also wait for a silent client's first bytes with no timer.)
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors or a connection reset before accept: keep serving.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(slot) = counts.admit(peer.ip(), &limits) else {
            tracing::warn!(peer = %peer.ip(), "connection refused: too many open connections");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let activity = Activity::new();
        let io = TokioIo::new(Tracked { inner: stream, activity: activity.clone() });
        let service = TowerToHyperService::new(app.clone().map_request(
            move |mut request: axum::extract::Request<_>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(axum::body::Body::new)
            },
        ));
        let connection = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            let _slot = slot;
            tokio::pin!(connection);
            loop {
                tokio::select! {
                    _ = &mut connection => break,
                    () = tokio::time::sleep_until(activity.last() + limits.idle) => {
                        if activity.last() + limits.idle <= Instant::now() {
                            break; // dropping the connection closes its socket
                        }
                    }
                }
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.drain, graceful.shutdown()).await.is_err() {
        tracing::warn!("shutdown: requests still running after {:?} were dropped", limits.drain);
    }
    Ok(())
}

/// Open connections, in all and per peer address.
#[derive(Clone, Default)]
struct Counts(Arc<Mutex<(usize, HashMap<IpAddr, usize>)>>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_peers_leave_nothing_behind_and_ended_connections_free_their_place() {
        let limits = Limits { max_total: 2, max_per_peer: 1, ..Limits::default() };
        let counts = Counts::default();
        let a = counts.admit("192.0.2.1".parse().unwrap(), &limits).expect("first from a");
        assert!(counts.admit("192.0.2.1".parse().unwrap(), &limits).is_none(), "a's share is one");
        let _b = counts.admit("192.0.2.2".parse().unwrap(), &limits).expect("first from b");
        for i in 3..50u8 {
            assert!(counts.admit(format!("192.0.2.{i}").parse().unwrap(), &limits).is_none(), "total is two");
        }
        assert_eq!(counts.0.lock().unwrap().1.len(), 2, "no entry for the refused peers");
        drop(a);
        assert_eq!(counts.0.lock().unwrap().1.len(), 1);
        assert!(counts.admit("192.0.2.3".parse().unwrap(), &limits).is_some(), "a freed place is usable");
    }
}

impl Counts {
    fn admit(&self, peer: IpAddr, limits: &Limits) -> Option<Slot> {
        let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (total, per_peer) = &mut *counts;
        // Looked up before inserting: a refused peer must leave no entry behind, or refusals
        // from many addresses at the total cap would grow the map without bound.
        let mine = per_peer.get(&peer).copied().unwrap_or(0);
        if *total >= limits.max_total || mine >= limits.max_per_peer {
            return None;
        }
        per_peer.insert(peer, mine + 1);
        *total += 1;
        Some(Slot { counts: self.clone(), peer })
    }
}

/// One admitted connection; dropping it (the connection ended) frees its place.
struct Slot {
    counts: Counts,
    peer: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (total, per_peer) = &mut *counts;
        *total -= 1;
        if let Some(mine) = per_peer.get_mut(&self.peer) {
            *mine -= 1;
            if *mine == 0 {
                per_peer.remove(&self.peer);
            }
        }
    }
}

/// When a byte last moved on a connection, in milliseconds since it opened.
#[derive(Clone)]
struct Activity {
    opened: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Self {
        Self { opened: Instant::now(), last_ms: Arc::new(AtomicU64::new(0)) }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.opened + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

/// A socket that records its activity.
struct Tracked {
    inner: TcpStream,
    activity: Activity,
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
