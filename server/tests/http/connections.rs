//! The limits on connections, over real sockets on loopback: a silent or half-sent request is
//! cut off after the header timeout, an idle keep-alive connection after the idle timeout, and
//! beyond the caps a connection is closed at once while other clients are still served. Each
//! attack also runs with its guard lifted, to show the guard is what stops it.
use std::{
    net::{IpAddr, SocketAddr},
    time::Duration,
};

use axum::{Router, extract::ConnectInfo, routing::get};
use server::connections::{Limits, serve};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpSocket, TcpStream},
    time::{Instant, sleep, timeout},
};

const GENEROUS: Limits = Limits {
    header_read: Duration::from_secs(30),
    idle: Duration::from_secs(30),
    max_total: 10_000,
    max_per_peer: 10_000,
    drain: Duration::from_secs(1),
};

/// A server on an ephemeral port whose one page answers with the peer's address.
async fn start(limits: Limits) -> SocketAddr {
    let app = Router::new()
        .route("/", get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, limits, std::future::pending()));
    addr
}

/// A connection from `from` (any 127.0.0.0/8 address is this machine).
async fn connect(server: SocketAddr, from: &str) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from.parse::<IpAddr>().unwrap(), 0)).unwrap();
    socket.connect(server).await.unwrap()
}

/// Sends one keep-alive request and reads its answer; `None` when the connection is closed.
async fn ask(stream: &mut TcpStream) -> Option<String> {
    stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").await.ok()?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        let n = timeout(Duration::from_secs(5), stream.read(&mut buf)).await.ok()?.ok()?;
        if n == 0 {
            return None;
        }
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                return Some(text.into_owned());
            }
        }
    }
}

/// How long until the server closes the connection (`None`: still open after `within`).
async fn closed_after(stream: &mut TcpStream, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 256];
    loop {
        match timeout(within.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => continue, // a 408 or similar before the close
        }
    }
}

#[tokio::test]
async fn silent_and_half_sent_requests_are_cut_off_after_the_header_timeout() {
    let limits = Limits { header_read: Duration::from_millis(300), ..GENEROUS };
    let server = start(limits).await;
    let mut silent = connect(server, "127.0.0.1").await;
    let mut slow = connect(server, "127.0.0.1").await;
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ").await.unwrap();
    let opened = Instant::now();
    for stream in [&mut silent, &mut slow] {
        closed_after(stream, Duration::from_secs(3)).await.expect("closed by the header timeout");
        assert!(
            opened.elapsed() >= Duration::from_millis(250),
            "not before the timeout: {:?}",
            opened.elapsed()
        );
    }
    // Guard lifted: the same silent connection is still open seconds later.
    let lifted = start(GENEROUS).await;
    let mut silent = connect(lifted, "127.0.0.1").await;
    assert_eq!(closed_after(&mut silent, Duration::from_secs(1)).await, None);
}

#[tokio::test]
async fn keep_alive_connections_close_when_nothing_moves_for_the_idle_timeout() {
    let limits = Limits { idle: Duration::from_millis(400), ..GENEROUS };
    let server = start(limits).await;
    let mut talking = connect(server, "127.0.0.1").await;
    // A connection in use stays open past the idle timeout: it is idleness, not age, that counts.
    for _ in 0..6 {
        assert!(ask(&mut talking).await.is_some(), "a busy connection stays open");
        sleep(Duration::from_millis(150)).await;
    }
    let closed = closed_after(&mut talking, Duration::from_secs(3)).await.expect("closed once idle");
    assert!(closed >= Duration::from_millis(200), "{closed:?}");
    // Guard lifted: an idle keep-alive connection stays.
    let lifted = start(GENEROUS).await;
    let mut idle = connect(lifted, "127.0.0.1").await;
    assert!(ask(&mut idle).await.is_some());
    assert_eq!(closed_after(&mut idle, Duration::from_secs(1)).await, None);
}

#[tokio::test]
async fn one_peer_cannot_hold_more_than_its_share_and_others_are_still_served() {
    let limits = Limits { max_per_peer: 4, ..GENEROUS };
    let server = start(limits).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut stream = connect(server, "127.0.0.1").await;
        assert!(ask(&mut stream).await.is_some());
        held.push(stream);
    }
    let mut fifth = connect(server, "127.0.0.1").await;
    assert!(closed_after(&mut fifth, Duration::from_secs(2)).await.is_some(), "the fifth is closed at once");
    // Another client is still served, and sees its own address.
    let mut other = connect(server, "127.0.0.2").await;
    assert!(ask(&mut other).await.expect("served").ends_with("127.0.0.2"));
    // A held connection that ends frees its place.
    drop(held.pop());
    sleep(Duration::from_millis(200)).await;
    let mut again = connect(server, "127.0.0.1").await;
    assert!(ask(&mut again).await.is_some(), "a freed place is usable");

    // Guard lifted: the fifth connection is accepted and kept like the others.
    let lifted = start(GENEROUS).await;
    let mut all = Vec::new();
    for _ in 0..5 {
        let mut stream = connect(lifted, "127.0.0.1").await;
        assert!(ask(&mut stream).await.is_some());
        all.push(stream);
    }
}

#[tokio::test]
async fn the_server_holds_at_most_its_total_of_connections() {
    let limits = Limits { max_total: 3, ..GENEROUS };
    let server = start(limits).await;
    let mut held = Vec::new();
    for from in ["127.0.0.2", "127.0.0.3", "127.0.0.4"] {
        let mut stream = connect(server, from).await;
        assert!(ask(&mut stream).await.is_some());
        held.push(stream);
    }
    let mut fourth = connect(server, "127.0.0.5").await;
    assert!(closed_after(&mut fourth, Duration::from_secs(2)).await.is_some(), "beyond the total: closed");
    drop(held.pop());
    sleep(Duration::from_millis(200)).await;
    let mut again = connect(server, "127.0.0.5").await;
    assert!(ask(&mut again).await.is_some(), "a freed place is usable");
}
