//! A small HTTP/1.1 server for tests: 127.0.0.1 on a free port, one
//! thread per connection, one request per connection, stopped (and its
//! accept thread joined) when dropped.

use std::io::BufReader;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::http1;

/// Answers one request.
pub type Handler = dyn Fn(http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send + Sync;

/// A running server; dropping it stops it.
pub struct TestServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts serving `handler` on 127.0.0.1 with a port the system picks.
    pub fn start(handler: Arc<Handler>) -> std::io::Result<TestServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let accept = std::thread::Builder::new()
            .name(format!("test-server-{}", addr.port()))
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let handler = Arc::clone(&handler);
                    std::thread::spawn(move || serve(stream, &*handler));
                }
            })?;
        Ok(TestServer {
            addr,
            stop,
            accept: Some(accept),
        })
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, to prefix request paths with.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// One connection: a request in, a response out. A request that cannot be
/// read gets a 400 with the reason.
fn serve(stream: TcpStream, handler: &Handler) {
    let timeout = Some(Duration::from_secs(30));
    let _ = stream.set_read_timeout(timeout);
    let _ = stream.set_write_timeout(timeout);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let response = match http1::read_request(&mut reader) {
        Ok(Some(request)) => handler(request),
        Ok(None) => return,
        Err(e) => {
            let mut response = http::Response::new(e.0.into_bytes());
            *response.status_mut() = http::StatusCode::BAD_REQUEST;
            response
        }
    };
    let _ = http1::write_response(&mut writer, &response);
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_and_stops() {
        let server = TestServer::start(Arc::new(|request: http::Request<Vec<u8>>| {
            http::Response::new(format!("{} {}", request.method(), request.uri()).into_bytes())
        }))
        .unwrap();
        let addr = server.addr();
        let request = http::Request::get("/x?y=1").body(Vec::new()).unwrap();
        let response = http1::send(addr, &request).unwrap();
        assert_eq!(response.body(), b"GET /x?y=1");
        drop(server);
        let request = http::Request::get("/").body(Vec::new()).unwrap();
        assert!(http1::send(addr, &request).is_err(), "stopped");
    }
}
